// robots.txt parsing and matching per RFC 9309 (https://www.rfc-editor.org/rfc/rfc9309),
// following google/robotstxt (robots.cc) where the RFC leaves room.
#include "crawler/robots.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace crawler {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kLineEnds = "\r\n";
constexpr std::string_view kWhitespace = " \t";
constexpr std::string_view kHexDigits = "0123456789ABCDEF";
constexpr std::string_view kAlwaysAllowedPath = "/robots.txt";
constexpr std::string_view kEscapedDollar = "%24";
constexpr int kHexBase = 16;
constexpr int kFirstHexLetterValue = 10;
constexpr unsigned char kHighNibbleShift = 4;
constexpr unsigned char kLowNibbleMask = 0x0F;

enum class Key { kUserAgent, kAllow, kDisallow, kSitemap, kCrawlDelay, kUnknown };

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool AsciiIsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool AsciiIsDigit(char c) { return c >= '0' && c <= '9'; }

std::string AsciiLowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), AsciiLower);
  return out;
}

std::string_view Trim(std::string_view s) {
  size_t first = s.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  size_t last = s.find_last_not_of(kWhitespace);
  return s.substr(first, last - first + 1);
}

// Directive names, with the misspellings google/robotstxt (and protego) accept because they
// are common in real files: "useragent", "user agent", "dissallow", "dissalow", "disalow",
// "diasllow", "disallaw". Crawl-delay and Sitemap are not in RFC 9309's grammar but are
// "other records" (§2.2.4) that crawlers widely honour.
Key KeyOf(std::string_view raw_key) {
  const std::string key = AsciiLowered(raw_key);
  if (key == "user-agent" || key == "useragent" || key == "user agent") return Key::kUserAgent;
  if (key == "allow") return Key::kAllow;
  if (key == "disallow" || key == "dissallow" || key == "dissalow" || key == "disalow" ||
      key == "diasllow" || key == "disallaw") {
    return Key::kDisallow;
  }
  if (key == "sitemap" || key == "sitemaps" || key == "site-map") return Key::kSitemap;
  if (key == "crawl-delay" || key == "crawldelay" || key == "crawl delay") return Key::kCrawlDelay;
  return Key::kUnknown;
}

// RFC 3986 §2.3.
bool IsUnreserved(unsigned char c) {
  return AsciiIsAlpha(static_cast<char>(c)) || AsciiIsDigit(static_cast<char>(c)) || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// RFC 3986 §2.2 (gen-delims and sub-delims). '*' and '$' are among them, so the pattern
// operators survive normalisation.
bool IsReserved(unsigned char c) {
  return c != '\0' && std::string_view(":/?#[]@!$&'()*+,;=").find(static_cast<char>(c)) !=
                          std::string_view::npos;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + kFirstHexLetterValue;
  if (c >= 'A' && c <= 'F') return c - 'A' + kFirstHexLetterValue;
  return -1;
}

void AppendPercentEncoded(unsigned char c, std::string& out) {
  out.push_back('%');
  out.push_back(kHexDigits[c >> kHighNibbleShift]);
  out.push_back(kHexDigits[c & kLowNibbleMask]);
}

// The product token of a user-agent value: its leading [A-Za-z_-] characters, as
// google/robotstxt extracts it ("NewsArc/1.0" → "NewsArc"), lower-cased. RFC 9309 §2.2.1
// says the line holds a product token; versions and comments after it are common in practice.
std::string ProductToken(std::string_view value) {
  size_t end = 0;
  while (end < value.size() &&
         (AsciiIsAlpha(value[end]) || value[end] == '_' || value[end] == '-')) {
    ++end;
  }
  return AsciiLowered(value.substr(0, end));
}

// "*" alone or followed by whitespace (google/robotstxt): "User-agent: * " is the wildcard,
// "User-agent: *bot" is not.
bool IsWildcardAgent(std::string_view value) {
  return !value.empty() && value.front() == '*' &&
         (value.size() == 1 || kWhitespace.find(value[1]) != std::string_view::npos);
}

// Crawl-delay values: a non-negative decimal number of seconds ("10", "2.5", ".5"). Anything
// else ("10s", "-1", "soon", "0x10", "1e3") is ignored, as RFC 9309 §2.2.4 allows for records
// a crawler does not understand. std::from_chars is locale-independent, unlike strtod.
std::optional<double> ParseCrawlDelay(std::string_view value) {
  if (value.empty() || !(AsciiIsDigit(value.front()) || value.front() == '.')) return std::nullopt;
  if (value.find_first_not_of("0123456789.") != std::string_view::npos) return std::nullopt;
  double seconds = 0;
  auto [end, error] =
      std::from_chars(value.data(), value.data() + value.size(), seconds, std::chars_format::fixed);
  if (error != std::errc() || end != value.data() + value.size() || !std::isfinite(seconds)) {
    return std::nullopt;
  }
  return seconds;
}

// A Disallow/Allow value as a pattern. RFC 9309 §2.2 requires patterns to start with '/';
// real files also write "*.gif$" (as RFC §5.1 does) or "private/" (invalid). We read the
// latter as site-relative ("/private/"), as protego and Python's robotparser do, because
// that is plainly what the owner meant and reading it as "never matches" is less polite.
std::string PatternOf(std::string_view value) {
  std::string pattern = NormalizeRobotsPath(value);
  if (!pattern.empty() && pattern.front() != '/' && pattern.front() != '*') {
    pattern.insert(pattern.begin(), '/');
  }
  // '$' is special only at the end (§2.2.3); elsewhere it is a literal, compared as "%24"
  // like a '$' in the URL (see IsAllowed).
  for (size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (pattern[i] == '$') pattern.replace(i, 1, kEscapedDollar);
  }
  return pattern;
}

}  // namespace

namespace internal {

// google/robotstxt's Matches(): `positions` holds the sorted set of path offsets the pattern
// prefix read so far can end at. Time O(|path| × |pattern|), memory O(|path|), no
// backtracking, so a hostile "/*a*a*a*a…b" costs at most a few million steps.
bool PatternMatches(std::string_view path, std::string_view pattern) {
  // Most patterns have no '*': a prefix comparison (or, with a final '$', equality) suffices,
  // without the offset array.
  if (pattern.find('*') == std::string_view::npos) {
    if (!pattern.empty() && pattern.back() == '$') {
      return path == pattern.substr(0, pattern.size() - 1);
    }
    return path.substr(0, pattern.size()) == pattern;
  }
  std::vector<size_t> positions(path.size() + 1);
  size_t count = 1;  // positions[0] = 0
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char p = pattern[i];
    if (p == '$' && i + 1 == pattern.size()) return positions[count - 1] == path.size();
    if (p == '*') {
      // Every offset from the smallest one on.
      const size_t from = positions[0];
      count = path.size() - from + 1;
      for (size_t k = 0; k < count; ++k) positions[k] = from + k;
      continue;
    }
    size_t next = 0;
    for (size_t k = 0; k < count; ++k) {
      const size_t at = positions[k];
      if (at < path.size() && path[at] == p) positions[next++] = at + 1;
    }
    if (next == 0) return false;
    count = next;
  }
  return true;
}

}  // namespace internal

namespace {

// A group (RFC 9309 §2.1): its user-agent lines' product tokens ("*" for the wildcard) and
// its rules.
struct Group {
  std::vector<std::string> agents;
  // An allow/disallow line was seen (or another line and then a blank line), so the next
  // agent line opens a new group.
  bool has_rule_line = false;
  bool other_line_seen = false;  // a crawl-delay, sitemap or unknown line since the agent lines
  std::vector<RobotsRule> rules;
  std::optional<double> crawl_delay_seconds;
};

struct KeyValue {
  Key key = Key::kUnknown;
  std::string_view value;
};

// Splits a line (comment removed, trimmed) into key and value. The separator is ':'; like
// google/robotstxt we also accept whitespace ("Disallow /x") when the line is exactly two
// words, since that is unambiguous.
std::optional<KeyValue> SplitLine(std::string_view line) {
  size_t sep = line.find(':');
  if (sep == std::string_view::npos) {
    sep = line.find_first_of(kWhitespace);
    if (sep == std::string_view::npos) return std::nullopt;
    std::string_view rest = Trim(line.substr(sep));
    if (rest.find_first_of(kWhitespace) != std::string_view::npos) return std::nullopt;
  }
  return KeyValue{KeyOf(Trim(line.substr(0, sep))), Trim(line.substr(sep + 1))};
}

// The part of `body` we parse: the BOM removed, at most kMaxRobotsBytes, and a last line cut
// short by that limit dropped (a cut "Allow: /private-but-this" would widen what is allowed).
std::string_view ParsedPart(std::string_view body) {
  if (body.substr(0, kUtf8Bom.size()) == kUtf8Bom) body.remove_prefix(kUtf8Bom.size());
  if (body.size() <= kMaxRobotsBytes) return body;
  const bool cut_at_line_end = kLineEnds.find(body[kMaxRobotsBytes]) != std::string_view::npos;
  body = body.substr(0, kMaxRobotsBytes);
  if (cut_at_line_end) return body;
  const size_t last_end = body.find_last_of(kLineEnds);
  return last_end == std::string_view::npos ? std::string_view() : body.substr(0, last_end + 1);
}

std::vector<Group> ParseGroups(std::string_view body, std::vector<std::string>& sitemaps) {
  std::vector<Group> groups;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find_first_of(kLineEnds, start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    start = end + 1;
    if (end < body.size() && body[end] == '\r' && start < body.size() && body[start] == '\n') {
      ++start;
    }
    bool blank = Trim(line).empty();
    line = Trim(line.substr(0, line.find('#')));
    // A blank line after a line of another kind ends the group (see below).
    if (blank && !groups.empty() && groups.back().other_line_seen) {
      groups.back().has_rule_line = true;
    }
    if (line.empty()) continue;
    const std::optional<KeyValue> kv = SplitLine(line);
    if (!kv) continue;
    // Consecutive user-agent lines share a group; a user-agent line after a rule line opens
    // the next group (RFC 9309 §2.1). Lines the RFC does not define (Sitemap, unknown keys,
    // Crawl-delay) do not close a group's run of agent lines, as google/robotstxt's
    // ID_LineSyntax_Groups_OtherRules cases require: "User-agent: newsarc\nCrawl-delay: 10\n
    // User-agent: *\nDisallow: /admin/" disallows /admin/ for newsarc. Such a line followed
    // by a blank line does end it, as real files write separate groups (Google's parser would
    // merge them, Protego would not): "User-agent: *\nCrawl-delay: 120\n\nUser-agent: 008\n
    // Disallow: /" (bitbucket.org) shuts out 008 only, not everyone, and so does
    // "User-agent: *\nSitemap: …\n\nUser-agent: SemrushBot\nDisallow: /" (jimmyjohns.com).
    if (!groups.empty()) {
      if (kv->key == Key::kAllow || kv->key == Key::kDisallow) {
        groups.back().has_rule_line = true;
      } else if (kv->key != Key::kUserAgent) {
        groups.back().other_line_seen = true;
      }
    }
    switch (kv->key) {
      case Key::kUserAgent: {
        if (groups.empty() || groups.back().has_rule_line) groups.emplace_back();
        std::string agent = IsWildcardAgent(kv->value) ? "*" : ProductToken(kv->value);
        if (!agent.empty()) groups.back().agents.push_back(std::move(agent));
        break;
      }
      case Key::kAllow:
      case Key::kDisallow:
        // Rules before any user-agent line belong to no group and are ignored (§2.1).
        if (groups.empty()) break;
        // An empty value matches nothing (§2.2.2: "Disallow:" disallows nothing).
        if (!kv->value.empty()) {
          groups.back().rules.push_back({kv->key == Key::kAllow, PatternOf(kv->value)});
        }
        break;
      case Key::kCrawlDelay:
        if (groups.empty() || groups.back().crawl_delay_seconds) break;
        groups.back().crawl_delay_seconds = ParseCrawlDelay(kv->value);
        break;
      case Key::kSitemap:
        // Sitemaps belong to no group (§2.2.4): every line counts, wherever it is.
        if (!kv->value.empty()) sitemaps.emplace_back(kv->value);
        break;
      case Key::kUnknown:
        break;
    }
  }
  return groups;
}

std::string EscapePatternOperators(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c == '*' || c == '$') {
      AppendPercentEncoded(static_cast<unsigned char>(c), out);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string NormalizeRobotsPath(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (size_t i = 0; i < path.size(); ++i) {
    const auto c = static_cast<unsigned char>(path[i]);
    if (c == '%' && i + 2 < path.size() && HexValue(path[i + 1]) >= 0 &&
        HexValue(path[i + 2]) >= 0) {
      const auto decoded =
          static_cast<unsigned char>(HexValue(path[i + 1]) * kHexBase + HexValue(path[i + 2]));
      if (IsUnreserved(decoded)) {
        out.push_back(static_cast<char>(decoded));
      } else {
        AppendPercentEncoded(decoded, out);
      }
      i += 2;
    } else if (IsUnreserved(c) || IsReserved(c) || c == '%') {
      out.push_back(static_cast<char>(c));
    } else {
      // Non-ASCII bytes, controls, space and the ASCII characters a URI may not hold
      // ('"', '<', '>', '\\', '^', '`', '{', '|', '}').
      AppendPercentEncoded(c, out);
    }
  }
  return out;
}

RobotsRules ParseRobots(std::string_view body, std::string_view product_token) {
  RobotsRules result;
  const std::vector<Group> groups = ParseGroups(ParsedPart(body), result.sitemaps);
  const std::string token = ProductToken(product_token);

  // §2.2.1: all groups naming our product token, merged; if there are none, all '*' groups.
  auto merge = [&](const std::string& agent) {
    bool any = false;
    for (const Group& group : groups) {
      if (std::find(group.agents.begin(), group.agents.end(), agent) == group.agents.end()) {
        continue;
      }
      any = true;
      result.rules.insert(result.rules.end(), group.rules.begin(), group.rules.end());
      if (!result.crawl_delay_seconds) result.crawl_delay_seconds = group.crawl_delay_seconds;
    }
    return any;
  };
  if (token.empty() || !merge(token)) merge("*");
  return result;
}

bool IsAllowed(const RobotsRules& rules, std::string_view path_and_query) {
  std::string path = NormalizeRobotsPath(path_and_query.empty() ? "/" : path_and_query);
  if (path.substr(0, path.find('?')) == kAlwaysAllowedPath) return true;
  // In a URL '*' and '$' are plain characters, so they are compared in the %-encoded form a
  // pattern must use to match them literally (§2.2.3: "/path/file-with-a-%2A.html" matches
  // "/path/file-with-a-*.html"). A '*' in a pattern still matches "%2A" as any characters.
  path = EscapePatternOperators(path);
  // §2.2.2: the match with the most octets wins; on a tie between allow and disallow, allow.
  size_t best_length = 0;
  bool matched = false;
  bool allowed = true;
  for (const RobotsRule& rule : rules.rules) {
    const size_t length = rule.pattern.size();
    if (matched && (length < best_length || (length == best_length && !rule.allow))) continue;
    if (!internal::PatternMatches(path, rule.pattern)) continue;
    matched = true;
    best_length = length;
    allowed = rule.allow;
  }
  return allowed;
}

RobotsPolicy PolicyForFetchOutcome(int http_status) {
  constexpr int kTooManyRequests = 429;
  if (http_status >= 200 && http_status < 300) return RobotsPolicy::kParseBody;
  if (http_status == kTooManyRequests) return RobotsPolicy::kDisallowAll;
  if (http_status >= 300 && http_status < 500) return RobotsPolicy::kAllowAll;
  return RobotsPolicy::kDisallowAll;
}

}  // namespace crawler
