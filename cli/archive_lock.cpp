#include "cli/archive_lock.h"

#include <filesystem>

#include "util/error.h"
#include "util/log.h"

namespace cli {

std::optional<util::FileLock> LockArchive(const std::string& db) {
  // Before the lock file is made: an archive that cannot be written is a usage error, and
  // nothing is left beside it.
  if (auto why = storage::WhyArchiveNotWritable(db)) throw util::Fatal(util::kExitUsage, *why);
  // No lock file can be made there, and no archive is (or can be created) there either.
  std::string folder = std::filesystem::path(db).parent_path().string();
  std::error_code ec;
  if (!folder.empty() && !std::filesystem::is_directory(folder, ec)) {
    throw util::Fatal(util::kExitUsage,
                      db + ": no such folder " + folder + "; check the --db path");
  }
  auto lock = util::FileLock::TryAcquire(db + ".lock");
  if (!lock) throw util::Fatal(util::kExitFailure, lock.error().message);
  if (!lock->has_value()) {
    util::LogError(db + " is locked by another newsarc run (lock file " + db +
                   ".lock); try again when it has finished");
  }
  return std::move(*lock);
}

util::Result<storage::Archive> OpenLockedArchive(const std::string& db, util::FileLock& lock,
                                                 storage::OpenMode mode) {
  auto archive = storage::Archive::Open(db, mode);
  if (!archive) lock.Discard();
  return archive;
}

}  // namespace cli
