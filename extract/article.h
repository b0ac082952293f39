// An Article is what the extractor makes of one fetched page: the normalized fields of
// ../shared/spec/article.schema.json that come from the page itself (archive bookkeeping such as
// first_seen_at and version is added by storage). Plain value type; unknown values are nullopt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace extract {

enum class PageKind { kArticle, kListing, kOther };

const char* PageKindName(PageKind kind);

enum class DateRole { kPublished, kUpdated, kOther };

const char* DateRoleName(DateRole role);

// One labelled date as printed on the page ("上传时间" → "2013/7/24 10:54:39").
struct LabelledDate {
  std::string label;
  std::string value;  // normalized: YYYY-MM-DD or RFC 3339 with the site's offset
  DateRole role = DateRole::kOther;
};

// A previous/next article link. `url` is absolute; nullopt when the page says there is none
// (没有了, 无).
struct SiblingLink {
  std::optional<std::string> url;
  std::optional<std::string> title;
};

struct Image {
  std::string url;
  std::optional<std::string> alt;
};

struct EncodingInfo {
  std::optional<std::string> declared;  // as written in the header or meta, lower-case
  std::optional<std::string> detected;  // what the byte-level detector proposed
  std::string used = "utf-8";           // what decoded the page (WHATWG name, lower-case)
};

// A link found on a listing (or anywhere), with its anchor text. A form post (form_posts.h) has
// its form's body: `url` is then the post's key URL, POSTed to without its fragment.
struct PageLink {
  std::string url;
  std::string text;
  std::optional<std::string> post_body = std::nullopt;
};

struct Article {
  std::string url;   // the page URL as given (canonical when known)
  std::string site;  // host[:port] of url
  PageKind kind = PageKind::kOther;
  // How sure the page-kind decision is (0.5 to 1) and why it was made (page_kind.h).
  double kind_confidence = 0.5;
  std::string kind_reason;
  std::optional<std::string> section;
  std::optional<std::string> title;
  std::optional<std::string> published_date;  // YYYY-MM-DD
  std::optional<std::string> published_at;    // RFC 3339, only when a time is printed
  std::optional<std::string> updated_at;      // RFC 3339
  std::vector<LabelledDate> dates;
  std::optional<std::string> source;
  std::optional<std::string> author;
  std::optional<int64_t> views;
  std::string body;  // paragraphs separated by '\n', NFC
  std::vector<Image> images;
  std::optional<SiblingLink> prev;
  std::optional<SiblingLink> next;
  std::optional<std::string> lang;
  std::optional<std::string> canonical_url;  // rel=canonical, absolute
  EncodingInfo encoding;
  std::string content_sha256;  // SHA-256 of the UTF-8 body

  // The page's <title> as printed (whitespace collapsed), not exported: callers keep it in a
  // SiteTitleMemory for the site's next pages (site_titles.h).
  std::string title_tag;

  // Multi-page article: the URLs of its following pages (下一页 inside an article), in order.
  std::vector<std::string> continuation_urls;
  // Listing pages: links to articles and to further listing pages (pagination).
  std::vector<PageLink> article_links;
  std::vector<PageLink> pagination_links;
  // Where an entry or container page leads, on any page kind: meta refresh, a script's redirect,
  // <frame src>, a same-site <iframe src> (page_links.h). The crawler follows them always.
  std::vector<PageLink> entry_links;
  // Every other link on the page (navigation, columns, home, pages opened by scripts), absolute
  // and deduplicated: the crawler follows them from pages that are neither articles nor
  // listings.
  std::vector<PageLink> other_links;
};

}  // namespace extract
