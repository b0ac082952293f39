// `newsarc show`: everything the archive knows about one URL (its article and versions, every
// fetch, redirects, its frontier state and why it was skipped or failed), as text or JSON.
#pragma once

#include <string>

namespace cli {

struct ShowCommandOptions {
  std::string db;
  std::string url;  // as typed; looked up under the key the crawler gives it
  std::string format = "text";
};

int RunShow(const ShowCommandOptions& options);

}  // namespace cli
