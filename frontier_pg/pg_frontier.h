// A PgFrontier is a crawl frontier kept in PostgreSQL and shared by any number of workers
// (`newsarc crawl --frontier postgresql://...`): URLs deduplicated by canonical URL across
// workers, robots.txt (PgRobotsCache) and per-host politeness and parking state. Work is
// leased by host, not by URL: a worker claims the due hosts (... ORDER BY next_allowed_at
// FOR UPDATE SKIP LOCKED LIMIT max_hosts - held), each with a lease that expires and
// a fencing epoch that every write under the lease checks; it takes a turn of at most
// urls_per_turn of the host's URLs and releases the host with next_allowed_at = when its
// politeness allows the next request. So one request at a time goes to a host across all
// workers, and a worker that dies loses only its leases: after they expire another worker
// claims the hosts and requeues their URLs left in flight. A multi-page article's following
// pages extend the turn of the worker that fetched its first page (only its archive can
// stitch them).
//
// Round trips are few (about one for a host's turn): one statement claims every due host
// (up to max_hosts held) and takes each one's turn of URLs; Finish and RetryLater are kept
// and written with the host's release at the end of its turn (or with a lease renewal, or
// when max_pending_completions are kept, or at the end of a batch once the oldest is an
// eighth of the lease old), fenced like every write under a lease, so a worker
// killed mid-turn has its turn's URLs requeued when its lease expires, as before. The claim
// is not polled: it answers when the next host is due (next_allowed_at, lease_until,
// parked_until and not_before, by the database's clock), a release or a URL queued on a host
// nobody holds is announced to every worker by NOTIFY, and NextWorkIn() tells the loop when
// to come back.
//
// Verbs after crawler-commons' URLFrontier API: Take is GetURLs, Add is PutURLs,
// BlockQueueUntil and SetDelay keep their names.
//
// One connection per PgFrontier; not thread-safe (the crawl loop's thread). The schema is
// created on first connect (schema_version table, under an advisory lock).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crawler/frontier.h"
#include "crawler/robots_gate.h"
#include "frontier_pg/pg_handles.h"
#include "util/error.h"

namespace frontier_pg {

struct PgFrontierOptions {
  // How long a claimed host stays leased without renewal; renewed every third of it.
  std::chrono::milliseconds lease{30000};
  // Hosts this worker holds at once (its share of the hosts that can be fetched in parallel).
  size_t max_hosts = 64;
  // URLs handed out per claim of a host; then the host is released for any worker to claim.
  size_t urls_per_turn = 16;
  // How long a host parked by a worker (robots.txt unreachable, failures) is left alone.
  std::chrono::milliseconds park_for{std::chrono::hours(1)};
  // This worker's name in hosts.lease_owner; default: hostname:pid:random.
  std::string owner;
  // Longest time between two looks for claimable hosts when no due time or notification says
  // one is coming: a backstop, every change that makes a host claimable is announced.
  std::chrono::milliseconds claim_poll{1000};
  // Finish and RetryLater calls kept before they are written without waiting for a release.
  size_t max_pending_completions = 64;
};

// The schema version this build creates and expects.
inline constexpr int kPgSchemaVersion = 1;

class PgFrontier final : public crawler::Frontier {
 public:
  // Connects and creates the schema if missing. Errors name the connection string.
  static util::Result<std::unique_ptr<PgFrontier>> Open(const std::string& conninfo,
                                                        PgFrontierOptions options);
  // Releases the leases still held (their URLs in flight go back to queued).
  ~PgFrontier() override;
  PgFrontier(const PgFrontier&) = delete;
  PgFrontier& operator=(const PgFrontier&) = delete;

  size_t Add(const std::vector<crawler::FrontierEntry>& entries) override;
  // Up to `max` queued URLs of a host this worker holds (none otherwise), within its turn.
  std::vector<crawler::FrontierEntry> Take(const std::string& host, size_t max) override;
  // Writes what is kept (releases, completions, lease renewals), claims the due hosts up to
  // max_hosts when one may be due, and returns the held hosts whose turn is not over.
  std::vector<std::string> HostsWithWork() override;
  // Kept until the host's release (see above); not written when the lease is lost meanwhile.
  void Finish(int64_t id, crawler::EntryState state) override;
  void RetryLater(int64_t id, std::chrono::system_clock::time_point not_before) override;
  // URLs queued on any host (what this worker kept is written first).
  size_t QueuedCount() override;
  // 0: other workers' URLs in flight are theirs; a claim requeues those of an expired lease.
  size_t RequeueInFlight() override { return 0; }
  std::optional<std::string> SchemeOf(const std::string& host) override;
  std::vector<crawler::TemplateYield> LoadTemplateYields(const std::string& host) override;
  void SaveTemplateYield(const crawler::TemplateYield& yield) override;
  void BlockQueueUntil(const std::string& host,
                       std::chrono::system_clock::time_point until) override;
  void ParkHost(const std::string& host, const std::string& reason) override;
  std::vector<std::string> TakeLostHosts() override;
  // Asks the database at most every kElsewhereRecheck while the answer is yes.
  bool WorkElsewhere() override;
  // When the next claimable host is due, by what the last claim answered and the
  // notifications received since; nullopt while max_hosts are held.
  std::optional<std::chrono::milliseconds> NextWorkIn() override;
  // Releases made within a batch are written together when it ends (or by HostsWithWork).
  void BeginBatch() override { ++batch_depth_; }
  void EndBatch() override;

  // URLFrontier's SetDelay: a host's own minimum gap between requests, for every worker
  // (applied when a host is released).
  void SetDelay(const std::string& host, std::chrono::milliseconds delay);

  // The first database error met (the crawl stops on it), if any.
  const std::optional<util::Error>& error() const { return error_; }
  const std::string& owner() const { return options_.owner; }
  // Hosts held now (tests).
  std::vector<std::string> HeldHosts() const;
  // The epoch of a held host's lease (tests).
  std::optional<int64_t> EpochOf(const std::string& host) const;
  // Forgets the leases without releasing them, as a killed worker would (tests).
  void AbandonLeasesForTest() { leases_.clear(); }

  // The connection, for PgRobotsCache.
  PgConnection& connection() { return conn_; }

 private:
  using SteadyTime = std::chrono::steady_clock::time_point;

  struct Lease {
    int64_t epoch = 0;
    size_t turn_left = 0;  // URLs this turn may still take from the database
    int outstanding = 0;   // handed out by Take, not yet finished
    std::vector<crawler::FrontierEntry> prefetched;  // taken by the claim, not yet handed out
    std::optional<std::chrono::system_clock::time_point> blocked_until;
    SteadyTime renewed_at;
  };
  // A Finish or RetryLater not yet written.
  struct Completion {
    std::string host;
    int64_t epoch = 0;
    std::string state;
    std::optional<std::chrono::system_clock::time_point> retry_at;
  };
  // A release not yet written (the lease is already forgotten here).
  struct PendingRelease {
    std::string host;
    int64_t epoch = 0;
    int64_t pause_ms = -1;  // -1: next_allowed_at unchanged
  };

  PgFrontier(PgConnection conn, PgFrontierOptions options);
  util::Result<void> CreateSchema();
  // One statement: claims the due hosts (up to max_hosts held) with their turns of URLs, and
  // learns when the next one is due.
  void Claim();
  // One statement: writes the completions and releases kept and renews `renew` (hosts held).
  void Sync(const std::vector<std::string>& renew = {});
  // Hosts held whose lease needs renewing.
  std::vector<std::string> DueRenewals() const;
  void ReadNotifications();
  // Completions kept longer than an eighth of the lease: written at the end of the batch, so
  // a worker that stalls past its lease (or dies) has few finished URLs fetched again.
  bool CompletionsStale() const;
  void ClaimCheckBy(SteadyTime when);
  // Gives the host back: next_allowed_at from BlockQueueUntil, lease cleared; written at once
  // outside a batch, else when the batch ends.
  void Release(const std::string& host);
  void Complete(int64_t id, std::string state,
                std::optional<std::chrono::system_clock::time_point> retry_at);
  // A write under `host`'s lease (held, or given back in the refused statement) was refused:
  // its epoch is gone. The lease and what was kept under it are dropped.
  void LoseLease(const std::string& host);
  // After an entry of `host` came back: releases the host when its turn is over.
  void EntryBack(int64_t id);
  std::optional<PgResult> Run(const std::string& sql, const std::vector<PgParam>& params = {});
  void Report(const util::Error& error);

  PgConnection conn_;
  PgFrontierOptions options_;
  std::optional<util::Error> error_;
  std::map<std::string, Lease> leases_;
  std::map<int64_t, std::string> taken_;  // entry id → host, taken under a lease held
  std::vector<std::string> lost_;
  std::map<std::string, std::chrono::milliseconds> host_delays_;
  std::map<int64_t, Completion> completions_;  // by entry id
  SteadyTime oldest_completion_{};
  std::vector<PendingRelease> releases_;
  int batch_depth_ = 0;
  SteadyTime next_claim_at_{};  // the epoch: claim on the first call
  std::optional<SteadyTime> elsewhere_until_;
};

// robots.txt kept in the shared database: fetched once per host across workers (the worker
// holding the host's lease fetches it). Uses the frontier's connection.
class PgRobotsCache final : public crawler::RobotsCache {
 public:
  explicit PgRobotsCache(PgFrontier& frontier) : frontier_(frontier) {}
  std::optional<crawler::CachedRobots> Load(const std::string& host) override;
  void Store(const std::string& host, const crawler::CachedRobots& robots) override;

 private:
  PgFrontier& frontier_;
};

}  // namespace frontier_pg
