#include "cli/run_search.h"

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/app_options.h"
#include "storage/archive.h"
#include "storage/archive_search.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {

int RunSearch(const SearchCommandOptions& options) {
  if (options.query.empty()) {
    util::LogError("search: the query is empty");
    return util::kExitUsage;
  }
  auto archive = storage::Archive::Open(options.db, {.read_only = true});
  if (!archive) {
    util::LogError(archive.error().message);
    return util::kExitUsage;
  }
  auto hits = storage::SearchArticles(*archive, {options.query, options.site, options.limit});
  if (!hits) {
    util::LogError("search failed: " + hits.error().message);
    return util::kExitFailure;
  }
  for (const auto& hit : *hits) {
    if (options.format == "jsonl") {
      nlohmann::ordered_json j{
          {"url", hit.url},
          {"site", hit.site},
          {"title", hit.title ? nlohmann::ordered_json(*hit.title) : nullptr},
          {"published_date",
           hit.published_date ? nlohmann::ordered_json(*hit.published_date) : nullptr},
          {"snippet", hit.snippet},
          {"score", hit.score}};
      std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      std::cout << hit.published_date.value_or("----------") << "  "
                << hit.title.value_or("(no title)") << "\n  " << hit.url << "\n  " << hit.snippet
                << "\n\n";
    }
  }
  if (options.format == "text" && hits->empty()) std::cout << "No matches.\n";
  return util::kExitOk;
}

void SetupSearch(CLI::App& app, RunState& state) {
  auto options = std::make_shared<SearchCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "search",
      "Search archived titles and bodies. The query is one phrase matched as a substring;\n"
      "3+ characters use the trigram full-text index (best matches first), shorter queries\n"
      "(e.g. 招商) a slower scan (newest first). Matches are shown in [brackets].");
  sub->add_option("--db", options->db, "Archive file (SQLite)")->required();
  sub->add_option("query", options->query, "Text to find")->required();
  sub->add_option("--site", options->site, "Only articles of this host");
  sub->add_option("--limit", options->limit, "At most this many results")
      ->check(WholeNumberAtLeast(1))
      ->capture_default_str();
  sub->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "jsonl"}))
      ->capture_default_str();
  sub->callback([options, &state] { state.exit_code = RunSearch(*options); });
}

}  // namespace cli
