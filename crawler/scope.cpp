#include "crawler/scope.h"

#include <algorithm>
#include <cctype>

#include "util/registrable_domain.h"
#include "util/url.h"

namespace crawler {
namespace {

// Extensions that are never HTML pages: skipped before fetching (the Content-Type check after
// the headers catches the rest).
constexpr std::string_view kNonHtmlExtensions[] = {
    ".jpg", ".jpeg", ".png",  ".gif",  ".bmp",  ".webp",  ".svg",  ".ico", ".tif", ".tiff",
    ".pdf", ".doc",  ".docx", ".xls",  ".xlsx", ".ppt",   ".pptx", ".wps", ".rtf", ".txt",
    ".zip", ".rar",  ".7z",   ".gz",   ".tar",  ".tgz",   ".bz2",  ".exe", ".apk", ".dmg",
    ".iso", ".mp3",  ".mp4",  ".avi",  ".wmv",  ".flv",   ".mov",  ".mkv", ".wav", ".swf",
    ".css", ".js",   ".xml",  ".json", ".woff", ".woff2", ".ttf",  ".eot"};

// Query parameter names that carry calendar positions.
constexpr std::string_view kCalendarParams[] = {"year", "y", "yr",  "date",     "month",
                                                "day",  "d", "cal", "calendar", "ym"};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool HasNonHtmlExtension(std::string_view path) {
  std::string lower = Lower(path);
  for (auto ext : kNonHtmlExtensions) {
    if (lower.size() > ext.size() &&
        lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0) {
      return true;
    }
  }
  return false;
}

bool HasRepeatedSegments(std::string_view path, int max_repeats) {
  std::unordered_map<std::string_view, int> counts;
  size_t start = 1;
  while (start < path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view segment = path.substr(start, slash - start);
    if (!segment.empty() && ++counts[segment] > max_repeats) return true;
    start = slash + 1;
  }
  return false;
}

// A year (4 digits starting with 1 or 2) at the start of a calendar parameter's value
// ("2031", "2031-05", "203105") outside the plausible range.
bool IsCalendarTrap(std::string_view query, int min_year, int max_year) {
  size_t start = 0;
  while (start < query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view param = query.substr(start, amp - start);
    size_t eq = param.find('=');
    if (eq != std::string_view::npos) {
      std::string name = Lower(param.substr(0, eq));
      std::string_view value = param.substr(eq + 1);
      bool calendar = std::find(std::begin(kCalendarParams), std::end(kCalendarParams), name) !=
                      std::end(kCalendarParams);
      if (calendar && value.size() >= 4 &&
          std::all_of(value.begin(), value.begin() + 4,
                      [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        int year = std::stoi(std::string(value.substr(0, 4)));
        if (year >= 1000 && (year < min_year || year > max_year)) return true;
      }
    }
    start = amp + 1;
  }
  return false;
}

bool GlobMatch(std::string_view pattern, std::string_view text) {
  // Iterative wildcard match with single backtrack point: linear-ish, no recursion.
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] != '*' && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

const char* ScopeDecisionName(ScopeDecision d) {
  switch (d) {
    case ScopeDecision::kAccept:
      return "accept";
    case ScopeDecision::kNotHttp:
      return "not_http";
    case ScopeDecision::kOffSite:
      return "off_site";
    case ScopeDecision::kExcluded:
      return "excluded";
    case ScopeDecision::kNotIncluded:
      return "not_included";
    case ScopeDecision::kTooDeep:
      return "too_deep";
    case ScopeDecision::kNonHtmlExtension:
      return "non_html_extension";
    case ScopeDecision::kTrapUrlLength:
      return "trap_url_length";
    case ScopeDecision::kTrapRepeatedSegment:
      return "trap_repeated_segment";
    case ScopeDecision::kTrapQueryVariants:
      return "trap_query_variants";
    case ScopeDecision::kTrapCalendar:
      return "trap_calendar";
  }
  return "unknown";
}

bool UrlPatternMatches(std::string_view pattern, std::string_view url) {
  if (pattern.find('*') == std::string_view::npos) return url.find(pattern) != url.npos;
  return GlobMatch("*" + std::string(pattern) + "*", url);
}

std::optional<std::string> UrlPatternProblem(std::string_view pattern) {
  if (pattern.find_first_not_of('*') == std::string_view::npos) {
    return "matches every URL (a pattern is a URL substring, '*' matching any run of characters)";
  }
  // util::CanonicalizeUrl percent-encodes these bytes (EncodeUnsafe), turns backslashes into '/'
  // and drops the fragment, so no URL a crawl compares can contain them.
  constexpr std::string_view kNeverInUrl = "^|{}\"<>`#\\";
  for (unsigned char c : pattern) {
    if (c >= 0x80) {
      return "has non-ASCII text, but URLs are matched percent-encoded (新闻 in a UTF-8 URL is "
             "%E6%96%B0%E9%97%BB)";
    }
    std::string shown;
    if (c == ' ') {
      shown = "a space";
    } else if (c < 0x20 || c == 0x7f) {
      shown = "a control character";
    } else if (kNeverInUrl.find(static_cast<char>(c)) != kNeverInUrl.npos) {
      shown = std::string("'") + static_cast<char>(c) + "'";
    } else {
      continue;
    }
    return "has " + shown +
           ", which no URL contains: a pattern is a URL substring, '*' matching any run of "
           "characters, not a regular expression";
  }
  return std::nullopt;
}

Scope::Scope(ScopeOptions options) : options_(std::move(options)) {
  for (const auto& host : options_.allowed_hosts) {
    allowed_hosts_.insert(host);
    if (options_.same_registrable_domain) allowed_domains_.insert(util::RegistrableDomain(host));
  }
}

bool Scope::IsOnSite(const std::string& host) const {
  if (allowed_hosts_.empty() || allowed_hosts_.count(host)) return true;
  // A registrable domain is computed for every link to another host: a Public Suffix List
  // lookup (a DAFSA walk over the host's labels), cheap next to parsing the page it came from.
  return options_.same_registrable_domain && allowed_domains_.count(util::RegistrableDomain(host));
}

ScopeDecision Scope::DecideStateless(std::string_view url, int depth) const {
  if (url.size() > options_.max_url_length) return ScopeDecision::kTrapUrlLength;
  auto parts = util::SplitUrl(url);
  if (!parts) return ScopeDecision::kNotHttp;
  if (depth > options_.max_depth) return ScopeDecision::kTooDeep;
  for (const auto& p : options_.exclude_patterns) {
    if (UrlPatternMatches(p, url)) return ScopeDecision::kExcluded;
  }
  if (!options_.include_patterns.empty() &&
      std::none_of(options_.include_patterns.begin(), options_.include_patterns.end(),
                   [&](const std::string& p) { return UrlPatternMatches(p, url); })) {
    return ScopeDecision::kNotIncluded;
  }
  if (HasNonHtmlExtension(parts->path)) return ScopeDecision::kNonHtmlExtension;
  if (HasRepeatedSegments(parts->path, options_.max_repeated_segments)) {
    return ScopeDecision::kTrapRepeatedSegment;
  }
  if (IsCalendarTrap(parts->query, options_.min_year, options_.max_year)) {
    return ScopeDecision::kTrapCalendar;
  }
  return ScopeDecision::kAccept;
}

std::string Scope::Explain(ScopeDecision decision, std::string_view url, int depth) const {
  auto joined = [](const std::vector<std::string>& patterns) {
    std::string text;
    for (const auto& p : patterns) text += (text.empty() ? "" : " ") + p;
    return text;
  };
  switch (decision) {
    case ScopeDecision::kAccept:
      return "";
    case ScopeDecision::kNotHttp:
      return "not an http(s) URL";
    case ScopeDecision::kOffSite:
      return "host not in scope";
    case ScopeDecision::kExcluded:
      for (const auto& p : options_.exclude_patterns) {
        if (UrlPatternMatches(p, url)) return "matches exclude pattern " + p;
      }
      return "matches an exclude pattern";
    case ScopeDecision::kNotIncluded:
      return "matches no include pattern (" + joined(options_.include_patterns) + ")";
    case ScopeDecision::kTooDeep:
      return "depth " + std::to_string(depth) + " > max depth " +
             std::to_string(options_.max_depth);
    case ScopeDecision::kNonHtmlExtension:
      return "not an HTML page by its extension";
    case ScopeDecision::kTrapUrlLength:
      return "URL longer than " + std::to_string(options_.max_url_length) + " characters (trap)";
    case ScopeDecision::kTrapRepeatedSegment:
      return "a path segment repeated more than " + std::to_string(options_.max_repeated_segments) +
             " times (trap)";
    case ScopeDecision::kTrapQueryVariants:
      return "more than " + std::to_string(options_.max_query_variants_per_path) +
             " query variants of its path (trap)";
    case ScopeDecision::kTrapCalendar:
      return "a calendar date outside " + std::to_string(options_.min_year) + "-" +
             std::to_string(options_.max_year) + " (trap)";
  }
  return ScopeDecisionName(decision);
}

ScopeDecision Scope::Decide(std::string_view url, int depth) {
  auto parts = util::SplitUrl(url);
  if (!parts) return ScopeDecision::kNotHttp;
  if (!IsOnSite(parts->host)) return ScopeDecision::kOffSite;
  ScopeDecision d = DecideStateless(url, depth);
  if (d != ScopeDecision::kAccept) return d;
  if (!parts->query.empty()) {
    int& variants = query_variants_[parts->host + parts->path];
    if (variants >= options_.max_query_variants_per_path) {
      return ScopeDecision::kTrapQueryVariants;
    }
    ++variants;
  }
  return ScopeDecision::kAccept;
}

}  // namespace crawler
