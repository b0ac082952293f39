#include "storage/month_gaps.h"

#include <algorithm>
#include <map>

namespace storage {
namespace {

// Months since year 0 of "YYYY-MM…", or nullopt when it does not start with a valid month.
std::optional<int64_t> MonthNumber(std::string_view date) {
  if (date.size() < 7 || date[4] != '-') return std::nullopt;
  int64_t year = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (date[i] < '0' || date[i] > '9') return std::nullopt;
    year = year * 10 + (date[i] - '0');
  }
  if (date[5] < '0' || date[5] > '9' || date[6] < '0' || date[6] > '9') return std::nullopt;
  int64_t month = (date[5] - '0') * 10 + (date[6] - '0');
  if (month < 1 || month > 12 || year < 1) return std::nullopt;
  return year * 12 + (month - 1);
}

std::string MonthText(int64_t number) {
  int64_t year = number / 12;
  int64_t month = number % 12 + 1;
  std::string text = std::to_string(year);
  while (text.size() < 4) text.insert(0, "0");
  return text + (month < 10 ? "-0" : "-") + std::to_string(month);
}

}  // namespace

const char* MonthFlagName(MonthFlag flag) {
  switch (flag) {
    case MonthFlag::kNone:
      return "";
    case MonthFlag::kGap:
      return "gap";
    case MonthFlag::kLow:
      return "low";
  }
  return "";
}

MonthTable CountMonths(const std::vector<std::optional<std::string>>& published_dates,
                       const MonthGapOptions& options) {
  MonthTable table;
  std::map<int64_t, int64_t> counts;
  for (const auto& date : published_dates) {
    std::optional<int64_t> month = date ? MonthNumber(*date) : std::nullopt;
    if (month) {
      ++counts[*month];
    } else {
      ++table.undated;
    }
  }
  if (counts.empty()) return table;
  int64_t last = counts.rbegin()->first;
  int64_t first =
      std::max(counts.begin()->first, last - std::max<int64_t>(options.max_months, 1) + 1);
  for (const auto& [month, n] : counts) {
    if (month < first) table.before_span += n;
  }
  std::vector<int64_t> values;
  for (int64_t month = first; month <= last; ++month) {
    auto it = counts.find(month);
    int64_t n = it == counts.end() ? 0 : it->second;
    table.months.push_back(MonthCount{MonthText(month), n, MonthFlag::kNone});
    values.push_back(n);
  }
  std::sort(values.begin(), values.end());
  table.median = values[values.size() / 2];
  bool low_applies = table.median >= options.low_min_median && options.low_divisor > 0;
  // The first and last months are partial by nature (the site's start, the crawl's day): only the
  // months between them are flagged.
  for (size_t i = 1; i + 1 < table.months.size(); ++i) {
    MonthCount& m = table.months[i];
    if (m.articles == 0) {
      if (table.median >= options.gap_min_median) m.flag = MonthFlag::kGap;
    } else if (low_applies && m.articles * options.low_divisor < table.median) {
      m.flag = MonthFlag::kLow;
    }
  }
  return table;
}

}  // namespace storage
