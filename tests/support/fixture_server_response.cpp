#include "tests/support/fixture_server_response.h"

#include <zlib.h>

#include <algorithm>
#include <stdexcept>

namespace testing_support {
namespace {

// deflateInit2 windowBits: 15 (32 KiB window) + 16 asks zlib for a gzip wrapper.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kZlibMemLevel = 8;
constexpr size_t kDeflateOutputChunk = 64 * 1024;
// The bomb feeds zeros to deflate in pieces of this size.
constexpr size_t kBombInputChunk = 1024 * 1024;

constexpr std::string_view kPatternLine =
    "<p>newsarc fixture filler line 0123456789 abcdefghijklmnopqrstuvw</p>\n";

// Streams input through one deflate stream and returns the gzip bytes. `next_input` returns
// the next piece (empty at the end). Throws only when zlib itself fails, which is a broken
// test environment rather than an expected outcome.
std::string Deflate(const std::function<std::string_view()>& next_input) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, kGzipWindowBits, kZlibMemLevel,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out;
  std::string chunk(kDeflateOutputChunk, '\0');
  int flush = Z_NO_FLUSH;
  while (flush != Z_FINISH) {
    std::string_view input = next_input();
    flush = input.empty() ? Z_FINISH : Z_NO_FLUSH;
    // zlib's API takes a non-const pointer but never writes through next_in.
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    do {
      stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
      stream.avail_out = static_cast<uInt>(chunk.size());
      int rc = deflate(&stream, flush);
      if (rc == Z_STREAM_ERROR) {
        deflateEnd(&stream);
        throw std::runtime_error("deflate failed");
      }
      out.append(chunk.data(), chunk.size() - stream.avail_out);
    } while (stream.avail_out == 0);
  }
  deflateEnd(&stream);
  return out;
}

}  // namespace

std::string PatternBytes(uint64_t offset, size_t count) {
  std::string out;
  out.reserve(count);
  size_t pos = static_cast<size_t>(offset % kPatternLine.size());
  while (out.size() < count) {
    size_t take = std::min(kPatternLine.size() - pos, count - out.size());
    out.append(kPatternLine.substr(pos, take));
    pos = 0;
  }
  return out;
}

std::string GzipCompress(std::string_view data) {
  bool given = false;
  return Deflate([&]() -> std::string_view {
    if (given) return {};
    given = true;
    return data;
  });
}

FixtureResponse FixtureResponse::Html(std::string body, std::string content_type) {
  FixtureResponse r;
  r.headers.emplace_back("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

FixtureResponse FixtureResponse::Text(std::string body) {
  return Html(std::move(body), "text/plain; charset=utf-8");
}

FixtureResponse FixtureResponse::Status(int status, std::string body) {
  FixtureResponse r = Text(std::move(body));
  r.status = status;
  return r;
}

FixtureResponse FixtureResponse::Redirect(std::string location, int status) {
  FixtureResponse r = Html("<a href=\"" + location + "\">moved</a>");
  r.status = status;
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

FixtureResponse FixtureResponse::Gzipped(std::string_view plain_body, std::string content_type) {
  FixtureResponse r = Html(GzipCompress(plain_body), std::move(content_type));
  r.headers.emplace_back("Content-Encoding", "gzip");
  return r;
}

FixtureResponse FixtureResponse::GzipBomb(uint64_t decompressed_bytes) {
  const std::string zeros(kBombInputChunk, '\0');
  uint64_t remaining = decompressed_bytes;
  std::string compressed = Deflate([&]() -> std::string_view {
    size_t take = static_cast<size_t>(std::min<uint64_t>(remaining, zeros.size()));
    remaining -= take;
    return std::string_view(zeros).substr(0, take);
  });
  FixtureResponse r = Html(std::move(compressed));
  r.headers.emplace_back("Content-Encoding", "gzip");
  return r;
}

FixtureResponse FixtureResponse::Huge(uint64_t bytes, std::string content_type) {
  FixtureResponse r = Html("", std::move(content_type));
  r.generated = GeneratedBody{bytes, bytes, &PatternBytes};
  return r;
}

FixtureResponse FixtureResponse::Endless(uint64_t cap_bytes, std::string content_type) {
  FixtureResponse r = Html("", std::move(content_type));
  r.generated = GeneratedBody{std::nullopt, cap_bytes, &PatternBytes};
  return r;
}

FixtureResponse FixtureResponse::ConnectionReset() {
  FixtureResponse r;
  r.reset_connection = true;
  return r;
}

FixtureResponse FixtureResponse::WithHeader(std::string name, std::string value) && {
  headers.emplace_back(std::move(name), std::move(value));
  return std::move(*this);
}

FixtureResponse FixtureResponse::WithRetryAfter(std::string value) && {
  return std::move(*this).WithHeader("Retry-After", std::move(value));
}

FixtureResponse FixtureResponse::WithDelay(std::chrono::milliseconds delay) && {
  delay_before_headers = delay;
  return std::move(*this);
}

FixtureResponse FixtureResponse::WithTrickle(size_t bytes, std::chrono::milliseconds interval) && {
  trickle_bytes = bytes;
  trickle_interval = interval;
  return std::move(*this);
}

}  // namespace testing_support
