// The links of a page that are not written as <a href="…">: where an entry page sends the
// browser (a meta refresh, a redirect on load, the frames of a frameset, an iframe of the same
// site), the further pages a pager script or a page-jump <select> names, pages opened by script
// handlers; and the URL an <a> leads to when its href is a script (javascript:…, onclick).
// The script idioms themselves are rows of script_link_patterns.h.
// Pure functions of the PageContext; thread-safe as it is (one context per thread).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "extract/article.h"
#include "extract/extract_options.h"
#include "extract/page_context.h"

namespace extract {

struct ScriptedLinks {
  // Meta refresh (any delay), location.href = '…' in a script or an onload handler, <frame src>,
  // <iframe src> on the same site: the pages an entry or container page leads to.
  std::vector<PageLink> entry;
  // Pages a pager script names (createPageHTML…) and the options of a page-jump <select>.
  std::vector<PageLink> pagination;
  // Other pages scripts open (window.open('…'), document.write('<a href=…>'), onclick handlers
  // of rows and cells).
  std::vector<PageLink> other;
};

// Absolute URLs without fragment, deduplicated within each list, in page order.
ScriptedLinks DiscoverScriptedLinks(const PageContext& ctx);

// The URL an <a> element leads to: its href resolved (ctx.Resolve), unless the href is a script
// ("javascript:…") or only "#"/absent and the element's script (the href's, else its onclick)
// names a literal URL, which is then the one. nullopt when neither names an http(s) URL.
std::optional<std::string> AnchorUrl(const PageContext& ctx, NodeId a);

// Keeps the first options.max_links links of the page, and no more than options.max_link_bytes
// bytes of their URLs, texts and POST bodies, over its lists in the order the crawler values
// them: entry links, pagination, article links, other links. Each list is cut at the first link
// that does not fit and the lists after it are emptied, so what is kept is a prefix in that
// order. prev/next and continuation_urls (a few URLs) are kept. Returns how many were dropped.
size_t CapPageLinks(Article& article, const ExtractOptions& options);

// Only the script part of AnchorUrl: the literal URL the javascript: href or onclick handler of
// `element` goes to, resolved; nullopt when it names none.
std::optional<std::string> ScriptUrlOf(const PageContext& ctx, NodeId element);

}  // namespace extract
