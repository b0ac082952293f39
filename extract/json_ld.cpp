#include "extract/json_ld.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "extract/u32_text.h"

namespace extract {
namespace {

using nlohmann::json;

// Deepest nesting looked into (JSON-LD graphs are shallow; this bounds hostile input).
constexpr int kMaxDepth = 8;

bool IsArticleType(const json& type) {
  auto is_article = [](const json& t) {
    if (!t.is_string()) return false;
    std::string_view s = t.get_ref<const std::string&>();
    return s.ends_with("Article") || s == "BlogPosting" || s == "Report" || s == "NewsArticle";
  };
  if (type.is_array()) return std::any_of(type.begin(), type.end(), is_article);
  return is_article(type);
}

std::optional<std::string> NameOf(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object() && value.contains("name") && value["name"].is_string()) {
    return value["name"].get<std::string>();
  }
  return std::nullopt;
}

// The few character references seen in JSON-LD strings written through an HTML-escaping
// template ("Tom &amp; Jerry", "It&#8217;s"): decimal and hex references and the named ones
// below. Anything else is kept as written.
std::string DecodeCharacterReferences(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, char32_t>, 6> kNamed = {{
      {"amp", U'&'},
      {"lt", U'<'},
      {"gt", U'>'},
      {"quot", U'"'},
      {"apos", U'\''},
      {"nbsp", U'\u00a0'},
  }};
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t amp = s.find('&', i);
    if (amp == std::string_view::npos) break;
    out.append(s.substr(i, amp - i));
    i = amp + 1;
    size_t semi = s.find(';', amp);
    // References are short; a far ';' belongs to other text.
    if (semi == std::string_view::npos || semi - amp > 10) {
      out.push_back('&');
      continue;
    }
    std::string_view name = s.substr(amp + 1, semi - amp - 1);
    char32_t decoded = 0;
    if (name.size() >= 2 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string_view digits = name.substr(hex ? 2 : 1);
      uint32_t value = 0;
      bool ok = !digits.empty();
      for (char c : digits) {
        int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                : hex && std::isxdigit(static_cast<unsigned char>(c))
                    ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                    : -1;
        if (d < 0) ok = false;
        if (!ok) break;
        value = value * (hex ? 16 : 10) + static_cast<uint32_t>(d);
      }
      bool valid = ok && value > 0 && value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF);
      if (valid) decoded = static_cast<char32_t>(value);
    } else {
      for (const auto& [entity, c] : kNamed) {
        if (name == entity) decoded = c;
      }
    }
    if (decoded == 0) {
      out.push_back('&');
      continue;
    }
    out += u32::ToUtf8(std::u32string_view(&decoded, 1));
    i = semi + 1;
  }
  out.append(s.substr(std::min(i, s.size())));
  return out;
}

std::optional<std::string> HeadlineOf(const json& article) {
  for (const char* key : {"headline", "name"}) {
    if (!article.contains(key) || !article[key].is_string()) continue;
    std::string text =
        CollapseWhitespace(DecodeCharacterReferences(article[key].get<std::string>()));
    if (!text.empty()) return text;
  }
  return std::nullopt;
}

// Finds the first Article-like object in `node` (depth-first, bounded).
const json* FindArticle(const json& node, int depth) {
  if (depth > kMaxDepth) return nullptr;
  if (node.is_array()) {
    for (const json& item : node) {
      if (const json* found = FindArticle(item, depth + 1)) return found;
    }
    return nullptr;
  }
  if (!node.is_object()) return nullptr;
  if (node.contains("@type") && IsArticleType(node["@type"])) return &node;
  if (node.contains("@graph")) return FindArticle(node["@graph"], depth + 1);
  return nullptr;
}

std::string_view TrimAsciiSpace(std::string_view s) {
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

namespace internal {

std::string_view StripCdata(std::string_view script_text) {
  // Longest forms first: "/*<![CDATA[*/" before "<![CDATA[".
  static constexpr std::string_view kOpen[] = {"/*<![CDATA[*/", "//<![CDATA[", "<![CDATA["};
  static constexpr std::string_view kClose[] = {"/*]]>*/", "//]]>", "]]>"};
  std::string_view s = TrimAsciiSpace(script_text);
  for (std::string_view open : kOpen) {
    if (!s.starts_with(open)) continue;
    s.remove_prefix(open.size());
    s = TrimAsciiSpace(s);
    for (std::string_view close : kClose) {
      if (s.ends_with(close)) {
        s.remove_suffix(close.size());
        break;
      }
    }
    return TrimAsciiSpace(s);
  }
  return s;
}

}  // namespace internal

JsonLdArticle ReadJsonLd(const Document& doc) {
  JsonLdArticle result;
  if (doc.empty()) return result;
  for (NodeId script : doc.FindAll("script")) {
    auto type = doc.Attr(script, "type");
    if (!type || type->find("ld+json") == std::string_view::npos) continue;
    std::string text;
    for (NodeId child : doc.node(script).children) {
      if (doc.node(child).type == NodeType::kText) text += doc.node(child).text;
    }
    json parsed = json::parse(internal::StripCdata(text), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) continue;
    const json* article = FindArticle(parsed, 0);
    if (article == nullptr) continue;
    if (!result.headline) result.headline = HeadlineOf(*article);
    if (article->contains("author")) {
      const json& author = (*article)["author"];
      if (author.is_array()) {
        for (const json& a : author) {
          if (auto name = NameOf(a)) result.author_names.push_back(*name);
        }
      } else if (auto name = NameOf(author)) {
        result.author_names.push_back(*name);
      }
    }
    if (!result.publisher_name && article->contains("publisher")) {
      result.publisher_name = NameOf((*article)["publisher"]);
    }
    for (auto [key, field] : {std::pair{"datePublished", &result.date_published},
                              std::pair{"dateModified", &result.date_modified}}) {
      if (!*field && article->contains(key) && (*article)[key].is_string()) {
        *field = (*article)[key].get<std::string>();
      }
    }
    if (!result.author_names.empty() && result.date_published) break;
  }
  return result;
}

}  // namespace extract
