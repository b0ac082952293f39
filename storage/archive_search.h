// Full-text search over archived articles' titles and bodies. Queries of three or more
// characters use the FTS5 trigram index (any substring matches, ranked by bm25, with a
// highlighted snippet); shorter queries (e.g. 招商), which a trigram index cannot answer, fall
// back to a LIKE scan of titles and bodies, newest first, with a snippet cut around the first
// match. The query is always one phrase: quotes and FTS operators in it are plain text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "util/error.h"

namespace storage {

struct SearchQuery {
  std::string text;
  std::optional<std::string> site;
  size_t limit = 20;
};

struct SearchHit {
  std::string url;
  std::string site;
  std::optional<std::string> title;
  std::optional<std::string> published_date;
  std::string snippet;  // the match wrapped in kHighlightOpen/kHighlightClose
  double score = 0;     // bm25 (lower is better); 0 for the LIKE fallback
};

inline constexpr const char* kHighlightOpen = "[";
inline constexpr const char* kHighlightClose = "]";

// REQUIRES: query.text is not empty.
util::Result<std::vector<SearchHit>> SearchArticles(const Archive& archive,
                                                    const SearchQuery& query);

namespace internal {
// Exposed for tests: the FTS5 phrase for `text` ("…" with " doubled).
std::string FtsPhrase(const std::string& text);
// A snippet of `text` around the first occurrence of `needle` (UTF-8 safe).
std::string SnippetAround(const std::string& text, const std::string& needle);
}  // namespace internal

}  // namespace storage
