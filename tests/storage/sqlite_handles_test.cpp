// Storage errors are for people (issue #14): SQLite's message without the SQL text, which goes
// to the debug log (-vv) instead.
#include "storage/sqlite_handles.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "storage/archive.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"
#include "util/log.h"

namespace storage {
namespace {

// Collects the debug log in a file for the length of a test.
class DebugLog {
 public:
  DebugLog() : saved_(util::CurrentLogConfig()) {
    path_ = testing_support::MakeTempDir() + "/debug.log";
    util::ConfigureLogging({util::LogLevel::kError, util::LogFormat::kText});
    EXPECT_TRUE(util::OpenLogFile(path_, util::LogLevel::kDebug).has_value());
  }
  ~DebugLog() {
    util::CloseLogFile();
    util::ConfigureLogging(saved_);
  }
  std::string Text() const {
    std::ifstream in(path_);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  util::LogConfig saved_;
  std::string path_;
};

TEST(SqliteErrors, AFailedStatementSaysWhatWentWrongAndLogsItsSqlAtDebug) {
  DebugLog log;
  auto db = Db::Open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  ASSERT_OK(db);
  ASSERT_OK(db->Exec("CREATE TABLE frontier (url TEXT, state TEXT)"));
  ASSERT_OK(db->Exec("PRAGMA query_only = 1"));
  auto stmt = Statement::Prepare(*db, "INSERT INTO frontier (url, state) VALUES (?1, 'queued')");
  ASSERT_OK(stmt);
  auto run = stmt->Bind(1, std::string_view("http://a.org/")).Run();
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().code, util::ErrorCode::kStorage);
  EXPECT_EQ(run.error().message, "attempt to write a readonly database");
  std::string text = log.Text();
  EXPECT_NE(text.find(" debug SQL statement failed error=\"attempt to write a readonly database\" "
                      "sql=\"INSERT INTO frontier (url, state) VALUES (?1, 'queued')\""),
            std::string::npos)
      << text;
}

TEST(SqliteErrors, AStatementThatDoesNotPrepareLogsItsSqlAtDebug) {
  DebugLog log;
  auto db = Db::Open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  ASSERT_OK(db);
  auto stmt = Statement::Prepare(*db, "SELECT url FROM no_such_table");
  ASSERT_FALSE(stmt);
  EXPECT_EQ(stmt.error().message, "preparing SQL: no such table: no_such_table");
  EXPECT_NE(log.Text().find("sql=\"SELECT url FROM no_such_table\""), std::string::npos)
      << log.Text();
}

// The archive's own errors carry no SQL either: what a crawl prints when it cannot write.
TEST(SqliteErrors, ArchiveWriteErrorsHaveNoSql) {
  auto archive = Archive::Open(":memory:");
  ASSERT_OK(archive);
  ASSERT_OK(archive->db().Exec("PRAGMA query_only = 1"));
  FrontierRow row;
  row.url = "http://a.org/news/1.html";
  row.host = "a.org";
  row.kind = "article";
  auto added = archive->FrontierAdd({row});
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().message, "attempt to write a readonly database");
}

// The count of rows in t, read on `db`.
int64_t Rows(const Db& db) {
  auto stmt = Statement::Prepare(db, "SELECT count(*) FROM t");
  EXPECT_TRUE(stmt.has_value());
  if (!stmt) return -1;
  auto row = stmt->Step();
  EXPECT_TRUE(row.has_value() && *row);
  return stmt->Int(0);
}

Db TableOfRows() {
  auto db = Db::Open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  EXPECT_TRUE(db.has_value());
  EXPECT_TRUE(db->Exec("CREATE TABLE t (x INTEGER)").has_value());
  return std::move(*db);
}

// The crawl's writer groups several pages in one commit; each page's own transaction inside it is
// a savepoint: committed into the group, or rolled back alone.
TEST(Transaction, InsideAnotherItIsASavepointCommittedWithTheOuterOne) {
  Db db = TableOfRows();
  auto outer = Transaction::Begin(db, Transaction::Kind::kWrite);
  ASSERT_OK(outer);
  {
    auto kept = Transaction::Begin(db, Transaction::Kind::kWrite);
    ASSERT_OK(kept);
    ASSERT_OK(db.Exec("INSERT INTO t VALUES (1)"));
    ASSERT_OK(kept->Commit());
  }
  {
    auto dropped = Transaction::Begin(db, Transaction::Kind::kWrite);
    ASSERT_OK(dropped);
    ASSERT_OK(db.Exec("INSERT INTO t VALUES (2)"));
  }  // not committed: its row only is rolled back
  {
    auto kept = Transaction::Begin(db, Transaction::Kind::kWrite);
    ASSERT_OK(kept);
    ASSERT_OK(db.Exec("INSERT INTO t VALUES (3)"));
    ASSERT_OK(kept->Commit());
  }
  EXPECT_EQ(sqlite3_get_autocommit(db.get()), 0) << "the savepoints ended the outer transaction";
  ASSERT_OK(outer->Commit());
  EXPECT_EQ(Rows(db), 2);
}

TEST(Transaction, AnOuterRollbackUndoesTheCommittedSavepointsInside) {
  Db db = TableOfRows();
  {
    auto outer = Transaction::Begin(db, Transaction::Kind::kWrite);
    ASSERT_OK(outer);
    auto inner = Transaction::Begin(db, Transaction::Kind::kWrite);
    ASSERT_OK(inner);
    ASSERT_OK(db.Exec("INSERT INTO t VALUES (1)"));
    ASSERT_OK(inner->Commit());
  }
  EXPECT_EQ(Rows(db), 0);
  // Alone, a transaction is a transaction again.
  auto alone = Transaction::Begin(db, Transaction::Kind::kWrite);
  ASSERT_OK(alone);
  ASSERT_OK(db.Exec("INSERT INTO t VALUES (1)"));
  ASSERT_OK(alone->Commit());
  EXPECT_EQ(sqlite3_get_autocommit(db.get()), 1);
  EXPECT_EQ(Rows(db), 1);
}

}  // namespace
}  // namespace storage
