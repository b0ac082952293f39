#include "extract/article_zones.h"

#include <algorithm>

#include "extract/title_patterns.h"
#include "extract/u32_text.h"

namespace extract {
using u32::IsSpace;
using u32::ToU32;

// The visible text under `root` cut into lines at block boundaries and <br>, like
// Document::Text, keeping the nodes each line came from. Hidden (display:none) subtrees are
// skipped.
std::vector<Line> BuildLines(const Document& doc, NodeId root) {
  std::vector<Line> lines;
  // The text nodes of the line being read. Its text is decoded when the line ends, into a
  // string of the exact size: grown node by node it may reserve twice that, and holds the old
  // and the new buffer while it grows (25 MB instead of 14 for a 9 MB page of Chinese text
  // that is one line, issue #17).
  std::vector<NodeId> texts;
  auto flush = [&] {
    if (texts.empty()) return;
    Line line;
    line.first = texts.front();
    line.last = texts.back();
    size_t size = 0;
    for (NodeId t : texts) size += u32::CodePoints(doc.node(t).text);
    line.text.reserve(size);
    for (NodeId t : texts) u32::AppendU32(doc.node(t).text, &line.text);
    texts.clear();
    for (char32_t& c : line.text) {
      if (c == '\n' || c == '\r' || c == '\t' || c == '\f') c = ' ';
    }
    bool blank = std::all_of(line.text.begin(), line.text.end(), IsSpace);
    if (!blank) lines.push_back(std::move(line));
  };
  std::vector<NodeId> open_blocks;
  NodeId end = doc.SubtreeEnd(root);
  for (NodeId i = root; i < end;) {
    while (!open_blocks.empty() && open_blocks.back() <= i) {
      open_blocks.pop_back();
      flush();
    }
    const Node& n = doc.node(i);
    if (n.type == NodeType::kText) {
      texts.push_back(i);
      ++i;
      continue;
    }
    if (i != root && (n.IsInvisible() || n.IsHidden())) {
      i = n.subtree_end;
      continue;
    }
    if (n.tag == "br") {
      flush();
    } else if (n.IsBlock()) {
      flush();
      open_blocks.push_back(n.subtree_end);
    }
    ++i;
  }
  flush();
  return lines;
}

// Line index of every text node (−1 when not on a line).
std::vector<int> LineOfNode(const Document& doc, const std::vector<Line>& lines) {
  std::vector<int> out(doc.size(), -1);
  for (size_t l = 0; l < lines.size(); ++l) {
    for (NodeId i = lines[l].first; i <= lines[l].last && i != kNoNode; ++i) {
      out[static_cast<size_t>(i)] = static_cast<int>(l);
    }
  }
  return out;
}

// A line of the headline: inside an <h1>–<h3>, or an element whose class or id names a
// headline (title_patterns.h: not a subtitle, a list-item or column title), a few levels up.
// Not in a list item (a few levels up) unless an <h1>, and not in a link unless an <h1>/<h2>
// (blog headlines link to their own page; teaser lists use <li>, <h3> and "title" classes
// around links). Never inside a <nav> or <footer>. (<aside> would belong here too, but a header
// reaching further up then takes a column-name line for the byline on some pages; see issue #3.)
bool IsHeadlineNode(const Document& doc, NodeId text_node) {
  bool headline = false;
  bool h1 = false;
  bool in_link = false;
  bool in_list_item = false;
  int level = 0;
  for (NodeId i = doc.node(text_node).parent; i != kNoNode && level < 4;
       i = doc.node(i).parent, ++level) {
    const std::string& tag = doc.node(i).tag;
    if (tag == "li") in_list_item = true;
    if (headline) continue;  // only list items are looked for above the headline element
    if (tag == "a") in_link = true;
    if (tag == "h1" || tag == "h2") {
      headline = true;
      h1 = tag == "h1";
    } else if (!in_link) {
      auto cls = doc.Attr(i, "class");
      auto id = doc.Attr(i, "id");
      headline = tag == "h3" || (cls && IsHeadlineClass(*cls)) || (id && IsHeadlineClass(*id));
    }
  }
  if (in_list_item && !h1) return false;
  if (!headline) return false;
  for (NodeId i = doc.node(text_node).parent; i != kNoNode; i = doc.node(i).parent) {
    const std::string& tag = doc.node(i).tag;
    if (tag == "nav" || tag == "footer") return false;
  }
  return true;
}

// The element with the most paragraph text directly under it: a stand-in for the text
// container when the body extractor gave none or the whole <body>.
NodeId EstimateTextBlock(const Document& doc) {
  std::vector<size_t> score(doc.size(), 0);
  for (NodeId i = 0; i < static_cast<NodeId>(doc.size()); ++i) {
    const Node& n = doc.node(i);
    NodeId parent = n.parent;
    if (parent == kNoNode) continue;
    if (n.type == NodeType::kElement && n.tag == "p") {
      score[static_cast<size_t>(parent)] += doc.Text(i).size();
    } else if (n.type == NodeType::kText &&
               (doc.node(parent).tag == "div" || doc.node(parent).tag == "td")) {
      score[static_cast<size_t>(parent)] += CollapseWhitespace(n.text).size();
    }
  }
  auto best = std::max_element(score.begin(), score.end());
  return *best == 0 ? kNoNode : static_cast<NodeId>(best - score.begin());
}

std::vector<Zone> ArticleZones(const Document& doc, const std::vector<Line>& lines,
                               NodeId container) {
  std::vector<Zone> zones(lines.size(), kNone);
  if (lines.empty()) return zones;
  bool precise = container != kNoNode && !doc.IsElement(container, "body") &&
                 !doc.IsElement(container, "html");
  if (!precise) container = EstimateTextBlock(doc);
  int cs = -1, ce = -1;
  if (container != kNoNode) {
    for (size_t l = 0; l < lines.size(); ++l) {
      if (doc.Contains(container, lines[l].first)) {
        if (cs < 0) cs = static_cast<int>(l);
        ce = static_cast<int>(l) + 1;
      }
    }
  }
  int n = static_cast<int>(lines.size());
  if (cs < 0) {  // no text container at all: the whole page is "header"
    std::fill(zones.begin(), zones.end(), kHeader);
    return zones;
  }
  int header_start = std::max(0, cs - kHeaderFallbackLines);
  for (int l = cs - 1; l >= std::max(0, cs - kMaxHeaderLines); --l) {
    if (IsHeadlineNode(doc, lines[l].first)) {
      header_start = std::max(0, l - kLinesAboveHeadline);
      break;
    }
  }
  for (int l = header_start; l < cs; ++l) zones[l] = kHeader;
  int lead_end = std::min(ce, cs + kMaxLeadLines);
  for (int l = cs; l < lead_end; ++l) {
    if (lines[l].text.size() >= kLongParagraphChars) {
      lead_end = l + 1;
      break;
    }
  }
  for (int l = cs; l < lead_end; ++l) zones[l] = kLead;
  for (int l = std::max(lead_end, ce - kTailLines); l < ce; ++l) zones[l] = kTail;
  for (int l = ce; l < std::min(n, ce + kAfterLines); ++l) zones[l] = kAfter;
  return zones;
}

}  // namespace extract
