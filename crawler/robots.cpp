#include "crawler/robots.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace crawler {
namespace {

enum class Key { kUserAgent, kAllow, kDisallow, kSitemap, kCrawlDelay, kUnknown };

// Directive names, with the misspellings google/robotstxt accepts (they are common in real
// files: "Dissallow", "User agent" ...).
Key KeyOf(std::string key) {
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (key == "user-agent" || key == "useragent" || key == "user agent") return Key::kUserAgent;
  if (key == "allow") return Key::kAllow;
  if (key == "disallow" || key == "dissallow" || key == "dissalow" || key == "disalow" ||
      key == "diasllow" || key == "disallaw") {
    return Key::kDisallow;
  }
  if (key == "sitemap" || key == "site-map") return Key::kSitemap;
  if (key == "crawl-delay" || key == "crawldelay" || key == "crawl delay") return Key::kCrawlDelay;
  return Key::kUnknown;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The product token of a user-agent line's value: its leading [A-Za-z_-] characters
// (google/robotstxt: "Googlebot/2.1" → "Googlebot"), lower-cased.
std::string ProductToken(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (!(std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '-')) break;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// Does `pattern` (normalised, '*' wildcards, optional final '$') match the start of `path`?
// Keeps the set of path positions the pattern prefix can end at: O(|pattern| × |path|) at
// worst, no backtracking blow-up (google/robotstxt's Matches()).
bool Matches(std::string_view path, std::string_view pattern) {
  std::vector<size_t> pos = {0};
  std::vector<size_t> next;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char p = pattern[i];
    if (p == '$' && i + 1 == pattern.size()) {
      return std::find(pos.begin(), pos.end(), path.size()) != pos.end();
    }
    if (p == '*') {
      size_t from = pos.front();  // positions are kept sorted
      pos.clear();
      for (size_t k = from; k <= path.size(); ++k) pos.push_back(k);
      continue;
    }
    next.clear();
    for (size_t k : pos) {
      if (k < path.size() && path[k] == p) next.push_back(k + 1);
    }
    if (next.empty()) return false;
    pos.swap(next);
  }
  return true;
}

struct Group {
  std::vector<std::string> agents;  // product tokens, "*" for the wildcard
  std::vector<RobotsRule> rules;
  std::optional<double> crawl_delay;
};

}  // namespace

std::string NormalizeRobotsPath(std::string_view path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (size_t i = 0; i < path.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(path[i]);
    if (c == '%' && i + 2 < path.size() && HexValue(path[i + 1]) >= 0 &&
        HexValue(path[i + 2]) >= 0) {
      unsigned char decoded =
          static_cast<unsigned char>(HexValue(path[i + 1]) * 16 + HexValue(path[i + 2]));
      if (IsUnreserved(decoded)) {
        out.push_back(static_cast<char>(decoded));
      } else {
        out.push_back('%');
        out.push_back(kHex[decoded >> 4]);
        out.push_back(kHex[decoded & 15]);
      }
      i += 2;
    } else if (c <= 0x20 || c >= 0x7F) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

RobotsRules ParseRobots(std::string_view body, std::string_view product_token) {
  body = body.substr(0, kMaxRobotsBytes);
  if (body.size() >= 3 && body.compare(0, 3, "\xEF\xBB\xBF") == 0) body.remove_prefix(3);
  std::string token = ProductToken(product_token);

  RobotsRules result;
  std::vector<Group> groups;
  bool last_was_agent = false;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    start = end + 1;
    if (end < body.size() && body[end] == '\r' && start < body.size() && body[start] == '\n') {
      ++start;
    }
    size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) continue;
    size_t sep = line.find(':');
    if (sep == std::string_view::npos) {
      // google/robotstxt also accepts "Disallow /x" (whitespace instead of the colon).
      sep = line.find_first_of(" \t");
      if (sep == std::string_view::npos) continue;
    }
    Key key = KeyOf(std::string(Trim(line.substr(0, sep))));
    std::string_view value = Trim(line.substr(sep + 1));
    switch (key) {
      case Key::kUserAgent: {
        if (!last_was_agent) groups.emplace_back();
        std::string agent = value == "*" ? "*" : ProductToken(value);
        if (value.size() > 1 && value.front() == '*') agent = "*";  // "* # all"
        if (!agent.empty()) groups.back().agents.push_back(agent);
        last_was_agent = true;
        continue;
      }
      case Key::kAllow:
      case Key::kDisallow:
        if (!groups.empty() && !value.empty()) {
          groups.back().rules.push_back({key == Key::kAllow, NormalizeRobotsPath(value)});
        }
        break;
      case Key::kCrawlDelay:
        if (!groups.empty()) {
          char* end_ptr = nullptr;
          std::string v(value);
          double d = std::strtod(v.c_str(), &end_ptr);
          if (end_ptr != v.c_str() && d >= 0 && d < 1e9 && !groups.back().crawl_delay) {
            groups.back().crawl_delay = d;
          }
        }
        break;
      case Key::kSitemap:
        // Sitemaps are not part of any group (RFC 9309 §2.2.4).
        if (!value.empty()) result.sitemaps.emplace_back(value);
        continue;
      case Key::kUnknown:
        break;
    }
    last_was_agent = false;
  }

  auto collect = [&](bool specific) {
    bool any = false;
    for (const Group& g : groups) {
      bool applies = std::any_of(g.agents.begin(), g.agents.end(), [&](const std::string& a) {
        return specific ? (!token.empty() && a == token) : a == "*";
      });
      if (!applies) continue;
      any = true;
      result.rules.insert(result.rules.end(), g.rules.begin(), g.rules.end());
      if (!result.crawl_delay_seconds && g.crawl_delay) result.crawl_delay_seconds = g.crawl_delay;
    }
    return any;
  };
  if (!collect(true)) collect(false);
  return result;
}

bool IsAllowed(const RobotsRules& rules, std::string_view path_and_query) {
  std::string path = NormalizeRobotsPath(path_and_query.empty() ? "/" : path_and_query);
  if (path == "/robots.txt") return true;
  int best_length = -1;
  bool allowed = true;
  for (const RobotsRule& rule : rules.rules) {
    if (!Matches(path, rule.pattern)) continue;
    int length = static_cast<int>(rule.pattern.size());
    if (length > best_length || (length == best_length && rule.allow)) {
      best_length = length;
      allowed = rule.allow;
    }
  }
  return allowed;
}

}  // namespace crawler
