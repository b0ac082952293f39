// `newsarc extract`: runs the extractor on one page (file, stdin or an http(s) URL fetched once,
// robots.txt checked) or on a corpus manifest.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cli {

struct ExtractCommandOptions {
  std::string input;  // path, "-" for stdin, or an http(s) URL to fetch
  std::optional<std::string> url;
  std::optional<std::string> content_type;
  std::string format = "json";  // json | text
  bool pretty = false;
  bool include_links = false;
  std::optional<std::string> batch_manifest;
  std::optional<std::string> out;
  int jobs = 0;  // 0 = all cores
  // With --batch: each page on its own, without its site's other <title>s (site_titles.h).
  bool independent_pages = false;
  std::vector<std::string> config_files;  // site configs whose [extract] profiles apply by host
  std::vector<std::string> resolve;       // HOST:PORT:ADDR for a URL input, as curl's --resolve
};

int RunExtract(const ExtractCommandOptions& options);

}  // namespace cli
