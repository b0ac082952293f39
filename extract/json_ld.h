// A JsonLdArticle holds the few schema.org fields the extractor reads from a page's JSON-LD
// blocks (<script type="application/ld+json">): the article's author names, its publisher and
// its datePublished/dateModified as written.
// Malformed blocks are skipped. Pure function; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "extract/document.h"

namespace extract {

struct JsonLdArticle {
  std::vector<std::string> author_names;  // author.name (or author as a string), in order
  std::optional<std::string> publisher_name;
  std::optional<std::string> date_published;
  std::optional<std::string> date_modified;
};

// Reads the first Article-like object (Article, NewsArticle, BlogPosting, ReportageNewsArticle
// ...; also inside arrays and "@graph") of every JSON-LD block, in page order.
JsonLdArticle ReadJsonLd(const Document& doc);

}  // namespace extract
