#include "cli/run_stats.h"

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/app_options.h"
#include "cli/json_output.h"
#include "storage/archive.h"
#include "storage/archive_stats.h"
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

Json StatsJson(const storage::ArchiveStats& stats) {
  Json sites = Json::array();
  for (const auto& s : stats.sites) {
    sites.push_back(Json{{"site", s.site},
                         {"articles", s.articles},
                         {"versions", s.versions},
                         {"last_fetch_at", OrNull(s.last_fetch_at)},
                         {"outcomes", s.outcomes},
                         {"first_published", OrNull(s.first_published)},
                         {"last_published", OrNull(s.last_published)}});
  }
  Json runs = Json::array();
  for (const auto& r : stats.runs) {
    runs.push_back(Json{{"id", r.id},
                        {"started_at", r.started_at},
                        {"finished_at", OrNull(r.finished_at)},
                        {"status", r.status},
                        {"fetched", r.counts.fetched},
                        {"articles_new", r.counts.articles_new},
                        {"articles_changed", r.counts.articles_changed},
                        {"errors", r.counts.errors},
                        {"skipped", r.counts.skipped},
                        {"offsite_links", r.offsite.links},
                        {"offsite_hosts", OffsiteHostsJson(r.offsite)}});
  }
  Json parked = Json::array();
  for (const auto& h : stats.parked_hosts) {
    parked.push_back(Json{{"host", h.host},
                          {"failed_runs", h.consecutive_failed_runs},
                          {"parked_at", OrNull(h.parked_at)},
                          {"last_error", h.last_error}});
  }
  return Json{{"sites", sites},
              {"runs", runs},
              {"captures", stats.captures},
              {"fetches", stats.fetches},
              {"parked_hosts", parked}};
}

// Outcomes with their own column; every other outcome is an error kind, summed under ERRORS
// and listed by kind below the table.
constexpr const char* kOkOutcome = "ok";
constexpr const char* kNotModifiedOutcome = "not_modified";
constexpr const char* kRobotsOutcome = "robots_disallowed";
// Off-site hosts of the last run named in the text view.
constexpr size_t kOffsiteHostsShown = 20;

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

void PrintText(const storage::ArchiveStats& stats, std::ostream& out) {
  out << "Sites\n";
  if (stats.sites.empty()) {
    out << "  No sites archived yet.\n";
  } else {
    TextTable sites({"SITE", "ARTICLES", "VERSIONS", "PUBLISHED", "LAST FETCH", "OK",
                     "NOT MODIFIED", "ROBOTS", "ERRORS"},
                    {false, true, true, false, false, true, true, true, true});
    std::vector<std::string> error_lines;
    for (const auto& s : stats.sites) {
      int64_t errors = 0;
      std::string kinds;
      for (const auto& [outcome, count] : s.outcomes) {
        if (outcome == kOkOutcome || outcome == kNotModifiedOutcome || outcome == kRobotsOutcome) {
          continue;
        }
        errors += count;
        kinds += " " + outcome + "=" + std::to_string(count);
      }
      if (!kinds.empty()) error_lines.push_back(s.site + ":" + kinds);
      std::string published =
          s.first_published || s.last_published
              ? s.first_published.value_or("?") + " .. " + s.last_published.value_or("?")
              : "-";
      sites.Add({s.site, std::to_string(s.articles), std::to_string(s.versions), published,
                 s.last_fetch_at.value_or("never"), std::to_string(OutcomeCount(s, kOkOutcome)),
                 std::to_string(OutcomeCount(s, kNotModifiedOutcome)),
                 std::to_string(OutcomeCount(s, kRobotsOutcome)), std::to_string(errors)});
    }
    sites.Print(out, "  ");
    if (!error_lines.empty()) {
      out << "\nErrors by kind\n";
      for (const auto& line : error_lines) out << "  " << line << "\n";
    }
  }
  out << "\nCaptures: " << stats.captures << ", fetches: " << stats.fetches << "\n";
  if (!stats.parked_hosts.empty()) {
    // Hosts later runs skip: revived by crawl --retry-host, their queue dropped by --forget-host.
    out << "\nParked hosts: " << stats.parked_hosts.size()
        << " (no answer in several runs in a row; crawl --retry-host HOST tries one again, "
           "--forget-host HOST drops its queue)\n";
    TextTable parked({"HOST", "FAILED RUNS", "PARKED AT", "LAST ERROR"},
                     {false, true, false, false});
    for (const auto& h : stats.parked_hosts) {
      parked.Add({h.host, std::to_string(h.consecutive_failed_runs), h.parked_at.value_or(""),
                  h.last_error});
    }
    parked.Print(out, "  ");
  }
  out << "\nRecent runs\n";
  if (stats.runs.empty()) {
    out << "  none\n";
    return;
  }
  TextTable runs(
      {"RUN", "STARTED", "FINISHED", "STATUS", "FETCHED", "NEW", "CHANGED", "ERRORS", "SKIPPED"},
      {true, false, false, false, true, true, true, true, true});
  for (const auto& r : stats.runs) {
    runs.Add({"#" + std::to_string(r.id), r.started_at, r.finished_at.value_or("(running)"),
              r.status, std::to_string(r.counts.fetched), std::to_string(r.counts.articles_new),
              std::to_string(r.counts.articles_changed), std::to_string(r.counts.errors),
              std::to_string(r.counts.skipped)});
  }
  runs.Print(out, "  ");
  // The hosts the last run did not follow links to: what the scope left out.
  const storage::RunSummary& last = stats.runs.front();
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

}  // namespace

int RunStats(const StatsCommandOptions& options) {
  auto archive = storage::Archive::Open(options.db, {.read_only = true});
  if (!archive) {
    util::LogError(archive.error().message);
    return util::kExitUsage;
  }
  auto stats = storage::ReadArchiveStats(*archive);
  if (!stats) {
    util::LogError("stats failed: " + stats.error().message);
    return util::kExitFailure;
  }
  if (options.json) {
    std::cout << StatsJson(*stats).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    PrintText(*stats, std::cout);
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
