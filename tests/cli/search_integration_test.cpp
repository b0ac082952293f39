// `newsarc search` end to end on an archive built through the storage API.
#include <gtest/gtest.h>

#include "storage/archive.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"

namespace {

std::string BuildArchive() {
  std::string db = testing_support::MakeTempDir() + "/archive.db";
  auto archive = storage::Archive::Open(db, {.create_if_missing = true});
  EXPECT_TRUE(archive.has_value());
  EXPECT_TRUE(archive
                  ->RecordPages({storage::testing::MakeRecord(
                                     "http://a.cn/1", "全市招商引资工作会议召开",
                                     "会议要求做好招商引资各项工作。", 1000, "2024-01-01"),
                                 storage::testing::MakeRecord("http://b.cn/1", "植树活动",
                                                              "义务植树。", 1000, "2024-03-01")})
                  .has_value());
  return db;
}

TEST(SearchCommand, FindsChineseSubstringWithHighlightedSnippet) {
  std::string db = BuildArchive();
  auto result = testing_support::RunNewsarc({"search", "--db", db, "招商"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("http://a.cn/1"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("[招商]"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("http://b.cn/1"), std::string::npos);
}

TEST(SearchCommand, JsonlFormatWithSiteFilter) {
  std::string db = BuildArchive();
  auto result = testing_support::RunNewsarc(
      {"search", "--db", db, "--format", "jsonl", "--site", "a.cn", "招商引资"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 1) << result.out;
  EXPECT_NE(result.out.find("\"snippet\":"), std::string::npos);
  EXPECT_NE(result.out.find("[招商引资]"), std::string::npos) << result.out;
}

TEST(SearchCommand, NoMatchesIsNotAnError) {
  std::string db = BuildArchive();
  auto result = testing_support::RunNewsarc({"search", "--db", db, "不存在的词"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("No matches."), std::string::npos);
}

}  // namespace
