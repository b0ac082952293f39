#include "crawler/politeness.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <string>

namespace crawler {
namespace {

// RFC 9110 §5.6.7 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"); also the obsolete RFC 850 and
// asctime forms that servers still send.
std::optional<std::chrono::system_clock::time_point> ParseHttpDate(std::string_view value) {
  std::string s(value);
  for (const char* format :
       {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %d %H:%M:%S %Y"}) {
    std::tm tm{};
    const char* end = strptime(s.c_str(), format, &tm);
    if (end != nullptr && *end == '\0') {
      time_t t = timegm(&tm);
      if (t == static_cast<time_t>(-1)) return std::nullopt;
      return std::chrono::system_clock::from_time_t(t);
    }
  }
  return std::nullopt;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

Duration PolitenessDelay(Duration last_response_time, std::optional<Duration> robots_crawl_delay,
                         const PolitenessOptions& options) {
  auto scaled = std::chrono::duration_cast<Duration>(last_response_time * options.delay_factor);
  Duration gap = std::min<Duration>(scaled, options.max_delay);
  gap = std::max<Duration>(gap, options.delay);
  if (robots_crawl_delay) gap = std::max(gap, *robots_crawl_delay);
  return gap;
}

std::optional<Duration> ParseRetryAfter(std::string_view value,
                                        std::chrono::system_clock::time_point now_wall) {
  value = Trim(value);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    if (value.size() > 9) return std::chrono::hours(24 * 365);  // absurd: treat as "very long"
    return std::chrono::seconds(std::stol(std::string(value)));
  }
  auto when = ParseHttpDate(value);
  if (!when) return std::nullopt;
  auto wait = *when - now_wall;
  if (wait < decltype(wait)::zero()) return Duration::zero();
  return std::chrono::duration_cast<Duration>(wait);
}

void OnRequestStart(HostPoliteness& host, SteadyTime now) {
  ++host.in_flight;
  host.last_start_at = now;
}

void OnRequestFinish(HostPoliteness& host, SteadyTime started_at, SteadyTime finished_at,
                     FetchSignal signal, std::optional<Duration> retry_after,
                     const PolitenessOptions& options, std::mt19937_64& rng) {
  host.in_flight = std::max(0, host.in_flight - 1);
  // The hand-off (OnRequestStart) and the fetcher's start are both no later than the request
  // reaching the server; the gap counts from the later of the two, and so does a Crawl-delay
  // learnt afterwards (last_start_at). The response time is the fetcher's own measure.
  SteadyTime sent_at = host.last_start_at ? std::max(*host.last_start_at, started_at) : started_at;
  host.last_start_at = sent_at;
  Duration gap = PolitenessDelay(finished_at - started_at, host.robots_crawl_delay, options);
  if (options.jitter_fraction > 0) {
    std::uniform_real_distribution<double> spread(-options.jitter_fraction,
                                                  options.jitter_fraction);
    gap = std::chrono::duration_cast<Duration>(gap * (1.0 + spread(rng)));
  }
  SteadyTime next = sent_at + gap + options.safety_margin;

  switch (signal) {
    case FetchSignal::kSuccess:
      host.consecutive_failures = 0;
      break;
    case FetchSignal::kRetryLater:
    case FetchSignal::kServerError:
    case FetchSignal::kNetworkError: {
      ++host.consecutive_failures;
      if (host.consecutive_failures >= options.max_consecutive_failures) host.parked = true;
      // Exponential back-off: initial × 2^(failures-1), capped.
      Duration backoff = options.initial_backoff;
      for (int i = 1; i < host.consecutive_failures && backoff < options.max_backoff; ++i) {
        backoff *= 2;
      }
      backoff = std::min<Duration>(backoff, options.max_backoff);
      next = std::max(next, finished_at + backoff);
      break;
    }
  }
  if (retry_after) {
    next = std::max(next, finished_at + *retry_after);
    if (*retry_after > options.max_retry_after) host.parked = true;
  }
  host.next_start_at = std::max(host.next_start_at, next);
}

bool CanStart(const HostPoliteness& host, SteadyTime now, const PolitenessOptions& options) {
  return !host.parked && host.in_flight < options.max_requests_per_host &&
         now >= host.next_start_at;
}

}  // namespace crawler
