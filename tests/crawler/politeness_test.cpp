#include "crawler/politeness.h"

#include <gtest/gtest.h>

namespace crawler {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(PolitenessDelay, IsTheLargestOfDelayCrawlDelayAndScaledResponseTime) {
  PolitenessOptions o;  // delay 1 s, factor 2, cap 30 s
  EXPECT_EQ(PolitenessDelay(milliseconds(100), std::nullopt, o), seconds(1));
  EXPECT_EQ(PolitenessDelay(milliseconds(800), std::nullopt, o), milliseconds(1600));
  EXPECT_EQ(PolitenessDelay(milliseconds(800), seconds(5), o), seconds(5));
  EXPECT_EQ(PolitenessDelay(seconds(60), std::nullopt, o), seconds(30));  // capped
  EXPECT_EQ(PolitenessDelay(seconds(60), seconds(45), o), seconds(45));   // Crawl-delay uncapped
}

// RFC 9110 §10.2.3: Retry-After = HTTP-date / delay-seconds.
TEST(ParseRetryAfter, AcceptsSecondsAndHttpDates) {
  auto now = std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT
  EXPECT_EQ(ParseRetryAfter("120", now), seconds(120));
  EXPECT_EQ(ParseRetryAfter(" 0 ", now), seconds(0));
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:50:37 GMT", now), seconds(60));
  EXPECT_EQ(ParseRetryAfter("Sunday, 06-Nov-94 08:50:37 GMT", now), seconds(60));
  EXPECT_EQ(ParseRetryAfter("Sun Nov  6 08:50:37 1994", now), seconds(60));
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:00:00 GMT", now), seconds(0));  // past
  EXPECT_FALSE(ParseRetryAfter("soon", now).has_value());
  EXPECT_FALSE(ParseRetryAfter("", now).has_value());
  EXPECT_FALSE(ParseRetryAfter("-5", now).has_value());
}

class HostPolitenessTest : public ::testing::Test {
 protected:
  SteadyTime t0_ = SteadyTime() + std::chrono::hours(1);
  // Exact arithmetic: no safety margin (its own test below).
  PolitenessOptions options_ = [] {
    PolitenessOptions o;
    o.safety_margin = std::chrono::milliseconds(0);
    return o;
  }();
  std::mt19937_64 rng_{42};
  HostPoliteness host_;
};

TEST_F(HostPolitenessTest, NextStartIsMeasuredFromTheStartOfThePreviousRequest) {
  ASSERT_TRUE(CanStart(host_, t0_, options_));
  OnRequestStart(host_, t0_);
  EXPECT_FALSE(CanStart(host_, t0_, options_));  // one request at a time
  OnRequestFinish(host_, t0_, t0_ + milliseconds(200), FetchSignal::kSuccess, std::nullopt,
                  options_, rng_);
  EXPECT_FALSE(CanStart(host_, t0_ + milliseconds(999), options_));
  EXPECT_TRUE(CanStart(host_, t0_ + seconds(1), options_));
}

TEST_F(HostPolitenessTest, SafetyMarginLengthensEveryGap) {
  options_.safety_margin = milliseconds(10);
  OnRequestStart(host_, t0_);
  OnRequestFinish(host_, t0_, t0_, FetchSignal::kSuccess, std::nullopt, options_, rng_);
  EXPECT_FALSE(CanStart(host_, t0_ + seconds(1), options_));
  EXPECT_TRUE(CanStart(host_, t0_ + milliseconds(1010), options_));
}

TEST_F(HostPolitenessTest, RetryAfterPausesTheHost) {
  OnRequestStart(host_, t0_);
  OnRequestFinish(host_, t0_, t0_ + milliseconds(10), FetchSignal::kRetryLater, seconds(120),
                  options_, rng_);
  EXPECT_FALSE(CanStart(host_, t0_ + seconds(119), options_));
  EXPECT_TRUE(CanStart(host_, t0_ + milliseconds(10) + seconds(120), options_));
}

TEST_F(HostPolitenessTest, RepeatedFailuresBackOffExponentiallyThenPark) {
  SteadyTime t = t0_;
  Duration previous_gap{};
  for (int i = 1; i <= options_.max_consecutive_failures; ++i) {
    OnRequestStart(host_, t);
    OnRequestFinish(host_, t, t, FetchSignal::kServerError, std::nullopt, options_, rng_);
    Duration gap = host_.next_start_at - t;
    if (i > 1 && i < options_.max_consecutive_failures) {
      EXPECT_EQ(gap, previous_gap * 2);
    }
    previous_gap = gap;
    t = host_.next_start_at;
  }
  EXPECT_TRUE(host_.parked);
  EXPECT_FALSE(CanStart(host_, t + std::chrono::hours(10), options_));
}

TEST_F(HostPolitenessTest, SuccessResetsTheFailureCount) {
  OnRequestStart(host_, t0_);
  OnRequestFinish(host_, t0_, t0_, FetchSignal::kNetworkError, std::nullopt, options_, rng_);
  EXPECT_EQ(host_.consecutive_failures, 1);
  OnRequestStart(host_, t0_);
  OnRequestFinish(host_, t0_, t0_, FetchSignal::kSuccess, std::nullopt, options_, rng_);
  EXPECT_EQ(host_.consecutive_failures, 0);
}

TEST_F(HostPolitenessTest, JitterStaysWithinTheConfiguredSpreadAndIsSeeded) {
  options_.jitter_fraction = 0.2;
  for (int i = 0; i < 50; ++i) {
    HostPoliteness h;
    OnRequestStart(h, t0_);
    OnRequestFinish(h, t0_, t0_, FetchSignal::kSuccess, std::nullopt, options_, rng_);
    Duration gap = h.next_start_at - t0_;
    EXPECT_GE(gap, milliseconds(800));
    EXPECT_LE(gap, milliseconds(1200));
  }
  std::mt19937_64 a(7), b(7);
  HostPoliteness ha, hb;
  OnRequestFinish(ha, t0_, t0_, FetchSignal::kSuccess, std::nullopt, options_, a);
  OnRequestFinish(hb, t0_, t0_, FetchSignal::kSuccess, std::nullopt, options_, b);
  EXPECT_EQ(ha.next_start_at, hb.next_start_at);
}

}  // namespace
}  // namespace crawler
