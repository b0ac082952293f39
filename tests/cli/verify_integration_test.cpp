// `newsarc verify` end to end (issue #15 point 4): exit codes, failure lines, -q, JSON, and the
// checks recorded in the archive.
#include <fcntl.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "storage/warc_writer.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace {

using testing_support::RunNewsarc;

int64_t CountOf(const std::string& db, const std::string& sql) {
  auto archive = storage::Archive::Open(db, {.read_only = true});
  if (!archive) return -1;
  auto stmt = storage::Statement::Prepare(archive->db(), sql);
  if (!stmt) return -1;
  auto row = stmt->Step();
  return row && *row ? stmt->Int(0) : -1;
}

class VerifyCommand : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir();
    db_ = dir_ + "/archive.db";
    warc_ = dir_ + "/warc";
    auto archive = storage::Archive::Open(db_, {.create_if_missing = true});
    ASSERT_OK(archive);
    for (int i = 1; i <= 2; ++i) {
      ASSERT_OK(archive->RecordPage(storage::testing::MakeRecord(
          "http://a.cn/" + std::to_string(i) + ".html", "标题", "正文" + std::to_string(i))));
    }
    storage::WarcWriterOptions o;
    o.directory = warc_;
    o.software = "newsarc/test";
    o.user_agent = "newsarc/test";
    auto writer = storage::WarcWriter::Open(o);
    ASSERT_OK(writer);
    storage::WarcExchange ex;
    ex.target_uri = "http://a.cn/1.html";
    ex.date = std::chrono::system_clock::from_time_t(1'767'225'600);
    ex.request_head = "GET /1.html HTTP/1.1\r\nHost: a.cn\r\n\r\n";
    ex.response_head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
    ex.payload = "<html><body>正文1</body></html>";
    ASSERT_OK(writer->Write(ex));
    ASSERT_OK(writer->Close());
  }

  std::string dir_, db_, warc_;
};

TEST_F(VerifyCommand, AnIntactArchiveAndWarcFolderExitZeroAndAreRecorded) {
  auto run = RunNewsarc({"verify", "--db", db_, "--warc", warc_});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // warcinfo, response, request.
  EXPECT_EQ(run.out, "2 captures checked, 0 failed; 3 WARC records checked, 0 failed\n");
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(CountOf(db_,
                    "SELECT count(*) FROM fixity_checks WHERE kind = 'capture' AND "
                    "result = 'ok'"),
            2);
  EXPECT_EQ(CountOf(db_,
                    "SELECT count(*) FROM fixity_checks WHERE kind = 'warc_record' AND "
                    "result = 'ok'"),
            3);
  EXPECT_EQ(CountOf(db_, "SELECT count(*) FROM fixity_checks WHERE kind = 'warc_file'"), 1);
  EXPECT_EQ(CountOf(db_,
                    "SELECT count(*) FROM fixity_runs WHERE finished_at IS NOT NULL AND "
                    "captures_checked = 2 AND warc_records_checked = 3 AND "
                    "warc_files_checked = 1"),
            1);

  auto stats = RunNewsarc({"stats", "--db", db_, "--json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  auto parsed = nlohmann::json::parse(stats.out);
  EXPECT_EQ(parsed["last_verify"]["captures_checked"], 2);
  EXPECT_EQ(parsed["last_verify"]["warc_records_failed"], 0);
  EXPECT_EQ(parsed["last_verify"]["sample"], 1.0);
  auto text = RunNewsarc({"stats", "--db", db_});
  EXPECT_NE(text.out.find("Last verify: #1, started "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find(", 2 captures checked, 0 failed; 3 WARC records checked, 0 failed\n"),
            std::string::npos)
      << text.out;
}

TEST_F(VerifyCommand, ADamagedCaptureExitsOneNamingItAndIsRecorded) {
  {
    auto archive = storage::Archive::Open(db_, {});
    ASSERT_OK(archive);
    ASSERT_OK(archive->db().Exec("UPDATE captures SET body = x'00010203' WHERE id = 2"));
  }
  auto run = RunNewsarc({"verify", "--db", db_});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.out.find("capture 2: unreadable: body does not decompress"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("2 captures checked, 1 failed; 0 WARC records checked, 0 failed\n"),
            std::string::npos)
      << run.out;

  auto quiet = RunNewsarc({"-q", "verify", "--db", db_});
  EXPECT_EQ(quiet.exit_code, 1);
  EXPECT_EQ(quiet.out.rfind("capture 2: unreadable: ", 0), 0u) << quiet.out;
  EXPECT_EQ(std::count(quiet.out.begin(), quiet.out.end(), '\n'), 1) << quiet.out;

  auto json = RunNewsarc({"verify", "--db", db_, "--format", "json"});
  EXPECT_EQ(json.exit_code, 1);
  auto parsed = nlohmann::json::parse(json.out);
  EXPECT_EQ(parsed["captures"]["checked"], 2);
  EXPECT_EQ(parsed["captures"]["failed"], 1);
  EXPECT_EQ(parsed["recorded"], true);
  ASSERT_EQ(parsed["failures"].size(), 1u);
  EXPECT_EQ(parsed["failures"][0]["kind"], "capture");
  EXPECT_EQ(parsed["failures"][0]["capture_id"], 2);
  EXPECT_EQ(parsed["failures"][0]["result"], "unreadable");

  EXPECT_EQ(CountOf(db_,
                    "SELECT count(*) FROM fixity_checks WHERE capture_id = 2 AND result = "
                    "'unreadable' AND detail LIKE 'body does not decompress%'"),
            3);
  EXPECT_EQ(CountOf(db_, "SELECT count(*) FROM fixity_runs WHERE captures_failed = 1"), 3);
}

TEST_F(VerifyCommand, ADamagedWarcRecordExitsOneWithFileOffsetAndUri) {
  std::string file;
  for (const auto& entry : std::filesystem::directory_iterator(warc_)) file = entry.path();
  ASSERT_FALSE(file.empty());
  // Cut the file inside its last gzip member (the request record).
  std::string data = testing_support::ReadFileOrFail(file);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << data.substr(0, data.size() - 20);
  auto run = RunNewsarc({"verify", "--db", db_, "--warc", warc_});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.out.find(file + " at offset "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(": unreadable: "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("; 1 of 1 WARC files damaged\n"), std::string::npos) << run.out;
  EXPECT_EQ(CountOf(db_,
                    "SELECT count(*) FROM fixity_checks WHERE kind = 'warc_file' AND "
                    "result = 'unreadable' AND offset > 0"),
            1);
}

TEST_F(VerifyCommand, BadArgumentsAndUnusableInputExitTwo) {
  for (const char* sample : {"0", "1.5", "abc", "150%"}) {
    auto run = RunNewsarc({"verify", "--db", db_, "--sample", sample});
    EXPECT_EQ(run.exit_code, 2) << sample;
    EXPECT_NE(run.err.find("must be a fraction above 0 and at most 1"), std::string::npos)
        << run.err;
  }
  auto no_folder = RunNewsarc({"verify", "--db", db_, "--warc", dir_ + "/missing"});
  EXPECT_EQ(no_folder.exit_code, 2);
  EXPECT_NE(no_folder.err.find(dir_ + "/missing: not a folder"), std::string::npos)
      << no_folder.err;
  std::string notes = dir_ + "/notes.db";
  std::ofstream(notes) << "just notes\n";
  auto not_archive = RunNewsarc({"verify", "--db", notes});
  EXPECT_EQ(not_archive.exit_code, 2);
  EXPECT_NE(not_archive.err.find(notes + " is not a newsarc archive"), std::string::npos)
      << not_archive.err;
  EXPECT_EQ(CountOf(db_, "SELECT count(*) FROM fixity_checks"), 0);
}

TEST_F(VerifyCommand, APercentageSampleChecksThatPartNeverCheckedFirst) {
  auto first = RunNewsarc({"verify", "--db", db_, "--sample", "50%", "--seed", "1"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, "1 captures checked, 0 failed; 0 WARC records checked, 0 failed\n");
  auto second = RunNewsarc({"verify", "--db", db_, "--sample", "0.5", "--seed", "1"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(CountOf(db_, "SELECT count(DISTINCT capture_id) FROM fixity_checks"), 2);
}

// Run as user nobody on an archive it cannot write (tests run as root, whom permission bits do
// not stop): verified, with a warning that the checks were not recorded.
TEST_F(VerifyCommand, AReadOnlyArchiveIsVerifiedWithoutRecordingAndSaysSo) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root, to run newsarc as another user";
  constexpr uid_t kNobody = 65534;
  ASSERT_EQ(chmod(dir_.c_str(), 0755), 0);
  ASSERT_EQ(chmod(db_.c_str(), 0444), 0);
  std::string out_path = dir_ + "/out", err_path = dir_ + "/err";
  int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> args = {NEWSARC_BINARY, "verify", "--db", db_};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t child = fork();
  if (child == 0) {
    dup2(out, 1);
    dup2(err, 2);
    if (setgroups(0, nullptr) != 0 || setgid(kNobody) != 0 || setuid(kNobody) != 0) _exit(125);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out);
  close(err);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 125) GTEST_SKIP() << "cannot switch to user 65534 here";
  std::string out_text = testing_support::ReadFileOrFail(out_path);
  std::string err_text = testing_support::ReadFileOrFail(err_path);
  EXPECT_EQ(WEXITSTATUS(status), 0) << err_text;
  EXPECT_EQ(out_text, "2 captures checked, 0 failed; 0 WARC records checked, 0 failed\n");
  EXPECT_NE(err_text.find(db_ + ": the checks will not be recorded"), std::string::npos)
      << err_text;
  ASSERT_EQ(chmod(db_.c_str(), 0644), 0);
  EXPECT_EQ(CountOf(db_, "SELECT count(*) FROM fixity_checks"), 0);
}

}  // namespace
