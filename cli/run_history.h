// `newsarc history`: the versions of the article a URL leads to, each with what changed
// against the one before (fields, body size and paragraphs). `newsarc diff`: two versions
// compared field by field and paragraph by paragraph, within a changed paragraph character by
// character. Text or JSON; read-only, safe while a crawl writes.
#pragma once

#include <string>
#include <vector>

namespace cli {

struct HistoryCommandOptions {
  std::string db;
  std::string url;  // as typed; looked up as `newsarc show` looks it up
  std::string format = "text";
  bool quiet = false;  // text: no header line
};

int RunHistory(const HistoryCommandOptions& options);

struct DiffCommandOptions {
  std::string db;
  std::string url;
  // As `git diff` takes revisions: none compares the version before the latest with the
  // latest, one (V) compares V with the latest, two (V1 V2) compare V1 with V2.
  std::vector<std::string> versions;
  std::string format = "text";
  bool quiet = false;  // text: no ---/+++ header, no "no differences" line
};

int RunDiff(const DiffCommandOptions& options);

}  // namespace cli
