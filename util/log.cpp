#include "util/log.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>

#include "util/status_line.h"

namespace util {
namespace {

// Above every level: nothing is written.
constexpr int kOff = static_cast<int>(LogLevel::kError) + 1;

LogConfig g_config;
std::mutex g_mutex;  // guards the writes and the log file's descriptor and path
// The lowest level each destination takes, read without the lock on every Log() call.
std::atomic<int> g_stderr_level{static_cast<int>(LogLevel::kWarning)};
std::atomic<int> g_file_level{kOff};
int g_file_fd = -1;
std::string g_file_path;
bool g_file_failed = false;  // a write to the log file failed (reported once on stderr)

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

// "2026-05-01T02:30:00.123Z"
std::string NowUtc() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(ms));
  return buf;
}

bool NeedsQuoting(std::string_view v) {
  if (v.empty()) return true;
  for (char c : v) {
    if (c == ' ' || c == '"' || c == '=' || c == '\n' || c == '\t') return true;
  }
  return false;
}

std::string JsonRecord(LogLevel level, std::string_view message, const LogFields& fields,
                       std::string_view timestamp) {
  nlohmann::ordered_json j;
  j["time"] = timestamp;
  j["level"] = LevelName(level);
  j["msg"] = message;
  for (const auto& [k, v] : fields) j[k] = v;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Appends "message key=value key="quoted value"..." to `line`.
void AppendTextRecord(std::string& line, std::string_view message, const LogFields& fields) {
  line += message;
  for (const auto& [k, v] : fields) {
    line += ' ';
    line += k;
    line += '=';
    if (NeedsQuoting(v)) {
      nlohmann::json quoted = v;
      line += quoted.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
      line += v;
    }
  }
}

// Writes all of `line` to `fd` (retrying short writes and EINTR); false with errno on failure.
bool WriteAll(int fd, std::string_view line) {
  while (!line.empty()) {
    ssize_t n = ::write(fd, line.data(), line.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    line.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

void CloseFileLocked() {
  g_file_level.store(kOff);
  if (g_file_fd >= 0) ::close(g_file_fd);
  g_file_fd = -1;
  g_file_path.clear();
  g_file_failed = false;
}

}  // namespace

void ConfigureLogging(const LogConfig& config) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_config = config;
  g_stderr_level.store(static_cast<int>(config.min_level));
}

const LogConfig& CurrentLogConfig() { return g_config; }

Result<void> OpenLogFile(const std::string& path, LogLevel min_level) {
  // 0666: the umask decides, as for any new file in the folder.
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) {
    return MakeError(ErrorCode::kUsage, path + ": cannot open the log file for appending (" +
                                            std::strerror(errno) + ")");
  }
  std::lock_guard<std::mutex> lock(g_mutex);
  CloseFileLocked();
  g_file_fd = fd;
  g_file_path = path;
  g_file_level.store(static_cast<int>(min_level));
  return {};
}

void CloseLogFile() {
  std::lock_guard<std::mutex> lock(g_mutex);
  CloseFileLocked();
}

bool LogEnabled(LogLevel level) {
  int l = static_cast<int>(level);
  return l >= g_stderr_level.load(std::memory_order_relaxed) ||
         l >= g_file_level.load(std::memory_order_relaxed);
}

namespace internal {

std::string FormatLogRecord(LogFormat format, LogLevel level, std::string_view message,
                            const LogFields& fields, std::string_view timestamp) {
  if (format == LogFormat::kJson) return JsonRecord(level, message, fields, timestamp);
  std::string line = "newsarc: ";
  if (level != LogLevel::kInfo) {
    line += LevelName(level);
    line += ": ";
  }
  AppendTextRecord(line, message, fields);
  return line;
}

std::string FormatLogFileRecord(LogFormat format, LogLevel level, std::string_view message,
                                const LogFields& fields, std::string_view timestamp) {
  if (format == LogFormat::kJson) return JsonRecord(level, message, fields, timestamp);
  std::string line(timestamp);
  line += ' ';
  line += LevelName(level);
  line += ' ';
  AppendTextRecord(line, message, fields);
  return line;
}

}  // namespace internal

void Log(LogLevel level, std::string_view message, const LogFields& fields) {
  int l = static_cast<int>(level);
  bool to_stderr = l >= g_stderr_level.load(std::memory_order_relaxed);
  bool to_file = l >= g_file_level.load(std::memory_order_relaxed);
  if (!to_stderr && !to_file) return;
  std::string timestamp = NowUtc();
  std::string line, file_line;
  if (to_stderr) {
    line = internal::FormatLogRecord(g_config.format, level, message, fields, timestamp);
    line.push_back('\n');
  }
  if (to_file) {
    file_line = internal::FormatLogFileRecord(g_config.format, level, message, fields, timestamp);
    file_line.push_back('\n');
  }
  std::lock_guard<std::mutex> lock(g_mutex);
  if (to_stderr) {
    WriteToStderr(line);  // around the status line (the crawl's progress) if one is shown
  }
  // One write(2) per record on an O_APPEND descriptor: lines from other processes never land
  // inside it.
  if (to_file && g_file_fd >= 0 && !WriteAll(g_file_fd, file_line) && !g_file_failed) {
    g_file_failed = true;
    std::string warning = internal::FormatLogRecord(
        g_config.format, LogLevel::kWarning, "cannot write to the log file; records lost",
        {{"file", g_file_path}, {"error", std::strerror(errno)}}, timestamp);
    warning.push_back('\n');
    WriteToStderr(warning);
  }
}

}  // namespace util
