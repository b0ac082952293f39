#include "cli/run_verify.h"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "cli/app_options.h"
#include "cli/archive_errors.h"
#include "cli/json_output.h"
#include "storage/archive.h"
#include "storage/fixity.h"
#include "storage/migrations.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {
namespace {

// "capture 17: mismatch: ...", "FILE at offset N: record ID (URI): mismatch: ...",
// "FILE at offset N: unreadable: ...".
std::string FailureLine(const storage::FixityCheck& check) {
  std::string where;
  switch (check.kind) {
    case storage::FixityKind::kCapture:
      where = "capture " + std::to_string(check.capture_id.value_or(0));
      break;
    case storage::FixityKind::kWarcRecord:
    case storage::FixityKind::kWarcFile:
      where = check.file;
      if (check.offset) where += " at offset " + std::to_string(*check.offset);
      if (!check.record_id.empty()) where += ": record " + check.record_id;
      if (!check.target_uri.empty()) where += " (" + check.target_uri + ")";
      break;
  }
  return where + ": " + storage::FixityResultName(check.result) + ": " + check.detail;
}

Json CheckJson(const storage::FixityCheck& check) {
  Json json{{"kind", storage::FixityKindName(check.kind)},
            {"result", storage::FixityResultName(check.result)}};
  if (check.kind == storage::FixityKind::kCapture) {
    json["capture_id"] = OrNull(check.capture_id);
  } else {
    json["file"] = check.file;
    json["offset"] = OrNull(check.offset);
    json["record_id"] = check.record_id.empty() ? Json(nullptr) : Json(check.record_id);
    json["target_uri"] = check.target_uri.empty() ? Json(nullptr) : Json(check.target_uri);
  }
  json["detail"] = check.detail;
  return json;
}

// An archive error without its SQL (logged at -vv), for a warning.
std::string Reason(const util::Error& error) {
  util::LogDebug("archive write failed", {{"error", error.message}});
  std::string reason = error.message;
  if (size_t sql = reason.find(" (in "); sql != std::string::npos) reason.resize(sql);
  return reason;
}

// Where the checks go: the archive's fixity tables while they can be written, nowhere after
// the first failure (the checks go on; one warning says they were not recorded).
class Recorder {
 public:
  Recorder(const std::string& db, std::optional<storage::FixityLog> log)
      : db_(db), log_(std::move(log)) {}

  void Add(const storage::FixityCheck& check) {
    if (!log_) return;
    if (auto added = log_->Add(check, std::chrono::system_clock::now()); !added) {
      GiveUp(added.error());
    }
  }
  void Finish(const storage::FixityTotals& totals) {
    if (!log_) return;
    if (auto finished = log_->Finish(totals, std::chrono::system_clock::now()); !finished) {
      GiveUp(finished.error());
    }
  }
  bool recording() const { return log_.has_value(); }
  std::optional<int64_t> run_id() const {
    return log_ ? std::optional<int64_t>(log_->run_id()) : std::nullopt;
  }

 private:
  void GiveUp(const util::Error& error) {
    util::LogWarning(db_ + ": could not record the checks in the archive (" + Reason(error) +
                     "); they go on unrecorded: run verify again when no crawl holds it so long");
    log_.reset();
  }

  std::string db_;
  std::optional<storage::FixityLog> log_;
};

}  // namespace

int RunVerify(const VerifyCommandOptions& options) {
  std::vector<std::string> warc_files;
  if (options.warc_dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(*options.warc_dir, ec)) {
      util::LogError(*options.warc_dir +
                     ": not a folder; give --warc the folder the crawl's --warc wrote to");
      return util::kExitUsage;
    }
    auto listed = storage::ListWarcFiles(*options.warc_dir);
    if (!listed) {
      util::LogError(listed.error().message + "; check its permissions");
      return util::kExitUsage;
    }
    warc_files = std::move(*listed);
    if (warc_files.empty()) {
      util::LogWarning(*options.warc_dir + ": no WARC files (*.warc, *.warc.gz) to check");
    }
  }

  // Read-write when possible, to record the checks; a read-only archive is still verified.
  bool writable = !storage::WhyArchiveNotWritable(options.db).has_value();
  auto archive = storage::Archive::Open(options.db, {.read_only = !writable});
  if (!archive) return ReportArchiveOpenError(options.db, archive.error());
  std::optional<storage::FixityLog> log;
  if (writable) {
    auto begun =
        storage::FixityLog::Begin(*archive, options.sample, std::chrono::system_clock::now());
    if (begun) {
      log.emplace(std::move(*begun));
    } else {
      util::LogWarning(options.db + ": could not record the checks in the archive (" +
                       Reason(begun.error()) + "); verifying without recording them");
    }
  } else {
    util::LogWarning(options.db +
                     ": the checks will not be recorded (the archive cannot be written here)");
  }
  Recorder recorder(options.db, std::move(log));

  storage::FixitySample sample;
  sample.fraction = options.sample;
  sample.seed = options.seed ? *options.seed : std::random_device{}();
  storage::FixityTotals totals;
  bool json = options.format == "json";
  Json failures = Json::array();
  auto sink = [&](const storage::FixityCheck& check) -> util::Result<void> {
    totals.Count(check);
    recorder.Add(check);
    if (check.IsFailure()) {
      if (json) {
        failures.push_back(CheckJson(check));
      } else {
        std::cout << FailureLine(check) << "\n" << std::flush;
      }
    }
    return {};
  };

  if (auto verified = storage::VerifyCaptures(*archive, sample, sink); !verified) {
    return ReportArchiveReadError(options.db, verified.error());
  }
  auto selected = storage::SelectWarcFiles(*archive, warc_files, sample);
  if (!selected) return ReportArchiveReadError(options.db, selected.error());
  for (const std::string& file : *selected) {
    auto whole = storage::VerifyWarcFile(file, sink);
    if (!whole) return ReportArchiveReadError(options.db, whole.error());
    ++totals.warc_files_checked;
    if (!*whole) ++totals.warc_files_failed;
  }
  recorder.Finish(totals);

  if (json) {
    Json out{{"captures",
              Json{{"checked", totals.captures_checked}, {"failed", totals.captures_failed}}},
             {"warc_records", Json{{"checked", totals.warc_records_checked},
                                   {"failed", totals.warc_records_failed}}},
             {"warc_files",
              Json{{"checked", totals.warc_files_checked}, {"failed", totals.warc_files_failed}}},
             {"sample", options.sample},
             {"recorded", recorder.recording()},
             {"run_id", OrNull(recorder.run_id())},
             {"failures", std::move(failures)}};
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else if (!options.quiet) {
    std::cout << totals.captures_checked << " captures checked, " << totals.captures_failed
              << " failed; " << totals.warc_records_checked << " WARC records checked, "
              << totals.warc_records_failed << " failed";
    if (totals.warc_files_failed > 0) {
      std::cout << "; " << totals.warc_files_failed << " of " << totals.warc_files_checked
                << " WARC files damaged";
    }
    std::cout << "\n";
  }
  return totals.AllOk() ? util::kExitOk : util::kExitFailure;
}

void SetupVerify(CLI::App& app, RunState& state) {
  auto options = std::make_shared<VerifyCommandOptions>();
  auto sample_text = std::make_shared<std::string>("1");
  CLI::App* sub = app.add_subcommand(
      "verify",
      "Check that the archive and its WARC files still hold what was written: each capture is\n"
      "decompressed and its SHA-256 and size compared with the stored ones; each record of the\n"
      "WARC files in --warc DIR has its WARC-Block-Digest and WARC-Payload-Digest recomputed,\n"
      "and a damaged or truncated file is a failure at its offset. Each check is recorded in\n"
      "the archive (fixity_checks); a read-only archive is verified without recording. Prints\n"
      "one line per failure and a summary (-q: failures only). Exit 0 when all is intact, 1 on\n"
      "any mismatch or unreadable item. Safe while a crawl runs. Monthly, a quarter at a time:\n"
      "  0 3 1 * * newsarc -q verify --db /srv/archive.sqlite --warc /srv/warc --sample 0.25");
  sub->add_option("--db", options->db, "Archive file (SQLite)")->required();
  sub->add_option("--warc", options->warc_dir,
                  "Folder of WARC files to check too (*.warc, *.warc.gz; not *.open)");
  sub->add_option("--sample", *sample_text,
                  "Check only this part of the captures and WARC files (0.25 or 25%): those "
                  "never checked, then those checked longest ago, first")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            if (storage::ParseSampleFraction(value)) return {};
            return "must be a fraction above 0 and at most 1, or a percentage (0.25 or 25%; "
                   "got '" +
                   value + "')";
          },
          "P"))
      ->capture_default_str();
  sub->add_option("--seed", options->seed,
                  "Order of the sample among equally due items (default: random)")
      ->check(WholeNumberAtLeast(0));
  sub->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->callback([options, sample_text, &state, &app] {
    options->quiet = app.count("--quiet") > 0;
    options->sample = storage::ParseSampleFraction(*sample_text).value_or(1.0);
    state.exit_code = RunVerify(*options);
  });
}

}  // namespace cli
