// An AtomicFile writes a file through a temporary file in the same directory and renames it into
// place on Commit(), so readers never see a truncated file and a failed write leaves the old
// file (or nothing) behind. Move-only; not thread-safe.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "util/error.h"

namespace util {

class AtomicFile {
 public:
  // Creates the temporary file next to `path`.
  static Result<AtomicFile> Create(const std::string& path);

  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) = delete;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  // Removes the temporary file unless Commit() succeeded.
  ~AtomicFile();

  Result<void> Write(std::string_view data);
  // Flushes, fsyncs and renames the temporary file to the target path.
  Result<void> Commit();

 private:
  AtomicFile(std::string path, std::string temp_path, std::FILE* file)
      : path_(std::move(path)), temp_path_(std::move(temp_path)), file_(file) {}

  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

// Writes `data` to `path` atomically.
Result<void> WriteFileAtomically(const std::string& path, std::string_view data);

}  // namespace util
