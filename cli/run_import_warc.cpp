#include "cli/run_import_warc.h"

#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/app_options.h"
#include "cli/archive_errors.h"
#include "cli/archive_lock.h"
#include "cli/site_profiles.h"
#include "cli/warc_import.h"
#include "config/defaults.h"
#include "storage/archive.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {
namespace {

// How an import stopped by a write fault resumes: records are keyed by their WARC file and
// offset, so a second import skips what the first one archived.
constexpr const char* kImportResumes = "to import the rest (records already imported are skipped)";

}  // namespace

int RunImportWarc(const ImportWarcCommandOptions& o) {
  std::vector<config::SiteConfig> sites;
  if (o.config) sites = LoadSiteConfigsOrDie({*o.config});

  // One writing run per archive at a time (the crawl's lock).
  auto lock = LockArchive(o.db);
  if (!lock) return util::kExitLocked;
  auto archive = OpenLockedArchive(o.db, *lock, {.create_if_missing = true});
  if (!archive) return ReportArchiveOpenError(o.db, archive.error());

  nlohmann::json options_json = {
      {"command", "import-warc"}, {"files", o.files}, {"site", o.site.value_or("")}};
  auto run_id = archive->BeginRun(options_json.dump(), std::chrono::system_clock::now());
  if (!run_id) throw util::Fatal(util::kExitFailure, run_id.error().message);

  WarcImportOptions options;
  options.run_id = *run_id;
  options.site = o.site;
  options.sites = &sites;
  options.max_body_bytes = config::defaults::kMaxBodyBytes;
  options.jobs = o.jobs > 0 ? static_cast<unsigned>(o.jobs)
                            : std::max(1u, std::thread::hardware_concurrency());
  WarcImporter importer(*archive, options);
  bool storage_failed = false;
  int unreadable = 0;
  for (const std::string& file : o.files) {
    auto imported = importer.ImportFile(file);
    if (imported) continue;
    if (imported.error().code == util::ErrorCode::kStorage) {
      util::LogError(ArchiveWriteError(o.db, imported.error().message, "import", kImportResumes));
      storage_failed = true;
      break;
    }
    ++unreadable;
    util::LogError(imported.error().message, {{"file", file}});
  }
  if (!storage_failed) {
    if (auto stitched = importer.Finish(); !stitched) {
      util::LogError(ArchiveWriteError(o.db, stitched.error().message, "import", kImportResumes));
      storage_failed = true;
    }
  }
  const WarcImportCounts& counts = importer.counts();

  storage::RunCounts run;
  run.fetched = counts.pages;
  run.articles_new = counts.articles_new;
  run.articles_changed = counts.articles_changed;
  run.errors = counts.errors + counts.damaged + unreadable;
  run.skipped =
      counts.already_imported + counts.not_html + counts.other_records + counts.empty_files;
  std::string status = storage_failed ? "failed" : run.errors > 0 ? "partial" : "finished";
  if (auto f = archive->FinishRun(*run_id, run, status, std::chrono::system_clock::now()); !f) {
    util::LogError(f.error().message);
  }
  // -q (cron) prints the summary only when something went wrong.
  bool quiet = util::CurrentLogConfig().min_level >= util::LogLevel::kError;
  if (!quiet || status != "finished" || unreadable > 0) {
    std::cout << "import-warc " << status << ": " << counts.records << " records in "
              << o.files.size() << " files; " << counts.pages << " pages archived ("
              << counts.articles_new << " new articles, " << counts.articles_changed << " changed, "
              << counts.articles_unchanged << " unchanged, " << counts.articles_older
              << " older versions); skipped " << counts.already_imported << " already imported, "
              << counts.not_html << " not HTML, " << counts.other_records << " other records; "
              << counts.damaged << " damaged stretches, " << counts.errors
              << " undecodable responses, " << counts.empty_files << " empty files, " << unreadable
              << " unreadable files\n";
  }
  if (storage_failed) return util::kExitFailure;
  if (unreadable > 0) return util::kExitUsage;  // README "Exit codes": unreadable input
  if (run.errors > 0) return util::kExitPartial;
  return util::kExitOk;
}

void SetupImportWarc(CLI::App& app, RunState& state) {
  auto options = std::make_shared<ImportWarcCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "import-warc",
      "Archive the pages and articles found in WARC files (newsarc, wget, Heritrix)");
  sub->add_option("files", options->files, "WARC files (.warc or .warc.gz)")
      ->required()
      ->check(CLI::ExistingFile);
  sub->add_option("--db", options->db, "Archive file (SQLite), created if missing")->required();
  sub->add_option("--site", options->site, "Only pages of this host");
  sub->add_option("--config", options->config, "Site configuration (TOML) with extract profiles")
      ->check(CLI::ExistingFile);
  sub->add_option("--jobs", options->jobs, "Extraction threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  sub->footer(
      "Records already imported (same WARC-Record-ID) are skipped, so a file can be imported\n"
      "again safely. Damaged records are reported with their file offsets and skipped;\n"
      "empty files (a killed run's *.warc.gz.open) are skipped with a warning.\n"
      "Exit codes: 0 done, 1 the archive could not be written, 2 a file could not be read\n"
      "(the others are imported), 3 some records were damaged, undecodable or over the\n"
      "cap, 4 another run holds the archive.");
  sub->callback([options, &state] { state.exit_code = RunImportWarc(*options); });
}

}  // namespace cli
