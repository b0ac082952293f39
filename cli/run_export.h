// `newsarc export`: writes the archive's articles as JSONL, JSON or CSV.
#pragma once

#include <optional>
#include <string>

namespace cli {

struct ExportCommandOptions {
  std::string db;
  std::string format = "jsonl";
  std::string out = "-";
  std::optional<std::string> site;
  std::optional<std::string> since;
  std::optional<std::string> until;
  std::optional<std::string> changed_since;
  std::string versions = "latest";
  std::string removed = "include";  // include / only / exclude articles marked removed
  bool excel = false;
};

int RunExport(const ExportCommandOptions& options);

}  // namespace cli
