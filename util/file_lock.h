// A FileLock is an exclusive advisory lock (flock) on a lock file next to a resource, held for
// the lifetime of the object: one crawl per archive at a time. The OS releases it when the
// process dies, so a killed run never leaves a stale lock. The lock file is left in place when
// the lock is released, unless Discard() removes it. Move-only; not thread-safe.
#pragma once

#include <optional>
#include <string>

#include "util/error.h"

namespace util {

class FileLock {
 public:
  // Tries to take the lock without waiting. nullopt (not an error) when another process holds
  // it; an error when the lock file cannot be created. A lock file removed by Discard() while
  // this call waited to lock it is not taken: the call locks the file now at `lock_path`.
  static Result<std::optional<FileLock>> TryAcquire(const std::string& lock_path);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

  const std::string& path() const { return path_; }

  // Removes the lock file, then releases the lock: for a run that found nothing to lock (the
  // resource beside it is not what it should be) and must leave no trace. Removing it while it
  // is held is safe: TryAcquire locks only the file that still stands at the path.
  void Discard();

 private:
  FileLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::string path_;
};

namespace internal {

// Whether the open file `fd` is still the file at `path`: a run that Discard()s its lock unlinks
// the file it locked, and another run that opened that file just before must not take a lock on
// it then. (Not in an anonymous namespace, to allow testing.)
bool StillAtPath(int fd, const std::string& path);

}  // namespace internal

}  // namespace util
