// Title choice, in order: 1. an in-page headline (h1–h3, an element classed "title", a bold
// line in a table layout) that appears in <title>/og:title, nearest to the text; 2. the cleaned
// og:title or <title>; 3. the first <h1>. A candidate equal to a column name (a link text in
// the navigation) or to the site name (a decoration segment of <title>) is never taken.
#include "extract/title.h"

#include <algorithm>
#include <vector>

#include "extract/u32_text.h"

namespace extract {
namespace {

// Separators between a headline and the site or column name in <title>.
constexpr std::string_view kSeparators[] = {" - ",  " – ", " — ", " | ", "｜", "|", "_",
                                            " :: ", " · ", " » ", "--",  "——", "－"};

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::vector<std::string> SplitDecoration(std::string_view title) {
  std::vector<std::string> parts = {std::string(title)};
  for (std::string_view sep : kSeparators) {
    std::vector<std::string> next;
    for (const auto& p : parts) {
      size_t start = 0;
      while (true) {
        size_t at = p.find(sep, start);
        if (at == std::string::npos) {
          next.push_back(p.substr(start));
          break;
        }
        next.push_back(p.substr(start, at - start));
        start = at + sep.size();
      }
    }
    parts = std::move(next);
  }
  std::vector<std::string> out;
  for (auto& p : parts) {
    std::string c = CollapseWhitespace(p);
    if (!c.empty()) out.push_back(c);
  }
  return out;
}

std::string TextOf(const Document& doc, NodeId id) { return doc.CompactText(id); }

std::string MetaContent(const Document& doc, std::string_view property) {
  for (NodeId m : doc.FindAll("meta")) {
    for (const char* attr : {"property", "name"}) {
      auto v = doc.Attr(m, attr);
      if (v && *v == property) {
        if (auto c = doc.Attr(m, "content")) return CollapseWhitespace(*c);
      }
    }
  }
  return "";
}

bool IsHeadlineTag(std::string_view tag) { return tag == "h1" || tag == "h2" || tag == "h3"; }

bool HasTitleClass(const Document& doc, NodeId id) {
  for (const char* attr : {"class", "id"}) {
    auto v = doc.Attr(id, attr);
    if (!v) continue;
    std::string lower(*v);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.find("title") != std::string::npos || lower.find("headline") != std::string::npos ||
        lower.find("biaoti") != std::string::npos) {
      return true;
    }
  }
  return false;
}

// Texts of links in the page: column names and other navigation, never the headline.
bool IsLinkText(const Document& doc, const std::string& text) {
  for (NodeId a : doc.FindAll("a")) {
    if (doc.CompactText(a) == text) return true;
  }
  return false;
}

}  // namespace

std::string StripTitleDecoration(std::string_view title) {
  std::vector<std::string> parts = SplitDecoration(title);
  if (parts.empty()) return "";
  const std::string* best = &parts.front();
  for (const auto& p : parts) {
    if (CodePoints(p) > CodePoints(*best)) best = &p;
  }
  return *best;
}

std::optional<std::string> ExtractTitle(const PageContext& ctx, NodeId body_container,
                                        const TitleOptions& options) {
  const Document& doc = ctx.doc;
  if (doc.empty()) return std::nullopt;
  std::string title_tag;
  if (NodeId t = doc.FindFirst("title"); t != kNoNode) {
    for (NodeId c : doc.node(t).children) title_tag += doc.node(c).text;
    title_tag = CollapseWhitespace(title_tag);
  }
  std::string og = MetaContent(doc, "og:title");
  std::vector<std::string> decoration = SplitDecoration(title_tag);

  // 1. In-page headline candidates, before (or at the top of) the text.
  NodeId limit = body_container == kNoNode ? static_cast<NodeId>(doc.size())
                                           : std::min<NodeId>(doc.SubtreeEnd(body_container),
                                                              static_cast<NodeId>(doc.size()));
  struct Candidate {
    std::string text;
    int score;
    NodeId id;
  };
  std::vector<Candidate> candidates;
  for (NodeId i = 0; i < limit; ++i) {
    const Node& n = doc.node(i);
    if (n.type != NodeType::kElement) continue;
    if (IsInvisibleTag(n.tag) && n.tag != "title") {
      i = n.subtree_end - 1;
      continue;
    }
    int weight = 0;
    if (n.tag == "h1")
      weight = 6;
    else if (IsHeadlineTag(n.tag))
      weight = 4;
    else if (HasTitleClass(doc, i) && n.tag != "title" && n.tag != "meta")
      weight = 4;
    else if ((n.tag == "b" || n.tag == "strong" || n.tag == "font") && n.children.size() == 1) {
      weight = 1;
    }
    if (weight == 0) continue;
    std::string text = TextOf(doc, i);
    size_t len = CodePoints(text);
    if (len < options.min_chars || len > options.max_chars) continue;
    int score = weight;
    bool in_title = !title_tag.empty() && title_tag.find(text) != std::string::npos;
    bool in_og = !og.empty() && og.find(text) != std::string::npos;
    bool title_in_text = !decoration.empty() &&
                         text.find(decoration.front()) != std::string::npos &&
                         CodePoints(decoration.front()) >= options.min_chars;
    if (in_title || in_og)
      score += 10;
    else if (title_in_text)
      score += 6;
    // A candidate that is only a decoration segment (site or column name) is not the headline.
    bool is_decoration =
        decoration.size() > 1 &&
        std::find(decoration.begin() + 1, decoration.end(), text) != decoration.end();
    if (is_decoration) continue;
    candidates.push_back({text, score, i});
  }
  const Candidate* best = nullptr;
  for (const auto& c : candidates) {
    if (c.score < 10 && c.score < 6) continue;  // must agree with <title> or be a real headline
    if (!best || c.score > best->score ||
        (c.score == best->score && body_container != kNoNode && c.id > best->id &&
         c.id < body_container)) {
      best = &c;
    }
  }
  if (best && !IsLinkText(doc, best->text)) return best->text;
  if (best) {
    // Linked headlines exist (a title linking to itself); accept when it matches <title>.
    if (best->score >= 10) return best->text;
  }

  // 2. og:title or <title>, cleaned.
  for (const std::string* source : {&og, &title_tag}) {
    if (source->empty()) continue;
    std::string cleaned = StripTitleDecoration(*source);
    if (CodePoints(cleaned) >= 2) return cleaned;
  }
  // 3. The first <h1>.
  if (NodeId h1 = doc.FindFirst("h1"); h1 != kNoNode) {
    std::string text = TextOf(doc, h1);
    if (!text.empty()) return text;
  }
  return std::nullopt;
}

}  // namespace extract
