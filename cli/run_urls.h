// `newsarc urls`: the frontier's URLs with their state, why, failed tries and last status, one
// per line (tab-separated text or JSON lines), streamed from the archive.
#pragma once

#include <optional>
#include <string>

namespace cli {

struct UrlsCommandOptions {
  std::string db;
  // queued / failed / skipped / done / all (frontier states), off-site (hosts crawl runs
  // refused), trap (skipped by the trap guard by yield).
  std::string state = "all";
  std::optional<std::string> site;
  std::string format = "text";
  bool no_header = false;  // -q: no header line in text
};

int RunUrls(const UrlsCommandOptions& options);

}  // namespace cli
