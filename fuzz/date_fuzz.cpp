// libFuzzer target: the date parser on arbitrary bytes (valid UTF-8 or not).
#include <cstddef>
#include <cstdint>
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
  }
  return 0;
}
