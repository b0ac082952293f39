#include "extract/prev_next.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cctype>
#include <string_view>

#include "extract/page_links.h"
#include "extract/prev_next_patterns.h"
#include "util/url.h"

namespace extract {
namespace {

// A label's link is looked for in its own element and then in at most this many enclosing
// elements: enough for "<li><div>上一篇:</div><a>…</a></li>" and for a label in its own table
// cell ("<tr><td>上一条:</td><td><a>…</a></td></tr>"), never the whole page.
constexpr int kMaxScopeLevels = 4;
// An enclosing element with more visible text than this is a content block, not a nav line.
constexpr size_t kMaxScopeTextBytes = 900;
// A label that is not at the start of its text node still counts when the node is this short
// ("上一篇：A  下一篇：B" printed as one line); prose mentioning "上一篇" is longer.
constexpr size_t kMaxNavTextBytes = 300;
// Longest title accepted when it is printed as plain text beside its label (no link).
constexpr size_t kMaxPlainTitleBytes = 300;
// How far a pager is looked for around a 下一页 link (levels of enclosing elements).
constexpr int kMaxPagerLevels = 3;

// Candidate strength, best first: a labelled link; an explicit "none" (没有了); a bare
// "Next »" inside post navigation or a label with a plain-text title; an unlabelled rel=prev/next.
enum Rank { kRelOnly = 1, kWeak = 2, kExplicitNone = 3, kLabelledLink = 4 };

struct Candidate {
  SiblingDirection direction;
  NodeId node;
  SiblingLink link;
  int rank;
};

// ---------------------------------------------------------------------------------------------
// UTF-8 helpers

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

// Start of the code point that ends at byte `end` (exclusive).
size_t PrevCodePoint(std::string_view s, size_t end) {
  size_t i = end - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

bool IsSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0xA0 ||
         cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFEFF;
}

bool IsSpaceOrDecoration(char32_t cp) { return IsSpace(cp) || IsLabelDecoration(cp); }

// Closing decoration left at the end of a title after its label ("【上一篇】" leaves "】").
bool IsTrailingDecoration(char32_t cp) {
  return IsSpace(cp) || cp == ':' || cp == 0xFF1A || cp == '[' || cp == ']' || cp == 0x3010 ||
         cp == 0x3011 || cp == '|' || cp == 0xFF5C;
}

template <typename Pred>
std::string_view TrimLeft(std::string_view s, Pred pred) {
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp;
    size_t len = DecodeUtf8(s, i, &cp);
    if (!pred(cp)) break;
    i += len;
  }
  return s.substr(i);
}

template <typename Pred>
std::string_view TrimRight(std::string_view s, Pred pred) {
  size_t end = s.size();
  while (end > 0) {
    size_t start = PrevCodePoint(s, end);
    char32_t cp;
    DecodeUtf8(s, start, &cp);
    if (!pred(cp)) break;
    end = start;
  }
  return s.substr(0, end);
}

std::string_view TrimDecoration(std::string_view s) {
  return TrimRight(TrimLeft(s, IsSpaceOrDecoration), IsTrailingDecoration);
}

bool IsOnlyDecoration(std::string_view s) { return TrimLeft(s, IsSpaceOrDecoration).empty(); }

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsAsciiAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

bool IsOneOf(std::string_view text, std::span<const std::string_view> words) {
  std::string lower = AsciiLower(text);
  return std::find(words.begin(), words.end(), lower) != words.end();
}

// ---------------------------------------------------------------------------------------------
// Labels in text

struct LabelHit {
  size_t begin;  // byte offsets in the text node
  size_t end;
  SiblingDirection direction;
};

char AsciiLowerChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A label table indexed by the (lower-case) first byte of each label, so that a text is
// scanned once instead of once per label: FindLabels runs on every text node of the page.
class LabelIndex {
 public:
  explicit LabelIndex(std::span<const SiblingLabel> labels) : labels_(labels) {
    for (size_t k = 0; k < labels.size(); ++k) {
      std::string_view text = labels[k].text;
      by_first_byte_[static_cast<unsigned char>(text.front())].push_back(k);
      if (text.size() >= 2) {
        first_two_.set(PairKey(text[0], text[1]));
      } else {
        has_one_byte_label_ = true;
      }
    }
  }
  std::span<const SiblingLabel> labels() const { return labels_; }

  // Every occurrence of every label (ASCII case-insensitively), as (label index, byte offset),
  // ordered by label index and then offset: what a find() per label would give.
  std::vector<std::pair<size_t, size_t>> Occurrences(std::string_view text) const {
    std::vector<std::pair<size_t, size_t>> out;
    for (size_t i = 0; i < text.size(); ++i) {
      // Labels are at least two bytes long: most positions are passed over on their pair.
      if (!has_one_byte_label_ && i + 1 < text.size() &&
          !first_two_.test(PairKey(AsciiLowerChar(text[i]), AsciiLowerChar(text[i + 1])))) {
        continue;
      }
      const auto& candidates = by_first_byte_[static_cast<unsigned char>(AsciiLowerChar(text[i]))];
      for (size_t k : candidates) {
        std::string_view label = labels_[k].text;
        if (label.size() > text.size() - i) continue;
        bool equal = true;
        for (size_t b = 1; b < label.size() && equal; ++b) {
          equal = AsciiLowerChar(text[i + b]) == label[b];
        }
        if (equal) out.emplace_back(k, i);
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  static size_t PairKey(char a, char b) {
    return static_cast<size_t>(static_cast<unsigned char>(a)) << 8 | static_cast<unsigned char>(b);
  }

  std::span<const SiblingLabel> labels_;
  std::array<std::vector<size_t>, 256> by_first_byte_;
  std::bitset<65536> first_two_;  // the first two bytes of a label (lower case)
  bool has_one_byte_label_ = false;
};

const LabelIndex& ArticleLabelIndex() {
  static const LabelIndex index(SiblingArticleLabels());
  return index;
}

const LabelIndex& BareLabelIndex() {
  static const LabelIndex index(BareSiblingLabels());
  return index;
}

// Sibling-article labels in `text` that stand where a label stands: at the start of the text
// (after decoration only), or after a space or decoration in a short text. ASCII labels must
// sit on word boundaries. Overlapping hits keep the longest (the table is longest first).
// `require_start` accepts only labels that open the text.
std::vector<LabelHit> FindLabels(std::string_view text, const LabelIndex& index,
                                 bool require_start = false) {
  std::vector<LabelHit> hits;
  for (const auto& occurrence : index.Occurrences(text)) {
    const SiblingLabel& label = index.labels()[occurrence.first];
    const size_t pos = occurrence.second;  // a plain variable: lambdas below capture it
    {
      size_t end = pos + label.text.size();
      bool overlaps = std::any_of(hits.begin(), hits.end(),
                                  [&](const LabelHit& h) { return pos < h.end && end > h.begin; });
      if (overlaps) continue;
      // English labels ("Next article") must open their text: "in the next article, ..." is
      // prose.
      bool ascii = IsAsciiAlpha(label.text.front());
      if (ascii && ((pos > 0 && IsAsciiAlpha(text[pos - 1])) ||
                    (end < text.size() && IsAsciiAlpha(text[end])))) {
        continue;
      }
      std::string_view before = text.substr(0, pos);
      bool at_start = IsOnlyDecoration(before);
      if (!at_start) {
        if (require_start || ascii) continue;
        char32_t cp;
        DecodeUtf8(text, PrevCodePoint(text, pos), &cp);
        if (!IsSpaceOrDecoration(cp) || text.size() > kMaxNavTextBytes) continue;
      }
      // After the label: end, space or decoration. "上一篇文章中" in prose and a title such as
      // "前一篇文章" continue with ideographs and are no labels.
      if (end < text.size()) {
        char32_t cp;
        DecodeUtf8(text, end, &cp);
        if (!IsSpaceOrDecoration(cp)) continue;
      }
      hits.push_back({pos, end, label.direction});
    }
  }
  std::sort(hits.begin(), hits.end(),
            [](const LabelHit& a, const LabelHit& b) { return a.begin < b.begin; });
  return hits;
}

bool HasAnyLabel(std::string_view text) {
  if (!FindLabels(text, ArticleLabelIndex()).empty()) return true;
  std::string_view trimmed = TrimDecoration(text);
  return IsOneOf(trimmed, PaginationWords());
}

// ---------------------------------------------------------------------------------------------
// Links

bool HasToken(std::string_view attr, std::string_view token) {
  std::string lower = AsciiLower(attr);
  size_t i = 0;
  while (i < lower.size()) {
    size_t j = lower.find_first_of(" \t\n", i);
    if (j == std::string::npos) j = lower.size();
    if (std::string_view(lower).substr(i, j - i) == token) return true;
    i = j + 1;
  }
  return false;
}

// The absolute URL of a link, or nullopt for "#", "javascript:" and missing hrefs that name no
// literal URL. When the page
// URL is unknown, a relative href is kept as printed (the best that can be said about it).
std::optional<std::string> LinkUrl(const PageContext& ctx, NodeId a) {
  auto href_attr = ctx.doc.Attr(a, "href");
  std::string href = href_attr ? CollapseWhitespace(*href_attr) : std::string();
  std::string lower = AsciiLower(href);
  if (href.empty() || href.front() == '#' || lower.starts_with("javascript:")) {
    // A script link: the page it opens when that is a literal URL (page_links.h).
    return ScriptUrlOf(ctx, a);
  }
  if (lower.starts_with("mailto:") || lower.starts_with("about:")) return std::nullopt;
  if (auto resolved = ctx.Resolve(href)) return resolved;
  if (ctx.base_url.empty() && lower.find(':') == std::string::npos) return href;
  return std::nullopt;
}

// Text that follows element `a` inside its parent line, up to the next link or block: the title
// of "<a>下一篇</a><span>标题</span>".
std::string AdjacentText(const Document& doc, NodeId a) {
  NodeId parent = doc.node(a).parent;
  if (parent == kNoNode) return {};
  std::string out;
  for (NodeId i = doc.SubtreeEnd(a); i < doc.SubtreeEnd(parent); ++i) {
    const Node& n = doc.node(i);
    if (n.type == NodeType::kText) {
      if (HasAnyLabel(n.text)) break;
      out += n.text;
      continue;
    }
    if (n.tag == "a" || (n.IsBlock() && n.tag != "br")) break;
    if (n.IsInvisible()) i = n.subtree_end - 1;
  }
  return std::string(TrimDecoration(CollapseWhitespace(out)));
}

bool EndsWithEllipsis(std::string_view s) {
  return s.ends_with("...") || s.ends_with("\u2026") || s.ends_with("\u3002\u3002\u3002");
}

std::string StripEllipsis(std::string_view s) {
  for (std::string_view tail : {"...", "\u2026\u2026", "\u2026", "\u3002\u3002\u3002"}) {
    if (s.ends_with(tail))
      return std::string(TrimRight(s.substr(0, s.size() - tail.size()), IsSpace));
  }
  return std::string(s);
}

// Title of a sibling link: the printed text (label removed by the caller), else the title
// attribute, else the text right after the link; a title cut with "..." gives way to a longer
// title attribute that starts the same.
std::optional<std::string> LinkTitle(const Document& doc, NodeId a, std::string printed) {
  std::string attr = a != kNoNode ? CollapseWhitespace(doc.Attr(a, "title").value_or("")) : "";
  if (printed.empty()) printed = attr;
  if (printed.empty() && a != kNoNode) printed = AdjacentText(doc, a);
  if (!attr.empty() && EndsWithEllipsis(printed) && attr.size() > printed.size() &&
      attr.starts_with(StripEllipsis(printed))) {
    printed = attr;
  }
  if (printed.empty() || IsOneOf(printed, NoSiblingTexts())) return std::nullopt;
  return printed;
}

// The link text of `a` without the label `hit` found in its text node `text_node`.
std::string LinkTextWithoutLabel(const Document& doc, NodeId a, NodeId text_node,
                                 const LabelHit& hit) {
  std::string out;
  for (NodeId i = a; i < doc.SubtreeEnd(a); ++i) {
    const Node& n = doc.node(i);
    if (n.type == NodeType::kElement) {
      if (n.IsInvisible()) i = n.subtree_end - 1;
      if (n.tag == "br") out.push_back(' ');
      continue;
    }
    if (i == text_node) {
      // Text before the label is decoration ("【") and dropped with it.
      out.append(n.text.substr(hit.end));
    } else if (!HasAnyLabel(n.text)) {
      out.append(n.text);
    }
    out.push_back(' ');
  }
  return std::string(TrimDecoration(CollapseWhitespace(out)));
}

bool InsideHead(const Document& doc, NodeId id) {
  return doc.ClosestAncestor(id, "head") != kNoNode;
}

// ---------------------------------------------------------------------------------------------
// Candidates

// A candidate for link `a` whose text without its label is `printed`: a labelled link; a link
// that leads nowhere ("#", "javascript:") or says 没有了 is an explicit "none" (url null); an
// <a> without href and without a title is no candidate.
std::optional<Candidate> LinkCandidate(const PageContext& ctx, NodeId a, SiblingDirection direction,
                                       const std::string& printed) {
  SiblingLink link{LinkUrl(ctx, a), LinkTitle(ctx.doc, a, printed)};
  if (link.url) return Candidate{direction, a, link, kLabelledLink};
  if (IsOneOf(printed, NoSiblingTexts()) || ctx.doc.Attr(a, "href")) {
    return Candidate{direction, a, link, kExplicitNone};
  }
  if (link.title) return Candidate{direction, a, link, kWeak};
  return std::nullopt;
}

// Looks after a label (text node `from`) for its link: the first <a> in the label's element or
// in up to kMaxScopeLevels enclosing elements, unless another label, a "none" text or other
// text comes first.
std::optional<Candidate> FollowLabel(const PageContext& ctx, NodeId from,
                                     SiblingDirection direction) {
  const Document& doc = ctx.doc;
  NodeId scope = doc.node(from).parent;
  NodeId scanned_end = from + 1;
  for (int level = 0; level < kMaxScopeLevels && scope != kNoNode; ++level) {
    if (doc.Text(scope).size() > kMaxScopeTextBytes) break;
    for (NodeId i = scanned_end; i < doc.SubtreeEnd(scope); ++i) {
      const Node& n = doc.node(i);
      if (n.type == NodeType::kElement) {
        if (n.IsInvisible()) {
          i = n.subtree_end - 1;
        } else if (n.tag == "a") {
          std::string text = std::string(TrimDecoration(doc.CompactText(i)));
          if (HasAnyLabel(text)) return std::nullopt;  // the next label's own link
          return LinkCandidate(ctx, i, direction, text);
        }
        continue;
      }
      std::string text(TrimDecoration(CollapseWhitespace(n.text)));
      if (text.empty()) continue;
      if (IsOneOf(text, NoSiblingTexts())) return Candidate{direction, from, {}, kExplicitNone};
      // A title printed without a link (the link is added by script) counts only beside the
      // label, in the label's own element.
      if (level > 0 || HasAnyLabel(text) || text.size() > kMaxPlainTitleBytes) return std::nullopt;
      return Candidate{direction, from, {std::nullopt, text}, kWeak};
    }
    scanned_end = doc.SubtreeEnd(scope);
    scope = doc.node(scope).parent;
  }
  return std::nullopt;
}

// Candidates from one text node holding sibling labels.
void LabelCandidates(const PageContext& ctx, NodeId text_node, std::vector<Candidate>* out) {
  const Document& doc = ctx.doc;
  const std::string& text = doc.node(text_node).text;
  std::vector<LabelHit> hits = FindLabels(text, ArticleLabelIndex());
  NodeId a = doc.ClosestAncestor(text_node, "a");
  for (size_t k = 0; k < hits.size(); ++k) {
    const LabelHit& hit = hits[k];
    if (a != kNoNode) {
      auto c = LinkCandidate(ctx, a, hit.direction, LinkTextWithoutLabel(doc, a, text_node, hit));
      if (c) out->push_back(*c);
      return;  // one link carries one label
    }
    size_t rest_end = k + 1 < hits.size() ? hits[k + 1].begin : text.size();
    std::string rest(TrimDecoration(
        CollapseWhitespace(std::string_view(text).substr(hit.end, rest_end - hit.end))));
    if (IsOneOf(rest, NoSiblingTexts())) {
      out->push_back({hit.direction, text_node, {}, kExplicitNone});
    } else if (!rest.empty()) {
      out->push_back({hit.direction, text_node, {std::nullopt, rest}, kWeak});
    } else if (k + 1 == hits.size()) {
      if (auto c = FollowLabel(ctx, text_node, hit.direction)) out->push_back(*c);
    }
  }
}

bool InsidePostNav(const Document& doc, NodeId id) {
  int level = 0;
  for (NodeId i = id; i != kNoNode && level < kMaxScopeLevels + 2; i = doc.node(i).parent) {
    if (doc.node(i).type != NodeType::kElement) continue;
    ++level;
    for (std::string_view attr_name : {"class", "id"}) {
      auto attr = doc.Attr(i, attr_name);
      if (!attr) continue;
      for (std::string_view token : PostNavClassTokens()) {
        if (AsciiLower(*attr).find(token) != std::string::npos) return true;
      }
    }
  }
  return false;
}

// "Next »" / "‹ Previous" inside post navigation.
void BareLabelCandidates(const PageContext& ctx, NodeId text_node, std::vector<Candidate>* out) {
  const Document& doc = ctx.doc;
  std::vector<LabelHit> hits =
      FindLabels(doc.node(text_node).text, BareLabelIndex(), /*require_start=*/true);
  if (hits.empty() || !InsidePostNav(doc, text_node)) return;
  SiblingDirection direction = hits.front().direction;
  NodeId a = doc.ClosestAncestor(text_node, "a");
  if (a == kNoNode) {
    if (auto c = FollowLabel(ctx, text_node, direction)) {
      c->rank = std::min(c->rank, static_cast<int>(kWeak));
      out->push_back(*c);
    }
    return;
  }
  // "« Previous", "Next »": the arrow and the word are one label.
  LabelHit all{hits.front().begin, hits.back().end, direction};
  std::string printed = LinkTextWithoutLabel(doc, a, text_node, all);
  SiblingLink link{LinkUrl(ctx, a), LinkTitle(doc, a, printed)};
  if (link.url) out->push_back({direction, a, link, kWeak});
}

// <a rel="prev|next"> in the page body (WordPress post navigation); <link rel> in <head> is
// usually pagination and is left to ContinuationUrls.
void RelCandidates(const PageContext& ctx, std::vector<Candidate>* out) {
  const Document& doc = ctx.doc;
  for (NodeId a : doc.FindAll("a")) {
    auto rel = doc.Attr(a, "rel");
    if (!rel || InsideHead(doc, a)) continue;
    std::optional<SiblingDirection> direction;
    if (HasToken(*rel, "prev") || HasToken(*rel, "previous")) direction = SiblingDirection::kPrev;
    if (HasToken(*rel, "next")) direction = SiblingDirection::kNext;
    if (!direction) continue;
    std::string text(TrimDecoration(doc.CompactText(a)));
    if (IsOneOf(text, PaginationWords()) || IsOneOf(text, NextPageLabels())) continue;
    if (!text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c)) != 0;
        })) {
      continue;  // a page number
    }
    SiblingLink link{LinkUrl(ctx, a), LinkTitle(doc, a, text)};
    if (link.url) out->push_back({*direction, a, link, kRelOnly});
  }
}

// The direction a link's own class or id names, or its parent's: "previous-post", "nav-next",
// "prev", "next" as a whole word between spaces, '-' or '_' ("next-post", not "nextpage").
std::optional<SiblingDirection> ClassDirection(const Document& doc, NodeId a) {
  NodeId parent = doc.node(a).parent;
  for (NodeId id : {a, parent}) {
    if (id == kNoNode || doc.node(id).type != NodeType::kElement) continue;
    for (std::string_view attr_name : {"class", "id"}) {
      auto attr = doc.Attr(id, attr_name);
      if (!attr) continue;
      std::string value = AsciiLower(*attr);
      size_t start = 0;
      while (start <= value.size()) {
        size_t end = value.find_first_of(" \t\n-_", start);
        if (end == std::string::npos) end = value.size();
        std::string_view word = std::string_view(value).substr(start, end - start);
        if (word == "prev" || word == "previous") return SiblingDirection::kPrev;
        if (word == "next") return SiblingDirection::kNext;
        start = end + 1;
      }
    }
  }
  return std::nullopt;
}

// A link in post navigation whose class names its direction, whatever it prints: WordPress's
// <a class="previous-post"><span>←</span>标题</a>, <a class="next">标题 »</a> (#12).
void ClassCandidates(const PageContext& ctx, std::vector<Candidate>* out) {
  const Document& doc = ctx.doc;
  for (NodeId a : doc.FindAll("a")) {
    if (InsideHead(doc, a) || !InsidePostNav(doc, a)) continue;
    auto direction = ClassDirection(doc, a);
    if (!direction) continue;
    std::string text(TrimDecoration(doc.CompactText(a)));
    if (text.empty() || IsOneOf(text, PaginationWords()) || IsOneOf(text, NextPageLabels())) {
      continue;
    }
    SiblingLink link{LinkUrl(ctx, a), LinkTitle(doc, a, text)};
    if (link.url) out->push_back({*direction, a, link, kWeak});
  }
}

// Best candidate of one direction: the highest rank; among equals, the first one at or after
// the start of the article text, else the last one before it (blocks printed above the text).
std::optional<SiblingLink> Choose(const std::vector<Candidate>& candidates,
                                  SiblingDirection direction, NodeId body_container) {
  int best_rank = 0;
  for (const Candidate& c : candidates) {
    if (c.direction == direction) best_rank = std::max(best_rank, c.rank);
  }
  if (best_rank == 0) return std::nullopt;
  NodeId anchor = body_container == kNoNode ? 0 : body_container;
  const Candidate* before = nullptr;
  for (const Candidate& c : candidates) {
    if (c.direction != direction || c.rank != best_rank) continue;
    if (c.node >= anchor) return c.link;
    before = &c;
  }
  return before != nullptr ? std::optional(before->link) : std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Continuation pages

std::optional<int> PageNumber(std::string_view text) {
  std::string_view t = TrimDecoration(text);
  if (t.empty() || t.size() > 4) return std::nullopt;
  int n = 0;
  for (char c : t) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

// The element holding a page navigator: around a 下一页 link, or the parent of two or more
// numbered links ("【1】【2】【3】").
NodeId FindPager(const Document& doc, NodeId from, NodeId* next_page_link) {
  *next_page_link = kNoNode;
  std::vector<NodeId> links = doc.FindAll("a", from);
  for (NodeId a : links) {
    if (IsOneOf(TrimDecoration(doc.CompactText(a)), NextPageLabels())) {
      *next_page_link = a;
      NodeId pager = doc.node(a).parent;
      for (int level = 0; level < kMaxPagerLevels && pager != kNoNode; ++level) {
        if (doc.FindAll("a", pager).size() >= 2) return pager;
        pager = doc.node(pager).parent;
      }
      return doc.node(a).parent;
    }
  }
  for (NodeId a : links) {
    if (PageNumber(doc.CompactText(a)) != 2) continue;
    NodeId parent = doc.node(a).parent;
    if (doc.IsElement(parent, "span") || doc.IsElement(parent, "li"))
      parent = doc.node(parent).parent;
    int numbered = 0;
    for (NodeId b : doc.FindAll("a", parent)) numbered += PageNumber(doc.CompactText(b)) ? 1 : 0;
    if (numbered >= 2) return parent;
  }
  return kNoNode;
}

// True when `url` looks like a following page of `page_url`: the same path with a page suffix
// ("a.html" → "a_2.html", "a-2.html") or a page parameter.
bool IsSameArticlePage(std::string_view page_url, std::string_view url) {
  auto page = util::SplitUrl(page_url);
  auto other = util::SplitUrl(url);
  if (!page || !other || page->host != other->host) return false;
  if (page->path == other->path) return other->query != page->query;
  size_t dot = page->path.rfind('.');
  std::string stem = page->path.substr(0, dot == std::string::npos ? page->path.size() : dot);
  return other->path.starts_with(stem + "_") || other->path.starts_with(stem + "-");
}

std::vector<std::string> ContinuationUrls(const PageContext& ctx, NodeId body_container) {
  const Document& doc = ctx.doc;
  std::vector<std::string> urls;
  if (doc.empty()) return urls;
  NodeId next_page_link = kNoNode;
  NodeId pager = FindPager(doc, doc.root(), &next_page_link);
  if (pager != kNoNode && body_container != kNoNode && pager < body_container) {
    pager = kNoNode;  // a navigator above the article text belongs to the site, not the article
  }
  if (pager == kNoNode) {
    for (NodeId link : doc.FindAll("link")) {
      auto rel = doc.Attr(link, "rel");
      if (!rel || !HasToken(*rel, "next")) continue;
      auto url = LinkUrl(ctx, link);
      if (url && IsSameArticlePage(ctx.base_url, *url)) urls.push_back(*url);
    }
    return urls;
  }
  // Current page: a number printed without a link, or the link to this very page.
  int current = 0;
  std::vector<std::pair<int, std::string>> numbered;
  for (NodeId i = pager; i < doc.SubtreeEnd(pager); ++i) {
    const Node& n = doc.node(i);
    if (n.type == NodeType::kElement && n.tag == "a") {
      if (auto number = PageNumber(doc.CompactText(i))) {
        auto url = LinkUrl(ctx, i);
        if (url && *url == ctx.base_url) {
          current = *number;
        } else if (url) {
          numbered.emplace_back(*number, *url);
        }
      }
      i = n.subtree_end - 1;
    } else if (n.type == NodeType::kText && current == 0) {
      if (auto number = PageNumber(CollapseWhitespace(n.text))) current = *number;
    }
  }
  if (current == 0) current = 1;
  std::sort(numbered.begin(), numbered.end());
  for (const auto& [number, url] : numbered) {
    if (number > current && std::find(urls.begin(), urls.end(), url) == urls.end()) {
      urls.push_back(url);
    }
  }
  if (urls.empty() && next_page_link != kNoNode) {
    if (auto url = LinkUrl(ctx, next_page_link); url && *url != ctx.base_url) urls.push_back(*url);
  }
  return urls;
}

}  // namespace

SiblingLinks ExtractPrevNext(const PageContext& ctx, NodeId body_container) {
  SiblingLinks result;
  const Document& doc = ctx.doc;
  if (doc.empty()) return result;
  // 1. Labelled links (上一篇：<a>…</a>, <a>下一条：…</a>, "Next article") and bare "Next »" in
  // post navigation, in document order. 2. Links in post navigation whose class names their
  // direction. 3. Unlabelled <a rel=prev/next>.
  std::vector<Candidate> candidates;
  for (NodeId i = 0; i < static_cast<NodeId>(doc.size()); ++i) {
    const Node& n = doc.node(i);
    if (n.type == NodeType::kElement) {
      if (n.IsInvisible() && i != doc.root()) i = n.subtree_end - 1;
      continue;
    }
    LabelCandidates(ctx, i, &candidates);
    BareLabelCandidates(ctx, i, &candidates);
  }
  ClassCandidates(ctx, &candidates);
  RelCandidates(ctx, &candidates);
  result.prev = Choose(candidates, SiblingDirection::kPrev, body_container);
  result.next = Choose(candidates, SiblingDirection::kNext, body_container);
  // 4. The following pages of a multi-page article (下一页 and page numbers).
  result.continuation_urls = ContinuationUrls(ctx, body_container);
  return result;
}

}  // namespace extract
