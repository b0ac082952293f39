// `newsarc verify`: fixity checks of an archive (captures re-hashed) and of the WARC files in a
// folder (record digests recomputed), each check recorded in the archive, failures printed;
// exit 1 on any mismatch or unreadable item.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cli {

struct VerifyCommandOptions {
  std::string db;
  std::optional<std::string> warc_dir;
  double sample = 1.0;           // fraction in (0, 1] of captures and WARC files checked
  std::optional<uint64_t> seed;  // tie-break order of the sample; random when absent
  std::string format = "text";
  bool quiet = false;  // -q: failures only, no summary line
};

int RunVerify(const VerifyCommandOptions& options);

}  // namespace cli
