// `newsarc stats` end to end on an archive built through the storage API.
#include <gtest/gtest.h>

#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"

namespace {

TEST(StatsCommand, PrintsPerSiteNumbersAndRunsAsJsonAndText) {
  std::string db = testing_support::MakeTempDir() + "/archive.db";
  {
    auto archive = storage::Archive::Open(db, {.create_if_missing = true});
    ASSERT_OK(archive);
    auto run = archive->BeginRun("{}", storage::testing::At(900));
    ASSERT_OK(run);
    ASSERT_OK(archive->RecordPage(
        storage::testing::MakeRecord("http://a.cn/1", "t", "b", 1000, "2024-01-05")));
    ASSERT_OK(archive->RecordPage(
        storage::testing::MakeRecord("http://a.cn/1", "t", "b2", 2000, "2024-01-05")));
    ASSERT_OK(archive->FinishRun(*run, storage::RunCounts{2, 1, 1, 0, 0}, "ok",
                                 storage::testing::At(3000)));
  }
  auto json = testing_support::RunNewsarc({"stats", "--db", db, "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto parsed = nlohmann::json::parse(json.out);
  ASSERT_EQ(parsed["sites"].size(), 1u);
  EXPECT_EQ(parsed["sites"][0]["site"], "a.cn");
  EXPECT_EQ(parsed["sites"][0]["articles"], 1);
  EXPECT_EQ(parsed["sites"][0]["versions"], 2);
  EXPECT_EQ(parsed["sites"][0]["outcomes"]["ok"], 2);
  EXPECT_EQ(parsed["sites"][0]["first_published"], "2024-01-05");
  EXPECT_EQ(parsed["runs"][0]["status"], "ok");
  EXPECT_EQ(parsed["runs"][0]["articles_changed"], 1);

  auto text = testing_support::RunNewsarc({"stats", "--db", db});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  // The site row of the table: SITE ARTICLES VERSIONS PUBLISHED(first .. last) LAST-FETCH OK
  // NOT-MODIFIED ROBOTS ERRORS.
  EXPECT_NE(text.out.find("SITE"), std::string::npos) << text.out;
  std::istringstream lines(text.out);
  std::string line;
  std::vector<std::string> site_row;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::vector<std::string> fields{std::istream_iterator<std::string>(words), {}};
    if (!fields.empty() && fields[0] == "a.cn") site_row = fields;
  }
  EXPECT_EQ(site_row, (std::vector<std::string>{"a.cn", "1", "2", "2024-01-05", "..", "2024-01-05",
                                                "1970-01-01T00:33:20Z", "2", "0", "0", "0"}))
      << text.out;
  EXPECT_NE(text.out.find("#1"), std::string::npos) << text.out;
}

TEST(StatsCommand, MissingArchiveIsAUsageError) {
  auto result =
      testing_support::RunNewsarc({"stats", "--db", testing_support::MakeTempDir() + "/x.db"});
  EXPECT_EQ(result.exit_code, 2);
}

}  // namespace
