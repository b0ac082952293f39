#include "cli/crawl_wiring.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "crawler/crawl_loop.h"
#include "storage/scope_refusals.h"
#include "storage/sqlite_handles.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/fake_fetcher.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"

namespace cli {
namespace {

TEST(FormatProgress, ShowsElapsedTimeCountsRateAndTheSoonerLimitAsEta) {
  ProgressFigures f;
  f.fetched = 120;
  f.queued = 48;
  f.articles_new = 97;
  f.articles_changed = 2;
  f.errors = 1;
  f.elapsed_seconds = 40;  // 3 pages/s
  EXPECT_EQ(FormatProgress(f),
            "0:40  fetched 120  queued 48  articles 97 new, 2 changed  errors 1  3.0/s");
  f.max_pages = 300;  // 180 left at 3/s: 60 s
  EXPECT_EQ(FormatProgress(f).substr(FormatProgress(f).find("ETA")), "ETA 1:00");
  f.max_time = std::chrono::seconds(70);  // 30 s left: sooner
  EXPECT_EQ(FormatProgress(f).substr(FormatProgress(f).find("ETA")), "ETA 0:30");
  f.max_time = std::chrono::seconds(10);  // over time: 0
  EXPECT_EQ(FormatProgress(f).substr(FormatProgress(f).find("ETA")), "ETA 0:00");
  ProgressFigures start;  // nothing fetched yet, no limit: no ETA, no division by zero
  EXPECT_EQ(FormatProgress(start).find("ETA"), std::string::npos);
  start.max_pages = 10;
  EXPECT_EQ(FormatProgress(start).find("ETA"), std::string::npos);
}

// Issue #14: the elapsed time leads the line (hours once there are any), and the URLs waiting
// for another try are shown apart from the errors (URLs failed for good, as the run summary
// counts them).
TEST(FormatProgress, ShowsHoursAndRetryingApartFromErrors) {
  ProgressFigures f;
  f.fetched = 7300;
  f.queued = 12;
  f.errors = 2;
  f.retrying = 5;
  f.elapsed_seconds = 3725.4;          // 1:02:05
  f.max_time = std::chrono::hours(3);  // 7074.6 s left
  EXPECT_EQ(FormatProgress(f),
            "1:02:05  fetched 7300  queued 12  articles 0 new, 0 changed  errors 2  retrying 5  "
            "2.0/s  ETA 1:57:55");
}

// Issue #17 point 1: a frontier entry becomes done only once its page's fetch is in the
// archive. After a storage failure dropped the page's rows (a full disk), the entry stays in
// flight and the next run fetches it again, instead of taking it for done without a fetch.
TEST(ArchiveFrontier, EntryIsDoneOnlyWhenItsFetchWasArchived) {
  auto archive = storage::Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  auto run = archive->BeginRun("{}", std::chrono::system_clock::now());
  ASSERT_OK(run);
  ArchiveFrontier frontier(*archive, *run);
  crawler::FrontierEntry a, b;
  a.url = "http://a.test/1.html";
  b.url = "http://a.test/2.html";
  a.host = b.host = "a.test";
  ASSERT_EQ(frontier.Add({a, b}), 2u);
  auto taken = frontier.Take("a.test", 2);
  ASSERT_EQ(taken.size(), 2u);
  // The first page's rows were written; the second page's were not.
  storage::PageRecord written = storage::testing::MakeRecord(a.url, "标题", "正文");
  written.run_id = *run;
  ASSERT_OK(archive->RecordPage(written));
  frontier.Finish(taken[0].id, crawler::EntryState::kDone);
  frontier.Finish(taken[1].id, crawler::EntryState::kDone);
  EXPECT_FALSE(frontier.error().has_value());
  auto state_a = archive->FrontierStateOf(a.url);
  auto state_b = archive->FrontierStateOf(b.url);
  ASSERT_OK(state_a);
  ASSERT_OK(state_b);
  EXPECT_EQ(state_a->value_or(storage::FrontierState::kQueued), storage::FrontierState::kDone);
  EXPECT_EQ(state_b->value_or(storage::FrontierState::kQueued), storage::FrontierState::kInFlight);
  // The next run puts it back in the queue.
  EXPECT_EQ(frontier.RequeueInFlight(), 1u);
  EXPECT_EQ(frontier.QueuedCount(), 1u);
}

// Issue #13 point 3: pages extracted on a pool and archived by one writer thread (its own
// connection) while the loop keeps fetching. The archive must be exactly what the loop's own
// thread makes of the same site: every article, every fetch, every frontier entry done.
std::string ArticlePage(int host, int n) {
  std::string title = "第" + std::to_string(host) + "届理事会第" + std::to_string(n) + "次会议召开";
  std::string body;
  for (int p = 0; p < 6; ++p) {
    body += "<p>会议听取了秘书处关于" + std::to_string(n) +
            "年度工作情况的报告，审议通过了会员发展、"
            "财务预算和年度活动安排等事项，与会理事就协会服务会员企业提出了意见和建议。</p>";
  }
  return "<html><head><meta charset=\"utf-8\"><title>" + title +
         "</title></head><body><div class=\"nav\"><a href=\"/\">首页</a></div><h1>" + title +
         "</h1><div class=\"info\">发布时间：2024-03-" + std::to_string(10 + n) +
         " 来源：秘书处</div><div class=\"content\">" + body + "</div></body></html>";
}

std::string ListingPage(const std::string& base, int host, int articles) {
  std::string html =
      "<html><head><meta charset=\"utf-8\"><title>协会动态</title></head><body><ul "
      "class=\"list\">";
  for (int n = 0; n < articles; ++n) {
    html += "<li><a href=\"" + base + "news/" + std::to_string(n) + ".html\">第" +
            std::to_string(host) + "届理事会第" + std::to_string(n) +
            "次会议召开</a><span>2024-03-" + std::to_string(10 + n) + "</span></li>";
  }
  return html + "</ul></body></html>";
}

testing_support::CannedResponse Html(std::string body) {
  testing_support::CannedResponse r;
  r.body = std::move(body);
  return r;
}

struct CrawledArchive {
  std::set<std::string> articles;  // url | title | body
  int64_t fetches = 0;
  int64_t frontier_not_done = 0;
  int64_t articles_new = 0;
  bool concurrent = false;
};

CrawledArchive CrawlSite(const std::string& path, int extract_threads) {
  CrawledArchive out;
  testing_support::FakeClock clock;
  testing_support::FakeFetcher fetcher(clock);
  crawler::CrawlLoopOptions loop;
  for (int h = 0; h < 4; ++h) {
    std::string base = "http://h" + std::to_string(h) + ".test/";
    fetcher.Set(base, Html(ListingPage(base, h, 8)));
    for (int n = 0; n < 8; ++n) {
      fetcher.Set(base + "news/" + std::to_string(n) + ".html", Html(ArticlePage(h, n)));
    }
    loop.seeds.push_back(base);
  }
  loop.scheduler.politeness.delay = std::chrono::seconds(1);
  loop.follow_sitemaps = false;
  auto archive = storage::Archive::Open(path, {.create_if_missing = true});
  EXPECT_TRUE(archive.has_value());
  if (!archive) return out;
  auto run = archive->BeginRun("{}", std::chrono::system_clock::now());
  ArchiveFrontier frontier(*archive, *run);
  ArchiveRobotsCache robots(*archive);
  {
    ArchivingOptions options;
    options.run_id = *run;
    options.extract_threads = extract_threads;
    ArchivingPageHandler handler(*archive, options);
    out.concurrent = handler.concurrent();
    crawler::RunCrawlLoop(loop, fetcher, clock, frontier, &robots, handler);
    handler.FinishPendingStitches();
    EXPECT_FALSE(handler.error().has_value());
    out.articles_new = handler.counts().articles_new;
  }
  auto rows = storage::Statement::Prepare(archive->db(), "SELECT url, title, body FROM articles");
  while (rows && *rows->Step()) {
    out.articles.insert(rows->Text(0) + " | " + rows->Text(1) + " | " + rows->Text(2));
  }
  auto fetches = storage::Statement::Prepare(archive->db(), "SELECT count(*) FROM fetches");
  if (fetches && *fetches->Step()) out.fetches = fetches->Int(0);
  auto open = storage::Statement::Prepare(archive->db(),
                                          "SELECT count(*) FROM frontier WHERE state != 'done'");
  if (open && *open->Step()) out.frontier_not_done = open->Int(0);
  return out;
}

// A batch is one transaction: another connection (the writer's, a reader's) sees its updates
// all at once when it ends, and a storage error inside it stops the crawl as a single call's
// would.
TEST(ArchiveFrontier, ABatchIsOneTransaction) {
  std::string path = testing_support::MakeTempDir() + "/a.sqlite";
  auto archive = storage::Archive::Open(path, {.create_if_missing = true});
  ASSERT_OK(archive);
  auto other = storage::Archive::Open(path, {.read_only = true});
  ASSERT_OK(other);
  auto run = archive->BeginRun("{}", std::chrono::system_clock::now());
  ASSERT_OK(run);
  ArchiveFrontier frontier(*archive, *run);
  crawler::FrontierEntry a, b;
  a.url = "http://a.test/1.html";
  b.url = "http://a.test/2.html";
  a.host = b.host = "a.test";
  {
    crawler::FrontierBatch batch(frontier);
    ASSERT_EQ(frontier.Add({a}), 1u);
    ASSERT_EQ(frontier.Add({b}), 1u);
    auto taken = frontier.Take("a.test", 1);
    ASSERT_EQ(taken.size(), 1u);
    EXPECT_EQ(frontier.QueuedCount(), 1u);  // the batch sees its own updates
    auto seen = other->FrontierQueuedCount();
    ASSERT_OK(seen);
    EXPECT_EQ(*seen, 0u);  // the others do not, yet
  }
  auto seen = other->FrontierQueuedCount();
  ASSERT_OK(seen);
  EXPECT_EQ(*seen, 1u);
  auto row = other->FrontierEntryOf(a.url);
  ASSERT_OK(row);
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->state, storage::FrontierState::kInFlight);
  EXPECT_FALSE(frontier.error().has_value());
}

TEST(ArchivingPageHandler, APoolAndOneWriterArchiveWhatTheLoopsThreadWould) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("newsarc-pool-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  CrawledArchive inline_run = CrawlSite((dir / "inline.sqlite").string(), 0);
  CrawledArchive pooled = CrawlSite((dir / "pooled.sqlite").string(), 2);
  std::filesystem::remove_all(dir);
  EXPECT_FALSE(inline_run.concurrent);
  EXPECT_TRUE(pooled.concurrent);
  EXPECT_EQ(inline_run.articles.size(), 32u);
  EXPECT_EQ(pooled.articles, inline_run.articles);
  EXPECT_EQ(pooled.articles_new, 32);
  EXPECT_EQ(pooled.fetches, inline_run.fetches);
  EXPECT_EQ(pooled.fetches, 4 * (1 + 8));  // listing and articles (robots.txt is kept apart)
  EXPECT_EQ(pooled.frontier_not_done, 0);
}

// The loop takes a page back and ends (its fetcher goes away) as soon as the writer has handed
// the page over; a notifier still running on the writer's thread after SetNotifier({}) would
// call into the gone fetcher. SetNotifier({}) waits for it instead.
TEST(ArchivingPageHandler, NoNotifierRunsAfterItIsReplaced) {
  auto archive = storage::Archive::Open(testing_support::MakeTempDir() + "/a.sqlite",
                                        {.create_if_missing = true});
  ASSERT_OK(archive);
  ArchivingOptions options;
  options.extract_threads = 1;
  ArchivingPageHandler handler(*archive, options);
  ASSERT_TRUE(handler.concurrent());
  std::atomic<bool> loop_gone{false};
  std::atomic<int> late_calls{0};
  handler.SetNotifier([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (loop_gone) ++late_calls;
  });
  crawler::FrontierEntry entry;
  entry.url = "http://a.test/1.html";
  entry.host = "a.test";
  crawler::FetchResult result;
  result.url = entry.url;
  result.status = 200;
  result.content_type = "text/html; charset=utf-8";
  result.body = "<html><head><title>t</title></head><body><p>正文</p></body></html>";
  handler.Submit(entry, result);
  size_t taken = 0;
  for (int i = 0; i < 5000 && taken == 0; ++i) {
    taken = handler.TakeHandled().size();
    if (taken == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_EQ(taken, 1u);
  handler.SetNotifier({});
  loop_gone = true;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(late_calls.load(), 0);
}

// Issue #13: the backlog that holds fetching back counts its pages' bytes too, so a deep
// backlog (64 pages) keeps the network busy through bursts without letting large pages pile
// up in memory. The archive is write-locked meanwhile, so nothing leaves the backlog.
TEST(ArchivingPageHandler, TheBacklogIsBoundedByItsPagesBytesAsWellAsTheirCount) {
  std::string path = testing_support::MakeTempDir() + "/a.sqlite";
  auto archive = storage::Archive::Open(path, {.create_if_missing = true});
  ASSERT_OK(archive);
  ArchivingOptions options;
  options.extract_threads = 1;
  options.max_backlog = 64;
  options.max_backlog_bytes = 2500;
  ArchivingPageHandler handler(*archive, options);
  ASSERT_TRUE(handler.concurrent());
  auto blocker = storage::Archive::Open(path);
  ASSERT_OK(blocker);
  std::optional<util::Result<storage::WriteBatch>> lock(blocker->BeginWrite());  // IMMEDIATE
  ASSERT_OK(*lock);
  auto page = [](int i) {
    crawler::FrontierEntry entry;
    entry.url = "http://a.test/" + std::to_string(i) + ".html";
    entry.host = "a.test";
    crawler::FetchResult result;
    result.url = entry.url;
    result.status = 200;
    result.content_type = "text/html; charset=utf-8";
    result.body = "<html><head><title>t" + std::to_string(i) + "</title></head><body><p>" +
                  std::string(1200, 'x') + "</p></body></html>";
    return std::pair(entry, result);
  };
  auto [e1, r1] = page(1);
  handler.Submit(e1, r1);
  EXPECT_FALSE(handler.Saturated());  // one page, 1.3 KB
  auto [e2, r2] = page(2);
  handler.Submit(e2, r2);
  EXPECT_TRUE(handler.Saturated());  // two pages, 2.6 KB: the bytes, not the count
  lock.reset();                      // the writer goes on
  size_t taken = 0;
  for (int i = 0; i < 5000 && taken < 2; ++i) {
    taken += handler.TakeHandled().size();
    if (taken < 2) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_EQ(taken, 2u);
  EXPECT_FALSE(handler.Saturated());
  EXPECT_FALSE(handler.error().has_value());
}

// An in-memory archive has no second connection: the handler works on the caller's thread.
TEST(ArchivingPageHandler, AnInMemoryArchiveIsHandledOnTheCallersThread) {
  auto archive = storage::Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  ArchivingOptions options;
  options.extract_threads = 2;
  ArchivingPageHandler handler(*archive, options);
  EXPECT_FALSE(handler.concurrent());
}

// Issue #15: a link refused on every page of a run is written once (the first page that linked
// it is kept), and each refused URL once however many pages link it.
TEST(ArchivingPageHandler, ArchivesEachRefusedUrlOnceARun) {
  auto archive = storage::Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  auto run = archive->BeginRun("{}", std::chrono::system_clock::now());
  ASSERT_OK(run);
  ArchivingOptions options;
  options.run_id = *run;
  ArchivingPageHandler handler(*archive, options);
  crawler::RefusedLink print{"http://a.test/print/1.html", "a.test", "excluded",
                             "matches exclude pattern /print/"};
  crawler::RefusedLink deep{"http://a.test/9.html", "a.test", "too_deep", "depth 3 > max depth 2"};
  for (int page = 0; page < 30; ++page) {
    crawler::FrontierEntry from;
    from.url = "http://a.test/" + std::to_string(page) + ".html";
    from.host = "a.test";
    handler.OnRefused(from, {print, deep, print});
  }
  ASSERT_FALSE(handler.error().has_value());
  auto refusals = storage::ReadScopeRefusals(*archive);
  ASSERT_OK(refusals);
  ASSERT_EQ(refusals->size(), 2u);
  EXPECT_EQ((*refusals)[0].row.url, "http://a.test/9.html");
  EXPECT_EQ((*refusals)[1].row.url, "http://a.test/print/1.html");
  EXPECT_EQ((*refusals)[1].row.discovered_from, "http://a.test/0.html");
  EXPECT_EQ((*refusals)[1].last_run_id, *run);
}

// Issue #13: a multi-page article whose following page is gone (404) is archived when that
// answer comes, with the pages there are, not re-extracted after the crawl loop has ended.
TEST(ArchivingPageHandler, AnArticleWhoseNextPageIsGoneIsArchivedWhenTheAnswerComes) {
  testing_support::FakeClock clock;
  testing_support::FakeFetcher fetcher(clock);
  fetcher.Set("http://a.test/n/1.html",
              Html("<title>商会年会召开</title><div class=\"article\"><h1>商会年会召开</h1>"
                   "<p>日期：2021-03-05</p><div class=\"content\"><p>会议听取了理事会工作报告，"
                   "审议通过了财务报告和章程修正案，选举产生了新一届理事会。会议认为，"
                   "过去一年商会围绕会员需求开展了大量工作。</p></div><div class=\"pages\">1 "
                   "<a href=\"1_2.html\">2</a> <a href=\"1_2.html\">下一页</a></div></div>"));
  // http://a.test/n/1_2.html is not served: 404.
  auto archive = storage::Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  auto run = archive->BeginRun("{}", std::chrono::system_clock::now());
  ASSERT_OK(run);
  ArchiveFrontier frontier(*archive, *run);
  ArchivingOptions options;
  options.run_id = *run;
  ArchivingPageHandler handler(*archive, options);
  crawler::CrawlLoopOptions loop;
  loop.seeds = {"http://a.test/n/1.html"};
  loop.follow_sitemaps = false;
  crawler::RunCrawlLoop(loop, fetcher, clock, frontier, nullptr, handler);
  ASSERT_EQ(fetcher.CountFor("http://a.test/n/1_2.html"), 1);
  EXPECT_EQ(handler.counts().articles_new, 1);  // before FinishPendingStitches
  handler.FinishPendingStitches();
  EXPECT_EQ(handler.counts().articles_new, 1);
  ASSERT_FALSE(handler.error().has_value());
}

// Issue #14: a redirect's fetch row keeps where it pointed (final_url), so `show` can name the
// target even when the scope refused it (off-site) and the frontier never saw it.
TEST(ArchivingPageHandler, ARedirectKeepsItsLocationEvenWhenTheTargetIsRefused) {
  testing_support::FakeClock clock;
  testing_support::FakeFetcher fetcher(clock);
  testing_support::CannedResponse moved;
  moved.status = 301;
  moved.location = "http://elsewhere.test/new.html";
  fetcher.Set("http://a.test/", Html("<a href=\"/old.html\">old</a>"));
  fetcher.Set("http://a.test/old.html", moved);
  auto archive = storage::Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  auto run = archive->BeginRun("{}", std::chrono::system_clock::now());
  ASSERT_OK(run);
  ArchiveFrontier frontier(*archive, *run);
  ArchivingOptions options;
  options.run_id = *run;
  ArchivingPageHandler handler(*archive, options);
  crawler::CrawlLoopOptions loop;
  loop.seeds = {"http://a.test/"};
  loop.follow_sitemaps = false;
  crawler::RunCrawlLoop(loop, fetcher, clock, frontier, nullptr, handler);
  auto row = storage::Statement::Prepare(
      archive->db(), "SELECT status, final_url FROM fetches WHERE url = 'http://a.test/old.html'");
  ASSERT_OK(row);
  ASSERT_TRUE(*row->Step());
  EXPECT_EQ(row->Int(0), 301);
  EXPECT_EQ(row->OptionalText(1).value_or(""), "http://elsewhere.test/new.html");
}

}  // namespace
}  // namespace cli
