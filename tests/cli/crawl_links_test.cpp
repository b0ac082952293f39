#include "cli/crawl_links.h"

#include <gtest/gtest.h>

namespace cli {
namespace {

using crawler::LinkKind;

extract::Article Page(extract::PageKind kind) {
  extract::Article a;
  a.kind = kind;
  a.prev = extract::SiblingLink{std::string("http://a/1.html"), std::string("上一条")};
  a.next = extract::SiblingLink{std::nullopt, std::string("没有了")};
  a.continuation_urls = {"http://a/2_2.html"};
  a.article_links = {{"http://a/9.html", "标题"}};
  a.pagination_links = {{"http://a/list_2.html", "下一页"}};
  a.other_links = {{"http://a/about.html", "关于"}};
  return a;
}

std::vector<std::pair<std::string, LinkKind>> Flatten(
    const std::vector<crawler::DiscoveredLink>& links) {
  std::vector<std::pair<std::string, LinkKind>> out;
  for (const auto& l : links) out.emplace_back(l.url, l.kind);
  return out;
}

TEST(LinksToFollow, ArticlesLeadToTheirSiblingsAndFollowingPagesOnly) {
  auto links = Flatten(LinksToFollow(Page(extract::PageKind::kArticle)));
  EXPECT_EQ(links, (std::vector<std::pair<std::string, LinkKind>>{
                       {"http://a/2_2.html", LinkKind::kContinuation},
                       {"http://a/1.html", LinkKind::kSibling},
                       {"http://a/9.html", LinkKind::kArticle},
                       {"http://a/list_2.html", LinkKind::kListing}}));
}

TEST(LinksToFollow, ListingsAndOtherPagesAlsoLeadToTheSitesOtherPages) {
  for (auto kind : {extract::PageKind::kListing, extract::PageKind::kOther}) {
    auto links = Flatten(LinksToFollow(Page(kind)));
    ASSERT_FALSE(links.empty());
    EXPECT_EQ(links.back(), std::make_pair(std::string("http://a/about.html"), LinkKind::kOther));
  }
}

TEST(LinksToFollow, FollowAllAlsoTakesArticlesOtherLinks) {
  LinkPolicy policy;
  policy.follow_all_from_articles = true;
  auto links = Flatten(LinksToFollow(Page(extract::PageKind::kArticle), policy));
  EXPECT_EQ(links.back().first, "http://a/about.html");
}

}  // namespace
}  // namespace cli
