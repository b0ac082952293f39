// `newsarc search` end to end on an archive built through the storage API.
#include <gtest/gtest.h>

#include <algorithm>

#include "storage/archive.h"
#include "storage/migrations.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"

namespace {

using storage::testing::MakeRecord;

std::string BuildArchive() {
  std::string db = testing_support::MakeTempDir() + "/archive.db";
  auto archive = storage::Archive::Open(db, {.create_if_missing = true});
  EXPECT_TRUE(archive.has_value());
  EXPECT_TRUE(
      archive
          ->RecordPages({MakeRecord("http://a.cn/1", "全市招商引资工作会议召开",
                                    "会议要求做好招商引资各项工作。", 1000, "2024-01-01"),
                         MakeRecord("http://b.cn/1", "植树活动", "义务植树。", 1000, "2024-03-01"),
                         MakeRecord("http://a.cn/3", "市工商联召开商会工作会议",
                                    "各商会负责人参加。", 1000, "2024-04-01"),
                         MakeRecord("http://c.hk/1", "香港總商會舉行會員大會",
                                    "總商會主席表示，兩地經貿合作前景廣闊。", 1000, "2024-05-01")})
          .has_value());
  return db;
}

size_t Lines(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The last line of the output (without its newline).
std::string LastLine(const std::string& text) {
  std::string trimmed = text.substr(0, text.find_last_not_of('\n') + 1);
  return trimmed.substr(trimmed.find_last_of('\n') + 1);
}

TEST(SearchCommand, FindsChineseSubstringWithHighlightedSnippet) {
  std::string db = BuildArchive();
  auto result = testing_support::RunNewsarc({"search", "--db", db, "招商"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(Has(result.out, "http://a.cn/1")) << result.out;
  EXPECT_TRUE(Has(result.out, "[招商]")) << result.out;
  EXPECT_FALSE(Has(result.out, "http://b.cn/1"));
  EXPECT_EQ(LastLine(result.out), "1 match") << result.out;
}

TEST(SearchCommand, JsonlFormatWithSiteFilterPrintsHitsOnly) {
  std::string db = BuildArchive();
  auto result = testing_support::RunNewsarc(
      {"search", "--db", db, "--format", "jsonl", "--site", "a.cn", "招商引资"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(Lines(result.out), 1u) << result.out;
  EXPECT_TRUE(Has(result.out, "\"snippet\":"));
  EXPECT_TRUE(Has(result.out, "[招商引资]")) << result.out;
  EXPECT_EQ(result.out.front(), '{');
}

TEST(SearchCommand, NoMatchesIsNotAnError) {
  std::string db = BuildArchive();
  auto result = testing_support::RunNewsarc({"search", "--db", db, "不存在的词"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "No matches.\n");
}

// Issue #14: the query language as a researcher types it.
TEST(SearchCommand, AndOrNotAndPhrasesAsTyped) {
  std::string db = BuildArchive();
  auto both = testing_support::RunNewsarc({"search", "--db", db, "会议 商会"});
  ASSERT_EQ(both.exit_code, 0) << both.err;
  EXPECT_TRUE(Has(both.out, "http://a.cn/3")) << both.out;
  EXPECT_FALSE(Has(both.out, "http://a.cn/1")) << both.out;
  EXPECT_EQ(LastLine(both.out), "1 match");

  auto either = testing_support::RunNewsarc({"search", "--db", db, "植树 OR 招商引资"});
  ASSERT_EQ(either.exit_code, 0) << either.err;
  EXPECT_TRUE(Has(either.out, "http://a.cn/1") && Has(either.out, "http://b.cn/1")) << either.out;
  EXPECT_EQ(LastLine(either.out), "2 matches");

  auto excluded = testing_support::RunNewsarc({"search", "--db", db, "会议 -招商"});
  ASSERT_EQ(excluded.exit_code, 0) << excluded.err;
  EXPECT_EQ(LastLine(excluded.out), "1 match") << excluded.out;
  EXPECT_TRUE(Has(excluded.out, "http://a.cn/3"));
  auto not_word = testing_support::RunNewsarc({"search", "--db", db, "会议 NOT 招商"});
  EXPECT_EQ(not_word.out, excluded.out);
  // Unquoted words are one query; one starting with - goes after --.
  auto words = testing_support::RunNewsarc({"search", "--db", db, "--", "-招商", "会议"});
  EXPECT_EQ(words.out, excluded.out) << words.err;
  auto unquoted = testing_support::RunNewsarc({"search", "--db", db, "会议", "商会"});
  EXPECT_EQ(unquoted.out, both.out) << unquoted.err;

  auto phrase = testing_support::RunNewsarc({"search", "--db", db, "\"商会 工作\""});
  ASSERT_EQ(phrase.exit_code, 0) << phrase.err;
  EXPECT_EQ(phrase.out, "No matches.\n");  // no article has the space
}

// Issue #14: 商會 found nothing while 商会 was archived.
TEST(SearchCommand, TraditionalAndSimplifiedFindEachOther) {
  std::string db = BuildArchive();
  auto traditional = testing_support::RunNewsarc({"search", "--db", db, "商會"});
  ASSERT_EQ(traditional.exit_code, 0) << traditional.err;
  EXPECT_TRUE(Has(traditional.out, "http://a.cn/3")) << traditional.out;
  EXPECT_TRUE(Has(traditional.out, "http://c.hk/1")) << traditional.out;
  EXPECT_TRUE(Has(traditional.out, "[商会]")) << traditional.out;  // each as written
  EXPECT_TRUE(Has(traditional.out, "[總商會]") || Has(traditional.out, "[商會]"))
      << traditional.out;
  EXPECT_EQ(LastLine(traditional.out), "2 matches");
  auto simplified = testing_support::RunNewsarc({"search", "--db", db, "总商会 经贸"});
  ASSERT_EQ(simplified.exit_code, 0) << simplified.err;
  EXPECT_TRUE(Has(simplified.out, "http://c.hk/1")) << simplified.out;
  EXPECT_TRUE(Has(simplified.out, "[經貿]")) << simplified.out;
  EXPECT_EQ(LastLine(simplified.out), "1 match");
}

TEST(SearchCommand, CountPrintsOnlyTheNumber) {
  std::string db = BuildArchive();
  auto result = testing_support::RunNewsarc({"search", "--db", db, "--count", "会议 OR 商會"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "3\n");
  auto none = testing_support::RunNewsarc({"search", "--db", db, "--count", "不存在的词"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out, "0\n");
}

TEST(SearchCommand, ResultsCutAtTheLimitSaySo) {
  std::string db = BuildArchive();
  auto text = testing_support::RunNewsarc({"search", "--db", db, "--limit", "1", "会议 OR 商會"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(LastLine(text.out), "3 matches, showing 1 of 3 (--limit 1)") << text.out;
  auto jsonl = testing_support::RunNewsarc(
      {"search", "--db", db, "--limit", "1", "--format", "jsonl", "会议 OR 商會"});
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
  EXPECT_EQ(Lines(jsonl.out), 1u) << jsonl.out;
  EXPECT_TRUE(Has(jsonl.err, "showing 1 of 3 matches")) << jsonl.err;
}

TEST(SearchCommand, MalformedQueriesAreUsageErrorsThatNameTheProblem) {
  std::string db = BuildArchive();
  const std::pair<std::string, std::string> cases[] = {
      {"\"招商 引资", "the quote before 招商 引资 is not closed"},
      {"(招商 OR 引资", "a '(' is not closed"},
      {"招商)", "a ')' has no matching '('"},
      {"-招商", "the query only excludes (NOT, -): add a term to find"},
      {"NOT 招商", "the query only excludes (NOT, -): add a term to find"},
      {"招商 OR", "OR needs a term on each side"},
      {"", "the query is empty"},
  };
  for (const auto& [query, message] : cases) {
    auto result = testing_support::RunNewsarc({"search", "--db", db, "--", query});
    EXPECT_EQ(result.exit_code, 2) << query;
    EXPECT_TRUE(Has(result.err, message)) << query << ": " << result.err;
    EXPECT_TRUE(result.out.empty()) << result.out;
    for (const char* sql : {"SELECT", "MATCH", "fts5", "syntax error", "SQL"}) {
      EXPECT_FALSE(Has(result.err, sql)) << query << ": " << result.err;
    }
  }
}

// Issue #14: an archive written before folding (schema 10) is searched read-only without an
// upgrade, and says what it misses.
TEST(SearchCommand, OlderArchiveIsSearchedReadOnlyWithANote) {
  std::string db = testing_support::MakeTempDir() + "/v10.db";
  {
    auto conn = storage::Db::Open(db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(conn.has_value());
    ASSERT_TRUE(storage::Migrate(*conn, db, 10).has_value());
    ASSERT_TRUE(conn->Exec("INSERT INTO articles (url, site, title, body, encoding, "
                           "content_sha256, first_seen_at, last_fetched_at, changed_at) VALUES "
                           "('http://c.hk/1', 'c.hk', '香港總商會年會', '總商會主席致辭。', "
                           "'{}', '00', '2024-05-01T00:00:00Z', '2024-05-01T00:00:00Z', "
                           "'2024-05-01T00:00:00Z');"
                           "INSERT INTO articles_fts (rowid, title, body) "
                           "SELECT id, title, body FROM articles;")
                    .has_value());
  }
  auto result = testing_support::RunNewsarc({"search", "--db", db, "總商會"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(Has(result.out, "[總商會]")) << result.out;
  EXPECT_EQ(LastLine(result.out), "1 match");
  EXPECT_TRUE(Has(result.err, "schema version 10")) << result.err;
  EXPECT_TRUE(Has(result.err, "upgrade")) << result.err;
  auto conn = storage::Db::Open(db, SQLITE_OPEN_READONLY);
  ASSERT_TRUE(conn.has_value());
  EXPECT_EQ(storage::SchemaVersionOf(*conn).value_or(-1), 10);  // search did not upgrade it
}

TEST(SearchCommand, HelpDocumentsTheQueryLanguage) {
  auto result = testing_support::RunNewsarc({"search", "--help"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* part :
       {"招商 OR 引资", "-广告", "NOT", "\"招商 引资\"", "parentheses", "商會", "--count"}) {
    EXPECT_TRUE(Has(result.out, part)) << part << " in " << result.out;
  }
}

}  // namespace
