#include "storage/archive_stats.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "storage/migrations.h"

namespace storage {
namespace {

// The first schema with frontier.attempts.
constexpr int kRetrySchemaVersion = 3;
// The first schema with crawl_runs.offsite_links and offsite_hosts.
constexpr int kOffsiteSchemaVersion = 7;
// The first schema with host_health.
constexpr int kHostHealthSchemaVersion = 10;

// A fetch answered 4xx other than 429: the page is gone or refused (an outcome, not an error).
constexpr const char* kHttp4xxSql =
    "(outcome = 'http_error' AND status >= 400 AND status < 500 AND status <> 429)";
// Whole seconds from started_at to finished_at (RFC 3339 UTC text); NULL while unfinished.
constexpr const char* kDurationSql =
    "CAST(round((julianday(finished_at) - julianday(started_at)) * 86400) AS INTEGER)";

SiteStats& SiteEntry(std::map<std::string, SiteStats>& sites, const std::string& site) {
  SiteStats& entry = sites[site];
  entry.site = site;
  return entry;
}

util::Result<int64_t> CountOf(const Archive& archive, const char* sql) {
  TRY_ASSIGN(Statement stmt, Statement::Prepare(archive.db(), sql));
  TRY(stmt.Step());
  return stmt.Int(0);
}

// The outcomes of tries that failed, as the crawl loop retries them (an http_error that is not
// a 4xx is a 5xx, a 429 or a partial 206).
bool IsFailedTry(const std::string& outcome) {
  return outcome == "network" || outcome == "timeout" || outcome == "too_large" ||
         outcome == "http_error";
}

// The kind of run its options JSON names ("command": "import-warc"); crawl runs name none.
std::string RunKindOf(const std::optional<std::string>& options) {
  if (!options) return kCrawlRunKind;
  auto json = nlohmann::json::parse(*options, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return kCrawlRunKind;
  auto it = json.find("command");
  if (it == json.end() || !it->is_string() || it->get<std::string>().empty()) return kCrawlRunKind;
  return it->get<std::string>();
}

// crawl_runs.offsite_hosts as written by Archive::FinishRun; a damaged value reads as none.
std::vector<OffsiteHostCount> ParseOffsiteHosts(const std::optional<std::string>& text) {
  std::vector<OffsiteHostCount> hosts;
  if (!text) return hosts;
  auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_array()) return hosts;
  for (const auto& h : json) {
    if (!h.is_object()) continue;
    hosts.push_back(OffsiteHostCount{h.value("host", ""), h.value("links", int64_t{0}),
                                     h.value("example", ""), h.value("discovered_from", "")});
  }
  return hosts;
}

void AddCoverage(FieldCoverage& total, const FieldCoverage& c) {
  total.articles += c.articles;
  total.published_date += c.published_date;
  total.source += c.source;
  total.author += c.author;
  total.views += c.views;
}

util::Result<WorkLeft> ReadWorkLeft(const Archive& archive, int version) {
  WorkLeft work;
  // Archives before schema 3 kept no failed tries: none of their queued URLs is retrying.
  TRY_ASSIGN(
      Statement stmt,
      Statement::Prepare(archive.db(),
                         version >= kRetrySchemaVersion
                             ? "SELECT host, sum(state = 'queued'), "
                               "sum(state = 'queued' AND attempts > 0), sum(state = 'in_flight'), "
                               "sum(state = 'failed') FROM frontier "
                               "WHERE state IN ('queued', 'in_flight', 'failed') GROUP BY host"
                             : "SELECT host, sum(state = 'queued'), 0, sum(state = 'in_flight'), "
                               "sum(state = 'failed') FROM frontier "
                               "WHERE state IN ('queued', 'in_flight', 'failed') GROUP BY host"));
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    HostWork host{stmt.Text(0), {stmt.Int(1), stmt.Int(2), stmt.Int(3), stmt.Int(4)}};
    work.total.queued += host.counts.queued;
    work.total.retrying += host.counts.retrying;
    work.total.in_flight += host.counts.in_flight;
    work.total.failed += host.counts.failed;
    work.hosts.push_back(std::move(host));
  }
  // Most work first; ties by host (the query's order).
  std::stable_sort(work.hosts.begin(), work.hosts.end(), [](const HostWork& a, const HostWork& b) {
    return a.counts.queued + a.counts.in_flight > b.counts.queued + b.counts.in_flight;
  });
  return work;
}

// The runs newest first (at most `max_runs`), and every run added up by kind.
util::Result<void> ReadRuns(const Archive& archive, int version, size_t max_runs,
                            ArchiveStats& stats) {
  // A read-only archive may be older than version 7 (stats does not upgrade it). Only options
  // naming a command are read (a crawl's list its seeds).
  bool has_offsite = version >= kOffsiteSchemaVersion;
  std::string sql =
      std::string(
          "SELECT id, started_at, finished_at, status, fetched, articles_new, "
          "articles_changed, errors, skipped, ") +
      kDurationSql + ", CASE WHEN instr(options, '\"command\"') > 0 THEN options END" +
      (has_offsite ? ", offsite_links, offsite_hosts" : "") + " FROM crawl_runs ORDER BY id DESC";
  TRY_ASSIGN(Statement stmt, Statement::Prepare(archive.db(), sql));
  std::map<std::string, RunTotals> totals;
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    RunSummary run;
    run.id = stmt.Int(0);
    run.started_at = stmt.Text(1);
    run.finished_at = stmt.OptionalText(2);
    run.status = stmt.Text(3);
    run.counts = RunCounts{stmt.Int(4), stmt.Int(5), stmt.Int(6), stmt.Int(7), stmt.Int(8)};
    run.duration_seconds = stmt.OptionalInt(9);
    run.kind = RunKindOf(stmt.OptionalText(10));
    RunTotals& t = totals[run.kind];
    t.kind = run.kind;
    ++t.runs;
    t.seconds += run.duration_seconds.value_or(0);
    t.fetched += run.counts.fetched;
    t.articles_new += run.counts.articles_new;
    t.articles_changed += run.counts.articles_changed;
    t.errors += run.counts.errors;
    if (stats.runs.size() >= max_runs) continue;
    if (has_offsite) {
      run.offsite.links = stmt.Int(11);
      run.offsite.hosts = ParseOffsiteHosts(stmt.OptionalText(12));
    }
    stats.runs.push_back(std::move(run));
  }
  if (auto crawl = totals.find(kCrawlRunKind); crawl != totals.end()) {
    stats.run_totals.push_back(std::move(crawl->second));
    totals.erase(crawl);
  }
  for (auto& [kind, t] : totals) stats.run_totals.push_back(std::move(t));
  // The 4xx answers of the runs shown (fetches_run index).
  TRY_ASSIGN(Statement http_4xx,
             Statement::Prepare(archive.db(), std::string("SELECT count(*) FROM fetches "
                                                          "WHERE run_id = ?1 AND ") +
                                                  kHttp4xxSql));
  for (RunSummary& run : stats.runs) {
    http_4xx.Reset();
    TRY(http_4xx.Bind(1, run.id).Step());
    run.http_4xx = http_4xx.Int(0);
  }
  return {};
}

}  // namespace

util::Result<ArchiveStats> ReadArchiveStats(const Archive& archive, size_t max_runs) {
  TRY_ASSIGN(Transaction read, archive.BeginRead());
  TRY_ASSIGN(int version, SchemaVersionOf(archive.db()));
  std::map<std::string, SiteStats> sites;
  {
    // Field coverage in the same pass: a field counts when it holds something.
    TRY_ASSIGN(Statement stmt,
               Statement::Prepare(archive.db(),
                                  "SELECT a.site, count(*), min(a.published_date), "
                                  "max(a.published_date), "
                                  "(SELECT count(*) FROM article_versions v JOIN articles b "
                                  "ON b.id = v.article_id WHERE b.site = a.site), "
                                  "count(NULLIF(a.published_date, '')), "
                                  "count(NULLIF(a.source, '')), count(NULLIF(a.author, '')), "
                                  "count(a.views) "
                                  "FROM articles a GROUP BY a.site"));
    while (true) {
      TRY_ASSIGN(bool has_row, stmt.Step());
      if (!has_row) break;
      SiteStats& entry = SiteEntry(sites, stmt.Text(0));
      entry.articles = stmt.Int(1);
      entry.first_published = stmt.OptionalText(2);
      entry.last_published = stmt.OptionalText(3);
      entry.versions = stmt.Int(4);
      entry.coverage =
          FieldCoverage{entry.articles, stmt.Int(5), stmt.Int(6), stmt.Int(7), stmt.Int(8)};
    }
  }
  {
    TRY_ASSIGN(Statement stmt,
               Statement::Prepare(archive.db(),
                                  std::string("SELECT site, outcome, count(*), max(started_at), "
                                              "sum(") +
                                      kHttp4xxSql + ") FROM fetches GROUP BY site, outcome"));
    while (true) {
      TRY_ASSIGN(bool has_row, stmt.Step());
      if (!has_row) break;
      SiteStats& entry = SiteEntry(sites, stmt.Text(0));
      std::string outcome = stmt.Text(1);
      int64_t count = stmt.Int(2);
      entry.outcomes[outcome] = count;
      std::string last = stmt.Text(3);
      if (!entry.last_fetch_at || *entry.last_fetch_at < last) entry.last_fetch_at = last;
      int64_t http_4xx = stmt.Int(4);
      entry.http_4xx += http_4xx;
      if (IsFailedTry(outcome)) entry.failed_tries += count - http_4xx;
    }
  }
  TRY_ASSIGN(auto removals, ReadRemovalCounts(archive));
  ArchiveStats stats;
  for (const auto& [site, counts] : removals) {
    SiteEntry(sites, site).removal = counts;
    stats.removal.removed += counts.removed;
    stats.removal.pending += counts.pending;
  }
  TRY_ASSIGN(stats.work_left, ReadWorkLeft(archive, version));
  for (const HostWork& host : stats.work_left.hosts) {
    // A site is a frontier host: its URLs that failed for good are its errors.
    if (auto it = sites.find(host.host); it != sites.end()) it->second.errors = host.counts.failed;
  }
  for (auto& [site, entry] : sites) {
    AddCoverage(stats.coverage, entry.coverage);
    stats.sites.push_back(std::move(entry));
  }
  TRY(ReadRuns(archive, version, max_runs, stats));
  TRY_ASSIGN(stats.captures, CountOf(archive, "SELECT count(*) FROM captures"));
  TRY_ASSIGN(stats.fetches, CountOf(archive, "SELECT count(*) FROM fetches"));
  if (version >= kHostHealthSchemaVersion) {
    TRY_ASSIGN(std::vector<HostHealthRow> health, LoadHostHealth(archive));
    for (HostHealthRow& row : health) {
      if (!row.parked_at) continue;
      for (HostWork& work : stats.work_left.hosts) {
        if (work.host == row.host) work.parked = true;
      }
      stats.parked_hosts.push_back(std::move(row));
    }
  }
  return stats;
}

util::Result<RunProgress> ReadRunProgress(const Archive& archive, int64_t run_id) {
  // A URL failed for good in this run is in state failed with a fetch of this run: the loop
  // finishes an entry only once its fetch is archived, and a URL that failed in an earlier run
  // and has a fetch of this one was queued again (a seed or listing revisited) and failed again.
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                "SELECT (SELECT count(*) FROM frontier "
                                "WHERE state IN ('queued', 'in_flight')), "
                                "(SELECT count(*) FROM frontier "
                                "WHERE state IN ('queued', 'in_flight') AND attempts > 0), "
                                "(SELECT count(*) FROM frontier f WHERE f.state = 'failed' AND "
                                "EXISTS (SELECT 1 FROM fetches x WHERE x.url = f.url "
                                "AND x.run_id = ?1))"));
  TRY(stmt.Bind(1, run_id).Step());
  return RunProgress{stmt.Int(0), stmt.Int(1), stmt.Int(2)};
}

}  // namespace storage
