#include "crawler/content_decoder.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace crawler {
namespace {

constexpr size_t kChunk = 64 * 1024;

std::string Normalize(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

}  // namespace

struct ContentDecoder::Stream {
  z_stream z{};
  bool initialized = false;
  bool raw_deflate_tried = false;
  bool ended = false;
  std::string pending;  // input kept for a raw-deflate retry of a "deflate" body
  ~Stream() {
    if (initialized) inflateEnd(&z);
  }
};

ContentDecoder::ContentDecoder(std::string_view content_encoding, size_t max_decoded_bytes)
    : max_decoded_bytes_(max_decoded_bytes) {
  std::string enc = Normalize(content_encoding);
  if (enc.empty() || enc == "identity") {
    kind_ = 0;
  } else if (enc == "gzip" || enc == "x-gzip" || enc == "deflate") {
    kind_ = 1;
    stream_ = std::make_unique<Stream>();
    // 15 + 32: zlib or gzip header, detected automatically.
    if (inflateInit2(&stream_->z, 15 + 32) == Z_OK) {
      stream_->initialized = true;
    } else {
      status_ = Status::kCorrupt;
    }
  } else {
    kind_ = 2;
    status_ = Status::kUnsupported;
  }
}

ContentDecoder::~ContentDecoder() = default;
ContentDecoder::ContentDecoder(ContentDecoder&&) noexcept = default;
ContentDecoder& ContentDecoder::operator=(ContentDecoder&&) noexcept = default;

bool ContentDecoder::IsIdentity() const { return kind_ == 0; }

ContentDecoder::Status ContentDecoder::Feed(std::string_view encoded, std::string& out) {
  if (status_ != Status::kOk) return status_;
  if (kind_ == 0) {
    if (decoded_bytes_ + encoded.size() > max_decoded_bytes_) return status_ = Status::kTooLarge;
    out.append(encoded);
    decoded_bytes_ += encoded.size();
    return status_;
  }
  Stream& s = *stream_;
  if (s.ended) return status_;  // trailing garbage after the stream end is ignored
  // Until output appears, keep the input: a "deflate" body may turn out to be raw deflate and
  // has to be decoded again from its first byte.
  bool keep_input = !s.raw_deflate_tried && decoded_bytes_ == 0 && s.pending.size() < kChunk;
  if (keep_input) s.pending.append(encoded);
  s.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(encoded.data()));
  s.z.avail_in = static_cast<uInt>(encoded.size());
  char buffer[kChunk];
  while (s.z.avail_in > 0) {
    s.z.next_out = reinterpret_cast<Bytef*>(buffer);
    s.z.avail_out = sizeof buffer;
    int rc = inflate(&s.z, Z_NO_FLUSH);
    size_t produced = sizeof buffer - s.z.avail_out;
    if (decoded_bytes_ + produced > max_decoded_bytes_) return status_ = Status::kTooLarge;
    out.append(buffer, produced);
    decoded_bytes_ += produced;
    if (rc == Z_STREAM_END) {
      s.ended = true;
      s.pending.clear();
      break;
    }
    if (rc == Z_DATA_ERROR && !s.raw_deflate_tried && decoded_bytes_ == 0 && keep_input) {
      // Some servers send raw deflate (no zlib header) for "deflate": retry as raw from the
      // first byte.
      s.raw_deflate_tried = true;
      inflateEnd(&s.z);
      s.z = z_stream{};
      if (inflateInit2(&s.z, -15) != Z_OK) {
        s.initialized = false;
        return status_ = Status::kCorrupt;
      }
      s.z.next_in = reinterpret_cast<Bytef*>(s.pending.data());
      s.z.avail_in = static_cast<uInt>(s.pending.size());
      continue;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) return status_ = Status::kCorrupt;
    if (rc == Z_BUF_ERROR && s.z.avail_in == 0) break;
  }
  return status_;
}

ContentDecoder::Status ContentDecoder::Finish() {
  if (status_ != Status::kOk || kind_ == 0) return status_;
  if (!stream_->ended && stream_->z.total_in > 0) status_ = Status::kCorrupt;
  return status_;
}

}  // namespace crawler
