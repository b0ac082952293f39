#include "storage/month_gaps.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace storage {
namespace {

// `n` articles dated in `month` (YYYY-MM).
void Add(std::vector<std::optional<std::string>>& dates, const std::string& month, int n) {
  for (int i = 0; i < n; ++i) dates.push_back(month + "-15");
}

TEST(MonthGaps, EmptyMonthBetweenMonthsWithArticlesIsAGap) {
  std::vector<std::optional<std::string>> dates;
  Add(dates, "2023-11", 5);
  Add(dates, "2024-01", 4);
  dates.push_back(std::nullopt);
  dates.push_back("not a date");
  MonthTable table = CountMonths(dates);
  ASSERT_EQ(table.months.size(), 3u);
  EXPECT_EQ(table.months[0].month, "2023-11");
  EXPECT_EQ(table.months[1].month, "2023-12");
  EXPECT_EQ(table.months[1].articles, 0);
  EXPECT_EQ(table.months[1].flag, MonthFlag::kGap);
  EXPECT_EQ(table.months[2].articles, 4);
  EXPECT_EQ(table.months[2].flag, MonthFlag::kNone);
  EXPECT_EQ(table.undated, 2);
}

TEST(MonthGaps, MonthFarBelowTheMedianIsLowButTheFirstAndLastAreNot) {
  std::vector<std::optional<std::string>> dates;
  Add(dates, "2024-01", 1);  // the first month: partial
  Add(dates, "2024-02", 20);
  Add(dates, "2024-03", 3);  // 3 * 4 < 16, the median once more months are added: low
  Add(dates, "2024-04", 20);
  Add(dates, "2024-05", 6);  // 6 * 4 >= 20: normal
  Add(dates, "2024-06", 20);
  Add(dates, "2024-07", 2);  // the last month: partial
  MonthTable table = CountMonths(dates);
  ASSERT_EQ(table.months.size(), 7u);
  EXPECT_EQ(table.median, 6);
  // The median of 6 is under low_min_median (8): nothing low yet.
  for (const auto& m : table.months) EXPECT_EQ(m.flag, MonthFlag::kNone) << m.month;

  Add(dates, "2024-02", 10);
  Add(dates, "2024-04", 10);
  Add(dates, "2024-05", 10);
  Add(dates, "2024-06", 10);
  table = CountMonths(dates);
  EXPECT_EQ(table.median, 16);
  EXPECT_EQ(table.months[0].flag, MonthFlag::kNone);
  EXPECT_EQ(table.months[2].flag, MonthFlag::kLow);
  EXPECT_EQ(table.months[4].flag, MonthFlag::kNone);
  EXPECT_EQ(table.months[6].flag, MonthFlag::kNone);
}

TEST(MonthGaps, EmptyMonthOfASectionOfAboutOneArticleAMonthIsNoGap) {
  std::vector<std::optional<std::string>> dates;
  Add(dates, "2024-01", 1);
  Add(dates, "2024-02", 2);
  Add(dates, "2024-04", 1);
  Add(dates, "2024-05", 1);
  MonthTable table = CountMonths(dates);
  ASSERT_EQ(table.months.size(), 5u);
  EXPECT_EQ(table.median, 1);
  EXPECT_EQ(table.months[2].articles, 0);
  EXPECT_EQ(table.months[2].flag, MonthFlag::kNone);
}

TEST(MonthGaps, AStrayOldDateDoesNotMakeATableOfCenturies) {
  std::vector<std::optional<std::string>> dates = {"1900-01-01"};
  Add(dates, "2024-01", 3);
  Add(dates, "2024-03", 3);
  MonthTable table = CountMonths(dates, {.max_months = 12});
  ASSERT_EQ(table.months.size(), 12u);
  EXPECT_EQ(table.months.front().month, "2023-04");
  EXPECT_EQ(table.months.back().month, "2024-03");
  EXPECT_EQ(table.before_span, 1);
}

TEST(MonthGaps, NoDatesGiveAnEmptyTable) {
  MonthTable table = CountMonths({std::nullopt});
  EXPECT_TRUE(table.months.empty());
  EXPECT_EQ(table.undated, 1);
}

}  // namespace
}  // namespace storage
