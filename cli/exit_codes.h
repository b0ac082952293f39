// The exit codes of the newsarc command, as documented: the table behind `newsarc --help`, the
// man page's EXIT STATUS (cli/cli_docs.h) and the README's table.
#pragma once

#include <string>

#include "util/error.h"

namespace cli {

struct ExitCodeDoc {
  int code;
  const char* meaning;  // shown by --help
  const char* detail;   // added by the man page
};

inline constexpr ExitCodeDoc kExitCodeDocs[] = {
    {util::kExitOk, "success", "hosts parked after failed runs are only warned about"},
    {util::kExitFailure, "runtime failure",
     "archive not writable, disk full, ...; for verify: a check failed"},
    {util::kExitUsage, "usage or configuration error",
     "bad option, unreadable input, not an archive"},
    {util::kExitPartial, "finished, but some pages failed or work is left",
     "limits, interruption; the failures of parked hosts aside"},
    {util::kExitLocked, "the archive is locked by another run",
     "another crawl, import, merge or reextract holds FILE.lock, or another program keeps SQLite "
     "from opening it"},
};

// "Exit codes:\n  0  success\n  1  runtime failure\n..." for the --help footer.
inline std::string ExitCodeHelp() {
  std::string help = "Exit codes:\n";
  for (const ExitCodeDoc& doc : kExitCodeDocs) {
    help += "  " + std::to_string(doc.code) + "  " + doc.meaning + "\n";
  }
  return help;
}

}  // namespace cli
