// The serve routes answer one request of `newsarc serve`'s read-only view: a path and its
// decoded query parameters in, a status and an HTML page out (cli/serve_pages.h). Each answer
// reads the archive in one read transaction (one WAL snapshot: safe while a crawl writes) and
// never writes. No HTTP library here: cli/run_serve.cpp wires these to cpp-httplib, and tests
// call them directly. Not thread-safe for one Archive: give each thread its own.
//
// Routes (every other path is a 404 page; a malformed parameter a 400 page):
//   /                          sites with counts and the last run
//   /site/HOST                 the site's timeline, holes count and sections
//   /site/HOST/section?name=S  a section's articles, newest first (no name: those with none)
//   /site/HOST/articles        every article of the site, newest first
//   /article?url=U             one article: fields, neighbours, versions, text, fetches
//   /diff?url=U[&a=V1][&b=V2]  what changed between two versions (default: the last two)
//   /search?q=Q[&site=HOST]    full-text search (storage/archive_search.h)
//   /audit[?site=HOST]         the completeness audit (cli/audit_report.h)
//   /removed[?site=HOST]       articles their site no longer serves (schema 13 archives)
// Lists take page=N (1-based).
#pragma once

#include <map>
#include <string>

#include "storage/archive.h"

namespace cli::serve {

struct ServeRequest {
  std::string path;                                // decoded, without the query
  std::multimap<std::string, std::string> params;  // decoded query parameters
};

struct ServeResponse {
  int status = 200;
  std::string body;  // a whole HTML page
};

// Rows per page of the article lists and of search results.
inline constexpr int64_t kRowsPerPage = 50;
inline constexpr int64_t kSearchHitsPerPage = 20;
// Search ranks every match but keeps only the best page * per page: the last page offered.
inline constexpr int64_t kMaxSearchPage = 50;

// The answer to `request`. `archive_name` is shown in every page's header. An archive that
// cannot be read gives a 500 page with the reason (archive_errors.h), logged as an error.
ServeResponse HandleServeRequest(storage::Archive& archive, const std::string& archive_name,
                                 const ServeRequest& request);

}  // namespace cli::serve
