// Previous/next article links: 上一条/上一篇/上一则/下一条/下一篇, "Previous/Next article",
// rel=prev/next. 没有了/无 give a link with a null URL. Listing pagination (下一页, 尾页) is not
// prev/next: inside an article it marks the following pages of a multi-page article.
// URLs are absolute (resolved against ctx.base_url); when the page URL is unknown, a relative
// href is kept as printed. A label whose link leads nowhere ("#", "javascript:") gives a link
// with a null URL. continuation_urls is meaningful on article pages only.
// Pure function; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "extract/article.h"
#include "extract/page_context.h"

namespace extract {

struct SiblingLinks {
  std::optional<SiblingLink> prev;
  std::optional<SiblingLink> next;
  // Following pages of this article (下一页 / page numbers inside the article), absolute URLs.
  std::vector<std::string> continuation_urls;
};

SiblingLinks ExtractPrevNext(const PageContext& ctx, NodeId body_container);

}  // namespace extract
