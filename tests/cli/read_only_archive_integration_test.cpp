// Issue #17 point 4: read commands on an archive in a read-only folder failed with "not a newsarc
// archive" (a WAL database needs its -shm file), and write commands on a read-only archive did
// not say why. The binary runs as user nobody (65534) on an archive root made and left
// unwritable for it: tests run as root, whom permission bits do not stop.
#include <fcntl.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/test_util.h"

namespace {

namespace fs = std::filesystem;

constexpr uid_t kNobody = 65534;
constexpr int kCannotDropPrivileges = 125;

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs newsarc with `args` as user and group 65534; output goes to files in `scratch`, a folder
// only root writes.
RunResult RunAsNobody(const std::vector<std::string>& args, const std::string& scratch) {
  std::string out_path = scratch + "/out", err_path = scratch + "/err";
  int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<char*> argv;
  std::string binary = NEWSARC_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t child = fork();
  if (child == 0) {
    dup2(out, 1);
    dup2(err, 2);
    if (setgroups(0, nullptr) != 0 || setgid(kNobody) != 0 || setuid(kNobody) != 0) {
      _exit(kCannotDropPrivileges);
    }
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(out);
  close(err);
  RunResult run;
  int status = 0;
  if (child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status)) {
    run.exit_code = WEXITSTATUS(status);
  }
  run.out = ReadFile(out_path);
  run.err = ReadFile(err_path);
  return run;
}

// Every file of `dir` with its bytes: what "nothing written" compares.
std::vector<std::pair<std::string, std::string>> Snapshot(const std::string& dir) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    files.emplace_back(entry.path().filename().string(), ReadFile(entry.path().string()));
  }
  std::sort(files.begin(), files.end());
  return files;
}

class ReadOnlyArchiveTest : public testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "needs root, to run newsarc as another user";
    char scratch_template[] = "/tmp/newsarc-ro-XXXXXX";
    ASSERT_NE(mkdtemp(scratch_template), nullptr);
    scratch_ = scratch_template;
    // Nobody must be able to enter it (mkdtemp made it 0700).
    ASSERT_EQ(chmod(scratch_.c_str(), 0755), 0);
    RunResult probe = RunAsNobody({"--version"}, scratch_);
    if (probe.exit_code == kCannotDropPrivileges) {
      GTEST_SKIP() << "cannot switch to user 65534 here (no CAP_SETUID)";
    }
    ASSERT_EQ(probe.exit_code, 0) << probe.err;
    dir_ = scratch_ + "/archive";
    ASSERT_TRUE(fs::create_directory(dir_));
    db_ = dir_ + "/a.db";
    auto archive = storage::Archive::Open(db_, {.create_if_missing = true});
    ASSERT_OK(archive);
    ASSERT_OK(archive->RecordPage(
        storage::testing::MakeRecord("http://www.assoc.org.cn/news/1.html", "协会召开年度会议",
                                     "会议总结了一年的工作。", 1000, "2024-01-05")));
  }
  void TearDown() override {
    if (!scratch_.empty()) {
      chmod(dir_.c_str(), 0755);
      fs::remove_all(scratch_);
    }
  }

  // Export and stats read the archive (exit 0, the article in their output) with one notice
  // naming `why` (none at -q); crawl, import-warc and reextract exit 2 naming `why`, and leave
  // the folder as it was.
  void ExpectReadsWorkAndWritesRefused(const std::string& why, const std::string& how) {
    RunResult exported = RunAsNobody({"export", "--db", db_, "--out", "-"}, scratch_);
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_NE(exported.out.find("协会召开年度会议"), std::string::npos) << exported.out;
    EXPECT_NE(exported.err.find(db_ + ": opened read-only" + how + " (" + why), std::string::npos)
        << exported.err;
    EXPECT_EQ(std::count(exported.err.begin(), exported.err.end(), '\n'), 1) << exported.err;

    RunResult stats = RunAsNobody({"stats", "--db", db_}, scratch_);
    EXPECT_EQ(stats.exit_code, 0) << stats.err;
    EXPECT_NE(stats.out.find("www.assoc.org.cn"), std::string::npos) << stats.out;
    RunResult quiet = RunAsNobody({"-q", "stats", "--db", db_}, scratch_);
    EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
    EXPECT_EQ(quiet.err, "");

    auto before = Snapshot(dir_);
    std::string warc = scratch_ + "/empty.warc";
    std::ofstream(warc) << "";
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"crawl", "--db", db_, "--seed", "http://127.0.0.1:9/"},
          std::vector<std::string>{"import-warc", warc, "--db", db_},
          std::vector<std::string>{"reextract", "--db", db_}}) {
      RunResult write = RunAsNobody(args, scratch_);
      EXPECT_EQ(write.exit_code, 2) << args[0] << ": " << write.err;
      EXPECT_NE(write.err.find(db_ + ": cannot be written (" + why), std::string::npos)
          << args[0] << ": " << write.err;
      EXPECT_NE(write.err.find("copy it to a writable folder"), std::string::npos) << write.err;
    }
    EXPECT_EQ(Snapshot(dir_), before);
  }

  std::string scratch_, dir_, db_;
};

TEST_F(ReadOnlyArchiveTest, AnArchiveInAReadOnlyFolderIsReadImmutableAndNotWritten) {
  ASSERT_FALSE(fs::exists(db_ + "-wal"));  // closed cleanly: no writer can be changing it
  ASSERT_EQ(chmod(dir_.c_str(), 0555), 0);
  ExpectReadsWorkAndWritesRefused("read-only folder " + dir_, ", as immutable");
}

TEST_F(ReadOnlyArchiveTest, AReadOnlyArchiveFileIsReadReadOnlyAndNotWritten) {
  // The folder is writable (SQLite may make the -shm file there), the file is not.
  ASSERT_EQ(chmod(dir_.c_str(), 0777), 0);
  ASSERT_EQ(chmod(db_.c_str(), 0444), 0);
  ExpectReadsWorkAndWritesRefused("read-only file", "");
}

}  // namespace
