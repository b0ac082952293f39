#include "util/status_line.h"

#include <gtest/gtest.h>

#include "util/log.h"

namespace util {
namespace {

// Issue #14: a warning written while the crawl's progress line is on the terminal clears the
// line, is written on a line of its own, and the progress line is drawn again below it.
TEST(StatusLine, ARecordClearsTheLineAndRedrawsItAfter) {
  std::string record = internal::FormatLogRecord(LogFormat::kText, LogLevel::kWarning,
                                                 "fetch failed", {{"url", "http://a.cn/1"}}, "T") +
                       "\n";
  EXPECT_EQ(internal::AroundStatusLine("0:12  fetched 3", record),
            "\r\033[Knewsarc: warning: fetch failed url=http://a.cn/1\n0:12  fetched 3");
}

TEST(StatusLine, WithoutALineShownARecordIsWrittenAsItIs) {
  EXPECT_EQ(internal::AroundStatusLine("", "newsarc: error: x\n"), "newsarc: error: x\n");
}

// A line wider than the terminal would wrap, and "\r\033[K" clears only its last row.
TEST(StatusLine, IsCutToTheTerminalWidthLeavingTheLastColumnFree) {
  EXPECT_EQ(internal::FitStatusLine("0:12  fetched 3", 80), "0:12  fetched 3");
  EXPECT_EQ(internal::FitStatusLine("0:12  fetched 3", 8), "0:12  f");
  EXPECT_EQ(internal::FitStatusLine("0:12  fetched 3", 0), "0:12  fetched 3");  // unknown width
  EXPECT_EQ(internal::FitStatusLine("抓取 12 页", 4), "抓取 ");  // characters, not bytes
}

}  // namespace
}  // namespace util
