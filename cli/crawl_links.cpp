#include "cli/crawl_links.h"

#include "util/url.h"

namespace cli {

std::vector<crawler::DiscoveredLink> LinksToFollow(const extract::Article& article,
                                                   const LinkPolicy& policy) {
  using crawler::LinkKind;
  std::vector<crawler::DiscoveredLink> out;
  auto add = [&out](const std::string& url, LinkKind kind) { out.push_back({url, kind}); };
  auto add_link = [&out](const extract::PageLink& l, LinkKind kind) {
    out.push_back({l.url, kind, l.post_body});
  };
  for (const auto& l : article.entry_links) add(l.url, LinkKind::kEntry);
  for (const auto& url : article.continuation_urls) add(url, LinkKind::kContinuation);
  for (const auto* sibling : {&article.prev, &article.next}) {
    if (*sibling && (*sibling)->url) add(*(*sibling)->url, LinkKind::kSibling);
  }
  for (const auto& l : article.article_links) add_link(l, LinkKind::kArticle);
  for (const auto& l : article.pagination_links) add_link(l, LinkKind::kListing);
  if (article.kind != extract::PageKind::kArticle || policy.follow_all_from_articles) {
    for (const auto& l : article.other_links) add_link(l, LinkKind::kOther);
  }
  return out;
}

bool ReachedAsArticle(crawler::LinkKind kind) {
  // Pages a sitemap lists are queued as article links (kSitemap is the sitemap file itself).
  return kind == crawler::LinkKind::kArticle || kind == crawler::LinkKind::kSibling;
}

std::string ArticleUrl(const extract::Article& article, const std::string& page_url) {
  if (!article.canonical_url) return page_url;
  auto canonical = util::CanonicalizeUrl(*article.canonical_url);
  if (!canonical || util::SiteOfUrl(*canonical) != util::SiteOfUrl(page_url)) return page_url;
  // Templates that print the home page as every page's canonical would fold the whole site
  // into one article.
  auto parts = util::SplitUrl(*canonical);
  if (!parts || parts->path == "/" || parts->path.empty()) return page_url;
  return *canonical;
}

}  // namespace cli
