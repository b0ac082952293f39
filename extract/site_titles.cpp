#include "extract/site_titles.h"

#include <algorithm>
#include <set>

#include "extract/charset.h"
#include "extract/u32_text.h"

namespace extract {
namespace {

using u32::CodePoints;

// Characters that join a headline and site or column names in <title>s.
bool IsSeparatorChar(char32_t c) {
  switch (c) {
    case U'|':
    case U'\uFF5C':
    case U'_':
    case U'-':
    case U'\uFF0D':
    case U'\u2013':
    case U'\u2014':
    case U'\u00B7':
    case U'\u2022':
    case U':':
    case U'\uFF1A':
    case U'/':
    case U'\u00BB':
    case U'\u00AB':
    case U'>':
    case U'\uFF1E':
    case U'~':
    case U'\uFF5E':
      return true;
    default:
      return false;
  }
}

bool IsAsciiAlnum(char32_t c) { return u32::IsAsciiAlpha(c) || u32::IsAsciiDigit(c); }

// A run of separators and spaces in a title, as byte offsets [begin, end).
struct Cut {
  size_t begin = 0;
  size_t end = 0;
};

// The places where `title` may be cut between a headline and decoration: runs of separator
// characters and spaces holding a separator (not one inside a word or number: "COVID-19",
// "10:30", "2021/3/5"), or spaces next to a Han character ("通知 中国XX协会"). Runs at either
// end of the title are not cuts.
std::vector<Cut> FindCuts(std::string_view title) {
  std::u32string text = u32::ToU32(title);
  std::vector<size_t> offset(text.size() + 1, 0);  // byte offset of each code point
  for (size_t i = 0, at = 0; i < text.size(); ++i) {
    offset[i] = at;
    at += u32::ToUtf8(std::u32string_view(&text[i], 1)).size();
    offset[i + 1] = at;
  }
  std::vector<Cut> cuts;
  for (size_t i = 0; i < text.size();) {
    if (!IsSeparatorChar(text[i]) && !u32::IsSpace(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    bool has_separator = false;
    while (j < text.size() && (IsSeparatorChar(text[j]) || u32::IsSpace(text[j]))) {
      has_separator |= IsSeparatorChar(text[j]);
      ++j;
    }
    if (i > 0 && j < text.size()) {
      char32_t before = text[i - 1], after = text[j];
      bool inside_word = j == i + 1 && IsAsciiAlnum(before) && IsAsciiAlnum(after);
      bool cut = has_separator ? !inside_word : (u32::IsHan(before) || u32::IsHan(after));
      if (cut) cuts.push_back({offset[i], offset[j]});
    }
    i = j;
  }
  return cuts;
}

// The names in a removed prefix or suffix: its pieces between cuts, separators trimmed.
void AddNames(std::string_view part, std::vector<std::string>& names) {
  std::vector<Cut> cuts = FindCuts(part);
  size_t start = 0;
  auto add = [&](std::string_view piece) {
    std::u32string text = u32::ToU32(piece);
    size_t b = 0, e = text.size();
    while (b < e && (IsSeparatorChar(text[b]) || u32::IsSpace(text[b]))) ++b;
    while (e > b && (IsSeparatorChar(text[e - 1]) || u32::IsSpace(text[e - 1]))) --e;
    if (b < e) names.push_back(u32::ToUtf8(std::u32string_view(text).substr(b, e - b)));
  };
  for (const Cut& c : cuts) {
    add(part.substr(start, c.begin - start));
    start = c.end;
  }
  add(part.substr(start));
}

}  // namespace

SiteTitleDecoration FindSiteDecoration(std::string_view title,
                                       std::span<const std::string> site_titles,
                                       const SiteTitleOptions& options) {
  SiteTitleDecoration out;
  out.headline = std::string(title);
  if (title.empty() || site_titles.empty()) return out;
  size_t same = std::count(site_titles.begin(), site_titles.end(), title);
  out.is_site_title = same >= options.min_same_title && 2 * same >= site_titles.size();
  // Other distinct titles: a copy of this page (a duplicate, a following page) shares its
  // headline too, so it is no evidence.
  std::set<std::string_view> others;
  for (const std::string& t : site_titles) {
    if (t != title && !t.empty()) others.insert(t);
  }
  if (others.size() < options.min_support) return out;
  auto support = [&](auto&& carries) {
    size_t n = 0;
    for (std::string_view t : others) n += carries(t);
    return n;
  };
  auto strong = [&](size_t n) {
    return n >= options.min_support && n * 100 >= options.min_share_percent * others.size();
  };
  std::vector<Cut> cuts = FindCuts(title);
  // Suffix: the shortest one most of the site carries, then extended over further names that
  // other pages of the site carry too ("- 通知公告" before "- 中国XX协会").
  size_t suffix_begin = title.size();
  bool base_found = false;
  for (auto it = cuts.rbegin(); it != cuts.rend(); ++it) {
    std::string_view suffix = title.substr(it->begin);
    if (CodePoints(title.substr(0, it->begin)) < options.min_headline_chars) break;
    size_t n = support(
        [&](std::string_view t) { return t.size() > suffix.size() && t.ends_with(suffix); });
    if (!base_found) {
      if (!strong(n)) break;  // a longer one is carried by no more titles
      base_found = true;
    } else if (n < options.min_support) {
      break;
    }
    suffix_begin = it->begin;
  }
  // Prefix: the same from the start, in what the suffix left.
  size_t prefix_end = 0;
  base_found = false;
  for (const Cut& c : cuts) {
    if (c.end > suffix_begin) break;
    std::string_view prefix = title.substr(0, c.end);
    if (CodePoints(title.substr(c.end, suffix_begin - c.end)) < options.min_headline_chars) break;
    size_t n = support(
        [&](std::string_view t) { return t.size() > prefix.size() && t.starts_with(prefix); });
    if (!base_found) {
      if (!strong(n)) break;  // a longer one is carried by no more titles
      base_found = true;
    } else if (n < options.min_support) {
      break;
    }
    prefix_end = c.end;
  }
  if (prefix_end == 0 && suffix_begin == title.size()) return out;
  out.headline = std::string(title.substr(prefix_end, suffix_begin - prefix_end));
  AddNames(title.substr(0, prefix_end), out.names);
  AddNames(title.substr(suffix_begin), out.names);
  return out;
}

std::string TitleTagText(const Document& doc) {
  NodeId t = doc.FindFirst("title");
  if (t == kNoNode) return "";
  std::string text;
  for (NodeId c : doc.node(t).children) text += doc.node(c).text;
  return CollapseWhitespace(text);
}

std::string PeekTitleTag(std::string_view bytes, std::optional<std::string_view> content_type) {
  DecodedPage page = DecodeHtml(bytes, content_type);
  std::string_view html = page.utf8;
  // Parse up to the end of a </title>: the head is all the parser needs to see. One inside a
  // comment or script ends no title element: try the next (a few). A page whose title is never
  // closed has none worth comparing.
  constexpr int kMaxTries = 4;
  int tries = 0;
  for (size_t at = html.find("</"); at != std::string_view::npos && tries < kMaxTries;
       at = html.find("</", at + 2)) {
    std::string_view tag = html.substr(at + 2, 5);
    if (tag.size() < 5 || !std::equal(tag.begin(), tag.end(), "title",
                                      [](char a, char b) { return (a | 0x20) == b; })) {
      continue;
    }
    ++tries;
    auto parsed = ParseHtml(html.substr(0, std::min(html.size(), at + 8)));
    if (parsed && parsed->document.FindFirst("title") != kNoNode) {
      return TitleTagText(parsed->document);
    }
  }
  return "";
}

void SiteTitleMemory::Remember(const std::string& site, std::string title) {
  if (title.empty() || titles_per_site_ == 0) return;
  std::lock_guard lock(mutex_);
  if (!titles_.contains(site)) {
    if (max_sites_ == 0) return;
    if (order_.size() == max_sites_) {
      titles_.erase(order_.front());
      order_.pop_front();
    }
    order_.push_back(site);
  }
  std::deque<std::string>& titles = titles_[site];
  titles.push_back(std::move(title));
  if (titles.size() > titles_per_site_) titles.pop_front();
}

std::vector<std::string> SiteTitleMemory::Recall(const std::string& site) const {
  std::lock_guard lock(mutex_);
  auto it = titles_.find(site);
  if (it == titles_.end()) return {};
  return {it->second.begin(), it->second.end()};
}

}  // namespace extract
