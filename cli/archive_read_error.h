// How the read-only commands (show, urls) report an archive they cannot read: one line in the
// form "FILE: what is wrong; what to do", without the SQL (logged at -vv), and exit code 2
// (a damaged file or one that is not an archive is the user's input to fix).
#pragma once

#include <string>

#include "util/error.h"
#include "util/log.h"

namespace cli {

inline int ReportArchiveReadError(const std::string& path, const util::Error& error) {
  util::LogDebug("archive read failed", {{"db", path}, {"error", error.message}});
  // Messages that already name the file are written for people (open, schema version).
  if (error.message.rfind(path, 0) == 0) {
    util::LogError(error.message);
    return util::kExitUsage;
  }
  std::string reason = error.message;
  if (size_t sql = reason.find(" (in "); sql != std::string::npos) reason.resize(sql);
  for (const char* prefix : {"preparing SQL: ", "binding a parameter: "}) {
    if (reason.rfind(prefix, 0) == 0) reason.erase(0, std::string(prefix).size());
  }
  util::LogError(path + ": cannot read the archive (" + reason +
                 "); it is damaged or not a newsarc archive: check it with sqlite3 " + path +
                 " 'PRAGMA integrity_check' or use a backup");
  return util::kExitUsage;
}

}  // namespace cli
