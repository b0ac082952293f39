// A FileLock is an exclusive advisory lock (flock) on a lock file next to a resource, held for
// the lifetime of the object: one crawl per archive at a time. The OS releases it when the
// process dies, so a killed run never leaves a stale lock. Move-only; not thread-safe.
#pragma once

#include <optional>
#include <string>

#include "util/error.h"

namespace util {

class FileLock {
 public:
  // Tries to take the lock without waiting. nullopt (not an error) when another process holds
  // it; an error when the lock file cannot be created.
  static Result<std::optional<FileLock>> TryAcquire(const std::string& lock_path);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

  const std::string& path() const { return path_; }

 private:
  FileLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::string path_;
};

}  // namespace util
