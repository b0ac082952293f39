// The process-wide logger: leveled messages to stderr as text lines or JSON objects (one per
// line, for log shippers), and optionally to a log file at a level of its own. Configure once in
// main before threads start; Log() is thread-safe.
//
// What the levels carry (the CLI maps -v to info, -vv to debug; the default is warning):
//   warning, error  something the user should act on, or a page or host given up;
//   info            every fetch (URL, status, bytes, duration, page kind) and run summaries;
//   debug           every decision: scope refusals, robots.txt verdicts, trap-guard counts,
//                   redirects followed, page-kind reasons, and the SQL of failed statements.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/error.h"

namespace util {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };
enum class LogFormat { kText, kJson };

struct LogConfig {
  LogLevel min_level = LogLevel::kWarning;  // on stderr
  LogFormat format = LogFormat::kText;      // on stderr and in the log file
};

void ConfigureLogging(const LogConfig& config);
const LogConfig& CurrentLogConfig();

// Appends the records at `min_level` and above to the file at `path` as well (stderr keeps its
// own level): one line each, in the configured format, each with its UTC time. The file is
// opened for appending, so runs accumulate, and created if missing with the permissions a new
// file gets in its folder (0666 less the umask); its folder is not created. Each record is one
// write(2) to an O_APPEND file, so processes sharing a log file do not cut each other's lines.
// Replaces an earlier log file. The error names the file.
[[nodiscard]] Result<void> OpenLogFile(const std::string& path, LogLevel min_level);
// Stops writing to the log file (if any) and closes it.
void CloseLogFile();

// Whether a record at `level` goes anywhere (stderr or the log file).
bool LogEnabled(LogLevel level);

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
// Formats one record for stderr without writing it (exposed for tests). Text has no time (the
// terminal's reader knows it); JSON has it as "time".
std::string FormatLogRecord(LogFormat format, LogLevel level, std::string_view message,
                            const LogFields& fields, std::string_view timestamp);
// Formats one record for the log file: text lines start with the time and the level
// ("2026-05-01T02:30:00.123Z info fetched url=..."); JSON is as on stderr.
std::string FormatLogFileRecord(LogFormat format, LogLevel level, std::string_view message,
                                const LogFields& fields, std::string_view timestamp);
}  // namespace internal

}  // namespace util
