// RunCrawlLoop drives one crawl run: it feeds the Scheduler from the Frontier (robots.txt
// first on every host), starts what politeness allows on the Fetcher, hands finished pages to
// the PageHandler, follows redirects itself (re-checking scope and robots.txt on every hop)
// and queues the links the handler returns. It owns no I/O: fetcher, clock, frontier, robots
// cache and handler are injected, so the whole loop runs against fakes in tests.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "crawler/clock.h"
#include "crawler/fetcher.h"
#include "crawler/frontier.h"
#include "crawler/offsite_hosts.h"
#include "crawler/page_handler.h"
#include "crawler/robots_gate.h"
#include "crawler/scheduler.h"
#include "crawler/scope.h"
#include "crawler/yield_guard.h"

namespace crawler {

struct CrawlLoopOptions {
  std::vector<std::string> seeds;  // absolute URLs
  ScopeOptions scope;              // allowed_hosts defaults to the seeds' hosts when empty
  SchedulerOptions scheduler;
  RobotsGateOptions robots;
  YieldOptions yield;  // the trap guard by yield (yield_guard.h)
  int max_redirects = config::defaults::kMaxRedirects;
  // Tries per URL (429/503, 5xx, network errors, timeouts); later tries wait for the host's
  // pause (Retry-After or back-off). A URL still failing after them ends as failed.
  int max_attempts = config::defaults::kMaxAttempts;
  // Fetch the sitemaps named in robots.txt and queue the pages they list.
  bool follow_sitemaps = true;
  // Sitemaps are read up to this many bytes (sitemaps.org allows 50 MB uncompressed).
  size_t max_sitemap_bytes = 52'428'800;
  std::optional<long> max_pages;  // page fetches (robots.txt excluded)
  std::optional<std::chrono::milliseconds> max_time;
  // The following pages of a multi-page article (下一页 inside the article) are as deep as its
  // first page, up to this many pages after it: an article at max_depth is archived whole,
  // and an endless chain of "next page" links is still cut off.
  int max_continuation_pages = 49;
  // Queued entries kept per host in the scheduler; the rest stay in the frontier.
  size_t window_per_host = 16;
  // Longest single wait for results (also how often the stop flag is checked).
  std::chrono::milliseconds max_wait{200};
  // Grace period for requests in flight after a stop; then they are aborted.
  std::chrono::milliseconds stop_grace{5000};
  // Set from a signal handler (SIGINT/SIGTERM) to stop cleanly.
  const std::atomic<bool>* stop_requested = nullptr;
  // Hosts parked by earlier runs (storage/host_health.h): no request this run, queue kept.
  std::set<std::string> parked_hosts;
};

// How one host fared in the run: requests that ended (aborted ones excepted) and whether any
// got an HTTP answer other than 5xx or 429. A host with requests and no such answer failed on
// the run (DNS failure, connection refused, timeouts, robots.txt unreachable).
struct HostRunOutcome {
  std::string host;
  long requests = 0;  // robots.txt included
  bool answered = false;
  long errors = 0;         // its URLs that failed for good
  std::string last_error;  // the last failure, e.g. "network: Could not resolve host"
};

struct CrawlStats {
  long fetched = 0;   // page fetches finished (any outcome)
  long articles = 0;  // of which the handler called articles
  long errors = 0;    // URLs that failed for good (after their retries)
  long retries = 0;   // failed tries put back for a later retry
  long skipped = 0;   // not fetched: robots, scope, parked hosts, trap templates
  // Links not queued and queued URLs not fetched because their URL template stopped yielding
  // anything new (yield_guard.h).
  long trap_skipped = 0;
  long robots_fetches = 0;
  long redirects = 0;
  long discovered = 0;         // new URLs added to the frontier
  size_t left_queued = 0;      // frontier entries still queued at the end
  bool stopped_early = false;  // stop flag, max_pages or max_time
  // Links (and redirects) not followed because their host is off-site, and those hosts, most
  // linked first (at most config::defaults::kMaxOffsiteHostsTracked of them).
  long offsite_links = 0;
  std::vector<OffsiteHost> offsite_hosts;
  // Every host the run sent a request to, by host.
  std::vector<HostRunOutcome> hosts;
};

// Runs until the frontier is exhausted, a limit is hit or a stop is requested.
CrawlStats RunCrawlLoop(const CrawlLoopOptions& options, Fetcher& fetcher, const Clock& clock,
                        Frontier& frontier, RobotsCache* robots_cache, PageHandler& handler);

}  // namespace crawler
