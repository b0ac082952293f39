#include "storage/chain_audit.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace storage {
namespace {

std::string U(int n) { return "http://a.cn/news/" + std::to_string(n) + ".html"; }

// Articles 1..n linked both ways: 1 says it has no previous article, n no next one.
std::vector<ChainArticle> Linked(int first, int last) {
  std::vector<ChainArticle> out;
  for (int i = first; i <= last; ++i) {
    out.push_back({U(i), i == first ? ChainLink::None() : ChainLink::To(U(i - 1)),
                   i == last ? ChainLink::None() : ChainLink::To(U(i + 1))});
  }
  return out;
}

std::vector<std::string> UrlsOf(const std::vector<ChainArticle>& articles) {
  std::vector<std::string> urls;
  for (const auto& a : articles) urls.push_back(a.url);
  std::sort(urls.begin(), urls.end());
  return urls;
}

TEST(ChainAudit, LinksBothWaysMakeOneCompleteChain) {
  auto articles = Linked(1, 5);
  std::reverse(articles.begin(), articles.end());  // input order does not matter
  ChainAudit audit = AuditChains(articles, UrlsOf(articles));
  EXPECT_EQ(audit.articles, 5);
  ASSERT_EQ(audit.chains.size(), 1u);
  EXPECT_EQ(audit.chains[0].first, U(1));
  EXPECT_EQ(audit.chains[0].last, U(5));
  EXPECT_EQ(audit.chains[0].length, 5);
  EXPECT_TRUE(audit.holes.empty());
  EXPECT_TRUE(audit.breaks.empty());
  EXPECT_TRUE(audit.cycles.empty());
  EXPECT_TRUE(audit.orphans.empty());
}

TEST(ChainAudit, LinkToAnUnarchivedUrlIsAHoleCountedOncePerTarget) {
  // 1 <-> 2 -> (3 missing) <- 4 <-> 5
  auto articles = Linked(1, 2);
  auto tail = Linked(4, 5);
  articles[1].next = ChainLink::To(U(3));
  tail[0].prev = ChainLink::To(U(3));
  articles.insert(articles.end(), tail.begin(), tail.end());
  ChainAudit audit = AuditChains(articles, UrlsOf(articles));
  ASSERT_EQ(audit.holes.size(), 1u);
  EXPECT_EQ(audit.holes[0].url, U(3));
  EXPECT_EQ(audit.holes[0].from, U(2));
  EXPECT_EQ(audit.holes[0].direction, ChainDirection::kNext);
  EXPECT_EQ(audit.holes[0].links, 2);
  ASSERT_EQ(audit.chains.size(), 2u);
  EXPECT_EQ(audit.chains[0].length, 2);
  EXPECT_EQ(audit.chains[1].length, 2);
  EXPECT_TRUE(audit.breaks.empty());
}

TEST(ChainAudit, LinkToAnotherSectionOfTheSiteIsNoHole) {
  auto articles = Linked(1, 3);
  articles[2].next = ChainLink::To(U(9));
  std::vector<std::string> site = UrlsOf(articles);
  site.push_back(U(9));
  std::sort(site.begin(), site.end());
  ChainAudit audit = AuditChains(articles, site);
  EXPECT_TRUE(audit.holes.empty());
  EXPECT_EQ(audit.links_out_of_section, 1);
  ASSERT_EQ(audit.chains.size(), 1u);
  EXPECT_EQ(audit.chains[0].length, 3);
}

TEST(ChainAudit, NextLinkAnsweredByAnotherPreviousLinkIsABreak) {
  // 1.next = 2, but 2.prev = 7 (never archived).
  auto articles = Linked(1, 3);
  articles[1].prev = ChainLink::To(U(7));
  ChainAudit audit = AuditChains(articles, UrlsOf(articles));
  ASSERT_EQ(audit.breaks.size(), 1u);
  EXPECT_EQ(audit.breaks[0].from, U(1));
  EXPECT_EQ(audit.breaks[0].to, U(2));
  EXPECT_EQ(audit.breaks[0].via, ChainDirection::kNext);
  EXPECT_EQ(audit.breaks[0].kind, BreakKind::kPointsElsewhere);
  EXPECT_EQ(audit.breaks[0].other, U(7));
  // The next link is still followed: one chain, and 7 is a hole.
  ASSERT_EQ(audit.chains.size(), 1u);
  EXPECT_EQ(audit.chains[0].length, 3);
  ASSERT_EQ(audit.holes.size(), 1u);
  EXPECT_EQ(audit.holes[0].url, U(7));
}

TEST(ChainAudit, PagesThatSayNoneOrShowNothingBackAreBreaks) {
  auto articles = Linked(1, 3);
  articles[1].prev = ChainLink::None();     // 1.next = 2, 2 says it is the first
  articles[2].prev = ChainLink::Unknown();  // 2.next = 3, 3 shows no previous link
  ChainAudit audit = AuditChains(articles, UrlsOf(articles));
  ASSERT_EQ(audit.breaks.size(), 2u);
  EXPECT_EQ(audit.breaks[0].kind, BreakKind::kSaysNone);
  EXPECT_EQ(audit.breaks[0].to, U(2));
  EXPECT_EQ(audit.breaks[1].kind, BreakKind::kNoBackLink);
  EXPECT_EQ(audit.breaks[1].to, U(3));
  ASSERT_EQ(audit.chains.size(), 1u);
  EXPECT_EQ(audit.chains[0].length, 3);
}

TEST(ChainAudit, PreviousLinkAloneLinksTwoArticles) {
  // Pages showing only 上一条: 2.prev = 1, 3.prev = 2.
  std::vector<ChainArticle> articles = {{U(1), ChainLink::None(), ChainLink::Unknown()},
                                        {U(2), ChainLink::To(U(1)), ChainLink::Unknown()},
                                        {U(3), ChainLink::To(U(2)), ChainLink::Unknown()}};
  ChainAudit audit = AuditChains(articles, UrlsOf(articles));
  ASSERT_EQ(audit.chains.size(), 1u);
  EXPECT_EQ(audit.chains[0].first, U(1));
  EXPECT_EQ(audit.chains[0].length, 3);
  // The template prints 上一条 only: no page could link back, so that is no break.
  EXPECT_EQ(audit.one_way, ChainDirection::kPrev);
  EXPECT_TRUE(audit.breaks.empty());
}

TEST(ChainAudit, NextLinksAloneAreOneWayButStillShowSecondLinks) {
  // Pages showing only 下一条: 1.next = 2, 2.next = 3, and 4.next = 3 as well.
  std::vector<ChainArticle> articles = {{U(1), ChainLink::Unknown(), ChainLink::To(U(2))},
                                        {U(2), ChainLink::Unknown(), ChainLink::To(U(3))},
                                        {U(3), ChainLink::Unknown(), ChainLink::None()},
                                        {U(4), ChainLink::Unknown(), ChainLink::To(U(3))}};
  ChainAudit audit = AuditChains(articles, UrlsOf(articles));
  EXPECT_EQ(audit.one_way, ChainDirection::kNext);
  ASSERT_EQ(audit.chains.size(), 1u);
  EXPECT_EQ(audit.chains[0].length, 3);
  ASSERT_EQ(audit.breaks.size(), 1u);
  EXPECT_EQ(audit.breaks[0].kind, BreakKind::kSecondLink);
  EXPECT_EQ(audit.breaks[0].from, U(4));
}

TEST(ChainAudit, PagesShowingBothLinksAreNotOneWay) {
  ChainAudit audit = AuditChains(Linked(1, 3), UrlsOf(Linked(1, 3)));
  EXPECT_FALSE(audit.one_way.has_value());
  std::vector<ChainArticle> silent = {{U(1), ChainLink::Unknown(), ChainLink::Unknown()}};
  EXPECT_FALSE(AuditChains(silent, UrlsOf(silent)).one_way.has_value());
}

TEST(ChainAudit, TwoArticlesNamingTheSameNextOneIsASecondLink) {
  auto articles = Linked(1, 3);
  articles.push_back({U(8), ChainLink::None(), ChainLink::To(U(2))});
  ChainAudit audit = AuditChains(articles, UrlsOf(articles));
  ASSERT_EQ(audit.breaks.size(), 1u);
  EXPECT_EQ(audit.breaks[0].from, U(8));
  EXPECT_EQ(audit.breaks[0].to, U(2));
  EXPECT_EQ(audit.breaks[0].kind, BreakKind::kSecondLink);
  EXPECT_EQ(audit.breaks[0].other, U(1));
  ASSERT_EQ(audit.chains.size(), 1u);
  EXPECT_EQ(audit.chains[0].length, 3);
  EXPECT_EQ(audit.orphans, std::vector<std::string>{U(8)});
}

TEST(ChainAudit, NextLinksLeadingBackAreACycle) {
  std::vector<ChainArticle> articles = {{U(1), ChainLink::To(U(3)), ChainLink::To(U(2))},
                                        {U(2), ChainLink::To(U(1)), ChainLink::To(U(3))},
                                        {U(3), ChainLink::To(U(2)), ChainLink::To(U(1))}};
  ChainAudit audit = AuditChains(articles, UrlsOf(articles));
  EXPECT_TRUE(audit.chains.empty());
  ASSERT_EQ(audit.cycles.size(), 1u);
  EXPECT_EQ(audit.cycles[0].urls, (std::vector<std::string>{U(1), U(2), U(3)}));
  EXPECT_TRUE(audit.breaks.empty());
  EXPECT_TRUE(audit.orphans.empty());
}

TEST(ChainAudit, ArticlesOutsideEveryChainAreOrphansOnlyWhenTheSectionHasChains) {
  auto articles = Linked(1, 3);
  articles.push_back({U(20), ChainLink::Unknown(), ChainLink::Unknown()});
  ChainAudit audit = AuditChains(articles, UrlsOf(articles));
  EXPECT_EQ(audit.orphans, std::vector<std::string>{U(20)});

  std::vector<ChainArticle> unlinked = {{U(1), ChainLink::Unknown(), ChainLink::Unknown()},
                                        {U(2), ChainLink::Unknown(), ChainLink::Unknown()}};
  ChainAudit none = AuditChains(unlinked, UrlsOf(unlinked));
  EXPECT_TRUE(none.chains.empty());
  EXPECT_TRUE(none.orphans.empty());
}

TEST(ChainAudit, RepeatedUrlIsCountedOnce) {
  auto articles = Linked(1, 2);
  articles.push_back(articles[0]);
  ChainAudit audit = AuditChains(articles, UrlsOf(articles));
  EXPECT_EQ(audit.articles, 2);
  ASSERT_EQ(audit.chains.size(), 1u);
  EXPECT_EQ(audit.chains[0].length, 2);
}

// Bounded: a chain of 100,000 articles is walked without recursion, each article once.
TEST(ChainAudit, AHundredThousandArticlesFormOneChain) {
  constexpr int kArticles = 100'000;
  auto articles = Linked(1, kArticles);
  ChainAudit audit = AuditChains(articles, UrlsOf(articles));
  ASSERT_EQ(audit.chains.size(), 1u);
  EXPECT_EQ(audit.chains[0].length, kArticles);
  EXPECT_TRUE(audit.holes.empty());
  EXPECT_TRUE(audit.breaks.empty());
}

}  // namespace
}  // namespace storage
