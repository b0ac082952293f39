#include "util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace util {

Result<AtomicFile> AtomicFile::Create(const std::string& path) {
  std::string temp = path + ".tmp.XXXXXX";
  int fd = mkstemp(temp.data());
  if (fd < 0) {
    return MakeError(ErrorCode::kIo,
                     path + ": cannot create temporary file: " + std::strerror(errno));
  }
  fchmod(fd, 0644);
  std::FILE* f = fdopen(fd, "wb");
  if (f == nullptr) {
    close(fd);
    unlink(temp.c_str());
    return MakeError(ErrorCode::kIo, path + ": cannot open temporary file");
  }
  return AtomicFile(path, temp, f);
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)),
      temp_path_(std::move(other.temp_path_)),
      file_(std::exchange(other.file_, nullptr)),
      committed_(std::exchange(other.committed_, true)) {}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) std::fclose(file_);
  if (!committed_ && !temp_path_.empty()) unlink(temp_path_.c_str());
}

Result<void> AtomicFile::Write(std::string_view data) {
  if (file_ == nullptr) return MakeError(ErrorCode::kIo, path_ + ": file already closed");
  if (std::fwrite(data.data(), 1, data.size(), file_) != data.size()) {
    return MakeError(ErrorCode::kIo, path_ + ": write failed: " + std::strerror(errno));
  }
  return {};
}

Result<void> AtomicFile::Commit() {
  if (file_ == nullptr) return MakeError(ErrorCode::kIo, path_ + ": file already closed");
  bool ok = std::fflush(file_) == 0 && fsync(fileno(file_)) == 0;
  int saved = errno;
  ok = (std::fclose(file_) == 0) && ok;
  file_ = nullptr;
  if (!ok) return MakeError(ErrorCode::kIo, path_ + ": write failed: " + std::strerror(saved));
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    return MakeError(ErrorCode::kIo, path_ + ": cannot rename into place: " + std::strerror(errno));
  }
  committed_ = true;
  return {};
}

Result<void> WriteFileAtomically(const std::string& path, std::string_view data) {
  auto file = AtomicFile::Create(path);
  if (!file) return tl::unexpected(file.error());
  TRY(file->Write(data));
  return file->Commit();
}

}  // namespace util
