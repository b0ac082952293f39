// Page kind: an article has a substantial text body that is not mostly links; a listing has a
// run of headline-like links (often with a date beside each) and little text of its own.
// Listing links and pagination links (下一页, 尾页, page numbers) are what the crawler follows.
#include "extract/page_kind.h"

#include <algorithm>
#include <set>

#include "extract/boilerplate_patterns.h"
#include "extract/page_links.h"
#include "extract/u32_text.h"
#include "util/url.h"

namespace extract {
namespace {

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

PageKindResult ClassifyPage(const PageContext& ctx, const BodyResult& body, bool has_title,
                            bool has_date, const PageKindOptions& o) {
  const Document& doc = ctx.doc;
  PageKindResult r;
  auto site = util::SiteOfUrl(ctx.base_url);
  // "scheme://authority/" of the page: a link that starts with it is on the same site without
  // taking it apart.
  std::string_view origin;
  if (size_t authority = ctx.base_url.find("://"); authority != std::string::npos) {
    size_t slash = ctx.base_url.find('/', authority + 3);
    if (slash != std::string::npos) origin = std::string_view(ctx.base_url).substr(0, slash + 1);
  }
  std::set<std::string> seen;
  size_t link_text_chars = 0;
  for (NodeId a : doc.FindAll("a")) {
    auto url = AnchorUrl(ctx, a);
    if (!url) continue;
    std::string clean = url->substr(0, url->find('#'));
    std::string text = doc.CompactText(a);
    if (IsPaginationText(text)) {
      if (seen.insert("p" + clean).second) r.pagination_links.push_back({clean, text});
      continue;
    }
    if (CodePoints(text) < o.min_headline_chars) continue;
    bool same_site = !origin.empty() && clean.starts_with(origin);
    if (site && !same_site && util::SiteOfUrl(clean) != site) continue;
    if (!seen.insert("a" + clean).second) continue;
    link_text_chars += CodePoints(text);
    r.article_links.push_back({clean, text});
  }
  size_t body_chars = CodePoints(body.text);
  // A substantial body makes an article even without a headline (pages without <title>).
  bool article = ((has_title || has_date) && body_chars >= o.min_article_chars) ||
                 body_chars >= o.min_untitled_article_chars;
  bool listing_shape = r.article_links.size() >= o.min_listing_links &&
                       body_chars < std::min(o.listing_max_body_chars, link_text_chars);
  if (article && !listing_shape) {
    r.kind = PageKind::kArticle;
    // An article's own pagination is its continuation, found by the prev/next extractor.
    r.article_links.clear();
    r.pagination_links.clear();
  } else if (listing_shape) {
    r.kind = PageKind::kListing;
  } else {
    r.kind = article ? PageKind::kArticle : PageKind::kOther;
    r.article_links.clear();
    r.pagination_links.clear();
  }
  return r;
}

}  // namespace extract
