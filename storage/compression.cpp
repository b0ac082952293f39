#include "storage/compression.h"

#include <zlib.h>

namespace storage {

std::string Compress(std::string_view data) {
  uLongf capacity = compressBound(static_cast<uLong>(data.size()));
  std::string out(capacity, '\0');
  // Level 6 (zlib's default): HTML compresses ~5x; the fastest levels gain little time here.
  int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &capacity,
                     reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()),
                     Z_DEFAULT_COMPRESSION);
  if (rc != Z_OK) return {};  // only Z_MEM_ERROR is possible with a compressBound buffer
  out.resize(capacity);
  return out;
}

util::Result<std::string> Decompress(std::string_view compressed, size_t size) {
  std::string out(size, '\0');
  uLongf length = static_cast<uLongf>(size);
  // uncompress needs a non-null destination even for an empty payload.
  Bytef empty = 0;
  Bytef* dest = size == 0 ? &empty : reinterpret_cast<Bytef*>(out.data());
  uLongf dest_len = size == 0 ? 1 : length;
  int rc = uncompress(dest, &dest_len, reinterpret_cast<const Bytef*>(compressed.data()),
                      static_cast<uLong>(compressed.size()));
  if (rc != Z_OK || dest_len != size) {
    return util::MakeError(util::ErrorCode::kStorage,
                           "damaged capture body (zlib error " + std::to_string(rc) + ")");
  }
  return out;
}

}  // namespace storage
