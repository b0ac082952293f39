#include "extract/metadata.h"

#include <algorithm>
#include <cctype>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/article_zones.h"
#include "extract/date_patterns.h"
#include "extract/dates.h"
#include "extract/json_ld.h"
#include "extract/meta_tags.h"
#include "extract/metadata_patterns.h"
#include "extract/text_normalize.h"
#include "extract/u32_text.h"

namespace extract {
namespace {

using namespace u32;  // NOLINT: the code point helpers are this file's vocabulary

// Label-without-colon forms ("澎湃新闻记者 段彦超", "作者 张三") count only on lines this short.
constexpr size_t kMaxBylineLineChars = 40;
// Value limits.
constexpr size_t kMaxSourceChars = 40;
constexpr size_t kMaxAuthorChars = 60;
constexpr size_t kMaxBylineChars = 24;            // a names-only byline ("王乐文 方敏")
constexpr size_t kMaxBylineNameChars = 6;         // one name in it
constexpr size_t kMaxUnlabelledBylineChars = 16;  // names alone under the headline
constexpr size_t kMaxClassValueChars = 30;        // text of an element classed "author"/"source"
constexpr size_t kMaxSectionChars = 30;
constexpr size_t kMaxBreadcrumbChars = 300;
constexpr int kMaxBreadcrumbLevels = 4;
constexpr size_t kMaxMetaValueChars = 60;
// A breadcrumb item at least this long that starts the <title> is the article's own title.
constexpr size_t kMinTitlePrefixChars = 8;
// Language guess: share of Han characters among letters that makes a page Chinese.
constexpr double kMinCjkShare = 0.3;

bool IsOpenBracket(char32_t c) {
  return c == '(' || c == 0xFF08 || c == '[' || c == 0x3010 || c == 0x3014 || c == '{';
}
bool IsCloseBracket(char32_t c) {
  return c == ')' || c == 0xFF09 || c == ']' || c == 0x3011 || c == 0x3015 || c == '}';
}
char32_t AsciiLower(char32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

// Decoration trimmed from both ends of a value.
bool IsEdgeJunk(char32_t c) {
  return IsSpace(c) || IsColon(c) || c == ',' || c == 0xFF0C || c == 0x3001 || c == ';' ||
         c == 0xFF1B || c == '|' || c == 0xFF5C || c == '/' || c == 0xFF0F || c == '-' ||
         c == 0x2014 || c == 0x00B7 || c == '.' || c == 0x3002 || c == '*';
}

std::u32string_view Trim(std::u32string_view s) {
  while (!s.empty() && IsEdgeJunk(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsEdgeJunk(s.back())) s.remove_suffix(1);
  return s;
}

// Removes brackets that wrap the whole value or are left unmatched at its ends: "（张三）",
// "张三）", "[李四".
std::u32string StripBrackets(std::u32string_view s) {
  std::u32string v(Trim(s));
  for (bool changed = true; changed && !v.empty();) {
    changed = false;
    int depth = 0;
    bool balanced_inside = true;
    for (size_t i = 0; i < v.size(); ++i) {
      if (IsOpenBracket(v[i])) ++depth;
      if (IsCloseBracket(v[i]) && --depth < 0) balanced_inside = false;
      if (depth == 0 && i + 1 < v.size() && IsOpenBracket(v.front())) balanced_inside = false;
    }
    if (IsOpenBracket(v.front()) && IsCloseBracket(v.back()) && balanced_inside) {
      v = std::u32string(Trim(std::u32string_view(v).substr(1, v.size() - 2)));
      changed = true;
      continue;
    }
    if (IsCloseBracket(v.back()) && depth < 0) {
      v = std::u32string(Trim(std::u32string_view(v).substr(0, v.size() - 1)));
      changed = true;
    } else if (IsOpenBracket(v.front()) && depth > 0) {
      v = std::u32string(Trim(std::u32string_view(v).substr(1)));
      changed = true;
    }
  }
  return v;
}

bool IsOneOf(std::string_view s, std::span<const std::string_view> words) {
  std::string lower = LowerAscii(s);
  return std::find(words.begin(), words.end(), lower) != words.end();
}

// Parts of class and id attributes: "index_source_3WFDT m-con" → index, source, 3wfdt, m, con,
// plus the whole tokens.
bool HasClassToken(const Document& doc, NodeId id, std::span<const std::string_view> tokens) {
  const Node& n = doc.node(id);
  for (std::string_view lower : {std::string_view(n.class_lower), std::string_view(n.id_lower)}) {
    if (lower.empty()) continue;
    size_t i = 0;
    while (i <= lower.size()) {
      size_t j = lower.find_first_of(" \t\n-_", i);
      if (j == std::string_view::npos) j = lower.size();
      std::string_view part = lower.substr(i, j - i);
      if (!part.empty() && std::find(tokens.begin(), tokens.end(), part) != tokens.end()) {
        return true;
      }
      i = j + 1;
    }
    for (std::string_view token : tokens) {
      // A token without '-' or '_' is a whole token only where it is also a part (above).
      if (token.find_first_of("-_") == std::string_view::npos) continue;
      size_t pos = lower.find(token);
      // Whole space-separated tokens such as "nav_path" (with the separator inside).
      if (pos != std::string::npos && (pos == 0 || lower[pos - 1] == ' ') &&
          (pos + token.size() == lower.size() || lower[pos + token.size()] == ' ')) {
        return true;
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Labels in a line

struct U32Label {
  std::u32string text;  // lower-case for ASCII labels
  MetaField field;
  LabelForm form;
  bool ascii;
};

const std::vector<U32Label>& Labels() {
  static const std::vector<U32Label> labels = [] {
    std::vector<U32Label> out;
    for (const MetaLabel& l : MetaLabels()) {
      out.push_back({ToU32(l.text), l.field, l.form, IsAsciiAlpha(l.text.front())});
    }
    return out;
  }();
  return labels;
}

// The labels by their first (lower-cased) character, in table order: FindLabels tries only the
// few that can start at a position instead of all of them.
const std::unordered_map<char32_t, std::vector<const U32Label*>>& LabelsByFirstChar() {
  static const auto index = [] {
    std::unordered_map<char32_t, std::vector<const U32Label*>> out;
    for (const U32Label& label : Labels()) {
      if (!label.text.empty()) out[label.text.front()].push_back(&label);
    }
    return out;
  }();
  return index;
}

// Characters that part the items of a byline bar ("2024-05-20 14:33 · 新华社 | 评论").
bool IsBarSeparator(char32_t c) {
  return IsSpace(c) || c == '|' || c == 0xFF5C || c == 0x00B7 || c == 0x30FB || c == 0x2022 ||
         c == 0x4E28 /*丨*/;
}

struct LabelMatch {
  const U32Label* label;
  size_t begin;        // label start
  size_t value_begin;  // after the label, its separator and spaces
  bool colon;          // a colon followed the label
};

bool MatchesAt(std::u32string_view text, size_t i, const U32Label& label) {
  if (i + label.text.size() > text.size()) return false;
  for (size_t k = 0; k < label.text.size(); ++k) {
    if (AsciiLower(text[i + k]) != label.text[k]) return false;
  }
  return true;
}

// Labels on a line, left to right, longest first at each position, with the checks of their
// form: a kColon label needs a colon (or a space on a short line) and must not be glued to a
// preceding ideograph unless the colon follows; a kWithSeparator label must open a word.
//
// `node_starts` (offsets where the line's text nodes begin; empty when not known) lets a kColon
// label without a colon count when its value starts the next element, as metadata bars print
// it: "发表于2014-08-24 | 来源<span>CSDN</span> | 作者<span>魏星</span>".
std::vector<LabelMatch> FindLabels(std::u32string_view text,
                                   std::span<const size_t> node_starts = {}) {
  std::vector<LabelMatch> out;
  bool short_line = Trim(text).size() <= kMaxBylineLineChars;
  for (size_t i = 0; i < text.size();) {
    const U32Label* best = nullptr;
    auto candidates = LabelsByFirstChar().find(AsciiLower(text[i]));
    if (candidates != LabelsByFirstChar().end()) {
      for (const U32Label* label : candidates->second) {
        if ((best == nullptr || label->text.size() > best->text.size()) &&
            MatchesAt(text, i, *label)) {
          best = label;
        }
      }
    }
    if (best == nullptr) {
      ++i;
      continue;
    }
    size_t end = i + best->text.size();
    char32_t before = i > 0 ? text[i - 1] : U' ';
    if (best->ascii && (IsAsciiAlpha(before) || (end < text.size() && IsAsciiAlpha(text[end])))) {
      ++i;
      continue;
    }
    size_t j = end;
    while (j < text.size() && IsSpace(text[j])) ++j;
    bool colon = j < text.size() && IsColon(text[j]);
    if (colon) {
      ++j;
      while (j < text.size() && IsSpace(text[j])) ++j;
    }
    bool ok = true;
    switch (best->form) {
      case LabelForm::kColon:
        if (!colon && j == end && end < text.size() && !IsHan(before) &&
            std::binary_search(node_starts.begin(), node_starts.end(), end) &&
            (i == 0 || IsBarSeparator(before) ||
             std::binary_search(node_starts.begin(), node_starts.end(), i))) {
          colon = true;  // the element boundary stands for the colon
        }
        if (!colon) {
          bool spaced = j > end || j == text.size();
          bool digits_follow = j < text.size() && IsDigit(text[j]);
          ok = !IsHan(before) && spaced &&
               (short_line || best->field == MetaField::kViews || best->field == MetaField::kStop ||
                digits_follow);
          if (best->field == MetaField::kStop && !spaced && !digits_follow) ok = false;
        }
        break;
      case LabelForm::kWithSeparator:
        ok = !IsHan(before) && !IsAsciiAlpha(before);
        break;
      case LabelForm::kByline:
        break;
    }
    if (ok) {
      out.push_back({best, i, j, colon});
      i = end;
    } else {
      ++i;
    }
  }
  return out;
}

// True when position `pos` lies inside an open bracket: "（记者陈智 整合）".
bool InsideBrackets(std::u32string_view text, size_t pos) {
  int depth = 0;
  for (size_t i = 0; i < pos; ++i) {
    if (IsOpenBracket(text[i])) ++depth;
    if (IsCloseBracket(text[i]) && depth > 0) --depth;
  }
  return depth > 0;
}

bool StartsDate(std::u32string_view text, size_t i) {
  size_t k = i;
  while (k < text.size() && IsDigit(text[k])) ++k;
  if (k - i != 4 || k >= text.size()) return false;
  char32_t c = text[k];
  return c == '-' || c == '/' || c == '.' || c == 0x5E74 /*年*/ || c == 0xFF0D;
}

// The raw value of a label: from `begin` up to `limit` (the next label), cut at a gap of two or
// more spaces, '|', '[', '【', a closing bracket without its opening one, '。', a date; a source
// also ends at a single space (outlet names have none, except between Latin words), an author
// printed without a colon (not `strict`) at a comma or a digit, but not at a gap: its names may
// be spaced out for alignment ("王乐文  方  敏").
std::u32string_view RawValue(std::u32string_view text, size_t begin, size_t limit, MetaField field,
                             bool strict) {
  int depth = 0;
  size_t i = begin;
  for (; i < limit; ++i) {
    char32_t c = text[i];
    if (c == '(' || c == 0xFF08) {
      ++depth;
      continue;
    }
    if (c == ')' || c == 0xFF09) {
      if (depth == 0) break;
      --depth;
      continue;
    }
    if (c == '|' || c == 0xFF5C || c == '[' || c == ']' || c == 0x3010 || c == 0x3011 ||
        c == 0x3002 || c == ';' || c == 0xFF1B || c == 0x3014 || c == 0x3015) {
      break;
    }
    if (IsSpace(c)) {
      size_t k = i;
      while (k < limit && IsSpace(text[k])) ++k;
      bool gap = k - i >= 2 || c == 0x3000;
      if (k == limit || (gap && strict)) break;
      if (!strict) {
        i = k - 1;  // names of a byline may be spaced out for alignment
        continue;
      }
      if (field == MetaField::kSource &&
          !(i > begin && IsAsciiAlpha(text[i - 1]) && IsAsciiAlpha(text[k]))) {
        break;
      }
      continue;
    }
    if (StartsDate(text, i)) break;
    if (field != MetaField::kSource && IsDigit(c)) break;
    if (!strict && (c == 0xFF0C || c == ',')) break;
  }
  return text.substr(begin, i - begin);
}

// Joins single-ideograph names padded for alignment: "王乐文 方 敏" → "王乐文 方敏".
std::u32string MergePaddedNames(std::u32string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' && i > 0 && i + 1 < s.size() && IsHan(s[i - 1]) && IsHan(s[i + 1]) &&
        (i < 2 || !IsHan(s[i - 2])) && (i + 2 >= s.size() || !IsHan(s[i + 2]))) {
      continue;  // "方 敏": both sides are one-ideograph tokens
    }
    out.push_back(s[i]);
  }
  return out;
}

bool HasSentencePunctuation(std::u32string_view s) {
  for (char32_t c : s) {
    if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0C || c == 0x201C || c == 0x201D)
      return true;
  }
  return false;
}

bool HasLetter(std::u32string_view s) {
  return std::any_of(s.begin(), s.end(), [](char32_t c) { return IsHan(c) || IsAsciiAlpha(c); });
}

// A names-only byline: a few short names, no digits or sentence punctuation.
bool LooksLikeNames(std::u32string_view s) {
  if (s.empty() || s.size() > kMaxBylineChars || HasSentencePunctuation(s)) return false;
  size_t token = 0;
  for (char32_t c : s) {
    if (IsDigit(c)) return false;
    if (c == ' ' || c == 0x3001 || c == ',') {
      token = 0;
      continue;
    }
    bool latin = IsAsciiAlpha(c) || c == '.' || c == '-';
    if (!latin && ++token > kMaxBylineNameChars) return false;
  }
  return HasLetter(s);
}

// True for a photo credit ("刘娟 摄", "张三摄影"): the photographer is not the author.
bool IsPhotoCredit(std::u32string_view s) {
  return s.ends_with(U"摄") || s.ends_with(U"摄影") || s.ends_with(U"图") || s.ends_with(U"供图");
}

// Template markup printed as text ("作者： size="20"", a broken <font> tag): no name or outlet
// holds an attribute assignment or an angle bracket.
bool LooksLikeMarkup(std::u32string_view v) {
  return v.find(U"=\"") != std::u32string_view::npos ||
         v.find(U"='") != std::u32string_view::npos || v.find(U'<') != std::u32string_view::npos ||
         v.find(U'>') != std::u32string_view::npos;
}

std::optional<std::string> CleanAuthor(std::u32string_view raw, bool names_only) {
  std::u32string v = MergePaddedNames(ToU32(CollapseWhitespace(ToUtf8(StripBrackets(raw)))));
  for (std::u32string_view prefix : {U"By:", U"by:", U"BY:", U"By ", U"by ", U"BY "}) {
    if (v.starts_with(prefix)) v = std::u32string(Trim(std::u32string_view(v).substr(3)));
  }
  if (IsPhotoCredit(v) || LooksLikeMarkup(v)) return std::nullopt;
  if (v.empty() || v.size() > kMaxAuthorChars || !HasLetter(v)) return std::nullopt;
  if (names_only && !LooksLikeNames(v)) return std::nullopt;
  std::string out = ToUtf8(v);
  if (IsOneOf(out, UnknownAuthorValues())) return std::nullopt;
  return out;
}

// True when `word` is one of `words`, or starts with an entry of them that ends in "*".
bool MatchesWordList(std::string_view word, std::span<const std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [word](std::string_view w) {
    return w.ends_with('*') ? word.starts_with(w.substr(0, w.size() - 1)) : word == w;
  });
}

// A province or region alone ("北京", "广东省", "广西壮族自治区"): the IP region line of
// self-media pages.
bool IsRegionName(std::string_view word) {
  for (std::string_view region : RegionNames()) {
    if (!word.starts_with(region)) continue;
    std::string_view rest = word.substr(region.size());
    if (rest.empty() || std::find(RegionSuffixes().begin(), RegionSuffixes().end(), rest) !=
                            RegionSuffixes().end()) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> CleanSource(std::u32string_view raw) {
  std::u32string v = StripBrackets(raw);
  if (v.empty() || v.size() > kMaxSourceChars || !HasLetter(v) || LooksLikeMarkup(v)) {
    return std::nullopt;
  }
  std::string out = ToUtf8(v);
  if (MatchesWordList(out, UiActionWords())) return std::nullopt;  // "来源：<a>打印</a>"
  return out;
}

// A printed count right after a label: "605", "605次", "１２３"; nullopt when the count is
// rounded ("42万") or absent (filled in by script).
std::optional<int64_t> ParseViews(std::u32string_view text, size_t begin) {
  size_t i = begin;
  int64_t value = 0;
  size_t digits = 0;
  for (; i < text.size(); ++i) {
    if (IsDigit(text[i])) {
      if (++digits > 15) return std::nullopt;
      value = value * 10 + DigitValue(text[i]);
    } else if (text[i] != ',' || digits == 0) {
      break;
    }
  }
  if (digits == 0) return std::nullopt;
  while (i < text.size() && text[i] == ' ') ++i;
  if (i < text.size()) {
    std::string next = ToUtf8(text.substr(i, 1));
    for (std::string_view suffix : RoundedCountSuffixes()) {
      if (next == suffix) return std::nullopt;
    }
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Labels in a cell of their own

// The outermost element holding nothing but `text_node`'s text: "<th><b>来源</b></th>" → th.
NodeId OwnElement(const Document& doc, NodeId text_node) {
  NodeId element = doc.node(text_node).parent;
  if (element == kNoNode) return kNoNode;
  std::string text = doc.CompactText(element);
  for (NodeId up = doc.node(element).parent; up != kNoNode; up = doc.node(up).parent) {
    if (doc.IsElement(up, "body") || doc.CompactText(up) != text) break;
    element = up;
  }
  return element;
}

// The next element among `id`'s siblings, skipping whitespace text; kNoNode when text or
// nothing follows.
NodeId NextElementSibling(const Document& doc, NodeId id) {
  NodeId parent = doc.node(id).parent;
  if (parent == kNoNode) return kNoNode;
  const std::vector<NodeId>& siblings = doc.node(parent).children;
  auto it = std::find(siblings.begin(), siblings.end(), id);
  for (++it; it != siblings.end(); ++it) {
    const Node& n = doc.node(*it);
    if (n.type == NodeType::kElement) return *it;
    if (n.type == NodeType::kText && !CollapseWhitespace(n.text).empty()) return kNoNode;
  }
  return kNoNode;
}

// A metadata label alone in its cell and its value alone in the next sibling cell, as
// definition lists, two-column tables and label/value blocks print them: "<dt>作者</dt><dd>张三
// </dd>", "<th>来源：</th><td>市商务局</td>". Returns the label and value as one line ("作者：
// 张三") when line `l` is such a label and line `l + 1` the whole of the next cell; the label
// alone on its line otherwise gives no value, and the name of a later line (责任编辑) won.
std::optional<Line> LabelWithValueInNextCell(const Document& doc, const std::vector<Line>& lines,
                                             size_t l) {
  if (l + 1 >= lines.size() || lines[l].first == kNoNode ||
      lines[l].text.size() > kMaxBylineLineChars) {
    return std::nullopt;
  }
  std::u32string_view text = Trim(lines[l].text);
  std::vector<LabelMatch> matches = FindLabels(text);
  if (matches.size() != 1 || matches.front().begin != 0 ||
      !Trim(text.substr(matches.front().value_begin)).empty()) {
    return std::nullopt;
  }
  MetaField field = matches.front().label->field;
  if (field != MetaField::kSource && field != MetaField::kAuthor && field != MetaField::kEditor) {
    return std::nullopt;
  }
  NodeId label_cell = OwnElement(doc, lines[l].first);
  if (label_cell == kNoNode) return std::nullopt;
  NodeId cell = NextElementSibling(doc, label_cell);
  const Line& value = lines[l + 1];
  if (cell == kNoNode || value.first == kNoNode || !doc.Contains(cell, value.first) ||
      !doc.Contains(cell, value.last) ||
      (l + 2 < lines.size() && lines[l + 2].first != kNoNode &&
       doc.Contains(cell, lines[l + 2].first))) {
    return std::nullopt;
  }
  Line joined;
  joined.text = std::u32string(text.substr(0, matches.front().label->text.size())) + U"\uFF1A" +
                std::u32string(Trim(value.text));
  joined.first = lines[l].first;
  joined.last = value.last;
  return joined;
}

// ---------------------------------------------------------------------------------------------
// Field candidates

struct Found {
  std::string value;
  Zone zone;
  int line;
};

struct LineFields {
  std::vector<Found> sources, bylines, editors;
  std::vector<std::pair<int64_t, Zone>> views;
};

// True for a byline in brackets that closes the article's last paragraph: "…发展。（记者 胡晓蓉）".
// (A dateline's "本报讯（记者叶婉）" opens the text and is not the byline.)
bool IsClosingByline(std::u32string_view text, size_t label_begin) {
  size_t open = label_begin;
  while (open > 0 && IsSpace(text[open - 1])) --open;
  if (open == 0 || (text[open - 1] != 0xFF08 && text[open - 1] != '(')) return false;
  size_t close = label_begin;
  while (close < text.size() && text[close] != 0xFF09 && text[close] != ')') ++close;
  return close < text.size() && Trim(text.substr(close + 1)).empty();
}

// Reads every labelled value on one line. Several author labels on one line describe one byline
// ("作者：本报记者 张三", "文丨政能亮特约评论员 韩涵"): the last one with a value wins.
void ScanLine(const Line& line, Zone zone, int index, std::span<const size_t> node_starts,
              LineFields* out) {
  std::u32string_view text = line.text;
  std::vector<LabelMatch> matches = FindLabels(text, node_starts);
  bool short_line = Trim(text).size() <= kMaxBylineLineChars;
  std::optional<std::string> byline, editor;
  for (size_t k = 0; k < matches.size(); ++k) {
    const LabelMatch& m = matches[k];
    size_t limit = k + 1 < matches.size() ? matches[k + 1].begin : text.size();
    if (m.value_begin > limit) continue;
    MetaField field = m.label->field;
    switch (field) {
      case MetaField::kSource: {
        if (!m.colon && !short_line) break;
        auto v = CleanSource(RawValue(text, m.value_begin, limit, field, true));
        if (v) out->sources.push_back({*v, zone, index});
        break;
      }
      case MetaField::kAuthor:
      case MetaField::kEditor: {
        bool loose = m.label->form != LabelForm::kColon || !m.colon;
        bool closing = (zone == kTail || zone == kAfter) && IsClosingByline(text, m.begin);
        if (loose && !closing &&
            (!short_line || InsideBrackets(text, m.begin) ||
             HasSentencePunctuation(text.substr(0, m.begin)))) {
          break;  // "（记者陈智）" in a lead, "…开往襄阳。 通讯员刘娟 摄" in a caption
        }
        auto v = CleanAuthor(RawValue(text, m.value_begin, limit, field, !loose), loose);
        if (!v) break;
        (field == MetaField::kAuthor ? byline : editor) = *v;
        break;
      }
      case MetaField::kViews:
        if (auto n = ParseViews(text, m.value_begin)) out->views.emplace_back(*n, zone);
        break;
      case MetaField::kStop:
      case MetaField::kIgnored:
        break;
    }
  }
  if (byline) out->bylines.push_back({*byline, zone, index});
  if (editor) out->editors.push_back({*editor, zone, index});
}

// The first candidate in zone order (header, lead, tail, after), then line order.
std::optional<std::string> Best(std::vector<Found> found) {
  if (found.empty()) return std::nullopt;
  std::stable_sort(found.begin(), found.end(),
                   [](const Found& a, const Found& b) { return a.zone < b.zone; });
  return found.front().value;
}

// "By Jane Doe" on a short header line.
std::optional<std::string> EnglishByline(std::u32string_view text) {
  text = Trim(text);
  // The prefixes are ASCII: a line that does not start with one is not converted (it may be a
  // page of text).
  auto starts_with_prefix = [&](std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    return std::equal(prefix.begin(), prefix.end(), text.begin(),
                      [](char p, char32_t c) { return static_cast<char32_t>(p) == c; });
  };
  if (std::none_of(EnglishBylinePrefixes().begin(), EnglishBylinePrefixes().end(),
                   starts_with_prefix)) {
    return std::nullopt;
  }
  std::string line = ToUtf8(text);
  for (std::string_view prefix : EnglishBylinePrefixes()) {
    if (!line.starts_with(prefix)) continue;
    std::string rest = line.substr(prefix.size());
    size_t cut = rest.find_first_of("|,\xC2");  // '|', ',', U+00A0/U+00B7 lead byte
    if (cut != std::string::npos) rest = rest.substr(0, cut);
    rest = CollapseWhitespace(rest);  // "<span>By</span> <span> <a>Name</a>": spaces before it
    if (rest.empty() || rest.size() > kMaxClassValueChars * 2) return std::nullopt;
    // Every word capitalized, apart from connectors.
    size_t i = 0;
    while (i < rest.size()) {
      size_t j = rest.find(' ', i);
      if (j == std::string::npos) j = rest.size();
      std::string_view word = std::string_view(rest).substr(i, j - i);
      bool connector = word == "and" || word == "de" || word == "van" || word == "von";
      if (!word.empty() && !connector && !std::isupper(static_cast<unsigned char>(word[0]))) {
        return std::nullopt;
      }
      i = j + 1;
    }
    return rest;
  }
  return std::nullopt;
}

// The unlabelled text of an element classed "author" or "source".
std::optional<std::u32string> ClassValue(const Document& doc, NodeId id) {
  std::u32string text = ToU32(doc.CompactText(id));
  if (text.empty() || text.size() > kMaxClassValueChars * 2) return std::nullopt;
  std::vector<LabelMatch> matches = FindLabels(text);
  if (!matches.empty()) return std::nullopt;  // labelled text: ScanLine reads it
  std::u32string v = StripBrackets(text);
  if (v.empty() || v.size() > kMaxClassValueChars) return std::nullopt;
  return v;
}

std::optional<std::string> MetaContent(const Document& doc,
                                       std::span<const std::string_view> names) {
  for (const std::string& content : MetaContents(doc, names)) {
    std::string value = CollapseWhitespace(content);
    if (!value.empty() && value.size() <= kMaxMetaValueChars * 3) return value;
  }
  return std::nullopt;
}

// The page's <title> text, whitespace collapsed.
std::string TitleText(const Document& doc) {
  std::string title;
  if (NodeId t = doc.FindFirst("title"); t != kNoNode) {
    for (NodeId child : doc.node(t).children) {
      if (doc.node(child).type == NodeType::kText) title += doc.node(child).text;
    }
  }
  return CollapseWhitespace(title);
}

std::optional<std::string> MetaAuthor(const Document& doc) {
  auto value = MetaContent(doc, AuthorMetaNames());
  if (!value) return std::nullopt;
  std::u32string v = StripBrackets(ToU32(*value));
  if (v.empty() || v.size() > kMaxMetaValueChars || !HasLetter(v)) return std::nullopt;
  std::string out = ToUtf8(v);
  if (out.find("://") != std::string::npos || IsOneOf(out, UnknownAuthorValues())) {
    return std::nullopt;
  }
  // CMS templates put the site name there ("网易" on "…_网易订阅"), and numeric user ids.
  if (TitleText(doc).find(CollapseWhitespace(out)) != std::string::npos) return std::nullopt;
  if (std::all_of(v.begin(), v.end(), [](char32_t c) { return IsDigit(c) || IsSpace(c); })) {
    return std::nullopt;
  }
  return out;
}

// <meta name="source" content="来源：人民网-文化频道 原创稿"> → 人民网-文化频道.
std::optional<std::string> MetaSource(const Document& doc) {
  auto value = MetaContent(doc, SourceMetaNames());
  if (!value) return std::nullopt;
  std::u32string text = ToU32(*value);
  std::vector<LabelMatch> matches = FindLabels(text);
  size_t begin = 0;
  if (!matches.empty() && matches.front().begin == 0) begin = matches.front().value_begin;
  return CleanSource(RawValue(text, begin, text.size(), MetaField::kSource, true));
}

// ---------------------------------------------------------------------------------------------
// The byline box: the line that carries the article's date and the short lines around it

// Code point offsets in a line's text at which its text nodes start, walking them as
// BuildLines did (hidden and invisible subtrees skipped).
std::vector<size_t> NodeStarts(const Document& doc, const Line& line) {
  std::vector<size_t> starts;
  size_t pos = 0;
  for (NodeId i = line.first; i != kNoNode && i <= line.last;) {
    const Node& n = doc.node(i);
    if (n.type == NodeType::kText) {
      starts.push_back(pos);
      pos += ToU32(n.text).size();
      ++i;
    } else if (n.IsInvisible() || n.IsHidden()) {
      i = n.subtree_end;
    } else {
      ++i;
    }
  }
  return starts;
}

struct Token {
  size_t begin;
  size_t end;
};

// The items of a line: runs between bar separators and text node boundaries (a template puts
// each item in its own element: "<span>原创</span><span>南方都市报</span><span>2019-…</span>").
std::vector<Token> BarTokens(std::u32string_view text, const std::vector<size_t>& node_starts) {
  std::vector<Token> tokens;
  size_t begin = 0;
  auto push = [&](size_t end) {
    if (end > begin) tokens.push_back({begin, end});
  };
  size_t next_start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    while (next_start < node_starts.size() && node_starts[next_start] < i) ++next_start;
    if (next_start < node_starts.size() && node_starts[next_start] == i && i > begin) {
      push(i);
      begin = i;
    }
    if (IsBarSeparator(text[i])) {
      push(i);
      begin = i + 1;
    }
  }
  push(text.size());
  return tokens;
}

// "2019-09-09", "16:01:46", "2021年3月5日": digits and date or time separators, with at least
// one separator (a bare number is a count: "0" before "人参与评论").
bool IsDateOrTimeToken(std::u32string_view t) {
  if (t.empty() || !IsDigit(t.front())) return false;
  auto separator = [](char32_t c) {
    return c == '-' || c == '/' || c == '.' || c == ':' || IsColon(c) || c == 0x5E74 /*年*/ ||
           c == 0x6708 /*月*/ || c == 0x65E5 /*日*/ || c == 0x65F6 /*时*/ || c == 0x5206 /*分*/ ||
           c == 0x79D2 /*秒*/;
  };
  return std::all_of(t.begin(), t.end(), [&](char32_t c) { return IsDigit(c) || separator(c); }) &&
         std::any_of(t.begin(), t.end(), separator);
}

bool EndsWithOneOf(std::string_view word, std::span<const std::string_view> endings) {
  return std::any_of(endings.begin(), endings.end(),
                     [word](std::string_view e) { return word.ends_with(e); });
}

bool IsNotOutletWord(std::string_view word) {
  return MatchesWordList(word, NotOutletWords()) || EndsWithOneOf(word, NotOutletEndings());
}

// A few ideographs and no outlet ending ("康斯坦丁", "张三"): a person's name, the byline printed
// beside the date, not an outlet.
bool LooksLikePersonName(std::u32string_view name, std::string_view utf8,
                         const MetadataOptions& o) {
  return name.size() <= o.max_person_name_chars && std::all_of(name.begin(), name.end(), IsHan) &&
         !EndsWithOneOf(utf8, OutletNameEndings());
}

// An outlet or account name printed as an item of its own: a few letters with an ideograph
// among them, no label, colon, count or sentence ("游民星空[整理]" → 游民星空).
std::optional<std::string> OutletName(std::u32string_view token, const MetadataOptions& o) {
  if (std::any_of(token.begin(), token.end(), IsColon)) return std::nullopt;  // "IP属地："
  token = Trim(token);
  if (token.empty() || HasSentencePunctuation(token) ||
      std::any_of(token.begin(), token.end(), IsDigit)) {
    return std::nullopt;  // counters: "阅读10544次"
  }
  if (!FindLabels(token).empty()) return std::nullopt;
  if (token.starts_with(U"@")) return std::nullopt;  // a handle mentioned in a comment
  auto v = CleanSource(RawValue(token, 0, token.size(), MetaField::kSource, true));
  if (!v) return std::nullopt;
  std::u32string u = ToU32(*v);
  if (u.size() < o.min_outlet_chars || u.size() > o.max_outlet_chars) return std::nullopt;
  if (!std::any_of(u.begin(), u.end(), IsHan) || IsNotOutletWord(*v) || IsRegionName(*v)) {
    return std::nullopt;
  }
  return v;
}

// True when a line carries a date: a full date, or a date label followed by digits
// ("发布时间：10-08 12:00", the year left out on self-media pages).
bool IsDateLine(std::u32string_view text) {
  if (std::none_of(text.begin(), text.end(), IsDigit)) return false;  // most lines: no number
  if (ParseDateTime(text)) return true;
  for (const LabelMatch& m : FindLabels(text)) {
    bool date_label = m.label->field == MetaField::kStop &&
                      (m.label->text.ends_with(U"时间") || m.label->text.ends_with(U"日期"));
    if (date_label && m.value_begin < text.size() && IsDigit(text[m.value_begin])) return true;
  }
  return false;
}

// The line holding the article's own date: the first date line below the headline in the
// header or the first lines of the text (any header line when no headline is found there).
int ArticleDateLine(const Document& doc, const std::vector<Line>& lines,
                    const std::vector<Zone>& zones, const std::vector<char>& date_lines,
                    std::string_view headline) {
  int headline_line = -1;
  for (size_t l = 0; l < lines.size(); ++l) {
    if (zones[l] != kHeader && zones[l] != kLead) continue;
    if (IsHeadlineNode(doc, lines[l].first) ||
        (!headline.empty() && CollapseWhitespace(ToUtf8(lines[l].text)) == headline)) {
      headline_line = static_cast<int>(l);
      break;
    }
  }
  for (size_t l = headline_line < 0 ? 0 : headline_line + 1; l < lines.size(); ++l) {
    if (zones[l] != kHeader && zones[l] != kLead) continue;
    if (date_lines[l]) return static_cast<int>(l);
  }
  return -1;
}

// An outlet printed beside the article's date without a label: "原创 南方都市报 2019-09-09
// 16:01:46", "2024-05-20 14:33 · 新华社", "2019-09-05 11:10 游民星空[整理]". The item right
// after the date and time is tried first (where 来源 usually stands), then the one right before,
// unless that one is shaped like a person's name (bylines stand there: "康斯坦丁 2015-07-02").
// An item that follows a label of its own ("发布于：" "北京市") is a labelled value, not an outlet.
std::optional<std::string> OutletBesideDate(const Document& doc, const Line& line,
                                            const MetadataOptions& o) {
  std::u32string_view text = line.text;
  if (!ParseDateTime(text)) return std::nullopt;
  std::vector<Token> tokens = BarTokens(text, NodeStarts(doc, line));
  auto token_text = [&](size_t k) {
    return text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
  };
  size_t first = 0;
  while (first < tokens.size() && !IsDateOrTimeToken(token_text(first))) ++first;
  if (first == tokens.size()) return std::nullopt;
  size_t last = first;
  while (last + 1 < tokens.size() && IsDateOrTimeToken(token_text(last + 1))) ++last;
  auto candidate = [&](size_t k) -> std::optional<std::string> {
    if (k > 0 && IsColon(Trim(token_text(k - 1)).empty() ? U' ' : token_text(k - 1).back())) {
      return std::nullopt;
    }
    return OutletName(token_text(k), o);
  };
  if (last + 1 < tokens.size()) {
    if (auto v = candidate(last + 1)) return v;
  }
  if (first == 0) return std::nullopt;
  auto v = candidate(first - 1);
  if (v && LooksLikePersonName(ToU32(*v), *v, o)) return std::nullopt;
  return v;
}

// An account name on a line of its own right above the date line, both in one small box (the
// byline box of self-media pages: avatar, account name, then "发布时间：10-08 12:00").
std::optional<std::string> AccountAboveDate(const Document& doc, const std::vector<Line>& lines,
                                            const std::vector<Zone>& zones, int date_line,
                                            std::string_view headline, const MetadataOptions& o) {
  if (date_line < 1) return std::nullopt;
  const Line& name = lines[static_cast<size_t>(date_line - 1)];
  Zone zone = zones[static_cast<size_t>(date_line - 1)];
  if ((zone != kHeader && zone != kLead) || IsHeadlineNode(doc, name.first)) return std::nullopt;
  if (CollapseWhitespace(ToUtf8(name.text)) == headline) return std::nullopt;
  if (BarTokens(Trim(name.text), {}).size() != 1) return std::nullopt;
  auto v = OutletName(name.text, o);
  if (!v) return std::nullopt;
  NodeId box = doc.node(name.first).parent;
  NodeId date_node = lines[static_cast<size_t>(date_line)].first;
  while (box != kNoNode && !doc.Contains(box, date_node)) box = doc.node(box).parent;
  if (box == kNoNode || ToU32(doc.CompactText(box)).size() > o.max_byline_box_chars) {
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> ExtractSource(const Document& doc, const std::vector<Line>& lines,
                                         const std::vector<Zone>& zones,
                                         const std::vector<int>& line_of,
                                         const std::vector<char>& date_lines,
                                         const LineFields& fields, std::string_view headline,
                                         const MetadataOptions& o) {
  // 1. Labelled (来源：X) in the header, the top, the bottom and after the text.
  if (auto v = Best(fields.sources)) return v;
  // 2. An outlet name printed without a label in an element classed "source" in the header.
  for (NodeId i = 0; i < static_cast<NodeId>(doc.size()); ++i) {
    if (doc.node(i).type != NodeType::kElement || !HasClassToken(doc, i, SourceClassTokens())) {
      continue;
    }
    NodeId first_text = kNoNode;
    for (NodeId k = i + 1; k < doc.SubtreeEnd(i); ++k) {
      if (doc.node(k).type == NodeType::kText && line_of[static_cast<size_t>(k)] >= 0) {
        first_text = k;
        break;
      }
    }
    if (first_text == kNoNode) continue;
    Zone zone = zones[static_cast<size_t>(line_of[static_cast<size_t>(first_text)])];
    if (zone != kHeader && zone != kLead) continue;
    if (auto v = ClassValue(doc, i)) {
      if (!std::any_of(v->begin(), v->end(), IsDigit)) return CleanSource(*v);
    }
  }
  // 3. An outlet printed beside the article's date without a label, then an account name on
  //    its own line right above the date in the byline box.
  int date_line = ArticleDateLine(doc, lines, zones, date_lines, headline);
  if (date_line >= 0) {
    if (auto v = OutletBesideDate(doc, lines[static_cast<size_t>(date_line)], o)) return v;
    if (auto v = AccountAboveDate(doc, lines, zones, date_line, headline, o)) return v;
  }
  // 4. <meta name="source">.
  return MetaSource(doc);
}

// An unlabelled byline as forums, blogs and old article pages print it: a line of names alone
// right under the headline, the article's text starting on the next line
// ("社会资本、人力资本与下岗职工的再就业 / 赵延东、风笑天 / 近年来，…"). The headline is a
// heading (IsHeadlineNode) or a line the <title> starts with.
std::optional<std::string> NameUnderHeadline(const Document& doc, const std::vector<Line>& lines,
                                             const std::vector<Zone>& zones,
                                             std::string_view headline) {
  std::string title = TitleText(doc);
  for (size_t l = 0; l + 2 < lines.size(); ++l) {
    if (zones[l] != kHeader && zones[l] != kLead) continue;
    std::string line = ToUtf8(Trim(lines[l].text));
    bool is_headline = IsHeadlineNode(doc, lines[l].first) ||
                       (line.size() >= 6 && title.starts_with(CollapseWhitespace(line))) ||
                       (!headline.empty() && CollapseWhitespace(line) == headline);
    if (!is_headline) continue;
    size_t n = l + 1;
    while (n + 1 < lines.size() && Trim(lines[n].text) == Trim(lines[l].text)) ++n;  // repeated
    if (n + 1 >= lines.size() || (zones[n] != kHeader && zones[n] != kLead)) return std::nullopt;
    std::u32string_view name = Trim(lines[n].text);
    // Letters of names only: no handle ("@name"), caption or label.
    bool name_chars = std::all_of(name.begin(), name.end(), [](char32_t c) {
      return IsHan(c) || IsAsciiAlpha(c) || c == ' ' || c == 0x3001 || c == 0xB7 || c == '.' ||
             c == '-';
    });
    if (name.size() < 2 || name.size() > kMaxUnlabelledBylineChars || !name_chars ||
        !LooksLikeNames(name) || HasSentencePunctuation(lines[n].text) ||
        !FindLabels(name).empty()) {
      return std::nullopt;
    }
    const Line& text = lines[n + 1];
    if (zones[n + 1] != kLead && zones[n + 1] != kTail) return std::nullopt;
    if (Trim(text.text).size() < kLongParagraphChars) return std::nullopt;
    // A column name ("国内新闻") has the same shape; it is also a link of the site's menus.
    std::string printed = CollapseWhitespace(ToUtf8(name));
    for (NodeId a : doc.FindAll("a")) {
      if (doc.Contains(a, lines[n].first)) continue;  // the name's own link
      if (doc.CompactText(a) == printed) return std::nullopt;
    }
    return CleanAuthor(name, /*names_only=*/true);
  }
  return std::nullopt;
}

// True inside a form (a comment form's name field) or an element classed as comments: the
// "author" there is a commenter's handle, not the article's byline.
bool IsInCommentArea(const Document& doc, NodeId id) {
  for (NodeId i = doc.node(id).parent; i != kNoNode; i = doc.node(i).parent) {
    if (doc.node(i).tag == "form" || HasClassToken(doc, i, CommentClassTokens())) return true;
  }
  return false;
}

// A name alone in brackets closing the text, as Chinese news prints the reporter without a
// label: "…发展。" then "（袁源）" on the last lines of the text. A closing mark ("（完）"), an
// outlet ("（新华社）") or anything but a few short names is not it.
std::optional<std::string> BracketedNameClosingTheText(const std::vector<Line>& lines,
                                                       const std::vector<Zone>& zones) {
  for (size_t l = lines.size(); l-- > 0;) {
    if (zones[l] != kTail) continue;
    std::u32string_view text = Trim(lines[l].text);
    if (text.size() < 2 || !IsOpenBracket(text.front()) || !IsCloseBracket(text.back())) continue;
    std::u32string name = StripBrackets(text);
    if (name.size() < 2 || name.size() > kMaxUnlabelledBylineChars || !FindLabels(name).empty()) {
      continue;
    }
    bool name_chars = std::all_of(name.begin(), name.end(), [](char32_t c) {
      return IsHan(c) || IsAsciiAlpha(c) || c == ' ' || c == 0x3001 || c == 0xB7;
    });
    std::string utf8 = ToUtf8(name);
    // "（新华社）", "（人民日报）": an outlet credit, not the reporter.
    if (!name_chars || IsOneOf(utf8, ClosingMarks()) || EndsWithOneOf(utf8, OutletNameEndings())) {
      continue;
    }
    return CleanAuthor(name, /*names_only=*/true);
  }
  return std::nullopt;
}

// True when the words before position `date` of a line (since `from`) make the date another
// item's: "最新推荐文章于 2024-05-07 发布" (date_patterns.h).
bool IsOtherItemDate(std::u32string_view text, size_t from, size_t date) {
  std::u32string_view before = text.substr(from, date - from);
  return std::any_of(OtherItemDateMarkers().begin(), OtherItemDateMarkers().end(),
                     [before](std::u32string_view m) { return before.find(m) != before.npos; });
}

// A poster's name or handle: one word of a few letters, no label, badge or sentence.
std::optional<std::string> PosterName(std::u32string_view name, const MetadataOptions& o) {
  std::u32string_view v = Trim(name);
  if (v.empty() || v.size() > o.max_poster_chars || HasSentencePunctuation(v)) return std::nullopt;
  if (std::any_of(v.begin(), v.end(), [](char32_t c) { return IsSpace(c) || IsColon(c); })) {
    return std::nullopt;
  }
  std::string utf8 = ToUtf8(v);
  if (!FindLabels(v).empty() || IsOneOf(utf8, NotOutletWords())) return std::nullopt;
  return CleanAuthor(v, /*names_only=*/false);
}

bool HasAt(std::u32string_view text, size_t i, std::u32string_view word) {
  return i + word.size() <= text.size() && text.substr(i, word.size()) == word;
}

// A poster's name or handle printed as the subject of the article's publishing date, as forums
// and blogs print it: "本贴由 大卫 于2005年8月12日…发表", "ggjjzhzz 发表于 2005-9-15 11:46",
// "<a>山间小站</a> 于 2021-03-05 15:47 发布", "发布时间 2005/03/15 22:36:13 by duscha". The
// preposition (于) and the verbs (发表, 发布) are the date extractor's (date_patterns.h); a
// publishing verb before the preposition or after the date, or 由 ("by") before the name, is
// required: "创办于1986年" in a sentence names no poster.
std::optional<std::string> PosterOfTheDate(const Document& doc, const std::vector<Line>& lines,
                                           const std::vector<Zone>& zones,
                                           const std::vector<char>& date_lines,
                                           const MetadataOptions& o) {
  for (size_t l = 0; l < lines.size(); ++l) {
    if (zones[l] == kNone || !date_lines[l]) continue;
    std::u32string_view text = lines[l].text;
    std::vector<size_t> starts = NodeStarts(doc, lines[l]);
    auto is_start = [&](size_t i) { return std::binary_search(starts.begin(), starts.end(), i); };
    // "X 于 DATE", "X 发表于 DATE", "由 X 于 DATE".
    for (size_t p = 0; p < text.size(); ++p) {
      auto preposition = std::find_if(DatePrepositions().begin(), DatePrepositions().end(),
                                      [&](std::u32string_view w) { return HasAt(text, p, w); });
      if (preposition == DatePrepositions().end()) continue;
      size_t q = p + preposition->size();
      while (q < text.size() && IsSpace(text[q])) ++q;
      if (!StartsDate(text, q)) continue;
      size_t end = p;
      bool verb_before = false;
      for (std::u32string_view verb : PublishVerbsAfterDate()) {
        if (end >= verb.size() && HasAt(text, end - verb.size(), verb)) {
          end -= verb.size();
          verb_before = true;
        }
      }
      std::u32string_view after = text.substr(q, o.max_poster_verb_distance);
      bool verb_after =
          std::any_of(PublishVerbsAfterDate().begin(), PublishVerbsAfterDate().end(),
                      [after](std::u32string_view v) { return after.find(v) != after.npos; });
      while (end > 0 && IsSpace(text[end - 1])) --end;
      size_t begin = end;
      while (begin > 0 && !IsBarSeparator(text[begin - 1]) && text[begin - 1] != U'由' &&
             !(begin < end && is_start(begin))) {
        --begin;
      }
      size_t prefix = begin;
      while (prefix > 0 && IsSpace(text[prefix - 1])) --prefix;
      bool by_prefix = prefix > 0 && text[prefix - 1] == U'由';
      // "创办于1986年" is no poster: the date must be a publishing date.
      if (begin == end || IsOtherItemDate(text, 0, q) ||
          !(verb_before || verb_after || by_prefix)) {
        continue;
      }
      if (auto v = PosterName(text.substr(begin, end - begin), o)) return v;
    }
    // "DATE TIME by X".
    std::vector<Token> tokens = BarTokens(text, starts);
    for (size_t k = 1; k + 1 < tokens.size(); ++k) {
      std::u32string_view by = text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
      std::u32string_view before =
          text.substr(tokens[k - 1].begin, tokens[k - 1].end - tokens[k - 1].begin);
      if ((by != U"by" && by != U"By" && by != U"BY") || !IsDateOrTimeToken(before)) continue;
      if (auto v = PosterName(
              text.substr(tokens[k + 1].begin, tokens[k + 1].end - tokens[k + 1].begin), o)) {
        return v;
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> ExtractAuthor(const PageContext& ctx, const std::vector<Line>& lines,
                                         const std::vector<Zone>& zones,
                                         const std::vector<int>& line_of,
                                         const std::vector<char>& date_lines,
                                         const LineFields& fields, std::string_view headline,
                                         const MetadataOptions& o) {
  const Document& doc = ctx.doc;
  // 1. A labelled byline: 作者：X, 记者 X, 文/X.
  if (auto v = Best(fields.bylines)) return v;
  // 2. An element classed "author"/"byline", or a rel=author link, around the text.
  for (NodeId i = 0; i < static_cast<NodeId>(doc.size()); ++i) {
    if (doc.node(i).type != NodeType::kElement) continue;
    bool rel_author = doc.node(i).tag == "a" && doc.Attr(i, "rel") &&
                      LowerAscii(*doc.Attr(i, "rel")).find("author") != std::string::npos;
    if (!rel_author && !HasClassToken(doc, i, AuthorClassTokens())) continue;
    NodeId first_text = kNoNode;
    for (NodeId k = i + 1; k < doc.SubtreeEnd(i); ++k) {
      if (doc.node(k).type == NodeType::kText && line_of[static_cast<size_t>(k)] >= 0) {
        first_text = k;
        break;
      }
    }
    if (first_text == kNoNode) continue;
    Zone zone = zones[static_cast<size_t>(line_of[static_cast<size_t>(first_text)])];
    if (zone == kNone || IsInCommentArea(doc, i)) continue;
    if (auto v = ClassValue(doc, i)) {
      if (auto name = CleanAuthor(*v, /*names_only=*/true)) return name;
    }
  }
  // 3. "By Jane Doe" above or at the top of the text.
  for (size_t l = 0; l < lines.size(); ++l) {
    if (zones[l] != kHeader && zones[l] != kLead) continue;
    if (auto v = EnglishByline(lines[l].text)) return v;
  }
  // 4. A line of names alone between the headline and the text.
  if (auto v = NameUnderHeadline(doc, lines, zones, headline)) return v;
  // 5. A name alone in brackets closing the text: "（袁源）", then the poster named with the
  //    publishing date: "本贴由 大卫 于2005年8月12日…发表".
  if (auto v = BracketedNameClosingTheText(lines, zones)) return v;
  if (auto v = PosterOfTheDate(doc, lines, zones, date_lines, o)) return v;
  // 6. The editor (责任编辑：X) when no author is printed.
  if (auto v = Best(fields.editors)) return v;
  // 7. JSON-LD author.name, then <meta name="author">.
  const JsonLdArticle& json_ld = ctx.JsonLd();
  if (!json_ld.author_names.empty()) {
    std::string joined;
    for (const std::string& name : json_ld.author_names) {
      std::string clean = CollapseWhitespace(name);
      if (clean.empty()) continue;
      if (!joined.empty()) joined += ", ";
      joined += clean;
    }
    if (!joined.empty()) return joined;
  }
  return MetaAuthor(doc);
}

// A byline printed in capitals ("JEFFREY GETTLEMAN", CSS text-transform or typed so) that the
// page's <meta name="author"> gives in mixed case is taken in the metadata's spelling.
std::optional<std::string> WithMetaCase(std::optional<std::string> author, const Document& doc) {
  if (!author) return author;
  bool has_lower =
      std::any_of(author->begin(), author->end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (has_lower) return author;
  auto meta = MetaAuthor(doc);
  if (meta && meta->size() == author->size() && LowerAscii(*meta) == LowerAscii(*author)) {
    return meta;
  }
  return author;
}

// ---------------------------------------------------------------------------------------------
// Section (breadcrumb leaf)

// Splits a breadcrumb text into its items.
std::vector<std::string> BreadcrumbItems(std::string_view text) {
  std::vector<std::string> items;
  std::string current;
  size_t i = 0;
  auto push = [&] {
    std::string item(ToUtf8(Trim(ToU32(current))));
    if (!item.empty()) items.push_back(item);
    current.clear();
  };
  while (i < text.size()) {
    bool separator = false;
    for (std::string_view sep : BreadcrumbSeparators()) {
      if (text.substr(i).starts_with(sep)) {
        push();
        i += sep.size();
        separator = true;
        break;
      }
    }
    if (!separator) current.push_back(text[i++]);
  }
  push();
  return items;
}

// A breadcrumb label starts at most this many bytes into its text (a leading icon or space).
constexpr size_t kMaxBreadcrumbLabelOffset = 8;

bool StartsWithLabel(std::string_view text, size_t* after) {
  for (std::string_view label : BreadcrumbLabels()) {
    size_t pos = text.find(label);
    if (pos == std::string::npos || pos > kMaxBreadcrumbLabelOffset) continue;
    size_t i = pos + label.size();
    while (i < text.size() && text[i] == ' ') ++i;
    if (text.substr(i).starts_with(":")) {
      i += 1;
    } else if (text.substr(i).starts_with("\xEF\xBC\x9A")) {  // ：
      i += 3;
    } else if (label == "位置") {
      continue;  // the bare word needs its colon
    }
    *after = i;
    return true;
  }
  return false;
}

// StartsWithLabel of a line's text as CompactText prints it. Only the start of the line is
// converted, as much as StartsWithLabel may read (the label, a space and a colon): a page of text
// can be one line of megabytes (issue #17).
bool LineStartsWithLabel(std::u32string_view line) {
  static const size_t kNeeded = [] {
    size_t longest = 0;
    for (std::string_view label : BreadcrumbLabels()) longest = std::max(longest, label.size());
    return kMaxBreadcrumbLabelOffset + longest + std::string_view(" \uFF1A").size();
  }();
  // The collapsed start of the line is the start of the collapsed line; spaces may shorten it.
  for (size_t n = kNeeded;; n *= 2) {
    std::string start = CollapseWhitespace(ToUtf8(line.substr(0, n)));
    size_t after = 0;
    if (start.size() >= kNeeded || n >= line.size()) return StartsWithLabel(start, &after);
  }
}

struct PageTitles {
  std::string headline;  // first <h1>
  std::string title;     // <title>
};

bool IsArticleTitle(const std::string& item, const PageTitles& titles) {
  std::string stripped = item;
  for (std::string_view tail : {"...", "\xE2\x80\xA6"}) {
    if (stripped.ends_with(tail)) stripped.resize(stripped.size() - tail.size());
  }
  if (stripped.empty()) return true;
  if (item == titles.headline) return true;
  size_t chars = ToU32(stripped).size();
  return chars >= kMinTitlePrefixChars &&
         (titles.title.starts_with(stripped) || titles.headline.starts_with(stripped));
}

std::optional<std::string> SectionFromText(std::string_view text, const PageTitles& titles) {
  std::vector<std::string> items = BreadcrumbItems(text);
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    // "正文 申请入驻": an item opened by a skip word is the end of the trail plus a stray link.
    std::string first_word = it->substr(0, it->find(' '));
    if (IsOneOf(first_word, BreadcrumbSkipItems()) || first_word.ends_with("首页") ||
        IsArticleTitle(*it, titles)) {
      continue;
    }
    if (ToU32(*it).size() > kMaxSectionChars) continue;
    return *it;
  }
  return std::nullopt;
}

// Breadcrumbs: a 当前位置/您的位置 label with the items after it, or an element classed
// "breadcrumb"/"position"; the one closest above the text wins.
std::optional<std::string> ExtractSection(const Document& doc, const std::vector<Line>& lines,
                                          NodeId anchor) {
  PageTitles titles;
  if (NodeId h1 = doc.FindFirst("h1"); h1 != kNoNode) titles.headline = doc.CompactText(h1);
  titles.title = TitleText(doc);
  std::vector<std::pair<NodeId, std::string>> found;
  // 1. Labelled breadcrumbs.
  for (const Line& line : lines) {
    // Every breadcrumb label holds 位置 or 当前页面: most lines are passed over without
    // converting them.
    if (line.text.find(U"位置") == std::u32string::npos &&
        line.text.find(U"当前页面") == std::u32string::npos) {
      continue;
    }
    if (!LineStartsWithLabel(line.text)) continue;
    // The label may sit in its own cell or span: widen to the enclosing element holding items.
    std::optional<std::string> section;
    NodeId scope = doc.node(line.first).parent;
    for (int level = 0; level < kMaxBreadcrumbLevels && scope != kNoNode && !section; ++level) {
      std::string scope_text = doc.CompactText(scope);
      if (scope_text.size() > kMaxBreadcrumbChars) break;
      size_t scope_after = 0;
      if (StartsWithLabel(scope_text, &scope_after)) {
        section = SectionFromText(std::string_view(scope_text).substr(scope_after), titles);
      }
      scope = doc.node(scope).parent;
    }
    if (section) found.emplace_back(line.first, *section);
  }
  // 2. Elements classed as breadcrumbs.
  for (NodeId i = 0; i < static_cast<NodeId>(doc.size()); ++i) {
    if (doc.node(i).type != NodeType::kElement || !HasClassToken(doc, i, BreadcrumbClassTokens())) {
      continue;
    }
    if (doc.IsElement(i, "body") || doc.IsElement(i, "html")) continue;
    std::string text = doc.CompactText(i);
    if (text.empty() || text.size() > kMaxBreadcrumbChars) continue;
    size_t after = 0;
    if (!StartsWithLabel(text, &after)) after = 0;
    if (auto section = SectionFromText(std::string_view(text).substr(after), titles)) {
      found.emplace_back(i, *section);
    }
    i = doc.SubtreeEnd(i) - 1;
  }
  if (found.empty()) return std::nullopt;
  std::sort(found.begin(), found.end());
  const std::pair<NodeId, std::string>* best = &found.front();
  for (const auto& f : found) {
    if (anchor != kNoNode && f.first < anchor) best = &f;
  }
  return best->second;
}

// ---------------------------------------------------------------------------------------------
// Language and canonical URL

// "zh_cn" → "zh-CN", "ZH-hans" → "zh-Hans".
std::string NormalizeLanguageTag(std::string_view tag) {
  std::string out;
  size_t part = 0;
  size_t i = 0;
  while (i <= tag.size()) {
    size_t j = tag.find_first_of("-_", i);
    if (j == std::string_view::npos) j = tag.size();
    std::string sub = LowerAscii(tag.substr(i, j - i));
    if (part > 0 && sub.size() == 2) {
      for (char& c : sub) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (part > 0 && sub.size() == 4) {
      sub[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sub[0])));
    }
    if (!sub.empty()) {
      if (!out.empty()) out.push_back('-');
      out += sub;
    }
    ++part;
    i = j + 1;
  }
  return out;
}

// "zh-CN", "en", "zh_Hans": letters, then subtags of letters and digits ("中文" and "utf-8"
// seen in the wild are not tags).
bool IsLanguageTag(std::string_view s) {
  size_t first = s.find_first_of("-_");
  std::string_view primary = s.substr(0, first);
  if (primary.size() < 2 || primary.size() > 3) return false;
  for (char c : primary) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  }
  size_t subtag = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '-' || s[i] == '_') {
      if (subtag < 2) return false;  // "utf-8"
      subtag = 0;
    } else if (!std::isalnum(static_cast<unsigned char>(s[i]))) {
      return false;
    } else {
      ++subtag;
    }
  }
  return true;
}

struct ScriptCounts {
  size_t han = 0, kana = 0, hangul = 0, latin = 0;
};

// The lines' letters by script.
ScriptCounts CountScripts(const std::vector<Line>& lines) {
  ScriptCounts c;
  for (const Line& line : lines) {
    for (char32_t cp : line.text) {
      if (IsHan(cp))
        ++c.han;
      else if (IsKana(cp))
        ++c.kana;
      else if (IsHangul(cp))
        ++c.hangul;
      else if (IsAsciiAlpha(cp))
        ++c.latin;
    }
  }
  return c;
}

// English when common function words make up a good part of the words. The lines are read as
// one text, end to end (a word may run on into the next line), without joining them: a page
// of text would cost a copy of it.
bool LooksEnglish(const std::vector<Line>& lines) {
  constexpr size_t kLongestFunctionWord = 4;
  size_t words = 0, common = 0;
  std::string word;  // the word being read, in lower case, while it may be a function word
  size_t length = 0;
  auto end_word = [&] {
    if (length == 0) return;
    ++words;
    if (length <= kLongestFunctionWord) {
      for (std::string_view f : {"the", "and", "of", "to", "in", "is", "that", "for", "with"}) {
        if (word == f) ++common;
      }
    }
    word.clear();
    length = 0;
  };
  for (const Line& line : lines) {
    for (char32_t c : line.text) {
      if (!IsAsciiAlpha(c)) {
        end_word();
        continue;
      }
      if (++length <= kLongestFunctionWord) {
        word.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
      }
    }
  }
  end_word();
  return words >= 20 && common * 10 >= words;  // at least 10% function words
}

std::optional<std::string> ExtractLang(const Document& doc, const std::vector<Line>& lines) {
  std::string declared;
  if (auto lang = doc.Attr(doc.root(), "lang")) declared = CollapseWhitespace(*lang);
  if (declared.empty()) {
    for (NodeId meta : doc.FindAll("meta")) {
      auto equiv = doc.Attr(meta, "http-equiv");
      auto name = doc.Attr(meta, "name");
      bool language = (equiv && LowerAscii(*equiv) == "content-language") ||
                      (name && LowerAscii(*name) == "language");
      if (auto content = doc.Attr(meta, "content"); language && content) {
        declared = CollapseWhitespace(content->substr(0, content->find(',')));
        break;
      }
    }
  }
  ScriptCounts c = CountScripts(lines);
  size_t letters = c.han + c.kana + c.hangul + c.latin;
  double cjk_share = letters == 0 ? 0.0 : static_cast<double>(c.han + c.kana) / letters;
  std::string tag = IsLanguageTag(declared) ? NormalizeLanguageTag(declared) : "";
  std::string primary = tag.substr(0, tag.find('-'));
  // Chinese templates often keep an English lang="en": the text decides.
  bool han_text = cjk_share >= kMinCjkShare && c.kana * 10 < c.han;
  if (!tag.empty() && !(primary == "en" && han_text)) return tag;
  if (han_text) return "zh";
  if (letters > 0 && c.kana * 10 >= c.han && c.kana > 0 && cjk_share >= kMinCjkShare) return "ja";
  if (letters > 0 && c.hangul * 2 >= letters) return "ko";
  if (LooksEnglish(lines)) return "en";
  return std::nullopt;
}

std::optional<std::string> ExtractCanonical(const PageContext& ctx) {
  for (NodeId link : ctx.doc.FindAll("link")) {
    auto rel = ctx.doc.Attr(link, "rel");
    auto href = ctx.doc.Attr(link, "href");
    if (!rel || !href || LowerAscii(*rel).find("canonical") == std::string::npos) continue;
    std::string h = CollapseWhitespace(*href);
    if (h.empty()) continue;
    return ctx.Resolve(h);
  }
  return std::nullopt;
}

}  // namespace

Metadata ExtractMetadata(const PageContext& ctx, NodeId body_container, std::string_view headline,
                         const MetadataOptions& options) {
  Metadata meta;
  const Document& doc = ctx.doc;
  if (doc.empty()) return meta;
  const std::vector<Line>& lines = ctx.BodyLines();
  std::vector<Zone> zones = ArticleZones(doc, lines, body_container);
  std::vector<int> line_of = LineOfNode(doc, lines);
  // Labelled values on the lines of the article zones (header, top, bottom, after the text).
  LineFields fields;
  // The lines of the article zones that carry a date (IsDateLine), worked out once.
  std::vector<char> date_lines(lines.size(), 0);
  for (size_t l = 0; l < lines.size(); ++l) {
    date_lines[l] = zones[l] != kNone && IsDateLine(lines[l].text);
  }
  for (size_t l = 0; l < lines.size(); ++l) {
    if (zones[l] == kNone) continue;
    // A breadcrumb names columns: "当前位置：首页｜新华社记者看东北" holds no byline.
    bool may_be_breadcrumb = lines[l].text.find(U"位置") != std::u32string::npos ||
                             lines[l].text.find(U"当前页面") != std::u32string::npos;
    if (may_be_breadcrumb && LineStartsWithLabel(lines[l].text)) continue;
    // Labels glued to their value by an element boundary count on a date line only (a
    // metadata bar): elsewhere "作者<a>最新文章</a>" is a link caption.
    std::vector<size_t> node_starts;
    if (date_lines[l]) node_starts = NodeStarts(doc, lines[l]);
    ScanLine(lines[l], zones[l], static_cast<int>(l), node_starts, &fields);
    if (auto joined = LabelWithValueInNextCell(doc, lines, l)) {
      ScanLine(*joined, zones[l], static_cast<int>(l), {}, &fields);
    }
  }
  meta.source = ExtractSource(doc, lines, zones, line_of, date_lines, fields, headline, options);
  meta.author = WithMetaCase(
      ExtractAuthor(ctx, lines, zones, line_of, date_lines, fields, headline, options), doc);
  if (!fields.views.empty()) {
    std::stable_sort(fields.views.begin(), fields.views.end(),
                     [](const auto& a, const auto& b) { return a.second < b.second; });
    meta.views = fields.views.front().first;
  }
  NodeId anchor = body_container;
  if (anchor == kNoNode || doc.IsElement(anchor, "body") || doc.IsElement(anchor, "html")) {
    anchor = EstimateTextBlock(doc);
  }
  meta.section = ExtractSection(doc, lines, anchor);
  meta.lang = ExtractLang(doc, lines);
  meta.canonical_url = ExtractCanonical(ctx);
  return meta;
}

}  // namespace extract
