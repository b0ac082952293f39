// Parking for `newsarc crawl`: a host that failed on several runs in a row (storage/
// host_health.h) is skipped by later runs with one warning naming it, its queue kept, until
// `--retry-host HOST` revives it or `--forget-host HOST` drops its queue. Its failures and
// queue then no longer make the run exit 3. App layer; not thread-safe.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "crawler/crawl_loop.h"
#include "storage/archive.h"

namespace cli {

// Applies --forget-host and --retry-host (in that order), then returns the hosts parked for
// this run, warning once for each that has queued work. Throws util::Fatal on a storage error.
std::set<std::string> PrepareParkedHosts(storage::Archive& archive,
                                         const std::vector<std::string>& forget_hosts,
                                         const std::vector<std::string>& retry_hosts);

// What parked hosts account for at the end of a run.
struct ParkedShare {
  std::set<std::string> parked;  // parked at the start of the run or by it
  long errors = 0;               // the run's errors on hosts it parked
  size_t queued = 0;             // queued frontier entries of every parked host
};

// Records each host's outcome in host_health, parks those that reached `park_after_failed_runs`
// failed runs in a row (warning once, naming each) and tells what the parked hosts account for.
ParkedShare RecordHostOutcomes(storage::Archive& archive,
                               const std::vector<crawler::HostRunOutcome>& hosts,
                               const std::set<std::string>& parked_at_start,
                               int park_after_failed_runs);

}  // namespace cli
