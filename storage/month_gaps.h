// Month gaps are the months of a section's publishing history that hold no article, or far fewer
// than its usual month, between months that do: where a crawl may have silently missed pages.
// Pure functions over published dates; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storage {

// When a month is flagged (documented in the README's audit section).
struct MonthGapOptions {
  // A month between the first and the last month with articles is a "gap" when it has none and
  // the median month (of every month in that span, empty ones included) has at least this many:
  // a section of one article a month has empty months by chance (a third of them, Poisson).
  int64_t gap_min_median = 3;
  // Such a month is "low" when it has fewer than median / low_divisor articles ...
  int64_t low_divisor = 4;
  // ... and the median is at least this many (a section of a few articles a month varies too much
  // for a low month to mean anything).
  int64_t low_min_median = 8;
  // Spans longer than this many months are cut to the latest ones (a bad date of 1900 would
  // otherwise make a table of 1,500 months).
  int64_t max_months = 240;
};

enum class MonthFlag { kNone, kGap, kLow };
const char* MonthFlagName(MonthFlag flag);

struct MonthCount {
  std::string month;  // YYYY-MM
  int64_t articles = 0;
  MonthFlag flag = MonthFlag::kNone;
};

struct MonthTable {
  // Every month from the first to the last with articles (at most max_months, the latest),
  // oldest first.
  std::vector<MonthCount> months;
  int64_t median = 0;
  int64_t undated = 0;      // articles without a usable published_date
  int64_t before_span = 0;  // dated articles older than the months kept (max_months)
};

// Counts `published_dates` (YYYY-MM-DD, or nullopt) per month and flags gaps and low months.
MonthTable CountMonths(const std::vector<std::optional<std::string>>& published_dates,
                       const MonthGapOptions& options = {});

}  // namespace storage
