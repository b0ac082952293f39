#include "util/atomic_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/test_util.h"

namespace util {
namespace {

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("newsarc-atomic-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  size_t FileCount() const {
    return static_cast<size_t>(std::distance(std::filesystem::directory_iterator(dir_),
                                             std::filesystem::directory_iterator()));
  }
  std::filesystem::path dir_;
};

TEST_F(AtomicFileTest, CommitReplacesTargetWithFullContent) {
  auto target = dir_ / "out.jsonl";
  std::ofstream(target) << "old";
  ASSERT_OK(WriteFileAtomically(target.string(), "new content\n"));
  EXPECT_EQ(Slurp(target), "new content\n");
  EXPECT_EQ(FileCount(), 1u);
}

TEST_F(AtomicFileTest, AbandonedWriteLeavesOldFileAndNoTemporary) {
  auto target = dir_ / "out.jsonl";
  std::ofstream(target) << "old";
  {
    auto file = AtomicFile::Create(target.string());
    ASSERT_OK(file);
    ASSERT_OK(file->Write("partial"));
  }  // destroyed without Commit, as when an export fails midway
  EXPECT_EQ(Slurp(target), "old");
  EXPECT_EQ(FileCount(), 1u);
}

TEST_F(AtomicFileTest, MissingDirectoryIsAnIoError) {
  EXPECT_ERROR_CODE(WriteFileAtomically((dir_ / "no/such/dir/x").string(), "x"), kIo);
}

}  // namespace
}  // namespace util
