// Parsing of the dates and timestamps the archive stores and filters on. The archive writes
// RFC 3339 UTC text ("2024-05-01T08:00:00Z", util::FormatUtc) so that string order is time order.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace storage {

// True for a real calendar date written YYYY-MM-DD (2023-02-29 is false).
bool IsCalendarDate(std::string_view text);

// Parses RFC 3339 ("2024-05-01T08:00:00Z", "…T16:00:00+08:00", fractional seconds ignored) or
// a bare YYYY-MM-DD (midnight UTC).
std::optional<std::chrono::system_clock::time_point> ParseTimestamp(std::string_view text);

// The same instant in the archive's form ("…Z"), for comparisons with stored timestamps.
std::optional<std::string> NormalizeTimestamp(std::string_view text);

}  // namespace storage
