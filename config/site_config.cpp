#include "config/site_config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "util/duration.h"

namespace config {
namespace {

using util::ErrorCode;
using util::MakeError;

std::string Where(const std::string& source, const toml::node& node) {
  const auto& src = node.source();
  return source + ":" + std::to_string(src.begin.line);
}

util::Result<void> CheckKeys(const toml::table& table, const std::set<std::string>& allowed,
                             const std::string& source, const std::string& table_name) {
  for (const auto& [key, value] : table) {
    std::string k(key.str());
    if (!allowed.count(k)) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      return MakeError(ErrorCode::kConfig, Where(source, value) + ": unknown key '" + table_name +
                                               (table_name.empty() ? "" : ".") + k +
                                               "' (expected one of: " + list + ")");
    }
  }
  return {};
}

util::Result<std::optional<std::string>> GetString(const toml::table& t, const char* key,
                                                   const std::string& source) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return std::optional<std::string>();
  if (!n->is_string()) {
    return MakeError(ErrorCode::kConfig, Where(source, *n) + ": '" + key + "' must be a string");
  }
  return std::optional<std::string>(n->as_string()->get());
}

util::Result<std::optional<bool>> GetBool(const toml::table& t, const char* key,
                                          const std::string& source) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return std::optional<bool>();
  if (!n->is_boolean()) {
    return MakeError(ErrorCode::kConfig,
                     Where(source, *n) + ": '" + key + "' must be true or false");
  }
  return std::optional<bool>(n->as_boolean()->get());
}

util::Result<std::optional<double>> GetNumber(const toml::table& t, const char* key,
                                              const std::string& source, double min) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return std::optional<double>();
  double v;
  if (n->is_integer()) {
    v = static_cast<double>(n->as_integer()->get());
  } else if (n->is_floating_point()) {
    v = n->as_floating_point()->get();
  } else {
    return MakeError(ErrorCode::kConfig, Where(source, *n) + ": '" + key + "' must be a number");
  }
  if (!(v >= min)) {
    return MakeError(ErrorCode::kConfig, Where(source, *n) + ": '" + key + "' must be >= " +
                                             std::to_string(static_cast<long>(min)));
  }
  return std::optional<double>(v);
}

util::Result<std::vector<std::string>> GetStrings(const toml::table& t, const char* key,
                                                  const std::string& source) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (n == nullptr) return out;
  const toml::array* arr = n->as_array();
  if (arr == nullptr) {
    return MakeError(ErrorCode::kConfig,
                     Where(source, *n) + ": '" + key + "' must be an array of strings");
  }
  for (const auto& item : *arr) {
    if (!item.is_string()) {
      return MakeError(ErrorCode::kConfig,
                       Where(source, item) + ": '" + key + "' must contain only strings");
    }
    out.push_back(item.as_string()->get());
  }
  return out;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

std::optional<int> ParseUtcOffset(std::string_view text) {
  if (text == "Z" || text == "z" || text == "UTC") return 0;
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') {
    return std::nullopt;
  }
  auto digit = [&](size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (!digit(1) || !digit(2) || !digit(4) || !digit(5)) return std::nullopt;
  int hours = (text[1] - '0') * 10 + (text[2] - '0');
  int minutes = (text[4] - '0') * 10 + (text[5] - '0');
  if (hours > 14 || minutes > 59) return std::nullopt;
  int total = hours * 60 + minutes;
  return text[0] == '-' ? -total : total;
}

util::Result<SiteConfig> ParseSiteConfig(std::string_view toml_text, const std::string& source) {
  // Debian's toml++ is built with exceptions: a syntax error throws toml::parse_error.
  toml::table root;
  try {
    root = toml::parse(toml_text, source);
  } catch (const toml::parse_error& err) {
    return MakeError(ErrorCode::kConfig, source + ":" + std::to_string(err.source().begin.line) +
                                             ": " + std::string(err.description()));
  }
  TRY(CheckKeys(root, {"site", "crawl", "extract"}, source, ""));
  SiteConfig config;
  config.source = source;

  if (const toml::node* site_node = root.get("site")) {
    const toml::table* site = site_node->as_table();
    if (site == nullptr) {
      return MakeError(ErrorCode::kConfig, Where(source, *site_node) + ": [site] must be a table");
    }
    TRY(CheckKeys(*site, {"name", "hosts", "seeds", "timezone"}, source, "site"));
    TRY_ASSIGN(config.name, GetString(*site, "name", source));
    TRY_ASSIGN(config.hosts, GetStrings(*site, "hosts", source));
    for (auto& h : config.hosts) h = Lower(h);
    TRY_ASSIGN(config.seeds, GetStrings(*site, "seeds", source));
    TRY_ASSIGN(auto tz, GetString(*site, "timezone", source));
    if (tz) {
      auto offset = ParseUtcOffset(*tz);
      if (!offset) {
        return MakeError(ErrorCode::kConfig, Where(source, *site->get("timezone")) +
                                                 ": 'timezone' must be a UTC offset like "
                                                 "\"+08:00\", got \"" +
                                                 *tz + "\"");
      }
      config.profile.utc_offset_minutes = *offset;
    }
  }

  if (const toml::node* crawl_node = root.get("crawl")) {
    const toml::table* crawl = crawl_node->as_table();
    if (crawl == nullptr) {
      return MakeError(ErrorCode::kConfig,
                       Where(source, *crawl_node) + ": [crawl] must be a table");
    }
    TRY(CheckKeys(*crawl,
                  {"delay", "max_crawl_delay", "jitter", "max_pages", "max_depth", "include",
                   "exclude", "session_params", "user_agent_contact", "revalidate_after",
                   "removal_grace", "subdomains", "park_after"},
                  source, "crawl"));
    CrawlSettings& c = config.crawl;
    TRY_ASSIGN(c.same_registrable_domain, GetBool(*crawl, "subdomains", source));
    TRY_ASSIGN(c.delay_seconds, GetNumber(*crawl, "delay", source, 0));
    TRY_ASSIGN(c.max_crawl_delay_seconds, GetNumber(*crawl, "max_crawl_delay", source, 0));
    TRY_ASSIGN(c.jitter, GetNumber(*crawl, "jitter", source, 0));
    if (c.jitter && *c.jitter >= 1) {
      return MakeError(ErrorCode::kConfig,
                       Where(source, *crawl->get("jitter")) +
                           ": 'jitter' must be a fraction below 1 (0.2 = ±20 %)");
    }
    TRY_ASSIGN(auto max_pages, GetNumber(*crawl, "max_pages", source, 1));
    if (max_pages) c.max_pages = static_cast<long>(*max_pages);
    TRY_ASSIGN(auto max_depth, GetNumber(*crawl, "max_depth", source, 0));
    if (max_depth) c.max_depth = static_cast<int>(*max_depth);
    TRY_ASSIGN(auto park_after, GetNumber(*crawl, "park_after", source, 0));
    if (park_after) {
      if (*park_after != static_cast<double>(static_cast<int>(*park_after))) {
        return MakeError(ErrorCode::kConfig,
                         Where(source, *crawl->get("park_after")) +
                             ": [crawl] park_after must be a whole number of runs (0 = never)");
      }
      c.park_after = static_cast<int>(*park_after);
    }
    TRY_ASSIGN(c.include_patterns, GetStrings(*crawl, "include", source));
    TRY_ASSIGN(c.exclude_patterns, GetStrings(*crawl, "exclude", source));
    TRY_ASSIGN(c.session_params, GetStrings(*crawl, "session_params", source));
    TRY_ASSIGN(c.user_agent_contact, GetString(*crawl, "user_agent_contact", source));
    TRY_ASSIGN(auto revalidate, GetString(*crawl, "revalidate_after", source));
    if (revalidate) {
      c.revalidate_after = util::ParseDuration(*revalidate);
      if (!c.revalidate_after) {
        return MakeError(ErrorCode::kConfig,
                         Where(source, *crawl->get("revalidate_after")) +
                             ": [crawl] revalidate_after must be a duration such as \"30d\" or "
                             "\"12h\" (\"0\" = never), not \"" +
                             *revalidate + "\"");
      }
    }
    TRY_ASSIGN(auto grace, GetString(*crawl, "removal_grace", source));
    if (grace) {
      c.removal_grace = util::ParseDuration(*grace);
      if (!c.removal_grace) {
        return MakeError(ErrorCode::kConfig,
                         Where(source, *crawl->get("removal_grace")) +
                             ": [crawl] removal_grace must be a duration such as \"7d\" or "
                             "\"36h\" (\"0\" = the next run that sees it gone), not \"" +
                             *grace + "\"");
      }
    }
  }

  if (const toml::node* extract_node = root.get("extract")) {
    const toml::table* ex = extract_node->as_table();
    if (ex == nullptr) {
      return MakeError(ErrorCode::kConfig,
                       Where(source, *extract_node) + ": [extract] must be a table");
    }
    TRY(CheckKeys(*ex, {"title_selector", "body_selector", "date_selector"}, source, "extract"));
    TRY_ASSIGN(config.profile.title_selector, GetString(*ex, "title_selector", source));
    TRY_ASSIGN(config.profile.body_selector, GetString(*ex, "body_selector", source));
    TRY_ASSIGN(config.profile.date_selector, GetString(*ex, "date_selector", source));
  }
  config.profile.hosts = config.hosts;
  return config;
}

util::Result<SiteConfig> LoadSiteConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kConfig, path + ": cannot read config file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ParseSiteConfig(ss.str(), path);
}

}  // namespace config
