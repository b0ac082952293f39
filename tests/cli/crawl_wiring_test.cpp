#include "cli/crawl_wiring.h"

#include <gtest/gtest.h>

namespace cli {
namespace {

TEST(FormatProgress, ShowsCountsRateAndTheSoonerLimitAsEta) {
  ProgressFigures f;
  f.fetched = 120;
  f.queued = 48;
  f.articles_new = 97;
  f.articles_changed = 2;
  f.errors = 1;
  f.elapsed_seconds = 40;  // 3 pages/s
  EXPECT_EQ(FormatProgress(f),
            "fetched 120  queued 48  articles 97 new, 2 changed  errors 1  3.0/s");
  f.max_pages = 300;  // 180 left at 3/s: 60 s
  EXPECT_EQ(FormatProgress(f).substr(FormatProgress(f).find("ETA")), "ETA 1:00");
  f.max_time = std::chrono::seconds(70);  // 30 s left: sooner
  EXPECT_EQ(FormatProgress(f).substr(FormatProgress(f).find("ETA")), "ETA 0:30");
  f.max_time = std::chrono::seconds(10);  // over time: 0
  EXPECT_EQ(FormatProgress(f).substr(FormatProgress(f).find("ETA")), "ETA 0:00");
  ProgressFigures start;  // nothing fetched yet, no limit: no ETA, no division by zero
  EXPECT_EQ(FormatProgress(start).find("ETA"), std::string::npos);
  start.max_pages = 10;
  EXPECT_EQ(FormatProgress(start).find("ETA"), std::string::npos);
}

}  // namespace
}  // namespace cli
