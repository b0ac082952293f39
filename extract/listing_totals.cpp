#include "extract/listing_totals.h"

#include <algorithm>
#include <vector>

#include "extract/charset.h"
#include "extract/listing_total_patterns.h"

namespace extract {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Full-width digits, colon, slash and comma as ASCII; no-break, ideographic and other wide spaces
// as a space; dashes as '-'. Everything else is copied.
std::string Normalize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto u = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
    size_t left = text.size() - i;
    if (left >= 3 && u(0) == 0xEF && u(1) == 0xBC && u(2) >= 0x90 && u(2) <= 0x99) {
      out += static_cast<char>('0' + (u(2) - 0x90));  // ０-９ U+FF10..FF19
      i += 3;
    } else if (left >= 3 && u(0) == 0xEF && u(1) == 0xBC &&
               (u(2) == 0x9A || u(2) == 0x8F || u(2) == 0x8C)) {
      out += u(2) == 0x9A ? ':' : u(2) == 0x8F ? '/' : ',';  // ： U+FF1A, ／ U+FF0F, ， U+FF0C
      i += 3;
    } else if (left >= 3 && u(0) == 0xE3 && u(1) == 0x80 && u(2) == 0x80) {
      out += ' ';  // U+3000 ideographic space
      i += 3;
    } else if (left >= 3 && u(0) == 0xE2 && u(1) == 0x80 && u(2) >= 0x80 && u(2) <= 0x8A) {
      out += ' ';  // U+2000..200A (thin space and the like)
      i += 3;
    } else if (left >= 3 && u(0) == 0xE2 && u(1) == 0x80 && (u(2) == 0x93 || u(2) == 0x94)) {
      out += '-';  // en and em dash
      i += 3;
    } else if (left >= 2 && u(0) == 0xC2 && u(1) == 0xA0) {
      out += ' ';  // U+00A0 no-break space
      i += 2;
    } else {
      out += text[i++];
    }
  }
  return out;
}

// A template of listing_total_patterns.h split into tokens.
struct Token {
  enum class Kind { kLiteral, kSpace, kColon, kTotal, kNumber };
  Kind kind;
  std::string literal;  // kLiteral, lower case
};

std::vector<Token> Compile(std::string_view text) {
  std::vector<Token> tokens;
  for (size_t i = 0; i < text.size();) {
    if (text.substr(i, 3) == "{N}" || text.substr(i, 3) == "{n}") {
      tokens.push_back({text[i + 1] == 'N' ? Token::Kind::kTotal : Token::Kind::kNumber, ""});
      i += 3;
    } else if (text[i] == ' ') {
      tokens.push_back({Token::Kind::kSpace, ""});
      ++i;
    } else if (text[i] == ':') {
      tokens.push_back({Token::Kind::kColon, ""});
      ++i;
    } else {
      if (tokens.empty() || tokens.back().kind != Token::Kind::kLiteral) {
        tokens.push_back({Token::Kind::kLiteral, ""});
      }
      tokens.back().literal += LowerAscii(text[i++]);
    }
  }
  return tokens;
}

struct CompiledPattern {
  std::vector<Token> tokens;
  ListingTotalKind kind;
};

const std::vector<CompiledPattern>& Compiled() {
  static const std::vector<CompiledPattern> compiled = [] {
    std::vector<CompiledPattern> out;
    for (const ListingTotalPattern& p : ListingTotalPatterns()) {
      out.push_back({Compile(p.text), p.kind});
    }
    return out;
  }();
  return compiled;
}

// Digits at `pos`, with thousands grouped by "," or one space ("1,234", "1 234"): the value and
// the position after it; nullopt when there is no number or it is too large.
std::optional<std::pair<int64_t, size_t>> ReadNumber(std::string_view text, size_t pos) {
  if (pos >= text.size() || !IsDigit(text[pos])) return std::nullopt;
  int64_t value = 0;
  size_t digits = 0;
  size_t at = pos;
  auto too_large = [&value] { return value > kMaxListingTotal; };
  while (at < text.size() && IsDigit(text[at])) {
    value = value * 10 + (text[at++] - '0');
    if (++digits > 12) return std::nullopt;
  }
  // Groups of exactly three digits after a first group of one to three.
  if (digits <= 3) {
    while (at + 3 < text.size() && (text[at] == ',' || text[at] == ' ') && IsDigit(text[at + 1]) &&
           IsDigit(text[at + 2]) && IsDigit(text[at + 3]) &&
           (at + 4 >= text.size() || !IsDigit(text[at + 4]))) {
      for (size_t k = 1; k <= 3; ++k) value = value * 10 + (text[at + k] - '0');
      at += 4;
      if (too_large()) return std::nullopt;
    }
  }
  if (too_large()) return std::nullopt;
  return std::make_pair(value, at);
}

size_t SkipSpaces(std::string_view text, size_t pos) {
  while (pos < text.size() && IsSpace(text[pos])) ++pos;
  return pos;
}

// Matches `pattern` at `pos`: the {N} value, or nullopt.
std::optional<int64_t> MatchAt(const CompiledPattern& pattern, std::string_view text, size_t pos) {
  std::optional<int64_t> total;
  for (const Token& token : pattern.tokens) {
    switch (token.kind) {
      case Token::Kind::kLiteral:
        if (text.size() - pos < token.literal.size()) return std::nullopt;
        for (size_t k = 0; k < token.literal.size(); ++k) {
          if (LowerAscii(text[pos + k]) != token.literal[k]) return std::nullopt;
        }
        pos += token.literal.size();
        break;
      case Token::Kind::kSpace:
        pos = SkipSpaces(text, pos);
        break;
      case Token::Kind::kColon:
        pos = SkipSpaces(text, pos);
        if (pos < text.size() && text[pos] == ':') ++pos;
        pos = SkipSpaces(text, pos);
        break;
      case Token::Kind::kTotal:
      case Token::Kind::kNumber: {
        auto number = ReadNumber(text, pos);
        if (!number) return std::nullopt;
        if (token.kind == Token::Kind::kTotal) total = number->first;
        pos = number->second;
        break;
      }
    }
  }
  return total;
}

void Keep(std::optional<int64_t>& best, int64_t value) {
  if (!best || value > *best) best = value;
}

}  // namespace

ListingTotals FindListingTotals(std::string_view raw) {
  const std::string text = Normalize(raw);
  std::string lower(text.size(), '\0');  // for the first literal of a pattern
  std::transform(text.begin(), text.end(), lower.begin(), LowerAscii);
  ListingTotals totals;
  for (const CompiledPattern& pattern : Compiled()) {
    if (pattern.tokens.empty()) continue;
    const Token& head = pattern.tokens.front();
    std::vector<size_t> starts;
    if (head.kind == Token::Kind::kLiteral) {
      // Where the first literal occurs (ASCII case folded on both sides).
      for (size_t at = lower.find(head.literal); at != std::string::npos;
           at = lower.find(head.literal, at + 1)) {
        starts.push_back(at);
      }
    } else {
      // A number starts where a digit follows a non-digit.
      for (size_t at = 0; at < text.size(); ++at) {
        if (IsDigit(text[at]) && (at == 0 || !IsDigit(text[at - 1]))) starts.push_back(at);
      }
    }
    for (size_t start : starts) {
      std::optional<int64_t> value = MatchAt(pattern, text, start);
      if (!value) continue;
      switch (pattern.kind) {
        case ListingTotalKind::kItems:
          Keep(totals.items, *value);
          break;
        case ListingTotalKind::kPages:
          Keep(totals.pages, *value);
          break;
        case ListingTotalKind::kPerPage:
          Keep(totals.per_page, *value);
          break;
      }
    }
  }
  return totals;
}

std::string ListingPageText(std::string_view html) {
  std::string text;
  text.reserve(html.size());
  size_t i = 0;
  while (i < html.size()) {
    if (html.compare(i, 4, "<!--") == 0) {
      size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      text += ' ';
    } else if (html[i] == '<') {
      size_t end = html.find('>', i + 1);
      i = end == std::string_view::npos ? html.size() : end + 1;
      text += ' ';
    } else if (html[i] == '&') {
      size_t end = html.find(';', i + 1);
      std::string_view entity =
          end == std::string_view::npos || end - i > 8 ? "" : html.substr(i + 1, end - i - 1);
      if (entity == "nbsp" || entity == "#160" || entity == "ensp" || entity == "emsp") {
        text += ' ';
        i = end + 1;
      } else {
        text += html[i++];
      }
    } else {
      text += html[i++];
    }
  }
  return text;
}

ListingTotals ListingTotalsOfPage(std::string_view bytes,
                                  std::optional<std::string_view> content_type) {
  DecodedPage page = DecodeHtml(bytes, content_type);
  return FindListingTotals(ListingPageText(page.utf8));
}

}  // namespace extract
