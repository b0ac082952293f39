#include "extract/document.h"

#include <array>

namespace extract {
namespace {

constexpr std::array<std::string_view, 9> kInvisibleTags = {
    "script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg"};

constexpr std::array<std::string_view, 38> kBlockTags = {
    "address", "article", "aside",      "blockquote", "br",      "center", "dd",    "div",
    "dl",      "dt",      "figcaption", "figure",     "footer",  "form",   "h1",    "h2",
    "h3",      "h4",      "h5",         "h6",         "header",  "hr",     "li",    "main",
    "nav",     "ol",      "p",          "pre",        "section", "table",  "tbody", "td",
    "th",      "thead",   "tfoot",      "tr",         "ul",      "caption"};

// Decodes one UTF-8 code point at s[i]; returns its length (1 for invalid bytes).
size_t DecodeUtf8(std::string_view s, size_t i, char32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (len == 1 || i + len > s.size()) {
    *cp = 0xFFFD;
    return 1;
  }
  char32_t v = c & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *cp = v;
  return len;
}

bool IsUnicodeSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x3000 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0xFEFF;
}

}  // namespace

bool IsInvisibleTag(std::string_view tag) {
  for (auto t : kInvisibleTags) {
    if (t == tag) return true;
  }
  return false;
}

bool IsBlockTag(std::string_view tag) {
  for (auto t : kBlockTags) {
    if (t == tag) return true;
  }
  return false;
}

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    size_t len = DecodeUtf8(s, i, &cp);
    if (IsUnicodeSpace(cp)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

namespace {

void LowerAsciiInPlace(std::string& s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// style="display:none" (any case, any spacing), the one CSS hiding old templates use.
bool HasDisplayNone(std::string_view style) {
  std::string s;
  s.reserve(style.size());
  for (char c : style) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') continue;
    s.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return s.find("display:none") != std::string::npos;
}

}  // namespace

Document::Document(std::vector<Node> nodes) : nodes_(std::move(nodes)) {
  for (Node& n : nodes_) {
    n.flags = 0;
    n.class_lower.clear();
    n.id_lower.clear();
    if (n.type != NodeType::kElement) continue;
    if (IsBlockTag(n.tag)) n.flags |= kBlockElement;
    if (IsInvisibleTag(n.tag)) n.flags |= kInvisibleElement;
    bool has_class = false, has_id = false;  // the first of duplicates counts, as in Attr()
    for (const Attribute& a : n.attributes) {
      if (a.name == "class" && !has_class) {
        has_class = true;
        n.class_lower = a.value;
        LowerAsciiInPlace(n.class_lower);
      } else if (a.name == "id" && !has_id) {
        has_id = true;
        n.id_lower = a.value;
        LowerAsciiInPlace(n.id_lower);
      } else if (a.name == "style" && HasDisplayNone(a.value)) {
        n.flags |= kHiddenElement;
      }
    }
  }
}

std::optional<std::string_view> Document::Attr(NodeId id, std::string_view name) const {
  for (const auto& a : node(id).attributes) {
    if (a.name == name) return std::string_view(a.value);
  }
  return std::nullopt;
}

NodeId Document::FindFirst(std::string_view tag, NodeId within) const {
  if (empty()) return kNoNode;
  for (NodeId i = within; i < SubtreeEnd(within); ++i) {
    if (IsElement(i, tag)) return i;
  }
  return kNoNode;
}

std::vector<NodeId> Document::FindAll(std::string_view tag, NodeId within) const {
  std::vector<NodeId> out;
  if (empty()) return out;
  for (NodeId i = within; i < SubtreeEnd(within); ++i) {
    if (IsElement(i, tag)) out.push_back(i);
  }
  return out;
}

std::string Document::Text(NodeId id) const {
  std::string out;
  if (empty() || id == kNoNode) return out;
  std::vector<NodeId> open_blocks;  // subtree ends of open block elements
  auto newline = [&out] {
    if (!out.empty() && out.back() != '\n') out.push_back('\n');
  };
  NodeId end = SubtreeEnd(id);
  for (NodeId i = id; i < end;) {
    while (!open_blocks.empty() && open_blocks.back() <= i) {
      open_blocks.pop_back();
      newline();
    }
    const Node& n = node(i);
    if (n.type == NodeType::kText) {
      out += n.text;
      ++i;
      continue;
    }
    if (n.IsInvisible() && i != id) {
      i = n.subtree_end;
      continue;
    }
    if (n.tag == "br") {
      out.push_back('\n');
    } else if (n.IsBlock()) {
      newline();
      open_blocks.push_back(n.subtree_end);
    }
    ++i;
  }
  return out;
}

std::string Document::CompactText(NodeId id) const { return CollapseWhitespace(Text(id)); }

NodeId Document::ClosestAncestor(NodeId id, std::string_view tag) const {
  for (NodeId i = id; i != kNoNode; i = node(i).parent) {
    if (IsElement(i, tag)) return i;
  }
  return kNoNode;
}

}  // namespace extract
