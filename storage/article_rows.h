// Reading an articles row back into an extract::Article and its ArchiveStamp: the column list
// to SELECT and the conversion. Shared by the export cursor and re-extraction.
#pragma once

#include "extract/article.h"
#include "extract/article_json.h"
#include "storage/sqlite_handles.h"
#include "util/error.h"

namespace storage {

// Columns to SELECT (qualified with the alias `a`), in the order ArticleFromRow reads them.
inline constexpr const char* kArticleRowColumns =
    "a.url, a.site, a.section, a.title, a.published_date, a.published_at, a.updated_at, "
    "a.dates, a.source, a.author, a.views, a.body, a.images, a.prev, a.next, a.lang, "
    "a.encoding, a.content_sha256, a.first_seen_at, a.last_fetched_at, a.version";
inline constexpr int kArticleRowColumnCount = 21;

// Reads the kArticleRowColumns starting at column `first`.
util::Result<extract::Article> ArticleFromRow(const Statement& row, int first,
                                              extract::ArchiveStamp* stamp);

}  // namespace storage
