#include "cli/run_urls.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/app_options.h"
#include "cli/archive_errors.h"
#include "cli/json_output.h"
#include "storage/archive.h"
#include "storage/scope_refusals.h"
#include "storage/url_report.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {
namespace {

// A text cell: tabs and line breaks (in error messages) would break the columns.
std::string Cell(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
  return text;
}

std::optional<storage::UrlStateFilter> FilterOf(const std::string& state) {
  if (state == "all") return storage::UrlStateFilter::kAll;
  if (state == "queued") return storage::UrlStateFilter::kQueued;
  if (state == "done") return storage::UrlStateFilter::kDone;
  if (state == "failed") return storage::UrlStateFilter::kFailed;
  if (state == "skipped") return storage::UrlStateFilter::kSkipped;
  if (state == "trap") return storage::UrlStateFilter::kTrap;
  return std::nullopt;
}

void PrintHeader(const UrlsCommandOptions& options) {
  if (options.format == "text" && !options.no_header) {
    std::cout << "URL\tSTATE\tATTEMPTS\tSTATUS\tREASON\n";
  }
}

void PrintRow(const UrlsCommandOptions& options, const storage::UrlListRow& row) {
  if (options.format == "jsonl") {
    Json j{{"url", row.url},
           {"host", row.host},
           {"state", row.state},
           {"reason", row.reason},
           {"attempts", row.attempts},
           {"last_status", OrNull(row.last_status)},
           {"last_outcome", OrNull(row.last_outcome)},
           {"last_fetched_at", OrNull(row.last_fetched_at)},
           {"next_attempt_at", OrNull(row.next_attempt_at)},
           {"kind", row.kind},
           {"discovered_from", OrNull(row.discovered_from)}};
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  std::cout << Cell(row.url) << "\t" << row.state << "\t" << row.attempts << "\t"
            << (row.last_status ? std::to_string(*row.last_status) : "-") << "\t"
            << Cell(row.reason) << "\n";
}

// Off-site hosts are not frontier entries: a run keeps, per host it refused, the number of
// links, one example URL and the page that linked it. One line per host (its latest run).
int ListOffsite(const UrlsCommandOptions& options, const storage::Archive& archive) {
  auto refusals = storage::ReadOffsiteRefusals(archive, options.site);
  if (!refusals) return ReportArchiveReadError(options.db, refusals.error());
  PrintHeader(options);
  for (const auto& r : *refusals) {
    if (options.format == "jsonl") {
      Json j{{"url", r.host.example_url},
             {"host", r.host.host},
             {"state", "off-site"},
             {"reason", "host not in the crawl's scope"},
             {"attempts", 0},
             {"last_status", nullptr},
             {"links", r.host.links},
             {"run_id", r.run_id},
             {"discovered_from", r.host.discovered_from}};
      std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      std::cout << Cell(r.host.example_url) << "\toff-site\t0\t-\thost " << r.host.host
                << " not in scope: " << r.host.links << (r.host.links == 1 ? " link" : " links")
                << " in run #" << r.run_id << ", e.g. from " << Cell(r.host.discovered_from)
                << "\n";
    }
  }
  return util::kExitOk;
}

// Links the crawl's scope refused are not frontier entries either: one line per URL, with the
// reason, the run that last refused it and the page it was found on.
int ListRefused(const UrlsCommandOptions& options, const storage::Archive& archive) {
  auto read = archive.BeginRead();
  if (!read) return ReportArchiveReadError(options.db, read.error());
  auto refusals = storage::ReadScopeRefusals(archive, options.site);
  if (!refusals) return ReportArchiveReadError(options.db, refusals.error());
  PrintHeader(options);
  for (const auto& r : *refusals) {
    if (options.format == "jsonl") {
      Json j{{"url", r.row.url},
             {"host", r.row.host},
             {"state", "refused"},
             {"reason", storage::ScopeRefusalText(r)},
             {"scope_reason", r.row.reason},
             {"detail", r.row.detail},
             {"attempts", 0},
             {"last_status", nullptr},
             {"run_id", OrNull(r.last_run_id)},
             {"first_seen_at", r.first_seen_at},
             {"last_seen_at", r.last_seen_at},
             {"discovered_from", OrNull(r.row.discovered_from)}};
      std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      std::cout << Cell(r.row.url) << "\trefused\t0\t-\t" << Cell(storage::ScopeRefusalText(r))
                << "\n";
    }
  }
  return util::kExitOk;
}

}  // namespace

int RunUrls(const UrlsCommandOptions& options) {
  auto archive = storage::Archive::Open(options.db, {.read_only = true});
  if (!archive) return ReportArchiveOpenError(options.db, archive.error());
  if (options.state == "off-site") return ListOffsite(options, *archive);
  if (options.state == "refused") return ListRefused(options, *archive);

  storage::UrlListQuery query;
  query.state = FilterOf(options.state).value_or(storage::UrlStateFilter::kAll);
  query.host = options.site;
  auto read = archive->BeginRead();
  if (!read) return ReportArchiveReadError(options.db, read.error());
  auto cursor = storage::UrlCursor::Open(*archive, query);
  if (!cursor) return ReportArchiveReadError(options.db, cursor.error());
  // The header goes out with the first row (or at the end), so that an archive that fails on
  // its first row prints nothing but the error.
  bool header_printed = false;
  while (true) {
    auto next = cursor->Next();
    if (!next) {
      std::cout.flush();
      return ReportArchiveReadError(options.db, next.error());
    }
    if (!header_printed) {
      PrintHeader(options);
      header_printed = true;
    }
    if (!*next) break;
    PrintRow(options, cursor->row());
  }
  return util::kExitOk;
}

void SetupUrls(CLI::App& app, RunState& state) {
  auto options = std::make_shared<UrlsCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "urls",
      "List the crawl's URLs (the frontier) with state, reason, failed tries and last HTTP\n"
      "status, in discovery order: tab-separated with a header (none with -q) or JSON lines.\n"
      "--state queued (in_flight too), done, failed, skipped (robots.txt, trap guard), all;\n"
      "trap: those the trap guard skipped (their URL template gave nothing new); off-site\n"
      "lists the hosts crawl runs refused (one example URL each); refused, the links the\n"
      "crawl's scope refused (--exclude, --include, --max-depth, trap checks), with why.");
  sub->add_option("--db", options->db, "Archive file (SQLite)")->required();
  sub->add_option("--state", options->state, "Which URLs")
      ->check(CLI::IsMember(
          {"queued", "failed", "skipped", "trap", "off-site", "refused", "done", "all"}))
      ->capture_default_str();
  sub->add_option("--site", options->site, "Only URLs of this host (host or host:port)")
      ->transform([](std::string host) {
        std::transform(host.begin(), host.end(), host.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return host;
      });
  sub->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "jsonl"}))
      ->capture_default_str();
  sub->callback([options, &state, &app] {
    options->no_header = app.count("--quiet") > 0;
    state.exit_code = RunUrls(*options);
  });
}

}  // namespace cli
