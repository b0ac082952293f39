// Page kind: an article has a substantial text body that is not mostly links; a listing has a
// run of headline-like links (often with a date beside each) and little text of its own.
// Listing links and pagination links (下一页, 尾页, page numbers) are what the crawler follows.
#include "extract/page_kind.h"

#include <algorithm>
#include <set>

#include "extract/u32_text.h"
#include "util/url.h"

namespace extract {
namespace {

// An article body has at least this many characters (CJK characters count one each).
constexpr size_t kMinArticleChars = 120;
// A link whose text has at least this many characters looks like a headline.
constexpr size_t kMinHeadlineChars = 6;
// A listing has at least this many headline links.
constexpr size_t kMinListingLinks = 4;
// Listing pages carry little text of their own: less than their links' text and less than
// this many characters.
constexpr size_t kListingMaxBodyChars = 360;

constexpr std::string_view kPaginationWords[] = {
    "下一页", "上一页", "首页", "尾页",     "末页",  "前一页", "后一页", "下页",
    "上页",   "next",   "prev", "previous", "older", "newer",  "»",      "«",
    "›",      "‹",      ">>",   "<<",       "last",  "first"};

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsPaginationText(const std::string& text) {
  if (text.empty() || text.size() > 24) return false;
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return true;  // page numbers
  }
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view w : kPaginationWords) {
    if (lower.find(w) != std::string::npos) return true;
  }
  // "[2]", "第3页"
  return (lower.find("第") == 0 && lower.find("页") != std::string::npos);
}

}  // namespace

PageKindResult ClassifyPage(const PageContext& ctx, const BodyResult& body, bool has_title,
                            bool has_date) {
  const Document& doc = ctx.doc;
  PageKindResult r;
  auto site = util::SiteOfUrl(ctx.base_url);
  std::set<std::string> seen;
  size_t link_text_chars = 0;
  for (NodeId a : doc.FindAll("a")) {
    auto href = doc.Attr(a, "href");
    if (!href) continue;
    auto url = util::ResolveUrl(ctx.base_url, *href);
    if (!url) continue;
    std::string clean = url->substr(0, url->find('#'));
    std::string text = doc.CompactText(a);
    if (IsPaginationText(text)) {
      if (seen.insert("p" + clean).second) r.pagination_links.push_back({clean, text});
      continue;
    }
    if (CodePoints(text) < kMinHeadlineChars) continue;
    if (site && util::SiteOfUrl(clean) != site) continue;
    if (!seen.insert("a" + clean).second) continue;
    link_text_chars += CodePoints(text);
    r.article_links.push_back({clean, text});
  }
  size_t body_chars = CodePoints(body.text);
  bool article = has_title && body_chars >= kMinArticleChars;
  bool listing_shape = r.article_links.size() >= kMinListingLinks &&
                       body_chars < std::min(kListingMaxBodyChars, link_text_chars);
  (void)has_date;
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
