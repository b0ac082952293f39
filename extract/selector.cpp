#include "extract/selector.h"

#include <algorithm>
#include <cctype>

#include "extract/text_normalize.h"

namespace extract {
namespace {

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

util::Error SyntaxError(std::string_view text, size_t pos, const std::string& what) {
  return util::Error{util::ErrorCode::kConfig, "invalid selector \"" + std::string(text) +
                                                   "\" at position " + std::to_string(pos) + ": " +
                                                   what};
}

bool HasWord(std::string_view list, std::string_view word) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && std::isspace(static_cast<unsigned char>(list[i]))) ++i;
    size_t start = i;
    while (i < list.size() && !std::isspace(static_cast<unsigned char>(list[i]))) ++i;
    if (i > start && list.substr(start, i - start) == word) return true;
  }
  return false;
}

bool MatchesCompound(const Document& doc, NodeId id, const Selector::Compound& c) {
  const Node& n = doc.node(id);
  if (n.type != NodeType::kElement) return false;
  if (!c.tag.empty() && c.tag != "*" && n.tag != c.tag) return false;
  for (const auto& t : c.tests) {
    auto value = doc.Attr(id, t.name);
    if (!value) return false;
    switch (t.op) {
      case Selector::AttributeTest::Op::kExists:
        break;
      case Selector::AttributeTest::Op::kEquals:
        if (*value != t.value) return false;
        break;
      case Selector::AttributeTest::Op::kIncludesWord:
        if (!HasWord(*value, t.value)) return false;
        break;
      case Selector::AttributeTest::Op::kContains:
        if (value->find(t.value) == std::string_view::npos) return false;
        break;
    }
  }
  return true;
}

// Does the chain compounds[0..k] match with compounds[k] at `id`? Walks ancestors; the chains
// site profiles use are short, so the backtracking is cheap.
bool MatchesChain(const Document& doc, NodeId id, const Selector::Complex& chain, size_t k) {
  if (!MatchesCompound(doc, id, chain[k])) return false;
  if (k == 0) return true;
  NodeId parent = doc.node(id).parent;
  if (chain[k].child_of_previous) {
    return parent != kNoNode && MatchesChain(doc, parent, chain, k - 1);
  }
  for (NodeId a = parent; a != kNoNode; a = doc.node(a).parent) {
    if (MatchesChain(doc, a, chain, k - 1)) return true;
  }
  return false;
}

}  // namespace

util::Result<Selector> Selector::Parse(std::string_view text) {
  Selector selector;
  Complex current;
  Compound compound;
  bool compound_started = false;
  bool pending_child = false;
  auto finish_compound = [&]() {
    if (!compound_started) return;
    compound.child_of_previous = pending_child;
    pending_child = false;
    current.push_back(std::move(compound));
    compound = Compound();
    compound_started = false;
  };
  size_t i = 0;
  auto read_name = [&](size_t& pos) {
    size_t start = pos;
    while (pos < text.size() && IsNameChar(text[pos])) ++pos;
    return std::string(text.substr(start, pos - start));
  };
  while (i < text.size()) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      finish_compound();
      ++i;
      continue;
    }
    if (c == '>') {
      finish_compound();
      if (current.empty()) return tl::unexpected(SyntaxError(text, i, "'>' needs a left side"));
      pending_child = true;
      ++i;
      continue;
    }
    if (c == ',') {
      finish_compound();
      if (current.empty() || pending_child) {
        return tl::unexpected(SyntaxError(text, i, "empty selector in group"));
      }
      selector.groups_.push_back(std::move(current));
      current.clear();
      ++i;
      continue;
    }
    if (c == '*' || IsNameChar(c)) {
      if (compound_started) return tl::unexpected(SyntaxError(text, i, "unexpected type name"));
      compound_started = true;
      if (c == '*') {
        compound.tag = "*";
        ++i;
      } else {
        compound.tag = LowerAscii(read_name(i));
      }
      continue;
    }
    if (c == '#' || c == '.') {
      ++i;
      std::string name = read_name(i);
      if (name.empty()) return tl::unexpected(SyntaxError(text, i, "missing name"));
      compound_started = true;
      if (c == '#') {
        compound.tests.push_back({"id", AttributeTest::Op::kEquals, name});
      } else {
        compound.tests.push_back({"class", AttributeTest::Op::kIncludesWord, name});
      }
      continue;
    }
    if (c == '[') {
      ++i;
      AttributeTest test;
      test.name = LowerAscii(read_name(i));
      if (test.name.empty()) return tl::unexpected(SyntaxError(text, i, "missing attribute name"));
      if (i < text.size() && text[i] != ']') {
        if (text.compare(i, 2, "~=") == 0) {
          test.op = AttributeTest::Op::kIncludesWord;
          i += 2;
        } else if (text.compare(i, 2, "*=") == 0) {
          test.op = AttributeTest::Op::kContains;
          i += 2;
        } else if (text[i] == '=') {
          test.op = AttributeTest::Op::kEquals;
          ++i;
        } else {
          return tl::unexpected(SyntaxError(text, i, "unsupported attribute operator"));
        }
        if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
          char quote = text[i++];
          size_t end = text.find(quote, i);
          if (end == std::string_view::npos) {
            return tl::unexpected(SyntaxError(text, i, "unterminated string"));
          }
          test.value = std::string(text.substr(i, end - i));
          i = end + 1;
        } else {
          test.value = read_name(i);
        }
      }
      if (i >= text.size() || text[i] != ']') {
        return tl::unexpected(SyntaxError(text, i, "expected ']'"));
      }
      ++i;
      compound_started = true;
      compound.tests.push_back(std::move(test));
      continue;
    }
    return tl::unexpected(SyntaxError(text, i, std::string("unsupported character '") + c + "'"));
  }
  finish_compound();
  if (pending_child) return tl::unexpected(SyntaxError(text, i, "'>' needs a right side"));
  if (current.empty()) return tl::unexpected(SyntaxError(text, i, "empty selector"));
  selector.groups_.push_back(std::move(current));
  return selector;
}

bool Selector::Matches(const Document& doc, NodeId id) const {
  for (const auto& chain : groups_) {
    if (MatchesChain(doc, id, chain, chain.size() - 1)) return true;
  }
  return false;
}

std::vector<NodeId> Selector::SelectAll(const Document& doc) const {
  std::vector<NodeId> out;
  for (NodeId i = 0; i < static_cast<NodeId>(doc.size()); ++i) {
    if (Matches(doc, i)) out.push_back(i);
  }
  return out;
}

NodeId Selector::SelectFirst(const Document& doc) const {
  for (NodeId i = 0; i < static_cast<NodeId>(doc.size()); ++i) {
    if (Matches(doc, i)) return i;
  }
  return kNoNode;
}

}  // namespace extract
