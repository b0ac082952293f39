#include "extract/html_prescan.h"

#include <algorithm>

namespace extract {
namespace {

constexpr size_t npos = std::string_view::npos;

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsTagSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsNoCase(std::string_view s, std::string_view lower) {
  return s.size() == lower.size() && std::equal(s.begin(), s.end(), lower.begin(),
                                                [](char a, char b) { return AsciiLower(a) == b; });
}

bool ContainsNoCase(std::string_view s, std::string_view lower) {
  return std::search(s.begin(), s.end(), lower.begin(), lower.end(),
                     [](char a, char b) { return AsciiLower(a) == b; }) != s.end();
}

// True when `name` (lower case) is written at `at`, followed by what ends a tag name (space,
// '/' or '>'): how the tokenizer recognises "</script" or "<script" inside script data.
bool TagNameAt(std::string_view h, size_t at, std::string_view name) {
  if (at + name.size() >= h.size()) return false;
  return EqualsNoCase(h.substr(at, name.size()), name) &&
         (IsTagSpace(h[at + name.size()]) || h[at + name.size()] == '/' ||
          h[at + name.size()] == '>');
}

// Elements that never or optionally have an end tag: they do not deepen the tree for the
// depth estimate (<p>a<p>b is two siblings).
bool IsShallowTag(std::string_view name) {
  static constexpr std::string_view kTags[] = {
      "area", "base",  "br",      "col",    "embed",    "hr",    "img",   "input", "link",
      "meta", "param", "source",  "track",  "wbr",      "p",     "li",    "dt",    "dd",
      "tr",   "td",    "th",      "option", "optgroup", "thead", "tbody", "tfoot", "colgroup",
      "rt",   "rp",    "caption", "frame",  "basefont", "keygen"};
  return std::any_of(std::begin(kTags), std::end(kTags),
                     [&](std::string_view t) { return EqualsNoCase(name, t); });
}

struct Tag {
  std::string_view name;  // as written
  std::string_view type;  // value of the first type="…" attribute
  size_t end = npos;      // one past the closing '>'; npos when the input ends inside the tag
  bool self_closing = false;
};

// Reads a start or end tag whose name begins at `at` (just after "<" or "</"), following the
// tokenizer's attribute states: a '>' inside a quoted value does not end the tag.
Tag ScanTag(std::string_view h, size_t at) {
  Tag tag;
  const size_t n = h.size();
  size_t i = at;
  while (i < n && !IsTagSpace(h[i]) && h[i] != '/' && h[i] != '>') ++i;
  tag.name = h.substr(at, i - at);
  bool slash = false;
  while (i < n) {
    char c = h[i];
    if (c == '>') {
      tag.end = i + 1;
      tag.self_closing = slash;
      return tag;
    }
    slash = c == '/';
    if (slash || IsTagSpace(c)) {
      ++i;
      continue;
    }
    size_t name_start = i++;  // a '=' here starts the attribute's name
    while (i < n && !IsTagSpace(h[i]) && h[i] != '/' && h[i] != '>' && h[i] != '=') ++i;
    std::string_view attr = h.substr(name_start, i - name_start);
    size_t j = i;
    while (j < n && IsTagSpace(h[j])) ++j;
    if (j >= n || h[j] != '=') {
      i = j;
      continue;
    }
    ++j;
    while (j < n && IsTagSpace(h[j])) ++j;
    std::string_view value;
    if (j < n && (h[j] == '"' || h[j] == '\'')) {
      size_t close = h.find(h[j], j + 1);
      if (close == npos) return tag;
      value = h.substr(j + 1, close - j - 1);
      i = close + 1;
    } else {
      size_t start = j;
      while (j < n && !IsTagSpace(h[j]) && h[j] != '>') ++j;
      value = h.substr(start, j - start);
      i = j;
    }
    if (tag.type.data() == nullptr && EqualsNoCase(attr, "type")) tag.type = value;
  }
  return tag;
}

// Offset of the "</script" that ends script data starting at `from`, or npos. Follows the
// tokenizer's script-data states: after "<!--" a "<script" starts a double-escaped stretch
// whose "</script" does not end the element; "-->" returns to plain script data.
size_t ScriptDataEnd(std::string_view h, size_t from) {
  enum class State { kData, kEscaped, kDoubleEscaped };
  State state = State::kData;
  const size_t n = h.size();
  size_t i = from;
  while (i < n) {
    char c = h[i];
    if (c == '<') {
      if (i + 1 < n && h[i + 1] == '/' && TagNameAt(h, i + 2, "script")) {
        if (state != State::kDoubleEscaped) return i;
        state = State::kEscaped;
        i += 8;
        continue;
      }
      if (state == State::kData && h.compare(i, 4, "<!--") == 0) {
        state = State::kEscaped;
        i += 2;  // the dashes also count towards a "-->" ("<!-->" opens and closes)
        continue;
      }
      if (state == State::kEscaped && TagNameAt(h, i + 1, "script")) {
        state = State::kDoubleEscaped;
        i += 7;
        continue;
      }
      ++i;
      continue;
    }
    if (c == '-' && state != State::kData) {
      size_t run = i;
      while (run < n && h[run] == '-') ++run;
      if (run - i >= 2 && run < n && h[run] == '>') {
        state = State::kData;
        i = run + 1;
      } else {
        i = run;
      }
      continue;
    }
    ++i;
  }
  return npos;
}

// Offset of the "</name" that ends RAWTEXT or RCDATA content starting at `from`, or npos.
size_t RawTextEnd(std::string_view h, size_t from, std::string_view name) {
  for (size_t i = h.find("</", from); i != npos; i = h.find("</", i + 2)) {
    if (TagNameAt(h, i + 2, name)) return i;
  }
  return npos;
}

// Elements whose content the tokenizer does not read as markup, up to their end tag.
enum class RawKind { kNone, kScript, kStyle, kOther };

struct RawElement {
  RawKind kind = RawKind::kNone;
  std::string_view name;  // lower case
};

RawElement RawElementOf(std::string_view name) {
  static constexpr std::string_view kOthers[] = {"title",   "textarea", "xmp",     "iframe",
                                                 "noembed", "noframes", "noscript"};
  if (EqualsNoCase(name, "script")) return {RawKind::kScript, "script"};
  if (EqualsNoCase(name, "style")) return {RawKind::kStyle, "style"};
  for (std::string_view raw : kOthers) {
    if (EqualsNoCase(name, raw)) return {RawKind::kOther, raw};
  }
  return {};
}

// Offset just past the end of the comment or bogus comment opening at `lt` ("<!" or "<?" or
// "</" + non-letter), or npos when it runs to the end of the input.
size_t CommentEnd(std::string_view h, size_t lt) {
  if (h.compare(lt, 4, "<!--") == 0) {
    size_t j = lt + 4;
    if (j < h.size() && h[j] == '>') return j + 1;  // "<!-->"
    if (h.compare(j, 2, "->") == 0) return j + 2;   // "<!--->"
    for (size_t k = h.find("--", j); k != npos; k = h.find("--", k + 1)) {
      if (h.compare(k + 2, 1, ">") == 0) return k + 3;
      if (h.compare(k + 2, 2, "!>") == 0) return k + 4;
    }
    return npos;
  }
  size_t close = h.find('>', lt + 2);
  return close == npos ? npos : close + 1;
}

}  // namespace

PrescannedHtml PrescanHtml(std::string_view h, int max_nesting_depth, bool drop_script_and_style,
                           size_t max_elements) {
  PrescannedHtml out;
  out.html.reserve(h.size());
  const size_t n = h.size();
  size_t copied = 0;  // h[copied, …) is still to be copied to the output
  size_t input_end = n;
  int depth = 0;
  size_t elements = 0;
  size_t i = 0;
  while (true) {
    i = h.find('<', i);
    if (i == npos || i + 1 >= n) break;
    char c = h[i + 1];
    if (c == '!' || c == '?' || (c == '/' && (i + 2 >= n || !IsAsciiAlpha(h[i + 2])))) {
      if (h.compare(i, 3, "</>") == 0) {
        i += 3;
        continue;
      }
      i = CommentEnd(h, i);
      if (i == npos) break;
      continue;
    }
    if (c == '/') {
      Tag end_tag = ScanTag(h, i + 2);
      if (end_tag.end == npos) break;
      if (!IsShallowTag(end_tag.name)) depth = std::max(0, depth - 1);
      i = end_tag.end;
      continue;
    }
    if (!IsAsciiAlpha(c)) {
      ++i;
      continue;
    }
    Tag tag = ScanTag(h, i + 1);
    if (tag.end == npos) break;
    if (++elements > max_elements) {
      out.cut_for_elements = true;
      input_end = i;
      break;
    }
    RawElement raw = RawElementOf(tag.name);
    if (raw.kind == RawKind::kNone) {
      if (!IsShallowTag(tag.name) && !tag.self_closing && ++depth > max_nesting_depth) {
        out.cut_for_depth = true;
        input_end = i;
        break;
      }
      i = tag.end;
      continue;
    }
    // A raw-text element opens and closes here: no change of depth.
    size_t body_end =
        raw.kind == RawKind::kScript ? ScriptDataEnd(h, tag.end) : RawTextEnd(h, tag.end, raw.name);
    if (raw.kind == RawKind::kScript) {
      size_t script_end = body_end == npos ? n : body_end;
      out.scripts.push_back({tag.end, script_end - std::min(script_end, tag.end)});
    }
    bool drop = drop_script_and_style &&
                (raw.kind == RawKind::kStyle ||
                 (raw.kind == RawKind::kScript && !ContainsNoCase(tag.type, "json")));
    if (drop) {
      out.html.append(h.substr(copied, tag.end - copied));
      copied = body_end == npos ? n : body_end;
    }
    if (body_end == npos) {
      if (drop) break;  // the rest of the input was script or style text
      // Never closed: read the rest as markup, so the depth cut still applies where the parser
      // does not take it for text (<noscript>, or <title> inside <svg>).
      i = tag.end;
      continue;
    }
    Tag end_tag = ScanTag(h, body_end + 2);
    if (end_tag.end == npos) break;
    i = end_tag.end;
  }
  out.html.append(h.substr(copied, input_end - std::min(copied, input_end)));
  return out;
}

}  // namespace extract
