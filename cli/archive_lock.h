// One writing run (crawl, import-warc) at a time per archive: an OS file lock on FILE.lock,
// released when the returned lock is destroyed (or the process dies).
#pragma once

#include <optional>
#include <string>

#include "util/file_lock.h"

namespace cli {

// The held lock of archive `db`, or nullopt after logging that another run holds it (the caller
// exits with util::kExitLocked). Throws util::Fatal: exit 2 with storage::WhyArchiveNotWritable's
// message when the archive cannot be written (checked first, so no lock file is left), exit 1
// when the lock file cannot be created.
std::optional<util::FileLock> LockArchive(const std::string& db);

}  // namespace cli
