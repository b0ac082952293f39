#include "util/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace util {

namespace internal {

bool StillAtPath(int fd, const std::string& path) {
  struct stat opened {};
  struct stat named {};
  if (fstat(fd, &opened) != 0 || stat(path.c_str(), &named) != 0) return false;
  return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino;
}

}  // namespace internal

Result<std::optional<FileLock>> FileLock::TryAcquire(const std::string& lock_path) {
  // Each retry follows a lock file removed by its holder; a path whose file keeps being replaced
  // is reported rather than chased for ever.
  constexpr int kAttempts = 8;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    int fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      return MakeError(ErrorCode::kIo,
                       lock_path + ": cannot create lock file: " + std::strerror(errno));
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
      int err = errno;
      close(fd);
      if (err == EWOULDBLOCK) return std::optional<FileLock>();
      return MakeError(ErrorCode::kIo, lock_path + ": cannot lock: " + std::strerror(err));
    }
    if (!internal::StillAtPath(fd, lock_path)) {
      close(fd);
      continue;
    }
    // Record who holds it, for people looking at the file.
    std::string pid = std::to_string(getpid()) + "\n";
    if (ftruncate(fd, 0) == 0) {
      ssize_t ignored = write(fd, pid.data(), pid.size());
      (void)ignored;
    }
    return std::optional<FileLock>(FileLock(fd, lock_path));
  }
  return MakeError(ErrorCode::kIo,
                   lock_path + ": cannot lock: the lock file keeps being removed by other runs");
}

void FileLock::Discard() {
  if (fd_ < 0) return;
  unlink(path_.c_str());  // while still held, so no other run is between lock and unlink
  close(fd_);
  fd_ = -1;
}

FileLock::FileLock(FileLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

FileLock::~FileLock() {
  if (fd_ >= 0) close(fd_);  // closing releases the flock
}

}  // namespace util
