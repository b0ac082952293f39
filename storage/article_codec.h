// How an extract::Article is laid out in the archive: scalar fields in their own columns, the
// nested values (dates, images, prev/next, encoding) as JSON text in the spellings of
// article.schema.json, and each version as the full export JSON object.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "extract/article.h"
#include "extract/article_json.h"
#include "util/error.h"

namespace storage {

struct ArticleJsonColumns {
  std::string dates = "[]";
  std::string images = "[]";
  std::optional<std::string> prev;
  std::optional<std::string> next;
  std::string encoding;
};

ArticleJsonColumns EncodeJsonColumns(const extract::Article& article);

// Fills article's dates, images, prev, next and encoding from the columns (kStorage when a
// column is not the JSON the archive writes).
util::Result<void> DecodeJsonColumns(const ArticleJsonColumns& columns, extract::Article* article);

// Parses one export JSON object (as written by extract::ArticleToJson) back into an Article
// and its stamp.
util::Result<extract::Article> ArticleFromJson(std::string_view json, extract::ArchiveStamp* stamp);

}  // namespace storage
