// Durations as people write them on command lines and in cron jobs: "90" (seconds), "90s",
// "30m", "2h", "1h30m", "1.5h", "500ms"; and as a clock shows them: "3:05", "1:02:05".
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace util {

std::optional<std::chrono::milliseconds> ParseDuration(std::string_view text);

// "0:07", "3:05", "1:02:05" (hours once there are any); a negative count reads as 0.
std::string FormatClockDuration(int64_t seconds);

}  // namespace util
