#include "util/duration.h"

#include <gtest/gtest.h>

namespace util {
namespace {

using std::chrono::milliseconds;

TEST(ParseDuration, AcceptsUnitsAndCombinations) {
  EXPECT_EQ(ParseDuration("90"), milliseconds(90'000));
  EXPECT_EQ(ParseDuration("90s"), milliseconds(90'000));
  EXPECT_EQ(ParseDuration("30m"), milliseconds(1'800'000));
  EXPECT_EQ(ParseDuration("2h"), milliseconds(7'200'000));
  EXPECT_EQ(ParseDuration("1h30m"), milliseconds(5'400'000));
  EXPECT_EQ(ParseDuration("1.5h"), milliseconds(5'400'000));
  EXPECT_EQ(ParseDuration("500ms"), milliseconds(500));
  EXPECT_EQ(ParseDuration("1d"), milliseconds(86'400'000));
}

TEST(ParseDuration, RejectsGarbage) {
  for (const char* bad : {"", "abc", "10x", "-5s", "1..5s", "m", "5 s", "1e9"}) {
    EXPECT_FALSE(ParseDuration(bad).has_value()) << bad;
  }
}

TEST(FormatClockDuration, MinutesAndSecondsThenHours) {
  EXPECT_EQ(FormatClockDuration(0), "0:00");
  EXPECT_EQ(FormatClockDuration(7), "0:07");
  EXPECT_EQ(FormatClockDuration(185), "3:05");
  EXPECT_EQ(FormatClockDuration(3599), "59:59");
  EXPECT_EQ(FormatClockDuration(3725), "1:02:05");
  EXPECT_EQ(FormatClockDuration(100 * 3600), "100:00:00");
  EXPECT_EQ(FormatClockDuration(-5), "0:00");
}

}  // namespace
}  // namespace util
