#include "cli/run_search.h"

#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "cli/app_options.h"
#include "cli/archive_errors.h"
#include "storage/archive.h"
#include "storage/archive_search.h"
#include "storage/search_query.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {

namespace {

// "57 matches", "1 match".
std::string Matches(int64_t n) { return std::to_string(n) + (n == 1 ? " match" : " matches"); }

void PrintHit(const storage::SearchHit& hit, const std::string& format) {
  if (format == "jsonl") {
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

}  // namespace

int RunSearch(const SearchCommandOptions& options) {
  // A malformed query is a usage error whatever the archive; checked before opening it.
  if (auto parsed = storage::ParseSearchQuery(options.query); !parsed) {
    util::LogError("search: " + parsed.error().message);
    return util::kExitUsage;
  }
  auto archive = storage::Archive::Open(options.db, {.read_only = true});
  if (!archive) return ReportArchiveOpenError(options.db, archive.error());
  auto results = storage::SearchArticles(
      *archive, {options.query, options.site, options.limit, options.count_only});
  if (!results) {
    if (results.error().code == util::ErrorCode::kUsage) {
      util::LogError("search: " + results.error().message);
      return util::kExitUsage;
    }
    return ReportArchiveReadError(options.db, results.error());
  }
  if (results->note) util::LogWarning(*results->note);
  if (options.count_only) {
    std::cout << results->total << "\n";
    return util::kExitOk;
  }
  for (const auto& hit : results->hits) PrintHit(hit, options.format);
  auto shown = static_cast<int64_t>(results->hits.size());
  bool cut = shown < results->total;
  if (options.format == "text") {
    if (results->total == 0) {
      std::cout << "No matches.\n";
    } else if (cut) {
      std::cout << Matches(results->total) << ", showing " << shown << " of " << results->total
                << " (--limit " << options.limit << ")\n";
    } else {
      std::cout << Matches(results->total) << "\n";
    }
  } else if (cut) {
    // JSONL keeps to hits; that some were left out goes to stderr.
    util::LogWarning("search: showing " + std::to_string(shown) + " of " + Matches(results->total) +
                     " (--limit " + std::to_string(options.limit) + ")");
  }
  return util::kExitOk;
}

void SetupSearch(CLI::App& app, RunState& state) {
  auto options = std::make_shared<SearchCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "search",
      "Search archived titles and bodies. Every term is a substring to find:\n"
      "  商会 招商         both terms (words separated by spaces must all match)\n"
      "  招商 OR 引资      either term (OR binds tighter than spaces: a b OR c = a AND (b OR c))\n"
      "  -广告, NOT 广告   without this term\n"
      "  \"招商 引资\"       a phrase, spaces kept (“…” too); quote a term that starts with -\n"
      "  (a OR b) -c       parentheses group\n"
      "OR, AND and NOT are operators in capitals only. Traditional and simplified characters,\n"
      "full-width and ASCII letters and digits, upper and lower case match each other (商會\n"
      "finds 商会). Terms of 3+ characters use the trigram index (best matches first); a\n"
      "query with no such term to narrow it (e.g. 招商) reads every article (newest first).\n"
      "Matches are shown in [brackets]; text output ends with the number of matches. A query\n"
      "that starts with - goes after --: newsarc search --db F -- -广告 招商");
  sub->add_option("--db", options->db, "Archive file (SQLite)")->required();
  // Several words are one query: `search --db F 商会 招商` is `search --db F "商会 招商"`.
  auto words = std::make_shared<std::vector<std::string>>();
  sub->add_option("query", *words,
                  "What to find; several words are one query (joined with spaces). A phrase "
                  "keeps its quotes through the shell ('\"招商 引资\"'); put -- before a query "
                  "that starts with -")
      ->required();
  sub->add_option("--site", options->site, "Only articles of this host");
  sub->add_option("--limit", options->limit, "At most this many results")
      ->check(WholeNumberAtLeast(1))
      ->capture_default_str();
  sub->add_option("--format", options->format, "Output format (jsonl: one hit per line, no count)")
      ->check(CLI::IsMember({"text", "jsonl"}))
      ->capture_default_str();
  sub->add_flag("--count", options->count_only, "Print only the number of matches");
  sub->callback([options, words, &state] {
    options->query.clear();
    for (const std::string& word : *words) {
      options->query += (options->query.empty() ? "" : " ") + word;
    }
    state.exit_code = RunSearch(*options);
  });
}

}  // namespace cli
