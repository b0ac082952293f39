// The commands that write an archive (crawl, import-warc, merge, reextract) take its FILE.lock
// (cli/archive_lock.h): a second writer exits 4 naming the file, and a run that cannot open
// FILE as an archive leaves neither a FILE.lock nor a change to FILE behind. reextract wrote
// without the lock; crawl, import-warc and merge left FILE.lock beside a file that was no
// archive, and a read-write open switched another program's SQLite database to WAL.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "storage/sqlite_handles.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"
#include "util/file_lock.h"

namespace {

using testing_support::ReadFileOrFail;
using testing_support::RunNewsarc;

// The files in `dir`, by name.
std::set<std::string> FilesIn(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

// An empty archive to merge from, and a file for import-warc to be given, in a folder of their
// own in `dir` (reading the archive leaves its -wal and -shm files).
struct WriterInputs {
  std::string source;
  std::string warc;
};

WriterInputs MakeWriterInputs(const std::string& dir) {
  std::filesystem::create_directory(dir + "/inputs");
  WriterInputs inputs{dir + "/inputs/source.sqlite", dir + "/inputs/records.warc"};
  auto source = storage::Archive::Open(inputs.source, {.create_if_missing = true});
  if (!source) ADD_FAILURE() << source.error().message;
  std::ofstream{inputs.warc};
  return inputs;
}

// The arguments of each command that writes the archive `db`.
std::vector<std::vector<std::string>> WritersOn(const std::string& db, const WriterInputs& in) {
  return {
      // No request is made: the archive is opened before the seed is fetched.
      {"crawl", "--db", db, "--seed", "http://127.0.0.1:9/"},
      {"import-warc", in.warc, "--db", db},
      {"merge", "--db", db, in.source},
      {"reextract", "--db", db},
  };
}

// Runs every writer on `db`, which is no archive: each exits 2 with `expected` on stderr and
// leaves `db` as it was and no file beside it.
void ExpectEveryWriterLeavesNoTrace(const std::string& db, const std::string& dir,
                                    const std::string& expected) {
  WriterInputs inputs = MakeWriterInputs(dir);
  std::string content = ReadFileOrFail(db);
  std::set<std::string> before = FilesIn(dir);
  for (const std::vector<std::string>& args : WritersOn(db, inputs)) {
    auto r = RunNewsarc(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
    EXPECT_NE(r.err.find(expected), std::string::npos) << args[0] << ": " << r.err;
    EXPECT_FALSE(std::filesystem::exists(db + ".lock")) << args[0];
    EXPECT_EQ(FilesIn(dir), before) << args[0] << " left a file";
    EXPECT_EQ(ReadFileOrFail(db), content) << args[0] << " changed " << db;
  }
}

TEST(ArchiveLock, WritersLeaveATextFileAsItWasAndNoLockFile) {
  std::string dir = testing_support::MakeTempDir();
  std::string db = dir + "/notes.txt";
  std::ofstream(db) << "not a database\n";
  ExpectEveryWriterLeavesNoTrace(db, dir,
                                 db + " is not a newsarc archive (not an SQLite database)");
}

// Another program's database, with or without a user_version of its own: verify, which opens
// an archive read-write to record its checks, must leave it as it was too.
TEST(ArchiveLock, WritersLeaveAnotherProgramsSqliteDatabaseAsItWasAndNoLockFile) {
  for (int user_version : {0, 5}) {
    std::string dir = testing_support::MakeTempDir();
    std::string db = dir + "/other.db";
    {
      auto other = storage::Db::Open(db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      ASSERT_OK(other);
      ASSERT_OK(other->Exec("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('kept')"));
      ASSERT_OK(other->Exec(("PRAGMA user_version = " + std::to_string(user_version)).c_str()));
    }
    const std::string expected =
        db + " is not a newsarc archive (an SQLite database with other tables)";
    ExpectEveryWriterLeavesNoTrace(db, dir, expected);
    std::string content = ReadFileOrFail(db);
    auto verify = RunNewsarc({"verify", "--db", db});
    EXPECT_EQ(verify.exit_code, 2) << verify.err;
    EXPECT_NE(verify.err.find(expected), std::string::npos) << verify.err;
    EXPECT_EQ(ReadFileOrFail(db), content) << "verify changed " << db;
  }
}

// A run refused for a missing archive (reextract creates none) leaves no FILE.lock either.
TEST(ArchiveLock, ReextractOnAMissingArchiveLeavesNoLockFile) {
  std::string dir = testing_support::MakeTempDir();
  std::string db = dir + "/missing.sqlite";
  auto r = RunNewsarc({"reextract", "--db", db});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(db + ": no such archive"), std::string::npos) << r.err;
  EXPECT_TRUE(FilesIn(dir).empty());
  auto nowhere = RunNewsarc({"reextract", "--db", dir + "/no/such/folder/a.sqlite"});
  EXPECT_EQ(nowhere.exit_code, 2) << nowhere.err;
  EXPECT_NE(nowhere.err.find("no such folder " + dir + "/no/such/folder; check the --db path"),
            std::string::npos)
      << nowhere.err;
}

// A cron reextract while a crawl (or another reextract) writes the archive: refused, as a
// second crawl is, and the archive is not touched.
TEST(ArchiveLock, ReextractOnAnArchiveAnotherRunHoldsExitsFourNamingTheFile) {
  std::string dir = testing_support::MakeTempDir();
  std::string db = dir + "/archive.sqlite";
  ASSERT_OK(storage::Archive::Open(db, {.create_if_missing = true}));
  {
    auto lock = util::FileLock::TryAcquire(db + ".lock");
    ASSERT_OK(lock);
    ASSERT_TRUE(lock->has_value());
    std::set<std::string> before = FilesIn(dir);
    auto r = RunNewsarc({"reextract", "--db", db});
    EXPECT_EQ(r.exit_code, 4) << r.err;
    EXPECT_NE(r.err.find(db + " is locked by another newsarc run (lock file " + db + ".lock)"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(FilesIn(dir), before);
  }
  // Free again: it runs, and lets go of the lock when it ends.
  auto r = RunNewsarc({"reextract", "--db", db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("examined 0"), std::string::npos) << r.out;
  auto after = util::FileLock::TryAcquire(db + ".lock");
  ASSERT_OK(after);
  EXPECT_TRUE(after->has_value());
}

}  // namespace
