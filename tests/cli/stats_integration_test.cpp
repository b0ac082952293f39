// `newsarc stats` end to end on an archive built through the storage API.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"
#include "util/url.h"

namespace {

// The words of the first line of `text` whose first word is `first`.
std::vector<std::string> RowOf(const std::string& text, const std::string& first) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::vector<std::string> fields{std::istream_iterator<std::string>(words), {}};
    if (!fields.empty() && fields[0] == first) return fields;
  }
  return {};
}

TEST(StatsCommand, PrintsPerSiteNumbersAndRunsAsJsonAndText) {
  std::string db = testing_support::MakeTempDir() + "/archive.db";
  {
    auto archive = storage::Archive::Open(db, {.create_if_missing = true});
    ASSERT_OK(archive);
    auto run = archive->BeginRun("{}", storage::testing::At(900));
    ASSERT_OK(run);
    ASSERT_OK(archive->RecordPage(
        storage::testing::MakeRecord("http://a.cn/1", "t", "b", 1000, "2024-01-05")));
    ASSERT_OK(archive->RecordPage(
        storage::testing::MakeRecord("http://a.cn/1", "t", "b2", 2000, "2024-01-05")));
    ASSERT_OK(archive->FinishRun(*run, storage::RunCounts{2, 1, 1, 0, 0}, "ok",
                                 storage::testing::At(3000)));
  }
  auto json = testing_support::RunNewsarc({"stats", "--db", db, "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto parsed = nlohmann::json::parse(json.out);
  ASSERT_EQ(parsed["sites"].size(), 1u);
  EXPECT_EQ(parsed["sites"][0]["site"], "a.cn");
  EXPECT_EQ(parsed["sites"][0]["articles"], 1);
  EXPECT_EQ(parsed["sites"][0]["versions"], 2);
  EXPECT_EQ(parsed["sites"][0]["outcomes"]["ok"], 2);
  EXPECT_EQ(parsed["sites"][0]["first_published"], "2024-01-05");
  EXPECT_EQ(parsed["runs"][0]["status"], "ok");
  EXPECT_EQ(parsed["runs"][0]["articles_changed"], 1);

  auto text = testing_support::RunNewsarc({"stats", "--db", db});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  // The site row of the table: SITE ARTICLES VERSIONS PUBLISHED(first .. last) LAST-FETCH OK
  // NOT-MODIFIED 4XX ROBOTS FAILED-TRIES ERRORS.
  EXPECT_NE(text.out.find("SITE"), std::string::npos) << text.out;
  std::vector<std::string> site_row = RowOf(text.out, "a.cn");
  // OK NOT-MODIFIED 4XX ROBOTS FAILED-TRIES ERRORS
  EXPECT_EQ(site_row,
            (std::vector<std::string>{"a.cn", "1", "2", "2024-01-05", "..", "2024-01-05",
                                      "1970-01-01T00:33:20Z", "2", "0", "0", "0", "0", "0"}))
      << text.out;
  EXPECT_NE(text.out.find("#1"), std::string::npos) << text.out;
}

// A fetch of `url` in `run` answered `status`, no article.
storage::PageRecord Answered(const std::string& url, int64_t run, int status, int64_t at) {
  storage::PageRecord r = storage::testing::MakeRecord(url, "t", "x", at);
  r.run_id = run;
  r.article.reset();
  r.status = status;
  r.outcome = storage::OutcomeOfHttpStatus(status, false);
  return r;
}

// A one-record WARC file holding a 200 response for `url`.
std::string WriteWarc(const std::string& path, const std::string& url) {
  std::string http =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
      "<html><head><title>通知</title></head><body><p>正文</p></body></html>";
  std::ofstream(path, std::ios::binary)
      << "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:stats-1>\r\n"
         "WARC-Date: 2024-02-01T00:00:00Z\r\nWARC-Target-URI: "
      << url
      << "\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " << http.size()
      << "\r\n\r\n"
      << http << "\r\n\r\n";
  return path;
}

// Issue #14: stats shows the work left in the frontier, each run's kind (a crawl, a WARC
// import) and duration with totals by kind, the field coverage of the articles, and counts
// errors one way in every table (URLs failed for good; a 404 is a 4XX, not an error). Before,
// the sites table counted the 404 and the retried 503 as errors and the runs table did not.
TEST(StatsCommand, ShowsWorkLeftRunKindsDurationsCoverageAndOneMeaningOfErrors) {
  std::string dir = testing_support::MakeTempDir();
  std::string db = dir + "/archive.db";
  using storage::testing::At;
  {
    auto archive = storage::Archive::Open(db, {.create_if_missing = true});
    ASSERT_OK(archive);
    auto run = archive->BeginRun(R"({"seeds":["http://a.cn/"]})", At(1'700'000'000));
    ASSERT_OK(run);
    std::vector<storage::FrontierRow> rows;
    for (const char* path : {"ok", "gone", "flaky", "down", "q1", "q2"}) {
      storage::FrontierRow row;
      row.url = std::string("http://a.cn/") + path;
      row.host = "a.cn";
      rows.push_back(row);
    }
    ASSERT_OK(archive->FrontierAdd(rows, *run));
    auto taken = archive->FrontierTake("a.cn", 5, At(1'700'000'000));
    ASSERT_OK(taken);
    ASSERT_EQ(taken->size(), 5u);  // q2 stays queued
    storage::PageRecord ok =
        storage::testing::MakeRecord("http://a.cn/ok", "标题", "正文", 1'700'000'010);
    ok.run_id = *run;
    ok.article->author = "张三";
    ASSERT_OK(archive->RecordPage(ok));
    // Another site's article with no date, source or author.
    storage::PageRecord bare =
        storage::testing::MakeRecord("http://c.cn/1", "标题", "正文二", 1'700'000'011);
    bare.run_id = *run;
    bare.article->published_date.reset();
    bare.article->dates.clear();
    bare.article->source.reset();
    ASSERT_OK(archive->RecordPage(bare));
    ASSERT_OK(archive->RecordPage(Answered("http://a.cn/gone", *run, 404, 1'700'000'020)));
    ASSERT_OK(archive->RecordPage(Answered("http://a.cn/flaky", *run, 503, 1'700'000'030)));
    ASSERT_OK(archive->RecordPage(Answered("http://a.cn/flaky", *run, 200, 1'700'000'040)));
    for (int i = 0; i < 3; ++i) {
      ASSERT_OK(archive->RecordPage(Answered("http://a.cn/down", *run, 500, 1'700'000'050)));
    }
    for (const storage::FrontierRow& row : *taken) {
      if (row.url == "http://a.cn/q1") {  // a 503 on its first try: retried later
        ASSERT_OK(archive->FrontierRetryLater(row.id, At(1'800'000'000)));
        continue;
      }
      ASSERT_OK(archive->FrontierFinishFetched(row.id,
                                               row.url == "http://a.cn/down"
                                                   ? storage::FrontierState::kFailed
                                                   : storage::FrontierState::kDone,
                                               *run));
    }
    ASSERT_OK(
        archive->FinishRun(*run, storage::RunCounts{8, 2, 0, 1, 0}, "limited", At(1'700'000'185)));
  }
  auto import = testing_support::RunNewsarc(
      {"import-warc", WriteWarc(dir + "/b.warc", "http://b.cn/1.html"), "--db", db, "--jobs", "1"});
  ASSERT_EQ(import.exit_code, 0) << import.out << import.err;

  auto json_run = testing_support::RunNewsarc({"stats", "--db", db, "--json"});
  ASSERT_EQ(json_run.exit_code, 0) << json_run.err;
  auto json = nlohmann::json::parse(json_run.out);
  // Errors: URLs failed for good, the same in the sites and the runs; the 404 a 4xx apart.
  const auto& a = json["sites"][0];
  ASSERT_EQ(a["site"], "a.cn");
  EXPECT_EQ(a["errors"], 1);
  EXPECT_EQ(a["http_4xx"], 1);
  EXPECT_EQ(a["failed_tries"], 4);  // the 503 and three 500s
  EXPECT_EQ(
      a["coverage"],
      (nlohmann::json{
          {"articles", 1}, {"published_date", 1}, {"source", 1}, {"author", 1}, {"views", 0}}));
  EXPECT_EQ(json["coverage"]["articles"], 2);  // a.cn/ok and c.cn/1
  EXPECT_EQ(json["coverage"]["author"], 1);
  // Work left.
  const auto& work = json["work_left"];
  EXPECT_EQ(work["queued"], 2);
  EXPECT_EQ(work["retrying"], 1);
  EXPECT_EQ(work["in_flight"], 0);
  EXPECT_EQ(work["failed"], 1);
  ASSERT_EQ(work["hosts"].size(), 1u);
  EXPECT_EQ(work["hosts"][0], (nlohmann::json{{"host", "a.cn"},
                                              {"queued", 2},
                                              {"retrying", 1},
                                              {"in_flight", 0},
                                              {"failed", 1},
                                              {"parked", false}}));
  // Runs: the import newest, then the crawl; durations; totals by kind, crawl first.
  ASSERT_EQ(json["runs"].size(), 2u);
  EXPECT_EQ(json["runs"][0]["kind"], "import-warc");
  EXPECT_EQ(json["runs"][0]["fetched"], 1);
  EXPECT_TRUE(json["runs"][0]["duration_seconds"].is_number()) << json["runs"][0];
  const auto& crawl = json["runs"][1];
  EXPECT_EQ(crawl["kind"], "crawl");
  EXPECT_EQ(crawl["duration_seconds"], 185);
  EXPECT_EQ(crawl["errors"], 1);
  EXPECT_EQ(crawl["http_4xx"], 1);
  ASSERT_EQ(json["run_totals"].size(), 2u);
  EXPECT_EQ(json["run_totals"][0]["kind"], "crawl");
  EXPECT_EQ(json["run_totals"][0]["runs"], 1);
  EXPECT_EQ(json["run_totals"][0]["duration_seconds"], 185);
  EXPECT_EQ(json["run_totals"][1]["kind"], "import-warc");
  EXPECT_EQ(json["run_totals"][1]["fetched"], 1);

  auto text = testing_support::RunNewsarc({"stats", "--db", db});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  const std::string& out = text.out;
  // SITE ARTICLES VERSIONS PUBLISHED(3 words) LAST-FETCH OK NOT-MODIFIED 4XX ROBOTS
  // FAILED-TRIES ERRORS
  std::vector<std::string> site = RowOf(out, "a.cn");
  ASSERT_EQ(site.size(), 13u) << out;
  EXPECT_EQ(std::vector<std::string>(site.begin() + 7, site.end()),
            (std::vector<std::string>{"2", "0", "1", "0", "4", "1"}))
      << out;
  EXPECT_NE(out.find("ERRORS: URLs that failed for good"), std::string::npos) << out;
  EXPECT_NE(out.find("Work left: 2 queued (1 of them retrying), 0 in flight, 1 failed for good"),
            std::string::npos)
      << out;
  EXPECT_EQ(RowOf(out, "HOST"),
            (std::vector<std::string>{"HOST", "QUEUED", "RETRYING", "IN", "FLIGHT", "FAILED"}))
      << out;
  EXPECT_NE(out.find("crawl: 1 run, 3:05 in all, 8 fetched, 2 new, 0 changed, 1 error"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("import-warc: 1 run, "), std::string::npos) << out;
  EXPECT_NE(out.find("Last run: #2 import-warc, finished, started "), std::string::npos) << out;
  // RUN KIND STARTED FINISHED DURATION STATUS FETCHED NEW CHANGED 4XX ERRORS SKIPPED
  EXPECT_EQ(RowOf(out, "#1"),
            (std::vector<std::string>{"#1", "crawl", "2023-11-14T22:13:20Z", "2023-11-14T22:16:25Z",
                                      "3:05", "limited", "8", "2", "0", "1", "1", "0"}))
      << out;
  // Field coverage: SITE ARTICLES DATE SOURCE AUTHOR VIEWS.
  EXPECT_EQ(RowOf(out, "all"), (std::vector<std::string>{"all", "2", "50%", "50%", "50%", "0%"}))
      << out;
}

TEST(StatsCommand, MissingArchiveIsAUsageError) {
  auto result =
      testing_support::RunNewsarc({"stats", "--db", testing_support::MakeTempDir() + "/x.db"});
  EXPECT_EQ(result.exit_code, 2);
}

}  // namespace
