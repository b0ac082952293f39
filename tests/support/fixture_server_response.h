// A FixtureResponse is what the loopback FixtureServer (fixture_server.h) answers for one
// route: status, headers sent verbatim, a body held in memory or generated on demand, and the
// faults to inject (delay before the headers, slow body trickle, connection reset).
// Plain value type; the builders below cover the common cases and the fault helpers.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace testing_support {

// Header fields in the order they are sent. Names and values go out byte for byte.
using FixtureHeaders = std::vector<std::pair<std::string, std::string>>;

inline constexpr uint64_t kMebibyte = uint64_t{1} << 20;
inline constexpr uint64_t kGibibyte = uint64_t{1} << 30;
// An endless body stops after this many bytes even if the client never disconnects.
inline constexpr uint64_t kEndlessBodyCapBytes = kGibibyte;
// Decompressed size of FixtureResponse::GzipBomb() unless told otherwise.
inline constexpr uint64_t kDefaultGzipBombBytes = 64 * kMebibyte;

// A body produced piece by piece while it is sent, so huge bodies are never held in memory.
struct GeneratedBody {
  // Sent as Content-Length. nullopt sends `Transfer-Encoding: chunked` until `generate` returns
  // an empty string, `cap_bytes` have been sent, the client disconnects or the server stops.
  std::optional<uint64_t> length;
  uint64_t cap_bytes = kEndlessBodyCapBytes;
  // Returns the bytes at `offset`, at most `max_bytes` of them (extra bytes are dropped). An
  // empty result ends a chunked body; a body with a length that comes up short is cut off with
  // a reset. Called from server threads, so it must not rely on the test thread's state.
  std::function<std::string(uint64_t offset, size_t max_bytes)> generate;
};

struct FixtureResponse {
  int status = 200;
  // Sent exactly as given; a response without Content-Type is sent without one. cpp-httplib
  // adds the framing headers itself (Content-Length or Transfer-Encoding, Connection,
  // Keep-Alive), so do not set those here.
  FixtureHeaders headers;
  std::string body;
  // When set, replaces `body`.
  std::optional<GeneratedBody> generated;

  // Faults.
  // Wait this long after reading the request, before sending anything.
  std::chrono::milliseconds delay_before_headers{0};
  // Send the body in pieces of `trickle_bytes` with `trickle_interval` between them (0 = at once).
  size_t trickle_bytes = 0;
  std::chrono::milliseconds trickle_interval{0};
  // Close the connection with a TCP RST instead of answering.
  bool reset_connection = false;
  // Send the headers and this many body bytes, then reset the connection.
  std::optional<uint64_t> reset_after_body_bytes;

  // Builders.
  static FixtureResponse Html(std::string body,
                              std::string content_type = "text/html; charset=utf-8");
  static FixtureResponse Text(std::string body);
  // Any status with a short plain-text body.
  static FixtureResponse Status(int status, std::string body = "");
  static FixtureResponse Redirect(std::string location, int status = 302);
  // Body gzip-compressed (zlib) and sent with `Content-Encoding: gzip`.
  static FixtureResponse Gzipped(std::string_view plain_body,
                                 std::string content_type = "text/html; charset=utf-8");
  // A small gzip body that inflates to `decompressed_bytes` of zeros.
  static FixtureResponse GzipBomb(uint64_t decompressed_bytes = kDefaultGzipBombBytes);
  // `bytes` of PatternBytes() with a Content-Length, generated while sending.
  static FixtureResponse Huge(uint64_t bytes, std::string content_type = "text/html");
  // A chunked body of PatternBytes() that never ends by itself (see GeneratedBody::cap_bytes).
  static FixtureResponse Endless(uint64_t cap_bytes = kEndlessBodyCapBytes,
                                 std::string content_type = "text/html");
  static FixtureResponse ConnectionReset();

  // Chainable modifiers for temporaries: FixtureResponse::Html(x).WithDelay(200ms).
  FixtureResponse WithHeader(std::string name, std::string value) &&;
  FixtureResponse WithRetryAfter(std::string value) &&;
  FixtureResponse WithDelay(std::chrono::milliseconds delay) &&;
  FixtureResponse WithTrickle(size_t bytes, std::chrono::milliseconds interval) &&;
};

// The content of Huge() and Endless() bodies: printable ASCII lines, a pure function of offset.
std::string PatternBytes(uint64_t offset, size_t count);

// gzip (RFC 1952) encoding of `data`, as sent with `Content-Encoding: gzip`.
std::string GzipCompress(std::string_view data);

}  // namespace testing_support
