// A RecordedRequest is one request the FixtureServer (fixture_server.h) received, with the
// address it arrived on, its headers and the steady-clock interval during which it was open.
// The free functions compute politeness figures (gap between starts, overlap) from a list of
// them; they are pure and take the requests of one host.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/fixture_server_response.h"

namespace testing_support {

struct RecordedRequest {
  using Time = std::chrono::steady_clock::time_point;

  // Name of the fixture host whose listener received the request ("a.test").
  std::string host;
  // The Host header exactly as sent ("a.test:41234" or "127.0.0.2:41234"); empty if absent.
  std::string host_header;
  // Where the request arrived ("127.0.0.2", port).
  std::string local_address;
  int local_port = 0;
  std::string method;
  // Request target as sent: path and query ("/list.html?page=2").
  std::string target;
  // Headers as sent by the client, sorted by name (cpp-httplib does not keep their order).
  FixtureHeaders headers;
  // The request body (a POST's form), as the route handler sees it; the server's request log
  // records requests before their bodies are read and keeps it empty.
  std::string body;
  // When the request line and headers had been read (the handler is entered right after).
  Time started_at;
  // When the response, including any streamed body, was written or abandoned: taken just
  // before its last send(), so a request the client makes after receiving it never overlaps
  // it. nullopt while the request is still being served (see FixtureServer::WaitUntilIdle).
  std::optional<Time> finished_at;
  // Status sent; 0 when the connection was reset before a status line.
  int status = 0;
  // The server reset the connection (before or during the response).
  bool reset = false;

  // First value of a header, case-insensitively.
  std::optional<std::string> Header(std::string_view name) const;
};

// The intervals between the starts of consecutive requests, in the order of `requests` (the
// log's: by arrival); one fewer than the requests, none for fewer than two.
std::vector<std::chrono::steady_clock::duration> StartGaps(
    const std::vector<RecordedRequest>& requests);

// Smallest interval between consecutive request starts; nullopt with fewer than two requests.
std::optional<std::chrono::steady_clock::duration> MinStartGap(
    const std::vector<RecordedRequest>& requests);

// Largest number of requests open at one instant. A request is open on [started_at,
// finished_at); one still in flight is open until now. A request that starts at the instant
// another finishes does not overlap it.
int MaxConcurrent(const std::vector<RecordedRequest>& requests);

}  // namespace testing_support
