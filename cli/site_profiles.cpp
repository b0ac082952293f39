#include "cli/site_profiles.h"

#include <algorithm>

#include "extract/extractor.h"
#include "util/error.h"
#include "util/url.h"

namespace cli {

std::vector<config::SiteConfig> LoadSiteConfigsOrDie(const std::vector<std::string>& paths) {
  std::vector<config::SiteConfig> configs;
  for (const auto& path : paths) {
    auto loaded = config::LoadSiteConfig(path);
    if (!loaded) throw util::Fatal(util::kExitUsage, loaded.error().message);
    if (auto valid = extract::ValidateProfile(loaded->profile); !valid) {
      throw util::Fatal(util::kExitUsage, path + ": " + valid.error().message);
    }
    configs.push_back(std::move(*loaded));
  }
  return configs;
}

const config::SiteProfile* ProfileForUrl(const std::vector<config::SiteConfig>& configs,
                                         const std::string& url) {
  auto parts = util::SplitUrl(url);
  if (!parts)
    return configs.size() == 1 && configs[0].hosts.empty() ? &configs[0].profile : nullptr;
  for (const auto& c : configs) {
    if (std::find(c.hosts.begin(), c.hosts.end(), parts->host) != c.hosts.end()) {
      return &c.profile;
    }
  }
  return nullptr;
}

}  // namespace cli
