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

// Whether `error` says another connection holds the archive (SQLite's SQLITE_BUSY, after the
// archive's busy timeout).
inline bool IsLockedArchive(const util::Error& error) {
  return error.message.find("database is locked") != std::string::npos;
}

// Why an archive could not be opened, the same for every command, naming the file, the problem
// and what to do:
//   missing:       "FILE: no such archive; check the --db path (crawl or import-warc creates one)"
//   not an archive (not a regular file, empty, not SQLite, no archive schema):
//                  "FILE is not a newsarc archive (why); check the --db path"
//   damaged:       ArchiveReadErrorMessage (check it with sqlite3 … or use a backup)
//   locked:        "FILE: the archive is locked (database is locked); another program is writing
//                  it: run the command again when it is done"
// and as Archive::Open says otherwise (a newer or older schema, a read-only file or folder: its
// messages name the file and say what to do).
inline std::string ArchiveOpenErrorMessage(const std::string& path, const util::Error& error) {
  const std::string& m = error.message;
  if (IsLockedArchive(error)) {
    return path + ": the archive is locked (database is locked); another program is writing " +
           "it: run the command again when it is done";
  }
  if (IsDamagedArchive(error)) {
    // "FILE is not a newsarc archive (file is not a database)": SQLite's words, in parentheses.
    util::Error sqlite = error;
    size_t open = m.rfind('(');
    if (m.rfind(path + " ", 0) == 0 && open != std::string::npos && m.back() == ')') {
      sqlite.message = m.substr(open + 1, m.size() - open - 2);
    }
    return ArchiveReadErrorMessage(path, sqlite);
  }
  if (m == path + " does not exist (no archive)") {
    return path + ": no such archive; check the --db path (crawl or import-warc creates one)";
  }
  if (m.rfind(path + " is not a newsarc archive (", 0) == 0 ||
      m == path + " is empty, not a newsarc archive") {
    return m + "; check the --db path";
  }
  return m;
}

// The exit code for an archive that could not be opened (the README's table): 4 when another
// program holds it, else 2 (the --db given is not an archive this command can use).
inline int ArchiveOpenExitCode(const util::Error& error) {
  return IsLockedArchive(error) ? util::kExitLocked : util::kExitUsage;
}

// Logs ArchiveOpenErrorMessage (SQLite's words at -vv) and returns ArchiveOpenExitCode: what a
// command does when storage::Archive::Open fails.
inline int ReportArchiveOpenError(const std::string& path, const util::Error& error) {
  util::LogDebug("archive open failed", {{"db", path}, {"error", error.message}});
  util::LogError(ArchiveOpenErrorMessage(path, error));
  return ArchiveOpenExitCode(error);
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
