#include "util/log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace util {
namespace {

TEST(FormatLogRecord, TextFormatPrefixesLevelAndQuotesValuesWithSpaces) {
  std::string line = internal::FormatLogRecord(LogFormat::kText, LogLevel::kWarning, "host parked",
                                               {{"host", "a.org"}, {"reason", "5 failures"}},
                                               "2026-01-01T00:00:00Z");
  EXPECT_EQ(line, "newsarc: warning: host parked host=a.org reason=\"5 failures\"");
}

TEST(FormatLogRecord, JsonFormatIsOneObjectWithFields) {
  std::string line = internal::FormatLogRecord(LogFormat::kJson, LogLevel::kError, "失败",
                                               {{"url", "http://a.org/"}}, "T");
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["level"], "error");
  EXPECT_EQ(j["msg"], "失败");
  EXPECT_EQ(j["url"], "http://a.org/");
  EXPECT_EQ(j["time"], "T");
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace util
