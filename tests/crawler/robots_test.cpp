#include "crawler/robots.h"

#include <gtest/gtest.h>

namespace crawler {
namespace {

bool Allowed(std::string_view robots, std::string_view path, std::string_view agent = "newsarc") {
  return IsAllowed(ParseRobots(robots, agent), path);
}

struct Case {
  const char* robots;
  const char* path;
  bool allowed;
};

// RFC 9309 §2.2.2: longest match wins, allow wins ties; '*' and '$' (§2.2.3).
TEST(RobotsMatcher, LongestMatchWinsAndAllowWinsTies) {
  const Case cases[] = {
      {"user-agent: *\ndisallow: /\nallow: /news/", "/news/1.html", true},
      {"user-agent: *\nallow: /news/\ndisallow: /", "/news/1.html", true},
      {"user-agent: *\ndisallow: /news/\nallow: /news", "/news/1.html", false},
      {"user-agent: *\nallow: /page\ndisallow: /*.htm", "/page.htm", false},  // 6 vs 5 octets
      {"user-agent: *\nallow: /a\ndisallow: /a", "/a", true},                 // tie: allow
      {"user-agent: *\ndisallow: /fish", "/fish.html", false},
      {"user-agent: *\ndisallow: /fish", "/Fish.asp", true},  // case-sensitive paths
      {"user-agent: *\ndisallow: /fish*", "/fishheads/yummy.html", false},
      {"user-agent: *\ndisallow: /fish/", "/fish", true},
      {"user-agent: *\ndisallow: /*.php$", "/folder/filename.php", false},
      {"user-agent: *\ndisallow: /*.php$", "/filename.php?parameters", true},
      {"user-agent: *\ndisallow: /*.php$", "/filename.php5", true},
      {"user-agent: *\ndisallow: /$\n", "/", false},
      {"user-agent: *\ndisallow: /$\n", "/index.html", true},
      {"user-agent: *\ndisallow: /*?", "/list.asp?page=2", false},
      {"user-agent: *\ndisallow:", "/anything", true},      // empty disallow allows everything
      {"user-agent: *\ndisallow: /", "/robots.txt", true},  // robots.txt is always allowed
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Allowed(c.robots, c.path), c.allowed) << c.robots << " | " << c.path;
  }
}

// RFC 9309 §2.2.1: the group naming our product token applies, else the '*' group.
TEST(RobotsParser, SpecificGroupBeatsTheWildcardGroup) {
  const char* robots =
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: NewsArc/1.0\nUser-agent: otherbot\nDisallow: /private/\n";
  EXPECT_TRUE(Allowed(robots, "/news/"));
  EXPECT_FALSE(Allowed(robots, "/private/x"));
  EXPECT_FALSE(Allowed(robots, "/news/", "someotherbot"));
}

TEST(RobotsParser, GroupsForTheSameAgentAreMerged) {
  const char* robots =
      "user-agent: newsarc\ndisallow: /a\n\nuser-agent: *\ndisallow: /c\n\n"
      "user-agent: newsarc\ndisallow: /b\n";
  EXPECT_FALSE(Allowed(robots, "/a"));
  EXPECT_FALSE(Allowed(robots, "/b"));
  EXPECT_TRUE(Allowed(robots, "/c"));
}

TEST(RobotsParser, RulesBeforeAnyUserAgentAreIgnored) {
  EXPECT_TRUE(Allowed("disallow: /\nuser-agent: *\ndisallow: /x", "/y"));
}

TEST(RobotsParser, EmptyOrGarbageFilesAllowEverything) {
  EXPECT_TRUE(Allowed("", "/x"));
  EXPECT_TRUE(Allowed("<html><body>Not Found</body></html>", "/x"));
  EXPECT_TRUE(Allowed(std::string("\0\xff\xfe garbage", 12), "/x"));
}

TEST(RobotsParser, ToleratesBomCrLineEndsCommentsAndMisspellings) {
  EXPECT_FALSE(Allowed("\xEF\xBB\xBFuser-agent: *\rdisallow: /x # no\r", "/x/1"));
  EXPECT_FALSE(Allowed("User agent: *\r\nDissallow: /x\r\n", "/x/1"));
  EXPECT_FALSE(Allowed("useragent: *\ndisallow /x\n", "/x/1"));
}

// RFC 9309 §2.5: at least 500 KiB are parsed; what follows may be ignored.
TEST(RobotsParser, ParsesTheFirst500KibOnly) {
  std::string before = "user-agent: *\ndisallow: /early\n" + std::string(400 * 1024, '#') + "\n";
  EXPECT_FALSE(Allowed(before + "disallow: /late\n", "/early"));
  EXPECT_FALSE(Allowed(before + "disallow: /late\n", "/late"));
  std::string far = "user-agent: *\n" + std::string(600 * 1024, '#') + "\ndisallow: /late\n";
  EXPECT_TRUE(Allowed(far, "/late"));
}

TEST(RobotsParser, ReadsCrawlDelayAndSitemaps) {
  auto rules = ParseRobots(
      "Sitemap: http://a.org/s1.xml\nuser-agent: *\ncrawl-delay: 2.5\ndisallow: /x\n"
      "user-agent: other\ncrawl-delay: 99\nSitemap: http://a.org/s2.xml\n",
      "newsarc");
  ASSERT_TRUE(rules.crawl_delay_seconds.has_value());
  EXPECT_DOUBLE_EQ(*rules.crawl_delay_seconds, 2.5);
  EXPECT_EQ(rules.sitemaps,
            (std::vector<std::string>{"http://a.org/s1.xml", "http://a.org/s2.xml"}));
  EXPECT_FALSE(
      ParseRobots("user-agent: *\ncrawl-delay: soon\n", "newsarc").crawl_delay_seconds.has_value());
}

// RFC 9309 §2.2.2: percent-encoding is normalised before matching.
TEST(RobotsMatcher, PercentEncodingIsNormalised) {
  EXPECT_FALSE(Allowed("user-agent: *\ndisallow: /a%3cd", "/a%3Cd"));
  EXPECT_FALSE(Allowed("user-agent: *\ndisallow: /%7Ejoe", "/~joe/index.html"));
  EXPECT_FALSE(Allowed("user-agent: *\ndisallow: /~joe", "/%7ejoe/index.html"));
  EXPECT_FALSE(Allowed("user-agent: *\ndisallow: /新闻", "/%E6%96%B0%E9%97%BB/1.html"));
  EXPECT_FALSE(Allowed("user-agent: *\ndisallow: /%E6%96%B0%E9%97%BB", "/新闻/1.html"));
}

TEST(RobotsMatcher, PathologicalWildcardsFinishQuickly) {
  std::string path = "/" + std::string(20000, 'a');
  EXPECT_TRUE(Allowed("user-agent: *\ndisallow: /*a*a*a*a*a*a*a*a*a*a*b", path));
  EXPECT_FALSE(Allowed("user-agent: *\ndisallow: /*a*a*a*a*a*a*a*a*a*a$", path));
}

}  // namespace
}  // namespace crawler
