// `newsarc import-warc`: archives the HTML responses of existing WARC files and their articles.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cli {

struct ImportWarcCommandOptions {
  std::vector<std::string> files;
  std::string db;
  std::optional<std::string> site;
  std::optional<std::string> config;
  int jobs = 0;  // 0 = all cores
};

int RunImportWarc(const ImportWarcCommandOptions& options);

}  // namespace cli
