// ArchiveStats is a summary of what an archive holds: per site its articles, versions, last
// fetch, fetch outcomes by kind, published date range and field coverage; the work left in the
// frontier; the most recent runs (crawl or import-warc) with their duration and the off-site
// hosts each refused, and totals by kind of run; and the hosts parked after failing run after
// run.
//
// "Errors" mean one thing everywhere: URLs that failed for good (network, timeout, 5xx or 429
// after every retry, too large, a partial 206), or for an import-warc run the records it could
// not import. A 404 (any 4xx but 429) is an outcome, the page gone or refused: counted as
// `http_4xx`, never as an error.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "storage/host_health.h"
#include "storage/removal.h"
#include "util/error.h"

namespace storage {

// How many current articles have each field: the extractor's reach on a site.
struct FieldCoverage {
  int64_t articles = 0;
  int64_t published_date = 0;
  int64_t source = 0;
  int64_t author = 0;
  int64_t views = 0;
};

struct SiteStats {
  std::string site;
  int64_t articles = 0;
  int64_t versions = 0;  // article_versions rows (≥ articles)
  std::optional<std::string> last_fetch_at;
  std::map<std::string, int64_t> outcomes;  // fetch outcome → count
  std::optional<std::string> first_published;
  std::optional<std::string> last_published;
  // Fetches answered 4xx other than 429 (404 not found, 410 gone, 403): not errors.
  int64_t http_4xx = 0;
  // Tries that failed (network, timeout, too large, 5xx, 429, 206), retried ones included.
  int64_t failed_tries = 0;
  // Its URLs that failed for good (frontier state failed): the same count as a run's errors.
  int64_t errors = 0;
  FieldCoverage coverage;
  // Its articles marked removed from the site, and those seen gone but not yet marked.
  RemovalCounts removal;
};

// What wrote a run: "crawl", or the command its options name ("import-warc").
inline constexpr const char* kCrawlRunKind = "crawl";

struct RunSummary {
  int64_t id = 0;
  std::string kind = kCrawlRunKind;
  std::string started_at;
  std::optional<std::string> finished_at;
  std::optional<int64_t> duration_seconds;  // none while running (or killed)
  std::string status;
  RunCounts counts;      // errors: URLs that failed for good (import-warc: records not imported)
  int64_t http_4xx = 0;  // its fetches answered 4xx other than 429 (not errors)
  RunOffsite offsite;    // empty for runs recorded before schema version 7
};

// Every run of one kind added up.
struct RunTotals {
  std::string kind;
  int64_t runs = 0;
  int64_t seconds = 0;  // the finished runs' durations
  int64_t fetched = 0;
  int64_t articles_new = 0;
  int64_t articles_changed = 0;
  int64_t errors = 0;
};

// Frontier entries by state: what later runs have left to do.
struct FrontierCounts {
  int64_t queued = 0;     // waiting to be fetched
  int64_t retrying = 0;   // of the queued, those that failed before and wait for another try
  int64_t in_flight = 0;  // taken by a run still going (or killed: the next run takes them back)
  int64_t failed = 0;     // failed for good
};

struct HostWork {
  std::string host;  // as the frontier keys it: "www.example.org", "example.org:8080"
  FrontierCounts counts;
  bool parked = false;  // later runs skip it until crawl --retry-host
};

struct WorkLeft {
  FrontierCounts total;
  std::vector<HostWork> hosts;  // hosts with queued, in-flight or failed URLs; most queued first
};

struct ArchiveStats {
  std::vector<SiteStats> sites;  // sorted by site
  FieldCoverage coverage;        // every site's articles
  RemovalCounts removal;         // every site's articles
  WorkLeft work_left;
  std::vector<RunSummary> runs;       // newest first
  std::vector<RunTotals> run_totals;  // by kind, crawl first
  int64_t captures = 0;
  int64_t fetches = 0;
  // Hosts parked after failing on several runs in a row (host_health.h), by host.
  std::vector<HostHealthRow> parked_hosts;
};

// Reads the summary in one read transaction (a consistent snapshot during a crawl).
util::Result<ArchiveStats> ReadArchiveStats(const Archive& archive, size_t max_runs = 10);

// What a crawl's live progress line shows of the frontier while run `run_id` goes on.
struct RunProgress {
  // URLs not done yet: queued, or taken by the loop (waiting for their host's turn, or being
  // fetched); what the run summary calls queued once the loop has put back what it held.
  int64_t queued = 0;
  int64_t retrying = 0;  // of them, those that failed before
  // URLs this run gave up on so far: failed for good after their retries. The crawl summary's
  // errors, but for redirect chains cut at the limit (their entry is done; the loop counts them).
  int64_t errors = 0;
};

util::Result<RunProgress> ReadRunProgress(const Archive& archive, int64_t run_id);

}  // namespace storage
