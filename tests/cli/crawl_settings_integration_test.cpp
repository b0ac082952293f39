// `newsarc crawl`'s scope and identity settings from the command line and from a discovered
// config file (issue #14): --include, --exclude, --max-depth, --jitter, --contact, --user-agent,
// ./newsarc.toml, $XDG_CONFIG_HOME/newsarc/config.toml and --no-config. What a setting changed
// is read from the loopback server's request log: the URLs requested and their User-Agent.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "tests/support/fixture_server.h"
#include "tests/support/fixture_server_log.h"
#include "tests/support/process.h"
#include "tests/support/sample_text.h"
#include "tests/support/test_util.h"
#include "version.h"

namespace {

using testing_support::FixtureResponse;
using testing_support::FixtureServer;
using testing_support::ProcessEnvironment;

constexpr const char* kHost = "assoc.test";
const std::string kDefaultUserAgent =
    std::string("newsarc/") + NEWSARC_VERSION + " (+https://github.com/newsarc/newsarc)";

std::string Article(const std::string& title) { return testing_support::SampleArticleHtml(title); }

// A page of links: {href, text}.
std::string Listing(const std::string& title,
                    const std::vector<std::pair<std::string, std::string>>& links) {
  std::string list;
  for (const auto& [href, text] : links) {
    list += "<li><a href=\"" + href + "\">" + text + "</a></li>";
  }
  return "<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><ul>" +
         list + "</ul></body></html>";
}

void WriteFile(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// index (depth 0) → two columns (depth 1) → their articles (depth 2), and a members' page that
// robots.txt closes to newsarc only.
class CrawlSettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir();
    db_ = dir_ + "/archive.sqlite";
    server_.AddHost(kHost);
    ASSERT_OK(server_.Start());
    server_.Route(kHost, "/robots.txt",
                  FixtureResponse::Text("User-agent: newsarc\nDisallow: /members/\n\n"
                                        "User-agent: *\nDisallow:\n"));
    server_.Route(kHost, "/index.html",
                  FixtureResponse::Html(Listing("示范协会", {{"/news/list.html", "协会新闻"},
                                                             {"/notice/list.html", "通知公告"},
                                                             {"/members/m1.html", "会员专区"}})));
    server_.Route(kHost, "/news/list.html",
                  FixtureResponse::Html(Listing("协会新闻", {{"/news/a1.html", "第一篇新闻"},
                                                             {"/news/a2.html", "第二篇新闻"}})));
    server_.Route(kHost, "/notice/list.html",
                  FixtureResponse::Html(Listing("通知公告", {{"/notice/n1.html", "第一则通知"}})));
    server_.Route(kHost, "/news/a1.html", FixtureResponse::Html(Article("第一篇新闻")));
    server_.Route(kHost, "/news/a2.html", FixtureResponse::Html(Article("第二篇新闻")));
    server_.Route(kHost, "/notice/n1.html", FixtureResponse::Html(Article("第一则通知")));
    server_.Route(kHost, "/members/m1.html", FixtureResponse::Html(Article("会员专区")));
  }

  std::vector<std::string> CrawlArgs(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"crawl",   "--db", db_, "--seed", Url("/index.html"),
                                     "--delay", "0.02"};
    for (const auto& r : server_.ResolveEntries()) args.insert(args.end(), {"--resolve", r});
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  testing_support::ProcessResult Crawl(std::vector<std::string> extra = {},
                                       const ProcessEnvironment& environment = {}) {
    return testing_support::RunNewsarc(CrawlArgs(std::move(extra)), std::nullopt, environment);
  }

  std::string Url(const std::string& target) const { return server_.Url(kHost, target); }

  std::set<std::string> Requested() const {
    std::set<std::string> targets;
    for (const auto& r : server_.RequestsFor(kHost)) targets.insert(r.target);
    return targets;
  }

  std::set<std::string> UserAgents() const {
    std::set<std::string> agents;
    for (const auto& r : server_.RequestsFor(kHost))
      agents.insert(r.Header("User-Agent").value_or(""));
    return agents;
  }

  std::string dir_;
  std::string db_;
  FixtureServer server_;
};

const std::set<std::string> kEverything = {"/robots.txt",       "/index.html",   "/news/list.html",
                                           "/notice/list.html", "/news/a1.html", "/news/a2.html",
                                           "/notice/n1.html"};

TEST_F(CrawlSettingsTest, DefaultUserAgentNamesTheProjectPage) {
  auto r = Crawl();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Requested(), kEverything);
  EXPECT_EQ(UserAgents(), std::set<std::string>{kDefaultUserAgent});
}

TEST_F(CrawlSettingsTest, ContactFlagGoesInTheUserAgent) {
  auto r = Crawl({"--contact", "archivist@example.org"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(UserAgents(), std::set<std::string>{std::string("newsarc/") + NEWSARC_VERSION +
                                                " (+mailto:archivist@example.org)"});
}

TEST_F(CrawlSettingsTest, ContactFlagOverridesTheConfigsContact) {
  std::string config = dir_ + "/site.toml";
  WriteFile(config, "[crawl]\nuser_agent_contact = \"mailto:config@example.org\"\n");
  auto r = Crawl({"--config", config, "--user-agent-contact", "https://example.org/crawler"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(UserAgents(), std::set<std::string>{std::string("newsarc/") + NEWSARC_VERSION +
                                                " (+https://example.org/crawler)"});
}

// RFC 9309 §2.2.1: robots.txt groups are matched by product token, whatever the header says.
TEST_F(CrawlSettingsTest, UserAgentFlagReplacesItWholeAndRobotsStillMatchNewsarc) {
  auto r = Crawl({"--user-agent", "ExampleArchive/2.0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(UserAgents(), std::set<std::string>{"ExampleArchive/2.0"});
  EXPECT_EQ(Requested(), kEverything) << "the newsarc group of robots.txt closes /members/";
  EXPECT_NE(r.err.find("names no contact"), std::string::npos) << r.err;

  auto with_contact = Crawl({"--user-agent", "ExampleArchive/2.0 (+https://example.org/bot)"});
  ASSERT_EQ(with_contact.exit_code, 0) << with_contact.err;
  EXPECT_EQ(with_contact.err.find("names no contact"), std::string::npos) << with_contact.err;
}

TEST_F(CrawlSettingsTest, ExcludeKeepsAPathOut) {
  auto r = Crawl({"--exclude", "/notice/", "--exclude", "a2.html"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Requested(), (std::set<std::string>{"/robots.txt", "/index.html", "/news/list.html",
                                                "/news/a1.html"}));
}

TEST_F(CrawlSettingsTest, IncludeLimitsTheCrawlToMatchingUrls) {
  auto r = Crawl({"--include", "/news/*.html"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Requested(), (std::set<std::string>{"/robots.txt", "/index.html", "/news/list.html",
                                                "/news/a1.html", "/news/a2.html"}));
}

TEST_F(CrawlSettingsTest, MaxDepthOneStopsAtTheSeedsLinks) {
  auto r = Crawl({"--max-depth", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Requested(), (std::set<std::string>{"/robots.txt", "/index.html", "/news/list.html",
                                                "/notice/list.html"}));
}

TEST_F(CrawlSettingsTest, FlagsOverrideTheConfigFile) {
  std::string config = dir_ + "/site.toml";
  WriteFile(config, "[crawl]\nexclude = [\"/news/\"]\nmax_depth = 1\n");
  auto r = Crawl({"--config", config, "--exclude", "/notice/", "--max-depth", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Requested(), (std::set<std::string>{"/robots.txt", "/index.html", "/news/list.html",
                                                "/news/a1.html", "/news/a2.html"}));
}

// Without jitter the starts of two requests to a host are --delay apart (plus a 10 ms margin;
// loopback answers too fast for the response-time term). With ±90 % they are not: the spread
// comes from the scheduler's fixed seed, so the same gaps are drawn on every run (from 0.43 s
// to 0.96 s for 0.5 s).
TEST_F(CrawlSettingsTest, JitterSpreadsTheGapsBetweenRequests) {
  std::vector<std::string> args = CrawlArgs({"--jitter", "0.9"});
  *(std::find(args.begin(), args.end(), "--delay") + 1) = "0.5";
  auto r = testing_support::RunNewsarc(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Requested(), kEverything);
  auto requests = server_.RequestsFor(kHost);
  ASSERT_GE(requests.size(), 5u);
  std::vector<std::chrono::steady_clock::duration> gaps = testing_support::StartGaps(requests);
  EXPECT_LT(*std::min_element(gaps.begin(), gaps.end()), std::chrono::milliseconds(500));
  EXPECT_GT(*std::max_element(gaps.begin(), gaps.end()), std::chrono::milliseconds(750));
}

TEST_F(CrawlSettingsTest, DiscoversNewsarcTomlInTheWorkingDirectory) {
  std::string cwd = dir_ + "/work";
  WriteFile(cwd + "/newsarc.toml",
            "[crawl]\nexclude = [\"/notice/\"]\nuser_agent_contact = \"ops@example.org\"\n");
  // Another one under XDG_CONFIG_HOME: the working directory's comes first.
  WriteFile(dir_ + "/xdg/newsarc/config.toml", "[crawl]\nexclude = [\"/news/\"]\n");
  ProcessEnvironment env{.working_dir = cwd, .variables = {{"XDG_CONFIG_HOME", dir_ + "/xdg"}}};
  std::vector<std::string> args = CrawlArgs();
  args.insert(args.begin(), "-v");
  auto r = testing_support::RunNewsarc(args, std::nullopt, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Requested(), (std::set<std::string>{"/robots.txt", "/index.html", "/news/list.html",
                                                "/news/a1.html", "/news/a2.html"}));
  EXPECT_EQ(UserAgents(), std::set<std::string>{std::string("newsarc/") + NEWSARC_VERSION +
                                                " (+mailto:ops@example.org)"});
  EXPECT_NE(r.err.find("file=newsarc.toml from=discovered"), std::string::npos) << r.err;
}

TEST_F(CrawlSettingsTest, DiscoversTheConfigUnderXdgConfigHome) {
  std::string cwd = dir_ + "/work";
  std::filesystem::create_directories(cwd);
  std::string file = dir_ + "/xdg/newsarc/config.toml";
  WriteFile(file, "[crawl]\nexclude = [\"/news/\"]\n");
  std::vector<std::string> args = CrawlArgs();
  args.insert(args.begin(), "-v");
  auto r = testing_support::RunNewsarc(
      args, std::nullopt, {.working_dir = cwd, .variables = {{"XDG_CONFIG_HOME", dir_ + "/xdg"}}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Requested(), (std::set<std::string>{"/robots.txt", "/index.html", "/notice/list.html",
                                                "/notice/n1.html"}));
  EXPECT_NE(r.err.find("file=" + file), std::string::npos) << r.err;
}

// XDG Base Directory spec: XDG_CONFIG_HOME unset means $HOME/.config.
TEST_F(CrawlSettingsTest, DiscoversTheConfigUnderHomeDotConfigWithoutXdgConfigHome) {
  std::string cwd = dir_ + "/work";
  std::filesystem::create_directories(cwd);
  WriteFile(dir_ + "/home/.config/newsarc/config.toml", "[crawl]\nmax_depth = 1\n");
  auto r = Crawl({}, {.working_dir = cwd,
                      .variables = {{"XDG_CONFIG_HOME", std::nullopt}, {"HOME", dir_ + "/home"}}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Requested(), (std::set<std::string>{"/robots.txt", "/index.html", "/news/list.html",
                                                "/notice/list.html"}));
}

TEST_F(CrawlSettingsTest, NoConfigIgnoresDiscoveredFiles) {
  std::string cwd = dir_ + "/work";
  WriteFile(cwd + "/newsarc.toml", "[crawl]\nexclude = [\"/notice/\"]\n");
  WriteFile(dir_ + "/xdg/newsarc/config.toml", "[crawl]\nexclude = [\"/news/\"]\n");
  auto r = Crawl({"--no-config"},
                 {.working_dir = cwd, .variables = {{"XDG_CONFIG_HOME", dir_ + "/xdg"}}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Requested(), kEverything);
  EXPECT_EQ(UserAgents(), std::set<std::string>{kDefaultUserAgent});
}

TEST_F(CrawlSettingsTest, MalformedDiscoveredConfigIsAUsageErrorNamingTheFile) {
  std::string cwd = dir_ + "/work";
  WriteFile(cwd + "/newsarc.toml", "[crawl]\nmax_depth = \"deep\"\n");
  auto r = Crawl({}, {.working_dir = cwd, .variables = {}});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("newsarc.toml:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--no-config"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(db_));
  EXPECT_TRUE(server_.Requests().empty());
}

// Each bad value is refused when the command line is read: exit 2, a message naming the flag
// and what is wrong, no archive created and nothing requested.
TEST_F(CrawlSettingsTest, BadFlagValuesAreUsageErrorsAndWriteNothing) {
  struct Case {
    std::vector<std::string> flag;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--exclude", "\\.pdf$"}, "--exclude: pattern '\\.pdf$' has '\\', which no URL contains"},
      {{"--include", "^/news/"}, "--include: pattern '^/news/' has '^'"},
      {{"--include", "新闻"}, "--include: pattern '新闻' has non-ASCII text"},
      {{"--exclude", "*"}, "--exclude: pattern '*' matches every URL"},
      {{"--max-depth", "-1"}, "--max-depth: must be a whole number of at least 0 (got '-1')"},
      {{"--jitter", "1.5"}, "--jitter: must be a fraction"},
      {{"--contact", "John Smith"}, "--contact: 'John Smith' is not a contact"},
      {{"--user-agent", "bad\001agent"}, "--user-agent: must be printable ASCII"},
  };
  for (const auto& c : cases) {
    auto r = Crawl(c.flag);
    EXPECT_EQ(r.exit_code, 2) << c.flag[0] << ": " << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.flag[0] << ": " << r.err;
    EXPECT_FALSE(std::filesystem::exists(db_)) << c.flag[0];
  }
  EXPECT_TRUE(server_.Requests().empty());
}

TEST_F(CrawlSettingsTest, ContactInTheConfigMustBeAUrlOrAnAddress) {
  std::string config = dir_ + "/site.toml";
  WriteFile(config, "[crawl]\nuser_agent_contact = \"the archive team\"\n");
  auto r = Crawl({"--config", config});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(config + ": [crawl] user_agent_contact 'the archive team'"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(db_));
}

}  // namespace
