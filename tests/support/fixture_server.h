// A FixtureServer is a loopback HTTP/1.1 server for integration tests. It serves several named
// hosts at once, each on its own loopback address (127.0.0.2, 127.0.0.3, ...) and a free port,
// answers canned or generated responses per request target, injects faults (status codes,
// Retry-After, delays, slow bodies, connection resets, redirect chains and loops, gzip bombs,
// endless and huge bodies, wrong charsets) and records every request with its timing.
//
//   testing_support::FixtureServer server;
//   server.AddHost("a.test");
//   ASSERT_OK(server.Start());
//   server.Route("a.test", "/robots.txt", FixtureResponse::Text("User-agent: *\nDisallow:\n"));
//   // Fetch server.Url("a.test", "/robots.txt") with CURLOPT_RESOLVE = server.ResolveEntries().
//
// Routing is by the listener a request arrives on, so a request that names the real address in
// its Host header ("127.0.0.2:PORT") is served like one that names "a.test". The server never
// compresses or rewrites bodies itself; a robots.txt is just another route.
//
// Thread-safety: AddHost() and Start() belong to the test thread and come before any request.
// Route*(), Redirect*() and the request-log accessors may be called from any thread at any time.
// The destructor stops the listeners, aborts responses in flight (delays, trickles and endless
// bodies included) and joins every server thread. Not copyable.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/fixture_server_log.h"
#include "tests/support/fixture_server_response.h"
#include "util/error.h"

namespace testing_support {

// Where a fixture host listens.
struct FixtureHost {
  std::string name;     // "a.test"
  std::string address;  // "127.0.0.2"
  int port = 0;

  // "http://a.test:PORT/": use with Resolve() so the client connects to `address`.
  std::string BaseUrl() const;
  // "http://127.0.0.2:PORT/": the same host by its real address.
  std::string AddressUrl() const;
  // "a.test:PORT:127.0.0.2", an entry for CURLOPT_RESOLVE (curl --resolve).
  std::string Resolve() const;
};

struct FixtureServerOptions {
  // Host i listens on 127.0.0.(first_address_octet + i).
  int first_address_octet = 2;
  // Connections served at once per host; more wait to be accepted.
  size_t worker_threads_per_host = 16;
  // Requests served on one keep-alive connection before the server closes it.
  size_t keep_alive_max_requests = 100;
  // An idle keep-alive connection, or a client that stalls mid-request, is closed after this.
  std::chrono::seconds idle_timeout{5};
  // Stats helpers wait at most this long for responses the client already has to be recorded
  // as finished (the server stamps the end just after its last write).
  std::chrono::milliseconds settle_timeout{2000};
};

// Generated content for a prefix route or a handler route.
using FixtureHandler = std::function<FixtureResponse(const RecordedRequest& request)>;

class FixtureServer {
 public:
  FixtureServer();
  explicit FixtureServer(FixtureServerOptions options);
  ~FixtureServer();
  FixtureServer(const FixtureServer&) = delete;
  FixtureServer& operator=(const FixtureServer&) = delete;

  // REQUIRES: before Start(); names are unique.
  void AddHost(std::string name);
  // Binds every host to its address and a free port and starts serving. Fails with kNetwork
  // when an address cannot be bound. REQUIRES: called once.
  [[nodiscard]] util::Result<void> Start();

  // REQUIRES: AddHost(name) and a successful Start().
  const FixtureHost& Host(std::string_view name) const;
  std::vector<FixtureHost> Hosts() const;
  // BaseUrl() of the host without its trailing slash, followed by `target` ("/a?b=1").
  std::string Url(std::string_view host, std::string_view target) const;
  // Resolve() of every host.
  std::vector<std::string> ResolveEntries() const;
  // ResolveEntries() as newsarc's command line takes them: "--resolve", entry, ...
  std::vector<std::string> ResolveArgs() const;

  // Routes; a later registration for the same target replaces the earlier one. Lookup order:
  // exact target (path plus query, as sent), then the longest matching prefix; otherwise 404.
  void Route(std::string_view host, std::string target, FixtureResponse response);
  void Route(std::string_view host, std::string target, FixtureHandler handler);
  // Each request takes the next response; the last one repeats (e.g. 503 then 200).
  void RouteSequence(std::string_view host, std::string target,
                     std::vector<FixtureResponse> responses);
  void RoutePrefix(std::string_view host, std::string prefix, FixtureHandler handler);
  // targets[i] redirects to targets[i + 1]; the last target is left for the test to route. A
  // target may be an absolute URL (another host's Url()) to leave this host.
  void RedirectChain(std::string_view host, const std::vector<std::string>& targets,
                     int status = 302);
  // targets[i] redirects to targets[(i + 1) % size]: a loop.
  void RedirectLoop(std::string_view host, const std::vector<std::string>& targets,
                    int status = 302);

  // Request log, in order of arrival. Snapshots.
  std::vector<RecordedRequest> Requests() const;
  std::vector<RecordedRequest> RequestsFor(std::string_view host) const;
  size_t CountFor(std::string_view host, std::string_view target) const;
  // Waits up to `timeout` until no request is in flight; true if none is.
  bool WaitUntilIdle(std::chrono::milliseconds timeout) const;
  // Politeness figures for one host (see fixture_server_log.h). Both first wait up to
  // options.settle_timeout for requests in flight to finish.
  std::optional<std::chrono::steady_clock::duration> MinStartGap(std::string_view host) const;
  int MaxConcurrentRequests(std::string_view host) const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace testing_support
