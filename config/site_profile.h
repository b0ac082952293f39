// A SiteProfile is the optional per-host override of the generic extractor, loaded from
// config/sites/*.toml: selectors for the few fields a site gets wrong, and its time zone.
// Plain value type.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace config {

struct SiteProfile {
  std::vector<std::string> hosts;  // host names the profile applies to (lower-case)
  std::optional<std::string> title_selector;
  std::optional<std::string> body_selector;
  std::optional<std::string> date_selector;
  std::optional<int> utc_offset_minutes;
};

}  // namespace config
