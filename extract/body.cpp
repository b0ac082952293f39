// Body extraction in three steps:
// 1. Score: the page's visible text is cut into lines (block elements and <br> end a line).
//    Each line is worth its length in units (a CJK character counts 2) plus a bonus per
//    sentence punctuation mark; short lines without punctuation (menus, labels) are worth a
//    fraction, link lines and boilerplate lines (来源/日期/Copyright) nothing. A line's value
//    goes to the block that holds it and is summed bottom-up in one reverse pass over the
//    pre-order node array; elements marked as boilerplate (nav, sidebar, comment...) keep a
//    fraction of their sum unless they hold most of the page's text.
// 2. Choose: from <body>, descend into the best child while it keeps most of the score (the
//    tightest element holding the text: a <td> in table layouts, an <article> or content <div>
//    elsewhere), then add the siblings that continue the text (Readability's sibling merge).
// 3. Render: link lists, boilerplate blocks, headlines, forms and scripts inside are skipped;
//    the remaining lines lose metadata, prev/next, share/print, copyright, editor and ICP
//    lines; paragraphs come out one per line.
#include "extract/body.h"

#include <algorithm>

#include "extract/article_zones.h"
#include "extract/body_patterns.h"
#include "extract/boilerplate_patterns.h"

namespace extract {
namespace {

// Counts of a piece of text.
struct TextCounts {
  int32_t chars = 0;  // code points that are not spaces
  int32_t units = 0;  // chars, CJK characters counted twice
  int32_t punct = 0;  // sentence punctuation marks
};

bool IsCjk(char32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

bool IsSpaceCp(char32_t cp) {
  return cp <= ' ' || cp == 0xA0 || cp == 0x3000 || cp == 0xFEFF ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F;
}

bool IsCjkSentencePunct(char32_t cp) {
  return cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B || cp == 0xFF01 || cp == 0xFF1F ||
         cp == 0x3001;
}

void CountText(std::string_view s, TextCounts& t) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + len > s.size()) len = s.size() - i;
    char32_t cp = c;
    if (len == 2) {
      cp = ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
    } else if (len == 3) {
      cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    } else if (len == 4) {
      cp = ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
           (s[i + 3] & 0x3F);
    }
    i += len;
    if (IsSpaceCp(cp)) continue;
    ++t.chars;
    t.units += IsCjk(cp) ? 2 : 1;
    if (IsCjkSentencePunct(cp)) {
      ++t.punct;
    } else if (cp == '.' || cp == ',' || cp == ';' || cp == '!' || cp == '?') {
      // ASCII marks end a clause only before a space ("3.5", "a.com" are not sentences).
      if (i >= s.size() || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
        ++t.punct;
      }
    }
  }
}

// Elements whose content is never article text.
bool IsNeverText(const Document& doc, NodeId id) {
  const Node& n = doc.node(id);
  return n.IsInvisible() || n.IsHidden() || IsNonTextTag(n.tag);
}

// How surely an element is boilerplate: 0 not, kWeakBoilerplate when a majority of the text
// overrules it (a class part such as "has-sidebar", <header>, <form>), kStrongBoilerplate
// always (<nav>, <footer>, a whole class or id such as "comments"; teaser lists, which on a
// short article's page outweigh the text). Teaser lists inside the chosen text are kept:
// there they are usually the article's own lists of links.
constexpr uint8_t kWeakBoilerplate = 1;
constexpr uint8_t kStrongBoilerplate = 2;

uint8_t BoilerplateLevel(const Document& doc, NodeId id) {
  const std::string& tag = doc.node(id).tag;
  if (IsBoilerplateTag(tag)) return kStrongBoilerplate;
  TokenMatch match = ClassOrIdTokenMatch(doc, id, BoilerplateClassTokens());
  if (match == TokenMatch::kWhole) return kStrongBoilerplate;
  if (match == TokenMatch::kPart || IsWeakBoilerplateTag(tag)) return kWeakBoilerplate;
  return 0;
}

// One line of visible text and where it came from.
struct TextLine {
  std::string text;
  NodeId owner = kNoNode;  // innermost block element open when the line started
  TextCounts counts;
  int32_t link_chars = 0;
  int heading = 0;            // 1–6 when part of the line is inside <h1>–<h6>
  bool preformatted = false;  // inside <pre>
};

// Walks the visible text under `root` in document order, cutting it into lines at block
// elements and <br>. `skip(id)` says whether an element's subtree is left out; `on_element(id)`
// sees every element that is not; `on_line(line)` gets every line with visible text, and may
// take its text.
template <typename Skip, typename OnElement, typename OnLine>
void WalkLines(const Document& doc, NodeId root, Skip skip, OnElement on_element, OnLine on_line) {
  TextLine current;
  std::vector<NodeId> open_blocks;  // ids; closed when the walk passes their subtree end
  std::vector<NodeId> open_links;
  std::vector<NodeId> open_headings;
  std::vector<NodeId> open_pre;
  auto add_text = [&](std::string_view text) {
    TextCounts t;
    CountText(text, t);
    if (t.chars > 0) {
      if (current.counts.chars == 0)
        current.owner = open_blocks.empty() ? root : open_blocks.back();
      current.counts.chars += t.chars;
      current.counts.units += t.units;
      current.counts.punct += t.punct;
      if (!open_links.empty()) current.link_chars += t.chars;
      if (!open_headings.empty()) {
        int level = doc.node(open_headings.back()).tag[1] - '0';
        if (current.heading == 0 || level < current.heading) current.heading = level;
      }
    }
    current.text += text;
    if (!open_pre.empty()) current.preformatted = true;
  };
  auto flush = [&] {
    if (current.counts.chars > 0) on_line(current);
    current = TextLine{};
  };
  NodeId end = doc.SubtreeEnd(root);
  for (NodeId i = root; i < end;) {
    while (!open_blocks.empty() && doc.SubtreeEnd(open_blocks.back()) <= i) {
      open_blocks.pop_back();
      flush();
    }
    while (!open_links.empty() && doc.SubtreeEnd(open_links.back()) <= i) open_links.pop_back();
    while (!open_headings.empty() && doc.SubtreeEnd(open_headings.back()) <= i) {
      open_headings.pop_back();
    }
    while (!open_pre.empty() && doc.SubtreeEnd(open_pre.back()) <= i) open_pre.pop_back();
    const Node& n = doc.node(i);
    if (n.type == NodeType::kText) {
      std::string_view rest = n.text;
      if (!open_pre.empty()) {
        // Preformatted text keeps its line breaks.
        for (size_t nl = rest.find('\n'); nl != std::string_view::npos; nl = rest.find('\n')) {
          add_text(rest.substr(0, nl));
          flush();
          rest.remove_prefix(nl + 1);
        }
      }
      add_text(rest);
      ++i;
      continue;
    }
    if (i != root && skip(i)) {
      i = n.subtree_end;
      continue;
    }
    on_element(i);
    if (n.tag == "a" && doc.Attr(i, "href")) {
      open_links.push_back(i);
    } else if (n.tag.size() == 2 && n.tag[0] == 'h' && n.tag[1] >= '1' && n.tag[1] <= '6') {
      open_headings.push_back(i);
    }
    if (n.tag == "pre") open_pre.push_back(i);
    if (n.tag == "br") {
      flush();
    } else if (n.IsBlock() || i == root) {
      flush();
      open_blocks.push_back(i);
    }
    ++i;
  }
  flush();
}

bool IsShortLine(const TextLine& line, const BodyOptions& o) {
  return line.counts.units < static_cast<int32_t>(o.long_line_units) && line.counts.punct == 0;
}

bool IsLinkLine(const TextLine& line, const BodyOptions& o) {
  return line.link_chars > o.max_line_link_density * line.counts.chars;
}

bool IsBoilerplateText(const TextLine& line, const BodyOptions& o) {
  if (line.text.size() > 4 * o.max_boilerplate_line_bytes) return false;
  std::string compact = CollapseWhitespace(line.text);
  return compact.size() <= o.max_boilerplate_line_bytes && IsBoilerplateLine(compact);
}

// What a line adds to its block's score.
double LineValue(const TextLine& line, const BodyOptions& o) {
  if (IsLinkLine(line, o)) return 0;
  if (IsBoilerplateText(line, o)) return 0;
  double own = static_cast<double>(line.counts.units) * (line.counts.chars - line.link_chars) /
               line.counts.chars;
  double value = own + o.punctuation_units * line.counts.punct;
  return IsShortLine(line, o) ? value * o.short_line_weight : value;
}

// Per-element scores of the page.
struct Scores {
  std::vector<double> text;     // sum of line values, boilerplate elements weighted down
  std::vector<double> raw;      // the same without the boilerplate weighting
  std::vector<double> good;     // sum of line values outside boilerplate elements
  std::vector<int32_t> chars;   // visible characters
  std::vector<int32_t> links;   // visible characters inside links
  std::vector<uint8_t> boiler;  // the element is marked as boilerplate and it counts
  // The element is a block of other content, opened by a related-content heading.
  std::vector<uint8_t> related;
};

// Flags of `has_link` in ComputeScores: the subtree holds a link, a heading with a link.
constexpr uint8_t kLink = 1;
constexpr uint8_t kLinkedHeading = 2;

// A list of linked items (a "more news" block with summaries and dates): an element whose
// children are mostly alike and each hold a link, with little text per item. Its children's
// sums are final when this is asked (reverse pre-order).
bool IsTeaserList(const Document& doc, NodeId id, const Scores& s,
                  const std::vector<uint8_t>& has_link, const BodyOptions& o) {
  const Node& n = doc.node(id);
  if (n.type != NodeType::kElement || n.children.size() < o.min_teaser_items) return false;
  size_t items = 0, linked = 0, headlined = 0, same_tag = 0;
  double units = 0;
  NodeId first = kNoNode;
  for (NodeId c : n.children) {
    const Node& child = doc.node(c);
    if (child.type != NodeType::kElement || child.tag == "br" || child.IsInvisible()) {
      continue;
    }
    size_t k = static_cast<size_t>(c);
    if (s.chars[k] == 0 && !has_link[k]) continue;
    ++items;
    // Items alike: the same tag and class ("li.line", or <li>s without a class).
    if (first == kNoNode) first = c;
    same_tag += child.tag == doc.node(first).tag &&
                doc.Attr(c, "class").value_or("") == doc.Attr(first, "class").value_or("");
    linked += has_link[k] != 0;
    headlined += (has_link[k] & kLinkedHeading) != 0;
    units += s.raw[k];
  }
  if (items < o.min_teaser_items) return false;
  // Short linked items, or items each under a linked headline.
  return same_tag >= o.teaser_share * items && linked >= o.teaser_share * items &&
         (units / items < o.max_teaser_item_value || headlined >= o.teaser_share * items);
}

// Visible characters of a text, as CountText counts them.
int32_t VisibleChars(std::string_view text) {
  TextCounts t;
  CountText(text, t);
  return t.chars;
}

// Blocks opened by a related-content heading ("相关阅读", "猜你喜欢", "You may also like"): the
// heading's element (climbing while it holds nothing else) and what follows it in its parent,
// when the heading is that parent's first text. Marked in `related`; an element holding an
// <h1> is never one (the heading then opens the article's own column). `s.chars` must be final.
void MarkRelatedBlocks(const Document& doc, NodeId body, Scores& s) {
  for (NodeId t = body; t < doc.SubtreeEnd(body); ++t) {
    const Node& n = doc.node(t);
    if (n.type != NodeType::kText || n.text.size() > 96 || !MayBeRelatedContentHeading(n.text)) {
      continue;
    }
    std::string text = CollapseWhitespace(n.text);
    if (!IsRelatedContentHeading(text) || doc.ClosestAncestor(t, "a") != kNoNode) continue;
    NodeId heading = n.parent;
    if (heading == kNoNode || heading == body ||
        s.chars[static_cast<size_t>(heading)] != VisibleChars(text)) {
      continue;  // part of a longer line
    }
    while (doc.node(heading).parent != body &&
           s.chars[static_cast<size_t>(doc.node(heading).parent)] ==
               s.chars[static_cast<size_t>(heading)]) {
      heading = doc.node(heading).parent;
    }
    NodeId block = doc.node(heading).parent;
    if (block == body || block == kNoNode || doc.FindFirst("h1", block) != kNoNode) continue;
    NodeId first_text = kNoNode;
    for (NodeId c : doc.node(block).children) {
      if (s.chars[static_cast<size_t>(c)] > 0) {
        first_text = c;
        break;
      }
    }
    if (first_text == heading) s.related[static_cast<size_t>(block)] = 1;
  }
}

Scores ComputeScores(const Document& doc, NodeId body, const BodyOptions& o) {
  size_t n = doc.size();
  Scores s;
  s.text.assign(n, 0);
  s.raw.assign(n, 0);
  s.good.assign(n, 0);
  s.chars.assign(n, 0);
  s.links.assign(n, 0);
  s.boiler.assign(n, 0);
  s.related.assign(n, 0);
  std::vector<double> own(n, 0);
  std::vector<uint8_t> marked(n, 0);
  WalkLines(
      doc, body, [&](NodeId id) { return IsNeverText(doc, id); },
      [&](NodeId id) { marked[static_cast<size_t>(id)] = BoilerplateLevel(doc, id); },
      [&](const TextLine& line) {
        own[static_cast<size_t>(line.owner)] += LineValue(line, o);
        s.chars[static_cast<size_t>(line.owner)] += line.counts.chars;
        s.links[static_cast<size_t>(line.owner)] += line.link_chars;
      });
  // Sums bottom-up: children come after their parent in pre-order.
  NodeId end = doc.SubtreeEnd(body);
  std::vector<uint8_t> has_link(n, 0);
  for (NodeId i = end - 1; i >= body; --i) {
    size_t k = static_cast<size_t>(i);
    s.raw[k] += own[k];
    const std::string& tag = doc.node(i).tag;
    if (tag == "a" && doc.Attr(i, "href")) has_link[k] |= kLink;
    if (has_link[k] && tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6') {
      has_link[k] |= kLinkedHeading;
    }
    if (!marked[k] && IsTeaserList(doc, i, s, has_link, o)) {
      marked[k] = kStrongBoilerplate;
    }
    if (i != body) {
      size_t p = static_cast<size_t>(doc.node(i).parent);
      s.raw[p] += s.raw[k];
      s.chars[p] += s.chars[k];
      s.links[p] += s.links[k];
      has_link[p] |= has_link[k];
    }
  }
  MarkRelatedBlocks(doc, body, s);
  double majority = o.boilerplate_majority * s.raw[static_cast<size_t>(body)];
  for (NodeId i = end - 1; i >= body; --i) {
    size_t k = static_cast<size_t>(i);
    if (s.related[k]) marked[k] = kStrongBoilerplate;
    s.text[k] += own[k];
    s.good[k] += own[k];
    if (marked[k] == kStrongBoilerplate || (marked[k] && s.raw[k] < majority)) {
      s.boiler[k] = 1;
      s.text[k] *= o.boilerplate_weight;
      s.good[k] = 0;
    }
    if (i != body) {
      s.text[static_cast<size_t>(doc.node(i).parent)] += s.text[k];
      s.good[static_cast<size_t>(doc.node(i).parent)] += s.good[k];
    }
  }
  return s;
}

double LinkDensity(const Scores& s, NodeId id) {
  size_t k = static_cast<size_t>(id);
  return s.chars[k] == 0 ? 0.0 : static_cast<double>(s.links[k]) / s.chars[k];
}

// The element holding the text, by descent from <body>; kNoNode when there is no text.
NodeId ChooseContainer(const Document& doc, NodeId body, const Scores& s, const BodyOptions& o) {
  NodeId current = body;
  if (s.text[static_cast<size_t>(body)] <= 0) return kNoNode;
  // Shares are taken of the text outside boilerplate, unless the page has nothing else.
  const std::vector<double>& score_of = s.good[static_cast<size_t>(body)] > 0 ? s.good : s.text;
  while (true) {
    NodeId best = kNoNode;
    double best_score = 0;
    for (NodeId child : doc.node(current).children) {
      if (doc.node(child).type != NodeType::kElement) continue;
      double score = score_of[static_cast<size_t>(child)];
      if (score > best_score) {
        best_score = score;
        best = child;
      }
    }
    if (best == kNoNode || best_score < o.descend_share * score_of[static_cast<size_t>(current)]) {
      break;
    }
    // Paragraph-level elements hold one paragraph, not the text.
    if (IsParagraphLevelTag(doc.node(best).tag)) break;
    current = best;
  }
  return current;
}

// The container and the siblings that continue its text, in document order.
std::vector<NodeId> MergeSiblings(const Document& doc, NodeId container, NodeId body,
                                  const Scores& s, const BodyOptions& o) {
  if (container == body) return {container};
  NodeId parent = doc.node(container).parent;
  double threshold = o.sibling_share * s.text[static_cast<size_t>(container)];
  std::vector<NodeId> roots;
  for (NodeId child : doc.node(parent).children) {
    if (child == container) {
      roots.push_back(child);
      continue;
    }
    size_t k = static_cast<size_t>(child);
    if (doc.node(child).type != NodeType::kElement || s.boiler[k]) continue;
    // A block with a good share of the text, or a paragraph of its own (the lead paragraph
    // printed beside the text's <div>).
    bool paragraph = doc.node(child).tag == "p" && s.text[k] >= o.min_sibling_paragraph_value;
    if ((s.text[k] >= threshold || paragraph) && s.text[k] > 0 &&
        LinkDensity(s, child) < o.max_sibling_link_density) {
      roots.push_back(child);
    }
  }
  return roots;
}

bool IsLinkList(const Document& doc, NodeId id, const Scores& s, const BodyOptions& o) {
  if (!IsListLikeTag(doc.node(id).tag)) return false;
  size_t k = static_cast<size_t>(id);
  return s.chars[k] >= static_cast<int32_t>(o.min_link_block_chars) &&
         s.links[k] > o.max_block_link_density * s.chars[k] &&
         s.chars[k] - s.links[k] < static_cast<int32_t>(o.max_link_list_text_chars);
}

bool IsDateOnly(std::string_view line, const BodyOptions& o) {
  if (line.size() > o.max_date_line_bytes) return false;
  int digits = 0;
  for (char c : line) digits += c >= '0' && c <= '9';
  return digits >= 6 && static_cast<size_t>(digits) * 3 >= line.size();
}

bool IsTinyImage(const Document& doc, NodeId img) {
  for (const char* attr : {"width", "height"}) {
    auto v = doc.Attr(img, attr);
    if (!v || v->empty()) continue;
    int value = 0;
    for (char c : *v) {
      if (c < '0' || c > '9') break;
      value = value * 10 + (c - '0');
      if (value > 1000) break;
    }
    if (value > 0 && value <= 2) return true;
  }
  return false;
}

std::optional<std::string> ImageUrl(const PageContext& ctx, NodeId img) {
  const Document& doc = ctx.doc;
  for (std::string_view attr : ImageSourceAttributes()) {
    auto v = doc.Attr(img, attr);
    if (!v) continue;
    std::string value = CollapseWhitespace(*v);
    if (value.empty() || value.rfind("data:", 0) == 0) continue;
    if (attr == "srcset" || attr == "data-srcset") value = value.substr(0, value.find(' '));
    if (auto url = ctx.Resolve(value)) return url;
  }
  return std::nullopt;
}

// Renders `roots` (the container and merged siblings) into result.text and result.images.
void Render(const PageContext& ctx, const std::vector<NodeId>& roots, const Scores& s,
            const BodyOptions& o, BodyResult& result) {
  const Document& doc = ctx.doc;
  double root_raw = 0;
  for (NodeId r : roots) root_raw += s.raw[static_cast<size_t>(r)];
  double majority = o.boilerplate_majority * root_raw;
  auto skip = [&](NodeId id) {
    if (IsNeverText(doc, id)) return true;
    size_t k = static_cast<size_t>(id);
    uint8_t level = BoilerplateLevel(doc, id);
    if (level == kStrongBoilerplate || (level && s.raw[k] < majority) || s.related[k]) return true;
    return IsLinkList(doc, id, s, o);
  };
  std::vector<TextLine> lines;
  for (NodeId root : roots) {
    WalkLines(
        doc, root, skip,
        [&](NodeId id) {
          if (doc.node(id).tag != "img" || IsTinyImage(doc, id)) return;
          if (auto url = ImageUrl(ctx, id)) {
            auto alt = doc.Attr(id, "alt");
            std::string alt_text = alt ? CollapseWhitespace(*alt) : "";
            result.images.push_back(
                {*url, alt_text.empty() ? std::nullopt : std::optional<std::string>(alt_text)});
          }
        },
        [&](TextLine& line) { lines.push_back(std::move(line)); });
  }

  // The text proper runs from the first to the last full line (a long line or a sentence). A
  // disclaimer (免责声明, "…不构成投资建议") reads as a full line but does not extend the text:
  // printed under it, it is footer (#12).
  size_t first_full = lines.size(), last_full = 0;
  std::vector<char> disclaimer(lines.size(), 0);
  for (size_t k = 0; k < lines.size(); ++k) {
    if (!IsShortLine(lines[k], o) && !IsLinkLine(lines[k], o) && lines[k].heading == 0) {
      disclaimer[k] = IsDisclaimerLine(CollapseWhitespace(lines[k].text));
      first_full = std::min(first_full, k);
      if (!disclaimer[k] || last_full < first_full) last_full = k;
    }
  }
  // Paragraphs joined by '\n', each line's text released once rendered: on a page of text the
  // lines are the page (issue #17).
  std::string text;
  for (size_t k = 0; k < lines.size(); ++k) {
    TextLine& line = lines[k];
    bool in_header = k < first_full;
    bool in_footer = first_full < lines.size() && k > last_full;
    if (line.heading == 1 || (line.heading > 0 && in_header)) continue;
    // Linked subheadings inside the text ("toc-backref" anchors) stay; other link lines go.
    bool subheading = line.heading > 0 && !in_header && !in_footer;
    if (!subheading && IsLinkLine(line, o) && line.text.size() <= o.max_link_line_bytes) continue;
    if (IsBoilerplateText(line, o)) continue;
    std::string compact = CollapseWhitespace(line.text);
    std::string().swap(line.text);
    if (!line.preformatted && IsMarkupLine(compact)) continue;
    if ((in_header || in_footer) && IsDateOnly(compact, o)) continue;
    if (in_footer && disclaimer[k]) continue;
    if (compact.empty()) continue;  // only spaces CountText does not count as such (U+2028)
    if (text.empty()) {
      text = std::move(compact);
    } else {
      text += '\n';
      text += compact;
    }
  }
  result.text = std::move(text);
}

// True when the space-separated list `value` holds `lower` in any ASCII case.
bool HasTokenNoCase(std::string_view value, std::string_view lower) {
  size_t i = 0;
  while (i < value.size()) {
    size_t j = i;
    while (j < value.size() && value[j] != ' ' && value[j] != '\t' && value[j] != '\n') ++j;
    if (j - i == lower.size() &&
        std::equal(
            lower.begin(), lower.end(), value.begin() + static_cast<ptrdiff_t>(i),
            [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
      return true;
    }
    i = j + 1;
  }
  return false;
}

// The one element under `body` whose itemprop names the article's body, or kNoNode (none, or
// several: a listing of articles).
NodeId MarkedArticleBody(const Document& doc, NodeId body) {
  NodeId found = kNoNode;
  for (NodeId i = body; i < doc.SubtreeEnd(body); ++i) {
    const Node& n = doc.node(i);
    if (n.type != NodeType::kElement || n.attributes.empty()) continue;
    auto itemprop = doc.Attr(i, "itemprop");
    if (!itemprop || !HasTokenNoCase(*itemprop, "articlebody")) continue;
    if (found != kNoNode) return kNoNode;
    found = i;
  }
  return found;
}

// True when at least `max_disclaimer_share` of the text's characters are in disclaimer lines.
bool IsMostlyDisclaimer(const std::string& text, const BodyOptions& o) {
  if (text.empty()) return false;
  size_t disclaimer = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line = std::string_view(text).substr(start, end - start);
    if (IsDisclaimerLine(line)) disclaimer += line.size();
    start = end + 1;
  }
  return static_cast<double>(disclaimer) >=
         o.max_disclaimer_share * static_cast<double>(text.size());
}

// Takes `id`'s subtree out of the scores (its own and its ancestors' up to `body`), so that the
// next choice of a container passes it over.
void LeaveOut(const Document& doc, NodeId body, NodeId id, Scores& s) {
  size_t k = static_cast<size_t>(id);
  double text = s.text[k], good = s.good[k];
  for (NodeId p = id; p != kNoNode; p = doc.node(p).parent) {
    size_t q = static_cast<size_t>(p);
    s.text[q] -= text;
    s.good[q] -= good;
    if (p == body) break;
  }
}

}  // namespace

BodyResult RenderBody(const PageContext& ctx, NodeId container, const BodyOptions& options) {
  BodyResult result;
  if (container == kNoNode || ctx.doc.empty()) return result;
  Scores scores = ComputeScores(ctx.doc, container, options);
  Render(ctx, {container}, scores, options, result);
  result.container = result.text.empty() ? kNoNode : container;
  return result;
}

BodyResult ExtractBody(const PageContext& ctx, const BodyOptions& options) {
  const Document& doc = ctx.doc;
  BodyResult result;
  if (doc.empty()) return result;
  NodeId body = doc.FindFirst("body");
  if (body == kNoNode) body = doc.root();
  Scores scores = ComputeScores(doc, body, options);
  NodeId container = ChooseContainer(doc, body, scores, options);
  // The page's own markup for its body (schema.org itemprop="articleBody") outweighs a
  // container found elsewhere, when it holds text worth a paragraph.
  NodeId marked = MarkedArticleBody(doc, body);
  if (marked != kNoNode &&
      (container == kNoNode ||
       (!doc.Contains(marked, container) && !doc.Contains(container, marked))) &&
      scores.good[static_cast<size_t>(marked)] >= options.min_marked_body_value) {
    container = marked;
  }
  if (container == kNoNode) return result;
  Render(ctx, MergeSiblings(doc, container, body, scores, options), scores, options, result);
  // A text that is mostly a disclaimer or copyright box (it scores like prose) is the wrong
  // block: look again with that block left out, a few times at most.
  bool disclaimer = IsMostlyDisclaimer(result.text, options);
  for (int retry = 0; retry < options.max_body_retries && disclaimer; ++retry) {
    LeaveOut(doc, body, container, scores);
    NodeId next = ChooseContainer(doc, body, scores, options);
    if (next == kNoNode || next == container) break;
    container = next;
    result = BodyResult{};
    Render(ctx, MergeSiblings(doc, container, body, scores, options), scores, options, result);
    disclaimer = IsMostlyDisclaimer(result.text, options);
  }
  if (disclaimer) return BodyResult{};
  result.container = result.text.empty() ? kNoNode : container;
  return result;
}

}  // namespace extract
