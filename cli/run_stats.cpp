#include "cli/run_stats.h"

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/app_options.h"
#include "cli/archive_errors.h"
#include "cli/json_output.h"
#include "storage/archive.h"
#include "storage/archive_stats.h"
#include "storage/fixity.h"
#include "util/duration.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {
namespace {

Json OffsiteHostsJson(const storage::RunOffsite& offsite) {
  Json hosts = Json::array();
  for (const auto& h : offsite.hosts) {
    hosts.push_back(Json{{"host", h.host},
                         {"links", h.links},
                         {"example", h.example_url},
                         {"discovered_from", h.discovered_from}});
  }
  return hosts;
}

Json CoverageJson(const storage::FieldCoverage& c) {
  return Json{{"articles", c.articles},
              {"published_date", c.published_date},
              {"source", c.source},
              {"author", c.author},
              {"views", c.views}};
}

Json FrontierCountsJson(const storage::FrontierCounts& c) {
  return Json{{"queued", c.queued},
              {"retrying", c.retrying},
              {"in_flight", c.in_flight},
              {"failed", c.failed}};
}

Json StatsJson(const storage::ArchiveStats& stats) {
  Json sites = Json::array();
  for (const auto& s : stats.sites) {
    sites.push_back(Json{{"site", s.site},
                         {"articles", s.articles},
                         {"versions", s.versions},
                         {"last_fetch_at", OrNull(s.last_fetch_at)},
                         {"outcomes", s.outcomes},
                         {"http_4xx", s.http_4xx},
                         {"failed_tries", s.failed_tries},
                         {"errors", s.errors},
                         {"removed", s.removal.removed},
                         {"seen_gone", s.removal.pending},
                         {"first_published", OrNull(s.first_published)},
                         {"last_published", OrNull(s.last_published)},
                         {"coverage", CoverageJson(s.coverage)}});
  }
  Json work_left = FrontierCountsJson(stats.work_left.total);
  Json work_hosts = Json::array();
  for (const auto& h : stats.work_left.hosts) {
    Json host = Json{{"host", h.host}};
    host.update(FrontierCountsJson(h.counts));
    host["parked"] = h.parked;
    work_hosts.push_back(std::move(host));
  }
  work_left["hosts"] = std::move(work_hosts);
  Json runs = Json::array();
  for (const auto& r : stats.runs) {
    runs.push_back(Json{{"id", r.id},
                        {"kind", r.kind},
                        {"started_at", r.started_at},
                        {"finished_at", OrNull(r.finished_at)},
                        {"duration_seconds", OrNull(r.duration_seconds)},
                        {"status", r.status},
                        {"fetched", r.counts.fetched},
                        {"articles_new", r.counts.articles_new},
                        {"articles_changed", r.counts.articles_changed},
                        {"http_4xx", r.http_4xx},
                        {"errors", r.counts.errors},
                        {"skipped", r.counts.skipped},
                        {"offsite_links", r.offsite.links},
                        {"offsite_hosts", OffsiteHostsJson(r.offsite)}});
  }
  Json totals = Json::array();
  for (const auto& t : stats.run_totals) {
    totals.push_back(Json{{"kind", t.kind},
                          {"runs", t.runs},
                          {"duration_seconds", t.seconds},
                          {"fetched", t.fetched},
                          {"articles_new", t.articles_new},
                          {"articles_changed", t.articles_changed},
                          {"errors", t.errors}});
  }
  Json parked = Json::array();
  for (const auto& h : stats.parked_hosts) {
    parked.push_back(Json{{"host", h.host},
                          {"failed_runs", h.consecutive_failed_runs},
                          {"parked_at", OrNull(h.parked_at)},
                          {"last_error", h.last_error}});
  }
  return Json{
      {"sites", sites},
      {"coverage", CoverageJson(stats.coverage)},
      {"removed", Json{{"articles", stats.removal.removed}, {"seen_gone", stats.removal.pending}}},
      {"work_left", work_left},
      {"runs", runs},
      {"run_totals", totals},
      {"captures", stats.captures},
      {"fetches", stats.fetches},
      {"parked_hosts", parked}};
}

// Outcomes with their own column; the others are listed by kind below the table.
constexpr const char* kOkOutcome = "ok";
constexpr const char* kNotModifiedOutcome = "not_modified";
constexpr const char* kRobotsOutcome = "robots_disallowed";
// Off-site hosts of the last run named in the text view.
constexpr size_t kOffsiteHostsShown = 20;
// Hosts with work left named in the text view (the most first).
constexpr size_t kWorkHostsShown = 5;

// A plain-text table: columns padded to their widest cell, numbers right-aligned. Cells are
// ASCII (hosts, dates, counts), so bytes are display columns.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header, std::vector<bool> right_aligned)
      : right_aligned_(std::move(right_aligned)) {
    rows_.push_back(std::move(header));
  }
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print(std::ostream& out, const std::string& indent = "") const {
    std::vector<size_t> widths(rows_[0].size(), 0);
    for (const auto& row : rows_) {
      for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
    }
    for (const auto& row : rows_) {
      std::string line = indent;
      for (size_t i = 0; i < row.size(); ++i) {
        std::string pad(widths[i] - row[i].size(), ' ');
        if (i > 0) line += "  ";
        line += right_aligned_[i] ? pad + row[i] : row[i] + (i + 1 < row.size() ? pad : "");
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();  // an empty last cell
      out << line << "\n";
    }
  }

 private:
  std::vector<bool> right_aligned_;
  std::vector<std::vector<std::string>> rows_;
};

int64_t OutcomeCount(const storage::SiteStats& s, const char* outcome) {
  auto it = s.outcomes.find(outcome);
  return it == s.outcomes.end() ? 0 : it->second;
}

// "97%": the share of `total` that `n` is, rounded down (100% only when all are).
std::string Percent(int64_t n, int64_t total) {
  if (total <= 0) return "-";
  return std::to_string(n * 100 / total) + "%";
}

std::string Plural(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void PrintSites(const storage::ArchiveStats& stats, std::ostream& out) {
  out << "Sites\n";
  if (stats.sites.empty()) {
    out << "  No sites archived yet.\n";
    return;
  }
  TextTable sites({"SITE", "ARTICLES", "VERSIONS", "PUBLISHED", "LAST FETCH", "OK", "NOT MODIFIED",
                   "4XX", "ROBOTS", "FAILED TRIES", "ERRORS"},
                  {false, true, true, false, false, true, true, true, true, true, true});
  std::vector<std::string> other_lines;
  for (const auto& s : stats.sites) {
    std::string kinds;
    for (const auto& [outcome, count] : s.outcomes) {
      if (outcome == kOkOutcome || outcome == kNotModifiedOutcome || outcome == kRobotsOutcome) {
        continue;
      }
      kinds += " " + outcome + "=" + std::to_string(count);
    }
    if (!kinds.empty()) other_lines.push_back(s.site + ":" + kinds);
    std::string published =
        s.first_published || s.last_published
            ? s.first_published.value_or("?") + " .. " + s.last_published.value_or("?")
            : "-";
    sites.Add({s.site, std::to_string(s.articles), std::to_string(s.versions), published,
               s.last_fetch_at.value_or("never"), std::to_string(OutcomeCount(s, kOkOutcome)),
               std::to_string(OutcomeCount(s, kNotModifiedOutcome)), std::to_string(s.http_4xx),
               std::to_string(OutcomeCount(s, kRobotsOutcome)), std::to_string(s.failed_tries),
               std::to_string(s.errors)});
  }
  sites.Print(out, "  ");
  out << "  OK, NOT MODIFIED, 4XX, ROBOTS and FAILED TRIES count fetches; 4XX (404, 410, 403) is "
         "a page gone\n"
         "  or refused, not an error. FAILED TRIES: network, timeout, 5xx, 429, too large, "
         "retries included.\n"
         "  ERRORS: URLs that failed for good (after every retry), as runs count them.\n";
  if (!other_lines.empty()) {
    out << "\nOther outcomes by kind (fetches; http_error includes the 4XX)\n";
    for (const auto& line : other_lines) out << "  " << line << "\n";
  }
}

void PrintCoverage(const storage::ArchiveStats& stats, std::ostream& out) {
  if (stats.coverage.articles == 0) return;
  out << "\nField coverage (share of current articles with the field)\n";
  TextTable table({"SITE", "ARTICLES", "DATE", "SOURCE", "AUTHOR", "VIEWS"},
                  {false, true, true, true, true, true});
  auto add = [&table](const std::string& name, const storage::FieldCoverage& c) {
    table.Add({name, std::to_string(c.articles), Percent(c.published_date, c.articles),
               Percent(c.source, c.articles), Percent(c.author, c.articles),
               Percent(c.views, c.articles)});
  };
  size_t with_articles = 0;
  for (const auto& s : stats.sites) {
    if (s.coverage.articles == 0) continue;
    add(s.site, s.coverage);
    ++with_articles;
  }
  if (with_articles > 1) add("all", stats.coverage);
  table.Print(out, "  ");
}

void PrintRemoved(const storage::ArchiveStats& stats, std::ostream& out) {
  const storage::RemovalCounts& total = stats.removal;
  if (total.removed == 0 && total.pending == 0) return;
  // Removed articles stay in the archive: export --removed only lists them.
  out << "\nRemoved from their sites: " << Plural(total.removed, "article", "articles")
      << ", kept in the archive (export --removed only lists them); " << total.pending
      << " more seen gone, not marked removed until seen gone again after the grace\n";
  TextTable sites({"SITE", "REMOVED", "SEEN GONE"}, {false, true, true});
  for (const auto& s : stats.sites) {
    if (s.removal.removed == 0 && s.removal.pending == 0) continue;
    sites.Add({s.site, std::to_string(s.removal.removed), std::to_string(s.removal.pending)});
  }
  sites.Print(out, "  ");
}

void PrintWorkLeft(const storage::ArchiveStats& stats, std::ostream& out) {
  const storage::WorkLeft& work = stats.work_left;
  const storage::FrontierCounts& t = work.total;
  out << "\nWork left: " << t.queued << " queued";
  if (t.retrying > 0) out << " (" << t.retrying << " of them retrying)";
  out << ", " << t.in_flight << " in flight, " << t.failed << " failed for good\n";
  if (work.hosts.empty()) return;
  TextTable hosts({"HOST", "QUEUED", "RETRYING", "IN FLIGHT", "FAILED", ""},
                  {false, true, true, true, true, false});
  size_t shown = std::min(work.hosts.size(), kWorkHostsShown);
  for (size_t i = 0; i < shown; ++i) {
    const auto& h = work.hosts[i];
    hosts.Add({h.host, std::to_string(h.counts.queued), std::to_string(h.counts.retrying),
               std::to_string(h.counts.in_flight), std::to_string(h.counts.failed),
               h.parked ? "parked" : ""});
  }
  hosts.Print(out, "  ");
  if (work.hosts.size() > shown) {
    out << "  and "
        << Plural(static_cast<int64_t>(work.hosts.size() - shown), "more host", "more hosts")
        << " (stats --json lists them)\n";
  }
}

void PrintParked(const storage::ArchiveStats& stats, std::ostream& out) {
  if (stats.parked_hosts.empty()) return;
  // Hosts later runs skip: revived by crawl --retry-host, their queue dropped by --forget-host.
  out << "\nParked hosts: " << stats.parked_hosts.size()
      << " (no answer in several runs in a row; crawl --retry-host HOST tries one again, "
         "--forget-host HOST drops its queue)\n";
  TextTable parked({"HOST", "FAILED RUNS", "PARKED AT", "LAST ERROR"}, {false, true, false, false});
  for (const auto& h : stats.parked_hosts) {
    parked.Add({h.host, std::to_string(h.consecutive_failed_runs), h.parked_at.value_or(""),
                h.last_error});
  }
  parked.Print(out, "  ");
}

std::string DurationText(const std::optional<int64_t>& seconds) {
  return seconds ? util::FormatClockDuration(*seconds) : "-";
}

void PrintRuns(const storage::ArchiveStats& stats, std::ostream& out) {
  out << "\nRuns\n";
  if (stats.runs.empty()) {
    out << "  none\n";
    return;
  }
  for (const auto& t : stats.run_totals) {
    out << "  " << t.kind << ": " << Plural(t.runs, "run", "runs") << ", "
        << util::FormatClockDuration(t.seconds) << " in all, " << t.fetched << " fetched, "
        << t.articles_new << " new, " << t.articles_changed << " changed, "
        << Plural(t.errors, "error", "errors") << "\n";
  }
  const storage::RunSummary& last = stats.runs.front();
  out << "  Last run: #" << last.id << " " << last.kind << ", " << last.status << ", started "
      << last.started_at;
  if (last.duration_seconds) out << ", took " << util::FormatClockDuration(*last.duration_seconds);
  out << "\n\nRecent runs\n";
  TextTable runs({"RUN", "KIND", "STARTED", "FINISHED", "DURATION", "STATUS", "FETCHED", "NEW",
                  "CHANGED", "4XX", "ERRORS", "SKIPPED"},
                 {true, false, false, false, true, false, true, true, true, true, true, true});
  for (const auto& r : stats.runs) {
    runs.Add({"#" + std::to_string(r.id), r.kind, r.started_at, r.finished_at.value_or("(running)"),
              DurationText(r.duration_seconds), r.status, std::to_string(r.counts.fetched),
              std::to_string(r.counts.articles_new), std::to_string(r.counts.articles_changed),
              std::to_string(r.http_4xx), std::to_string(r.counts.errors),
              std::to_string(r.counts.skipped)});
  }
  runs.Print(out, "  ");
  out << "  ERRORS: a crawl's URLs that failed for good (4XX not counted), an import's records "
         "not imported.\n";
  // The hosts the last run did not follow links to: what the scope left out.
  if (last.offsite.hosts.empty()) return;
  size_t n = last.offsite.hosts.size();
  out << "\nOff-site hosts not followed in run #" << last.id << " (" << n
      << (n == 1 ? " host, " : " hosts, ") << last.offsite.links
      << (last.offsite.links == 1 ? " link)\n" : " links)\n");
  TextTable hosts({"HOST", "LINKS", "EXAMPLE", "LINKED FROM"}, {false, true, false, false});
  size_t shown = std::min(last.offsite.hosts.size(), kOffsiteHostsShown);
  for (size_t i = 0; i < shown; ++i) {
    const auto& h = last.offsite.hosts[i];
    hosts.Add({h.host, std::to_string(h.links), h.example_url, h.discovered_from});
  }
  hosts.Print(out, "  ");
  if (last.offsite.hosts.size() > shown) {
    out << "  and " << last.offsite.hosts.size() - shown << " more (stats --json lists them)\n";
  }
}

// The last `newsarc verify` run (issue #15): when, how much, what failed.
Json LastVerifyJson(const storage::FixityRunSummary& run) {
  const storage::FixityTotals& t = run.totals;
  return Json{{"id", run.id},
              {"started_at", run.started_at},
              {"finished_at", OrNull(run.finished_at)},
              {"sample", run.sample},
              {"captures_checked", t.captures_checked},
              {"captures_failed", t.captures_failed},
              {"warc_records_checked", t.warc_records_checked},
              {"warc_records_failed", t.warc_records_failed},
              {"warc_files_checked", t.warc_files_checked},
              {"warc_files_failed", t.warc_files_failed}};
}

void PrintLastVerify(const storage::FixityRunSummary& run, std::ostream& out) {
  const storage::FixityTotals& t = run.totals;
  out << "\nLast verify: #" << run.id << ", started " << run.started_at;
  if (!run.finished_at) out << " (unfinished)";
  out << ", " << t.captures_checked << " captures checked, " << t.captures_failed << " failed; "
      << t.warc_records_checked << " WARC records checked, " << t.warc_records_failed << " failed";
  if (t.warc_files_failed > 0) out << "; " << t.warc_files_failed << " WARC files damaged";
  out << "\n";
}

void PrintText(const storage::ArchiveStats& stats, std::ostream& out) {
  PrintSites(stats, out);
  PrintCoverage(stats, out);
  PrintRemoved(stats, out);
  PrintWorkLeft(stats, out);
  out << "\nCaptures: " << stats.captures << ", fetches: " << stats.fetches << "\n";
  PrintParked(stats, out);
  PrintRuns(stats, out);
}

}  // namespace

int RunStats(const StatsCommandOptions& options) {
  auto archive = storage::Archive::Open(options.db, {.read_only = true});
  if (!archive) return ReportArchiveOpenError(options.db, archive.error());
  auto stats = storage::ReadArchiveStats(*archive);
  if (!stats) {
    return ReportArchiveReadError(options.db, stats.error());
  }
  auto verify = storage::LastFixityRun(*archive);
  if (!verify) {
    return ReportArchiveReadError(options.db, verify.error());
  }
  if (options.json) {
    Json json = StatsJson(*stats);
    json["last_verify"] = *verify ? LastVerifyJson(**verify) : Json(nullptr);
    std::cout << json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    PrintText(*stats, std::cout);
    if (*verify) PrintLastVerify(**verify, std::cout);
  }
  return util::kExitOk;
}

void SetupStats(CLI::App& app, RunState& state) {
  auto options = std::make_shared<StatsCommandOptions>();
  CLI::App* sub = app.add_subcommand("stats", "Show what an archive holds");
  sub->add_option("--db", options->db, "Archive file (SQLite)")->required();
  sub->add_flag("--json", options->json, "Print JSON instead of a table");
  sub->callback([options, &state] { state.exit_code = RunStats(*options); });
}

}  // namespace cli
