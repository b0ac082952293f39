#include "frontier_pg/pg_frontier.h"

#include <unistd.h>

#include <algorithm>
#include <random>
#include <set>

#include "util/log.h"
#include "util/url.h"

namespace frontier_pg {
namespace {

using WallTime = std::chrono::system_clock::time_point;

// Every object lives in the connection's schema (search_path): one database (or schema) per
// crawl program. Times are timestamptz; the database's clock decides what is due, so workers'
// clocks need not agree (pauses are sent as durations).
constexpr const char* kSchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS newsarc_schema (version integer NOT NULL);
CREATE TABLE IF NOT EXISTS hosts (
  host text PRIMARY KEY,
  next_allowed_at timestamptz NOT NULL DEFAULT now(),
  delay_ms bigint,
  lease_owner text,
  lease_until timestamptz,
  epoch bigint NOT NULL DEFAULT 0,
  parked_until timestamptz,
  parked_reason text,
  released_at timestamptz
);
CREATE TABLE IF NOT EXISTS urls (
  id bigserial PRIMARY KEY,
  url text NOT NULL UNIQUE,
  host text NOT NULL REFERENCES hosts (host),
  state text NOT NULL DEFAULT 'queued',
  depth integer NOT NULL DEFAULT 0,
  kind text NOT NULL,
  redirects integer NOT NULL DEFAULT 0,
  discovered_from text,
  post_body text,
  attempts integer NOT NULL DEFAULT 0,
  not_before timestamptz,
  epoch bigint,
  worker text,
  discovered_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS urls_open ON urls (host, id) WHERE state IN ('queued', 'in_flight');
CREATE TABLE IF NOT EXISTS robots (
  host text PRIMARY KEY,
  status integer NOT NULL,
  body bytea NOT NULL,
  fetched_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS url_templates (
  host text NOT NULL,
  url_template text NOT NULL,
  fetched bigint NOT NULL,
  productive bigint NOT NULL,
  barren_streak bigint NOT NULL,
  given_up boolean NOT NULL,
  PRIMARY KEY (host, url_template)
);
)sql";

// Any number to tell one crawl's advisory lock from other users of the database.
constexpr const char* kSchemaLockKey = "7212650061";

// Where releases and new work are announced (NOTIFY); the payload is the pause in
// milliseconds before the work is due.
constexpr const char* kChannel = "newsarc_frontier";
// Shortest wait between two claims that found a host due but could not take it (another
// worker's claim held its row).
constexpr std::chrono::milliseconds kMinClaimGap{10};
// How long a yes from WorkElsewhere holds: the loop asks on every wake while it waits.
constexpr std::chrono::milliseconds kElsewhereRecheck{200};

std::string DefaultOwner() {
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  std::random_device rd;
  return std::string(name) + ":" + std::to_string(getpid()) + ":" + std::to_string(rd() % 100000);
}

std::string StateName(crawler::EntryState s) {
  switch (s) {
    case crawler::EntryState::kQueued:
      return "queued";
    case crawler::EntryState::kInFlight:
      return "in_flight";
    case crawler::EntryState::kDone:
      return "done";
    case crawler::EntryState::kFailed:
      return "failed";
    case crawler::EntryState::kSkipped:
      return "skipped";
  }
  return "done";
}

PgParam P(std::string s) { return PgParam{std::move(s)}; }
PgParam P(int64_t n) { return PgParam{std::to_string(n)}; }
PgParam P(const char* s) { return PgParam{std::string(s)}; }

int64_t MillisSinceEpoch(WallTime t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// A wait from now until `t` in whole milliseconds, at least 0.
int64_t MillisUntil(WallTime t) {
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(t - std::chrono::system_clock::now())
          .count();
  return std::max<int64_t>(ms, 0);
}

std::string HexDecode(const std::string& hex) {
  std::string out;
  out.reserve(hex.size() / 2);
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 0;
  };
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
  return out;
}

}  // namespace

PgFrontier::PgFrontier(PgConnection conn, PgFrontierOptions options)
    : conn_(std::move(conn)), options_(std::move(options)) {
  if (options_.owner.empty()) options_.owner = DefaultOwner();
}

util::Result<std::unique_ptr<PgFrontier>> PgFrontier::Open(const std::string& conninfo,
                                                           PgFrontierOptions options) {
  TRY_ASSIGN(PgConnection conn, PgConnection::Connect(conninfo));
  std::unique_ptr<PgFrontier> f(new PgFrontier(std::move(conn), std::move(options)));
  TRY(f->CreateSchema());
  TRY(f->conn_.Exec(std::string("LISTEN ") + kChannel));
  return f;
}

util::Result<void> PgFrontier::CreateSchema() {
  // A frontier is a cache of work: a commit lost in a server crash costs a URL fetched again,
  // and a commit per call stays cheap.
  TRY(conn_.Exec("SET synchronous_commit = off"));
  TRY(conn_.Exec("SET client_min_messages = warning"));  // no "already exists, skipping"
  // Workers starting together: the first creates the schema, the others wait for it.
  TRY(conn_.Exec("BEGIN"));
  auto created = [&]() -> util::Result<void> {
    TRY(conn_.Exec(std::string("SELECT pg_advisory_xact_lock(") + kSchemaLockKey + ")"));
    TRY(conn_.ExecScript(kSchemaSql));
    TRY_ASSIGN(PgResult version, conn_.Exec("SELECT max(version) FROM newsarc_schema"));
    if (version.IsNull(0, 0)) {
      TRY(conn_.Exec("INSERT INTO newsarc_schema (version) VALUES ($1)",
                     {P(int64_t{kPgSchemaVersion})}));
    } else if (version.Int(0, 0) != kPgSchemaVersion) {
      return util::MakeError(util::ErrorCode::kStorage,
                             "PostgreSQL at " + conn_.where() + ": frontier schema version " +
                                 version.Text(0, 0) + ", this newsarc knows version " +
                                 std::to_string(kPgSchemaVersion));
    }
    return {};
  }();
  if (!created) {
    (void)conn_.Exec("ROLLBACK");
    return created;
  }
  TRY(conn_.Exec("COMMIT"));
  return {};
}

PgFrontier::~PgFrontier() {
  // Every lease given back in one statement, with what was kept.
  ++batch_depth_;
  std::vector<std::string> held;
  for (const auto& [host, lease] : leases_) held.push_back(host);
  for (const auto& host : held) Release(host);
  Sync();
  util::LogInfo("shared frontier: time in the database",
                {{"statements", std::to_string(conn_.statements())},
                 {"seconds", std::to_string(std::chrono::duration<double>(conn_.busy()).count())}});
}

void PgFrontier::Report(const util::Error& error) {
  if (error_) return;
  error_ = error;
  util::LogError("shared frontier: " + error.message);
}

std::optional<PgResult> PgFrontier::Run(const std::string& sql,
                                        const std::vector<PgParam>& params) {
  auto r = conn_.Exec(sql, params);
  if (!r) {
    Report(r.error());
    return std::nullopt;
  }
  return std::move(*r);
}

size_t PgFrontier::Add(const std::vector<crawler::FrontierEntry>& entries) {
  if (entries.empty() || error_) return 0;
  // In URL order: two workers adding overlapping links lock their rows in the same order.
  std::vector<const crawler::FrontierEntry*> sorted;
  for (const auto& e : entries) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->url < b->url; });
  std::vector<std::optional<std::string>> urls, hosts, depths, kinds, redirects, froms, bodies;
  std::set<std::string> host_set;
  for (const auto* e : sorted) {
    urls.push_back(e->url);
    hosts.push_back(e->host);
    host_set.insert(e->host);
    depths.push_back(std::to_string(e->depth));
    kinds.push_back(std::string(crawler::LinkKindName(e->kind)));
    redirects.push_back(std::to_string(e->redirects));
    froms.push_back(e->discovered_from);
    bodies.push_back(e->post_body);
  }
  std::vector<std::optional<std::string>> host_list(host_set.begin(), host_set.end());
  // One statement: the hosts row first (the URLs' foreign key is checked at its end). New URLs
  // on a host nobody holds are announced: a worker waiting for work claims it at once.
  auto r = Run(
      "WITH new_hosts AS (INSERT INTO hosts (host) SELECT h FROM unnest($8::text[]) AS h"
      "  ORDER BY h ON CONFLICT DO NOTHING),"
      " ins AS (INSERT INTO urls (url, host, depth, kind, redirects, discovered_from, post_body)"
      "  SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::int[],"
      "  $6::text[], $7::text[]) ORDER BY 1"
      "  ON CONFLICT (url) DO UPDATE SET post_body = EXCLUDED.post_body"
      "  WHERE EXCLUDED.post_body IS NOT NULL"
      "  RETURNING (xmax = 0) AS inserted, host, kind),"
      " announced AS (SELECT pg_notify($9, '0') FROM (SELECT 1 FROM ins"
      "  LEFT JOIN hosts h ON h.host = ins.host WHERE ins.inserted AND (h.host IS NULL"
      "  OR h.lease_owner IS NULL OR h.lease_until < clock_timestamp()) LIMIT 1) AS x)"
      " SELECT inserted, host, kind, (SELECT count(*) FROM announced) FROM ins",
      {P(TextArray(urls)), P(TextArray(hosts)), P(TextArray(depths)), P(TextArray(kinds)),
       P(TextArray(redirects)), P(TextArray(froms)), P(TextArray(bodies)), P(TextArray(host_list)),
       P(kChannel)});
  if (!r) return 0;
  size_t added = 0;
  const std::string continuation = crawler::LinkKindName(crawler::LinkKind::kContinuation);
  for (int i = 0; i < r->Rows(); ++i) {
    if (r->Text(i, 0) != "t") continue;
    ++added;
    // A multi-page article's next page is fetched in the turn of the worker that archived its
    // first page: only that worker's archive can stitch the pages together.
    if (r->Text(i, 2) == continuation) {
      if (auto lease = leases_.find(r->Text(i, 1)); lease != leases_.end())
        ++lease->second.turn_left;
    }
  }
  return added;
}

void PgFrontier::ClaimCheckBy(SteadyTime when) { next_claim_at_ = std::min(next_claim_at_, when); }

void PgFrontier::ReadNotifications() {
  auto now = std::chrono::steady_clock::now();
  // A payload is the pause in milliseconds before the announced work is due.
  for (const std::string& payload : conn_.TakeNotifications()) {
    int64_t pause_ms = 0;
    try {
      pause_ms = std::max<int64_t>(std::stoll(payload), 0);
    } catch (const std::exception&) {
      pause_ms = 0;  // not ours (another program on the channel): look now
    }
    ClaimCheckBy(now + std::chrono::milliseconds(pause_ms));
  }
}

void PgFrontier::Claim() {
  auto now = std::chrono::steady_clock::now();
  size_t limit = options_.max_hosts - leases_.size();
  std::vector<std::optional<std::string>> excluded;
  for (const auto& [host, lease] : leases_) excluded.push_back(host);
  for (const auto& r : releases_) excluded.push_back(r.host);
  // One statement, so a claim, the requeueing of an expired lease's URLs and the taking of the
  // first turn are atomic. Each claimed host's URLs left in flight by an expired lease are
  // requeued (the same snapshot), and such a host's turn is all taken afterwards by Take, in
  // order: a multi-page article's first page left unfinished by the dead worker before its
  // next pages. A new turn goes in discovery order.
  // The next due time ('d') looks at every host with open work when fewer were claimed than
  // asked (that many index probes, no more): greatest() ignores NULLs; a host's URLs in
  // flight (under a lease) are due when the lease ends.
  auto r =
      Run("WITH c AS ("
          "  SELECT h.host FROM hosts h"
          "  WHERE h.next_allowed_at <= clock_timestamp()"
          "    AND (h.lease_until IS NULL OR h.lease_until < clock_timestamp())"
          "    AND (h.parked_until IS NULL OR h.parked_until <= clock_timestamp())"
          "    AND NOT (h.host = ANY ($3::text[]))"
          "    AND EXISTS (SELECT 1 FROM urls u WHERE u.host = h.host AND"
          "      (u.state = 'in_flight' OR (u.state = 'queued' AND"
          "       (u.not_before IS NULL OR u.not_before <= clock_timestamp()))))"
          "  ORDER BY h.next_allowed_at LIMIT $4 FOR UPDATE SKIP LOCKED),"
          " claimed AS ("
          "  UPDATE hosts h SET epoch = h.epoch + 1, lease_owner = $1,"
          "    lease_until = clock_timestamp() + $2 * interval '1 millisecond',"
          "    parked_until = NULL, parked_reason = NULL"
          "  FROM c WHERE h.host = c.host RETURNING h.host, h.epoch),"
          " requeued AS ("
          "  UPDATE urls u SET state = 'queued', epoch = NULL, worker = NULL"
          "  FROM claimed WHERE u.host = claimed.host AND u.state = 'in_flight' RETURNING u.host),"
          " picked AS ("
          "  SELECT p.id, claimed.epoch FROM claimed CROSS JOIN LATERAL ("
          "    SELECT id FROM urls WHERE host = claimed.host AND state = 'queued'"
          "      AND (not_before IS NULL OR not_before <= clock_timestamp())"
          "    ORDER BY id LIMIT $5) AS p"
          "  WHERE NOT EXISTS (SELECT 1 FROM requeued WHERE requeued.host = claimed.host)),"
          " taken AS ("
          "  UPDATE urls u SET state = 'in_flight', epoch = picked.epoch, worker = $1,"
          "    updated_at = now()"
          "  FROM picked WHERE u.id = picked.id AND u.state = 'queued'"
          "  RETURNING u.id, u.url, u.host, u.depth, u.kind, u.redirects, u.discovered_from,"
          "    u.attempts, u.post_body)"
          " SELECT 'h', host, epoch, (SELECT count(*) FROM requeued r WHERE r.host = claimed.host),"
          "  NULL::text, NULL::int, NULL::text, NULL::int, NULL::text, NULL::int, NULL::text"
          " FROM claimed"
          " UNION ALL SELECT 'u', host, id, NULL, url, depth, kind, redirects, discovered_from,"
          "  attempts, post_body FROM taken"
          " UNION ALL SELECT 'd', NULL, CASE WHEN (SELECT count(*) FROM claimed) < $4 THEN ("
          "  SELECT (extract(epoch FROM min(greatest(h.next_allowed_at, h.lease_until,"
          "    h.parked_until, CASE WHEN EXISTS (SELECT 1 FROM urls u WHERE u.host = h.host"
          "      AND (u.state = 'in_flight' OR (u.state = 'queued' AND u.not_before IS NULL)))"
          "    THEN NULL ELSE (SELECT min(u.not_before) FROM urls u WHERE u.host = h.host"
          "      AND u.state = 'queued') END)) - clock_timestamp()) * 1000)::bigint"
          "  FROM hosts h WHERE NOT (h.host = ANY ($3::text[]))"
          "    AND NOT EXISTS (SELECT 1 FROM claimed WHERE claimed.host = h.host)"
          "    AND EXISTS (SELECT 1 FROM urls u WHERE u.host = h.host"
          "      AND u.state IN ('queued', 'in_flight'))) END,"
          "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL",
          {P(options_.owner), P(int64_t{options_.lease.count()}), P(TextArray(excluded)),
           P(static_cast<int64_t>(limit)), P(static_cast<int64_t>(options_.urls_per_turn))});
  if (!r) return;
  std::optional<int64_t> due_ms;
  std::map<std::string, int64_t> requeued;
  for (int i = 0; i < r->Rows(); ++i) {
    std::string kind = r->Text(i, 0);
    if (kind == "h") {
      std::string host = r->Text(i, 1);
      Lease& lease = leases_[host];
      lease = Lease{};
      lease.epoch = r->Int(i, 2);
      lease.renewed_at = now;
      requeued[host] = r->Int(i, 3);
      if (requeued[host] > 0) {
        util::LogWarning(
            "claimed a host whose lease had expired (its worker died or stalled): its URLs in "
            "flight requeued",
            {{"host", host}, {"count", std::to_string(requeued[host])}});
      }
      util::LogDebug("host claimed", {{"host", host}, {"epoch", r->Text(i, 2)}});
    } else if (kind == "d") {
      if (!r->IsNull(i, 2)) due_ms = r->Int(i, 2);
    }
  }
  for (int i = 0; i < r->Rows(); ++i) {
    if (r->Text(i, 0) != "u") continue;
    crawler::FrontierEntry e;
    e.host = r->Text(i, 1);
    e.id = r->Int(i, 2);
    e.url = r->Text(i, 4);
    e.depth = static_cast<int>(r->Int(i, 5));
    e.kind = crawler::LinkKindFromName(r->Text(i, 6));
    e.redirects = static_cast<int>(r->Int(i, 7));
    e.discovered_from = r->OptionalText(i, 8);
    e.attempts = static_cast<int>(r->Int(i, 9));
    e.post_body = r->OptionalText(i, 10);
    leases_[e.host].prefetched.push_back(std::move(e));
  }
  for (auto& [host, count] : requeued) {
    Lease& lease = leases_[host];
    std::sort(lease.prefetched.begin(), lease.prefetched.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    size_t got = lease.prefetched.size();
    // Fewer than a turn and nothing requeued: the host's queue is empty for now, the turn is
    // what was taken.
    lease.turn_left = got < options_.urls_per_turn && count == 0 ? 0 : options_.urls_per_turn - got;
  }
  // The next look: when the next host is due, not before kMinClaimGap (a host due but locked
  // by another worker's claim in progress), not after claim_poll.
  auto wait = options_.claim_poll;
  if (requeued.size() >= limit) {
    wait = std::chrono::milliseconds(0);  // more may be due: looked at when a lease ends
  } else if (due_ms) {
    wait = std::clamp(std::chrono::milliseconds(*due_ms), kMinClaimGap, options_.claim_poll);
  }
  next_claim_at_ = now + wait;
}

std::vector<std::string> PgFrontier::DueRenewals() const {
  auto now = std::chrono::steady_clock::now();
  std::vector<std::string> out;
  for (const auto& [host, lease] : leases_) {
    if (now - lease.renewed_at >= options_.lease / 3) out.push_back(host);
  }
  return out;
}

void PgFrontier::Sync(const std::vector<std::string>& renew) {
  if (error_ || (completions_.empty() && releases_.empty() && renew.empty())) return;
  auto now = std::chrono::steady_clock::now();
  std::vector<std::optional<std::string>> ids, states, retry_ms, epochs;
  for (const auto& [id, c] : completions_) {
    ids.push_back(std::to_string(id));
    states.push_back(c.state);
    retry_ms.push_back(c.retry_at ? std::optional(std::to_string(MillisUntil(*c.retry_at)))
                                  : std::nullopt);
    epochs.push_back(std::to_string(c.epoch));
  }
  std::vector<std::optional<std::string>> renew_hosts, renew_epochs;
  for (const auto& host : renew) {
    auto it = leases_.find(host);
    if (it == leases_.end()) continue;
    renew_hosts.push_back(host);
    renew_epochs.push_back(std::to_string(it->second.epoch));
  }
  std::vector<std::optional<std::string>> release_hosts, release_epochs, pauses;
  for (const auto& r : releases_) {
    release_hosts.push_back(r.host);
    release_epochs.push_back(std::to_string(r.epoch));
    pauses.push_back(std::to_string(r.pause_ms));
  }
  // One statement. Every write is fenced by the host's epoch and owner: a stale worker's are
  // refused. The completions are written before the released hosts' URLs still in flight go
  // back to queued (the same snapshot: those are told apart by id). A release of a host with
  // work left is announced with its pause, so a waiting worker claims it when it is due.
  auto r =
      Run("WITH c AS (SELECT * FROM unnest($3::bigint[], $4::text[], $5::bigint[], $6::bigint[])"
          "  AS c (id, state, retry_ms, epoch)),"
          " done AS ("
          "  UPDATE urls u SET state = c.state, epoch = NULL, worker = NULL, updated_at = now(),"
          "    attempts = u.attempts + CASE WHEN c.retry_ms IS NULL THEN 0 ELSE 1 END,"
          "    not_before = CASE WHEN c.retry_ms IS NULL THEN u.not_before"
          "      ELSE clock_timestamp() + c.retry_ms * interval '1 millisecond' END"
          "  FROM c, hosts h WHERE u.id = c.id AND u.state = 'in_flight' AND h.host = u.host"
          "    AND h.epoch = c.epoch AND h.lease_owner = $1 RETURNING u.id),"
          " renewed AS ("
          "  UPDATE hosts h SET lease_until = clock_timestamp() + $2 * interval '1 millisecond'"
          "  FROM unnest($7::text[], $8::bigint[]) AS l (host, epoch)"
          "  WHERE h.host = l.host AND h.epoch = l.epoch AND h.lease_owner = $1 RETURNING h.host),"
          " released AS ("
          "  UPDATE hosts h SET lease_owner = NULL, lease_until = NULL,"
          "    released_at = clock_timestamp(),"
          "    next_allowed_at = CASE WHEN r.pause < 0 THEN h.next_allowed_at"
          "      ELSE clock_timestamp() + r.pause * interval '1 millisecond' END"
          "  FROM unnest($9::text[], $10::bigint[], $11::bigint[]) AS r (host, epoch, pause)"
          "  WHERE h.host = r.host AND h.epoch = r.epoch AND h.lease_owner = $1"
          "  RETURNING h.host, greatest(r.pause, 0) AS pause),"
          " requeued AS ("
          "  UPDATE urls u SET state = 'queued', epoch = NULL, worker = NULL FROM released"
          "  WHERE u.host = released.host AND u.state = 'in_flight'"
          "    AND NOT (u.id = ANY ($3::bigint[])) RETURNING u.id),"
          " announced AS ("
          "  SELECT pg_notify($12, min(released.pause)::text) FROM released"
          "  WHERE EXISTS (SELECT 1 FROM urls u WHERE u.host = released.host"
          "    AND u.state IN ('queued', 'in_flight')"
          "    AND u.id NOT IN (SELECT id FROM c WHERE state <> 'queued'))"
          "  HAVING count(*) > 0)"
          " SELECT 'c', id::text FROM done"
          " UNION ALL SELECT 'r', host FROM renewed"
          " UNION ALL SELECT 'q', count(*)::text FROM requeued"
          " UNION ALL SELECT 'n', count(*)::text FROM announced",
          {P(options_.owner), P(int64_t{options_.lease.count()}), P(TextArray(ids)),
           P(TextArray(states)), P(TextArray(retry_ms)), P(TextArray(epochs)),
           P(TextArray(renew_hosts)), P(TextArray(renew_epochs)), P(TextArray(release_hosts)),
           P(TextArray(release_epochs)), P(TextArray(pauses)), P(kChannel)});
  std::map<int64_t, Completion> sent = std::exchange(completions_, {});
  releases_.clear();
  if (!r) return;
  std::set<int64_t> written;
  std::set<std::string> renewed;
  for (int i = 0; i < r->Rows(); ++i) {
    if (r->Text(i, 0) == "c") written.insert(std::stoll(r->Text(i, 1)));
    if (r->Text(i, 0) == "r") renewed.insert(r->Text(i, 1));
  }
  // A refused write: the host's epoch moved on (another worker claimed it), whether this
  // statement released the host or not.
  std::set<std::string> refused;
  for (const auto& [id, c] : sent) {
    if (!written.count(id)) refused.insert(c.host);
  }
  for (const auto& host : refused) LoseLease(host);
  for (const auto& h : renew_hosts) {
    if (refused.count(*h)) continue;
    if (renewed.count(*h)) {
      if (auto it = leases_.find(*h); it != leases_.end()) it->second.renewed_at = now;
    } else {
      LoseLease(*h);
    }
  }
}

void PgFrontier::EndBatch() {
  if (--batch_depth_ == 0 && (!releases_.empty() || CompletionsStale())) Sync();
}

bool PgFrontier::CompletionsStale() const {
  return !completions_.empty() &&
         std::chrono::steady_clock::now() - oldest_completion_ >= options_.lease / 8;
}

void PgFrontier::LoseLease(const std::string& host) {
  for (auto it = completions_.begin(); it != completions_.end();) {
    it = it->second.host == host ? completions_.erase(it) : std::next(it);
  }
  leases_.erase(host);
  util::LogWarning("lease on host lost to another worker (this one stalled past the lease)",
                   {{"host", host}});
  for (auto it = taken_.begin(); it != taken_.end();) {
    it = it->second == host ? taken_.erase(it) : std::next(it);
  }
  lost_.push_back(host);
}

std::vector<std::string> PgFrontier::TakeLostHosts() { return std::exchange(lost_, {}); }

std::vector<std::string> PgFrontier::HostsWithWork() {
  if (error_) return {};
  ReadNotifications();
  auto renew = DueRenewals();
  if (!renew.empty() || !releases_.empty() || CompletionsStale() ||
      completions_.size() >= options_.max_pending_completions) {
    Sync(renew);
  }
  if (!error_ && leases_.size() < options_.max_hosts &&
      std::chrono::steady_clock::now() >= next_claim_at_) {
    Claim();
  }
  std::vector<std::string> out;
  for (const auto& [host, lease] : leases_) {
    if (lease.turn_left > 0 || !lease.prefetched.empty()) out.push_back(host);
  }
  return out;
}

std::optional<std::chrono::milliseconds> PgFrontier::NextWorkIn() {
  if (error_ || leases_.size() >= options_.max_hosts) return std::nullopt;
  ReadNotifications();
  auto wait = std::chrono::ceil<std::chrono::milliseconds>(next_claim_at_ -
                                                           std::chrono::steady_clock::now());
  return std::max(wait, std::chrono::milliseconds(0));
}

std::vector<crawler::FrontierEntry> PgFrontier::Take(const std::string& host, size_t max) {
  std::vector<crawler::FrontierEntry> out;
  auto it = leases_.find(host);
  if (it == leases_.end() || error_) return out;
  Lease& lease = it->second;
  // The turn's URLs the claim took first, then more from the database while the turn lasts.
  size_t from_claim = std::min(max, lease.prefetched.size());
  for (size_t i = 0; i < from_claim; ++i) out.push_back(std::move(lease.prefetched[i]));
  lease.prefetched.erase(lease.prefetched.begin(),
                         lease.prefetched.begin() + static_cast<std::ptrdiff_t>(from_claim));
  size_t want = std::min(max - out.size(), lease.turn_left);
  if (want > 0 && lease.prefetched.empty()) {
    // A continuation first (the turn that found it goes on for it), unless its first page
    // is queued too (left unfinished by a dead worker): that page comes first, so the
    // handling of its pages stitches them.
    auto r =
        Run("WITH p AS (SELECT id, kind = 'continuation' AND NOT EXISTS (SELECT 1 FROM urls f"
            "    WHERE f.url = urls.discovered_from AND f.state = 'queued') AS first"
            "  FROM urls WHERE host = $1 AND state = 'queued'"
            "    AND (not_before IS NULL OR not_before <= clock_timestamp())"
            "  ORDER BY 2 DESC, id LIMIT $4 FOR UPDATE SKIP LOCKED)"
            " UPDATE urls u SET state = 'in_flight', epoch = $2, worker = $3, updated_at = now()"
            " FROM p WHERE u.id = p.id AND u.state = 'queued'"
            " AND EXISTS (SELECT 1 FROM hosts h WHERE h.host = $1 AND h.epoch = $2"
            "   AND h.lease_owner = $3)"
            " RETURNING u.id, u.url, u.host, u.depth, u.kind, u.redirects, u.discovered_from,"
            "   u.attempts, u.post_body, p.first",
            {P(host), P(lease.epoch), P(options_.owner), P(static_cast<int64_t>(want))});
    if (!r) return out;
    std::vector<std::pair<bool, crawler::FrontierEntry>> more;
    for (int i = 0; i < r->Rows(); ++i) {
      crawler::FrontierEntry e;
      e.id = r->Int(i, 0);
      e.url = r->Text(i, 1);
      e.host = r->Text(i, 2);
      e.depth = static_cast<int>(r->Int(i, 3));
      e.kind = crawler::LinkKindFromName(r->Text(i, 4));
      e.redirects = static_cast<int>(r->Int(i, 5));
      e.discovered_from = r->OptionalText(i, 6);
      e.attempts = static_cast<int>(r->Int(i, 7));
      e.post_body = r->OptionalText(i, 8);
      more.emplace_back(r->Text(i, 9) == "t", std::move(e));
    }
    std::sort(more.begin(), more.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first : a.second.id < b.second.id;
    });
    // Fewer than asked: the host's queue is empty for now, its turn is over.
    lease.turn_left = more.size() < want ? 0 : lease.turn_left - more.size();
    for (auto& [first, e] : more) out.push_back(std::move(e));
  }
  for (const auto& e : out) taken_[e.id] = host;
  lease.outstanding += static_cast<int>(out.size());
  if (lease.turn_left == 0 && lease.prefetched.empty() && lease.outstanding == 0) Release(host);
  return out;
}

void PgFrontier::EntryBack(int64_t id) {
  auto t = taken_.find(id);
  if (t == taken_.end()) return;
  std::string host = t->second;
  taken_.erase(t);
  auto it = leases_.find(host);
  if (it == leases_.end()) return;
  Lease& lease = it->second;
  if (--lease.outstanding <= 0 && lease.turn_left == 0 && lease.prefetched.empty()) Release(host);
}

void PgFrontier::Complete(int64_t id, std::string state, std::optional<WallTime> retry_at) {
  auto t = taken_.find(id);
  if (t == taken_.end() || error_) return;  // not ours (any more): the lease was lost
  auto lease = leases_.find(t->second);
  if (lease == leases_.end()) return;
  if (completions_.empty()) oldest_completion_ = std::chrono::steady_clock::now();
  completions_[id] = Completion{t->second, lease->second.epoch, std::move(state), retry_at};
  EntryBack(id);
  if (batch_depth_ == 0 && completions_.size() >= options_.max_pending_completions) Sync();
}

void PgFrontier::Finish(int64_t id, crawler::EntryState state) {
  Complete(id, StateName(state), std::nullopt);
}

void PgFrontier::RetryLater(int64_t id, WallTime not_before) { Complete(id, "queued", not_before); }

void PgFrontier::Release(const std::string& host) {
  auto it = leases_.find(host);
  if (it == leases_.end()) return;
  Lease lease = std::move(it->second);
  leases_.erase(it);
  for (auto t = taken_.begin(); t != taken_.end();) {
    t = t->second == host ? taken_.erase(t) : std::next(t);
  }
  if (error_) return;
  int64_t pause = lease.blocked_until ? MillisUntil(*lease.blocked_until) : -1;
  if (auto d = host_delays_.find(host); d != host_delays_.end())
    pause = std::max<int64_t>(pause, d->second.count());
  // URLs still in flight under the lease (a stop before their turn, the claim's URLs not
  // handed out) go back to queued when it is written.
  releases_.push_back({host, lease.epoch, pause});
  // A lease fewer: other hosts may be claimed, this one when its pause is over.
  ClaimCheckBy(std::chrono::steady_clock::now() +
               std::chrono::milliseconds(
                   leases_.size() + 1 >= options_.max_hosts ? 0 : std::max<int64_t>(pause, 0)));
  util::LogDebug("host released", {{"host", host}, {"pause_ms", std::to_string(pause)}});
  if (batch_depth_ == 0) Sync();
}

void PgFrontier::BlockQueueUntil(const std::string& host, WallTime until) {
  auto it = leases_.find(host);
  if (it == leases_.end()) return;
  auto& b = it->second.blocked_until;
  if (!b || until > *b) b = until;
}

void PgFrontier::SetDelay(const std::string& host, std::chrono::milliseconds delay) {
  host_delays_[host] = delay;
  (void)Run("UPDATE hosts SET delay_ms = $2 WHERE host = $1", {P(host), P(int64_t{delay.count()})});
}

void PgFrontier::ParkHost(const std::string& host, const std::string& reason) {
  auto it = leases_.find(host);
  if (it == leases_.end()) return;
  auto r =
      Run("UPDATE hosts SET parked_until = clock_timestamp() + $4 * interval '1 millisecond',"
          " parked_reason = $5 WHERE host = $1 AND epoch = $2 AND lease_owner = $3",
          {P(host), P(it->second.epoch), P(options_.owner), P(int64_t{options_.park_for.count()}),
           P(reason)});
  if (r && r->Affected() == 0) {
    LoseLease(host);
    return;
  }
  // No more URLs from it this turn (those the claim took go back to queued with the release);
  // released once its entries are back.
  it->second.turn_left = 0;
  it->second.prefetched.clear();
  if (it->second.outstanding == 0) Release(host);
}

bool PgFrontier::WorkElsewhere() {
  if (error_) return false;
  auto now = std::chrono::steady_clock::now();
  if (elsewhere_until_ && now < *elsewhere_until_) return true;
  std::vector<std::optional<std::string>> held;
  for (const auto& [host, lease] : leases_) held.push_back(host);
  auto r =
      Run("SELECT EXISTS (SELECT 1 FROM urls u JOIN hosts h ON h.host = u.host"
          " WHERE u.state IN ('queued', 'in_flight')"
          " AND (h.parked_until IS NULL OR h.parked_until <= clock_timestamp())"
          " AND NOT (h.host = ANY ($1::text[])))",
          {P(TextArray(held))});
  bool yes = r && r->Text(0, 0) == "t";
  elsewhere_until_.reset();
  if (yes) elsewhere_until_ = now + kElsewhereRecheck;
  return yes;
}

size_t PgFrontier::QueuedCount() {
  Sync();
  auto r = Run("SELECT count(*) FROM urls WHERE state = 'queued'");
  return r ? static_cast<size_t>(r->Int(0, 0)) : 0;
}

std::optional<std::string> PgFrontier::SchemeOf(const std::string& host) {
  auto r = Run("SELECT url FROM urls WHERE host = $1 AND state = 'queued' LIMIT 1", {P(host)});
  if (!r || r->Rows() == 0) return std::nullopt;
  auto parts = util::SplitUrl(r->Text(0, 0));
  return parts ? std::optional(parts->scheme) : std::nullopt;
}

std::vector<crawler::TemplateYield> PgFrontier::LoadTemplateYields(const std::string& host) {
  std::vector<crawler::TemplateYield> out;
  auto r =
      Run("SELECT url_template, fetched, productive, barren_streak, given_up FROM url_templates"
          " WHERE host = $1",
          {P(host)});
  if (!r) return out;
  for (int i = 0; i < r->Rows(); ++i) {
    out.push_back({host, r->Text(i, 0), static_cast<long>(r->Int(i, 1)),
                   static_cast<long>(r->Int(i, 2)), static_cast<int>(r->Int(i, 3)),
                   r->Text(i, 4) == "t"});
  }
  return out;
}

void PgFrontier::SaveTemplateYield(const crawler::TemplateYield& y) {
  (void)Run(
      "INSERT INTO url_templates (host, url_template, fetched, productive, barren_streak,"
      " given_up) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (host, url_template) DO UPDATE"
      " SET fetched = EXCLUDED.fetched, productive = EXCLUDED.productive,"
      " barren_streak = EXCLUDED.barren_streak, given_up = EXCLUDED.given_up",
      {P(y.host), P(y.url_template), P(int64_t{y.fetched}), P(int64_t{y.productive}),
       P(int64_t{y.barren_streak}), P(std::string(y.given_up ? "t" : "f"))});
}

std::vector<std::string> PgFrontier::HeldHosts() const {
  std::vector<std::string> out;
  for (const auto& [host, lease] : leases_) out.push_back(host);
  return out;
}

std::optional<int64_t> PgFrontier::EpochOf(const std::string& host) const {
  auto it = leases_.find(host);
  if (it == leases_.end()) return std::nullopt;
  return it->second.epoch;
}

std::optional<crawler::CachedRobots> PgRobotsCache::Load(const std::string& host) {
  auto r = frontier_.connection().Exec(
      "SELECT status, encode(body, 'hex'), (extract(epoch FROM fetched_at) * 1000)::bigint"
      " FROM robots WHERE host = $1",
      {P(host)});
  if (!r) {
    util::LogWarning("cannot read robots.txt from the shared frontier: " + r.error().message,
                     {{"host", host}});
    return std::nullopt;
  }
  if (r->Rows() == 0) return std::nullopt;
  crawler::CachedRobots robots;
  robots.status = static_cast<int>(r->Int(0, 0));
  robots.body = HexDecode(r->Text(0, 1));
  robots.fetched_at = WallTime(std::chrono::milliseconds(r->Int(0, 2)));
  return robots;
}

void PgRobotsCache::Store(const std::string& host, const crawler::CachedRobots& robots) {
  auto r = frontier_.connection().Exec(
      "INSERT INTO robots (host, status, body, fetched_at) VALUES ($1, $2, $3,"
      " to_timestamp($4::double precision / 1000)) ON CONFLICT (host) DO UPDATE SET"
      " status = EXCLUDED.status, body = EXCLUDED.body, fetched_at = EXCLUDED.fetched_at",
      {P(host), P(int64_t{robots.status}), PgParam{robots.body, true},
       P(MillisSinceEpoch(robots.fetched_at))});
  if (!r) {
    util::LogWarning("cannot keep robots.txt in the shared frontier: " + r.error().message,
                     {{"host", host}});
  }
}

}  // namespace frontier_pg
