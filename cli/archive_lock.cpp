#include "cli/archive_lock.h"

#include "storage/archive.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {

std::optional<util::FileLock> LockArchive(const std::string& db) {
  // Before the lock file is made: an archive that cannot be written is a usage error, and
  // nothing is left beside it.
  if (auto why = storage::WhyArchiveNotWritable(db)) throw util::Fatal(util::kExitUsage, *why);
  auto lock = util::FileLock::TryAcquire(db + ".lock");
  if (!lock) throw util::Fatal(util::kExitFailure, lock.error().message);
  if (!lock->has_value()) {
    util::LogError(db + " is locked by another newsarc run (lock file " + db +
                   ".lock); try again when it has finished");
  }
  return std::move(*lock);
}

}  // namespace cli
