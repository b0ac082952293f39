// A RobotsRules is what one robots.txt file (RFC 9309, the Robots Exclusion Protocol) says to
// us: the allow/disallow rules of the group(s) naming our product token (else of the `*`
// groups), their Crawl-delay, and every Sitemap of the file. In the manner of google/robotstxt,
// ParseRobots takes the file's bytes (never a socket or a path) and IsAllowed matches a URL
// path against the result. PolicyForFetchOutcome says what a robots.txt fetch outcome means.
//
// Fetching is the caller's job (robots_gate.h): it follows up to five consecutive redirects
// (RFC 9309 §2.3.1.2; config::defaults::kMaxRedirects) and hands the final status and body here.
//
// Value types and pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crawler {

struct RobotsRule {
  bool allow = false;
  // Normalised as NormalizeRobotsPath does; may contain '*' wildcards and a final '$' anchor.
  std::string pattern;
};

struct RobotsRules {
  // The rules of every group that applies to us, merged in file order (RFC 9309 §2.2.1).
  std::vector<RobotsRule> rules;
  // The first valid Crawl-delay of those groups (non-standard; RFC 9309 §2.2.4 lets crawlers
  // interpret other records). Never negative.
  std::optional<double> crawl_delay_seconds;
  // Every Sitemap: value of the file, whatever group it sits in (they belong to none), as written.
  std::vector<std::string> sitemaps;
};

// RFC 9309 §2.5: crawlers MUST parse at least the first 500 KiB. We parse exactly the complete
// lines within them and ignore the rest (a line cut in half could turn "/private/" into "/p").
inline constexpr size_t kMaxRobotsBytes = 500 * 1024;

// Keeps the groups whose user-agent product token equals `product_token` case-insensitively
// (RFC 9309 §2.2.1; like google/robotstxt, the token of "NewsArc/1.0" is "NewsArc"), merged;
// when there are none, the `*` groups, merged. Never fails: unparsable lines are skipped, and
// an empty or garbage file gives no rules (everything allowed). Bytes need not be UTF-8.
//
// Accepted beyond RFC 9309's grammar, as google/robotstxt accepts them (common in real files):
//   "useragent", "user agent"                                  for "user-agent"
//   "dissallow", "dissalow", "disalow", "diasllow", "disallaw" for "disallow"
//   "site-map", "sitemaps"                                     for "sitemap"
//   "crawldelay", "crawl delay"                                for "crawl-delay"
//   whitespace instead of the colon when the line is exactly "<key> <value>"
//   "* anything" as the wildcard user-agent
//   a UTF-8 byte order mark before the first line
//   a pattern not starting with '/' or '*' ("private/") as site-relative ("/private/"), as
//   Protego and Python's robotparser read it (RFC 9309 §2.2 requires the '/')
// Any line other than a user-agent line (a rule, Sitemap, Crawl-delay, unknown key) ends the
// run of user-agent lines, so the next user-agent line starts a new group (google/robotstxt).
RobotsRules ParseRobots(std::string_view body, std::string_view product_token);

// RFC 9309 §2.2.2: the matching rule with the longest pattern (in octets, after normalisation)
// decides, Allow wins a tie, and no matching rule means allowed. `path_and_query` is the URL's
// path, plus "?query" when there is one (no scheme, host or fragment); it is normalised like the
// patterns, and its '*' and '$' are compared as "%2A" and "%24", the form a pattern uses to
// match them literally (§2.2.3). "/robots.txt" is always allowed (§2.2.2). Cost:
// O(|pattern| x |path|) per rule at worst, whatever the wildcards.
bool IsAllowed(const RobotsRules& rules, std::string_view path_and_query);

// The comparison form of a path or pattern (RFC 9309 §2.2.2): %-escapes of unreserved
// characters (RFC 3986 §2.3) decoded, other %-escapes upper-cased, reserved characters
// (RFC 3986 §2.2) kept as written, and every other octet percent-encoded (UTF-8 of "/新闻",
// controls, space, '"', '<', '|' ...). "/%7ejoe" → "/~joe", "/a%3cd" → "/a%3Cd",
// "/新闻" → "/%E6%96%B0%E9%97%BB", "/q%3D" stays "/q%3D" (not "/q=").
std::string NormalizeRobotsPath(std::string_view path);

// What to do with a robots.txt fetch outcome (RFC 9309 §2.3.1).
enum class RobotsPolicy {
  kParseBody,    // 2xx: the body's rules apply (ParseRobots).
  kAllowAll,     // "unavailable" (4xx, §2.3.1.3; also redirects beyond the limit, §2.3.1.2).
  kDisallowAll,  // "unreachable" (5xx or network failure, §2.3.1.4): MUST assume complete
                 // disallow. Also 429, and anything that is not an HTTP status.
};

// `http_status` is the final status after redirects, or 0 when the fetch failed (DNS,
// connection, timeout, TLS). 3xx here means the redirect limit was reached or a redirect had no
// usable Location: the file is unavailable. 429 (Too Many Requests) is treated as 5xx, as
// Google does: a server asking us to slow down must not become "allow everything".
RobotsPolicy PolicyForFetchOutcome(int http_status);

namespace internal {

// Does `pattern` (normalised, '*' matches any run of octets, '$' anchors only as the last
// octet) match a prefix of `path` (normalised)? google/robotstxt's Matches(): keeps the sorted
// set of path offsets the pattern prefix can end at, so it is O(|pattern| x |path|) — no
// exponential backtracking on "/*a*a*a*b". Not in an anonymous namespace to allow testing.
bool PatternMatches(std::string_view path, std::string_view pattern);

}  // namespace internal
}  // namespace crawler
