// Durations as people write them on command lines and in cron jobs: "90" (seconds), "90s",
// "30m", "2h", "1h30m", "1.5h", "500ms".
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace util {

std::optional<std::chrono::milliseconds> ParseDuration(std::string_view text);

}  // namespace util
