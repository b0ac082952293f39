// How commands report archive faults, in one style: one line "FILE: what is wrong; what to do",
// without the SQL (logged at -vv). An archive that cannot be read is exit 2 (a damaged file or
// one that is not an archive is the user's input to fix); one that cannot be written stops the
// command, which says how to resume.
#pragma once

#include <string>

#include "util/error.h"
#include "util/log.h"

namespace cli {

// SQLite's reason without the statement it came from.
inline std::string ArchiveFaultReason(std::string reason) {
  if (size_t sql = reason.find(" (in "); sql != std::string::npos) reason.resize(sql);
  for (const char* prefix : {"preparing SQL: ", "binding a parameter: "}) {
    if (reason.rfind(prefix, 0) == 0) reason.erase(0, std::string(prefix).size());
  }
  return reason;
}

// Whether `error` says the archive file is damaged (or is no SQLite database at all).
inline bool IsDamagedArchive(const util::Error& error) {
  const std::string& m = error.message;
  return m.find("malformed") != std::string::npos || m.find("not a database") != std::string::npos;
}

// "FILE: cannot read the archive (why); it is damaged or not a newsarc archive: check it with
// sqlite3 FILE 'PRAGMA integrity_check' or use a backup". Messages that already name the file
// first are written for people (open, schema version) and are kept, unless they say it is
// damaged, which also needs what to do.
inline std::string ArchiveReadErrorMessage(const std::string& path, const util::Error& error) {
  if (error.message.rfind(path, 0) == 0 && !IsDamagedArchive(error)) return error.message;
  std::string reason = ArchiveFaultReason(error.message);
  if (size_t colon = reason.rfind(": "); colon != std::string::npos && IsDamagedArchive(error)) {
    reason.erase(0, colon + 2);  // "upgrading FILE to schema version 11: database disk image …"
  }
  return path + ": cannot read the archive (" + reason +
         "); it is damaged or not a newsarc archive: check it with sqlite3 " + path +
         " 'PRAGMA integrity_check' or use a backup";
}

// Why an archive could not be opened: as Archive::Open says (the file named: missing, not an
// archive, a newer schema, a folder that cannot be written), except a damaged file, which is
// also told what to do.
inline std::string ArchiveOpenErrorMessage(const std::string& path, const util::Error& error) {
  return IsDamagedArchive(error) ? ArchiveReadErrorMessage(path, error) : error.message;
}

// "FILE: cannot write to the archive (why); the crawl stops: free disk space or fix the file's
// permissions, then run the same command again to resume" for `command` "crawl" and `resume`
// "to resume"; import-warc and reextract say how they resume. A damaged archive gets the read
// error's advice instead.
inline std::string ArchiveWriteError(const std::string& path, const std::string& why,
                                     const std::string& command = "crawl",
                                     const std::string& resume = "to resume") {
  // Damage is not cured by disk space: say what is.
  if (util::Error e{util::ErrorCode::kStorage, why}; IsDamagedArchive(e)) {
    return ArchiveReadErrorMessage(path, e);
  }
  return path + ": cannot write to the archive (" + ArchiveFaultReason(why) + "); the " + command +
         " stops: free disk space or fix the file's permissions, then run the same command again " +
         resume;
}

inline int ReportArchiveReadError(const std::string& path, const util::Error& error) {
  util::LogDebug("archive read failed", {{"db", path}, {"error", error.message}});
  util::LogError(ArchiveReadErrorMessage(path, error));
  return util::kExitUsage;
}

// A command that writes the archive and met a fault: a damaged archive is reported as a read
// error (exit 2), anything else (disk full, permissions) as a write error that stops `command`
// (exit 1), with how it resumes.
inline int ReportArchiveFault(const std::string& path, const util::Error& error,
                              const std::string& command, const std::string& resume) {
  if (IsDamagedArchive(error)) return ReportArchiveReadError(path, error);
  util::LogDebug("archive write failed", {{"db", path}, {"error", error.message}});
  util::LogError(ArchiveWriteError(path, error.message, command, resume));
  return util::kExitFailure;
}

}  // namespace cli
