#include "storage/archive_stats.h"

#include <gtest/gtest.h>

#include "tests/storage/archive_test_util.h"
#include "tests/support/test_util.h"
#include "util/url.h"

namespace storage {
namespace {

using storage::testing::At;
using storage::testing::MakeRecord;

TEST(ArchiveStats, CountsArticlesVersionsOutcomesDatesAndRuns) {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  auto run = archive->BeginRun("{}", At(900));
  ASSERT_OK(run);
  ASSERT_OK(archive->RecordPage(MakeRecord("http://a.cn/1", "t", "b", 1000, "2024-01-05")));
  ASSERT_OK(archive->RecordPage(MakeRecord("http://a.cn/1", "t", "b2", 2000, "2024-01-05")));
  ASSERT_OK(archive->RecordPage(MakeRecord("http://a.cn/2", "t", "c", 1500, "2023-11-30")));
  PageRecord missing = MakeRecord("http://a.cn/404", "t", "x", 1600);
  missing.article.reset();
  missing.outcome = "http_error";
  ASSERT_OK(archive->RecordPage(missing));
  ASSERT_OK(archive->RecordPage(MakeRecord("http://b.cn/1", "t", "d", 1700, "2024-02-02")));
  ASSERT_OK(archive->FinishRun(*run, RunCounts{5, 3, 1, 1, 0}, "partial", At(3000)));

  auto stats = ReadArchiveStats(*archive);
  ASSERT_OK(stats);
  ASSERT_EQ(stats->sites.size(), 2u);
  const SiteStats& a = stats->sites[0];
  EXPECT_EQ(a.site, "a.cn");
  EXPECT_EQ(a.articles, 2);
  EXPECT_EQ(a.versions, 3);
  EXPECT_EQ(a.first_published, "2023-11-30");
  EXPECT_EQ(a.last_published, "2024-01-05");
  EXPECT_EQ(a.outcomes.at("ok"), 3);
  EXPECT_EQ(a.outcomes.at("http_error"), 1);
  EXPECT_EQ(a.last_fetch_at, "1970-01-01T00:33:20Z");
  EXPECT_EQ(stats->sites[1].articles, 1);
  ASSERT_EQ(stats->runs.size(), 1u);
  EXPECT_EQ(stats->runs[0].status, "partial");
  EXPECT_EQ(stats->runs[0].counts.articles_changed, 1);
  EXPECT_EQ(stats->fetches, 5);
}

TEST(ArchiveStats, RunsCarryTheOffsiteHostsTheyRefused) {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  auto first = archive->BeginRun("{}", At(900));
  ASSERT_OK(first);
  ASSERT_OK(archive->FinishRun(*first, RunCounts{1, 0, 0, 0, 0}, "finished", At(1000)));
  auto second = archive->BeginRun("{}", At(2000));
  ASSERT_OK(second);
  RunOffsite offsite;
  offsite.links = 7;
  offsite.hosts = {{"www.other.org.cn", 5, "http://www.other.org.cn/1.html", "http://a.cn/"},
                   {"b.cn:8080", 2, "http://b.cn:8080/", "http://a.cn/x"}};
  ASSERT_OK(archive->FinishRun(*second, RunCounts{2, 0, 0, 0, 0}, "finished", At(3000), offsite));

  auto stats = ReadArchiveStats(*archive);
  ASSERT_OK(stats);
  ASSERT_EQ(stats->runs.size(), 2u);
  const RunOffsite& last = stats->runs[0].offsite;
  EXPECT_EQ(last.links, 7);
  ASSERT_EQ(last.hosts.size(), 2u);
  EXPECT_EQ(last.hosts[0].host, "www.other.org.cn");
  EXPECT_EQ(last.hosts[0].links, 5);
  EXPECT_EQ(last.hosts[0].example_url, "http://www.other.org.cn/1.html");
  EXPECT_EQ(last.hosts[0].discovered_from, "http://a.cn/");
  EXPECT_EQ(last.hosts[1].host, "b.cn:8080");
  EXPECT_EQ(stats->runs[1].offsite.links, 0);
  EXPECT_TRUE(stats->runs[1].offsite.hosts.empty());
}

// A fetch of `url` in `run` answered `status` (outcome as the crawl records it), no article.
PageRecord Answered(const std::string& url, int64_t run, int status, const std::string& outcome,
                    int64_t at) {
  PageRecord r = MakeRecord(url, "t", "x", at);
  r.run_id = run;
  r.article.reset();
  r.status = status;
  r.outcome = outcome;
  return r;
}

FrontierRow Entry(const std::string& url) {
  FrontierRow row;
  row.url = url;
  row.host = util::SiteOfUrl(url).value_or("");
  return row;
}

// Issue #14: "errors" means URLs that failed for good in the sites table as in the runs table;
// a 404 is counted as 4xx in both, an error in neither. Before, the sites table summed every
// outcome but ok / not modified / robots (404s, redirects, retried 503s) as errors.
TEST(ArchiveStats, ErrorsAreUrlsFailedForGoodAnd404sAreNotErrors) {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  auto run = archive->BeginRun("{}", At(900));
  ASSERT_OK(run);
  ASSERT_OK(archive->FrontierAdd({Entry("http://a.cn/ok"), Entry("http://a.cn/gone"),
                                  Entry("http://a.cn/flaky"), Entry("http://a.cn/down")},
                                 *run));
  auto taken = archive->FrontierTake("a.cn", 4, At(1000));
  ASSERT_OK(taken);
  ASSERT_EQ(taken->size(), 4u);
  PageRecord ok = MakeRecord("http://a.cn/ok", "t", "b", 1000);
  ok.run_id = *run;
  ASSERT_OK(archive->RecordPage(ok));
  ASSERT_OK(archive->RecordPage(Answered("http://a.cn/gone", *run, 404, "http_error", 1001)));
  // flaky: a 503 then a 200 (one failed try, no error); down: 500 three times (an error).
  ASSERT_OK(archive->RecordPage(Answered("http://a.cn/flaky", *run, 503, "http_error", 1002)));
  ASSERT_OK(archive->RecordPage(Answered("http://a.cn/flaky", *run, 200, "ok", 1003)));
  for (int i = 0; i < 3; ++i) {
    ASSERT_OK(archive->RecordPage(Answered("http://a.cn/down", *run, 500, "http_error", 1004)));
  }
  PageRecord timeout = Answered("http://a.cn/down", *run, 0, "timeout", 1005);
  timeout.status.reset();
  ASSERT_OK(archive->RecordPage(timeout));
  for (const FrontierRow& row : *taken) {
    bool down = row.url == "http://a.cn/down";
    ASSERT_OK(archive->FrontierFinishFetched(
        row.id, down ? FrontierState::kFailed : FrontierState::kDone, *run));
  }
  ASSERT_OK(archive->FinishRun(*run, RunCounts{7, 1, 0, 1, 0}, "finished", At(1100)));

  auto stats = ReadArchiveStats(*archive);
  ASSERT_OK(stats);
  ASSERT_EQ(stats->sites.size(), 1u);
  const SiteStats& a = stats->sites[0];
  EXPECT_EQ(a.http_4xx, 1);
  EXPECT_EQ(a.failed_tries, 5);               // the 503, three 500s, the timeout
  EXPECT_EQ(a.errors, 1);                     // down
  EXPECT_EQ(a.outcomes.at("http_error"), 5);  // the raw outcomes as before
  ASSERT_EQ(stats->runs.size(), 1u);
  EXPECT_EQ(stats->runs[0].counts.errors, 1);
  EXPECT_EQ(stats->runs[0].http_4xx, 1);
}

// Issue #14: what later runs have left to do, in total and by host (most work first).
TEST(ArchiveStats, WorkLeftCountsQueuedRetryingInFlightAndFailedByHost) {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  ASSERT_OK(archive->FrontierAdd({Entry("http://a.cn/1"), Entry("http://a.cn/2"),
                                  Entry("http://b.cn/1"), Entry("http://b.cn/2"),
                                  Entry("http://b.cn/3"), Entry("http://b.cn/4")}));
  // b.cn: one taken and put back for a retry, one in flight, one done; two queued in all.
  auto b = archive->FrontierTake("b.cn", 3, At(1000));
  ASSERT_OK(b);
  ASSERT_EQ(b->size(), 3u);
  ASSERT_OK(archive->FrontierRetryLater((*b)[0].id, At(2000)));
  ASSERT_OK(archive->FrontierFinish((*b)[2].id, FrontierState::kDone));
  // a.cn: one failed for good, one queued.
  auto a = archive->FrontierTake("a.cn", 1, At(1000));
  ASSERT_OK(a);
  ASSERT_OK(archive->FrontierFinish((*a)[0].id, FrontierState::kFailed));

  auto stats = ReadArchiveStats(*archive);
  ASSERT_OK(stats);
  const WorkLeft& work = stats->work_left;
  EXPECT_EQ(work.total.queued, 3);
  EXPECT_EQ(work.total.retrying, 1);
  EXPECT_EQ(work.total.in_flight, 1);
  EXPECT_EQ(work.total.failed, 1);
  ASSERT_EQ(work.hosts.size(), 2u);
  EXPECT_EQ(work.hosts[0].host, "b.cn");  // 2 queued + 1 in flight before a.cn's 1
  EXPECT_EQ(work.hosts[0].counts.queued, 2);
  EXPECT_EQ(work.hosts[0].counts.retrying, 1);
  EXPECT_EQ(work.hosts[0].counts.in_flight, 1);
  EXPECT_EQ(work.hosts[0].counts.failed, 0);
  EXPECT_EQ(work.hosts[1].host, "a.cn");
  EXPECT_EQ(work.hosts[1].counts.queued, 1);
  EXPECT_EQ(work.hosts[1].counts.failed, 1);
}

// Issue #14: runs tell crawls from WARC imports (the options' "command"), with their duration,
// and add up by kind.
TEST(ArchiveStats, RunsHaveAKindADurationAndTotalsByKind) {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  auto crawl1 = archive->BeginRun(R"({"seeds":["http://a.cn/"]})", At(1000));
  ASSERT_OK(crawl1);
  ASSERT_OK(archive->FinishRun(*crawl1, RunCounts{10, 4, 1, 2, 0}, "finished", At(1185)));
  auto import = archive->BeginRun(R"({"command":"import-warc","files":["x.warc.gz"]})", At(2000));
  ASSERT_OK(import);
  ASSERT_OK(archive->FinishRun(*import, RunCounts{30, 20, 0, 1, 5}, "partial", At(2012)));
  auto crawl2 = archive->BeginRun(R"({"seeds":["http://a.cn/"]})", At(3000));
  ASSERT_OK(crawl2);
  ASSERT_OK(archive->FinishRun(*crawl2, RunCounts{5, 1, 2, 0, 0}, "limited", At(6725)));
  auto running = archive->BeginRun("{}", At(9000));
  ASSERT_OK(running);

  auto stats = ReadArchiveStats(*archive, /*max_runs=*/3);
  ASSERT_OK(stats);
  ASSERT_EQ(stats->runs.size(), 3u);  // the newest three; totals count all four
  EXPECT_EQ(stats->runs[0].id, *running);
  EXPECT_EQ(stats->runs[0].kind, "crawl");
  EXPECT_EQ(stats->runs[0].duration_seconds, std::nullopt);
  EXPECT_EQ(stats->runs[1].duration_seconds, 3725);
  EXPECT_EQ(stats->runs[2].kind, "import-warc");
  EXPECT_EQ(stats->runs[2].duration_seconds, 12);
  ASSERT_EQ(stats->run_totals.size(), 2u);
  const RunTotals& crawls = stats->run_totals[0];
  EXPECT_EQ(crawls.kind, "crawl");
  EXPECT_EQ(crawls.runs, 3);
  EXPECT_EQ(crawls.seconds, 185 + 3725);
  EXPECT_EQ(crawls.fetched, 15);
  EXPECT_EQ(crawls.articles_new, 5);
  EXPECT_EQ(crawls.articles_changed, 3);
  EXPECT_EQ(crawls.errors, 2);
  const RunTotals& imports = stats->run_totals[1];
  EXPECT_EQ(imports.kind, "import-warc");
  EXPECT_EQ(imports.runs, 1);
  EXPECT_EQ(imports.seconds, 12);
  EXPECT_EQ(imports.articles_new, 20);
}

// Issue #14: the share of current articles with a date, a source, an author, a view count.
TEST(ArchiveStats, FieldCoverageCountsArticlesWithEachField) {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  PageRecord full = MakeRecord("http://a.cn/1", "t", "b1", 1000, "2024-01-05");
  full.article->author = "记者 张三";
  full.article->views = 120;
  ASSERT_OK(archive->RecordPage(full));
  PageRecord bare = MakeRecord("http://a.cn/2", "t", "b2", 1000, "2024-01-06");
  bare.article->published_date.reset();
  bare.article->dates.clear();
  bare.article->source.reset();
  ASSERT_OK(archive->RecordPage(bare));
  ASSERT_OK(archive->RecordPage(MakeRecord("http://b.cn/1", "t", "b3", 1000, "2024-01-07")));

  auto stats = ReadArchiveStats(*archive);
  ASSERT_OK(stats);
  ASSERT_EQ(stats->sites.size(), 2u);
  const FieldCoverage& a = stats->sites[0].coverage;
  EXPECT_EQ(a.articles, 2);
  EXPECT_EQ(a.published_date, 1);
  EXPECT_EQ(a.source, 1);
  EXPECT_EQ(a.author, 1);
  EXPECT_EQ(a.views, 1);
  EXPECT_EQ(stats->coverage.articles, 3);
  EXPECT_EQ(stats->coverage.published_date, 2);
  EXPECT_EQ(stats->coverage.source, 2);
  EXPECT_EQ(stats->coverage.author, 1);
  EXPECT_EQ(stats->coverage.views, 1);
}

// Issue #14: the progress line's errors are the URLs this run gave up on (what the run summary
// counts), not its failed tries; URLs failed in an earlier run are not this run's.
TEST(RunProgress, CountsQueuedRetryingAndThisRunsUrlsFailedForGood) {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  auto earlier = archive->BeginRun("{}", At(900));
  ASSERT_OK(earlier);
  ASSERT_OK(archive->FrontierAdd({Entry("http://a.cn/old")}, *earlier));
  auto old = archive->FrontierTake("a.cn", 1, At(900));
  ASSERT_OK(old);
  ASSERT_OK(archive->RecordPage(Answered("http://a.cn/old", *earlier, 500, "http_error", 900)));
  ASSERT_OK(archive->FrontierFinishFetched((*old)[0].id, FrontierState::kFailed, *earlier));
  ASSERT_OK(archive->FinishRun(*earlier, RunCounts{1, 0, 0, 1, 0}, "finished", At(950)));

  auto run = archive->BeginRun("{}", At(1000));
  ASSERT_OK(run);
  ASSERT_OK(archive->FrontierAdd(
      {Entry("http://a.cn/down"), Entry("http://a.cn/flaky"), Entry("http://a.cn/later")}, *run));
  auto taken = archive->FrontierTake("a.cn", 2, At(1000));
  ASSERT_OK(taken);
  ASSERT_EQ(taken->size(), 2u);
  for (const FrontierRow& row : *taken) {
    ASSERT_OK(archive->RecordPage(Answered(row.url, *run, 503, "http_error", 1001)));
  }
  ASSERT_OK(archive->FrontierFinishFetched((*taken)[0].id, FrontierState::kFailed, *run));
  ASSERT_OK(archive->FrontierRetryLater((*taken)[1].id, At(5000)));
  // later: taken by the loop, waiting for its host's turn (in flight): still to do.
  auto later = archive->FrontierTake("a.cn", 1, At(1000));
  ASSERT_OK(later);
  ASSERT_EQ(later->size(), 1u);

  auto progress = ReadRunProgress(*archive, *run);
  ASSERT_OK(progress);
  EXPECT_EQ(progress->errors, 1);    // down; not old (an earlier run), not flaky (retrying)
  EXPECT_EQ(progress->queued, 2);    // flaky, later
  EXPECT_EQ(progress->retrying, 1);  // flaky
}

}  // namespace
}  // namespace storage
