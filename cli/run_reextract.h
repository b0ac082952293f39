// `newsarc reextract`: runs the extractor again on archived captures (after an extractor
// improvement) and updates the articles; a new version only where body or title change.
#pragma once

#include <optional>
#include <string>

namespace cli {

struct ReextractCommandOptions {
  std::string db;
  std::optional<std::string> site;
};

int RunReextract(const ReextractCommandOptions& options);

}  // namespace cli
