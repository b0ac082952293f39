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

TEST(ArticleUrl, RelCanonicalCountsWithinTheSiteOnly) {
  extract::Article a;
  const std::string page = "http://www.a.org/news/show.asp?id=7&page=1";
  EXPECT_EQ(ArticleUrl(a, page), page);  // none printed
  struct Case {
    std::string canonical;
    std::string want;
  };
  for (const Case& c : {
           Case{"http://www.a.org/news/7.html", "http://www.a.org/news/7.html"},
           Case{"HTTP://WWW.A.ORG:80/news/./7.html#top", "http://www.a.org/news/7.html"},
           Case{"http://www.a.org/news/7.html;jsessionid=XYZ", "http://www.a.org/news/7.html"},
           Case{"http://other.org/news/7.html", page},  // another site
           Case{"http://www.a.org/", page},             // the home page: a template error
           Case{"javascript:void(0)", page},
       }) {
    a.canonical_url = c.canonical;
    EXPECT_EQ(ArticleUrl(a, page), c.want) << c.canonical;
  }
}

}  // namespace
}  // namespace cli
