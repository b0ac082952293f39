#include "cli/run_export.h"

#include <cstdio>
#include <filesystem>
#include <optional>

#include "cli/app_options.h"
#include "cli/archive_errors.h"
#include "storage/archive.h"
#include "storage/article_cursor.h"
#include "storage/export_writer.h"
#include "storage/timestamps.h"
#include "storage/wacz_writer.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/log.h"
#include "version.h"

namespace cli {
namespace {

int UsageError(const std::string& message) {
  util::LogError(message);
  return util::kExitUsage;
}

storage::ExportFormat FormatOf(const std::string& name) {
  if (name == "json") return storage::ExportFormat::kJson;
  if (name == "csv") return storage::ExportFormat::kCsv;
  return storage::ExportFormat::kJsonl;
}

// Streams every selected article through `writer`, inside one read transaction so the export
// is one consistent snapshot even while a crawl writes.
util::Result<size_t> Stream(const storage::Archive& archive, const storage::ExportQuery& query,
                            storage::ExportWriter& writer) {
  TRY_ASSIGN(storage::Transaction read, archive.BeginRead());
  TRY_ASSIGN(storage::ArticleCursor cursor, storage::ArticleCursor::Open(archive, query));
  TRY(writer.Begin());
  while (true) {
    TRY_ASSIGN(bool has_row, cursor.Next());
    if (!has_row) break;
    TRY(writer.Write(cursor.article(), cursor.stamp()));
  }
  TRY(writer.End());
  return writer.written();
}

// `--format wacz`: the captures as a WACZ file for ReplayWeb.page (storage/wacz_writer.h).
int RunWaczExport(const ExportCommandOptions& options) {
  if (options.out == "-") {
    return UsageError(
        "--format wacz writes a ZIP file, not a stream: give --out FILE.wacz (not standard "
        "output)");
  }
  for (const auto& [name, given] : {std::pair{"--since", options.since.has_value()},
                                    {"--until", options.until.has_value()},
                                    {"--changed-since", options.changed_since.has_value()},
                                    {"--versions all", options.versions == "all"},
                                    {"--excel", options.excel}}) {
    if (given) {
      return UsageError(std::string(name) +
                        " selects articles for the jsonl, json and csv exports; a WACZ holds "
                        "every capture of the archive (or of --site)");
    }
  }
  auto archive = storage::Archive::Open(options.db, {.read_only = true});
  if (!archive) return ReportArchiveOpenError(options.db, archive.error());

  storage::WaczOptions wacz;
  wacz.site = options.site;
  wacz.software = std::string("newsarc ") + NEWSARC_VERSION;
  wacz.title = "newsarc archive " + std::filesystem::path(options.db).filename().string() +
               (options.site ? " (" + *options.site + ")" : "");
  wacz.description = "Pages and captures exported by newsarc from " + options.db;
  auto written = storage::WriteWacz(*archive, options.out, wacz);
  if (!written) {
    if (written.error().code == util::ErrorCode::kStorage) {
      return ReportArchiveReadError(options.db, written.error());
    }
    // The output cannot be written: a missing or read-only folder, a full disk.
    return UsageError(written.error().message);
  }
  util::LogInfo("exported WACZ", {{"pages", std::to_string(written->pages)},
                                  {"responses", std::to_string(written->responses)},
                                  {"revisits", std::to_string(written->revisits)},
                                  {"bytes", std::to_string(written->bytes)},
                                  {"out", options.out}});
  return util::kExitOk;
}

}  // namespace

int RunExport(const ExportCommandOptions& options) {
  if (options.format == "wacz") return RunWaczExport(options);
  storage::ExportQuery query;
  query.site = options.site;
  for (const auto* date : {&options.since, &options.until}) {
    if (*date && !storage::IsCalendarDate(**date)) {
      return UsageError(std::string(date == &options.since ? "--since" : "--until") + ": '" +
                        **date + "' is not a date (expected YYYY-MM-DD, e.g. 2024-05-01)");
    }
  }
  query.since = options.since;
  query.until = options.until;
  if (options.changed_since) {
    query.changed_since = storage::NormalizeTimestamp(*options.changed_since);
    if (!query.changed_since) {
      return UsageError("--changed-since: '" + *options.changed_since +
                        "' is not a timestamp (expected RFC 3339 such as "
                        "2024-05-01T08:00:00+08:00, or YYYY-MM-DD)");
    }
  }
  query.all_versions = options.versions == "all";
  query.removed = options.removed == "only"      ? storage::RemovedFilter::kOnly
                  : options.removed == "exclude" ? storage::RemovedFilter::kExclude
                                                 : storage::RemovedFilter::kInclude;
  std::string format = options.format;
  if (options.excel && format != "csv") {
    return UsageError("--excel writes a CSV for Excel; use it with --format csv");
  }

  auto archive = storage::Archive::Open(options.db, {.read_only = true});
  if (!archive) return ReportArchiveOpenError(options.db, archive.error());

  storage::ExportWriterOptions writer_options{FormatOf(format), options.excel};
  util::Result<size_t> written = 0;
  if (options.out == "-") {
    storage::ExportWriter writer(writer_options, [](std::string_view data) -> util::Result<void> {
      if (std::fwrite(data.data(), 1, data.size(), stdout) != data.size()) {
        return util::MakeError(util::ErrorCode::kIo, "cannot write to standard output");
      }
      return {};
    });
    written = Stream(*archive, query, writer);
    if (written && std::fflush(stdout) != 0) {
      written = util::MakeError(util::ErrorCode::kIo, "cannot write to standard output");
    }
  } else {
    auto file = util::AtomicFile::Create(options.out);
    if (!file) {
      util::LogError(file.error().message);
      return util::kExitFailure;
    }
    storage::ExportWriter writer(writer_options,
                                 [&file](std::string_view data) { return file->Write(data); });
    written = Stream(*archive, query, writer);
    if (written) {
      auto committed = file->Commit();
      if (!committed) written = tl::unexpected(committed.error());
    }
  }
  if (!written) {
    // The archive could not be read (damaged), or the output not written (kIo: disk, pipe).
    if (written.error().code == util::ErrorCode::kStorage) {
      return ReportArchiveReadError(options.db, written.error());
    }
    util::LogError("export failed: " + written.error().message);
    return util::kExitFailure;
  }
  util::LogInfo("exported articles",
                {{"count", std::to_string(*written)}, {"format", format}, {"out", options.out}});
  return util::kExitOk;
}

void SetupExport(CLI::App& app, RunState& state) {
  auto options = std::make_shared<ExportCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "export",
      "Export archived articles (JSONL, JSON or CSV), ordered by site, published date and URL.\n"
      "Articles without a title are left out (the export schema requires one).\n"
      "--format wacz --out FILE.wacz packs the captures and pages instead, for replay in\n"
      "ReplayWeb.page (WACZ 1.1.1).");
  sub->add_option("--db", options->db, "Archive file (SQLite)")->required();
  sub->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"jsonl", "json", "csv", "wacz"}))
      ->capture_default_str();
  sub->add_option("--out", options->out, "Output file (written atomically), or - for stdout")
      ->capture_default_str();
  sub->add_option("--site", options->site, "Only articles of this host");
  sub->add_option("--since", options->since, "Only articles published on or after YYYY-MM-DD");
  sub->add_option("--until", options->until, "Only articles published on or before YYYY-MM-DD");
  sub->add_option("--changed-since", options->changed_since,
                  "Only articles new or changed at or after this RFC 3339 time (or date)");
  sub->add_option("--versions", options->versions,
                  "latest: each article's current state; all: every stored version")
      ->check(CLI::IsMember({"latest", "all"}))
      ->capture_default_str();
  sub->add_option("--removed", options->removed,
                  "Articles the site has removed (seen gone on two crawl runs): include them, "
                  "export only them, or exclude them")
      ->check(CLI::IsMember({"include", "only", "exclude"}))
      ->capture_default_str();
  sub->add_flag("--excel", options->excel, "Start the CSV with a UTF-8 byte order mark for Excel");
  sub->callback([options, &state] { state.exit_code = RunExport(*options); });
}

}  // namespace cli
