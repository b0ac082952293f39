// A Scope decides whether a discovered URL is worth fetching: on an allowed host, matching the
// include/exclude patterns, not too deep, not a non-HTML file, and not a crawler trap (overlong
// URLs, repeated path segments, endless query variants of one path, calendar pages far in the
// future or past). Each refusal has a reason that the crawler logs and archives.
// Keeps per-path counts of query variants, so it is stateful; not thread-safe.
//
// A host is on-site when it is an allowed host or, by default, shares an allowed host's
// registrable domain (util/registrable_domain.h): a seed on news.example.org.cn brings in
// www.example.org.cn and example.org.cn, not example2.org.cn. Hosts are compared without their
// port; IP addresses and single-label hosts only ever match themselves.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "config/defaults.h"

namespace crawler {

enum class ScopeDecision {
  kAccept,
  kNotHttp,              // not an http(s) URL
  kOffSite,              // host not in scope
  kExcluded,             // matches an exclude pattern
  kNotIncluded,          // include patterns exist and none matches
  kTooDeep,              // beyond max_depth links from a seed
  kNonHtmlExtension,     // .jpg, .pdf, .zip ... (checked before fetching)
  kTrapUrlLength,        // longer than max_url_length
  kTrapRepeatedSegment,  // the same path segment many times (/a/b/a/b/a/b/...)
  kTrapQueryVariants,    // too many distinct query strings for one path
  kTrapCalendar,         // a date parameter far outside the plausible range
};

const char* ScopeDecisionName(ScopeDecision decision);

struct ScopeOptions {
  std::vector<std::string> allowed_hosts;  // lower-case, without port; empty = any host
  // Hosts sharing an allowed host's registrable domain are in scope too.
  bool same_registrable_domain = true;
  std::vector<std::string> include_patterns;  // substrings, or globs with '*'
  std::vector<std::string> exclude_patterns;  // substrings, or globs with '*'
  int max_depth = config::defaults::kMaxDepth;
  size_t max_url_length = 2048;
  int max_repeated_segments = 3;  // a segment may occur this many times
  int max_query_variants_per_path = 2000;
  // Calendar guard: year-like parameter values outside [min_year, max_year] are traps.
  int min_year = 1990;
  int max_year = 2100;  // set to current year + 1 by the crawler
};

class Scope {
 public:
  explicit Scope(ScopeOptions options);

  // Decides for a canonical absolute URL found `depth` links from a seed. Accepting a URL
  // counts its query variant (so call once per discovered URL).
  ScopeDecision Decide(std::string_view canonical_url, int depth);

  // The same checks without the host test and without counting: for seeds and redirects.
  ScopeDecision DecideStateless(std::string_view canonical_url, int depth) const;

  // Why `decision` (Decide's answer for `canonical_url` at `depth`) refused the URL, in a few
  // words: "matches exclude pattern /print/", "depth 3 > max depth 2", "matches no include
  // pattern (/news/)". Empty for kAccept.
  std::string Explain(ScopeDecision decision, std::string_view canonical_url, int depth) const;

  // Whether a host name (lower-case, without port) is on-site.
  bool IsOnSite(const std::string& host) const;

 private:
  ScopeOptions options_;
  std::unordered_set<std::string> allowed_hosts_;
  std::unordered_set<std::string> allowed_domains_;      // registrable domains of allowed_hosts
  std::unordered_map<std::string, int> query_variants_;  // "host/path" → distinct queries seen
};

// A pattern matches when it occurs anywhere in the URL, '*' inside it matching any run of
// characters: "/news/" keeps every URL containing /news/, "show*.asp?id=" every such page.
bool UrlPatternMatches(std::string_view pattern, std::string_view url);

// Why a pattern cannot do what it seems to ask, or nullopt when it is usable: it is empty or all
// '*' (it matches every URL), it holds a character canonical URLs never contain (a space,
// control or backslash, or one of ^ | { } " < > ` #: usually a regular expression, which
// patterns are not), or it holds non-ASCII text, which URLs only carry percent-encoded.
std::optional<std::string> UrlPatternProblem(std::string_view pattern);

}  // namespace crawler
