// `newsarc merge`: builds one archive from several (the crawl workers' `--db worker-N.sqlite`),
// storage/archive_merge.h doing the work, one source per transaction.
#pragma once

#include <string>
#include <vector>

namespace cli {

struct MergeCommandOptions {
  std::string db;                    // the target, created if missing
  std::vector<std::string> sources;  // read only
  bool json = false;
};

int RunMerge(const MergeCommandOptions& options);

}  // namespace cli
