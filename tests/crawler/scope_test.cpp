#include "crawler/scope.h"

#include <gtest/gtest.h>

namespace crawler {
namespace {

ScopeOptions DemoOptions() {
  ScopeOptions o;
  o.allowed_hosts = {"www.a.org"};
  o.max_depth = 5;
  o.max_year = 2027;
  return o;
}

// Issue #15: a refusal is archived with its reason in a few words.
TEST(Scope, ExplainsWhyItRefusedAUrl) {
  ScopeOptions o = DemoOptions();
  o.exclude_patterns = {"/print/", "*.asp?print=*"};
  o.include_patterns = {"/news/", "/xwzx/"};
  Scope scope(o);
  const char* url = "http://www.a.org/x.asp?print=1";
  ASSERT_EQ(scope.Decide(url, 1), ScopeDecision::kExcluded);
  EXPECT_EQ(scope.Explain(ScopeDecision::kExcluded, url, 1),
            "matches exclude pattern *.asp?print=*");
  ASSERT_EQ(scope.Decide("http://www.a.org/about.html", 1), ScopeDecision::kNotIncluded);
  EXPECT_EQ(scope.Explain(ScopeDecision::kNotIncluded, "http://www.a.org/about.html", 1),
            "matches no include pattern (/news/ /xwzx/)");
  ASSERT_EQ(scope.Decide("http://www.a.org/news/1.html", 6), ScopeDecision::kTooDeep);
  EXPECT_EQ(scope.Explain(ScopeDecision::kTooDeep, "http://www.a.org/news/1.html", 6),
            "depth 6 > max depth 5");
  EXPECT_EQ(scope.Explain(ScopeDecision::kAccept, "http://www.a.org/news/1.html", 1), "");
}

TEST(Scope, AcceptsPagesOnAllowedHostsOnly) {
  Scope scope(DemoOptions());
  EXPECT_EQ(scope.Decide("http://www.a.org/news/1.html", 1), ScopeDecision::kAccept);
  EXPECT_EQ(scope.Decide("http://evil.org/news/1.html", 1), ScopeDecision::kOffSite);
  EXPECT_EQ(scope.Decide("ftp://www.a.org/x", 1), ScopeDecision::kNotHttp);
}

TEST(Scope, AcceptsHostsSharingTheSeedsRegistrableDomain) {
  ScopeOptions o;
  o.allowed_hosts = {"news.example.org.cn"};
  Scope scope(o);
  EXPECT_EQ(scope.Decide("http://news.example.org.cn/list.html", 1), ScopeDecision::kAccept);
  EXPECT_EQ(scope.Decide("http://www.example.org.cn/a/1.html", 1), ScopeDecision::kAccept);
  EXPECT_EQ(scope.Decide("http://example.org.cn/a/2.html", 1), ScopeDecision::kAccept);
  EXPECT_EQ(scope.Decide("https://anything.example.org.cn/a/3.html", 1), ScopeDecision::kAccept);
  EXPECT_EQ(scope.Decide("http://www.example2.org.cn/a/1.html", 1), ScopeDecision::kOffSite);
  EXPECT_EQ(scope.Decide("http://other.gov.cn/a/1.html", 1), ScopeDecision::kOffSite);
  EXPECT_EQ(scope.Decide("http://org.cn/", 1), ScopeDecision::kOffSite);
  EXPECT_TRUE(scope.IsOnSite("www.example.org.cn"));
  EXPECT_FALSE(scope.IsOnSite("example2.org.cn"));
}

TEST(Scope, ComparesHostsWithoutTheirPort) {
  ScopeOptions o;
  o.allowed_hosts = {"news.assoc.org.cn"};
  Scope scope(o);
  EXPECT_EQ(scope.Decide("http://news.assoc.org.cn:8080/list.html", 1), ScopeDecision::kAccept);
  EXPECT_EQ(scope.Decide("http://www.assoc.org.cn:8080/a/1.html", 1), ScopeDecision::kAccept);
  EXPECT_EQ(scope.Decide("http://www.assoc.org.cn/a/1.html", 1), ScopeDecision::kAccept);
  EXPECT_EQ(scope.Decide("http://www.other.org.cn:8080/a/1.html", 1), ScopeDecision::kOffSite);
}

TEST(Scope, WithoutSameRegistrableDomainOnlyTheAllowedHostsAreOnSite) {
  ScopeOptions o;
  o.allowed_hosts = {"news.example.org.cn"};
  o.same_registrable_domain = false;
  Scope scope(o);
  EXPECT_EQ(scope.Decide("http://news.example.org.cn/list.html", 1), ScopeDecision::kAccept);
  EXPECT_EQ(scope.Decide("http://www.example.org.cn/a/1.html", 1), ScopeDecision::kOffSite);
  EXPECT_EQ(scope.Decide("http://example.org.cn/a/2.html", 1), ScopeDecision::kOffSite);
}

TEST(Scope, IpAddressAndSingleLabelHostsMatchOnlyThemselves) {
  ScopeOptions o;
  o.allowed_hosts = {"127.0.0.2", "localhost"};
  Scope scope(o);
  EXPECT_EQ(scope.Decide("http://127.0.0.2:8080/a.html", 1), ScopeDecision::kAccept);
  EXPECT_EQ(scope.Decide("http://127.0.0.3:8080/a.html", 1), ScopeDecision::kOffSite);
  EXPECT_EQ(scope.Decide("http://10.0.0.2/a.html", 1), ScopeDecision::kOffSite);
  EXPECT_EQ(scope.Decide("http://localhost:3000/a.html", 1), ScopeDecision::kAccept);
  EXPECT_EQ(scope.Decide("http://intranet/a.html", 1), ScopeDecision::kOffSite);
}

TEST(Scope, AppliesExcludeBeforeInclude) {
  ScopeOptions o = DemoOptions();
  o.include_patterns = {"/news/", "ShowNews.asp*id="};
  o.exclude_patterns = {"print"};
  Scope scope(o);
  EXPECT_EQ(scope.Decide("http://www.a.org/news/1.html", 1), ScopeDecision::kAccept);
  EXPECT_EQ(scope.Decide("http://www.a.org/ShowNews.asp?id=3", 1), ScopeDecision::kAccept);
  EXPECT_EQ(scope.Decide("http://www.a.org/news/print.asp?id=1", 1), ScopeDecision::kExcluded);
  EXPECT_EQ(scope.Decide("http://www.a.org/about.html", 1), ScopeDecision::kNotIncluded);
}

TEST(Scope, RefusesDeepLinksAndNonHtmlFiles) {
  Scope scope(DemoOptions());
  EXPECT_EQ(scope.Decide("http://www.a.org/a.html", 6), ScopeDecision::kTooDeep);
  EXPECT_EQ(scope.Decide("http://www.a.org/files/report.PDF", 1), ScopeDecision::kNonHtmlExtension);
  EXPECT_EQ(scope.Decide("http://www.a.org/img/logo.jpg", 1), ScopeDecision::kNonHtmlExtension);
  EXPECT_EQ(scope.Decide("http://www.a.org/news/view.asp?id=1", 1), ScopeDecision::kAccept);
}

TEST(Scope, GuardsAgainstTraps) {
  ScopeOptions o = DemoOptions();
  o.max_query_variants_per_path = 3;
  Scope scope(o);
  EXPECT_EQ(scope.Decide("http://www.a.org/" + std::string(3000, 'a'), 1),
            ScopeDecision::kTrapUrlLength);
  EXPECT_EQ(scope.Decide("http://www.a.org/a/b/a/b/a/b/a/b/x.html", 1),
            ScopeDecision::kTrapRepeatedSegment);
  EXPECT_EQ(scope.Decide("http://www.a.org/cal.asp?year=2031&month=5", 1),
            ScopeDecision::kTrapCalendar);
  EXPECT_EQ(scope.Decide("http://www.a.org/cal.asp?date=1850-01-01", 1),
            ScopeDecision::kTrapCalendar);
  EXPECT_EQ(scope.Decide("http://www.a.org/cal.asp?year=2024&month=5", 1), ScopeDecision::kAccept);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(scope.Decide("http://www.a.org/list.asp?page=" + std::to_string(i), 1),
              ScopeDecision::kAccept);
  }
  EXPECT_EQ(scope.Decide("http://www.a.org/list.asp?page=9", 1), ScopeDecision::kTrapQueryVariants);
}

TEST(UrlPatternMatches, SubstringsAndGlobs) {
  EXPECT_TRUE(UrlPatternMatches("/news/", "http://a.org/news/1.html"));
  EXPECT_FALSE(UrlPatternMatches("/news/", "http://a.org/new/1.html"));
  EXPECT_TRUE(UrlPatternMatches("http://a.org/*/show*.asp", "http://a.org/x/y/showNews.asp"));
  EXPECT_TRUE(UrlPatternMatches("show*.asp?id=", "http://a.org/showNews.asp?id=3"));
  EXPECT_FALSE(UrlPatternMatches("show*.asp?id=", "http://a.org/showNews.aspx"));
  EXPECT_TRUE(UrlPatternMatches("*", "anything"));
}

TEST(UrlPatternProblem, AcceptsSubstringsAndGlobsAsUrlsSpellThem) {
  for (const char* ok : {"/news/", "show*.asp?id=", "list_*.html", "%E6%96%B0", "page=2&x=$y",
                         "/a(1)/[b]", "http://a.org/*"}) {
    EXPECT_EQ(UrlPatternProblem(ok), std::nullopt) << ok;
  }
}

// Bytes util::CanonicalizeUrl never leaves in a URL: a pattern holding one never matches.
TEST(UrlPatternProblem, RefusesWhatNoCanonicalUrlContains) {
  for (const char* regex : {"\\.pdf$", "^/news", "news|notice", "a{2}", "/x#top", "a b", "\"q\"",
                            "<a>", "`x`", "tab\there"}) {
    auto problem = UrlPatternProblem(regex);
    ASSERT_TRUE(problem) << regex;
    EXPECT_NE(problem->find("no URL contains"), std::string::npos) << *problem;
  }
  EXPECT_NE(UrlPatternProblem("新闻").value_or("").find("percent-encoded"), std::string::npos);
}

TEST(UrlPatternProblem, RefusesPatternsMatchingEveryUrl) {
  for (const char* all : {"", "*", "***"}) {
    EXPECT_NE(UrlPatternProblem(all).value_or("").find("matches every URL"), std::string::npos)
        << all;
  }
}

}  // namespace
}  // namespace crawler
