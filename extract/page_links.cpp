// Links beyond <a href>: meta refresh, frames and iframes, script redirects and pagers, page-jump
// selects and click handlers.
#include "extract/page_links.h"

#include <set>

#include "extract/boilerplate_patterns.h"
#include "extract/script_link_patterns.h"
#include "extract/text_normalize.h"
#include "util/url.h"

namespace extract {
namespace {

constexpr std::string_view kJavascriptScheme = "javascript:";

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && LowerAscii(s.substr(0, prefix.size())) == prefix;
}

std::string WithoutFragment(const std::string& url) { return url.substr(0, url.find('#')); }

// The URL of a meta refresh's content ("0; url=/cms/index.asp", "5;URL='a.html'"), as the HTML
// standard's "shared declarative refresh steps" read it; nullopt for a refresh of the page
// itself ("30").
std::optional<std::string_view> RefreshTarget(std::string_view content) {
  size_t i = 0;
  auto skip_space = [&] {
    while (i < content.size() && (content[i] == ' ' || content[i] == '\t' || content[i] == '\n' ||
                                  content[i] == '\r' || content[i] == '\f')) {
      ++i;
    }
  };
  skip_space();
  while (i < content.size() && ((content[i] >= '0' && content[i] <= '9') || content[i] == '.')) {
    ++i;
  }
  skip_space();
  if (i < content.size() && (content[i] == ';' || content[i] == ',')) ++i;
  skip_space();
  if (StartsWithNoCase(content.substr(i), "url")) {
    size_t j = i + 3;
    while (j < content.size() && (content[j] == ' ' || content[j] == '\t')) ++j;
    if (j < content.size() && content[j] == '=') {
      i = j + 1;
      skip_space();
    }
  }
  std::string_view target = content.substr(i);
  if (!target.empty() && (target.front() == '\'' || target.front() == '"')) {
    size_t close = target.find(target.front(), 1);
    target = target.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
  }
  target = TrimAscii(target);
  if (target.empty()) return std::nullopt;
  return target;
}

// The host with its first label dropped when it has three or more ("news.assoc.org.cn" →
// "assoc.org.cn"): two hosts whose families meet are one site's (an iframe of the site's own
// listing, not of a map or video service).
std::string HostFamily(const std::string& host) {
  size_t dots = 0;
  for (char c : host) dots += c == '.';
  if (dots < 2) return host;
  return host.substr(host.find('.') + 1);
}

bool SameSiteFamily(const std::string& page_url, const std::string& url) {
  auto a = util::SplitUrl(page_url);
  auto b = util::SplitUrl(url);
  if (!a || !b) return false;
  if (a->host == b->host) return true;
  std::string fa = HostFamily(a->host);
  std::string fb = HostFamily(b->host);
  auto within = [](const std::string& host, const std::string& family) {
    return host == family || (host.size() > family.size() && host.ends_with("." + family));
  };
  return within(b->host, fa) || within(a->host, fb);
}

// Collects resolved links into one list, deduplicated.
class LinkList {
 public:
  LinkList(const PageContext& ctx, std::vector<PageLink>& out) : ctx_(ctx), out_(out) {}
  void Add(std::string_view ref, std::string text) {
    auto url = ctx_.Resolve(ref);
    if (!url || !(url->starts_with("http://") || url->starts_with("https://"))) return;
    std::string clean = WithoutFragment(*url);
    if (seen_.insert(clean).second) out_.push_back({std::move(clean), std::move(text)});
  }
  void AddUrl(const std::string& url, std::string text) {
    std::string clean = WithoutFragment(url);
    if (seen_.insert(clean).second) out_.push_back({std::move(clean), std::move(text)});
  }

 private:
  const PageContext& ctx_;
  std::vector<PageLink>& out_;
  std::set<std::string> seen_;
};

// The script of an element's click: the text after "javascript:" in its href, else onclick.
std::optional<std::string_view> ClickScript(const Document& doc, NodeId element) {
  if (auto href = doc.Attr(element, "href")) {
    std::string_view h = TrimAscii(*href);
    if (StartsWithNoCase(h, kJavascriptScheme)) return h.substr(kJavascriptScheme.size());
  }
  return doc.Attr(element, "onclick");
}

bool IsPageJumpOption(std::string_view text) {
  if (IsPaginationText(text)) return true;
  std::string_view t = TrimAscii(text);
  if (t.empty()) return false;
  for (char c : t) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

size_t CapPageLinks(Article& article, const ExtractOptions& options) {
  size_t kept = 0;
  size_t bytes = 0;
  size_t dropped = 0;
  bool full = false;
  for (auto* list : {&article.entry_links, &article.pagination_links, &article.article_links,
                     &article.other_links}) {
    size_t keep = 0;
    for (; !full && keep < list->size(); ++keep) {
      const PageLink& l = (*list)[keep];
      size_t cost = l.url.size() + l.text.size() + (l.post_body ? l.post_body->size() : 0);
      if (kept == options.max_links || cost > options.max_link_bytes - bytes) {
        full = true;
        break;
      }
      ++kept;
      bytes += cost;
    }
    if (keep == list->size()) continue;
    dropped += list->size() - keep;
    list->erase(list->begin() + static_cast<std::ptrdiff_t>(keep), list->end());
    list->shrink_to_fit();
  }
  return dropped;
}

std::optional<std::string> ScriptUrlOf(const PageContext& ctx, NodeId element) {
  auto script = ClickScript(ctx.doc, element);
  if (!script || script->empty()) return std::nullopt;
  std::vector<ScriptLink> links = ReadScriptLinks(*script);
  for (auto& l : ApplyUrlFunctions(*script, ctx.UrlFunctions())) links.push_back(std::move(l));
  for (const ScriptLink& l : links) {
    if (l.role == ScriptLinkRole::kPagination) continue;
    auto url = ctx.Resolve(l.ref);
    if (url && (url->starts_with("http://") || url->starts_with("https://"))) return url;
  }
  return std::nullopt;
}

std::optional<std::string> AnchorUrl(const PageContext& ctx, NodeId a) {
  auto href = ctx.doc.Attr(a, "href");
  std::string_view h = href ? TrimAscii(*href) : std::string_view();
  bool scripted = !href || h.empty() || h == "#" || StartsWithNoCase(h, kJavascriptScheme);
  if (scripted) {
    if (auto url = ScriptUrlOf(ctx, a)) return url;
  }
  if (!href) return std::nullopt;
  return ctx.Resolve(*href);
}

ScriptedLinks DiscoverScriptedLinks(const PageContext& ctx) {
  const Document& doc = ctx.doc;
  ScriptedLinks out;
  LinkList entry(ctx, out.entry), pagination(ctx, out.pagination), other(ctx, out.other);
  if (doc.empty()) return out;

  // 1. Meta refresh, with any delay.
  for (NodeId meta : doc.FindAll("meta")) {
    auto equiv = doc.Attr(meta, "http-equiv");
    if (!equiv || LowerAscii(TrimAscii(*equiv)) != "refresh") continue;
    if (auto content = doc.Attr(meta, "content")) {
      if (auto target = RefreshTarget(*content)) entry.Add(*target, "meta refresh");
    }
  }
  // 2. Frames, and iframes of the same site.
  for (NodeId frame : doc.FindAll("frame")) {
    if (auto src = doc.Attr(frame, "src")) entry.Add(TrimAscii(*src), "frame");
  }
  for (NodeId iframe : doc.FindAll("iframe")) {
    auto src = doc.Attr(iframe, "src");
    if (!src) continue;
    auto url = ctx.Resolve(TrimAscii(*src));
    if (url && SameSiteFamily(ctx.base_url, *url)) entry.AddUrl(*url, "iframe");
  }
  // 3. Redirects on load: the body's (or frameset's) onload handler, then the page's scripts.
  for (std::string_view tag : {std::string_view("body"), std::string_view("frameset")}) {
    for (NodeId element : doc.FindAll(tag)) {
      auto onload = doc.Attr(element, "onload");
      if (!onload) continue;
      for (const ScriptLink& l : ReadScriptLinks(*onload)) entry.Add(l.ref, "onload");
    }
  }
  for (std::string_view script : ctx.scripts) {
    for (const ScriptLink& l : ReadScriptLinks(script)) {
      switch (l.role) {
        case ScriptLinkRole::kRedirect:
          entry.Add(l.ref, "script");
          break;
        case ScriptLinkRole::kPagination:
          pagination.Add(l.ref, "script pager");
          break;
        case ScriptLinkRole::kLink:
          other.Add(l.ref, "script");
          break;
      }
    }
  }
  // 4. Page-jump selects: <select onchange="location.href=this.value"><option value="list_2.html">.
  for (NodeId select : doc.FindAll("select")) {
    auto onchange = doc.Attr(select, "onchange");
    if (!onchange) continue;
    std::string handler = LowerAscii(*onchange);
    if (handler.find("location") == std::string::npos &&
        handler.find("open(") == std::string::npos) {
      continue;
    }
    for (NodeId option : doc.FindAll("option", select)) {
      auto value = doc.Attr(option, "value");
      if (!value || TrimAscii(*value).empty()) continue;
      std::string text = doc.CompactText(option);
      (IsPageJumpOption(text) ? pagination : other).Add(TrimAscii(*value), text);
    }
  }
  // 5. Click handlers of elements other than links (table rows and cells of old listings).
  for (NodeId i = 0; i < static_cast<NodeId>(doc.size()); ++i) {
    const Node& n = doc.node(i);
    if (n.type != NodeType::kElement || n.tag == "a" || !doc.Attr(i, "onclick")) continue;
    if (auto url = ScriptUrlOf(ctx, i)) other.AddUrl(*url, doc.CompactText(i));
  }
  return out;
}

}  // namespace extract
