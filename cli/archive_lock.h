// One writing run (crawl, import-warc, merge, reextract) at a time per archive: an OS file lock
// on FILE.lock, released when the returned lock is destroyed (or the process dies). Commands
// that only read an archive take no lock, so they never keep a writer out.
#pragma once

#include <optional>
#include <string>

#include "storage/archive.h"
#include "util/error.h"
#include "util/file_lock.h"

namespace cli {

// The held lock of archive `db`, or nullopt after logging that another run holds it (the caller
// exits with util::kExitLocked). Throws util::Fatal: exit 2 with storage::WhyArchiveNotWritable's
// message when the archive cannot be written and exit 2 when its folder does not exist (checked
// first, so no lock file is left), exit 1 when the lock file cannot be created.
std::optional<util::FileLock> LockArchive(const std::string& db);

// Archive `db` opened under `lock`, LockArchive's. REQUIRES: !mode.read_only. When it cannot be
// opened (not an archive, damaged, a newer schema, missing and not to be created), the lock file is
// discarded, so that a failed run leaves nothing beside FILE, and the error is returned (for
// ReportArchiveOpenError).
util::Result<storage::Archive> OpenLockedArchive(const std::string& db, util::FileLock& lock,
                                                 storage::OpenMode mode);

}  // namespace cli
