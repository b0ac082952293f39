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

}  // namespace
}  // namespace storage
