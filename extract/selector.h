// A Selector is a compiled CSS selector from the small subset site profiles use to point at a
// page's title, body or date: type (`td`), id (`#content`), class (`.title`), attribute
// (`[name]`, `[name=value]`, `[name~=value]`, `[name*=value]`), `*`, compound selectors
// (`td.content`), descendant (` `) and child (`>`) combinators, and groups (`a, b`).
// Immutable after Parse; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/document.h"
#include "util/error.h"

namespace extract {

class Selector {
 public:
  // Fails with kConfig and a message naming the offending part of `text`.
  static util::Result<Selector> Parse(std::string_view text);

  bool Matches(const Document& doc, NodeId id) const;
  // Matching elements in document order.
  std::vector<NodeId> SelectAll(const Document& doc) const;
  // The first matching element, or kNoNode.
  NodeId SelectFirst(const Document& doc) const;

  struct AttributeTest {
    enum class Op { kExists, kEquals, kIncludesWord, kContains };
    std::string name;
    Op op = Op::kExists;
    std::string value;
  };
  struct Compound {
    std::string tag;  // empty or "*" = any
    std::vector<AttributeTest> tests;
    bool child_of_previous = false;  // '>' before this compound
  };
  using Complex = std::vector<Compound>;  // left to right

 private:
  std::vector<Complex> groups_;
};

}  // namespace extract
