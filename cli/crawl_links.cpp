#include "cli/crawl_links.h"

namespace cli {

std::vector<crawler::DiscoveredLink> LinksToFollow(const extract::Article& article,
                                                   const LinkPolicy& policy) {
  using crawler::LinkKind;
  std::vector<crawler::DiscoveredLink> out;
  auto add = [&out](const std::string& url, LinkKind kind) { out.push_back({url, kind}); };
  for (const auto& url : article.continuation_urls) add(url, LinkKind::kContinuation);
  for (const auto* sibling : {&article.prev, &article.next}) {
    if (*sibling && (*sibling)->url) add(*(*sibling)->url, LinkKind::kSibling);
  }
  for (const auto& l : article.article_links) add(l.url, LinkKind::kArticle);
  for (const auto& l : article.pagination_links) add(l.url, LinkKind::kListing);
  if (article.kind != extract::PageKind::kArticle || policy.follow_all_from_articles) {
    for (const auto& l : article.other_links) add(l.url, LinkKind::kOther);
  }
  return out;
}

}  // namespace cli
