#include "storage/migrations.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "storage/archive.h"
#include "storage/archive_search.h"
#include "storage/archive_stats.h"
#include "storage/removal.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int VersionOf(const std::string& path) {
  auto db = Db::Open(path, SQLITE_OPEN_READONLY);
  if (!db) return -1;
  auto v = SchemaVersionOf(*db);
  return v ? *v : -1;
}

TEST(Migrations, NewFileIsCreatedAtTheCurrentVersion) {
  std::string path = testing_support::MakeTempDir() + "/a.db";
  ASSERT_OK(Archive::Open(path, {.create_if_missing = true}));
  EXPECT_EQ(VersionOf(path), kSchemaVersion);
}

TEST(Migrations, ReopeningIsIdempotent) {
  std::string path = testing_support::MakeTempDir() + "/a.db";
  ASSERT_OK(Archive::Open(path, {.create_if_missing = true}));
  ASSERT_OK(Archive::Open(path, {}));
  ASSERT_OK(Archive::Open(path, {.read_only = true}));
  EXPECT_EQ(VersionOf(path), kSchemaVersion);
}

TEST(Migrations, MissingFileIsCreatedOnlyWhenAsked) {
  std::string path = testing_support::MakeTempDir() + "/missing.db";
  EXPECT_ERROR_CODE(Archive::Open(path, {}), kStorage);
  EXPECT_ERROR_CODE(Archive::Open(path, {.read_only = true}), kStorage);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(Migrations, VersionOneArchiveIsUpgradedInPlaceAndIndexedForSearch) {
  std::string path = testing_support::MakeTempDir() + "/old.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(*db, path, 1));
    ASSERT_OK(db->Exec(
        "INSERT INTO articles (url, site, title, body, encoding, content_sha256, first_seen_at, "
        "last_fetched_at, changed_at) VALUES ('http://a.cn/1', 'a.cn', '标题', "
        "'本市招商引资工作会议召开', '{\"declared\":null,\"detected\":null,\"used\":\"utf-8\"}', "
        "'00', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')"));
  }
  EXPECT_EQ(VersionOf(path), 1);
  ASSERT_OK(Archive::Open(path, {}));
  EXPECT_EQ(VersionOf(path), kSchemaVersion);
  auto db = Db::Open(path, SQLITE_OPEN_READONLY);
  ASSERT_OK(db);
  auto stmt =
      Statement::Prepare(*db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1");
  ASSERT_OK(stmt);
  stmt->Bind(1, "\"招商引资\"");
  ASSERT_OK(stmt->Step());
  EXPECT_EQ(stmt->Int(0), 1);
}

bool HasColumn(const Db& db, const char* table, const char* column) {
  auto stmt = Statement::Prepare(db, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2");
  if (!stmt) return false;
  stmt->Bind(1, table).Bind(2, column);
  auto row = stmt->Step();
  return row && *row && stmt->Int(0) == 1;
}

TEST(Migrations, VersionTwoFrontierAndRobotsRowsSurviveTheUpgrade) {
  std::string path = testing_support::MakeTempDir() + "/v2.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(*db, path, 2));
    ASSERT_OK(db->Exec(
        "INSERT INTO frontier (url, host, kind, updated_at) VALUES ('http://a.cn/1', 'a.cn', "
        "'seed', '2024-01-01T00:00:00Z');"
        "INSERT INTO robots (host, fetched_at, status, body) VALUES ('a.cn', "
        "'2024-01-01T00:00:00Z', 200, 'User-agent: *');"));
  }
  auto archive = Archive::Open(path, {});
  ASSERT_OK(archive);
  EXPECT_EQ(VersionOf(path), kSchemaVersion);
  auto taken = archive->FrontierTake("a.cn", 10);
  ASSERT_OK(taken);
  ASSERT_EQ(taken->size(), 1u);
  EXPECT_EQ((*taken)[0].priority, 0);
  EXPECT_EQ((*taken)[0].attempts, 0);
  auto robots = archive->LoadRobots("a.cn");
  ASSERT_OK(robots);
  ASSERT_TRUE(robots->has_value());
  EXPECT_EQ((*robots)->body, "User-agent: *");
  EXPECT_FALSE((*robots)->expires_at.has_value());
}

// The upgrade is one transaction: when a statement of it fails, the file stays at its version
// with none of the upgrade's earlier statements applied.
TEST(Migrations, FailedUpgradeLeavesTheOlderArchiveAsItWas) {
  std::string path = testing_support::MakeTempDir() + "/v2.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(*db, path, 2));
    // Version 3 creates this index after altering fetches and frontier: it will collide.
    ASSERT_OK(db->Exec("CREATE INDEX frontier_ready ON frontier(url)"));
  }
  auto archive = Archive::Open(path, {});
  ASSERT_FALSE(archive.has_value());
  EXPECT_NE(archive.error().message.find(path), std::string::npos) << archive.error().message;
  EXPECT_NE(archive.error().message.find("version 3"), std::string::npos)
      << archive.error().message;
  EXPECT_EQ(VersionOf(path), 2);
  auto db = Db::Open(path, SQLITE_OPEN_READONLY);
  ASSERT_OK(db);
  EXPECT_FALSE(HasColumn(*db, "fetches", "retry_after"));
  EXPECT_FALSE(HasColumn(*db, "frontier", "priority"));
  EXPECT_TRUE(HasColumn(*db, "frontier", "url"));
}

int64_t CountOf(const Db& db, const char* sql) {
  auto stmt = Statement::Prepare(db, sql);
  if (!stmt) return -1;
  auto row = stmt->Step();
  return row && *row ? stmt->Int(0) : -1;
}

// A version 3 archive still has the FTS insert trigger; after the upgrade, new articles are
// indexed once (by the write path), not twice.
TEST(Migrations, VersionThreeArchiveIndexesNewArticlesOnceAfterTheUpgrade) {
  std::string path = testing_support::MakeTempDir() + "/v3.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(*db, path, 3));
  }
  {
    auto archive = Archive::Open(path, {});
    ASSERT_OK(archive);
    PageRecord record;
    record.url = "http://a.cn/1";
    record.article = extract::Article{};
    record.article->title = "招商引资会议";
    record.article->body = "本市招商引资工作会议召开";
    ASSERT_OK(archive->RecordPage(record));
  }
  auto db = Db::Open(path, SQLITE_OPEN_READWRITE);
  ASSERT_OK(db);
  EXPECT_EQ(CountOf(*db, "SELECT count(*) FROM sqlite_schema WHERE name = 'articles_fts_insert'"),
            0);
  EXPECT_EQ(CountOf(*db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '招商引资'"),
            1);
}

// Issue #14: version 11 rebuilds the search index from folded text, so an archive written
// before finds traditional and simplified spellings of each other once upgraded; the index then
// follows deletions and updates (folded by newsarc_fold in the trigger).
TEST(Migrations, VersionTenArchiveIsReindexedFoldedOnUpgrade) {
  std::string path = testing_support::MakeTempDir() + "/v10.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(*db, path, 10));
    // As a version 10 writer did: articles, then the same text into the external-content index.
    ASSERT_OK(db->Exec(
        "INSERT INTO articles (url, site, title, body, encoding, content_sha256, first_seen_at, "
        "last_fetched_at, changed_at) VALUES "
        "('http://c.hk/1', 'c.hk', '香港總商會年會', '總商會主席致辭。', '{}', '00', "
        "'2024-05-01T00:00:00Z', '2024-05-01T00:00:00Z', '2024-05-01T00:00:00Z'), "
        "('http://a.cn/3', 'a.cn', '工商联商会工作会议', '各商会负责人参加。', '{}', '01', "
        "'2024-04-01T00:00:00Z', '2024-04-01T00:00:00Z', '2024-04-01T00:00:00Z');"
        "INSERT INTO articles_fts (rowid, title, body) SELECT id, title, body FROM articles;"));
  }
  auto archive = Archive::Open(path, {});
  ASSERT_OK(archive);
  EXPECT_EQ(VersionOf(path), kSchemaVersion);
  auto count = [&](const std::string& query) -> int64_t {
    auto results = SearchArticles(*archive, {query, std::nullopt, 10});
    EXPECT_TRUE(results.has_value()) << query;
    if (results) {
      EXPECT_FALSE(results->note.has_value()) << *results->note;
    }
    return results ? results->total : -1;
  };
  EXPECT_EQ(count("商会"), 2);
  EXPECT_EQ(count("總商會"), 1);
  EXPECT_EQ(count("总商会"), 1);
  EXPECT_EQ(count("商會 负责人"), 1);
  auto read_only = Archive::Open(path, {.read_only = true});
  ASSERT_OK(read_only);
  auto results = SearchArticles(*read_only, {"总商会", std::nullopt, 10});
  ASSERT_OK(results);
  ASSERT_EQ(results->hits.size(), 1u);
  EXPECT_EQ(results->hits[0].snippet, "[總商會]主席致辭。");

  ASSERT_OK(
      archive->db().Exec("UPDATE articles SET body = '商會會員名錄' WHERE url = 'http://c.hk/1'"));
  EXPECT_EQ(count("会员名录"), 1);
  EXPECT_EQ(count("主席致辞"), 0);
  ASSERT_OK(archive->db().Exec("DELETE FROM articles WHERE url = 'http://a.cn/3'"));
  EXPECT_EQ(count("商会"), 1);
  EXPECT_EQ(CountOf(archive->db(), "SELECT count(*) FROM articles_fts"), 1);
}

// Issue #15: version 12 adds the fixity tables (newsarc verify); a version 11 archive keeps its
// captures and gains them on upgrade, and is read-only readable without them.
TEST(Migrations, VersionElevenArchiveGainsTheFixityTablesOnUpgrade) {
  std::string path = testing_support::MakeTempDir() + "/v11.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(*db, path, 11));
    ASSERT_OK(db->Exec("INSERT INTO captures (sha256, size, body) VALUES ('00', 0, x'')"));
  }
  {
    auto read_only = Archive::Open(path, {.read_only = true});
    ASSERT_OK(read_only);
    EXPECT_FALSE(HasColumn(read_only->db(), "fixity_checks", "result"));
    EXPECT_EQ(VersionOf(path), 11);
  }
  auto archive = Archive::Open(path, {});
  ASSERT_OK(archive);
  EXPECT_EQ(VersionOf(path), kSchemaVersion);
  EXPECT_EQ(CountOf(archive->db(), "SELECT count(*) FROM captures"), 1);
  for (const char* column : {"run_id", "checked_at", "kind", "capture_id", "file", "offset",
                             "record_id", "target_uri", "result", "detail"}) {
    EXPECT_TRUE(HasColumn(archive->db(), "fixity_checks", column)) << column;
  }
  EXPECT_TRUE(HasColumn(archive->db(), "fixity_runs", "captures_failed"));
  EXPECT_EQ(CountOf(archive->db(), "SELECT count(*) FROM fixity_runs"), 0);
}

// Issue #15 point 2: version 13 adds removal tracking (articles.removed_at, removed_reason and
// removal_sightings); a version 12 archive's articles survive the upgrade as not removed, and
// read-only readers of a version 12 archive take every article for online.
TEST(Migrations, VersionTwelveArchiveGainsRemovalTrackingOnUpgrade) {
  std::string path = testing_support::MakeTempDir() + "/v12.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(*db, path, 12));
    ASSERT_OK(db->Exec(
        "INSERT INTO articles (url, site, title, body, encoding, content_sha256, first_seen_at, "
        "last_fetched_at, changed_at) VALUES ('http://a.cn/1', 'a.cn', '标题', '正文', "
        "'{\"declared\":null,\"detected\":null,\"used\":\"utf-8\"}', '00', "
        "'2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')"));
  }
  {
    auto read_only = Archive::Open(path, {.read_only = true});
    ASSERT_OK(read_only);
    EXPECT_FALSE(HasColumn(read_only->db(), "articles", "removed_at"));
    auto stats = ReadArchiveStats(*read_only);
    ASSERT_OK(stats);
    EXPECT_EQ(stats->removal.removed, 0);
    auto state = ReadRemovalState(*read_only, "http://a.cn/1");
    ASSERT_OK(state);
    EXPECT_FALSE(state->removed_at.has_value());
    EXPECT_EQ(VersionOf(path), 12);
  }
  auto archive = Archive::Open(path, {});
  ASSERT_OK(archive);
  EXPECT_EQ(VersionOf(path), kSchemaVersion);
  EXPECT_TRUE(HasColumn(archive->db(), "articles", "removed_at"));
  EXPECT_TRUE(HasColumn(archive->db(), "articles", "removed_reason"));
  for (const char* column :
       {"article_id", "url", "run_id", "seen_at", "reason", "fetch_id", "cleared_at"}) {
    EXPECT_TRUE(HasColumn(archive->db(), "removal_sightings", column)) << column;
  }
  EXPECT_EQ(CountOf(archive->db(), "SELECT count(*) FROM articles WHERE removed_at IS NULL"), 1);
}

// Issue #15: version 14 adds scope_refusals, the links the crawl's scope refused, one row per
// URL; a version 13 archive's frontier and articles survive the upgrade untouched.
TEST(Migrations, VersionThirteenArchiveGainsScopeRefusalsOnUpgrade) {
  std::string path = testing_support::MakeTempDir() + "/v13.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(*db, path, 13));
    ASSERT_OK(
        db->Exec("INSERT INTO frontier (url, host, depth, kind, state, updated_at) VALUES "
                 "('http://a.cn/1.html', 'a.cn', 0, 'seed', 'done', '2024-01-01T00:00:00Z')"));
  }
  {
    auto read_only = Archive::Open(path, {.read_only = true});
    ASSERT_OK(read_only);
    EXPECT_FALSE(HasColumn(read_only->db(), "scope_refusals", "url"));
    EXPECT_EQ(VersionOf(path), 13);
  }
  auto archive = Archive::Open(path, {});
  ASSERT_OK(archive);
  EXPECT_EQ(VersionOf(path), 14);
  for (const char* column : {"url", "host", "reason", "detail", "discovered_from", "first_run_id",
                             "last_run_id", "first_seen_at", "last_seen_at"}) {
    EXPECT_TRUE(HasColumn(archive->db(), "scope_refusals", column)) << column;
  }
  EXPECT_EQ(CountOf(archive->db(), "SELECT count(*) FROM frontier"), 1);
  EXPECT_EQ(CountOf(archive->db(), "SELECT count(*) FROM scope_refusals"), 0);
  // One row per URL: a second insert of the same URL is refused by the table itself.
  ASSERT_OK(archive->db().Exec(
      "INSERT INTO scope_refusals (url, host, reason, detail, first_seen_at, last_seen_at) "
      "VALUES ('http://a.cn/x', 'a.cn', 'excluded', 'matches exclude pattern x', 't', 't')"));
  EXPECT_FALSE(archive->db()
                   .Exec("INSERT INTO scope_refusals (url, host, reason, detail, first_seen_at, "
                         "last_seen_at) VALUES ('http://a.cn/x', 'a.cn', 'too_deep', 'd', 't', "
                         "'t')")
                   .has_value());
}

TEST(Migrations, OlderArchiveIsNotUpgradedReadOnly) {
  std::string path = testing_support::MakeTempDir() + "/old.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(*db, path, 1));
  }
  auto archive = Archive::Open(path, {.read_only = true});
  EXPECT_ERROR_CODE(archive, kStorage);
  EXPECT_EQ(VersionOf(path), 1);
}

TEST(Migrations, VersionTwoArchiveIsReadableReadOnlyWithoutAnUpgrade) {
  std::string path = testing_support::MakeTempDir() + "/v2.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(*db, path, 2));
  }
  ASSERT_OK(Archive::Open(path, {.read_only = true}));
  EXPECT_EQ(VersionOf(path), 2);
}

// Version 7 adds the off-site columns to crawl_runs; runs recorded before keep their counts
// and have none.
TEST(Migrations, VersionSixRunsSurviveTheUpgradeWithNoOffsiteHosts) {
  std::string path = testing_support::MakeTempDir() + "/v6.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(*db, path, 6));
    EXPECT_FALSE(HasColumn(*db, "crawl_runs", "offsite_hosts"));
    ASSERT_OK(
        db->Exec("INSERT INTO crawl_runs (started_at, finished_at, status, fetched) VALUES "
                 "('2024-01-01T00:00:00Z', '2024-01-01T01:00:00Z', 'finished', 12)"));
  }
  {
    // Read-only, not upgraded: stats reads the version 6 runs without the new columns.
    auto archive = Archive::Open(path, {.read_only = true});
    ASSERT_OK(archive);
    auto stats = ReadArchiveStats(*archive);
    ASSERT_OK(stats);
    ASSERT_EQ(stats->runs.size(), 1u);
    EXPECT_EQ(stats->runs[0].counts.fetched, 12);
    EXPECT_EQ(VersionOf(path), 6);
  }
  auto archive = Archive::Open(path, {});
  ASSERT_OK(archive);
  EXPECT_EQ(VersionOf(path), kSchemaVersion);
  EXPECT_TRUE(HasColumn(archive->db(), "crawl_runs", "offsite_links"));
  EXPECT_TRUE(HasColumn(archive->db(), "crawl_runs", "offsite_hosts"));
  auto stats = ReadArchiveStats(*archive);
  ASSERT_OK(stats);
  ASSERT_EQ(stats->runs.size(), 1u);
  EXPECT_EQ(stats->runs[0].counts.fetched, 12);
  EXPECT_EQ(stats->runs[0].offsite.links, 0);
  EXPECT_TRUE(stats->runs[0].offsite.hosts.empty());
  auto run = archive->BeginRun("{}", std::chrono::system_clock::now());
  ASSERT_OK(run);
  ASSERT_OK(archive->FinishRun(
      *run, RunCounts{}, "finished", std::chrono::system_clock::now(),
      RunOffsite{1, {{"www.other.org.cn", 1, "http://www.other.org.cn/", "http://a.cn/"}}}));
  stats = ReadArchiveStats(*archive);
  ASSERT_OK(stats);
  ASSERT_EQ(stats->runs.size(), 2u);
  ASSERT_EQ(stats->runs[0].offsite.hosts.size(), 1u);
  EXPECT_EQ(stats->runs[0].offsite.hosts[0].host, "www.other.org.cn");
}

TEST(Migrations, NewerArchiveIsRefusedNamingFileAndBothVersions) {
  std::string path = testing_support::MakeTempDir() + "/new.db";
  ASSERT_OK(Archive::Open(path, {.create_if_missing = true}));
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE);
    ASSERT_OK(db);
    ASSERT_OK(db->Exec("PRAGMA user_version = 99"));
  }
  for (bool read_only : {false, true}) {
    auto archive = Archive::Open(path, {.read_only = read_only});
    ASSERT_FALSE(archive.has_value());
    const std::string& message = archive.error().message;
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("99"), std::string::npos) << message;
    EXPECT_NE(message.find(std::to_string(kSchemaVersion)), std::string::npos) << message;
  }
  EXPECT_EQ(VersionOf(path), 99);
}

TEST(Migrations, TextFileIsRefusedAndLeftUntouched) {
  std::string content = "just some notes\nnot a database\n";
  std::string path = testing_support::WriteTempFile("notes.db", content);
  for (bool read_only : {false, true}) {
    auto archive = Archive::Open(path, {.read_only = read_only, .create_if_missing = !read_only});
    ASSERT_FALSE(archive.has_value());
    EXPECT_EQ(archive.error().message, path + " is not a newsarc archive (not an SQLite database)");
  }
  EXPECT_EQ(Slurp(path), content);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  EXPECT_FALSE(std::filesystem::exists(path + "-journal"));
}

TEST(Migrations, PngFileIsRefusedAndLeftUntouched) {
  constexpr char kPng[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
  std::string content(kPng, sizeof(kPng) - 1);
  std::string path = testing_support::WriteTempFile("image.png", content);
  EXPECT_ERROR_CODE(Archive::Open(path, {.create_if_missing = true}), kStorage);
  EXPECT_EQ(Slurp(path), content);
}

TEST(Migrations, ForeignSqliteDatabaseIsRefused) {
  std::string path = testing_support::MakeTempDir() + "/other.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(db->Exec("CREATE TABLE notes (x TEXT)"));
  }
  auto archive = Archive::Open(path, {});
  ASSERT_FALSE(archive.has_value());
  EXPECT_NE(archive.error().message.find("not a newsarc archive"), std::string::npos);
}

// A read-write open switched another program's database to WAL (its header's bytes 18-19)
// before the schema check refused it; one that sets user_version was taken for an old archive.
TEST(Migrations, ForeignSqliteDatabaseIsRefusedBeforeAnythingIsWritten) {
  for (int user_version : {0, 3}) {
    std::string path = testing_support::MakeTempDir() + "/other.db";
    {
      auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      ASSERT_OK(db);
      ASSERT_OK(db->Exec("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('kept')"));
      ASSERT_OK(db->Exec(("PRAGMA user_version = " + std::to_string(user_version)).c_str()));
    }
    std::string before = Slurp(path);
    auto archive = Archive::Open(path, {.create_if_missing = true});
    ASSERT_FALSE(archive.has_value()) << user_version;
    EXPECT_EQ(archive.error().message,
              path + " is not a newsarc archive (an SQLite database with other tables)");
    EXPECT_EQ(Slurp(path), before) << "user_version " << user_version;
    EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
    EXPECT_FALSE(std::filesystem::exists(path + "-shm"));
  }
}

TEST(Migrations, EmptyFileIsInitializedOnlyWithCreateIfMissing) {
  std::string path = testing_support::WriteTempFile("empty.db", "");
  EXPECT_ERROR_CODE(Archive::Open(path, {}), kStorage);
  EXPECT_EQ(Slurp(path), "");
  ASSERT_OK(Archive::Open(path, {.create_if_missing = true}));
  EXPECT_EQ(VersionOf(path), kSchemaVersion);
}

// A disk that fills up during the first migration leaves an empty, version-0 file behind, which
// the next Open (create_if_missing) initializes from scratch.
TEST(Migrations, FullDiskDuringCreationLeavesNoPartialSchema) {
  std::string path = testing_support::MakeTempDir() + "/full.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(db->Exec("PRAGMA max_page_count = 3"));
    auto migrated = Migrate(*db, path);
    ASSERT_FALSE(migrated.has_value());
    EXPECT_NE(migrated.error().message.find(path), std::string::npos) << migrated.error().message;
    auto tables = Statement::Prepare(*db, "SELECT count(*) FROM sqlite_schema");
    ASSERT_OK(tables);
    ASSERT_OK(tables->Step());
    EXPECT_EQ(tables->Int(0), 0);
  }
  EXPECT_EQ(VersionOf(path), 0);
  ASSERT_OK(Archive::Open(path, {.create_if_missing = true}));
  EXPECT_EQ(VersionOf(path), kSchemaVersion);
}

TEST(Migrations, ReadOnlyDirectoryGivesAnErrorAndNoFile) {
  if (geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  std::string dir = testing_support::MakeTempDir();
  std::filesystem::permissions(
      dir, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  EXPECT_ERROR_CODE(Archive::Open(dir + "/a.db", {.create_if_missing = true}), kStorage);
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all);
  EXPECT_FALSE(std::filesystem::exists(dir + "/a.db"));
}

}  // namespace
}  // namespace storage
