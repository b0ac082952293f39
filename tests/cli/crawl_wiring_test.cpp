#include "cli/crawl_wiring.h"

#include <gtest/gtest.h>

#include "tests/storage/archive_test_util.h"
#include "tests/support/test_util.h"

namespace cli {
namespace {

TEST(FormatProgress, ShowsCountsRateAndTheSoonerLimitAsEta) {
  ProgressFigures f;
  f.fetched = 120;
  f.queued = 48;
  f.articles_new = 97;
  f.articles_changed = 2;
  f.errors = 1;
  f.elapsed_seconds = 40;  // 3 pages/s
  EXPECT_EQ(FormatProgress(f),
            "fetched 120  queued 48  articles 97 new, 2 changed  errors 1  3.0/s");
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

}  // namespace
}  // namespace cli
