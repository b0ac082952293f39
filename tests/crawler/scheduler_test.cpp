#include "crawler/scheduler.h"

#include <gtest/gtest.h>

#include <map>

namespace crawler {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

FetchRequest Req(uint64_t id) {
  FetchRequest r;
  r.id = id;
  r.url = "http://h/" + std::to_string(id);
  return r;
}

// Exact arithmetic: no politeness safety margin.
SchedulerOptions Exact() {
  SchedulerOptions o;
  o.politeness.safety_margin = std::chrono::milliseconds(0);
  return o;
}

class SchedulerTest : public ::testing::Test {
 protected:
  SteadyTime t0_ = SteadyTime() + std::chrono::hours(1);
};

TEST_F(SchedulerTest, OneRequestPerHostAtATimeAndDelayBetweenStarts) {
  Scheduler s(Exact());
  s.Enqueue("a", Req(1));
  s.Enqueue("a", Req(2));
  auto first = s.NextReady(t0_);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->second.id, 1u);
  EXPECT_FALSE(s.NextReady(t0_));  // in flight
  s.OnFinished("a", t0_, t0_ + milliseconds(100), FetchSignal::kSuccess, std::nullopt);
  EXPECT_FALSE(s.NextReady(t0_ + milliseconds(500)));
  EXPECT_EQ(s.NextWakeup(t0_ + milliseconds(500)), t0_ + seconds(1));
  auto second = s.NextReady(t0_ + seconds(1));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->second.id, 2u);
}

// Issue #17 point 3: an earlier run's last request to a host (restored from the archive) holds
// the new run's first request back by the delay, and by a Crawl-delay learnt afterwards.
TEST_F(SchedulerTest, AnEarlierRunsLastRequestHoldsTheFirstOneBack) {
  Scheduler s(Exact());  // delay 1 s
  s.RestoreLastStart("a", t0_ - milliseconds(300));
  s.Enqueue("a", Req(1));
  EXPECT_FALSE(s.NextReady(t0_));
  EXPECT_EQ(s.NextWakeup(t0_), t0_ + milliseconds(700));
  EXPECT_TRUE(s.SetCrawlDelay("a", seconds(2)));
  EXPECT_FALSE(s.NextReady(t0_ + milliseconds(700)));
  EXPECT_TRUE(s.NextReady(t0_ + milliseconds(1700)));
  // Long ago: no wait.
  s.RestoreLastStart("b", t0_ - seconds(3600));
  s.Enqueue("b", Req(2));
  EXPECT_TRUE(s.NextReady(t0_));
}

// Issue #13 point 2: the gap counts from when the request left, which may be well after it was
// handed to the fetcher; a Crawl-delay learnt from that request (robots.txt) counts from there.
TEST_F(SchedulerTest, CrawlDelayCountsFromWhenTheRequestLeftNotFromTheHandOff) {
  Scheduler s(Exact());  // delay 1 s
  s.Enqueue("a", Req(1));
  s.Enqueue("a", Req(2));
  ASSERT_TRUE(s.NextReady(t0_));  // robots.txt handed off at t0, left 300 ms later
  s.OnFinished("a", t0_ + milliseconds(300), t0_ + milliseconds(310), FetchSignal::kSuccess,
               std::nullopt);
  EXPECT_TRUE(s.SetCrawlDelay("a", seconds(2)));
  EXPECT_FALSE(s.NextReady(t0_ + milliseconds(2299)));
  EXPECT_TRUE(s.NextReady(t0_ + milliseconds(2300)));
}

// Issue #13 point 2: a fetcher's start stamp earlier than the hand-off cannot shorten the gap.
TEST_F(SchedulerTest, TheGapCountsFromTheLaterOfHandOffAndReportedStart) {
  Scheduler s(Exact());  // delay 1 s
  s.Enqueue("a", Req(1));
  s.Enqueue("a", Req(2));
  ASSERT_TRUE(s.NextReady(t0_));
  s.OnFinished("a", t0_ - milliseconds(200), t0_ + milliseconds(10), FetchSignal::kSuccess,
               std::nullopt);
  EXPECT_FALSE(s.NextReady(t0_ + milliseconds(999)));
  EXPECT_TRUE(s.NextReady(t0_ + seconds(1)));
}

TEST_F(SchedulerTest, ServesHostsRoundRobinInParallel) {
  Scheduler s(Exact());
  for (uint64_t i = 0; i < 3; ++i) {
    s.Enqueue("a", Req(10 + i));
    s.Enqueue("b", Req(20 + i));
    s.Enqueue("c", Req(30 + i));
  }
  std::map<std::string, int> started;
  while (auto r = s.NextReady(t0_)) ++started[r->first];
  EXPECT_EQ(started, (std::map<std::string, int>{{"a", 1}, {"b", 1}, {"c", 1}}));
  EXPECT_EQ(s.HostsInFlight(), 3);
}

TEST_F(SchedulerTest, CapsHostsInFlight) {
  SchedulerOptions o = Exact();
  o.max_hosts_in_flight = 2;
  Scheduler s(o);
  for (const char* h : {"a", "b", "c"}) s.Enqueue(h, Req(1));
  EXPECT_TRUE(s.NextReady(t0_));
  EXPECT_TRUE(s.NextReady(t0_));
  EXPECT_FALSE(s.NextReady(t0_));
  EXPECT_FALSE(s.NextWakeup(t0_).has_value());  // waits for a finish, not for time
}

TEST_F(SchedulerTest, CrawlDelayAboveTheCapParksTheHost) {
  Scheduler s(Exact());
  s.Enqueue("slow", Req(1));
  EXPECT_FALSE(s.SetCrawlDelay("slow", seconds(3600)));
  EXPECT_TRUE(s.IsParked("slow"));
  EXPECT_EQ(s.TotalPending(), 0u);
  EXPECT_FALSE(s.NextReady(t0_ + std::chrono::hours(5)));
}

TEST_F(SchedulerTest, CrawlDelayWidensTheGap) {
  Scheduler s(Exact());
  ASSERT_TRUE(s.SetCrawlDelay("a", seconds(5)));
  s.Enqueue("a", Req(1));
  s.Enqueue("a", Req(2));
  ASSERT_TRUE(s.NextReady(t0_));
  s.OnFinished("a", t0_, t0_ + milliseconds(10), FetchSignal::kSuccess, std::nullopt);
  EXPECT_FALSE(s.NextReady(t0_ + seconds(4)));
  EXPECT_TRUE(s.NextReady(t0_ + seconds(5)));
}

TEST_F(SchedulerTest, RepeatedFailuresParkTheHostAndDropItsQueue) {
  Scheduler s(Exact());
  for (uint64_t i = 0; i < 10; ++i) s.Enqueue("bad", Req(i));
  SteadyTime t = t0_;
  for (int i = 0; i < 5; ++i) {
    auto r = s.NextReady(t);
    ASSERT_TRUE(r) << i;
    s.OnFinished("bad", t, t, FetchSignal::kNetworkError, std::nullopt);
    auto next = s.NextWakeup(t);
    if (next) t = *next;
  }
  EXPECT_TRUE(s.IsParked("bad"));
  EXPECT_EQ(s.TotalPending(), 0u);
  EXPECT_EQ(s.HostsInFlight(), 0);
}

}  // namespace
}  // namespace crawler
