#include "cli/host_parking.h"

#include "storage/host_health.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {
namespace {

template <typename T>
T OrDie(util::Result<T> r) {
  if (!r) throw util::Fatal(util::kExitFailure, r.error().message);
  return std::move(*r);
}

std::string Revival(const std::string& host) {
  return "crawl --retry-host " + host + " tries it again, --forget-host " + host +
         " drops its queue";
}

}  // namespace

std::set<std::string> PrepareParkedHosts(storage::Archive& archive,
                                         const std::vector<std::string>& forget_hosts,
                                         const std::vector<std::string>& retry_hosts) {
  for (const std::string& host : forget_hosts) {
    size_t dropped = OrDie(storage::ForgetHost(archive, host));
    if (dropped == 0) {
      util::LogWarning(
          "--forget-host: no queued URL of this host (give host:port for a port "
          "other than 80/443)",
          {{"host", host}});
    } else {
      util::LogInfo("forgot host: its queue dropped",
                    {{"host", host}, {"urls", std::to_string(dropped)}});
    }
  }
  for (const std::string& host : retry_hosts) {
    if (!OrDie(storage::RetryHost(archive, host))) {
      util::LogWarning("--retry-host: host is not parked", {{"host", host}});
    } else {
      util::LogInfo("host unparked: crawled again in this run", {{"host", host}});
    }
  }
  std::set<std::string> parked;
  for (const storage::HostHealthRow& row : OrDie(storage::LoadHostHealth(archive))) {
    if (!row.parked_at) continue;
    parked.insert(row.host);
    size_t queued = OrDie(storage::QueuedCountOfHost(archive, row.host));
    if (queued == 0) continue;
    util::LogWarning("skipping parked host (" + Revival(row.host) + ")",
                     {{"host", row.host},
                      {"failed_runs", std::to_string(row.consecutive_failed_runs)},
                      {"parked_at", *row.parked_at},
                      {"queued", std::to_string(queued)},
                      {"last_error", row.last_error}});
  }
  return parked;
}

ParkedShare RecordHostOutcomes(storage::Archive& archive,
                               const std::vector<crawler::HostRunOutcome>& hosts,
                               const std::set<std::string>& parked_at_start,
                               int park_after_failed_runs) {
  ParkedShare share;
  share.parked = parked_at_start;
  for (const crawler::HostRunOutcome& h : hosts) {
    if (h.requests == 0 || parked_at_start.count(h.host)) continue;
    bool failed = !h.answered;
    auto row =
        storage::RecordHostRun(archive, h.host, failed, h.last_error, park_after_failed_runs);
    if (!row) {
      util::LogError("cannot record the host's run: " + row.error().message, {{"host", h.host}});
      continue;
    }
    if (!row->parked_at) continue;
    share.parked.insert(h.host);
    share.errors += h.errors;
    util::LogWarning("host parked: no answer in " + std::to_string(row->consecutive_failed_runs) +
                         " runs in a row; later runs skip it (" + Revival(h.host) + ")",
                     {{"host", h.host}, {"last_error", row->last_error}});
  }
  for (const std::string& host : share.parked) {
    share.queued += OrDie(storage::QueuedCountOfHost(archive, host));
  }
  return share;
}

}  // namespace cli
