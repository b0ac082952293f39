// `newsarc export` end to end: an archive built through the storage API, exported by the
// binary, validated against ../shared/spec/article.schema.json by tools/validate_articles.py.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "storage/archive.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace {

using testing_support::RunNewsarc;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string BuildArchive() {
  std::string path = testing_support::MakeTempDir() + "/archive.db";
  auto archive = storage::Archive::Open(path, {.create_if_missing = true});
  EXPECT_TRUE(archive.has_value());
  std::vector<storage::PageRecord> records = {
      storage::testing::MakeRecord("http://www.b.gov.cn/2.html", "第二篇", "正文,带逗号\n第二段",
                                   1000, "2024-03-01"),
      storage::testing::MakeRecord("http://www.a.gov.cn/1.html", "招商引资会议",
                                   "会议指出 \"优化营商环境\"。\n第二段", 1000, "2024-01-01"),
      storage::testing::MakeRecord("http://www.a.gov.cn/2.html", "第二篇", "正文", 1000,
                                   "2024-02-01"),
  };
  records[0].article->views = 12;
  records[0].article->published_at = "2024-03-01T09:30:00+08:00";
  EXPECT_TRUE(archive->RecordPages(records).has_value());
  EXPECT_TRUE(archive
                  ->RecordPage(storage::testing::MakeRecord("http://www.a.gov.cn/2.html", "第二篇",
                                                            "正文（修订）", 5000, "2024-02-01"))
                  .has_value());
  return path;
}

int Validate(const std::string& file) {
  auto result = testing_support::RunProcess(
      {"/usr/bin/python3", testing_support::SourceDir() + "/tools/validate_articles.py",
       testing_support::SharedDir() + "/spec/article.schema.json", file});
  EXPECT_EQ(result.err, "");
  return result.exit_code;
}

TEST(ExportCommand, JsonlExportValidatesAgainstTheSchemaInStableOrder) {
  std::string db = BuildArchive();
  std::string out = std::filesystem::path(db).parent_path() / "out.jsonl";
  auto result = RunNewsarc({"export", "--db", db, "--out", out});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string jsonl = Slurp(out);
  EXPECT_EQ(std::count(jsonl.begin(), jsonl.end(), '\n'), 3);
  size_t a1 = jsonl.find("http://www.a.gov.cn/1.html");
  size_t a2 = jsonl.find("http://www.a.gov.cn/2.html");
  size_t b2 = jsonl.find("http://www.b.gov.cn/2.html");
  EXPECT_LT(a1, a2);
  EXPECT_LT(a2, b2);
  EXPECT_NE(jsonl.find("\"title\":\"招商引资会议\""), std::string::npos);
  EXPECT_NE(jsonl.find("\"version\":2"), std::string::npos);
  EXPECT_EQ(Validate(out), 0);
}

TEST(ExportCommand, JsonArrayAndAllVersionsValidate) {
  std::string db = BuildArchive();
  std::string out = std::filesystem::path(db).parent_path() / "out.json";
  auto result = RunNewsarc({"export", "--db", db, "--format", "json", "--versions", "all", "--site",
                            "www.a.gov.cn", "--out", out});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string json = Slurp(out);
  EXPECT_EQ(json.front(), '[');
  EXPECT_NE(json.find("正文（修订）"), std::string::npos);
  EXPECT_EQ(json.find("www.b.gov.cn"), std::string::npos);
  EXPECT_EQ(Validate(out), 0);
}

TEST(ExportCommand, CsvToStdoutWithExcelBom) {
  std::string db = BuildArchive();
  auto result = RunNewsarc({"export", "--db", db, "--format", "csv", "--excel", "--since",
                            "2024-02-01", "--until", "2024-03-01"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.substr(0, 7), "\xEF\xBB\xBFurl,");
  EXPECT_EQ(result.out.find("http://www.a.gov.cn/1.html"), std::string::npos);
  EXPECT_NE(result.out.find("\"正文,带逗号\n第二段\""), std::string::npos) << result.out;
}

TEST(ExportCommand, ChangedSinceSelectsRecentChanges) {
  std::string db = BuildArchive();
  auto result = RunNewsarc({"export", "--db", db, "--changed-since", "1970-01-01T09:00:00+08:00"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 1) << result.out;
  EXPECT_NE(result.out.find("http://www.a.gov.cn/2.html"), std::string::npos);
}

TEST(ExportCommand, BadDatesAreUsageErrors) {
  std::string db = BuildArchive();
  auto since = RunNewsarc({"export", "--db", db, "--since", "2024-02-30"});
  EXPECT_EQ(since.exit_code, 2);
  EXPECT_NE(since.err.find("--since"), std::string::npos) << since.err;
  auto changed = RunNewsarc({"export", "--db", db, "--changed-since", "last week"});
  EXPECT_EQ(changed.exit_code, 2);
  EXPECT_NE(changed.err.find("--changed-since"), std::string::npos) << changed.err;
}

TEST(ExportCommand, MissingOrCorruptArchiveIsAUsageErrorAndLeftUntouched) {
  std::string dir = testing_support::MakeTempDir();
  auto missing = RunNewsarc({"export", "--db", dir + "/nope.db"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir + "/nope.db"));
  std::string text = testing_support::WriteTempFile("notes.txt", "not a database\n");
  auto corrupt = RunNewsarc({"export", "--db", text, "--out", dir + "/out.jsonl"});
  EXPECT_EQ(corrupt.exit_code, 2);
  EXPECT_NE(corrupt.err.find("is not a newsarc archive (not an SQLite database)"),
            std::string::npos)
      << corrupt.err;
  EXPECT_EQ(Slurp(text), "not a database\n");
  EXPECT_FALSE(std::filesystem::exists(dir + "/out.jsonl"));
}

}  // namespace
