// The process-wide logger: leveled messages to stderr as text lines or JSON objects (one per
// line, for log shippers). Configure once in main before threads start; Log() is thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace util {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };
enum class LogFormat { kText, kJson };

struct LogConfig {
  LogLevel min_level = LogLevel::kWarning;
  LogFormat format = LogFormat::kText;
};

void ConfigureLogging(const LogConfig& config);
const LogConfig& CurrentLogConfig();

// Extra key/value pairs: in text format appended as key=value, in JSON format as fields.
using LogFields = std::vector<std::pair<std::string, std::string>>;

void Log(LogLevel level, std::string_view message, const LogFields& fields = {});

inline void LogDebug(std::string_view m, const LogFields& f = {}) { Log(LogLevel::kDebug, m, f); }
inline void LogInfo(std::string_view m, const LogFields& f = {}) { Log(LogLevel::kInfo, m, f); }
inline void LogWarning(std::string_view m, const LogFields& f = {}) {
  Log(LogLevel::kWarning, m, f);
}
inline void LogError(std::string_view m, const LogFields& f = {}) { Log(LogLevel::kError, m, f); }

namespace internal {
// Formats one record without writing it (exposed for tests).
std::string FormatLogRecord(LogFormat format, LogLevel level, std::string_view message,
                            const LogFields& fields, std::string_view timestamp);
}  // namespace internal

}  // namespace util
