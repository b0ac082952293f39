// The scope_refusals table: links a crawl found and did not follow because its scope refused
// them (an exclude pattern, no include pattern matching, deeper than the maximum depth, a URL
// trap check), one row per URL however often and by however many runs it was found, so that
// `newsarc audit` and `newsarc urls` can say why a linked page was never fetched. Off-site links
// are kept per host with their run (crawl_runs.offsite_hosts), robots.txt refusals as fetches.
// Free functions on an open Archive; readers take an archive of any schema (an archive older
// than kScopeRefusalSchemaVersion has no refusals).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "util/error.h"

namespace storage {

// One refused link as the crawl saw it.
struct ScopeRefusalRow {
  std::string url;     // canonical
  std::string host;    // host[:port], as frontier.host
  std::string reason;  // ScopeDecisionName: excluded, not_included, too_deep, trap_…
  std::string detail;  // "matches exclude pattern /print/", "depth 3 > max depth 2"
  std::optional<std::string> discovered_from;
};

// A stored refusal: the latest reason and page, the first and latest run and time.
struct ScopeRefusal {
  ScopeRefusalRow row;
  std::optional<int64_t> first_run_id;
  std::optional<int64_t> last_run_id;
  std::string first_seen_at;
  std::string last_seen_at;
};

// Inserts the refusals not stored yet and refreshes the others (reason, detail, page, last run
// and time), in one transaction, or a savepoint inside the caller's (Archive::BeginWrite()).
util::Result<void> RecordScopeRefusals(Archive& archive, const std::vector<ScopeRefusalRow>& rows,
                                       std::optional<int64_t> run_id,
                                       std::chrono::system_clock::time_point seen_at);

// The refusal of `url` (a canonical URL), or nullopt.
util::Result<std::optional<ScopeRefusal>> FindScopeRefusal(const Archive& archive,
                                                           const std::string& url);

// Every refusal (of `host` when given) whose URL is not in the frontier (a later run without
// the refusing pattern may have queued it), in URL order.
util::Result<std::vector<ScopeRefusal>> ReadScopeRefusals(
    const Archive& archive, const std::optional<std::string>& host = std::nullopt);

// "refused by scope (matches exclude pattern /print/)": how audit and urls word a refusal.
std::string ScopeRefusalText(const ScopeRefusal& refusal);

}  // namespace storage
