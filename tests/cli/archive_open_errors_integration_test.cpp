// Every command that reads an archive reports an archive it cannot open the same way
// (cli/archive_errors.h): one line naming the file, the problem and what to do, exit 2, and no
// file left behind. Most used to print Archive::Open's words as they came ("FILE does not exist
// (no archive)", with nothing to do); serve and reextract alone explained a damaged file.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"

namespace {

using testing_support::RunNewsarc;

// The arguments of each command that opens the archive `db`, read-only or read-write.
std::vector<std::vector<std::string>> CommandsOn(const std::string& db, const std::string& dir) {
  const std::string url = "http://www.a.gov.cn/news/1.html";
  return {
      {"audit", "--db", db},
      {"show", "--db", db, url},
      {"search", "--db", db, "工作"},
      {"stats", "--db", db},
      {"urls", "--db", db},
      {"history", "--db", db, url},
      {"diff", "--db", db, url},
      {"export", "--db", db, "--out", dir + "/out.jsonl"},
      {"export", "--db", db, "--format", "wacz", "--out", dir + "/out.wacz"},
      {"verify", "--db", db},
      {"reextract", "--db", db},
      {"serve", "--db", db},
  };
}

// The files in `dir`, by name.
std::set<std::string> FilesIn(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

// The lines of `err` that name `path`.
std::vector<std::string> LinesNaming(const std::string& err, const std::string& path) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < err.size()) {
    size_t end = err.find('\n', start);
    if (end == std::string::npos) end = err.size();
    std::string line = err.substr(start, end - start);
    if (line.find(path) != std::string::npos) lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

// Runs every command on `db` and checks that each exits 2 with only `expected` on stderr (as
// the one line naming the file), nothing on stdout, and the folder's files unchanged.
void ExpectSameReportFromEveryCommand(const std::string& db, const std::string& dir,
                                      const std::string& expected) {
  std::set<std::string> before = FilesIn(dir);
  for (const std::vector<std::string>& args : CommandsOn(db, dir)) {
    auto r = RunNewsarc(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
    EXPECT_EQ(r.out, "") << args[0];
    EXPECT_EQ(LinesNaming(r.err, db), std::vector<std::string>{"newsarc: error: " + expected})
        << args[0] << ": " << r.err;
    EXPECT_EQ(FilesIn(dir), before) << args[0] << " left a file";
  }
}

TEST(ArchiveOpenErrors, AMissingArchiveIsNoSuchArchiveForEveryCommandAndIsNotCreated) {
  std::string dir = testing_support::MakeTempDir();
  std::string db = dir + "/missing.sqlite";
  ExpectSameReportFromEveryCommand(
      db, dir, db + ": no such archive; check the --db path (crawl or import-warc creates one)");
  EXPECT_FALSE(std::filesystem::exists(db));
}

TEST(ArchiveOpenErrors, AFileThatIsNoSQLiteDatabaseIsNotAnArchiveForEveryCommand) {
  std::string dir = testing_support::MakeTempDir();
  std::string db = dir + "/notes.txt";
  std::ofstream(db) << "not a database\n";
  ExpectSameReportFromEveryCommand(
      db, dir, db + " is not a newsarc archive (not an SQLite database); check the --db path");
  std::ifstream in(db);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "not a database\n");
}

// serve and reextract said what to do with a damaged file; the read commands only "FILE is not a
// newsarc archive (file is not a database)".
TEST(ArchiveOpenErrors, ADamagedFileIsToldToBeCheckedByEveryCommand) {
  std::string dir = testing_support::MakeTempDir();
  std::string db = dir + "/damaged.sqlite";
  std::string content = std::string("SQLite format 3") + '\0' + std::string(4080, 'x');
  std::ofstream(db, std::ios::binary) << content;
  ExpectSameReportFromEveryCommand(
      db, dir,
      db +
          ": cannot read the archive (file is not a database); it is damaged or not a newsarc "
          "archive: check it with sqlite3 " +
          db + " 'PRAGMA integrity_check' or use a backup");
  std::ifstream in(db, std::ios::binary);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()),
            content);
}

TEST(ArchiveOpenErrors, AnEmptyFileIsNotAnArchiveForEveryCommand) {
  std::string dir = testing_support::MakeTempDir();
  std::string db = dir + "/empty.sqlite";
  std::ofstream{db};
  ExpectSameReportFromEveryCommand(db, dir,
                                   db + " is empty, not a newsarc archive; check the --db path");
  EXPECT_EQ(std::filesystem::file_size(db), 0u);
}

// Another program holds SQLite's lock past the archive's busy timeout (10 s): read and write
// commands said "FILE is not a newsarc archive (database is locked)", exit 2.
TEST(ArchiveOpenErrors, AnArchiveAnotherProgramHoldsLockedIsExitFour) {
  std::string dir = testing_support::MakeTempDir();
  std::string db = dir + "/a.sqlite";
  ASSERT_OK(storage::Archive::Open(db, {.create_if_missing = true}));
  std::string source = dir + "/source.sqlite";
  ASSERT_OK(storage::Archive::Open(source, {.create_if_missing = true}));
  testing_support::BackgroundProcess holder(
      {"/usr/bin/python3", "-c",
       "import sqlite3, sys, time\n"
       "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
       "c.execute('PRAGMA locking_mode=EXCLUSIVE')\n"
       "c.execute('BEGIN EXCLUSIVE')\n"
       "c.execute('CREATE TABLE held (x)')\n"
       "print('locked', flush=True)\n"
       "time.sleep(120)\n",
       db},
      dir + "/holder.err");
  ASSERT_TRUE(holder.started());
  ASSERT_EQ(holder.ReadLine(std::chrono::seconds(30)), "locked");
  // merge said "FILE is not a newsarc archive (database is locked)" of its target, exit 2.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"stats", "--db", db},
        std::vector<std::string>{"reextract", "--db", db},
        std::vector<std::string>{"merge", "--db", db, source}}) {
    auto r = RunNewsarc(args);
    EXPECT_EQ(r.exit_code, 4) << args[0] << ": " << r.err;
    EXPECT_EQ(LinesNaming(r.err, db),
              std::vector<std::string>{
                  "newsarc: error: " + db +
                  ": the archive is locked (database is locked); another program is writing it: "
                  "run the command again when it is done"})
        << args[0] << ": " << r.err;
  }
  holder.Stop(SIGTERM, std::chrono::seconds(10));
}

}  // namespace
