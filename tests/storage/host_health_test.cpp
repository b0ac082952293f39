#include "storage/host_health.h"

#include <gtest/gtest.h>

#include "tests/support/test_util.h"

namespace storage {
namespace {

Archive OpenMemory() {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  EXPECT_TRUE(archive) << archive.error().message;
  return std::move(*archive);
}

FrontierRow Entry(const std::string& url, const std::string& host) {
  FrontierRow row;
  row.url = url;
  row.host = host;
  row.kind = "seed";
  return row;
}

TEST(HostHealth, AHostIsParkedOnItsNthFailedRunInARow) {
  Archive archive = OpenMemory();
  for (int run = 1; run <= 2; ++run) {
    auto row = RecordHostRun(archive, "dead.cn", true, "network: refused", 3);
    ASSERT_OK(row);
    EXPECT_EQ(row->consecutive_failed_runs, run);
    EXPECT_FALSE(row->parked_at);
  }
  auto third = RecordHostRun(archive, "dead.cn", true, "timeout", 3);
  ASSERT_OK(third);
  EXPECT_TRUE(third->parked_at);
  auto rows = LoadHostHealth(archive);
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].host, "dead.cn");
  EXPECT_EQ((*rows)[0].consecutive_failed_runs, 3);
  EXPECT_EQ((*rows)[0].last_error, "timeout");
  EXPECT_TRUE((*rows)[0].parked_at);
}

TEST(HostHealth, ARunWithAnAnswerStartsTheCountOver) {
  Archive archive = OpenMemory();
  ASSERT_OK(RecordHostRun(archive, "flaky.cn", true, "network", 3));
  ASSERT_OK(RecordHostRun(archive, "flaky.cn", true, "network", 3));
  auto ok = RecordHostRun(archive, "flaky.cn", false, "", 3);
  ASSERT_OK(ok);
  EXPECT_EQ(ok->consecutive_failed_runs, 0);
  auto again = RecordHostRun(archive, "flaky.cn", true, "network", 3);
  ASSERT_OK(again);
  EXPECT_EQ(again->consecutive_failed_runs, 1);
  EXPECT_FALSE(again->parked_at);
}

TEST(HostHealth, ZeroRunsNeverParks) {
  Archive archive = OpenMemory();
  for (int run = 1; run <= 5; ++run) {
    auto row = RecordHostRun(archive, "dead.cn", true, "network", 0);
    ASSERT_OK(row);
    EXPECT_FALSE(row->parked_at);
  }
}

TEST(HostHealth, RetryUnparksOnlyAParkedHost) {
  Archive archive = OpenMemory();
  auto not_parked = RetryHost(archive, "dead.cn");
  ASSERT_OK(not_parked);
  EXPECT_FALSE(*not_parked);
  ASSERT_OK(RecordHostRun(archive, "dead.cn", true, "network", 1));
  auto retried = RetryHost(archive, "dead.cn");
  ASSERT_OK(retried);
  EXPECT_TRUE(*retried);
  auto rows = LoadHostHealth(archive);
  ASSERT_OK(rows);
  EXPECT_FALSE((*rows)[0].parked_at);
  EXPECT_EQ((*rows)[0].consecutive_failed_runs, 0);
}

TEST(HostHealth, ForgetDropsTheHostsQueueAndKeepsOtherHostsAndDoneUrls) {
  Archive archive = OpenMemory();
  ASSERT_OK(archive.FrontierAdd(
      {Entry("http://dead.cn/", "dead.cn"), Entry("http://dead.cn/a", "dead.cn"),
       Entry("http://dead.cn/done", "dead.cn"), Entry("http://live.cn/", "live.cn")}));
  auto taken = archive.FrontierTake("dead.cn", 10, std::chrono::system_clock::now());
  ASSERT_OK(taken);
  for (const auto& row : *taken) {
    if (row.url == "http://dead.cn/done")
      ASSERT_OK(archive.FrontierFinish(row.id, FrontierState::kDone));
    if (row.url == "http://dead.cn/a")
      ASSERT_OK(archive.FrontierFinish(row.id, FrontierState::kFailed));
  }
  ASSERT_OK(RecordHostRun(archive, "dead.cn", true, "network", 1));
  auto dropped = ForgetHost(archive, "dead.cn");
  ASSERT_OK(dropped);
  EXPECT_EQ(*dropped, 2u);  // the in-flight seed and the failed URL
  auto state = archive.FrontierStateOf("http://dead.cn/done");
  ASSERT_OK(state);
  EXPECT_EQ(*state, FrontierState::kDone);
  auto live = QueuedCountOfHost(archive, "live.cn");
  ASSERT_OK(live);
  EXPECT_EQ(*live, 1u);
  auto rows = LoadHostHealth(archive);
  ASSERT_OK(rows);
  EXPECT_TRUE(rows->empty());
}

TEST(HostHealth, AQueuedUrlOfAHostGivesItsSchemeToAResumedRun) {
  Archive archive = OpenMemory();
  auto none = AQueuedUrlOfHost(archive, "b.cn");
  ASSERT_OK(none);
  EXPECT_FALSE(*none);
  ASSERT_OK(archive.FrontierAdd({Entry("https://b.cn/1.html", "b.cn")}));
  auto url = AQueuedUrlOfHost(archive, "b.cn");
  ASSERT_OK(url);
  EXPECT_EQ(url->value_or(""), "https://b.cn/1.html");
}

}  // namespace
}  // namespace storage
