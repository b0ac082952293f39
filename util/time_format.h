// RFC 3339 timestamps for archive bookkeeping.
#pragma once

#include <chrono>
#include <string>

namespace util {

// "2026-11-26T19:36:08Z"
std::string FormatUtc(std::chrono::system_clock::time_point t);
inline std::string FormatUtcNow() { return FormatUtc(std::chrono::system_clock::now()); }

}  // namespace util
