// Politeness is how gently the crawler treats one host: the minimum gap between the starts of
// two requests, pauses ordered by the server (Retry-After), exponential back-off after failures,
// and parking a host that keeps failing. Pure functions plus a plain per-host state; the
// scheduler owns the states. Not thread-safe (one scheduler thread).
#pragma once

#include <chrono>
#include <optional>
#include <random>
#include <string_view>

#include "config/defaults.h"
#include "crawler/clock.h"

namespace crawler {

struct PolitenessOptions {
  std::chrono::milliseconds delay{static_cast<int64_t>(config::defaults::kDelaySeconds * 1000)};
  // The gap also grows with the server's response time: delay_factor × last response time.
  double delay_factor = config::defaults::kDelayFactor;
  // Cap on the response-time-based gap (delay and Crawl-delay are not capped by it).
  std::chrono::milliseconds max_delay{
      static_cast<int64_t>(config::defaults::kMaxDelaySeconds * 1000)};
  // A robots.txt Crawl-delay above this skips the host for the run.
  std::chrono::milliseconds max_crawl_delay{
      static_cast<int64_t>(config::defaults::kMaxCrawlDelaySeconds * 1000)};
  // ±jitter_fraction random spread on the gap (0 = off); uses the scheduler's seeded RNG.
  double jitter_fraction = 0.0;
  int max_consecutive_failures = config::defaults::kMaxConsecutiveFailures;
  // A Retry-After longer than this parks the host for the run instead of stalling it.
  std::chrono::milliseconds max_retry_after{
      static_cast<int64_t>(config::defaults::kMaxRetryAfterSeconds * 1000)};
  // First back-off after a failure; doubles with each consecutive failure, capped at max_backoff.
  std::chrono::milliseconds initial_backoff{2000};
  std::chrono::milliseconds max_backoff{300000};
  // Added to every gap: the server stamps a request when its headers arrive, a little after
  // our start, and that jitter must not make an observed gap shorter than the delay.
  std::chrono::milliseconds safety_margin{10};
  // Requests in flight per host at once.
  int max_requests_per_host = 1;
};

// Heritrix's formula: the gap between the starts of two requests to one host is
// max(delay, crawl_delay, min(delay_factor × last_response_time, max_delay)).
Duration PolitenessDelay(Duration last_response_time, std::optional<Duration> robots_crawl_delay,
                         const PolitenessOptions& options);

// A Retry-After header value: delta-seconds or an HTTP-date (RFC 9110 §10.2.3), as a wait from
// `now_wall`. nullopt when absent or malformed; negative waits become zero.
std::optional<Duration> ParseRetryAfter(std::string_view value,
                                        std::chrono::system_clock::time_point now_wall);

// What happened to one request, as far as politeness cares.
enum class FetchSignal {
  kSuccess,      // any response the server produced normally (2xx, 3xx, 4xx except 429)
  kRetryLater,   // 429 or 503 (with or without Retry-After)
  kServerError,  // other 5xx
  kNetworkError  // connect/reset/timeout
};

struct HostPoliteness {
  SteadyTime next_start_at{};               // earliest start of the next request
  std::optional<SteadyTime> last_start_at;  // hand-off, then when the request left (if later)
  int in_flight = 0;
  int consecutive_failures = 0;
  bool parked = false;  // no more requests to this host in this run
  std::optional<Duration> robots_crawl_delay;
};

// Updates a host's state when a request starts at `now`.
void OnRequestStart(HostPoliteness& host, SteadyTime now);

// Updates a host's state when a request finishes: sets the next allowed start from the request's
// start, the response time, Retry-After and failures. The start is the later of `started_at`
// (when the fetcher saw the request leave) and the hand-off recorded by OnRequestStart; it
// becomes last_start_at. `rng` is used only for jitter.
void OnRequestFinish(HostPoliteness& host, SteadyTime started_at, SteadyTime finished_at,
                     FetchSignal signal, std::optional<Duration> retry_after,
                     const PolitenessOptions& options, std::mt19937_64& rng);

// True when a new request to this host may start at `now`.
bool CanStart(const HostPoliteness& host, SteadyTime now, const PolitenessOptions& options);

}  // namespace crawler
