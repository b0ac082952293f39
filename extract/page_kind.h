// Page classification: article, listing (a column's list of article links, with pagination) or
// other; for listings, the article links and pagination links the crawler follows.
// Pure function; thread-safe.
#pragma once

#include <vector>

#include "extract/article.h"
#include "extract/body.h"
#include "extract/page_context.h"

namespace extract {

struct PageKindResult {
  PageKind kind = PageKind::kOther;
  std::vector<PageLink> article_links;     // listing: links that look like article links
  std::vector<PageLink> pagination_links;  // listing: 下一页, page numbers, 尾页
};

PageKindResult ClassifyPage(const PageContext& ctx, const BodyResult& body, bool has_title,
                            bool has_date);

}  // namespace extract
