#include "cli/run_merge.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <utility>

#include "cli/app_options.h"
#include "cli/archive_errors.h"
#include "cli/archive_lock.h"
#include "cli/json_output.h"
#include "storage/archive.h"
#include "storage/archive_merge.h"
#include "storage/migrations.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {
namespace {

namespace fs = std::filesystem;

// A source opened for the merge: the file itself (read-only), or for an older schema an
// upgraded snapshot of it in a folder removed when done (the source is never written).
struct OpenSource {
  std::string path;
  std::optional<storage::Archive> archive;
  std::optional<std::string> snapshot_dir;

  OpenSource(std::string p, storage::Archive a, std::optional<std::string> dir)
      : path(std::move(p)), archive(std::move(a)), snapshot_dir(std::move(dir)) {}
  OpenSource(OpenSource&& other) noexcept
      : path(std::move(other.path)),
        archive(std::move(other.archive)),
        snapshot_dir(std::exchange(other.snapshot_dir, std::nullopt)) {}
  OpenSource& operator=(OpenSource&&) = delete;
  ~OpenSource() {
    if (!snapshot_dir) return;
    archive.reset();  // close the snapshot before removing it
    std::error_code ec;
    fs::remove_all(*snapshot_dir, ec);
  }
};

bool SameFile(const std::string& a, const std::string& b) {
  std::error_code ec;
  if (fs::equivalent(a, b, ec)) return true;
  return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

// A folder for a snapshot beside the target (where the merged data is going anyway).
util::Result<std::string> MakeSnapshotDir(const std::string& target) {
  std::string folder = fs::path(target).parent_path().string();
  if (folder.empty()) folder = ".";
  std::string pattern = folder + "/.newsarc-merge-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return util::MakeError(util::ErrorCode::kIo, "cannot create a snapshot folder in " + folder +
                                                     ": " + std::strerror(errno));
  }
  return pattern;
}

// Opens `path` read-only and checks it; an older schema is upgraded in a snapshot. Throws
// util::Fatal (exit 2) naming the source and the problem.
OpenSource OpenMergeSource(const std::string& path, const std::string& target) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    throw util::Fatal(util::kExitUsage, path + " does not exist (no archive to merge)");
  }
  if (SameFile(path, target)) {
    throw util::Fatal(util::kExitUsage, path + " is the target archive (--db " + target +
                                            "); a merge reads other archives into it");
  }
  auto archive = storage::Archive::Open(path, {.read_only = true});
  if (!archive) throw util::Fatal(util::kExitUsage, ArchiveOpenErrorMessage(path, archive.error()));
  if (auto checked = storage::QuickCheckArchive(*archive); !checked) {
    throw util::Fatal(util::kExitUsage,
                      ArchiveReadErrorMessage(path, checked.error()) + "; nothing was merged");
  }
  auto version = storage::SchemaVersionOf(archive->db());
  if (!version) throw util::Fatal(util::kExitUsage, ArchiveReadErrorMessage(path, version.error()));
  if (*version == storage::kSchemaVersion) return OpenSource(path, std::move(*archive), {});
  auto dir = MakeSnapshotDir(target);
  if (!dir) throw util::Fatal(util::kExitFailure, dir.error().message);
  std::string snapshot = *dir + "/source.sqlite";
  util::LogInfo("upgrading a snapshot of an older archive to merge it",
                {{"source", path}, {"schema", std::to_string(*version)}, {"snapshot", snapshot}});
  auto snapshotted = storage::SnapshotArchive(*archive, snapshot);
  std::optional<storage::Archive> upgraded;
  if (snapshotted) {
    auto opened = storage::Archive::Open(snapshot);
    if (opened)
      upgraded = std::move(*opened);
    else
      snapshotted = tl::unexpected(opened.error());
  }
  if (!snapshotted) {
    fs::remove_all(*dir, ec);
    throw util::Fatal(util::kExitFailure, path + ": cannot upgrade a copy of it (schema version " +
                                              std::to_string(*version) +
                                              ") to merge: " + snapshotted.error().message);
  }
  return OpenSource(path, std::move(*upgraded), *dir);
}

Json CountsJson(const storage::MergeCounts& c) {
  return Json{{"runs", c.runs},
              {"fetches", c.fetches},
              {"fetches_already_merged", c.fetches_present},
              {"articles_new", c.articles_new},
              {"articles_updated", c.articles_updated},
              {"captures_new", c.captures_new},
              {"captures_deduplicated", c.captures_deduplicated},
              {"removals", c.removals}};
}

std::string CountsLine(const storage::MergeCounts& c) {
  return std::to_string(c.fetches) + " fetches (" + std::to_string(c.fetches_present) +
         " already merged), " + std::to_string(c.articles_new) + " articles new, " +
         std::to_string(c.articles_updated) + " updated, " + std::to_string(c.captures_new) +
         " captures new, " + std::to_string(c.captures_deduplicated) + " deduplicated, " +
         std::to_string(c.runs) + " runs, " + std::to_string(c.removals) + " marked removed";
}

}  // namespace

int RunMerge(const MergeCommandOptions& o) {
  for (const std::string& source : o.sources) {
    if (SameFile(source, o.db)) {
      throw util::Fatal(util::kExitUsage, source + " is the target archive (--db " + o.db +
                                              "); a merge reads other archives into it");
    }
  }
  // Every source is opened and checked before the target is touched: a bad one writes nothing.
  std::vector<OpenSource> sources;
  sources.reserve(o.sources.size());
  for (const std::string& source : o.sources) sources.push_back(OpenMergeSource(source, o.db));
  // One writing run per archive at a time (the crawl's lock).
  auto lock = LockArchive(o.db);
  if (!lock) return util::kExitLocked;
  std::error_code ec;
  bool created = !fs::exists(o.db, ec);
  auto target = OpenLockedArchive(o.db, *lock, {.create_if_missing = true});
  // Exit 4 when another program holds it, as every command says (exit 2 otherwise).
  if (!target) return ReportArchiveOpenError(o.db, target.error());

  bool quiet = util::CurrentLogConfig().min_level >= util::LogLevel::kError;
  storage::MergeCounts total;
  Json merged = Json::array();
  for (OpenSource& source : sources) {
    auto counts = storage::MergeArchive(*target, *source.archive);
    if (!counts) {
      std::string message = counts.error().message;
      // A snapshot's errors name the snapshot: name the source.
      if (source.snapshot_dir && message.rfind(source.archive->path(), 0) == 0) {
        message = source.path + message.substr(source.archive->path().size());
      }
      bool first = &source == &sources.front();
      if (first && created) {
        // A target this run created holds nothing: it is not left behind.
        target = tl::unexpected(util::Error{});
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(o.db + suffix, ec);
        lock->Discard();  // nor is its lock file
      }
      util::LogError(message + "; nothing of " + source.path + " was merged" +
                     (first ? (created ? " (" + o.db + " not created)" : std::string())
                            : " (the sources before it were)"));
      return message.rfind(source.path, 0) == 0 ? util::kExitUsage : util::kExitFailure;
    }
    total += *counts;
    if (o.json) {
      Json one = CountsJson(*counts);
      one["source"] = source.path;
      merged.push_back(std::move(one));
    } else if (!quiet) {
      std::cout << source.path << ": " << CountsLine(*counts) << "\n";
    }
  }
  if (o.json) {
    Json json{{"target", o.db}, {"sources", merged}, {"total", CountsJson(total)}};
    std::cout << json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else if (!quiet) {
    std::cout << "merged " << sources.size() << (sources.size() == 1 ? " archive" : " archives")
              << " into " << o.db << ": " << CountsLine(total) << "\n";
  }
  return util::kExitOk;
}

void SetupMerge(CLI::App& app, RunState& state) {
  auto options = std::make_shared<MergeCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "merge", "Merge archives (one per crawl worker) into one, versions in fetch-time order");
  sub->add_option("sources", options->sources, "Archives to merge (read only)")->required();
  sub->add_option("--db", options->db, "Target archive file (SQLite), created if missing")
      ->required();
  sub->add_flag("--json", options->json, "Print the counts as JSON");
  sub->footer(
      "Each source is merged in one transaction: all of it or nothing. Captures are\n"
      "deduplicated by SHA-256; a URL in several sources gets one article whose versions\n"
      "are in fetch-time order. Merging a source again adds nothing. A source is read as\n"
      "a snapshot (a crawl may be writing it); an older one is upgraded in a copy.\n"
      "Exit codes: 0 merged, 1 the target could not be written, 2 a source is missing,\n"
      "damaged, not an archive or the target itself, 4 another run holds the target.");
  sub->callback([options, &state] { state.exit_code = RunMerge(*options); });
}

}  // namespace cli
