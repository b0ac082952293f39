#include "cli/run_stats.h"

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/app_options.h"
#include "storage/archive.h"
#include "storage/archive_stats.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {
namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
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
                        {"skipped", r.counts.skipped}});
  }
  return Json{
      {"sites", sites}, {"runs", runs}, {"captures", stats.captures}, {"fetches", stats.fetches}};
}

void PrintText(const storage::ArchiveStats& stats, std::ostream& out) {
  if (stats.sites.empty()) out << "No sites archived yet.\n";
  for (const auto& s : stats.sites) {
    out << s.site << "\n";
    out << "  articles: " << s.articles << " (" << s.versions << " versions)\n";
    out << "  published: " << s.first_published.value_or("?") << " .. "
        << s.last_published.value_or("?") << "\n";
    out << "  last fetch: " << s.last_fetch_at.value_or("never") << "\n";
    out << "  fetches:";
    if (s.outcomes.empty()) out << " none";
    for (const auto& [outcome, count] : s.outcomes) out << " " << outcome << "=" << count;
    out << "\n";
  }
  out << "\nCaptures: " << stats.captures << ", fetches: " << stats.fetches << "\n";
  out << "\nRecent runs:\n";
  if (stats.runs.empty()) out << "  none\n";
  for (const auto& r : stats.runs) {
    out << "  #" << r.id << " " << r.started_at << " .. " << r.finished_at.value_or("(running)")
        << " " << r.status << ": fetched " << r.counts.fetched << ", new " << r.counts.articles_new
        << ", changed " << r.counts.articles_changed << ", errors " << r.counts.errors
        << ", skipped " << r.counts.skipped << "\n";
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
