// The Scheduler decides which queued request may start now: at most `max_hosts_in_flight` hosts
// at once, each host under its politeness rules (politeness.h), hosts served round-robin. It
// never sleeps or reads a clock: callers pass `now` and ask NextWakeup() when to come back.
// Holds the requests handed to it (a window of the frontier), keyed by host. Not thread-safe.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "crawler/fetch_request.h"
#include "crawler/politeness.h"

namespace crawler {

struct SchedulerOptions {
  PolitenessOptions politeness;
  int max_hosts_in_flight = config::defaults::kMaxHostsInFlight;
  uint64_t jitter_seed = 0x6e65777361726321ULL;
};

class Scheduler {
 public:
  explicit Scheduler(SchedulerOptions options);

  // Queues a request for `host` (lower-case host[:port]); FIFO per host.
  void Enqueue(const std::string& host, FetchRequest request);
  // Requests queued for a host (not yet started).
  size_t Pending(const std::string& host) const;
  size_t TotalPending() const { return total_pending_; }

  // Sets a host's robots.txt Crawl-delay. Returns false (and parks the host) when it exceeds
  // max_crawl_delay: the host is skipped for the run.
  bool SetCrawlDelay(const std::string& host, Duration crawl_delay);
  // Records a request to `host` that started at `started_at` before this run (an earlier run's
  // last one, mapped onto the steady clock): the next start waits the politeness gap from it.
  void RestoreLastStart(const std::string& host, SteadyTime started_at);
  // Stops all requests to a host for this run (robots.txt unreachable, too many failures);
  // returns the requests that were queued for it so the caller can record them.
  std::vector<FetchRequest> Park(const std::string& host);
  bool IsParked(const std::string& host) const;
  // Takes back the requests queued for `host` (not started) that `drop` selects, in order.
  std::vector<FetchRequest> Withdraw(const std::string& host,
                                     const std::function<bool(const FetchRequest&)>& drop);

  // Next request allowed to start at `now`, marking it started; nullopt when none may start.
  std::optional<std::pair<std::string, FetchRequest>> NextReady(SteadyTime now);
  // When the earliest queued request becomes startable; nullopt when nothing is queued or
  // everything waits on requests in flight.
  std::optional<SteadyTime> NextWakeup(SteadyTime now) const;

  // Reports a finished request (started by NextReady) for politeness bookkeeping.
  void OnFinished(const std::string& host, SteadyTime started_at, SteadyTime finished_at,
                  FetchSignal signal, std::optional<Duration> retry_after);

  int HostsInFlight() const { return hosts_in_flight_; }
  const HostPoliteness* Host(const std::string& host) const;

 private:
  struct HostQueue {
    HostPoliteness politeness;
    std::deque<FetchRequest> queue;
  };
  SchedulerOptions options_;
  std::map<std::string, HostQueue> hosts_;
  std::string last_served_;  // round-robin cursor
  int hosts_in_flight_ = 0;
  size_t total_pending_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace crawler
