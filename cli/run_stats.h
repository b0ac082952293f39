// `newsarc stats`: per-site counts and recent runs of an archive.
#pragma once

#include <string>

namespace cli {

struct StatsCommandOptions {
  std::string db;
  bool json = false;
};

int RunStats(const StatsCommandOptions& options);

}  // namespace cli
