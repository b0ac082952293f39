// Title choice, in order:
// 1. an in-page headline (h1–h6, an element classed "title", a bold line in a table layout)
//    above or at the top of the text that the JSON-LD headline, og:title or most of <title>
//    confirms, strongest markup first, then the one nearest the text;
// 2. the JSON-LD headline (or name) of the page's Article object, without a site name it
//    repeats;
// 3. og:title (or twitter:title, DC.Title, citation_title) without a site name it repeats;
// 4. the cleaned <title> (decoration segments removed), unless it is only a column or site
//    name (a link text of the page, the end of a breadcrumb, og:site_name); when the page
//    never shows it, a headline-like line just above the text (or a bold first line of the
//    text) comes first;
// 5. the heading nearest above the text;
// 6. a headline-like line at the top of the text; 7. the cleaned <title> anyway; 8. the last
//    headline-like line found; 9. the first <h1>.
// A candidate equal to a decoration segment of <title> (site or column name) or to
// og:site_name is never taken. Before all this, what <title> shares with the site's other
// pages' titles is removed (site_titles.h), and a <title> most of them carry is a site name.
#include "extract/title.h"

#include <algorithm>
#include <vector>

#include "extract/boilerplate_patterns.h"
#include "extract/json_ld.h"
#include "extract/meta_tags.h"
#include "extract/site_titles.h"
#include "extract/text_normalize.h"
#include "extract/title_patterns.h"
#include "extract/u32_text.h"

namespace extract {
namespace {

using u32::CodePoints;

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Longest decoration segment (a channel or site name) cut at a bare hyphen, in code points.
constexpr size_t kMaxBareHyphenSegment = 12;

// <title> cut at bare hyphens between characters that are not ASCII letters or digits
// ("标题-股票频道-和讯网"; never "2021-2022", "COVID-19" or "well-known"), when what follows
// the first part reads as decoration: two or more short segments, or one short segment ending
// like a site name. Otherwise the whole title.
std::vector<std::string> SplitAtBareHyphens(std::string_view title) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 1; i + 1 < title.size(); ++i) {
    if (title[i] != '-' || IsAsciiAlnum(title[i - 1]) || IsAsciiAlnum(title[i + 1]) ||
        title[i - 1] == '-' || title[i + 1] == '-') {
      continue;
    }
    parts.push_back(CollapseWhitespace(title.substr(start, i - start)));
    start = i + 1;
  }
  if (parts.empty()) return {CollapseWhitespace(title)};
  parts.push_back(CollapseWhitespace(title.substr(start)));
  bool short_tail = std::all_of(parts.begin() + 1, parts.end(), [](const std::string& p) {
    return !p.empty() && CodePoints(p) <= kMaxBareHyphenSegment;
  });
  if (short_tail && (parts.size() >= 3 || HasSiteNameEnding(parts.back()))) return parts;
  return {CollapseWhitespace(title)};
}

// True when `title` is `text` with decoration before or after it, joined by a separator of any
// kind, spaced or bare ("标题-股票频道-和讯网", "和讯网_标题", "Headline | Site"), and the
// decoration is no longer than `text` (a blog's name before a long post title is not it).
bool IsTitleSegment(std::string_view title, std::string_view text) {
  if (text.empty() || title.size() <= text.size()) return title == text;
  if (CodePoints(title) > 2 * CodePoints(text) + 3) return false;
  auto is_separator = [](std::string_view s, bool at_start) {
    while (!s.empty() && (at_start ? s.front() : s.back()) == ' ') {
      s = at_start ? s.substr(1) : s.substr(0, s.size() - 1);
    }
    for (std::string_view sep : {"-", "_", "|", "｜", "－", "—", "–", "·", ":", "：", "/", "»"}) {
      if (at_start ? s.starts_with(sep) : s.ends_with(sep)) return true;
    }
    return false;
  };
  if (title.starts_with(text)) return is_separator(title.substr(text.size()), true);
  if (title.ends_with(text))
    return is_separator(title.substr(0, title.size() - text.size()), false);
  return false;
}

// <title> cut at the first kind of separator it contains; empty segments kept, so a title
// that starts with a separator ("-铜雀历史网") shows it has no headline.
std::vector<std::string> SplitTitle(std::string_view title) {
  for (std::string_view sep : TitleSeparators()) {
    if (title.find(sep) == std::string_view::npos) continue;
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
      size_t at = title.find(sep, start);
      parts.push_back(CollapseWhitespace(title.substr(start, at - start)));
      if (at == std::string_view::npos) break;
      start = at + sep.size();
    }
    return parts;
  }
  return SplitAtBareHyphens(title);
}

// The first non-empty value of the <meta> elements named one of `names`, whitespace collapsed
// ("" when none), by the names' preference.
std::string FirstMetaContent(const Document& doc, std::span<const std::string_view> names) {
  for (const std::string& content : MetaContents(doc, names)) {
    std::string value = CollapseWhitespace(content);
    if (!value.empty()) return value;
  }
  return "";
}

bool HasHeadlineClass(const Document& doc, NodeId id) {
  for (const char* attr : {"class", "id"}) {
    if (auto v = doc.Attr(id, attr); v && IsHeadlineClass(*v)) return true;
  }
  return false;
}

// How much an element looks like a headline by its markup; 0 when not at all.
int HeadlineWeight(const Document& doc, NodeId id, const TitleOptions& o) {
  const Node& n = doc.node(id);
  if (n.tag == "h1") return o.h1_weight;
  if (n.tag.size() == 2 && n.tag[0] == 'h' && n.tag[1] >= '2' && n.tag[1] <= '6') {
    return o.heading_weight;
  }
  if (n.tag == "title" || n.tag == "meta" || n.tag == "a" || n.tag == "li") return 0;
  if (HasHeadlineClass(doc, id)) return o.heading_weight;
  if ((n.tag == "b" || n.tag == "strong" || n.tag == "font") && n.children.size() == 1) {
    return o.bold_weight;
  }
  return 0;
}

// og:title without the site name when it repeats one (" | eHow" where <title> or
// og:site_name names the site); other dashes are part of the headline.
std::string CleanOgTitle(const std::string& og, const std::vector<std::string>& title_segments,
                         const std::string& site_name) {
  std::vector<std::string> parts = SplitTitle(og);
  if (parts.size() < 2) return og;
  auto is_name = [&](const std::string& p) {
    if (!site_name.empty() && p == site_name) return true;
    return std::find(title_segments.begin() + 1, title_segments.end(), p) != title_segments.end();
  };
  std::string out;
  for (size_t k = 0; k < parts.size(); ++k) {
    if (is_name(parts[k])) continue;
    if (!out.empty()) out += " - ";
    out += parts[k];
  }
  // Several headline segments: keep the original spelling.
  size_t kept = 0;
  for (const auto& p : parts) kept += !is_name(p);
  if (kept == parts.size()) return og;
  if (kept == 1) return out;
  return StripTitleDecoration(og);
}

// True when `text` names a column: a link text of the page, or the end of a breadcrumb.
bool IsColumnName(const Document& doc, const std::string& text) {
  for (NodeId a : doc.FindAll("a")) {
    if (doc.CompactText(a) == text) return true;
  }
  for (NodeId i = 0; i < static_cast<NodeId>(doc.size()); ++i) {
    const Node& n = doc.node(i);
    if (n.type != NodeType::kText || n.text.find(text) == std::string::npos) continue;
    NodeId block = n.parent;
    while (block != kNoNode && !IsBlockTag(doc.node(block).tag)) block = doc.node(block).parent;
    if (block == kNoNode) continue;
    std::string line = doc.CompactText(block);
    if (line.size() < 4 * text.size() + 64 && line.size() >= text.size() &&
        line.compare(line.size() - text.size(), text.size(), text) == 0 && IsBreadcrumbLine(line)) {
      return true;
    }
  }
  return false;
}

bool HasSubtitleClass(const Document& doc, NodeId id) {
  for (const char* attr : {"class", "id"}) {
    if (auto v = doc.Attr(id, attr); v && IsSubtitleClass(*v)) return true;
  }
  return false;
}

// Text without spaces and the dashes and separators that join a headline and its subtitle in
// <title> ("主标题 ——副标题", "Headline: subtitle"), for comparing the two.
std::u32string Squeezed(std::string_view text) {
  std::u32string out;
  for (char32_t c : u32::ToU32(text)) {
    if (u32::IsSpace(c) || u32::IsColon(c)) continue;
    switch (c) {
      case U'-':
      case U'\u2013':
      case U'\u2014':
      case U'\u2015':
      case U'\uff0d':
      case U'_':
      case U'|':
      case U'\uff5c':
      case U'\u00b7':
        continue;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// The text of a heading without a permalink mark at its start or end: the "¶" of
// <a class="headerlink" href="#evolve">¶</a> (Sphinx, many static-site generators).
std::string HeadingText(const Document& doc, NodeId id) {
  std::string text = doc.CompactText(id);
  for (NodeId a = id + 1; a < doc.node(id).subtree_end; ++a) {
    if (!doc.IsElement(a, "a")) continue;
    auto href = doc.Attr(a, "href");
    if (!href || !href->starts_with("#")) continue;
    std::string mark = doc.CompactText(a);
    if (mark.empty() || !IsPermalinkMark(mark) || mark.size() >= text.size()) continue;
    if (text.ends_with(mark)) {
      text = CollapseWhitespace(std::string_view(text).substr(0, text.size() - mark.size()));
    } else if (text.starts_with(mark)) {
      text = CollapseWhitespace(std::string_view(text).substr(mark.size()));
    }
  }
  return text;
}

// True when the page's visible text shows `text` (spaces ignored) as at least half of a line:
// "显示" inside a "显示全部评论" link or "网易娱乐" in a breadcrumb does not count.
bool ShownOnPage(const PageContext& ctx, std::string_view text) {
  auto squeeze = [](std::u32string_view s) {
    std::u32string out;
    for (char32_t c : s) {
      if (!u32::IsSpace(c)) out.push_back(c);
    }
    return out;
  };
  std::u32string needle = squeeze(u32::ToU32(text));
  if (needle.empty()) return false;
  for (const Line& line : ctx.BodyLines()) {
    if (line.text.size() < needle.size()) continue;
    // Counted before the line is copied: a page of text can be one line of megabytes.
    auto shown = static_cast<size_t>(std::count_if(line.text.begin(), line.text.end(),
                                                   [](char32_t c) { return !u32::IsSpace(c); }));
    if (shown > 2 * needle.size()) continue;
    if (squeeze(line.text).find(needle) != std::u32string::npos) return true;
  }
  return false;
}

struct Candidate {
  std::string text;
  NodeId id = kNoNode;
  int weight = 0;
  bool in_title = false;
};

bool HasLetterOrHan(const std::string& utf8) {
  std::u32string text = u32::ToU32(utf8);
  return std::any_of(text.begin(), text.end(),
                     [](char32_t c) { return u32::IsHan(c) || u32::IsAsciiAlpha(c); });
}

// The headline-like line at the top of the text: the candidate nearest above the text
// container with at most max_lines_above_text lines of text between them, else one of at most
// `max_first_line_weight` that is the container's first line. It must have a letter or Han
// character (not a counter like "12066").
const Candidate* AtTopOfText(const PageContext& ctx, const std::vector<Candidate>& candidates,
                             NodeId body_container, int max_first_line_weight,
                             const TitleOptions& options) {
  if (body_container == kNoNode) return nullptr;
  const Document& doc = ctx.doc;
  auto lines_between = [&](NodeId from, NodeId to) {
    int n = 0;
    for (const Line& line : ctx.BodyLines()) n += line.first >= from && line.first < to;
    return n;
  };
  for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
    NodeId end = doc.SubtreeEnd(it->id);
    if (end > body_container) continue;
    if (lines_between(end, body_container) > options.max_lines_above_text) break;
    if (HasLetterOrHan(it->text)) return &*it;
  }
  for (const Candidate& c : candidates) {
    if (c.id <= body_container || c.id >= doc.SubtreeEnd(body_container)) continue;
    if (lines_between(body_container, c.id) > 0) break;
    if (c.weight <= max_first_line_weight && HasLetterOrHan(c.text)) return &c;
  }
  return nullptr;
}

}  // namespace

std::string StripTitleDecoration(std::string_view title) {
  std::string compact = CollapseWhitespace(title);
  // A title that starts with a separator ("-铜雀历史网") has lost its headline.
  for (std::string_view lead : {"-", "_", "|", "\u2013", "\u2014", "\u00b7", "\uff5c"}) {
    if (compact.compare(0, lead.size(), lead) == 0) return "";
  }
  std::vector<std::string> parts = SplitTitle(compact);
  if (parts.empty() || parts.front().empty()) return "";
  // The headline comes first ("Title_Column_Site", "Title - Site") unless a much longer
  // segment follows a short site name ("Site | The headline of the story").
  const std::string* longest = &parts.front();
  for (const auto& p : parts) {
    if (CodePoints(p) > CodePoints(*longest)) longest = &p;
  }
  if (2 * CodePoints(parts.front()) < CodePoints(*longest)) return *longest;
  return parts.front();
}

namespace {

// The title chosen by the numbered steps at the top of this file.
std::optional<std::string> ChooseTitle(const PageContext& ctx, NodeId body_container,
                                       std::span<const std::string> site_titles,
                                       const TitleOptions& options) {
  const Document& doc = ctx.doc;
  if (doc.empty()) return std::nullopt;
  std::string title_tag = TitleTagText(doc);
  std::string page_title = title_tag;
  SiteTitleDecoration site = FindSiteDecoration(title_tag, site_titles);
  title_tag = site.headline;
  std::vector<std::string> segments = SplitTitle(title_tag);
  static constexpr std::string_view kSiteName[] = {"og:site_name"};
  std::string site_name = FirstMetaContent(doc, kSiteName);
  std::string title_clean = StripTitleDecoration(title_tag);
  // Site and column names: og:site_name, and <title> segments after the first that are not its
  // headline segment ("Site - The headline" keeps the headline). Of two segments of the same
  // length the first is the headline ("Evolve: Shared Mutable History — evolve extension for
  // Mercurial"), as in StripTitleDecoration.
  size_t longest_segment = 0;
  for (const auto& seg : segments) longest_segment = std::max(longest_segment, CodePoints(seg));
  auto is_decoration = [&](const std::string& text) {
    if (!site_name.empty() && text == site_name) return true;
    if (std::find(site.names.begin(), site.names.end(), text) != site.names.end()) return true;
    if (site.is_site_title && text == page_title) return true;
    if (segments.size() < 2 || text == segments.front()) return false;
    // Shorter than the longest segment, or no longer than the first one.
    size_t len = CodePoints(text);
    bool not_headline = len < longest_segment || len <= CodePoints(segments.front());
    return not_headline && std::find(segments.begin() + 1, segments.end(), text) != segments.end();
  };
  auto is_headline_text = [&](const std::string& text) {
    size_t len = CodePoints(text);
    return len >= options.min_chars && len <= options.max_chars && !is_decoration(text);
  };

  std::string og = FirstMetaContent(doc, MetaTitleNames());
  std::string og_clean = CleanOgTitle(og, segments, site_name);
  std::string ld = ctx.JsonLd().headline.value_or("");
  std::string ld_clean = CleanOgTitle(ld, segments, site_name);

  // In-page headline candidates above the text (or at its top).
  NodeId limit = static_cast<NodeId>(doc.size());
  if (body_container != kNoNode) {
    limit = std::min<NodeId>(doc.SubtreeEnd(body_container),
                             body_container + options.max_nodes_into_body);
  }
  size_t title_len = CodePoints(title_clean);
  std::vector<Candidate> candidates;
  std::vector<std::string> subtitles;
  for (NodeId i = 0; i < limit; ++i) {
    const Node& n = doc.node(i);
    if (n.type != NodeType::kElement) continue;
    if ((IsInvisibleTag(n.tag) && n.tag != "title") || n.tag == "a" || n.tag == "nav" ||
        n.tag == "select") {
      i = n.subtree_end - 1;
      continue;
    }
    // Headlines are small elements; a big "title" wrapper is not one (and is not read whole).
    if (n.subtree_end - i > options.max_candidate_nodes) continue;
    int weight = HeadlineWeight(doc, i, options);
    // A subtitle (classed so, or a heading opening with a dash) is never the headline; it may
    // show that <title> is the headline and the subtitle joined.
    if (HasSubtitleClass(doc, i) ||
        (weight > 0 && StartsLikeSubtitle(CollapseWhitespace(doc.CompactText(i))))) {
      subtitles.push_back(doc.CompactText(i));
      i = n.subtree_end - 1;
      continue;
    }
    if (weight == 0) continue;
    std::string text = HeadingText(doc, i);
    // Confirmed: og:title, most of <title>'s headline segment, or the whole of <title> but for
    // decoration joined by a separator (a bare one too: "标题-股票频道-和讯网").
    bool confirmed = (!og_clean.empty() && (text == og_clean || text == og)) ||
                     (!ld_clean.empty() && (text == ld_clean || text == ld)) ||
                     (!title_tag.empty() && title_tag.find(text) != std::string::npos &&
                      CodePoints(text) * 10 >= title_len * options.min_title_share_tenths) ||
                     (CodePoints(text) >= options.min_chars && IsTitleSegment(title_tag, text));
    // A confirmed headline may be shorter than min_chars ("金锺国" on "金锺国 - 维基百科").
    if (!is_headline_text(text) &&
        !(confirmed && CodePoints(text) >= options.min_confirmed_chars && !is_decoration(text))) {
      continue;
    }
    // A headline is one line; a "title" box that also holds the date line is not.
    if (CleanParagraphs(doc.Text(i)).find('\n') != std::string::npos) continue;
    // A link (a column name in the navigation) is a headline only when confirmed.
    bool all_link = false;
    for (NodeId a = i + 1; a < n.subtree_end; ++a) {
      if (doc.IsElement(a, "a") && doc.CompactText(a) == text) all_link = true;
    }
    if (all_link && !confirmed) continue;
    candidates.push_back({text, i, weight, confirmed});
  }
  // A <title> that is a headline and its subtitle joined confirms the headline.
  if (std::none_of(candidates.begin(), candidates.end(),
                   [](const Candidate& c) { return c.in_title; })) {
    // The subtitle is classed or dashed, or is the next headline-like line and no more than
    // twice as long (a blog's name before its post's title, "Blog: Post", is no headline).
    std::u32string joined = Squeezed(title_clean);
    for (size_t k = 0; k < candidates.size(); ++k) {
      std::u32string head = Squeezed(candidates[k].text);
      if (head.empty() || joined.size() <= head.size() || !joined.starts_with(head)) continue;
      std::u32string_view rest = std::u32string_view(joined).substr(head.size());
      bool subtitle_follows =
          std::any_of(subtitles.begin(), subtitles.end(),
                      [&](const std::string& sub) { return Squeezed(sub) == rest; }) ||
          (k + 1 < candidates.size() && Squeezed(candidates[k + 1].text) == rest &&
           rest.size() <= 2 * head.size());
      if (subtitle_follows) candidates[k].in_title = true;
    }
  }
  // 1. A confirmed in-page headline: strongest markup, then nearest above the text.
  const Candidate* best = nullptr;
  for (const auto& c : candidates) {
    if (c.in_title && (best == nullptr || c.weight >= best->weight)) best = &c;
  }
  if (best != nullptr) return best->text;
  // 2. The JSON-LD headline; 3. og:title.
  if (is_headline_text(ld_clean)) return ld_clean;
  if (is_headline_text(og_clean)) return og_clean;
  // 4. <title> when it has a headline: not empty, not a column or site name.
  bool title_is_name = title_clean.empty() || site.is_site_title || title_clean == site_name ||
                       IsColumnName(doc, title_clean);
  // A <title> the page never shows ("显示", "无标题文档", the site's name alone) gives way to a
  // headline-like line just above the text container.
  if (!title_is_name && body_container != kNoNode && !candidates.empty() &&
      !ShownOnPage(ctx, title_clean)) {
    // Inside the text only a bold line (old table layouts): a heading there that differs
    // from <title> is as often a section's ("About This Site" on a "Colophon" page).
    if (const Candidate* above =
            AtTopOfText(ctx, candidates, body_container, options.bold_weight, options)) {
      return above->text;
    }
  }
  if (!title_is_name && CodePoints(title_clean) >= 2) return title_clean;
  // 5. The heading nearest above the text; 6. a line at the top of the text (old table
  // layouts); 7. <title> anyway, even a column or site name.
  for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
    if (it->weight >= options.heading_weight) return it->text;
  }
  if (const Candidate* top =
          AtTopOfText(ctx, candidates, body_container, options.h1_weight, options)) {
    return top->text;
  }
  if (CodePoints(title_clean) >= 2) return title_clean;
  // 8. No usable <title>: the last headline-like line found; 9. the first <h1>.
  if (!candidates.empty()) return candidates.back().text;
  if (NodeId h1 = doc.FindFirst("h1"); h1 != kNoNode) {
    std::string text = doc.CompactText(h1);
    if (!text.empty()) return text;
  }
  return std::nullopt;
}

// A bracketed kicker before the headline ("【独家】", "[视频]", "〔专访〕"): a label of the
// column or format, not part of the headline (zh-labelled convention: kickers excluded).
std::string WithoutKicker(std::string title, const TitleOptions& options) {
  static constexpr std::pair<std::string_view, std::string_view> kBrackets[] = {
      {"【", "】"}, {"[", "]"}, {"〔", "〕"}, {"［", "］"}};
  for (const auto& [open, close] : kBrackets) {
    if (!title.starts_with(open)) continue;
    size_t end = title.find(close, open.size());
    if (end == std::string::npos) break;
    std::string_view kicker = std::string_view(title).substr(open.size(), end - open.size());
    std::string rest = CollapseWhitespace(std::string_view(title).substr(end + close.size()));
    // A label has words: "[2021]" is part of the headline.
    if (!kicker.empty() && CodePoints(kicker) <= options.max_kicker_chars &&
        HasLetterOrHan(std::string(kicker)) && CodePoints(rest) >= options.min_chars) {
      return rest;
    }
    break;
  }
  return title;
}

}  // namespace

std::optional<std::string> ExtractTitle(const PageContext& ctx, NodeId body_container,
                                        std::span<const std::string> site_titles,
                                        const TitleOptions& options) {
  auto title = ChooseTitle(ctx, body_container, site_titles, options);
  if (!title) return title;
  return WithoutKicker(std::move(*title), options);
}

}  // namespace extract
