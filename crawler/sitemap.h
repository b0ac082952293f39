// A SitemapParse is what one sitemap file lists (sitemaps.org protocol 0.9): page URLs
// (<urlset>), child sitemaps (<sitemapindex>), or the lines of a plain-text sitemap, each entry
// with its <lastmod> and, for Google News sitemaps, the article's publication date and title.
// ParseSitemap takes the file's bytes as fetched (gzip-compressed or not; never a path or a
// socket) and never fails: what it cannot read is reported in the result, and garbage gives
// SitemapKind::kUnknown. PlanSitemapFollow decides which of the listed URLs the crawler should
// fetch next as sitemaps, and hands the page URLs back for the caller's scope check.
//
// Value types and pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crawler {

enum class SitemapKind {
  kUrlset,        // <urlset>: entries are pages
  kSitemapIndex,  // <sitemapindex>: entries are child sitemaps
  kText,          // one URL per line: entries are pages
  kUnknown,       // not a sitemap (HTML, a feed, binary garbage, empty): no entries
};

const char* SitemapKindName(SitemapKind kind);

struct SitemapEntry {
  std::string loc;                     // entities decoded, surrounding whitespace trimmed
  std::optional<std::string> lastmod;  // W3C datetime, as written
  // <news:news> of a Google News sitemap (namespace prefix not checked), as written.
  std::optional<std::string> news_publication_date;
  std::optional<std::string> news_title;
};

// sitemaps.org: "no more than 50,000 URLs and must be no larger than 50MB (52,428,800 bytes)"
// (uncompressed). Going over either cap keeps the entries before it and sets `truncated`.
struct SitemapLimits {
  size_t max_decoded_bytes = 52'428'800;
  size_t max_entries = 50'000;
  // A <loc> longer than this is skipped (sitemaps.org: URLs under 2,048 characters).
  size_t max_loc_bytes = 8192;
};

struct SitemapParse {
  SitemapKind kind = SitemapKind::kUnknown;
  std::vector<SitemapEntry> entries;  // in file order
  bool gzipped = false;               // the bytes were gzip-compressed (magic 1f 8b)
  bool truncated = false;             // a SitemapLimits cap was reached; later entries dropped
  size_t skipped_entries = 0;         // items without a usable <loc> (missing, empty, too long)
  // Empty, or why reading stopped before the end (malformed XML, corrupt gzip); the entries
  // read before that point are kept.
  std::string error;
};

// Reads a sitemap: gzip is detected by its magic bytes and inflated (capped, so a gzip bomb
// stops at max_decoded_bytes); a UTF-8 byte order mark is skipped. XML is read with expat,
// namespaced or not (elements are matched by local name: <urlset>, <sm:loc>), with CDATA,
// entities and whitespace around values; <loc>/<lastmod> count only directly inside a
// <url>/<sitemap> item of the root. Text is one http(s) URL per line (other lines skipped),
// recognised when its first non-blank line is such a URL. Cost: linear in the decoded size.
SitemapParse ParseSitemap(std::string_view bytes, const SitemapLimits& limits = {});

struct SitemapFollowOptions {
  // Index levels followed below a sitemap named in robots.txt or configured (depth 0): with 2,
  // robots.txt → index (0) → index (1) → urlset (2).
  int max_depth = 2;
  // Child sitemaps queued from indexes for one root sitemap (or one host: the caller decides
  // what the count covers), whatever their depth.
  size_t max_child_sitemaps = 1000;
  // sitemaps.org: an index "can only specify Sitemaps that are found on the same site".
  bool same_host_only = true;
};

struct SitemapFollowPlan {
  std::vector<std::string> child_sitemaps;  // to fetch and parse, each at depth + 1
  std::vector<SitemapEntry> pages;          // absolute http(s) page URLs, for the scope check
  // Children not queued: beyond max_depth or max_child_sitemaps, another host, duplicates of
  // one another or of the parent, or not http(s).
  size_t skipped_child_sitemaps = 0;
  size_t skipped_pages = 0;  // not absolute http(s) URLs
};

// What to do with a parsed sitemap fetched from `sitemap_url` at `depth` (0 = named in
// robots.txt), when `child_sitemaps_queued` children were already queued under the same
// max_child_sitemaps budget. Index entries become child sitemaps; urlset and text entries
// become pages (kept in file order, not deduplicated, not scope-checked).
SitemapFollowPlan PlanSitemapFollow(const SitemapParse& parse, std::string_view sitemap_url,
                                    int depth, size_t child_sitemaps_queued,
                                    const SitemapFollowOptions& options = {});

}  // namespace crawler
