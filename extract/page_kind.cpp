// Page kind. An article has a text under a title (or a long text alone); a listing has a run of
// headline-like links (often with a date beside each) that outweighs its own text; an error
// page says so in a short text. Links around an article (related news, rankings, a comment
// area) do not make it a listing: what counts is whether the biggest run of headline links
// outweighs the page's prose. In a crawl, a page reached as an article link is an article
// unless it is clearly a listing or an error page (issue #11: a short notice must not be lost).
// Listing links and pagination links (下一页, 尾页, page numbers) are what the crawler follows.
#include "extract/page_kind.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "extract/boilerplate_patterns.h"
#include "extract/page_links.h"
#include "extract/u32_text.h"
#include "util/url.h"

namespace extract {
namespace {

// Text between two headline links of one list: a date, a bullet, a teaser of a few sentences.
// More than this and the links belong to different runs (an article's text lies between).
constexpr size_t kMaxRunGapChars = 200;

using u32::CodePoints;

// Sentence marks: the punctuation of prose, rare in menus and link lists.
size_t SentenceMarks(std::string_view s) {
  size_t n = 0;
  for (std::string_view mark : {"。", "，", "；", "！", "？", "、"}) {
    for (size_t at = s.find(mark); at != std::string_view::npos; at = s.find(mark, at + 1)) ++n;
  }
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if ((s[i] == '.' || s[i] == ',') && s[i + 1] == ' ') ++n;
  }
  return n;
}

// A pager's word: 下一页, 尾页, 第3页, "Next", "»" — pagination text that is neither a bare number
// (comment counts and vote tallies are numbers too) nor 首页, which as often means "home".
bool IsPagerWord(std::string_view text) {
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  return text.find("首页") == std::string_view::npos;
}

struct LinkRun {
  size_t links = 0;
  size_t chars = 0;
};

// The run of headline links (in document order, with at most kMaxRunGapChars of other visible
// text between neighbours and none of the text block's) with the most link text: the page's
// main list.
LinkRun MainLinkRun(const Document& doc, const std::set<NodeId>& headline_anchors,
                    NodeId text_block) {
  LinkRun best, current;
  size_t gap = 0;
  bool crossed_text = false;
  const auto& nodes = doc.nodes();
  for (NodeId i = 0; i < static_cast<NodeId>(nodes.size());) {
    const Node& n = nodes[static_cast<size_t>(i)];
    if (n.type == NodeType::kText) {
      size_t chars = CodePoints(CollapseWhitespace(n.text));
      gap += chars;
      crossed_text |= chars > 0 && text_block != kNoNode && doc.Contains(text_block, i);
      ++i;
      continue;
    }
    if (n.IsInvisible() || n.IsHidden()) {
      i = n.subtree_end;
      continue;
    }
    if (headline_anchors.count(i)) {
      if (current.links == 0 || gap > kMaxRunGapChars || crossed_text) current = {};
      ++current.links;
      current.chars += CodePoints(doc.CompactText(i));
      if (current.chars > best.chars) best = current;
      gap = 0;
      crossed_text = false;
      i = n.subtree_end;
      continue;
    }
    ++i;
  }
  return best;
}

bool IsSubheading(const Node& n) {
  return n.tag == "h2" || n.tag == "h3" || n.tag == "h4" || n.tag == "h5" || n.tag == "h6";
}

struct ExcerptEntries {
  size_t count = 0;
  std::vector<PageLink> links;  // the entries' heading links
};

// The entries of an archive in the text block: headings (h2–h6, all of one level) each holding
// a link to another page of the site, with at most `max_excerpt_chars` of text before the first
// and between one heading and the next (a date, an excerpt, 阅读全文), and no prose before the
// first. An article's linked subheadings stand after paragraphs of its own, and a related-news
// block after the article's text: neither is a run from the start of the text block.
ExcerptEntries ArchiveEntries(const PageContext& ctx, NodeId text_block,
                              const std::optional<std::string>& site, const PageKindOptions& o) {
  ExcerptEntries out;
  if (text_block == kNoNode) return out;
  const Document& doc = ctx.doc;
  std::string self = ctx.base_url.substr(0, ctx.base_url.find('#'));
  std::set<std::string> seen;
  std::string level;
  std::string before_first;  // the text block's own text before the first entry
  size_t gap = 0;
  for (NodeId i = text_block; i < doc.SubtreeEnd(text_block);) {
    const Node& n = doc.node(i);
    if (n.type == NodeType::kText) {
      std::string text = CollapseWhitespace(n.text);
      gap += CodePoints(text);
      if (gap > o.max_excerpt_chars) break;  // prose of its own, or the end of the run
      if (out.count == 0) before_first += text;
      ++i;
      continue;
    }
    if (n.IsInvisible() || n.IsHidden()) {
      i = n.subtree_end;
      continue;
    }
    if (!IsSubheading(n)) {
      ++i;
      continue;
    }
    std::optional<std::string> entry;
    for (NodeId a : doc.FindAll("a", i)) {
      auto url = AnchorUrl(ctx, a);
      if (!url) continue;
      std::string clean = url->substr(0, url->find('#'));
      if (clean != self && site && util::SiteOfUrl(clean) == site) entry = clean;
      break;
    }
    if (!entry || (!level.empty() && n.tag != level) || !seen.insert(*entry).second) break;
    // An archive opens with its column's name ("分类：旅行"), an article with its prose.
    if (out.count == 0 && SentenceMarks(before_first) >= o.min_prose_marks) break;
    level = n.tag;
    ++out.count;
    out.links.push_back({*entry, doc.CompactText(i)});
    gap = 0;
    i = n.subtree_end;
  }
  return out;
}

}  // namespace

PageKindResult ClassifyPage(const PageContext& ctx, const BodyResult& body, bool has_title,
                            bool has_date, const PageKindHints& hints, const PageKindOptions& o) {
  const Document& doc = ctx.doc;
  PageKindResult r;
  auto site = util::SiteOfUrl(ctx.base_url);
  // "scheme://authority/" of the page: a link that starts with it is on the same site without
  // taking it apart.
  std::string_view origin;
  if (size_t authority = ctx.base_url.find("://"); authority != std::string::npos) {
    size_t slash = ctx.base_url.find('/', authority + 3);
    if (slash != std::string::npos) origin = std::string_view(ctx.base_url).substr(0, slash + 1);
  }
  // A container that is the whole page says nothing about where links sit.
  NodeId text_block = body.container;
  if (text_block != kNoNode && (text_block == doc.root() || doc.IsElement(text_block, "body"))) {
    text_block = kNoNode;
  }
  std::set<std::string> seen;
  std::set<NodeId> headline_anchors;
  // Listing furniture: a pager word, or page numbers in sequence ("1 2 3").
  bool pager = false;
  int last_number = -1;
  size_t link_text_chars = 0;
  size_t links_in_text = 0;
  for (NodeId a : doc.FindAll("a")) {
    auto url = AnchorUrl(ctx, a);
    if (!url) continue;
    std::string clean = url->substr(0, url->find('#'));
    std::string text = doc.CompactText(a);
    if (IsPaginationText(text)) {
      if (seen.insert("p" + clean).second) r.pagination_links.push_back({clean, text});
      if (IsPagerWord(text)) {
        pager = true;
      } else if (text.size() <= 4 && std::all_of(text.begin(), text.end(),
                                                 [](char c) { return c >= '0' && c <= '9'; })) {
        int number = std::stoi(text);
        pager |= last_number >= 0 && std::abs(number - last_number) == 1;
        last_number = number;
      }
      continue;
    }
    if (CodePoints(text) < o.min_headline_chars) continue;
    bool same_site = !origin.empty() && clean.starts_with(origin);
    if (site && !same_site && util::SiteOfUrl(clean) != site) continue;
    if (!seen.insert("a" + clean).second) continue;
    headline_anchors.insert(a);
    link_text_chars += CodePoints(text);
    if (text_block != kNoNode && doc.Contains(text_block, a)) ++links_in_text;
    r.article_links.push_back({clean, text});
  }
  size_t body_chars = CodePoints(body.text);
  bool prose = SentenceMarks(body.text) >= o.min_prose_marks;
  std::string title_text;
  if (NodeId t = doc.FindFirst("title"); t != kNoNode) title_text = doc.CompactText(t);

  // Signals, each with the words that explain it.
  std::string_view error_phrase;
  if (body_chars < o.max_error_page_chars) {
    error_phrase = ErrorPagePhrase(title_text);
    if (error_phrase.empty()) {
      size_t visible = 0;
      std::string page_text;
      for (const Line& line : ctx.BodyLines()) {
        visible += line.text.size();
        if (visible > o.max_error_page_chars) break;
        page_text += u32::ToUtf8(line.text);
        page_text += '\n';
      }
      if (visible <= o.max_error_page_chars) error_phrase = ErrorPagePhrase(page_text);
    }
  }
  bool text_article = ((has_title || has_date) && body_chars >= o.min_article_chars) ||
                      body_chars >= o.min_untitled_article_chars;
  bool notice =
      has_title && has_date && body_chars >= o.min_notice_chars && SentenceMarks(body.text) >= 1;
  bool linked = hints.reached_as_article && has_title && body_chars >= o.min_linked_article_chars;
  bool listing_shape = r.article_links.size() >= o.min_listing_links &&
                       body_chars < std::min(o.listing_max_body_chars, link_text_chars);
  LinkRun main_run;
  if (listing_shape) main_run = MainLinkRun(doc, headline_anchors, text_block);
  // The list is the page's content when its links sit in the text block, when the text is no
  // prose, or when the main run of links outweighs the text on a page with a listing's
  // furniture: pagination, or no date of its own. A short dated article with a related-news
  // block or a ranking beside it has neither (issue #12, failure class 1). Reached as an
  // article link, a page must show pagination and links twice its text to be a listing.
  bool furniture = pager || (!has_date && !hints.reached_as_article);
  size_t outweigh = hints.reached_as_article ? 2 : 1;
  bool clear_listing = listing_shape && (links_in_text >= o.min_listing_links || !prose ||
                                         body_chars < o.min_notice_chars ||
                                         (furniture && main_run.chars > body_chars * outweigh));
  // An archive of entries with excerpts: the excerpts are taken as the text, and short titles
  // are no headline links (issue #12).
  ExcerptEntries entries = ArchiveEntries(ctx, text_block, site, o);
  bool archive = entries.count >= o.min_excerpt_entries;
  if (archive) {
    for (PageLink& link : entries.links) {
      if (seen.insert("a" + link.url).second) r.article_links.push_back(std::move(link));
    }
  }

  auto describe = [&](std::string_view head) {
    std::string s(head);
    s += "; text " + std::to_string(body_chars) + " chars";
    s += has_title ? ", title" : ", no title";
    s += has_date ? ", date" : ", no date";
    s += "; " + std::to_string(r.article_links.size()) + " headline links";
    if (listing_shape) {
      s += ", main run " + std::to_string(main_run.links) + " (" + std::to_string(main_run.chars) +
           " chars)";
    }
    s += ", " + std::to_string(links_in_text) + " in the text";
    if (hints.reached_as_article) s += "; reached as an article link";
    return s;
  };

  if (!error_phrase.empty()) {
    r.kind = PageKind::kOther;
    r.confidence = 0.9;
    r.reason = describe("error page (\"" + std::string(error_phrase) + "\")");
  } else if (clear_listing || (listing_shape && !(text_article || notice || linked))) {
    r.kind = PageKind::kListing;
    bool text_too = text_article || notice || linked;
    r.confidence = text_too ? 0.7 : 0.95;
    r.reason = describe(text_too ? "listing: its links outweigh its text" : "listing");
  } else if (archive) {
    r.kind = PageKind::kListing;
    r.confidence = 0.8;
    r.reason = describe("listing: " + std::to_string(entries.count) +
                        " entries of headings with excerpts");
  } else if (text_article || notice || linked) {
    r.kind = PageKind::kArticle;
    if (text_article && !listing_shape) {
      r.confidence = prose || body_chars >= o.min_untitled_article_chars ? 0.95 : 0.8;
      r.reason = describe("article");
    } else if (text_article || notice) {
      r.confidence = listing_shape ? 0.7 : 0.8;
      r.reason = describe(listing_shape ? "article: its text outweighs the links around it"
                                        : "article: a short notice");
    } else {
      r.confidence = 0.6;
      r.reason = describe("article: reached as an article link, nothing says otherwise");
    }
  } else {
    r.kind = PageKind::kOther;
    r.confidence = body_chars == 0 ? 0.95 : 0.7;
    r.reason = describe("other: too little text for an article");
  }
  if (r.kind != PageKind::kListing) {
    // An article's own pagination is its continuation, found by the prev/next extractor.
    r.article_links.clear();
    r.pagination_links.clear();
  }
  return r;
}

}  // namespace extract
