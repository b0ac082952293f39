// PLACEHOLDER until the dates module lands.
#include "extract/dates.h"

#include <cstdio>

namespace extract {

std::string DateTimeValue::DateString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string DateTimeValue::Rfc3339(int default_offset_minutes) const {
  int off = utc_offset_minutes.value_or(default_offset_minutes);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year, month, day,
                hour, minute, second, off < 0 ? '-' : '+', std::abs(off) / 60, std::abs(off) % 60);
  return buf;
}

std::optional<DateTimeValue> ParseDateTime(std::string_view, const DateParseOptions&) {
  return std::nullopt;
}

DateFields ExtractDates(const PageContext&, NodeId) { return {}; }

}  // namespace extract
