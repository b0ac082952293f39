#include "extract/json_ld.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>

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

}  // namespace

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
    json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) continue;
    const json* article = FindArticle(parsed, 0);
    if (article == nullptr) continue;
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
