// The extractor turns one fetched page (bytes, HTTP Content-Type, URL) into an Article.
// ExtractArticle is a pure function: no I/O, no clock (the fetch time is an input), no state.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "extract/article.h"
#include "extract/extract_options.h"
#include "util/error.h"

namespace extract {

struct ExtractInput {
  std::string_view bytes;                   // the response body as received
  std::string url;                          // final URL of the page (may be empty when unknown)
  std::optional<std::string> content_type;  // HTTP Content-Type header, if any
  // When the page was fetched; dates later than this (plus a day) are rejected as impossible.
  std::chrono::system_clock::time_point fetched_at = std::chrono::system_clock::now();
  // The crawler reached the page as an article link (a listing's entry, 上一条/下一条, a sitemap
  // entry): evidence for the page kind (PageKindHints).
  bool reached_as_article = false;
  // Other pages' <title>s of the same site, when the caller has seen some (site_titles.h:
  // SiteTitleMemory): what this page's <title> shares with most of them is decoration.
  std::span<const std::string> site_titles = {};
};

// Runs the whole pipeline: 1. decode (charset sniffing) 2. parse 3. fields (title, dates, body,
// prev/next, metadata, page kind) 4. normalization (NFC, whitespace) and the content hash.
// Fails only when the input cannot be treated as a page at all (kTooLarge, kParse); an empty or
// non-article page is a successful result with kind != kArticle.
util::Result<Article> ExtractArticle(const ExtractInput& input, const ExtractOptions& options = {});

// Checks that a site profile's selectors compile (kConfig error naming the bad one otherwise).
// Call when loading profiles; ExtractArticle ignores selectors that do not compile.
util::Result<void> ValidateProfile(const config::SiteProfile& profile);

}  // namespace extract
