// A ContentDecoder undoes an HTTP Content-Encoding (gzip, deflate — what the fetcher
// advertises) as the body streams in, with a cap on the decoded size: a gzip bomb stops at the
// cap instead of filling memory. Owns its zlib stream (RAII); move-only; not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace crawler {

class ContentDecoder {
 public:
  enum class Status { kOk, kTooLarge, kCorrupt, kUnsupported };

  // `content_encoding` as in the header ("gzip", "x-gzip", "deflate", "identity", "" ...).
  ContentDecoder(std::string_view content_encoding, size_t max_decoded_bytes);
  ~ContentDecoder();
  ContentDecoder(ContentDecoder&&) noexcept;
  ContentDecoder& operator=(ContentDecoder&&) noexcept;

  // True when bytes pass through unchanged (identity or no encoding).
  bool IsIdentity() const;
  // Feeds encoded bytes, appending decoded bytes to `out`. Once a call returns anything but
  // kOk, the decoder stays in that state.
  Status Feed(std::string_view encoded, std::string& out);
  // Call at the end of the body: kCorrupt when the stream was cut short.
  Status Finish();

 private:
  struct Stream;
  std::unique_ptr<Stream> stream_;
  size_t max_decoded_bytes_;
  size_t decoded_bytes_ = 0;
  Status status_ = Status::kOk;
  int kind_ = 0;  // 0 identity, 1 zlib/gzip, 2 unsupported
};

}  // namespace crawler
