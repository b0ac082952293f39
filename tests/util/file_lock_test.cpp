#include "util/file_lock.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "tests/support/process.h"
#include "tests/support/test_util.h"

namespace util {
namespace {

// flock locks belong to the open file description, so a second open in the same process
// conflicts just as another process would.
TEST(FileLock, SecondAcquireFailsUntilTheFirstIsReleased) {
  std::string path = testing_support::MakeTempDir() + "/archive.sqlite.lock";
  auto first = FileLock::TryAcquire(path);
  ASSERT_OK(first);
  ASSERT_TRUE(first->has_value());
  auto second = FileLock::TryAcquire(path);
  ASSERT_OK(second);
  EXPECT_FALSE(second->has_value());
  first->reset();
  auto third = FileLock::TryAcquire(path);
  ASSERT_OK(third);
  EXPECT_TRUE(third->has_value());
}

TEST(FileLock, AnotherProcessCannotTakeAHeldLock) {
  std::string path = testing_support::MakeTempDir() + "/x.lock";
  auto held = FileLock::TryAcquire(path);
  ASSERT_OK(held);
  ASSERT_TRUE(held->has_value());
  pid_t pid = fork();
  if (pid == 0) {
    auto attempt = FileLock::TryAcquire(path);
    _exit(attempt && !attempt->has_value() ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(FileLock, DiscardRemovesTheLockFileAndReleasesTheLock) {
  std::string path = testing_support::MakeTempDir() + "/archive.sqlite.lock";
  auto held = FileLock::TryAcquire(path);
  ASSERT_OK(held);
  ASSERT_TRUE(held->has_value());
  (*held)->Discard();
  EXPECT_FALSE(std::filesystem::exists(path));
  auto again = FileLock::TryAcquire(path);
  ASSERT_OK(again);
  EXPECT_TRUE(again->has_value());
  EXPECT_TRUE(std::filesystem::exists(path));
}

// A run that opened the lock file just before its holder discarded it would lock a file no
// longer at the path, beside the next run's new one: two writers.
TEST(FileLock, ALockFileRemovedAfterItWasOpenedIsNoLongerAtItsPath) {
  std::string path = testing_support::MakeTempDir() + "/archive.sqlite.lock";
  auto held = FileLock::TryAcquire(path);
  ASSERT_OK(held);
  ASSERT_TRUE(held->has_value());
  int early = open(path.c_str(), O_RDWR | O_CLOEXEC);
  ASSERT_GE(early, 0);
  EXPECT_TRUE(internal::StillAtPath(early, path));
  (*held)->Discard();
  EXPECT_FALSE(internal::StillAtPath(early, path));
  auto next = FileLock::TryAcquire(path);  // a new file at the path
  ASSERT_OK(next);
  ASSERT_TRUE(next->has_value());
  EXPECT_FALSE(internal::StillAtPath(early, path));
  close(early);
}

TEST(FileLock, UncreatableLockFileIsAnIoError) {
  EXPECT_ERROR_CODE(FileLock::TryAcquire("/nonexistent/dir/x.lock"), kIo);
}

}  // namespace
}  // namespace util
