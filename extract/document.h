// A Document is a parsed HTML page as a flat, read-only tree of element and text nodes in
// document (pre-)order. It owns its nodes; it holds no parser handles (Gumbo stays inside
// html_parser.cpp). Immutable after parsing, so safe to read from several threads.
//
// Because nodes are stored in pre-order, the descendants of node n are exactly the ids in
// (n, SubtreeEnd(n)); walking a subtree is a loop over an index range, never recursion.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/defaults.h"
#include "extract/html_prescan.h"
#include "util/error.h"

namespace extract {

using NodeId = int32_t;
inline constexpr NodeId kNoNode = -1;

enum class NodeType : uint8_t { kElement, kText };

struct Attribute {
  std::string name;  // lower-case
  std::string value;
};

// Facts about an element derived once when its Document is built (see Node::flags).
enum NodeFlag : uint8_t {
  kBlockElement = 1,      // IsBlockTag(tag)
  kInvisibleElement = 2,  // IsInvisibleTag(tag)
  kHiddenElement = 4,     // style="display:none"
};

struct Node {
  NodeType type = NodeType::kElement;
  std::string tag;   // lower-case element name ("div", "td"); empty for text nodes
  std::string text;  // text nodes only: character data with entities decoded (UTF-8)
  std::vector<Attribute> attributes;
  NodeId parent = kNoNode;
  NodeId subtree_end = 0;  // one past the last descendant
  int32_t depth = 0;
  std::vector<NodeId> children;
  // Set by the Document from tag and attributes (whatever they held before is replaced):
  uint8_t flags = 0;        // NodeFlag bits
  std::string class_lower;  // the class attribute in ASCII lower case ("" when absent)
  std::string id_lower;     // the id attribute in ASCII lower case ("" when absent)

  bool IsBlock() const { return (flags & kBlockElement) != 0; }
  bool IsInvisible() const { return (flags & kInvisibleElement) != 0; }
  bool IsHidden() const { return (flags & kHiddenElement) != 0; }
};

class Document {
 public:
  Document() = default;
  // Takes the nodes in pre-order and derives each element's flags, class_lower and id_lower.
  explicit Document(std::vector<Node> nodes);

  bool empty() const { return nodes_.empty(); }
  size_t size() const { return nodes_.size(); }
  // The <html> element; REQUIRES: !empty().
  NodeId root() const { return 0; }
  const Node& node(NodeId id) const { return nodes_[static_cast<size_t>(id)]; }
  const std::vector<Node>& nodes() const { return nodes_; }

  NodeId SubtreeEnd(NodeId id) const { return node(id).subtree_end; }
  bool IsElement(NodeId id, std::string_view tag) const {
    const Node& n = node(id);
    return n.type == NodeType::kElement && n.tag == tag;
  }
  // True when `id` is `ancestor` or lies inside it.
  bool Contains(NodeId ancestor, NodeId id) const {
    return id >= ancestor && id < SubtreeEnd(ancestor);
  }

  // Value of an attribute (name lower-case), or nullopt when absent.
  std::optional<std::string_view> Attr(NodeId id, std::string_view name) const;

  // First element with this tag in document order, searching inside `within` (default: all).
  NodeId FindFirst(std::string_view tag, NodeId within = 0) const;
  std::vector<NodeId> FindAll(std::string_view tag, NodeId within = 0) const;

  // Visible text of a subtree: text nodes concatenated in order, skipping script, style,
  // noscript, template and head-only content; <br> and block boundaries become '\n'.
  // Whitespace is kept as in the source apart from that.
  std::string Text(NodeId id) const;

  // Same as Text() but collapses every whitespace run (including U+3000 and U+00A0) to one
  // ASCII space and trims; for labels, titles and link texts.
  std::string CompactText(NodeId id) const;

  // Closest ancestor-or-self element with this tag, or kNoNode.
  NodeId ClosestAncestor(NodeId id, std::string_view tag) const;

 private:
  std::vector<Node> nodes_;
};

// True for elements whose content is never visible text (script, style, noscript, template...).
bool IsInvisibleTag(std::string_view tag);
// True for elements that start a new line of text (p, div, li, td, h1-h6, br, tr, ...).
bool IsBlockTag(std::string_view tag);

// Collapses whitespace runs (ASCII, U+00A0, U+3000 and other Unicode spaces) to one ASCII space
// and trims both ends.
std::string CollapseWhitespace(std::string_view utf8);

struct ParseOptions {
  // Longest input parsed; longer input is cut at a character boundary (the result is marked).
  size_t max_input_bytes = 16u << 20;
  // Deepest element nesting parsed; the input is cut before the tag that would nest deeper
  // (the result is marked truncated). Real pages stay far below; see html_parser.cpp.
  int max_nesting_depth = 2048;
  // Most elements parsed (start tags as written): the input is cut before the next one (the
  // result is marked truncated). This bounds the parse's memory whatever the markup; see
  // config/defaults.h.
  size_t max_elements = config::defaults::kMaxParsedElements;
  // Most nodes kept; parsing a larger tree fails with kTooLarge.
  size_t max_nodes = 4'000'000;
  // Hand the parser the bodies of <script> (except JSON types) and <style> elements, which no
  // extractor reads (see html_prescan.h); off, they are dropped before parsing, which saves
  // about a third of the parse on real pages. Only the text nodes of those elements differ.
  bool keep_script_and_style_text = false;
};

struct ParsedHtml {
  Document document;
  bool truncated = false;  // the input was longer than max_input_bytes
  // Where each <script> body lies in the UTF-8 given to ParseHtml: the parsed
  // tree keeps none of them (see html_prescan.h), the link readers read them there.
  std::vector<TextSpan> script_spans;
};

// Parses UTF-8 HTML with an HTML5 parser (entities, broken markup, missing <body> handled as a
// browser would). Never crashes on any input; deep nesting is handled without recursion.
util::Result<ParsedHtml> ParseHtml(std::string_view utf8, const ParseOptions& options = {});

namespace internal {  // for bench/extract_bench.cpp: Gumbo's own speed on the same pages

// Runs only Gumbo's parse (no nesting guard, no flat copy) and returns whether it produced a
// document: as ParseHtml runs it (arena allocator, no error recording), or `stock` (gumbo_parse
// with Gumbo's default options and gumbo_destroy_output, as a plain user of Gumbo would).
// Not for production use: deep nesting makes it quadratic.
bool GumboParseOnly(std::string_view utf8, bool stock = false);

}  // namespace internal

}  // namespace extract
