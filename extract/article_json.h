// JSON rendering of an Article, field for field as ../shared/spec/article.schema.json names
// them (plus the extractor-only fields "kind", "continuation_urls", "article_links" and
// "pagination_links" when asked for). UTF-8 text is written as is, not as \u escapes.
#pragma once

#include <cstdint>
#include <string>

#include "extract/article.h"

namespace extract {

struct ArticleJsonOptions {
  bool pretty = false;
  // Also write the crawler-facing fields (page kind, continuation and listing links).
  bool include_links = false;
};

// Archive bookkeeping written next to the page's own fields (RFC 3339 UTC timestamps).
struct ArchiveStamp {
  std::string first_seen_at;
  std::string last_fetched_at;
  int64_t version = 1;
};

std::string ArticleToJson(const Article& article, const ArchiveStamp& stamp,
                          const ArticleJsonOptions& options = {});

// A readable plain-text view (title, metadata lines, blank line, body) for `--format text`.
std::string ArticleToText(const Article& article);

}  // namespace extract
