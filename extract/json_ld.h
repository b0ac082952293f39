// A JsonLdArticle holds the few schema.org fields the extractor reads from a page's JSON-LD
// blocks (<script type="application/ld+json">): the article's headline, author names, its
// publisher and its datePublished/dateModified as written.
// Malformed blocks are skipped. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/document.h"

namespace extract {

struct JsonLdArticle {
  // headline (else name) of the first Article-like object that has one, whitespace collapsed
  // and HTML character references decoded (some sites escape the JSON text twice).
  std::optional<std::string> headline;
  std::vector<std::string> author_names;  // author.name (or author as a string), in order
  std::optional<std::string> publisher_name;
  std::optional<std::string> date_published;
  std::optional<std::string> date_modified;
};

// Reads the first Article-like object (Article, NewsArticle, BlogPosting, ReportageNewsArticle
// ...; also inside arrays and "@graph") of every JSON-LD block, in page order.
JsonLdArticle ReadJsonLd(const Document& doc);

namespace internal {  // not in the anonymous namespace to allow testing

// The JSON text of a script block without a CDATA wrapper: "<![CDATA[ … ]]>" and the
// commented forms "//<![CDATA[ … //]]>" and "/*<![CDATA[*/ … /*]]>*/" that XHTML-era
// templates put around script text. Other text is returned trimmed and otherwise unchanged.
std::string_view StripCdata(std::string_view script_text);

}  // namespace internal

}  // namespace extract
