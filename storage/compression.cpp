#include "storage/compression.h"

#include <zlib.h>

namespace storage {

namespace {

// One deflate state per thread, reset between payloads. compress2() allocates and clears a
// fresh ~270 KB state on every call, which costs more than deflating a typical 1-2 KB capture.
class Deflater {
 public:
  Deflater() { ok_ = deflateInit(&stream_, Z_DEFAULT_COMPRESSION) == Z_OK; }
  ~Deflater() {
    if (ok_) deflateEnd(&stream_);
  }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  // Level 6 (zlib's default): HTML compresses ~5x; the fastest levels gain little time here.
  std::string Compress(std::string_view data) {
    if (!ok_ || deflateReset(&stream_) != Z_OK) return {};
    uLong capacity = deflateBound(&stream_, static_cast<uLong>(data.size()));
    std::string out(capacity, '\0');
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream_.avail_in = static_cast<uInt>(data.size());
    stream_.next_out = reinterpret_cast<Bytef*>(out.data());
    stream_.avail_out = static_cast<uInt>(capacity);
    // A deflateBound-sized buffer always takes the whole stream in one Z_FINISH call.
    if (deflate(&stream_, Z_FINISH) != Z_STREAM_END) return {};
    out.resize(stream_.total_out);
    return out;
  }

 private:
  z_stream stream_{};
  bool ok_ = false;
};

}  // namespace

std::string Compress(std::string_view data) {
  thread_local Deflater deflater;
  return deflater.Compress(data);
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
