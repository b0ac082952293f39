// Date extraction: parsing printed dates ("2009-07-16", "2013/7/24 10:54:39", "2021年3月5日",
// full-width digits) and finding the labelled dates of an article (日期, 发布时间, 上传时间,
// meta article:published_time, <time datetime>, JSON-LD datePublished ...) with their roles.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/article.h"
#include "extract/page_context.h"

namespace extract {

struct DateTimeValue {
  int year = 0;
  int month = 0;
  int day = 0;
  bool has_time = false;
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::optional<int> utc_offset_minutes;  // when the text carries a zone ("+08:00", "Z")

  std::string DateString() const;  // YYYY-MM-DD
  // RFC 3339 with the printed zone, else with `default_offset_minutes`.
  std::string Rfc3339(int default_offset_minutes) const;
};

struct DateParseOptions {
  int min_year = 1990;
  // Latest acceptable date (the fetch date plus a day of slack), as YYYYMMDD; 0 = no limit.
  int max_yyyymmdd = 0;
};

// The first valid date (with its time, when printed right after it) in `text`; impossible
// dates (month 13, before min_year, after max) are skipped.
std::optional<DateTimeValue> ParseDateTime(std::string_view text,
                                           const DateParseOptions& options = {});
// The same for text already decoded to code points (a Line's), without a UTF-8 round trip.
std::optional<DateTimeValue> ParseDateTime(std::u32string_view text,
                                           const DateParseOptions& options = {});

struct DateFields {
  std::optional<std::string> published_date;
  std::optional<std::string> published_at;
  std::optional<std::string> updated_at;
  std::vector<LabelledDate> dates;
};

// Finds the article's labelled dates. `body_container` (may be kNoNode) is the element holding
// the main text: dates are searched in the header area around it and in metadata.
DateFields ExtractDates(const PageContext& ctx, NodeId body_container);

}  // namespace extract
