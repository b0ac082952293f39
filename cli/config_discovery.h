// Config discovery: the file `newsarc crawl` reads when --config is not given. In order,
// ./newsarc.toml (a site's folder), then $XDG_CONFIG_HOME/newsarc/config.toml, XDG_CONFIG_HOME
// defaulting to ~/.config as the XDG Base Directory spec says. The first that exists is used;
// --no-config uses none.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cli {

// Where to look: the working directory and the two environment variables, passed in so that
// tests need not change the process's own.
struct ConfigSearch {
  std::string working_dir = ".";
  std::optional<std::string> xdg_config_home;  // $XDG_CONFIG_HOME
  std::optional<std::string> home;             // $HOME
};

// The current directory and environment.
ConfigSearch ConfigSearchFromEnvironment();

// The candidate files, in the order they are tried. An empty or relative XDG_CONFIG_HOME is
// ignored (the spec calls it invalid), and without HOME there is no ~/.config.
std::vector<std::string> ConfigCandidates(const ConfigSearch& search);

// The first candidate that exists (a file that cannot be read counts: reading it fails loudly),
// or nullopt.
std::optional<std::string> FindConfigFile(const ConfigSearch& search);

}  // namespace cli
