// ArchiveStats is a summary of what an archive holds: per site its articles, versions, last
// fetch, fetch outcomes by kind and published date range, and the most recent crawl runs with
// the off-site hosts each refused, and the hosts parked after failing run after run.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "storage/host_health.h"
#include "util/error.h"

namespace storage {

struct SiteStats {
  std::string site;
  int64_t articles = 0;
  int64_t versions = 0;  // article_versions rows (≥ articles)
  std::optional<std::string> last_fetch_at;
  std::map<std::string, int64_t> outcomes;  // fetch outcome → count
  std::optional<std::string> first_published;
  std::optional<std::string> last_published;
};

struct RunSummary {
  int64_t id = 0;
  std::string started_at;
  std::optional<std::string> finished_at;
  std::string status;
  RunCounts counts;
  RunOffsite offsite;  // empty for runs recorded before schema version 7
};

struct ArchiveStats {
  std::vector<SiteStats> sites;  // sorted by site
  std::vector<RunSummary> runs;  // newest first
  int64_t captures = 0;
  int64_t fetches = 0;
  // Hosts parked after failing on several runs in a row (host_health.h), by host.
  std::vector<HostHealthRow> parked_hosts;
};

// Reads the summary in one read transaction (a consistent snapshot during a crawl).
util::Result<ArchiveStats> ReadArchiveStats(const Archive& archive, size_t max_runs = 10);

}  // namespace storage
