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
  std::vector<std::string> held;
  for (const auto& [host, lease] : leases_) held.push_back(host);
  for (const auto& host : held) Release(host);
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
  if (!Run("INSERT INTO hosts (host) SELECT h FROM unnest($1::text[]) AS h ORDER BY h "
           "ON CONFLICT DO NOTHING",
           {P(TextArray(host_list))})) {
    return 0;
  }
  auto r =
      Run("INSERT INTO urls (url, host, depth, kind, redirects, discovered_from, post_body) "
          "SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::int[], "
          "$6::text[], $7::text[]) ORDER BY 1 "
          "ON CONFLICT (url) DO UPDATE SET post_body = EXCLUDED.post_body "
          "WHERE EXCLUDED.post_body IS NOT NULL "
          "RETURNING (xmax = 0), host, kind",
          {P(TextArray(urls)), P(TextArray(hosts)), P(TextArray(depths)), P(TextArray(kinds)),
           P(TextArray(redirects)), P(TextArray(froms)), P(TextArray(bodies))});
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

std::optional<std::string> PgFrontier::ClaimOne() {
  std::vector<std::optional<std::string>> held;
  for (const auto& [host, lease] : leases_) held.push_back(host);
  // One statement, so the claim and the requeueing of an expired lease's URLs are atomic.
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
          "  ORDER BY h.next_allowed_at FOR UPDATE SKIP LOCKED LIMIT 1),"
          " claimed AS ("
          "  UPDATE hosts h SET epoch = h.epoch + 1, lease_owner = $1,"
          "    lease_until = clock_timestamp() + $2 * interval '1 millisecond',"
          "    parked_until = NULL, parked_reason = NULL"
          "  FROM c WHERE h.host = c.host RETURNING h.host, h.epoch),"
          " requeued AS ("
          "  UPDATE urls u SET state = 'queued', epoch = NULL, worker = NULL"
          "  FROM claimed WHERE u.host = claimed.host AND u.state = 'in_flight' RETURNING u.id)"
          " SELECT host, epoch, (SELECT count(*) FROM requeued) FROM claimed",
          {P(options_.owner), P(int64_t{options_.lease.count()}), P(TextArray(held))});
  if (!r || r->Rows() == 0) return std::nullopt;
  std::string host = r->Text(0, 0);
  Lease& lease = leases_[host];
  lease = Lease{};
  lease.epoch = r->Int(0, 1);
  lease.turn_left = options_.urls_per_turn;
  lease.renewed_at = std::chrono::steady_clock::now();
  if (int64_t requeued = r->Int(0, 2); requeued > 0) {
    util::LogWarning(
        "claimed a host whose lease had expired (its worker died or stalled): its URLs in flight "
        "requeued",
        {{"host", host}, {"count", std::to_string(requeued)}});
  }
  util::LogDebug("host claimed", {{"host", host}, {"epoch", std::to_string(lease.epoch)}});
  return host;
}

void PgFrontier::RenewLeases() {
  auto now = std::chrono::steady_clock::now();
  std::vector<std::optional<std::string>> hosts, epochs;
  for (const auto& [host, lease] : leases_) {
    if (now - lease.renewed_at < options_.lease / 3) continue;
    hosts.push_back(host);
    epochs.push_back(std::to_string(lease.epoch));
  }
  if (hosts.empty()) return;
  auto r =
      Run("UPDATE hosts h SET lease_until = clock_timestamp() + $2 * interval '1 millisecond'"
          " FROM unnest($3::text[], $4::bigint[]) AS l (host, epoch)"
          " WHERE h.host = l.host AND h.epoch = l.epoch AND h.lease_owner = $1 RETURNING h.host",
          {P(options_.owner), P(int64_t{options_.lease.count()}), P(TextArray(hosts)),
           P(TextArray(epochs))});
  if (!r) return;
  std::set<std::string> renewed;
  for (int i = 0; i < r->Rows(); ++i) renewed.insert(r->Text(i, 0));
  for (const auto& h : hosts) {
    if (renewed.count(*h)) {
      leases_[*h].renewed_at = now;
    } else {
      LoseLease(*h);
    }
  }
}

void PgFrontier::LoseLease(const std::string& host) {
  if (!leases_.erase(host)) return;
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
  RenewLeases();
  while (leases_.size() < options_.max_hosts && !error_) {
    if (!ClaimOne()) break;
  }
  std::vector<std::string> out;
  for (const auto& [host, lease] : leases_) {
    if (lease.turn_left > 0) out.push_back(host);
  }
  return out;
}

std::vector<crawler::FrontierEntry> PgFrontier::Take(const std::string& host, size_t max) {
  std::vector<crawler::FrontierEntry> out;
  auto it = leases_.find(host);
  if (it == leases_.end() || error_) return out;
  Lease& lease = it->second;
  size_t want = std::min(max, lease.turn_left);
  if (want == 0) return out;
  auto r =
      Run("UPDATE urls u SET state = 'in_flight', epoch = $2, worker = $3, updated_at = now()"
          " WHERE u.id IN (SELECT id FROM urls WHERE host = $1 AND state = 'queued'"
          "   AND (not_before IS NULL OR not_before <= clock_timestamp())"
          "   ORDER BY kind = 'continuation' DESC, id LIMIT $4 FOR UPDATE SKIP LOCKED)"
          " AND EXISTS (SELECT 1 FROM hosts h WHERE h.host = $1 AND h.epoch = $2"
          "   AND h.lease_owner = $3)"
          " RETURNING u.id, u.url, u.host, u.depth, u.kind, u.redirects, u.discovered_from,"
          "   u.attempts, u.post_body",
          {P(host), P(lease.epoch), P(options_.owner), P(static_cast<int64_t>(want))});
  if (!r) return out;
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
    taken_[e.id] = host;
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    bool ca = a.kind == crawler::LinkKind::kContinuation;
    bool cb = b.kind == crawler::LinkKind::kContinuation;
    return ca != cb ? ca : a.id < b.id;
  });
  lease.outstanding += static_cast<int>(out.size());
  // Fewer than asked: the host's queue is empty for now, its turn is over.
  lease.turn_left = out.size() < want ? 0 : lease.turn_left - out.size();
  if (lease.turn_left == 0 && lease.outstanding == 0) Release(host);
  return out;
}

void PgFrontier::EntryBack(int64_t id) {
  auto t = taken_.find(id);
  if (t == taken_.end()) return;
  std::string host = t->second;
  taken_.erase(t);
  auto it = leases_.find(host);
  if (it == leases_.end()) return;
  if (--it->second.outstanding <= 0 && it->second.turn_left == 0) Release(host);
}

void PgFrontier::Finish(int64_t id, crawler::EntryState state) {
  auto t = taken_.find(id);
  if (t == taken_.end() || error_) return;  // not ours (any more): the lease was lost
  std::string host = t->second;
  auto lease = leases_.find(host);
  if (lease == leases_.end()) return;
  // Fenced: refused when the host's epoch moved on (another worker claimed it).
  auto r =
      Run("UPDATE urls u SET state = $2, epoch = NULL, worker = NULL, updated_at = now()"
          " FROM hosts h WHERE u.id = $1 AND u.state = 'in_flight' AND h.host = u.host"
          " AND h.epoch = $3 AND h.lease_owner = $4",
          {P(id), P(StateName(state)), P(lease->second.epoch), P(options_.owner)});
  if (!r) return;
  if (r->Affected() == 0) {
    LoseLease(host);
    return;
  }
  EntryBack(id);
}

void PgFrontier::RetryLater(int64_t id, WallTime not_before) {
  auto t = taken_.find(id);
  if (t == taken_.end() || error_) return;
  std::string host = t->second;
  auto lease = leases_.find(host);
  if (lease == leases_.end()) return;
  auto r =
      Run("UPDATE urls u SET state = 'queued', attempts = u.attempts + 1, epoch = NULL,"
          " worker = NULL, updated_at = now(),"
          " not_before = clock_timestamp() + $4 * interval '1 millisecond'"
          " FROM hosts h WHERE u.id = $1 AND u.state = 'in_flight' AND h.host = u.host"
          " AND h.epoch = $2 AND h.lease_owner = $3",
          {P(id), P(lease->second.epoch), P(options_.owner), P(MillisUntil(not_before))});
  if (!r) return;
  if (r->Affected() == 0) {
    LoseLease(host);
    return;
  }
  EntryBack(id);
}

void PgFrontier::Release(const std::string& host) {
  auto it = leases_.find(host);
  if (it == leases_.end()) return;
  Lease lease = it->second;
  leases_.erase(it);
  for (auto t = taken_.begin(); t != taken_.end();) {
    t = t->second == host ? taken_.erase(t) : std::next(t);
  }
  if (error_) return;
  int64_t pause = lease.blocked_until ? MillisUntil(*lease.blocked_until) : -1;
  if (auto d = host_delays_.find(host); d != host_delays_.end())
    pause = std::max<int64_t>(pause, d->second.count());
  // URLs still in flight under the lease (a stop before their turn) go back to queued.
  (void)Run(
      "WITH released AS ("
      "  UPDATE hosts SET lease_owner = NULL, lease_until = NULL, released_at = clock_timestamp(),"
      "    next_allowed_at = CASE WHEN $4::bigint < 0 THEN next_allowed_at"
      "      ELSE clock_timestamp() + $4 * interval '1 millisecond' END"
      "  WHERE host = $1 AND epoch = $2 AND lease_owner = $3 RETURNING host)"
      " UPDATE urls u SET state = 'queued', epoch = NULL, worker = NULL FROM released"
      " WHERE u.host = released.host AND u.state = 'in_flight'",
      {P(host), P(lease.epoch), P(options_.owner), P(pause)});
  util::LogDebug("host released", {{"host", host}, {"pause_ms", std::to_string(pause)}});
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
  // No more URLs from it this turn; released once its entries are back.
  it->second.turn_left = 0;
  if (it->second.outstanding == 0) Release(host);
}

bool PgFrontier::WorkElsewhere() {
  if (error_) return false;
  std::vector<std::optional<std::string>> held;
  for (const auto& [host, lease] : leases_) held.push_back(host);
  auto r =
      Run("SELECT EXISTS (SELECT 1 FROM urls u JOIN hosts h ON h.host = u.host"
          " WHERE u.state IN ('queued', 'in_flight')"
          " AND (h.parked_until IS NULL OR h.parked_until <= clock_timestamp())"
          " AND NOT (h.host = ANY ($1::text[])))",
          {P(TextArray(held))});
  return r && r->Text(0, 0) == "t";
}

size_t PgFrontier::QueuedCount() {
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
