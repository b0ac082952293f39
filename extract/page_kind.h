// Page classification: article, listing (a column's list of article links, with pagination) or
// other (home and index pages, error pages); with how sure the decision is and why, and for
// listings the article links and pagination links the crawler follows.
// Pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "extract/article.h"
#include "extract/body.h"
#include "extract/page_context.h"

namespace extract {

struct PageKindOptions {
  // An article body has at least this many characters (CJK characters count one each); a page
  // without a title needs `min_untitled_article_chars`.
  size_t min_article_chars = 120;
  size_t min_untitled_article_chars = 500;
  // A short notice (通知, 公告) is an article too: a title, a date and at least this much text.
  size_t min_notice_chars = 40;
  // A page the crawler reached as an article link (listing entry, 上一条/下一条, sitemap) is an
  // article with a title and this much text, unless it is clearly something else.
  size_t min_linked_article_chars = 15;
  // A link whose text has at least this many characters looks like a headline.
  size_t min_headline_chars = 6;
  // A listing has at least this many headline links.
  size_t min_listing_links = 4;
  // Listing pages carry little text of their own: less than their links' text and less than
  // this many characters.
  size_t listing_max_body_chars = 360;
  // A page whose visible text is shorter than this and says it is an error ("页面不存在",
  // "该信息已删除", "404 Not Found") is an error page, not an article.
  size_t max_error_page_chars = 400;
  // A blog or CMS archive prints entries as a heading linking to the entry, then a date, an
  // excerpt and 阅读全文/继续阅读: at least this many such entries in a row, in the text block,
  // make the page a listing whatever its titles' length, when at most `max_excerpt_chars` of
  // text stand before the first entry and between one entry's heading and the next.
  size_t min_excerpt_entries = 3;
  size_t max_excerpt_chars = 300;
  // Text with at least this many sentence marks (。，；！？ and ". ") is prose, not a list.
  size_t min_prose_marks = 2;
};

// What the fetch context says about a page (none outside a crawl).
struct PageKindHints {
  // The crawler found the URL as an article link: a listing's entry, a 上一条/下一条 link or a
  // sitemap entry. Evidence for an article that only a clear listing or error page outweighs.
  bool reached_as_article = false;
};

struct PageKindResult {
  PageKind kind = PageKind::kOther;
  // How sure the decision is, from 0.5 (a guess between two kinds) to 1 (every signal agrees).
  double confidence = 0.5;
  // Why, in a few words ("text 850 chars under a title; 12 headline links outside it").
  std::string reason;
  std::vector<PageLink> article_links;     // listing: links that look like article links
  std::vector<PageLink> pagination_links;  // listing: 下一页, page numbers, 尾页
};

PageKindResult ClassifyPage(const PageContext& ctx, const BodyResult& body, bool has_title,
                            bool has_date, const PageKindHints& hints = {},
                            const PageKindOptions& options = {});

}  // namespace extract
