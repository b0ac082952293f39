// robots.txt per RFC 9309 (the Robots Exclusion Protocol), in the manner of google/robotstxt:
// ParseRobots takes the file's bytes and our product token and keeps the rules of the group(s)
// that apply to us; IsAllowed matches a URL path against them. Fetching robots.txt and the
// status-code policy (4xx → everything allowed, 5xx or unreachable → nothing allowed, RFC 9309
// §2.3.1.3–§2.3.1.4, up to 5 redirects §2.3.1.2) belong to the caller: see robots_gate.h.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crawler {

struct RobotsRule {
  bool allow = false;
  std::string pattern;  // normalised (see NormalizeRobotsPath); may contain '*' and a final '$'
};

struct RobotsRules {
  std::vector<RobotsRule> rules;              // of the group(s) that apply to us
  std::optional<double> crawl_delay_seconds;  // from the applying group(s)
  std::vector<std::string> sitemaps;          // every Sitemap: line of the file
};

// RFC 9309 §2.5: crawlers must parse at least 500 KiB; bytes beyond are ignored.
inline constexpr size_t kMaxRobotsBytes = 500 * 1024;

// Keeps the groups whose user-agent matches `product_token` (case-insensitive, RFC 9309
// §2.2.1), merged; without any, the `*` groups, merged. Never fails: unparsable lines are
// skipped, an empty or garbage file gives no rules (everything allowed).
RobotsRules ParseRobots(std::string_view body, std::string_view product_token);

// RFC 9309 §2.2.2: the most specific (longest) matching rule decides, allow wins a tie; no
// matching rule means allowed. `path_and_query` is the URL's path plus "?query".
// "/robots.txt" is always allowed (§2.2.2).
bool IsAllowed(const RobotsRules& rules, std::string_view path_and_query);

// RFC 9309 §2.2.2 normalisation of a path or pattern: %-escapes of unreserved characters
// decoded, other escapes upper-cased, bytes outside printable ASCII percent-encoded.
std::string NormalizeRobotsPath(std::string_view path);

}  // namespace crawler
