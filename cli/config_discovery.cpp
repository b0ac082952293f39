#include "cli/config_discovery.h"

#include <cstdlib>
#include <filesystem>

namespace cli {
namespace {

std::optional<std::string> Env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

}  // namespace

ConfigSearch ConfigSearchFromEnvironment() {
  return {.working_dir = ".", .xdg_config_home = Env("XDG_CONFIG_HOME"), .home = Env("HOME")};
}

std::vector<std::string> ConfigCandidates(const ConfigSearch& search) {
  namespace fs = std::filesystem;
  std::vector<std::string> candidates;
  candidates.push_back(search.working_dir == "."
                           ? std::string("newsarc.toml")
                           : (fs::path(search.working_dir) / "newsarc.toml").string());
  std::optional<fs::path> config_home;
  if (search.xdg_config_home && fs::path(*search.xdg_config_home).is_absolute()) {
    config_home = fs::path(*search.xdg_config_home);
  } else if (search.home && !search.home->empty()) {
    config_home = fs::path(*search.home) / ".config";
  }
  if (config_home) candidates.push_back((*config_home / "newsarc" / "config.toml").string());
  return candidates;
}

std::optional<std::string> FindConfigFile(const ConfigSearch& search) {
  for (const auto& candidate : ConfigCandidates(search)) {
    std::error_code ec;
    if (std::filesystem::exists(candidate, ec)) return candidate;
  }
  return std::nullopt;
}

}  // namespace cli
