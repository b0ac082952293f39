// A SiteConfig is one site's settings file (config/sites/*.toml): which hosts it covers, where a
// crawl starts, crawl limits and patterns, and the optional extraction profile. Every value is
// optional; what is absent falls back to config/defaults.h. Plain value type.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/site_profile.h"
#include "util/error.h"

namespace config {

struct CrawlSettings {
  // `subdomains`: hosts sharing the seeds' registrable domain are in scope (default true).
  std::optional<bool> same_registrable_domain;
  std::optional<double> delay_seconds;
  std::optional<double> max_crawl_delay_seconds;
  // Random spread on each host's gap, as a fraction (0.2 = ±20 %); 0 = none (the default).
  std::optional<double> jitter;
  std::optional<long> max_pages;
  std::optional<int> max_depth;
  std::vector<std::string> include_patterns;  // URL substrings (or globs with '*') to keep
  std::vector<std::string> exclude_patterns;  // URL substrings (or globs with '*') to skip
  std::vector<std::string> session_params;    // extra query parameters to drop
  std::optional<std::string> user_agent_contact;
  // Revalidate archived articles last fetched this long ago ("30d", "12h"); 0 = never.
  std::optional<std::chrono::milliseconds> revalidate_after;
  // Mark an archived article removed once seen gone on two runs this far apart ("7d"); "0" =
  // on the second run that sees it gone.
  std::optional<std::chrono::milliseconds> removal_grace;
  // Park a host that got no answer in this many runs in a row; 0 = never (crawl --park-after).
  std::optional<int> park_after;
};

struct SiteConfig {
  std::string source;  // file the config came from, for messages
  std::optional<std::string> name;
  std::vector<std::string> hosts;  // lower-case
  std::vector<std::string> seeds;
  CrawlSettings crawl;
  SiteProfile profile;  // hosts and time zone copied in, plus the [extract] selectors
};

// Parses the TOML text of a site file; `source` names it in error messages. Unknown tables or
// keys and values of the wrong type are kConfig errors naming the key and line.
util::Result<SiteConfig> ParseSiteConfig(std::string_view toml_text, const std::string& source);

// Reads and parses a site file.
util::Result<SiteConfig> LoadSiteConfig(const std::string& path);

// "+08:00", "-05:30", "Z" or "UTC" → minutes east of UTC; nullopt when malformed.
std::optional<int> ParseUtcOffset(std::string_view text);

}  // namespace config
