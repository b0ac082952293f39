// The script link idioms: a small reader of JavaScript literals (strings, numbers, names bound
// to literals) and one function per idiom. Nothing here evaluates code: an argument that is not
// a literal (a concatenation, a call) names no URL.
#include "extract/script_link_patterns.h"

#include <algorithm>
#include <charconv>
#include <set>

namespace extract {
namespace {

constexpr size_t npos = std::string_view::npos;

bool IsIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$';
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

size_t FindNoCase(std::string_view s, std::string_view needle, size_t from = 0) {
  if (needle.empty() || s.size() < needle.size()) return npos;
  for (size_t i = from; i + needle.size() <= s.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && LowerAscii(s[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return npos;
}

size_t RFindNoCase(std::string_view s, std::string_view needle, size_t before) {
  for (size_t i = std::min(before, s.size()); i-- > 0;) {
    if (i + needle.size() > s.size()) continue;
    size_t k = 0;
    while (k < needle.size() && LowerAscii(s[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return npos;
}

// Skips white space and comments.
size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
      size_t eol = s.find('\n', i);
      i = eol == npos ? s.size() : eol + 1;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t end = s.find("*/", i + 2);
      i = end == npos ? s.size() : end + 2;
    } else {
      break;
    }
  }
  return i;
}

// The string literal starting at s[i] ('…', "…" or `…` without ${}), unescaped; `i` moves past
// it. nullopt when s[i] opens none or it never closes on its line.
std::optional<std::string> StringLiteral(std::string_view s, size_t& i) {
  if (i >= s.size() || (s[i] != '\'' && s[i] != '"' && s[i] != '`')) return std::nullopt;
  char quote = s[i];
  std::string out;
  for (size_t j = i + 1; j < s.size(); ++j) {
    char c = s[j];
    if (c == quote) {
      i = j + 1;
      return out;
    }
    if (c == '\n' && quote != '`') return std::nullopt;
    if (quote == '`' && c == '$' && j + 1 < s.size() && s[j + 1] == '{') return std::nullopt;
    if (c == '\\' && j + 1 < s.size()) {
      char e = s[++j];
      switch (e) {
        case 'n':
        case 'r':
        case 't':
          break;  // never part of a URL
        case '\n':
          break;  // line continuation
        default:
          out += e;  // \' \" \\ \/ and the rest as themselves
      }
      continue;
    }
    out += c;
  }
  return std::nullopt;
}

// A literal value: a string, or a number (digits only, as pagers write counts).
std::optional<std::string> Literal(std::string_view s, size_t& i) {
  if (auto str = StringLiteral(s, i)) return str;
  size_t j = i;
  while (j < s.size() && IsDigit(s[j])) ++j;
  if (j == i || (j < s.size() && (IsIdentChar(s[j]) || s[j] == '.'))) return std::nullopt;
  std::string out(s.substr(i, j - i));
  i = j;
  return out;
}

// A literal that is the whole expression: not joined to anything by '+' after it.
std::optional<std::string> WholeLiteral(std::string_view s, size_t i) {
  auto value = StringLiteral(s, i);
  if (!value) return std::nullopt;
  size_t next = SkipSpace(s, i);
  if (next < s.size() && (s[next] == '+' || s[next] == '.' || s[next] == '[')) return std::nullopt;
  return value;
}

// The literal most recently bound to `name` before `limit` (`var n = 5;`, `n=5`), if any.
std::optional<std::string> BoundLiteral(std::string_view s, std::string_view name, size_t limit) {
  std::optional<std::string> found;
  for (size_t p = s.find(name); p != npos && p < limit; p = s.find(name, p + 1)) {
    if (p > 0 && (IsIdentChar(s[p - 1]) || s[p - 1] == '.')) continue;
    size_t j = p + name.size();
    if (j < s.size() && IsIdentChar(s[j])) continue;
    j = SkipSpace(s, j);
    if (j >= s.size() || s[j] != '=' || (j + 1 < s.size() && s[j + 1] == '=')) continue;
    j = SkipSpace(s, j + 1);
    if (auto value = Literal(s, j)) found = std::move(value);
  }
  return found;
}

// Finds `word` at a name boundary (not inside a longer name; a '.' before it is allowed when
// `member_ok`).
std::vector<size_t> WordPositions(std::string_view s, std::string_view word, bool member_ok) {
  std::vector<size_t> out;
  for (size_t p = s.find(word); p != npos; p = s.find(word, p + 1)) {
    if (p > 0 && (IsIdentChar(s[p - 1]) || (!member_ok && s[p - 1] == '.'))) continue;
    size_t end = p + word.size();
    if (end < s.size() && IsIdentChar(s[end])) continue;
    out.push_back(p);
  }
  return out;
}

bool PrecededBy(std::string_view s, size_t p, std::string_view word) {
  return p >= word.size() && s.substr(p - word.size(), word.size()) == word &&
         (p == word.size() || !IsIdentChar(s[p - word.size() - 1]));
}

// The arguments of the call whose '(' is at s[open], each a literal or a name bound to one
// earlier in the script; nullopt when one is neither.
std::optional<std::vector<std::string>> LiteralArguments(std::string_view s, size_t open) {
  std::vector<std::string> args;
  size_t i = SkipSpace(s, open + 1);
  if (i < s.size() && s[i] == ')') return args;
  while (i < s.size()) {
    std::optional<std::string> value = Literal(s, i);
    if (!value && i < s.size() && IsIdentChar(s[i])) {
      size_t j = i;
      while (j < s.size() && IsIdentChar(s[j])) ++j;
      value = BoundLiteral(s, s.substr(i, j - i), open);
      i = j;
    }
    if (!value) return std::nullopt;
    args.push_back(std::move(*value));
    i = SkipSpace(s, i);
    if (i < s.size() && s[i] == ')') return args;
    if (i >= s.size() || s[i] != ',') return std::nullopt;
    i = SkipSpace(s, i + 1);
  }
  return std::nullopt;
}

std::optional<int> ToInt(const std::string& s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// --- the rows ---

// location = '…', location.href = '…', location.replace('…'), location.assign('…'), with any
// object before it (window., self., top., parent., document.); window.navigate('…').
void ReadLocation(std::string_view s, std::vector<ScriptLink>& out) {
  for (size_t p : WordPositions(s, "location", /*member_ok=*/true)) {
    size_t j = p + 8;
    if (s.substr(j, 5) == ".href" && (j + 5 >= s.size() || !IsIdentChar(s[j + 5]))) j += 5;
    j = SkipSpace(s, j);
    std::optional<std::string> ref;
    if (j < s.size() && s[j] == '=' && (j + 1 >= s.size() || s[j + 1] != '=')) {
      ref = WholeLiteral(s, SkipSpace(s, j + 1));
    } else if (s.substr(j, 9) == ".replace(" || s.substr(j, 8) == ".assign(") {
      ref = WholeLiteral(s, SkipSpace(s, s.find('(', j) + 1));
    }
    if (ref) out.push_back({std::move(*ref), ScriptLinkRole::kRedirect});
  }
  for (size_t p : WordPositions(s, "navigate", /*member_ok=*/true)) {
    size_t j = SkipSpace(s, p + 8);
    if (!PrecededBy(s, p, "window.") || j >= s.size() || s[j] != '(') continue;
    if (auto ref = WholeLiteral(s, SkipSpace(s, j + 1))) {
      out.push_back({std::move(*ref), ScriptLinkRole::kRedirect});
    }
  }
}

// window.open('…', …) and a bare open('…') (not xhr.open("GET", …)).
void ReadWindowOpen(std::string_view s, std::vector<ScriptLink>& out) {
  for (size_t p : WordPositions(s, "open", /*member_ok=*/true)) {
    if (p > 0 && s[p - 1] == '.' && !PrecededBy(s, p, "window.")) continue;
    if (PrecededBy(s, p, "function ")) continue;
    size_t j = SkipSpace(s, p + 4);
    if (j >= s.size() || s[j] != '(') continue;
    if (auto ref = WholeLiteral(s, SkipSpace(s, j + 1))) {
      out.push_back({std::move(*ref), ScriptLinkRole::kLink});
    }
  }
}

// TRS (gov.cn) pagers: createPageHTML(count, current, "index", "html") names index.html,
// index_1.html … index_{count-1}.html; newer templates put the pager's element id first
// (createPageHTML('page_div', count, current, 'index', 'shtml', records)). Arguments may be
// names bound earlier (var countPage = 5; … createPageHTML(countPage, …)).
void ReadTrsCreatePageHtml(std::string_view s, std::vector<ScriptLink>& out) {
  for (size_t p : WordPositions(s, "createPageHTML", /*member_ok=*/true)) {
    if (PrecededBy(s, p, "function ")) continue;  // the pager's own definition
    size_t open = SkipSpace(s, p + 14);
    if (open >= s.size() || s[open] != '(') continue;
    auto args = LiteralArguments(s, open);
    if (!args) continue;
    if (args->size() >= 5 && !ToInt((*args)[0]) && ToInt((*args)[1])) args->erase(args->begin());
    if (args->size() < 4) continue;
    auto count = ToInt((*args)[0]);
    const std::string& prefix = (*args)[2];
    const std::string& suffix = (*args)[3];
    if (!count || *count < 1 || prefix.empty() || suffix.empty()) continue;
    int pages = std::min(*count, kMaxScriptPagerPages);
    for (int k = 0; k < pages; ++k) {
      std::string ref =
          k == 0 ? prefix + "." + suffix : prefix + "_" + std::to_string(k) + "." + suffix;
      out.push_back({std::move(ref), ScriptLinkRole::kPagination});
    }
  }
}

// Links a script writes as markup: document.write('<a href="list_2.html">…'), an innerHTML
// template. Only quoted, complete values count ('<a href="' + url + '">' names nothing).
void ReadWrittenHrefs(std::string_view s, std::vector<ScriptLink>& out) {
  for (size_t p = FindNoCase(s, "href="); p != npos; p = FindNoCase(s, "href=", p + 5)) {
    size_t i = p + 5;
    if (i < s.size() && s[i] == '\\') ++i;
    if (i >= s.size() || (s[i] != '"' && s[i] != '\'')) continue;
    char quote = s[i];
    size_t start = i + 1;
    size_t end = start;
    // Either quote ends it: a value cut by the script's own quote ('<a href="' + url) is none.
    while (end < s.size() && s[end] != '"' && s[end] != '\'' && s[end] != '\\' && s[end] != '\n' &&
           s[end] != '>') {
      ++end;
    }
    if (end >= s.size() || end == start) continue;
    // The value must close with its own quote (escaped or not), else it is cut by the script's.
    if (s[end] == '\\' && (end + 1 >= s.size() || s[end + 1] != quote)) continue;
    if (s[end] != quote && s[end] != '\\') continue;
    std::string ref(s.substr(start, end - start));
    if (ref.front() == '#' || FindNoCase(ref, "javascript:") == 0) continue;
    out.push_back({std::move(ref), ScriptLinkRole::kLink});
  }
}

constexpr ScriptLinkPattern kPatterns[] = {
    {"location", "location.href = '/cms/index.asp'; window.location.replace(\"list.html\")",
     ReadLocation},
    {"window-open", "window.open('show.asp?id=12', '_blank')", ReadWindowOpen},
    {"trs-createPageHTML", "createPageHTML(5, 0, \"index\", \"html\")", ReadTrsCreatePageHtml},
    {"written-href", "document.write('<a href=\"list_2.html\">下一页</a>')", ReadWrittenHrefs},
};

// The end of the block whose '{' is at s[open] (braces in strings and comments skipped).
size_t BlockEnd(std::string_view s, size_t open) {
  int depth = 0;
  for (size_t i = open; i < s.size();) {
    char c = s[i];
    if (c == '\'' || c == '"' || c == '`') {
      size_t j = i;
      if (!StringLiteral(s, j)) return npos;
      i = j;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && (s[i + 1] == '/' || s[i + 1] == '*')) {
      i = SkipSpace(s, i);
      continue;
    }
    if (c == '{') ++depth;
    if (c == '}' && --depth == 0) return i;
    ++i;
  }
  return npos;
}

}  // namespace

std::span<const ScriptLinkPattern> ScriptLinkPatterns() { return kPatterns; }

std::vector<ScriptLink> ReadScriptLinks(std::string_view script) {
  std::vector<ScriptLink> found;
  for (const ScriptLinkPattern& row : kPatterns) row.read(script, found);
  std::vector<ScriptLink> out;
  std::set<std::string> seen;
  for (auto& link : found) {
    if (link.ref.empty() || !seen.insert(link.ref).second) continue;
    out.push_back(std::move(link));
  }
  return out;
}

std::vector<UrlFunction> ReadUrlFunctions(std::string_view s) {
  std::vector<UrlFunction> out;
  for (size_t p : WordPositions(s, "function", /*member_ok=*/false)) {
    size_t i = SkipSpace(s, p + 8);
    size_t name_end = i;
    while (name_end < s.size() && IsIdentChar(s[name_end])) ++name_end;
    if (name_end == i) continue;
    std::string name(s.substr(i, name_end - i));
    i = SkipSpace(s, name_end);
    if (i >= s.size() || s[i] != '(') continue;
    size_t close = s.find(')', i);
    if (close == npos) continue;
    std::vector<std::string> params;
    for (size_t a = i + 1; a <= close;) {
      size_t comma = std::min(s.find(',', a), close);
      size_t b = SkipSpace(s, a);
      size_t e = b;
      while (e < comma && IsIdentChar(s[e])) ++e;
      params.emplace_back(s.substr(b, e - b));
      a = comma + 1;
    }
    size_t open = SkipSpace(s, close + 1);
    if (open >= s.size() || s[open] != '{') continue;
    size_t end = BlockEnd(s, open);
    if (end == npos) continue;
    std::string_view body = s.substr(open, end - open);
    // location(.href) = 'prefix' + param [+ 'suffix'], or window.open('prefix' + param …).
    for (std::string_view word : {std::string_view("location"), std::string_view("open")}) {
      for (size_t q : WordPositions(body, word, /*member_ok=*/true)) {
        size_t j = SkipSpace(body, q + word.size());
        if (word == "location") {
          if (body.substr(j, 5) == ".href") j = SkipSpace(body, j + 5);
          if (j >= body.size() || body[j] != '=' || (j + 1 < body.size() && body[j + 1] == '=')) {
            continue;
          }
        } else if (j >= body.size() || body[j] != '(' ||
                   (q > 0 && body[q - 1] == '.' && !PrecededBy(body, q, "window."))) {
          continue;
        }
        j = SkipSpace(body, j + 1);
        auto prefix = StringLiteral(body, j);
        if (!prefix) continue;
        j = SkipSpace(body, j);
        if (j >= body.size() || body[j] != '+') continue;
        j = SkipSpace(body, j + 1);
        size_t e = j;
        while (e < body.size() && IsIdentChar(body[e])) ++e;
        auto param = std::find(params.begin(), params.end(), body.substr(j, e - j));
        if (e == j || param == params.end()) continue;
        UrlFunction f{name, static_cast<size_t>(param - params.begin()), *prefix, "",
                      word == "location" ? ScriptLinkRole::kRedirect : ScriptLinkRole::kLink};
        j = SkipSpace(body, e);
        if (j < body.size() && body[j] == '+') {
          j = SkipSpace(body, j + 1);
          auto suffix = StringLiteral(body, j);
          if (!suffix) continue;
          j = SkipSpace(body, j);
          if (j < body.size() && body[j] == '+') continue;  // more than prefix + arg + suffix
          f.suffix = *suffix;
        }
        out.push_back(std::move(f));
        break;
      }
      if (!out.empty() && out.back().name == name) break;
    }
  }
  return out;
}

std::vector<ScriptLink> ApplyUrlFunctions(std::string_view s,
                                          const std::vector<UrlFunction>& functions) {
  std::vector<ScriptLink> out;
  for (const UrlFunction& f : functions) {
    for (size_t p : WordPositions(s, f.name, /*member_ok=*/false)) {
      if (PrecededBy(s, p, "function ")) continue;
      size_t open = SkipSpace(s, p + f.name.size());
      if (open >= s.size() || s[open] != '(') continue;
      auto args = LiteralArguments(s, open);
      if (!args || f.param >= args->size()) continue;
      out.push_back({f.prefix + (*args)[f.param] + f.suffix, f.role});
    }
  }
  return out;
}

std::optional<std::string> ExpandRecordStores(std::string_view html) {
  std::string out;
  size_t copied = 0;  // html[copied, …) is still to be copied
  size_t from = 0;
  for (size_t store; (store = FindNoCase(html, "<datastore", from)) != npos;) {
    from = store + 10;
    // The <script …> element that holds the store: the last one opened before it, still open.
    size_t script = RFindNoCase(html, "<script", store);
    if (script == npos || script < copied) continue;
    size_t body_start = html.find('>', script);
    if (body_start == npos || body_start > store ||
        FindNoCase(html.substr(0, store), "</script", body_start) != npos) {
      continue;
    }
    size_t store_end = FindNoCase(html, "</datastore>", store);
    size_t close = store_end == npos ? npos : FindNoCase(html, "</script", store_end);
    size_t close_end = close == npos ? npos : html.find('>', close);
    if (close_end == npos) break;
    std::string_view block = html.substr(store, store_end - store);
    out.append(html.substr(copied, script - copied));
    out += "<div class=\"datastore\">\n";
    for (size_t c = block.find("<![CDATA["); c != npos; c = block.find("<![CDATA[", c)) {
      size_t end = block.find("]]>", c + 9);
      if (end == npos) break;
      out.append(block.substr(c + 9, end - c - 9));
      out += '\n';
      c = end + 3;
    }
    out += "</div>";
    copied = from = close_end + 1;
  }
  if (copied == 0) return std::nullopt;
  out.append(html.substr(copied));
  return out;
}

}  // namespace extract
