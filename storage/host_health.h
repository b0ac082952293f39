// The host_health table: how a host fared in the crawl runs that sent it requests, so that a
// host that failed on several runs in a row (a seed whose name no longer resolves, a server
// gone for good) is parked: later runs skip it, its queue kept, until it is revived by hand.
// A host "failed on a run" when the run sent it at least one request and none got an HTTP
// answer other than 5xx or 429 (DNS failure, connection refused, timeouts, robots.txt 5xx).
// Free functions on an open Archive.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "util/error.h"

namespace storage {

struct HostHealthRow {
  std::string host;  // as the frontier keys it: "www.example.org", "example.org:8080"
  int consecutive_failed_runs = 0;
  std::string last_error;                // why the last failed run failed
  std::optional<std::string> parked_at;  // set while the host is parked
};

// Every row, by host.
util::Result<std::vector<HostHealthRow>> LoadHostHealth(const Archive& archive);

// Records one run's outcome for `host`: a success clears the count (and unparks it), a
// failure adds one and parks the host when the count reaches `park_after_failed_runs` (0 =
// never). Returns the row as stored.
util::Result<HostHealthRow> RecordHostRun(const Archive& archive, const std::string& host,
                                          bool failed, const std::string& error,
                                          int park_after_failed_runs);

// Unparks `host` and clears its count. False when it was not parked.
util::Result<bool> RetryHost(const Archive& archive, const std::string& host);

// Drops the host's queue (its queued, in-flight and failed frontier entries; done and
// robots-refused ones stay, so its archived articles are not fetched as new) and its health
// row. Returns the number of frontier entries dropped.
util::Result<size_t> ForgetHost(const Archive& archive, const std::string& host);

// A queued frontier URL of `host` (the oldest), if any.
util::Result<std::optional<std::string>> AQueuedUrlOfHost(const Archive& archive,
                                                          const std::string& host);

// Queued frontier entries of `host`.
util::Result<size_t> QueuedCountOfHost(const Archive& archive, const std::string& host);

}  // namespace storage
