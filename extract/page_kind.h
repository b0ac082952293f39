// Page classification: article, listing (a column's list of article links, with pagination) or
// other; for listings, the article links and pagination links the crawler follows.
// Pure function; thread-safe.
#pragma once

#include <vector>

#include "extract/article.h"
#include "extract/body.h"
#include "extract/page_context.h"

namespace extract {

struct PageKindOptions {
  // An article body has at least this many characters (CJK characters count one each); a page
  // without a title needs `min_untitled_article_chars`.
  size_t min_article_chars = 120;
  size_t min_untitled_article_chars = 500;
  // A link whose text has at least this many characters looks like a headline.
  size_t min_headline_chars = 6;
  // A listing has at least this many headline links.
  size_t min_listing_links = 4;
  // Listing pages carry little text of their own: less than their links' text and less than
  // this many characters.
  size_t listing_max_body_chars = 360;
};

struct PageKindResult {
  PageKind kind = PageKind::kOther;
  std::vector<PageLink> article_links;     // listing: links that look like article links
  std::vector<PageLink> pagination_links;  // listing: 下一页, page numbers, 尾页
};

PageKindResult ClassifyPage(const PageContext& ctx, const BodyResult& body, bool has_title,
                            bool has_date, const PageKindOptions& options = {});

}  // namespace extract
