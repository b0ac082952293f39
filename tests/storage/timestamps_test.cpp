#include "storage/timestamps.h"

#include <gtest/gtest.h>

namespace storage {
namespace {

TEST(Timestamps, CalendarDatesMustExist) {
  EXPECT_TRUE(IsCalendarDate("2024-02-29"));
  EXPECT_FALSE(IsCalendarDate("2023-02-29"));
  EXPECT_FALSE(IsCalendarDate("2024-13-01"));
  EXPECT_FALSE(IsCalendarDate("2024/05/01"));
  EXPECT_FALSE(IsCalendarDate("yesterday"));
}

// RFC 3339 §5.6: offsets convert to UTC.
TEST(Timestamps, OffsetsAreNormalizedToUtc) {
  EXPECT_EQ(NormalizeTimestamp("2024-05-01T16:00:00+08:00"), "2024-05-01T08:00:00Z");
  EXPECT_EQ(NormalizeTimestamp("2024-05-01T08:00:00.250Z"), "2024-05-01T08:00:00Z");
  EXPECT_EQ(NormalizeTimestamp("2024-05-01"), "2024-05-01T00:00:00Z");
  EXPECT_EQ(NormalizeTimestamp("2024-05-01T08:00"), std::nullopt);
  EXPECT_EQ(NormalizeTimestamp("2024-05-01T08:00:00+8"), std::nullopt);
}

}  // namespace
}  // namespace storage
