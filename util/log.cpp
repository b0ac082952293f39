#include "util/log.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>

namespace util {
namespace {

LogConfig g_config;
std::mutex g_mutex;

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

std::string NowUtc() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool NeedsQuoting(std::string_view v) {
  if (v.empty()) return true;
  for (char c : v) {
    if (c == ' ' || c == '"' || c == '=' || c == '\n' || c == '\t') return true;
  }
  return false;
}

}  // namespace

void ConfigureLogging(const LogConfig& config) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_config = config;
}

const LogConfig& CurrentLogConfig() { return g_config; }

namespace internal {

std::string FormatLogRecord(LogFormat format, LogLevel level, std::string_view message,
                            const LogFields& fields, std::string_view timestamp) {
  if (format == LogFormat::kJson) {
    nlohmann::ordered_json j;
    j["time"] = timestamp;
    j["level"] = LevelName(level);
    j["msg"] = message;
    for (const auto& [k, v] : fields) j[k] = v;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  std::string line = "newsarc: ";
  if (level != LogLevel::kInfo) {
    line += LevelName(level);
    line += ": ";
  }
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
  return line;
}

}  // namespace internal

void Log(LogLevel level, std::string_view message, const LogFields& fields) {
  if (level < g_config.min_level) return;
  std::string line = internal::FormatLogRecord(g_config.format, level, message, fields, NowUtc());
  line.push_back('\n');
  std::lock_guard<std::mutex> lock(g_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace util
