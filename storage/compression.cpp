#include "storage/compression.h"

#include <zlib.h>

#include <memory>

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

util::Result<uint64_t> InflateChunks(std::string_view compressed, uint64_t max_bytes,
                                     const std::function<void(std::string_view)>& sink) {
  constexpr size_t kChunkBytes = 64 * 1024;
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) {
    return util::MakeError(util::ErrorCode::kStorage, "zlib could not start inflating");
  }
  // inflateEnd on every way out.
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, inflateEnd);
  std::string chunk(kChunkBytes, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  // Blobs are far below 4 GiB (captures are capped at crawl time); uInt is zlib's width.
  stream.avail_in = static_cast<uInt>(compressed.size());
  uint64_t total = 0;
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
    stream.avail_out = static_cast<uInt>(chunk.size());
    int rc = inflate(&stream, Z_NO_FLUSH);
    size_t produced = chunk.size() - stream.avail_out;
    total += produced;
    if (total > max_bytes) {
      return util::MakeError(util::ErrorCode::kTooLarge,
                             "inflates to more than " + std::to_string(max_bytes) + " bytes");
    }
    if (produced > 0) sink(std::string_view(chunk.data(), produced));
    if (rc == Z_STREAM_END) break;
    // Z_BUF_ERROR with input left cannot happen (output space was given); without input left
    // the stream was cut short.
    if (rc != Z_OK) {
      return util::MakeError(util::ErrorCode::kStorage,
                             std::string(rc == Z_BUF_ERROR ? "cut short" : "damaged") +
                                 " zlib stream (zlib error " + std::to_string(rc) + " after " +
                                 std::to_string(total) + " bytes)");
    }
  }
  if (stream.avail_in != 0) {
    return util::MakeError(util::ErrorCode::kStorage,
                           std::to_string(stream.avail_in) + " bytes after the zlib stream");
  }
  return total;
}

}  // namespace storage
