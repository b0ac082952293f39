// libFuzzer target: the date parser on arbitrary bytes (valid UTF-8 or not).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "extract/dates.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  extract::DateParseOptions options;
  options.max_yyyymmdd = 20300101;
  if (auto v = extract::ParseDateTime(text, options)) {
    if (v->month < 1 || v->month > 12 || v->day < 1 || v->day > 31) __builtin_trap();
    if (v->DateString().size() != 10) __builtin_trap();
    if (v->has_time && v->Rfc3339(480).size() != 25) __builtin_trap();
    if (v->hour < 0 || v->hour > 23 || v->minute < 0 || v->minute > 59 || v->second < 0 ||
        v->second > 59) {
      __builtin_trap();
    }
    if (v->utc_offset_minutes && std::abs(*v->utc_offset_minutes) > 14 * 60) __builtin_trap();
    if (v->year < options.min_year || v->DateString() > "2030-01-01") __builtin_trap();
  }
  return 0;
}
