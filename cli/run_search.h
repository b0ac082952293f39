// `newsarc search`: full-text search of archived titles and bodies.
#pragma once

#include <optional>
#include <string>

namespace cli {

struct SearchCommandOptions {
  std::string db;
  std::string query;
  std::optional<std::string> site;
  size_t limit = 20;
  std::string format = "text";
  bool count_only = false;  // --count
};

int RunSearch(const SearchCommandOptions& options);

}  // namespace cli
