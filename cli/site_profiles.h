// Loading site configs given on the command line and choosing the one for a page's host.
#pragma once

#include <string>
#include <vector>

#include "config/site_config.h"

namespace cli {

// Loads and validates site configs (TOML syntax, keys, selectors). Throws util::Fatal with exit
// code 2 and a message naming the file and the problem.
std::vector<config::SiteConfig> LoadSiteConfigsOrDie(const std::vector<std::string>& paths);

// The profile whose hosts include the URL's host, or nullptr.
const config::SiteProfile* ProfileForUrl(const std::vector<config::SiteConfig>& configs,
                                         const std::string& url);

}  // namespace cli
