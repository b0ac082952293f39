#include "storage/archive_stats.h"

#include <nlohmann/json.hpp>

#include "storage/migrations.h"

namespace storage {
namespace {

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

// The first schema with crawl_runs.offsite_links and offsite_hosts.
constexpr int kOffsiteSchemaVersion = 7;
// The first schema with host_health.
constexpr int kHostHealthSchemaVersion = 10;

}  // namespace

util::Result<ArchiveStats> ReadArchiveStats(const Archive& archive, size_t max_runs) {
  TRY_ASSIGN(Transaction read, archive.BeginRead());
  std::map<std::string, SiteStats> sites;
  {
    TRY_ASSIGN(Statement stmt,
               Statement::Prepare(archive.db(),
                                  "SELECT a.site, count(*), min(a.published_date), "
                                  "max(a.published_date), "
                                  "(SELECT count(*) FROM article_versions v JOIN articles b "
                                  "ON b.id = v.article_id WHERE b.site = a.site) "
                                  "FROM articles a GROUP BY a.site"));
    while (true) {
      TRY_ASSIGN(bool has_row, stmt.Step());
      if (!has_row) break;
      SiteStats& entry = SiteEntry(sites, stmt.Text(0));
      entry.articles = stmt.Int(1);
      entry.first_published = stmt.OptionalText(2);
      entry.last_published = stmt.OptionalText(3);
      entry.versions = stmt.Int(4);
    }
  }
  {
    TRY_ASSIGN(Statement stmt, Statement::Prepare(archive.db(),
                                                  "SELECT site, outcome, count(*), max(started_at) "
                                                  "FROM fetches GROUP BY site, outcome"));
    while (true) {
      TRY_ASSIGN(bool has_row, stmt.Step());
      if (!has_row) break;
      SiteStats& entry = SiteEntry(sites, stmt.Text(0));
      entry.outcomes[stmt.Text(1)] = stmt.Int(2);
      std::string last = stmt.Text(3);
      if (!entry.last_fetch_at || *entry.last_fetch_at < last) entry.last_fetch_at = last;
    }
  }
  ArchiveStats stats;
  for (auto& [site, entry] : sites) stats.sites.push_back(std::move(entry));
  {
    // A read-only archive may be older than version 7 (stats does not upgrade it).
    TRY_ASSIGN(int version, SchemaVersionOf(archive.db()));
    bool has_offsite = version >= kOffsiteSchemaVersion;
    TRY_ASSIGN(
        Statement stmt,
        Statement::Prepare(archive.db(),
                           has_offsite ? "SELECT id, started_at, finished_at, status, fetched, "
                                         "articles_new, articles_changed, errors, skipped, "
                                         "offsite_links, offsite_hosts "
                                         "FROM crawl_runs ORDER BY id DESC LIMIT ?1"
                                       : "SELECT id, started_at, finished_at, status, fetched, "
                                         "articles_new, articles_changed, errors, skipped "
                                         "FROM crawl_runs ORDER BY id DESC LIMIT ?1"));
    stmt.Bind(1, static_cast<int64_t>(max_runs));
    while (true) {
      TRY_ASSIGN(bool has_row, stmt.Step());
      if (!has_row) break;
      RunSummary run{stmt.Int(0),
                     stmt.Text(1),
                     stmt.OptionalText(2),
                     stmt.Text(3),
                     RunCounts{stmt.Int(4), stmt.Int(5), stmt.Int(6), stmt.Int(7), stmt.Int(8)},
                     RunOffsite{}};
      if (has_offsite) {
        run.offsite.links = stmt.Int(9);
        run.offsite.hosts = ParseOffsiteHosts(stmt.OptionalText(10));
      }
      stats.runs.push_back(std::move(run));
    }
  }
  TRY_ASSIGN(stats.captures, CountOf(archive, "SELECT count(*) FROM captures"));
  TRY_ASSIGN(stats.fetches, CountOf(archive, "SELECT count(*) FROM fetches"));
  TRY_ASSIGN(int version, SchemaVersionOf(archive.db()));
  if (version >= kHostHealthSchemaVersion) {
    TRY_ASSIGN(std::vector<HostHealthRow> health, LoadHostHealth(archive));
    for (HostHealthRow& row : health) {
      if (row.parked_at) stats.parked_hosts.push_back(std::move(row));
    }
  }
  return stats;
}

}  // namespace storage
