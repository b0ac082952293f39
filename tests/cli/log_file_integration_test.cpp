// The log (issue #14): --log-file FILE appends every fetch (info, as with -v) whatever -q says,
// -vv adds every decision (scope refusals, robots.txt verdicts), --log-format json makes it JSON
// lines, and a log file that cannot be opened is a usage error before anything else happens.
// What was fetched is read from the loopback server's log.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/support/fixture_server.h"
#include "tests/support/process.h"
#include "tests/support/sample_text.h"
#include "tests/support/test_util.h"

namespace {

using testing_support::FixtureResponse;
using testing_support::FixtureServer;

constexpr const char* kHost = "assoc.test";

std::string Article(const std::string& title) { return testing_support::SampleArticleHtml(title); }

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

size_t CountContaining(const std::vector<std::string>& lines, const std::string& text) {
  size_t n = 0;
  for (const auto& line : lines) n += line.find(text) != std::string::npos;
  return n;
}

// An index linking to two articles, a page robots.txt closes, a page --exclude keeps out and a
// page on another site.
class LogFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir();
    server_.AddHost(kHost);
    ASSERT_OK(server_.Start());
    server_.Route(kHost, "/robots.txt",
                  FixtureResponse::Text("User-agent: *\nDisallow: /private/\n"));
    server_.Route(kHost, "/index.html",
                  FixtureResponse::Html(
                      "<html><head><meta charset=\"utf-8\"><title>示范协会</title></head><body><ul>"
                      "<li><a href=\"/news/a1.html\">第一篇新闻</a></li>"
                      "<li><a href=\"/news/a2.html\">第二篇新闻</a></li>"
                      "<li><a href=\"/private/p.html\">会员专区</a></li>"
                      "<li><a href=\"/ads/x.html\">广告</a></li>"
                      "<li><a href=\"http://elsewhere.test/links.html\">友情链接</a></li>"
                      "</ul></body></html>"));
    server_.Route(kHost, "/news/a1.html", FixtureResponse::Html(Article("第一篇新闻")));
    server_.Route(kHost, "/news/a2.html", FixtureResponse::Html(Article("第二篇新闻")));
    server_.Route(kHost, "/private/p.html", FixtureResponse::Html(Article("会员专区")));
    server_.Route(kHost, "/ads/x.html", FixtureResponse::Html(Article("广告")));
  }

  // newsarc GLOBAL... crawl --db DB --seed index --exclude /ads/ on a fresh archive.
  testing_support::ProcessResult Crawl(const std::vector<std::string>& global,
                                       const std::string& db_name = "archive.sqlite") {
    std::vector<std::string> args = global;
    args.insert(args.end(), {"crawl", "--db", dir_ + "/" + db_name, "--seed", Url("/index.html"),
                             "--exclude", "/ads/", "--delay", "0.02"});
    for (const auto& r : server_.ResolveEntries()) args.insert(args.end(), {"--resolve", r});
    return testing_support::RunNewsarc(args);
  }

  std::string Url(const std::string& target) const { return server_.Url(kHost, target); }

  std::string dir_;
  FixtureServer server_;
};

TEST_F(LogFileTest, QuietCrawlKeepsTheTerminalSilentAndLogsEveryFetch) {
  std::string log = dir_ + "/crawl.log";
  auto r = Crawl({"-q", "--log-file", log});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "");

  // One "fetched" line per request the server saw, robots.txt included, each with its URL,
  // status, size and duration, after the time and the level.
  auto lines = Lines(log);
  const auto requests = server_.RequestsFor(kHost);
  ASSERT_EQ(requests.size(), 4u);  // robots.txt, the index, two articles
  EXPECT_EQ(CountContaining(lines, " info fetched "), requests.size());
  for (const auto& request : requests) {
    std::string url = "url=" + Url(request.target) + " status=200 outcome=ok bytes=";
    EXPECT_EQ(CountContaining(lines, url), 1u) << url;
  }
  EXPECT_EQ(CountContaining(lines, "kind=article"), 2u);
  EXPECT_EQ(CountContaining(lines, "kind=robots.txt"), 1u);
  // The page robots.txt closes is logged as skipped, and the run's summary is there.
  EXPECT_EQ(CountContaining(lines, "skipped url=" + Url("/private/p.html")), 1u);
  EXPECT_EQ(CountContaining(lines, "crawl finished run=1"), 1u);
  for (const auto& line : lines) {
    ASSERT_GT(line.size(), 25u);
    EXPECT_EQ(line.substr(23, 2), "Z ") << line;  // 2026-05-01T02:30:00.123Z
  }
  // Decisions are -vv's.
  EXPECT_EQ(CountContaining(lines, " debug "), 0u);

  // A second run (cron) appends to the same file.
  auto again = Crawl({"-q", "--log-file", log}, "second.sqlite");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto both = Lines(log);
  ASSERT_GT(both.size(), lines.size());
  EXPECT_TRUE(std::equal(lines.begin(), lines.end(), both.begin()));
  EXPECT_EQ(CountContaining(both, " info fetched "), 2 * requests.size());
}

TEST_F(LogFileTest, DoubleVerboseAddsTheDecisionsThatVerboseLacks) {
  std::string v_log = dir_ + "/v.log";
  std::string vv_log = dir_ + "/vv.log";
  auto v = Crawl({"-v", "--log-file", v_log}, "v.sqlite");
  ASSERT_EQ(v.exit_code, 0) << v.err;
  auto vv = Crawl({"-vv", "--log-file", vv_log}, "vv.sqlite");
  ASSERT_EQ(vv.exit_code, 0) << vv.err;

  const std::vector<std::string> decisions = {
      "link not followed url=http://elsewhere.test/links.html reason=off_site",
      "link not followed url=" + Url("/ads/x.html") + " reason=excluded",
      "robots.txt rules host=" + server_.Host(kHost).name + ":" +
          std::to_string(server_.Host(kHost).port) + " status=200 rules=1",
      "page kind url=" + Url("/news/a1.html") + " kind=article",
  };
  auto v_lines = Lines(v_log);
  auto vv_lines = Lines(vv_log);
  for (const auto& decision : decisions) {
    EXPECT_EQ(CountContaining(v_lines, decision), 0u) << decision;
    EXPECT_EQ(v.err.find(decision), std::string::npos) << decision;
    EXPECT_EQ(CountContaining(vv_lines, " debug " + decision), 1u) << decision;
    EXPECT_NE(vv.err.find("newsarc: debug: " + decision), std::string::npos) << decision;
  }
  // -v has every fetch on stderr as in the file.
  EXPECT_NE(v.err.find("newsarc: fetched url=" + Url("/news/a2.html") + " status=200"),
            std::string::npos)
      << v.err;
  EXPECT_EQ(CountContaining(v_lines, " info fetched "),
            CountContaining(vv_lines, " info fetched "));
}

TEST_F(LogFileTest, JsonLogFileHasOneObjectPerLine) {
  std::string log = dir_ + "/crawl.jsonl";
  auto r = Crawl({"-q", "--log-format", "json", "--log-file", log});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::set<std::string> fetched;
  auto lines = Lines(log);
  ASSERT_FALSE(lines.empty());
  for (const auto& line : lines) {
    nlohmann::json j = nlohmann::json::parse(line);  // throws (fails the test) if it does not
    EXPECT_TRUE(j.contains("time")) << line;
    EXPECT_TRUE(j.contains("level")) << line;
    if (j["msg"] == "fetched") {
      EXPECT_EQ(j["level"], "info");
      EXPECT_EQ(j["status"], "200") << line;
      EXPECT_TRUE(j.contains("bytes") && j.contains("ms")) << line;
      fetched.insert(j["url"].get<std::string>());
    }
  }
  EXPECT_EQ(fetched, (std::set<std::string>{Url("/robots.txt"), Url("/index.html"),
                                            Url("/news/a1.html"), Url("/news/a2.html")}));
}

TEST_F(LogFileTest, ALogFileThatCannotBeOpenedIsAUsageErrorBeforeAnythingHappens) {
  std::string log = dir_ + "/no-such-folder/crawl.log";
  auto r = Crawl({"-v", "--log-file", log});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--log-file " + log + ": cannot open the log file"), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/archive.sqlite"));
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/no-such-folder"));
  EXPECT_TRUE(server_.RequestsFor(kHost).empty());

  // A folder where the file should be: the same.
  auto folder = Crawl({"--log-file", dir_});
  EXPECT_EQ(folder.exit_code, 2) << folder.err;
  EXPECT_NE(folder.err.find("--log-file " + dir_ + ": cannot open the log file"), std::string::npos)
      << folder.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/archive.sqlite"));
}

}  // namespace
