#include "storage/zip_writer.h"

#include <fcntl.h>
#include <unistd.h>
#include <zip.h>

#include <cerrno>
#include <cstring>

namespace storage {
namespace {

util::Error ZipError(const std::string& path, const std::string& what, zip_t* archive) {
  return util::Error{util::ErrorCode::kIo, path + ": " + what + ": " + zip_strerror(archive)};
}

}  // namespace

void ZipWriter::Discard::operator()(zip* archive) const { zip_discard(archive); }

util::Result<ZipWriter> ZipWriter::Create(const std::string& path) {
  int code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (archive == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string message = path + ": cannot create ZIP file: " + zip_error_strerror(&error);
    zip_error_fini(&error);
    return util::MakeError(util::ErrorCode::kIo, message);
  }
  return ZipWriter(path, archive);
}

util::Result<void> ZipWriter::AddStoredFile(const std::string& name, const std::string& file_path) {
  zip_source_t* source = zip_source_file(zip_.get(), file_path.c_str(), 0, 0);  // whole file
  if (source == nullptr) return tl::unexpected(ZipError(file_path, "cannot read", zip_.get()));
  zip_int64_t index = zip_file_add(zip_.get(), name.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);  // not taken by the archive on failure
    return tl::unexpected(ZipError(path_, "cannot add " + name, zip_.get()));
  }
  if (zip_set_file_compression(zip_.get(), static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0) !=
      0) {
    return tl::unexpected(ZipError(path_, "cannot store " + name, zip_.get()));
  }
  return {};
}

util::Result<void> ZipWriter::Commit() {
  if (zip_close(zip_.get()) != 0)
    return tl::unexpected(ZipError(path_, "write failed", zip_.get()));
  zip_.release();  // zip_close freed it
  // libzip renames its temporary file into place without syncing it.
  int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced) {
    return util::MakeError(util::ErrorCode::kIo,
                           path_ + ": cannot sync to disk: " + std::strerror(errno));
  }
  return {};
}

}  // namespace storage
