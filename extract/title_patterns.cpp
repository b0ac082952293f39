#include "extract/title_patterns.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace extract {
namespace {

constexpr std::string_view kSeparators[] = {
    " | ", "｜", "|", " – ", " — ", "——", "_", " :: ", " » ", " · ", " - ", "--", "－", " -", "- ",
};

// Endings of site and channel names in <title> decoration.
constexpr std::string_view kSiteNameEndings[] = {
    "网",   "报",   "台",   "站",  "频道", "中心", "在线", "门户",
    "新闻", "资讯", ".com", ".cn", ".net", ".org", ".gov", ".edu",
};

constexpr std::string_view kHeadlineWords[] = {"title", "headline", "biaoti", "bt"};
constexpr std::string_view kNotHeadlineWords[] = {"subtitle", "sub-title", "subhead", "sub_title",
                                                  "list",     "item",      "nav",     "menu",
                                                  "sidebar",  "column",    "titlebar"};

// Link texts of heading anchors: "¶" (Sphinx, Python-Markdown), "§", "#" (Jekyll, Hugo),
// "🔗" (link symbol) and "⚓" (anchor).
constexpr std::string_view kPermalinkMarks[] = {"\u00b6", "\u00a7", "#", "\U0001f517", "\u2693"};

}  // namespace

std::span<const std::string_view> TitleSeparators() { return kSeparators; }

std::span<const std::string_view> MetaTitleNames() {
  static constexpr std::string_view kNames[] = {"og:title", "twitter:title", "dc.title",
                                                "dcterms.title", "citation_title"};
  return kNames;
}

bool IsHeadlineClass(std::string_view value) {
  std::string lower(value);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view w : kNotHeadlineWords) {
    if (lower.find(w) != std::string::npos) return false;
  }
  for (std::string_view w : kHeadlineWords) {
    size_t at = lower.find(w);
    if (at == std::string::npos) continue;
    if (w.size() > 2) return true;
    // Short words count only as a whole token ("bt", "news-bt").
    size_t end = at + w.size();
    bool start_ok = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
    bool end_ok = end == lower.size() || !std::isalnum(static_cast<unsigned char>(lower[end]));
    if (start_ok && end_ok) return true;
  }
  return false;
}

bool IsSubtitleClass(std::string_view value) {
  static constexpr std::string_view kWords[] = {"subtitle", "sub-title", "sub_title",
                                                "subhead",  "futi",      "fbt"};
  std::string lower(value);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view w : kWords) {
    size_t at = lower.find(w);
    if (at == std::string::npos) continue;
    if (w.size() > 4) return true;
    // Short words count only as a whole token ("fbt", "art-fbt").
    size_t end = at + w.size();
    bool start_ok = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
    bool end_ok = end == lower.size() || !std::isalnum(static_cast<unsigned char>(lower[end]));
    if (start_ok && end_ok) return true;
  }
  return false;
}

bool StartsLikeSubtitle(std::string_view line) {
  for (std::string_view dash : {"\u2014", "\u2015", "--", "\uff0d\uff0d", "\u2013"}) {
    if (line.starts_with(dash)) return true;
  }
  return false;
}

bool HasSiteNameEnding(std::string_view segment) {
  std::string lower(segment);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view ending : kSiteNameEndings) {
    if (lower.size() > ending.size() && lower.ends_with(ending)) return true;
  }
  return false;
}

bool IsPermalinkMark(std::string_view link_text) {
  return std::find(std::begin(kPermalinkMarks), std::end(kPermalinkMarks), link_text) !=
         std::end(kPermalinkMarks);
}

}  // namespace extract
