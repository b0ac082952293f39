// One `newsarc crawl` against a hostile loopback site that answers with every fault of issue #4
// at once: 429 + Retry-After, 500 then 200, connection resets, a slow response, a redirect
// loop, a 30 MB page, a gzip bomb, a calendar trap, session-id duplicates and a 404 behind a
// 上一篇 link. The crawl must finish, archive each outcome and keep the good articles.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "storage/archive.h"
#include "tests/support/fixture_server.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"

namespace {

using testing_support::FixtureResponse;
using testing_support::FixtureServer;
using testing_support::RecordedRequest;

std::string ArticleHtml(const std::string& title, const std::string& extra = "") {
  std::string p =
      "本会召开会员大会，听取并审议了理事会工作报告和财务报告，选举产生了新一届理事会领导班子。"
      "会议强调，要进一步加强商会自身建设，更好地服务会员企业，推动区域经济高质量发展。";
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title +
         " - 示范商会</title></head><body><div class=\"nav\"><a href=\"/\">首页</a></div>"
         "<div class=\"article\"><h1>" +
         title + "</h1><div class=\"info\">发布时间：2024-05-01 09:30</div><p>" + p + "</p><p>" +
         p + "</p><p>" + p + "</p>" + extra + "</div></body></html>";
}

std::map<std::string, int64_t> OutcomesByPath(const std::string& db, const std::string& outcome) {
  std::map<std::string, int64_t> out;
  auto archive = storage::Archive::Open(db, {.read_only = true});
  EXPECT_TRUE(archive) << (archive ? "" : archive.error().message);
  if (!archive) return out;
  auto stmt = storage::Statement::Prepare(
      archive->db(), "SELECT url, count(*) FROM fetches WHERE outcome = ?1 GROUP BY url");
  EXPECT_TRUE(stmt);
  stmt->Bind(1, outcome);
  for (int i = 0; i < 10000; ++i) {
    auto row = stmt->Step();
    if (!row || !*row) break;
    std::string url = stmt->Text(0);
    out[url.substr(url.find('/', 8))] = stmt->Int(1);
  }
  return out;
}

TEST(CrawlFaults, AHostileSiteIsCrawledToTheEndWithEveryOutcomeArchived) {
  std::string dir = testing_support::MakeTempDir();
  std::string db = dir + "/archive.sqlite";
  FixtureServer server;
  server.AddHost("faults.test");
  ASSERT_OK(server.Start());
  const std::string h = "faults.test";
  server.Route(h, "/robots.txt", FixtureResponse::Text("User-agent: *\nDisallow:\n"));
  server.Route(
      h, "/",
      FixtureResponse::Html(
          "<html><body><ul>"
          "<li><a href=\"/busy.html\">busy</a></li><li><a href=\"/a1.html\">a1</a></li>"
          "<li><a href=\"/flaky.html\">flaky</a></li><li><a href=\"/a2.html\">a2</a></li>"
          "<li><a href=\"/reset.html\">reset</a></li>"
          "<li><a href=\"/slow.html\">slow</a></li><li><a href=\"/a3.html\">a3</a></li>"
          "<li><a href=\"/loop1.html\">loop</a></li>"
          "<li><a href=\"/huge.html\">huge</a></li><li><a href=\"/bomb.html\">bomb</a></li>"
          "<li><a href=\"/calendar.php?year=2024\">calendar</a></li>"
          "<li><a href=\"/s.html;jsessionid=ABC123\">s1</a></li>"
          "<li><a href=\"/s.html?PHPSESSID=deadbeef\">s2</a></li>"
          "<li><a href=\"/s.html\">s3</a></li>"
          "</ul></body></html>"));
  server.RouteSequence(h, "/busy.html",
                       {FixtureResponse::Status(429).WithRetryAfter("1"),
                        FixtureResponse::Html(ArticleHtml("繁忙之后的文章"))});
  server.RouteSequence(
      h, "/flaky.html",
      {FixtureResponse::Status(500), FixtureResponse::Html(ArticleHtml("出错之后的文章"))});
  server.Route(h, "/reset.html", FixtureResponse::ConnectionReset());
  server.Route(
      h, "/slow.html",
      FixtureResponse::Html(ArticleHtml("慢速的文章")).WithDelay(std::chrono::milliseconds(600)));
  server.RedirectLoop(h, {"/loop1.html", "/loop2.html"});
  server.Route(h, "/huge.html", FixtureResponse::Huge(30ull << 20));
  server.Route(h, "/bomb.html", FixtureResponse::GzipBomb(1ull << 30));
  server.RoutePrefix(h, "/calendar.php", [](const RecordedRequest& r) {
    int year = std::stoi(r.target.substr(r.target.find("year=") + 5));
    return FixtureResponse::Html(
        "<html><body><h2>" + std::to_string(year) +
        "年活动日历</h2><a href=\"/calendar.php?year=" + std::to_string(year + 1) +
        "\">下一年</a> <a href=\"/calendar.php?year=" + std::to_string(year - 1) +
        "\">上一年</a></body></html>");
  });
  server.Route(h, "/s.html", FixtureResponse::Html(ArticleHtml("会话参数文章")));
  server.Route(
      h, "/a1.html",
      FixtureResponse::Html(ArticleHtml("第一篇文章",
                                        "<div>上一篇：<a href=\"/gone.html\">已删除的文章</a></div>"
                                        "<div>下一篇：<a href=\"/a2.html\">第二篇文章</a></div>")));
  server.Route(h, "/a2.html", FixtureResponse::Html(ArticleHtml("第二篇文章")));
  server.Route(h, "/a3.html", FixtureResponse::Html(ArticleHtml("第三篇文章")));

  // -vv: the trap guard's refusals are decisions, logged at debug (issue #14).
  std::vector<std::string> args = {"-vv",     "crawl", "--db", db, "--seed", server.Url(h, "/"),
                                   "--delay", "0.05"};
  for (const auto& r : server.ResolveEntries()) args.insert(args.end(), {"--resolve", r});
  auto run = testing_support::RunNewsarc(args);
  // Finished (not killed by the harness's timeout), with failures to report: exit 3.
  ASSERT_EQ(run.exit_code, 3) << run.err.substr(run.err.size() > 4000 ? run.err.size() - 4000 : 0);

  // The good articles, including those that needed a retry, are archived once each.
  auto exported = testing_support::RunNewsarc({"export", "--db", db});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::map<std::string, std::string> titles;
  std::istringstream lines(exported.out);
  std::string line;
  while (std::getline(lines, line)) {
    auto a = nlohmann::json::parse(line);
    std::string url = a["url"];
    titles[url.substr(url.find('/', 8))] = a["title"];
  }
  EXPECT_EQ(titles["/busy.html"], "繁忙之后的文章");
  EXPECT_EQ(titles["/flaky.html"], "出错之后的文章");
  EXPECT_EQ(titles["/slow.html"], "慢速的文章");
  EXPECT_EQ(titles["/a1.html"], "第一篇文章");
  EXPECT_EQ(titles["/a2.html"], "第二篇文章");
  EXPECT_EQ(titles["/a3.html"], "第三篇文章");
  EXPECT_EQ(titles["/s.html"], "会话参数文章");
  EXPECT_EQ(titles.size(), 7u);

  // 429 + Retry-After: the retry waited for it.
  auto busy = server.RequestsFor(h);
  std::vector<RecordedRequest> busy_hits;
  for (const auto& r : busy) {
    if (r.target == "/busy.html") busy_hits.push_back(r);
  }
  ASSERT_EQ(busy_hits.size(), 2u);
  EXPECT_GE(busy_hits[1].started_at - busy_hits[0].started_at, std::chrono::milliseconds(950));
  {
    auto archive = storage::Archive::Open(db, {.read_only = true});
    ASSERT_OK(archive);
    auto stmt = storage::Statement::Prepare(archive->db(),
                                            "SELECT retry_after FROM fetches WHERE status = 429");
    ASSERT_OK(stmt);
    auto row = stmt->Step();
    ASSERT_TRUE(row && *row);
    EXPECT_EQ(stmt->Text(0), "1");  // archived with the fetch
  }
  EXPECT_EQ(server.CountFor(h, "/flaky.html"), 2);
  // Resets: tried three times, then archived as a network failure.
  // (libcurl itself retries once when a reused keep-alive connection dies before any answer.)
  EXPECT_GE(server.CountFor(h, "/reset.html"), 3);
  EXPECT_LE(server.CountFor(h, "/reset.html"), 6);
  EXPECT_EQ(OutcomesByPath(db, "network")["/reset.html"], 3);
  // A slow answer widens the gap to the next request (2 × its response time).
  const auto& log = server.RequestsFor(h);
  for (size_t i = 0; i + 1 < log.size(); ++i) {
    if (log[i].target != "/slow.html" || !log[i].finished_at) continue;
    auto response_time = *log[i].finished_at - log[i].started_at;
    EXPECT_GE(log[i + 1].started_at - log[i].started_at,
              2 * response_time - std::chrono::milliseconds(100));
  }
  // The redirect loop is cut after 5 hops.
  EXPECT_LE(server.CountFor(h, "/loop1.html") + server.CountFor(h, "/loop2.html"), 6);
  EXPECT_GE(OutcomesByPath(db, "redirect").size(), 2u);
  // The 30 MB page and the gzip bomb stop at the 10 MiB cap on decoded bytes.
  auto too_large = OutcomesByPath(db, "too_large");
  EXPECT_EQ(too_large["/huge.html"], 1);
  EXPECT_EQ(too_large["/bomb.html"], 1);
  // The calendar trap ends at the plausible years.
  int calendar = 0;
  for (const auto& r : log) calendar += r.target.rfind("/calendar.php", 0) == 0;
  EXPECT_GT(calendar, 5);
  EXPECT_LT(calendar, 60);
  EXPECT_EQ(server.CountFor(h, "/calendar.php?year=2030"), 0);
  EXPECT_NE(run.err.find("link not followed"), std::string::npos);
  EXPECT_NE(run.err.find("reason=trap_calendar"), std::string::npos);
  // Session ids: the three spellings are one page, fetched once.
  int session = 0;
  for (const auto& r : log) session += r.target.rfind("/s.html", 0) == 0;
  EXPECT_EQ(session, 1);
  // The deleted article behind 上一篇 is an archived 404, not a crash.
  EXPECT_EQ(OutcomesByPath(db, "http_error")["/gone.html"], 1);
}

// Issue #17 point 3: two back-to-back runs (cron, a resume after a kill) keep the robots.txt
// Crawl-delay between the first run's last request and the second run's first, as the server
// sees them: the archive remembers when the host was last asked.
TEST(CrawlPoliteness, BackToBackRunsKeepTheCrawlDelayBetweenThem) {
  std::string dir = testing_support::MakeTempDir();
  std::string db = dir + "/archive.sqlite";
  FixtureServer server;
  server.AddHost("polite.test");
  ASSERT_OK(server.Start());
  const std::string h = "polite.test";
  server.Route(h, "/robots.txt", FixtureResponse::Text("User-agent: *\nCrawl-delay: 2\n"));
  server.Route(h, "/", FixtureResponse::Html("<html><body><a href=/a1.html>a1</a></body></html>"));
  server.Route(h, "/a1.html", FixtureResponse::Html(ArticleHtml("第一篇文章")));
  std::vector<std::string> args = {"crawl",   "--db", db, "--seed", server.Url(h, "/"),
                                   "--delay", "0"};
  std::vector<std::string> resolve = server.ResolveArgs();
  args.insert(args.end(), resolve.begin(), resolve.end());
  ASSERT_EQ(testing_support::RunNewsarc(args).exit_code, 0);
  size_t first_run = server.RequestsFor(h).size();
  ASSERT_EQ(first_run, 3u);  // robots.txt, the home page, the article
  ASSERT_EQ(testing_support::RunNewsarc(args).exit_code, 0);
  auto log = server.RequestsFor(h);
  ASSERT_GT(log.size(), first_run);  // the second run revisits the home page
  EXPECT_GE(log[first_run].started_at - log[first_run - 1].started_at, std::chrono::seconds(2));
  auto gap = server.MinStartGap(h);
  ASSERT_TRUE(gap.has_value());
  EXPECT_GE(*gap, std::chrono::milliseconds(1950));
}

}  // namespace
