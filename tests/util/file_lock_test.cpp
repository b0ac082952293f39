#include "util/file_lock.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

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

TEST(FileLock, UncreatableLockFileIsAnIoError) {
  EXPECT_ERROR_CODE(FileLock::TryAcquire("/nonexistent/dir/x.lock"), kIo);
}

}  // namespace
}  // namespace util
