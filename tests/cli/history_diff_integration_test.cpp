// `newsarc history` and `newsarc diff` end to end (issue #15 point 3): the binary run on an
// archive where one article was fetched in three states (its title changed, then a paragraph
// was inserted, another edited and the date changed), checking text and JSON output, version
// arguments, exit codes, and reading while another connection holds a write transaction.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "storage/sqlite_handles.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace {

using storage::testing::MakeRecord;
using testing_support::RunNewsarc;

constexpr const char* kUrl = "http://a.cn/news/1.html";
constexpr const char* kTitle1 = "全市招商引资工作会议召开";
constexpr const char* kTitle2 = "全市招商引资工作会议昨日召开";
constexpr const char* kBody12 = "全市招商引资工作会议召开。\n会议要求做好招商引资各项工作。";
constexpr const char* kBody3 =
    "全市招商引资工作会议召开。\n市长出席会议并讲话。\n会议要求做好招商引资各项工作，确保完成全年"
    "目标。";
constexpr int64_t kDay1 = 1'714'550'400;  // 2024-05-01T08:00:00Z
constexpr int64_t kDay = 86'400;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

class HistoryDiffCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir();
    db_ = dir_ + "/archive.db";
    auto archive = storage::Archive::Open(db_, {.create_if_missing = true});
    ASSERT_OK(archive);
    ASSERT_OK(archive->RecordPage(MakeRecord(kUrl, kTitle1, kBody12, kDay1)));
    ASSERT_OK(archive->RecordPage(MakeRecord(kUrl, kTitle2, kBody12, kDay1 + kDay)));
    // Fetched again unchanged: no version of its own.
    ASSERT_OK(archive->RecordPage(MakeRecord(kUrl, kTitle2, kBody12, kDay1 + 2 * kDay)));
    ASSERT_OK(
        archive->RecordPage(MakeRecord(kUrl, kTitle2, kBody3, kDay1 + 3 * kDay, "2024-05-02")));
  }

  std::string dir_;
  std::string db_;
};

TEST_F(HistoryDiffCommand, HistoryListsEachVersionWithWhatChanged) {
  auto r = RunNewsarc({"history", "--db", db_, "HTTP://A.CN/news/./1.html#top"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 4u) << r.out;
  EXPECT_EQ(lines[0], std::string(kUrl) + ": 3 versions");
  EXPECT_EQ(lines[1], "1  2024-05-01T08:00:00Z  capture 1  first version: 29 chars, 2 paragraphs");
  EXPECT_EQ(lines[2], "2  2024-05-02T08:00:00Z  capture 2  changed: title");
  EXPECT_EQ(lines[3],
            "3  2024-05-04T08:00:00Z  capture 3  changed: published_date, dates, body 29 -> 49 "
            "chars, 2 -> 3 paragraphs (1 added, 1 changed)");

  auto quiet = RunNewsarc({"-q", "history", "--db", db_, kUrl});
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(Lines(quiet.out), std::vector<std::string>(lines.begin() + 1, lines.end()));
}

TEST_F(HistoryDiffCommand, HistoryJsonHasEveryVersionWithItsFieldChanges) {
  auto r = RunNewsarc({"history", "--db", db_, "--format", "json", kUrl});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["url"], kUrl);
  EXPECT_EQ(j["article_match"], "url");
  ASSERT_EQ(j["versions"].size(), 3u);
  EXPECT_EQ(j["versions"][0]["version"], 1);
  EXPECT_EQ(j["versions"][0]["changed"], nlohmann::json::array());
  EXPECT_TRUE(j["versions"][0]["body_change"].is_null());
  EXPECT_EQ(j["versions"][1]["fetched_at"], "2024-05-02T08:00:00Z");
  EXPECT_EQ(j["versions"][1]["changed"], nlohmann::json::array({"title"}));
  EXPECT_EQ(j["versions"][1]["fields"][0]["before"], kTitle1);
  EXPECT_EQ(j["versions"][1]["fields"][0]["after"], kTitle2);
  EXPECT_EQ(j["versions"][2]["changed"],
            nlohmann::json::array({"published_date", "dates", "body"}));
  const auto& body = j["versions"][2]["body_change"];
  EXPECT_EQ(body["chars_before"], 29);
  EXPECT_EQ(body["chars_after"], 49);
  EXPECT_EQ(body["paragraphs_before"], 2);
  EXPECT_EQ(body["paragraphs_after"], 3);
  EXPECT_EQ(body["added"], 1);
  EXPECT_EQ(body["removed"], 0);
  EXPECT_EQ(body["changed"], 1);
  EXPECT_EQ(j["versions"][2]["body_paragraphs"], 3);
}

TEST_F(HistoryDiffCommand, DiffComparesThePreviousVersionWithTheLatestByDefault) {
  auto r = RunNewsarc({"diff", "--db", db_, kUrl});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(Lines(r.out), (std::vector<std::string>{
                              "--- version 2  2024-05-02T08:00:00Z  capture 2",
                              "+++ version 3  2024-05-04T08:00:00Z  capture 3",
                              "published_date: 2024-05-01 -> 2024-05-02",
                              "dates: 日期 2024-05-01 -> 日期 2024-05-02",
                              "body 29 -> 49 chars, 2 -> 3 paragraphs (1 added, 1 changed)",
                              "@@ paragraph 1 @@",
                              " 全市招商引资工作会议召开。",
                              "+市长出席会议并讲话。",
                              // Nothing of the old paragraph is gone: its - line has no [-…-].
                              "-会议要求做好招商引资各项工作。",
                              "+会议要求做好招商引资各项工作{+，确保完成全年目标+}。",
                          }))
      << r.out;
}

TEST_F(HistoryDiffCommand, DiffTakesVersionsAsGitDiffTakesRevisions) {
  // One version: that one against the latest.
  auto one = RunNewsarc({"diff", "--db", db_, kUrl, "1"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  auto lines = Lines(one.out);
  ASSERT_GE(lines.size(), 3u) << one.out;
  EXPECT_EQ(lines[0], "--- version 1  2024-05-01T08:00:00Z  capture 1");
  EXPECT_EQ(lines[1], "+++ version 3  2024-05-04T08:00:00Z  capture 3");
  EXPECT_EQ(lines[2], std::string("title: ") + kTitle1 + " -> " + kTitle2);

  // Two: the first against the second, in either order.
  auto two = RunNewsarc({"diff", "--db", db_, kUrl, "2", "1"});
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(Lines(two.out),
            (std::vector<std::string>{"--- version 2  2024-05-02T08:00:00Z  capture 2",
                                      "+++ version 1  2024-05-01T08:00:00Z  capture 1",
                                      std::string("title: ") + kTitle2 + " -> " + kTitle1}));

  auto same = RunNewsarc({"diff", "--db", db_, kUrl, "3", "3"});
  ASSERT_EQ(same.exit_code, 0) << same.err;
  EXPECT_EQ(same.out, "No differences between version 3 and version 3.\n");
  auto quiet = RunNewsarc({"diff", "-q", "--db", db_, kUrl, "1", "2"});
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.out, std::string("title: ") + kTitle1 + " -> " + kTitle2 + "\n");
  auto quiet_same = RunNewsarc({"diff", "-q", "--db", db_, kUrl, "2", "2"});
  EXPECT_EQ(quiet_same.exit_code, 0);
  EXPECT_EQ(quiet_same.out, "");
}

TEST_F(HistoryDiffCommand, DiffJsonHasFieldsParagraphsAndCharacterSpans) {
  auto r = RunNewsarc({"diff", "--db", db_, "--format", "json", kUrl, "1", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["from"]["version"], 1);
  EXPECT_EQ(j["to"]["version"], 3);
  EXPECT_EQ(j["to"]["fetched_at"], "2024-05-04T08:00:00Z");
  EXPECT_EQ(j["identical"], false);
  ASSERT_EQ(j["fields"].size(), 3u);
  EXPECT_EQ(j["fields"][0],
            (nlohmann::json{{"field", "title"}, {"before", kTitle1}, {"after", kTitle2}}));
  EXPECT_EQ(j["fields"][1]["field"], "published_date");
  const auto& body = j["body"];
  EXPECT_EQ(body["exact"], true);
  ASSERT_EQ(body["paragraphs"].size(), 2u);
  EXPECT_EQ(body["paragraphs"][0], (nlohmann::json{{"op", "added"},
                                                   {"old_paragraph", 2},
                                                   {"new_paragraph", 2},
                                                   {"text", "市长出席会议并讲话。"},
                                                   {"moved", false}}));
  const auto& changed = body["paragraphs"][1];
  EXPECT_EQ(changed["op"], "changed");
  EXPECT_EQ(changed["old_paragraph"], 2);
  EXPECT_EQ(changed["new_paragraph"], 3);
  EXPECT_EQ(changed["before"], "会议要求做好招商引资各项工作。");
  EXPECT_EQ(changed["spans"], nlohmann::json::parse(R"([
    {"op": "equal", "text": "会议要求做好招商引资各项工作"},
    {"op": "added", "text": "，确保完成全年目标"},
    {"op": "equal", "text": "。"}])"));

  auto same = RunNewsarc({"diff", "--db", db_, "--format", "json", kUrl, "2", "2"});
  ASSERT_EQ(same.exit_code, 0) << same.err;
  auto s = nlohmann::json::parse(same.out);
  EXPECT_EQ(s["identical"], true);
  EXPECT_EQ(s["fields"], nlohmann::json::array());
  EXPECT_EQ(s["body"]["paragraphs"], nlohmann::json::array());
}

TEST_F(HistoryDiffCommand, BadVersionsAndUnknownUrlsExitTwoNamingTheInput) {
  for (const char* bad : {"0", "4", "x", "-1", "2.5"}) {
    auto r = RunNewsarc({"diff", "--db", db_, kUrl, bad});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_EQ(r.out, "") << bad;
    EXPECT_NE(r.err.find(std::string("diff: no version '") + bad + "' of " + kUrl +
                         " (it has versions 1 to 3"),
              std::string::npos)
        << bad << ": " << r.err;
  }
  auto three = RunNewsarc({"diff", "--db", db_, kUrl, "1", "2", "3"});
  EXPECT_EQ(three.exit_code, 2);
  EXPECT_EQ(three.out, "");

  for (const char* command : {"history", "diff"}) {
    auto unknown = RunNewsarc({command, "--db", db_, "http://a.cn/never.html"});
    EXPECT_EQ(unknown.exit_code, 2) << command;
    EXPECT_EQ(unknown.out, "");
    EXPECT_NE(unknown.err.find(db_ + ": http://a.cn/never.html has no archived article"),
              std::string::npos)
        << unknown.err;
    auto not_url = RunNewsarc({command, "--db", db_, "news/1.html"});
    EXPECT_EQ(not_url.exit_code, 2);
    EXPECT_NE(not_url.err.find(std::string(command) + ": 'news/1.html' is not an http(s) URL"),
              std::string::npos)
        << not_url.err;
    auto missing = RunNewsarc({command, "--db", dir_ + "/none.db", kUrl});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find(dir_ + "/none.db"), std::string::npos) << missing.err;
    std::string not_archive = dir_ + "/notes.txt";
    std::ofstream(not_archive) << "not an archive\n";
    auto damaged = RunNewsarc({command, "--db", not_archive, kUrl});
    EXPECT_EQ(damaged.exit_code, 2);
    EXPECT_NE(damaged.err.find(not_archive + " is not a newsarc archive"), std::string::npos)
        << damaged.err;
  }
}

// The archive is in WAL mode: a reader sees the last committed state while a crawl writes.
TEST_F(HistoryDiffCommand, CommandsReadWhileAnotherConnectionHoldsAWriteTransaction) {
  auto history_before = RunNewsarc({"history", "--db", db_, kUrl});
  auto diff_before = RunNewsarc({"diff", "--db", db_, "--format", "json", kUrl});
  ASSERT_EQ(history_before.exit_code, 0) << history_before.err;
  ASSERT_EQ(diff_before.exit_code, 0) << diff_before.err;

  auto writer = storage::Archive::Open(db_);
  ASSERT_OK(writer);
  auto write = storage::Transaction::Begin(writer->db(), storage::Transaction::Kind::kWrite);
  ASSERT_OK(write);
  ASSERT_OK(writer->db().Exec("DELETE FROM article_versions WHERE version = 3"));

  auto history = RunNewsarc({"history", "--db", db_, kUrl});
  EXPECT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(history.out, history_before.out);
  auto diff = RunNewsarc({"diff", "--db", db_, "--format", "json", kUrl});
  EXPECT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_EQ(diff.out, diff_before.out);
}

}  // namespace
