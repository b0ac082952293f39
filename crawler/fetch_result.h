// A FetchResult is what one FetchRequest produced: the response (status, selected headers,
// decoded body) or the reason there is none. Failures are outcomes, archived like successes.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "crawler/clock.h"

namespace crawler {

enum class FetchOutcome {
  kOk,        // a complete HTTP response (any status; see `status`)
  kNetwork,   // DNS, connect, reset, TLS or protocol failure
  kTimeout,   // connect, total or low-speed timeout
  kTooLarge,  // the decoded body passed max_body_bytes; the transfer was aborted
  kNotHtml,   // Content-Type says it is not a page; aborted after the headers
  kAborted,   // the crawler cancelled the request (shutdown)
};

const char* FetchOutcomeName(FetchOutcome outcome);

struct FetchResult {
  uint64_t id = 0;
  std::string url;
  FetchOutcome outcome = FetchOutcome::kNetwork;
  std::string error;  // human-readable detail when outcome != kOk
  int status = 0;     // HTTP status, 0 when no response
  std::optional<std::string> content_type;
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::optional<std::string> retry_after;
  std::optional<std::string> location;  // redirect target, absolute
  std::optional<std::string> content_encoding;
  // The body is only the first max_body_bytes of a longer one; the rest was never read
  // (OverCap::kTruncate). encoded_body, if any, may be cut short too.
  bool truncated = false;
  std::string body;           // decoded payload (Content-Encoding removed)
  std::string encoded_body;   // payload as transferred when Content-Encoding applied, else empty
  std::string request_head;   // request line + headers as sent (for WARC)
  std::string request_body;   // a POST's body as sent (for WARC); empty for a GET
  std::string response_head;  // status line + headers as received, ending with CRLF CRLF
  int64_t wire_bytes = 0;     // bytes received on the wire (compressed)
  std::string remote_ip;
  // When the request head went out (after connection setup), never earlier; the hand-off to
  // the fetcher when it never went out. Politeness gaps are measured from it.
  SteadyTime started_at{};
  SteadyTime finished_at{};
  std::chrono::system_clock::time_point fetched_at{};  // started_at on the wall clock
};

}  // namespace crawler
