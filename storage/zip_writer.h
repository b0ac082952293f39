// A ZipWriter builds a ZIP file from files on disk, each entry stored (not compressed), as WACZ
// wants so that readers seek straight into a WARC inside it; ZIP64 is used when sizes or offsets
// need it. The file appears only on Commit(): libzip writes a temporary file beside it and
// renames it into place, so a failed or abandoned ZipWriter leaves any earlier file untouched.
// The one wrapper of libzip. Move-only; not thread-safe.
#pragma once

#include <memory>
#include <string>

#include "util/error.h"

struct zip;

namespace storage {

class ZipWriter {
 public:
  // Starts a new ZIP file at `path` (replacing an existing one on Commit()).
  static util::Result<ZipWriter> Create(const std::string& path);

  // Adds the file at `file_path` as entry `name` (UTF-8, '/'-separated). The file is read at
  // Commit(): it must stay in place and unchanged until then.
  util::Result<void> AddStoredFile(const std::string& name, const std::string& file_path);
  // Writes the ZIP file, renames it into place and syncs it to disk.
  util::Result<void> Commit();

 private:
  struct Discard {
    void operator()(zip* archive) const;
  };
  ZipWriter(std::string path, zip* archive) : path_(std::move(path)), zip_(archive) {}

  std::string path_;
  std::unique_ptr<zip, Discard> zip_;  // zip_discard()ed unless committed
};

}  // namespace storage
