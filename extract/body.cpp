// Body extraction in two steps:
// 1. Choose the container: every element gets a content score from its subtree (characters of
//    visible text, minus link text times a penalty, plus sentence punctuation), computed
//    bottom-up in one pass over the pre-order node array. From <body> we descend into the best
//    child while it keeps most of the score: the result is the tightest element holding the
//    text (a <td> in table layouts, an <article> or content <div> elsewhere).
// 2. Render it: link lists, boilerplate-classed blocks, headlines, forms and scripts inside it
//    are skipped; the remaining lines lose metadata, prev/next, share/print, copyright and ICP
//    lines; paragraphs come out one per line.
#include "extract/body.h"

#include <algorithm>

#include "extract/article_zones.h"
#include "extract/boilerplate_patterns.h"
#include "extract/text_normalize.h"
#include "util/url.h"

namespace extract {
namespace {

// Score bonus per sentence punctuation mark (，。；！？ and ASCII .,;!?).
constexpr double kPunctuationWeight = 5.0;
// A date-only line ("2021-03-05 10:30") at the edges of the text is header, not text.
constexpr size_t kMaxDateLineBytes = 32;

struct Stats {
  int32_t chars = 0;
  int32_t link_chars = 0;
  int32_t punct = 0;
};

bool IsSkippedElement(const Document& doc, NodeId id) {
  const Node& n = doc.node(id);
  return IsInvisibleTag(n.tag) || n.tag == "form" || n.tag == "select" || n.tag == "button" ||
         n.tag == "input" || n.tag == "textarea" || n.tag == "nav" || n.tag == "footer" ||
         n.tag == "aside" || IsHidden(doc, id);
}

// Counts code points that are not spaces, and sentence punctuation, in UTF-8 text.
void CountText(std::string_view s, Stats& st) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (c < 0x80) {
      if (c > ' ') ++st.chars;
      if (c == '.' || c == ',' || c == ';' || c == '!' || c == '?') ++st.punct;
    } else if (len == 3 && i + 2 < s.size()) {
      std::string_view ch = s.substr(i, 3);
      // U+3000 and U+00A0 are spaces.
      if (ch != "\xE3\x80\x80") ++st.chars;
      if (ch == "\xEF\xBC\x8C" || ch == "\xE3\x80\x82" || ch == "\xEF\xBC\x9B" ||
          ch == "\xEF\xBC\x81" || ch == "\xEF\xBC\x9F" || ch == "\xE3\x80\x81") {
        ++st.punct;
      }
    } else if (!(len == 2 && c == 0xC2 && i + 1 < s.size() &&
                 static_cast<unsigned char>(s[i + 1]) == 0xA0)) {
      ++st.chars;
    }
    i += len;
  }
}

std::vector<Stats> ComputeStats(const Document& doc) {
  std::vector<Stats> stats(doc.size());
  for (NodeId i = static_cast<NodeId>(doc.size()) - 1; i >= 0; --i) {
    const Node& n = doc.node(i);
    Stats& s = stats[static_cast<size_t>(i)];
    if (n.type == NodeType::kText) {
      CountText(n.text, s);
    } else {
      if (IsInvisibleTag(n.tag) || IsHidden(doc, i)) continue;  // not added to the parent
      if (n.tag == "a") s.link_chars = s.chars;
    }
    if (n.parent != kNoNode) {
      Stats& p = stats[static_cast<size_t>(n.parent)];
      p.chars += s.chars;
      p.link_chars += s.link_chars;
      p.punct += s.punct;
    }
  }
  return stats;
}

double Score(const Document& doc, NodeId id, const Stats& s, const BodyOptions& o) {
  double score = s.chars - o.link_penalty * s.link_chars + kPunctuationWeight * s.punct;
  const std::string& tag = doc.node(id).tag;
  if (tag == "nav" || tag == "footer" || tag == "aside" || tag == "header" ||
      HasClassOrIdToken(doc, id, BoilerplateClassTokens())) {
    score *= o.boilerplate_weight;
  }
  return score;
}

NodeId ChooseContainer(const Document& doc, const std::vector<Stats>& stats, const BodyOptions& o) {
  NodeId current = doc.FindFirst("body");
  if (current == kNoNode) current = doc.root();
  double current_score = Score(doc, current, stats[static_cast<size_t>(current)], o);
  while (true) {
    NodeId best = kNoNode;
    double best_score = 0;
    for (NodeId child : doc.node(current).children) {
      const Node& c = doc.node(child);
      if (c.type != NodeType::kElement || IsInvisibleTag(c.tag)) continue;
      double score = Score(doc, child, stats[static_cast<size_t>(child)], o);
      if (score > best_score) {
        best_score = score;
        best = child;
      }
    }
    // Descend while the best child keeps most of the score; an element whose score is not
    // positive (navigation outweighs its text) always gives way to its best child.
    if (best == kNoNode) break;
    if (current_score > 0 && best_score < o.descend_share * current_score) break;
    // Paragraph-level elements hold one paragraph, not the text.
    const std::string& tag = doc.node(best).tag;
    if (tag == "p" || tag == "span" || tag == "font" || tag == "strong" || tag == "b" ||
        tag == "a" || tag == "li") {
      break;
    }
    current = best;
    current_score = best_score;
  }
  return current;
}

struct RenderedLine {
  std::string text;
  int32_t chars = 0;
  int32_t link_chars = 0;
  bool headline = false;
};

bool IsLinkList(const Document& doc, NodeId id, const Stats& s, const BodyOptions& o) {
  const std::string& tag = doc.node(id).tag;
  if (!(tag == "ul" || tag == "ol" || tag == "dl" || tag == "table" || tag == "div" ||
        tag == "section" || tag == "tbody" || tag == "tr" || tag == "td" || tag == "p")) {
    return false;
  }
  // Link-dense, and without much text of its own: a block that holds an article among its
  // links (a page wrapper with a big menu) is not a link list.
  return s.chars >= static_cast<int32_t>(o.min_link_block_chars) &&
         s.link_chars > o.max_block_link_density * s.chars &&
         s.chars - s.link_chars < static_cast<int32_t>(o.max_link_list_text_chars);
}

bool IsDateOnly(std::string_view line) {
  if (line.size() > kMaxDateLineBytes) return false;
  int digits = 0;
  for (char c : line) digits += c >= '0' && c <= '9';
  return digits >= 6 && static_cast<size_t>(digits) * 2 >= line.size() / 2;
}

std::optional<std::string> ImageUrl(const Document& doc, NodeId img, const std::string& base) {
  for (const char* attr : {"data-original", "data-src", "data-lazy-src", "src"}) {
    auto v = doc.Attr(img, attr);
    if (!v || v->empty() || v->rfind("data:", 0) == 0) continue;
    if (auto url = util::ResolveUrl(base, *v)) return url;
  }
  return std::nullopt;
}

}  // namespace

BodyResult RenderBody(const PageContext& ctx, NodeId container, const BodyOptions& o) {
  const Document& doc = ctx.doc;
  BodyResult result;
  result.container = container;
  if (container == kNoNode) return result;
  std::vector<Stats> stats = ComputeStats(doc);

  std::vector<RenderedLine> lines;
  RenderedLine current;
  auto flush = [&] {
    if (current.chars > 0) lines.push_back(std::move(current));
    current = RenderedLine{};
  };
  std::vector<NodeId> open_blocks;
  std::vector<NodeId> open_links;
  std::vector<NodeId> open_headlines;
  NodeId end = doc.SubtreeEnd(container);
  for (NodeId i = container; i < end;) {
    while (!open_blocks.empty() && open_blocks.back() <= i) {
      open_blocks.pop_back();
      flush();
    }
    while (!open_links.empty() && doc.SubtreeEnd(open_links.back()) <= i) open_links.pop_back();
    while (!open_headlines.empty() && doc.SubtreeEnd(open_headlines.back()) <= i) {
      open_headlines.pop_back();
    }
    const Node& n = doc.node(i);
    if (n.type == NodeType::kText) {
      Stats s;
      CountText(n.text, s);
      current.text += n.text;
      current.chars += s.chars;
      if (!open_links.empty()) current.link_chars += s.chars;
      if (!open_headlines.empty()) current.headline = true;
      ++i;
      continue;
    }
    if (i != container) {
      const Stats& s = stats[static_cast<size_t>(i)];
      if (IsSkippedElement(doc, i) || HasClassOrIdToken(doc, i, BoilerplateClassTokens()) ||
          IsLinkList(doc, i, s, o)) {
        i = n.subtree_end;
        continue;
      }
    }
    if (n.tag == "img") {
      if (auto url = ImageUrl(doc, i, ctx.base_url)) {
        auto alt = doc.Attr(i, "alt");
        result.images.push_back({*url, alt && !alt->empty()
                                           ? std::optional<std::string>(std::string(*alt))
                                           : std::nullopt});
      }
    } else if (n.tag == "a") {
      open_links.push_back(i);
    } else if (n.tag == "h1" || n.tag == "h2") {
      open_headlines.push_back(i);
    }
    if (n.tag == "br") {
      flush();
    } else if (IsBlockTag(n.tag)) {
      flush();
      open_blocks.push_back(n.subtree_end);
    }
    ++i;
  }
  flush();

  std::string text;
  for (size_t k = 0; k < lines.size(); ++k) {
    const RenderedLine& line = lines[k];
    std::string compact = CollapseWhitespace(line.text);
    if (compact.empty()) continue;
    if (line.headline) continue;
    if (compact.size() <= o.max_boilerplate_line_bytes && IsBoilerplateLine(compact)) continue;
    if (compact.size() <= o.max_link_line_bytes && line.link_chars * 2 > line.chars) continue;
    if ((k == 0 || k + 1 == lines.size()) && IsDateOnly(compact)) continue;
    text += compact;
    text += '\n';
  }
  result.text = CleanParagraphs(text);
  if (result.text.empty()) result.container = kNoNode;
  return result;
}

BodyResult ExtractBody(const PageContext& ctx, const BodyOptions& options) {
  if (ctx.doc.empty()) return {};
  std::vector<Stats> stats = ComputeStats(ctx.doc);
  NodeId container = ChooseContainer(ctx.doc, stats, options);
  return RenderBody(ctx, container, options);
}

}  // namespace extract
