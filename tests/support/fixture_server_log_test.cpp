#include "tests/support/fixture_server_log.h"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

namespace testing_support {
namespace {

using std::chrono::milliseconds;

const RecordedRequest::Time kT0 = RecordedRequest::Time() + std::chrono::hours(1);

RecordedRequest Open(milliseconds start, milliseconds end) {
  RecordedRequest r;
  r.started_at = kT0 + start;
  r.finished_at = kT0 + end;
  return r;
}

TEST(FixtureServerLog, MinStartGapIsTheSmallestGapBetweenSortedStarts) {
  std::vector<RecordedRequest> requests = {Open(milliseconds(500), milliseconds(600)),
                                           Open(milliseconds(0), milliseconds(100)),
                                           Open(milliseconds(200), milliseconds(300))};

  EXPECT_EQ(MinStartGap(requests), milliseconds(200));
}

TEST(FixtureServerLog, StartGapsFollowTheLogOrder) {
  std::vector<RecordedRequest> requests = {Open(milliseconds(0), milliseconds(100)),
                                           Open(milliseconds(250), milliseconds(300)),
                                           Open(milliseconds(200), milliseconds(210))};
  EXPECT_EQ(StartGaps(requests), (std::vector<std::chrono::steady_clock::duration>{
                                     milliseconds(250), milliseconds(-50)}));
  EXPECT_TRUE(StartGaps({requests[0]}).empty());
}

TEST(FixtureServerLog, MinStartGapNeedsTwoRequests) {
  EXPECT_FALSE(MinStartGap({}).has_value());
  EXPECT_FALSE(MinStartGap({Open(milliseconds(0), milliseconds(1))}).has_value());
}

TEST(FixtureServerLog, MaxConcurrentCountsOverlappingIntervals) {
  std::vector<RecordedRequest> requests = {
      Open(milliseconds(0), milliseconds(100)), Open(milliseconds(50), milliseconds(150)),
      Open(milliseconds(60), milliseconds(70)), Open(milliseconds(120), milliseconds(200))};

  EXPECT_EQ(MaxConcurrent(requests), 3);
}

TEST(FixtureServerLog, MaxConcurrentDoesNotOverlapBackToBackRequests) {
  std::vector<RecordedRequest> requests = {Open(milliseconds(0), milliseconds(100)),
                                           Open(milliseconds(100), milliseconds(200))};

  EXPECT_EQ(MaxConcurrent(requests), 1);
}

TEST(FixtureServerLog, MaxConcurrentKeepsARequestInFlightOpen) {
  RecordedRequest in_flight;
  in_flight.started_at = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  RecordedRequest later = in_flight;
  later.started_at += milliseconds(10);
  later.finished_at = later.started_at + milliseconds(10);

  EXPECT_EQ(MaxConcurrent({in_flight, later}), 2);
}

TEST(FixtureServerLog, HeaderLookupIgnoresCase) {
  RecordedRequest r;
  r.headers = {{"User-Agent", "newsarc"}};

  EXPECT_EQ(r.Header("user-agent"), "newsarc");
  EXPECT_FALSE(r.Header("Accept").has_value());
}

}  // namespace
}  // namespace testing_support
