// Full-text search over archived articles' titles and bodies, in the query language of
// storage/search_query.h (AND by spaces, OR, NOT/-, "phrases", parentheses). Every term is a
// substring to find; titles, bodies and terms are compared folded (storage/text_fold.h), so
// 商會 finds 商会 and the other way round. Terms of three or more characters are looked up in
// the FTS5 trigram index and ranked by bm25 (equal scores in archive order); shorter terms
// (e.g. 招商), which a trigram index cannot answer, are checked on the indexed text of the rows
// the long terms found, or on every article when no long term narrows the search (then newest
// first). Query text never reaches
// FTS5 or SQL unquoted: terms are bound parameters, FTS5 phrases with their quotes doubled.
//
// An archive below schema kFoldedSearchSchemaVersion (opened read-only, so not upgraded) has an
// index of the text as written: each term is then looked for as typed and folded, and the
// results carry a note saying what that misses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "storage/search_query.h"
#include "util/error.h"

namespace storage {

// What wraps each match in a snippet unless the query says otherwise.
inline constexpr const char* kHighlightOpen = "[";
inline constexpr const char* kHighlightClose = "]";

struct SearchQuery {
  std::string text;  // in the query language
  std::optional<std::string> site;
  size_t limit = 20;
  bool count_only = false;  // count the matches; no hits
  // What wraps each match in the snippets: brackets for the terminal; `newsarc serve` uses
  // control characters it turns into <mark> elements after escaping the text.
  std::string highlight_open = kHighlightOpen;
  std::string highlight_close = kHighlightClose;
};

struct SearchHit {
  std::string url;
  std::string site;
  std::optional<std::string> title;
  std::optional<std::string> published_date;
  // Text around the first match of the body (or the title, when the body has none), as written
  // (not folded), every term found in it wrapped in the query's highlight_open/highlight_close.
  std::string snippet;
  double score = 0;  // bm25 (lower is better); 0 when the search scanned every article
};

struct SearchResults {
  std::vector<SearchHit> hits;  // at most `limit`, best (or newest) first
  int64_t total = 0;            // every match (more than hits.size() when cut at the limit)
  // What this archive's search cannot do (an index that predates folding), for the user.
  std::optional<std::string> note;
};

// Errors: kUsage for a malformed query (ParseSearchQuery's message), kStorage otherwise.
util::Result<SearchResults> SearchArticles(const Archive& archive, const SearchQuery& query);

namespace internal {
// Exposed for tests.
// How a query is answered: `fts` is an FTS5 expression every match satisfies (nullopt: scan
// every article), `exact` whether it is the whole query; `residual` is an SQL condition equal to
// the whole query (applied when not exact), its terms bound from parameter ?4 on (`params`).
struct SearchPlan {
  std::optional<std::string> fts;
  bool exact = false;
  std::string residual;
  std::vector<std::string> params;
};
SearchPlan PlanSearch(const QueryExpr& expr, bool folded_index);
// The FTS5 phrase for `text` ("…" with " doubled).
std::string FtsPhrase(const std::string& text);
// A snippet of `text` around the first occurrence of any of `terms` (matched folded), with
// every occurrence in it highlighted; nullopt when none occurs. UTF-8 safe.
std::optional<std::string> Snippet(const std::string& text, const std::vector<std::string>& terms,
                                   const std::string& open = kHighlightOpen,
                                   const std::string& close = kHighlightClose);
}  // namespace internal

}  // namespace storage
