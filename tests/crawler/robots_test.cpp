#include "crawler/robots.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crawler {
namespace {

constexpr const char* kProduct = "newsarc";

bool Allowed(std::string_view robots, std::string_view path, std::string_view agent = kProduct) {
  return IsAllowed(ParseRobots(robots, agent), path);
}

struct PathCase {
  const char* path;
  bool allowed;
};

// Checks each path against one robots.txt for our product token.
void ExpectPaths(std::string_view robots, const std::vector<PathCase>& cases,
                 std::string_view agent = kProduct) {
  const RobotsRules rules = ParseRobots(robots, agent);
  for (const PathCase& c : cases) {
    EXPECT_EQ(IsAllowed(rules, c.path), c.allowed)
        << "agent " << agent << ", path " << c.path << ", robots.txt:\n"
        << robots;
  }
}

struct RuleCase {
  const char* rule;  // one rule line under "User-agent: *"
  std::vector<PathCase> paths;
};

// --- Matching ---------------------------------------------------------------------------------

// RFC 9309 §2.2.2-§2.2.3, with the path examples of Google's robots.txt documentation
// (developers.google.com/search/docs/crawling-indexing/robots/robots_txt#url-matching-based-on-path-values).
TEST(RobotsMatcher, GoogleDocumentedPathExamples) {
  const RuleCase cases[] = {
      {"Disallow: /", {{"/", false}, {"/any/thing", false}}},
      {"Disallow: /*", {{"/", false}, {"/any/thing", false}}},
      {"Disallow: /$", {{"/", false}, {"/page.htm", true}}},
      {"Disallow: /fish",
       {{"/fish", false},
        {"/fish.html", false},
        {"/fish/salmon.html", false},
        {"/fishheads", false},
        {"/fishheads/yummy.html", false},
        {"/fish.php?id=anything", false},
        {"/Fish.asp", true},
        {"/catfish", true},
        {"/?id=fish", true},
        {"/desert/fish", true}}},
      {"Disallow: /fish*",
       {{"/fish", false}, {"/fishheads/yummy.html", false}, {"/Fish.asp", true}}},
      {"Disallow: /fish/",
       {{"/fish/", false},
        {"/fish/?id=anything", false},
        {"/fish/salmon.htm", false},
        {"/fish", true},
        {"/fish.html", true},
        {"/animals/fish/", true},
        {"/Fish/Salmon.asp", true}}},
      {"Disallow: /*.php",
       {{"/index.php", false},
        {"/folder/filename.php?parameters", false},
        {"/folder/any.php.file.html", false},
        {"/filename.php/", false},
        {"/", true},
        {"/windows.PHP", true}}},
      {"Disallow: /*.php$",
       {{"/filename.php", false},
        {"/folder/filename.php", false},
        {"/filename.php?parameters", true},
        {"/filename.php/", true},
        {"/filename.php5", true},
        {"/windows.PHP", true}}},
      {"Disallow: /fish*.php",
       {{"/fish.php", false}, {"/fishheads/catfish.php?parameters", false}, {"/Fish.PHP", true}}},
  };
  for (const RuleCase& c : cases) ExpectPaths(std::string("User-agent: *\n") + c.rule, c.paths);
}

// RFC 9309 §2.2.2: "the most specific match found MUST be used ... the match that has the most
// octets"; an equivalent allow and disallow: allow. Google's order-of-precedence examples.
TEST(RobotsMatcher, LongestMatchWinsAndAllowWinsTies) {
  const struct {
    const char* rules;
    PathCase path;
  } cases[] = {
      {"Allow: /p\nDisallow: /", {"/page", true}},
      {"Allow: /folder\nDisallow: /folder", {"/folder/page", true}},  // tie
      {"Allow: /page\nDisallow: /*.htm", {"/page.htm", false}},       // 6 octets beat 5
      {"Allow: /page\nDisallow: /*.ph", {"/page.php", true}},         // 5 and 5: allow
      {"Allow: /$\nDisallow: /", {"/", true}},
      {"Allow: /$\nDisallow: /", {"/page.htm", false}},
      {"Disallow: /\nAllow: /news/", {"/news/1.html", true}},  // order does not matter
      {"Allow: /news/\nDisallow: /", {"/news/1.html", true}},
      {"Disallow: /news/\nAllow: /news", {"/news/1.html", false}},
      {"Disallow: /a\nDisallow: /abc\nAllow: /ab", {"/abcd", false}},
  };
  for (const auto& c : cases) {
    ExpectPaths(std::string("User-agent: *\n") + c.rules, {c.path});
  }
}

TEST(RobotsMatcher, LongestMatchBeatsEarlierDisallow) {
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: /\nAllow: /news/2024/", "/news/2024/1.html"));
}

// RFC 9309 §2.2.2: "The /robots.txt URI is implicitly allowed."
TEST(RobotsMatcher, RobotsTxtIsAlwaysAllowed) {
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: /", "/robots.txt"));
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: /*.txt", "/robots.txt"));
  EXPECT_FALSE(Allowed("User-agent: *\nDisallow: /", "/robots.txt.bak"));
}

// RFC 9309 §2.2.2: percent-encoding is normalised before comparison (the RFC's table), and
// octets outside ASCII are percent-encoded (UTF-8).
TEST(RobotsMatcher, PercentEncodingIsNormalised) {
  const struct {
    const char* rule_path;
    const char* path;
  } same[] = {
      {"/a%3cd", "/a%3Cd"},
      {"/a%3Cd", "/a%3cd"},
      {"/%7Ejoe", "/~joe/index.html"},
      {"/~joe", "/%7ejoe/index.html"},
      {"/foo/bar?baz=quz", "/foo/bar?baz=quz"},
      {"/foo/bar/ツ", "/foo/bar/%E3%83%84"},
      {"/foo/bar/%E3%83%84", "/foo/bar/ツ"},
      {"/foo/bar/baz", "/foo/bar/%62%61%7A"},
      {"/新闻", "/%E6%96%B0%E9%97%BB/1.html"},
      {"/%E6%96%B0%E9%97%BB", "/新闻/1.html"},
      {"/%e6%96%b0%e9%97%bb", "/新闻/1.html"},
      {"/?q=%41", "/?q=A"},  // in the query too
  };
  for (const auto& c : same) {
    EXPECT_FALSE(Allowed(std::string("User-agent: *\nDisallow: ") + c.rule_path, c.path))
        << c.rule_path << " should match " << c.path;
  }
  // Reserved characters are not decoded: "%2F" is not "/", "%3D" is not "=".
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: /a/b", "/a%2Fb"));
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: /q=", "/q%3D"));
}

TEST(RobotsMatcher, NormalizeRobotsPathExamples) {
  EXPECT_EQ(NormalizeRobotsPath("/%7ejoe"), "/~joe");
  EXPECT_EQ(NormalizeRobotsPath("/a%3cd"), "/a%3Cd");
  EXPECT_EQ(NormalizeRobotsPath("/新闻"), "/%E6%96%B0%E9%97%BB");
  EXPECT_EQ(NormalizeRobotsPath("/a b"), "/a%20b");
  EXPECT_EQ(NormalizeRobotsPath("/100%"), "/100%");
  EXPECT_EQ(NormalizeRobotsPath("/?a=1&b=*$"), "/?a=1&b=*$");
}

// RFC 9309 §2.2.3: to match '*' or '$' literally, a pattern percent-encodes them.
TEST(RobotsMatcher, EncodedSpecialCharactersMatchLiterally) {
  ExpectPaths("User-agent: *\nDisallow: /path/file-with-a-%2A.html\nDisallow: /path/foo-%24\n",
              {{"/path/file-with-a-*.html", false},
               {"/path/file-with-a-x.html", true},
               {"/path/foo-$", false},
               {"/path/foo-", true}});
  // '$' inside a pattern is a literal; only a final '$' anchors.
  ExpectPaths("User-agent: *\nDisallow: /a$b\n", {{"/a$b", false}, {"/a", true}});
}

TEST(RobotsMatcher, NoRulesOrNoMatchMeansAllowed) {
  EXPECT_TRUE(IsAllowed(RobotsRules{}, "/anything"));
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: /private/", "/public/"));
  EXPECT_FALSE(Allowed("User-agent: *\nDisallow: /", ""));  // empty path is "/"
}

TEST(RobotsMatcher, PathologicalWildcardsFinishQuickly) {
  const std::string path = "/" + std::string(20000, 'a');
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*a*b", path));
  EXPECT_FALSE(Allowed("User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*a$", path));
  const std::string many_stars = "/" + std::string(5000, '*') + "b";
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: " + many_stars, path));
}

TEST(RobotsPatternMatches, WildcardAndAnchorSemantics) {
  const struct {
    const char* path;
    const char* pattern;
    bool matches;
  } cases[] = {
      {"/", "/", true},
      {"/abc", "/a", true},
      {"/abc", "/abcd", false},
      {"/abc", "/abc$", true},
      {"/abcd", "/abc$", false},
      {"/abc", "*", true},
      {"/abc", "*c$", true},
      {"/abc", "*b$", false},
      {"/a/b/c", "/*/c", true},
      {"/abc", "/a**c", true},
      {"/a$c", "/a$c", true},
      {"/ac", "/a$c", false},
      {"/x.php", "/*.php$", true},
      {"", "*", true},
      {"", "$", true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(internal::PatternMatches(c.path, c.pattern), c.matches)
        << c.pattern << " vs " << c.path;
  }
}

// --- Parsing: groups ----------------------------------------------------------------------------

// RFC 9309 §5.1 (Simple example).
TEST(RobotsParser, Rfc9309SimpleExample) {
  const char* robots =
      "User-Agent: *\n"
      "Disallow: *.gif$\n"
      "Disallow: /example/\n"
      "Allow: /publications/\n"
      "\n"
      "User-Agent: foobot\n"
      "Disallow:/\n"
      "Allow:/example/page.html\n"
      "Allow:/example/allowed.gif\n"
      "\n"
      "User-Agent: barbot\n"
      "User-Agent: bazbot\n"
      "Disallow: /example/page.html\n"
      "\n"
      "User-Agent: quxbot\n"
      "\n"
      "EOF\n";
  ExpectPaths(robots,
              {{"/example/page.html", true},
               {"/example/allowed.gif", true},
               {"/example/other.html", false},
               {"/", false}},
              "foobot");
  for (const char* agent : {"barbot", "bazbot"}) {
    ExpectPaths(robots, {{"/example/page.html", false}, {"/example/other.html", true}}, agent);
  }
  ExpectPaths(robots, {{"/example/page.html", true}, {"/x.gif", true}}, "quxbot");
  ExpectPaths(robots,
              {{"/x.gif", false},
               {"/example/page.html", false},
               {"/publications/1.html", true},
               {"/x.gif?size=2", true}},
              kProduct);
}

// RFC 9309 §5.2 (Longest match).
TEST(RobotsParser, Rfc9309LongestMatchExample) {
  ExpectPaths("User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n",
              {{"/example/page/", true}, {"/example/page/disallowed.gif", false}}, "foobot");
}

// RFC 9309 §2.2.1: the group naming our product token applies, else the '*' group.
TEST(RobotsParser, SpecificGroupBeatsTheWildcardGroup) {
  const char* robots =
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: newsarc\nDisallow: /private/\n";
  ExpectPaths(robots, {{"/news/", true}, {"/private/x", false}});
  ExpectPaths(robots, {{"/news/", false}}, "someotherbot");
}

// RFC 9309 §2.2.1: "Crawlers MUST use case-insensitive matching to find the group that matches
// the product token"; like google/robotstxt, the token ends at the first character outside
// [A-Za-z_-] ("NewsArc/1.0").
TEST(RobotsParser, ProductTokenMatchesCaseInsensitivelyAndIgnoresVersion) {
  for (const char* line : {"User-agent: NewsArc", "User-agent: NEWSARC", "User-agent: newsarc/1.0",
                           "user-agent: NewsArc/2.0 (+https://example.org)"}) {
    EXPECT_FALSE(
        Allowed(std::string("User-agent: *\nAllow: /\n\n") + line + "\nDisallow: /\n", "/x"))
        << line;
  }
  // Another product that merely starts or ends like ours is not us.
  for (const char* line : {"User-agent: newsarc-bot", "User-agent: news", "User-agent: xnewsarc"}) {
    EXPECT_TRUE(Allowed(std::string(line) + "\nDisallow: /\n", "/x")) << line;
  }
}

// RFC 9309 §2.2.1: one group may name several user agents.
TEST(RobotsParser, MultipleUserAgentLinesShareOneGroup) {
  const char* robots =
      "User-agent: otherbot\nUser-agent: newsarc\nUser-agent: thirdbot\n"
      "Disallow: /shared/\n";
  EXPECT_FALSE(Allowed(robots, "/shared/1"));
  EXPECT_FALSE(Allowed(robots, "/shared/1", "thirdbot"));
}

// RFC 9309 §2.2.1: "If there is more than one group matching the user-agent, the matching
// groups' rules MUST be combined into one group."
TEST(RobotsParser, GroupsForTheSameAgentAreMerged) {
  const char* robots =
      "user-agent: newsarc\ndisallow: /a\n\nuser-agent: *\ndisallow: /c\n\n"
      "user-agent: NewsArc\ndisallow: /b\n";
  ExpectPaths(robots, {{"/a", false}, {"/b", false}, {"/c", true}});
  ExpectPaths(
      "user-agent: *\ndisallow: /a\n\nuser-agent: x\ndisallow: /\n\n"
      "user-agent: *\ndisallow: /b\n",
      {{"/a", false}, {"/b", false}, {"/c", true}});
}

// Regression (bitbucket.org's and jimmyjohns.com's robots.txt in ../shared/robots-corpus): a
// Crawl-delay or Sitemap line and a blank line end the '*' group's agent list, so the next
// user-agent starts its own group, and its "Disallow: /" does not apply to everyone.
TEST(RobotsParser, OtherLineAndABlankLineEndTheAgentList) {
  ExpectPaths("User-Agent: *\nCrawl-delay: 120\n\nUser-agent: 008\nDisallow: /\n", {{"/", true}});
  ExpectPaths("User-Agent: *\nSitemap: /s.xml\n\nUser-agent: SemrushBot\nDisallow: /\n",
              {{"/", true}});
  ExpectPaths("User-Agent: *\nFoo: bar\n\nUser-agent: other\nDisallow: /\n", {{"/", true}});
}

// RFC 9309 §2.1, google/robotstxt ID_LineSyntax_Groups_OtherRules: lines the RFC does not
// define (Sitemap, unknown keys) and a Crawl-delay line directly among the agent lines do not
// close a group's run of user-agent lines (issue #13).
TEST(RobotsParser, OtherLinesDoNotCloseTheAgentList) {
  ExpectPaths("User-agent: newsarc\nCrawl-delay: 10\nUser-agent: *\nDisallow: /admin/\n",
              {{"/admin/", false}, {"/", true}});
  ExpectPaths("User-agent: newsarc\nSitemap: https://foo.bar/sitemap\nUser-agent: *\nDisallow: /\n",
              {{"/", false}});
  ExpectPaths("User-agent: newsarc\nInvalid-Unknown-Line: unknown\nUser-agent: *\nDisallow: /\n",
              {{"/", false}});
  ExpectPaths("User-Agent: *\nSitemap: /s.xml\nUser-agent: other\nDisallow: /\n", {{"/", false}});
  ExpectPaths("User-Agent: *\nFoo: bar\nUser-agent: other\nDisallow: /\n", {{"/", false}});
  // The group's Crawl-delay applies to every agent of the run.
  RobotsRules r =
      ParseRobots("User-agent: newsarc\nCrawl-delay: 10\nUser-agent: *\nDisallow: /a\n", "newsarc");
  EXPECT_EQ(r.crawl_delay_seconds.value_or(0), 10);
}

TEST(RobotsParser, EmptyAgentOpensAGroupNamingNobody) {
  // An empty "User-agent:" opens a group naming nobody (www.sonymobile.com).
  ExpectPaths("User-agent: *\nDisallow: /x\n\nUser-agent:\nUser-agent: Nutch\nDisallow: /\n",
              {{"/", true}, {"/x", false}});
}

// RFC 9309 §2.2.1: rules must follow a user-agent line.
TEST(RobotsParser, RulesBeforeAnyUserAgentAreIgnored) {
  EXPECT_TRUE(Allowed("Disallow: /\nUser-agent: *\nDisallow: /x", "/y"));
}

TEST(RobotsParser, EmptyGarbageOrBinaryFilesAllowEverything) {
  EXPECT_TRUE(Allowed("", "/x"));
  EXPECT_TRUE(Allowed("<html><body><h1>404 Not Found</h1></body></html>", "/x"));
  const char binary[] = "\0\xff\xfe garbage\x80\x81\n:::\n";
  EXPECT_TRUE(Allowed(std::string(binary, sizeof(binary) - 1), "/x"));
  EXPECT_TRUE(ParseRobots("{\"json\": true}", kProduct).rules.empty());
}

// RFC 9309 §2.2.2: "Disallow:" with an empty value disallows nothing.
TEST(RobotsParser, EmptyDisallowAllowsEverything) {
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow:\n", "/anything"));
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: # nothing\n", "/anything"));
}

// RFC 9309 §2.2: lines end at CR, LF or CRLF; '#' starts a comment; whitespace around keys
// and values is ignored. google/robotstxt also skips a UTF-8 BOM.
TEST(RobotsParser, ToleratesBomLineEndsCommentsAndWhitespace) {
  for (const char* robots : {
           "\xEF\xBB\xBFUser-agent: *\nDisallow: /x\n",
           "User-agent: *\rDisallow: /x\r",
           "User-agent: *\r\nDisallow: /x\r\n",
           "User-agent: * # everyone\nDisallow: /x # no x\n",
           "  User-agent  :  *  \n\t Disallow\t:\t/x\t\n",
           "# header\n\nUser-agent: *\n\n# a comment\nDisallow: /x",
       }) {
    EXPECT_FALSE(Allowed(robots, "/x/1")) << robots;
    EXPECT_TRUE(Allowed(robots, "/y")) << robots;
  }
}

// google/robotstxt accepts these typos and the missing colon; so do we (see robots.h).
TEST(RobotsParser, AcceptsGooglesCommonMisspellings) {
  for (const char* robots : {
           "useragent: *\ndisallow: /x\n",
           "User agent: *\nDisallow: /x\n",
           "User-agent: *\nDissallow: /x\n",
           "User-agent: *\nDissalow: /x\n",
           "User-agent: *\nDisalow: /x\n",
           "User-agent: *\nDiasllow: /x\n",
           "User-agent: *\nDisallaw: /x\n",
           "User-agent: *\nDisallow /x\n",
       }) {
    EXPECT_FALSE(Allowed(robots, "/x")) << robots;
  }
  // Whitespace as the separator only when the line is exactly two words.
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow /x /y\n", "/x"));
}

// Not RFC 9309 (which requires '/'), but what the owner plainly means, as Protego and
// Python's robotparser read it.
TEST(RobotsParser, PatternWithoutLeadingSlashIsSiteRelative) {
  ExpectPaths("User-agent: *\nDisallow: private/\nDisallow: *.pdf$\n",
              {{"/private/1", false}, {"/a/b.pdf", false}, {"/public/", true}});
}

// RFC 9309 §2.5: "crawlers SHOULD parse at least the first 500 kibibytes".
TEST(RobotsParser, IgnoresRulesAfterTheFirst500KiB) {
  const std::string padding = std::string(600 * 1024, '#') + "\n";
  const std::string robots = "User-agent: *\nDisallow: /early\n" + padding + "Disallow: /late\n";
  ExpectPaths(robots, {{"/early", false}, {"/late", true}});
}

TEST(RobotsParser, AppliesRulesWithinTheFirst500KiB) {
  const std::string padding = std::string(400 * 1024, '#') + "\n";
  ExpectPaths("User-agent: *\n" + padding + "Disallow: /late\n", {{"/late", false}});
  // A line cut by the limit is dropped, not shortened: here only "Allow: /p" of
  // "Allow: /private-but-long" lies within the limit, and "/p" would allow "/public".
  const std::string head = "User-agent: *\nDisallow: /\n";
  const size_t kept = std::string_view("Allow: /p").size();
  const std::string robots = head + std::string(kMaxRobotsBytes - head.size() - kept - 1, '#') +
                             "\nAllow: /private-but-long\n";
  ExpectPaths(robots, {{"/public", false}, {"/private-but-long", false}});
}

// --- Parsing: other records ---------------------------------------------------------------------

// Crawl-delay is not in RFC 9309 (§2.2.4 lets crawlers interpret other records).
TEST(RobotsParser, ReadsCrawlDelayFromTheApplyingGroup) {
  auto rules = ParseRobots(
      "User-agent: *\nCrawl-delay: 2.5\nDisallow: /x\n"
      "User-agent: other\nCrawl-delay: 99\n",
      kProduct);
  ASSERT_TRUE(rules.crawl_delay_seconds.has_value());
  EXPECT_DOUBLE_EQ(*rules.crawl_delay_seconds, 2.5);

  rules = ParseRobots("User-agent: *\nCrawl-delay: 9\n\nUser-agent: newsarc\nCrawl-delay: 3\n",
                      kProduct);
  ASSERT_TRUE(rules.crawl_delay_seconds.has_value());
  EXPECT_DOUBLE_EQ(*rules.crawl_delay_seconds, 3.0);
}

TEST(RobotsParser, IgnoresGarbageCrawlDelays) {
  const struct {
    const char* value;
    std::optional<double> seconds;
  } cases[] = {
      {"10", 10.0}, {"0", 0.0},  {"0.5", 0.5}, {".5", 0.5}, {"soon", {}},  {"-1", {}},
      {"10s", {}},  {"1e3", {}}, {"inf", {}},  {"", {}},    {"1.2.3", {}}, {"0x10", {}},
  };
  for (const auto& c : cases) {
    const auto rules =
        ParseRobots(std::string("User-agent: *\nCrawl-delay: ") + c.value + "\n", kProduct);
    EXPECT_EQ(rules.crawl_delay_seconds, c.seconds) << "Crawl-delay: " << c.value;
  }
}

// RFC 9309 §2.2.4: Sitemap records belong to no group.
TEST(RobotsParser, CollectsEverySitemapWhereverItIs) {
  const auto rules = ParseRobots(
      "Sitemap: http://a.org/s1.xml\nUser-agent: other\nDisallow: /\n"
      "Sitemap: http://a.org/s2.xml # second\nsitemap:http://a.org/s3.xml\nSitemap:\n",
      kProduct);
  EXPECT_EQ(rules.sitemaps, (std::vector<std::string>{"http://a.org/s1.xml", "http://a.org/s2.xml",
                                                      "http://a.org/s3.xml"}));
}

// --- Fetch outcomes -----------------------------------------------------------------------------

// RFC 9309 §2.3.1.2-§2.3.1.4.
TEST(RobotsPolicy, StatusDecidesWhatAFetchMeans) {
  const struct {
    int status;
    RobotsPolicy policy;
  } cases[] = {
      {200, RobotsPolicy::kParseBody},   {204, RobotsPolicy::kParseBody},
      {301, RobotsPolicy::kAllowAll},    {308, RobotsPolicy::kAllowAll},
      {400, RobotsPolicy::kAllowAll},    {401, RobotsPolicy::kAllowAll},
      {403, RobotsPolicy::kAllowAll},    {404, RobotsPolicy::kAllowAll},
      {410, RobotsPolicy::kAllowAll},    {429, RobotsPolicy::kDisallowAll},
      {500, RobotsPolicy::kDisallowAll}, {503, RobotsPolicy::kDisallowAll},
      {0, RobotsPolicy::kDisallowAll},   {100, RobotsPolicy::kDisallowAll},
      {-1, RobotsPolicy::kDisallowAll},  {999, RobotsPolicy::kDisallowAll},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(PolicyForFetchOutcome(c.status), c.policy) << "status " << c.status;
  }
}

}  // namespace
}  // namespace crawler
