#include "util/log.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/process.h"
#include "tests/support/test_util.h"

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

TEST(FormatLogFileRecord, TextLinesStartWithTheTimeAndTheLevel) {
  EXPECT_EQ(internal::FormatLogFileRecord(LogFormat::kText, LogLevel::kInfo, "fetched",
                                          {{"url", "http://a.org/"}, {"status", "200"}},
                                          "2026-05-01T02:30:00.123Z"),
            "2026-05-01T02:30:00.123Z info fetched url=http://a.org/ status=200");
  EXPECT_EQ(internal::FormatLogFileRecord(LogFormat::kText, LogLevel::kDebug, "link not followed",
                                          {{"reason", "off site"}}, "T"),
            "T debug link not followed reason=\"off site\"");
  // JSON is the same object as on stderr, which has its time already.
  EXPECT_EQ(
      internal::FormatLogFileRecord(LogFormat::kJson, LogLevel::kInfo, "m", {{"k", "v"}}, "T"),
      internal::FormatLogRecord(LogFormat::kJson, LogLevel::kInfo, "m", {{"k", "v"}}, "T"));
}

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The log file sink (issue #14): the process-wide logger is restored after each test.
class LogFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    saved_ = CurrentLogConfig();
    path_ = testing_support::MakeTempDir() + "/newsarc.log";
  }
  void TearDown() override {
    CloseLogFile();
    ConfigureLogging(saved_);
  }

  LogConfig saved_;
  std::string path_;
};

TEST_F(LogFileTest, FileTakesItsOwnLevelAndStderrKeepsItsOwn) {
  ConfigureLogging({LogLevel::kError, LogFormat::kText});  // -q
  ASSERT_OK(OpenLogFile(path_, LogLevel::kInfo));
  ::testing::internal::CaptureStderr();
  LogDebug("link not followed", {{"url", "http://b.org/"}});
  LogInfo("fetched", {{"url", "http://a.org/"}, {"status", "200"}});
  LogWarning("fetch failed", {{"url", "http://a.org/x"}});
  LogError("cannot write to the archive");
  std::string err = ::testing::internal::GetCapturedStderr();
  CloseLogFile();

  EXPECT_EQ(err, "newsarc: error: cannot write to the archive\n");
  auto lines = Lines(path_);
  ASSERT_EQ(lines.size(), 3u);
  // "2026-05-01T02:30:00.123Z info fetched ...": a UTC time to the millisecond, then the level.
  for (const auto& line : lines) {
    ASSERT_GT(line.size(), 25u);
    EXPECT_EQ(line[10], 'T') << line;
    EXPECT_EQ(line.substr(19, 1), ".") << line;
    EXPECT_EQ(line.substr(23, 2), "Z ") << line;
  }
  EXPECT_EQ(lines[0].substr(25), "info fetched url=http://a.org/ status=200");
  EXPECT_EQ(lines[1].substr(25), "warning fetch failed url=http://a.org/x");
  EXPECT_EQ(lines[2].substr(25), "error cannot write to the archive");
}

TEST_F(LogFileTest, DebugLevelTakesEveryDecisionWhileStderrShowsWarnings) {
  ConfigureLogging({LogLevel::kWarning, LogFormat::kText});
  ASSERT_OK(OpenLogFile(path_, LogLevel::kDebug));
  ::testing::internal::CaptureStderr();
  LogDebug("link not followed", {{"reason", "off_site"}});
  LogInfo("fetched");
  std::string err = ::testing::internal::GetCapturedStderr();
  CloseLogFile();
  EXPECT_EQ(err, "");
  auto lines = Lines(path_);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find(" debug link not followed reason=off_site"), std::string::npos);
  EXPECT_FALSE(LogEnabled(LogLevel::kDebug));  // closed: only stderr's warnings remain
}

TEST_F(LogFileTest, AppendsToWhatEarlierRunsWrote) {
  std::ofstream(path_) << "an earlier run\n";
  ConfigureLogging({LogLevel::kError, LogFormat::kText});
  ASSERT_OK(OpenLogFile(path_, LogLevel::kInfo));
  LogInfo("first");
  CloseLogFile();
  ASSERT_OK(OpenLogFile(path_, LogLevel::kInfo));
  LogInfo("second");
  CloseLogFile();
  LogInfo("not written: the file is closed");
  auto lines = Lines(path_);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "an earlier run");
  EXPECT_NE(lines[1].find(" info first"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find(" info second"), std::string::npos) << lines[2];
}

TEST_F(LogFileTest, JsonLinesParseAndCarryTheTime) {
  ConfigureLogging({LogLevel::kError, LogFormat::kJson});
  ASSERT_OK(OpenLogFile(path_, LogLevel::kInfo));
  LogInfo("fetched", {{"url", "http://a.org/新闻"}, {"status", "200"}});
  LogWarning("fetch failed", {{"detail", "line\nbreak"}});
  CloseLogFile();
  auto lines = Lines(path_);
  ASSERT_EQ(lines.size(), 2u);
  auto first = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(first["level"], "info");
  EXPECT_EQ(first["msg"], "fetched");
  EXPECT_EQ(first["url"], "http://a.org/新闻");
  EXPECT_EQ(first["status"], "200");
  EXPECT_EQ(first["time"].get<std::string>().size(), 24u);  // 2026-05-01T02:30:00.123Z
  auto second = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(second["level"], "warning");
  EXPECT_EQ(second["detail"], "line\nbreak");
}

TEST_F(LogFileTest, NewFileGetsTheUmasksPermissions) {
  mode_t old = umask(027);
  auto opened = OpenLogFile(path_, LogLevel::kInfo);
  umask(old);
  ASSERT_OK(opened);
  struct stat st {};
  ASSERT_EQ(stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
}

TEST_F(LogFileTest, AFileThatCannotBeOpenedIsAnErrorNamingIt) {
  ConfigureLogging({LogLevel::kWarning, LogFormat::kText});
  std::string missing = path_ + ".d/sub/newsarc.log";  // its folder does not exist
  auto opened = OpenLogFile(missing, LogLevel::kInfo);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kUsage);
  EXPECT_NE(opened.error().message.find(missing), std::string::npos) << opened.error().message;
  EXPECT_FALSE(std::filesystem::exists(path_ + ".d"));
  EXPECT_FALSE(LogEnabled(LogLevel::kInfo));  // no log file to take info records
}

}  // namespace
}  // namespace util
