#include "storage/article_cursor.h"

#include "storage/article_codec.h"
#include "storage/article_rows.h"
#include "storage/migrations.h"

namespace storage {
namespace {

// Filters bound as ?1 site, ?2 since, ?3 until, ?4 changed_since (NULL = no filter).
constexpr const char* kFilters =
    " AND (?1 IS NULL OR a.site = ?1)"
    " AND (?2 IS NULL OR a.published_date >= ?2)"
    " AND (?3 IS NULL OR a.published_date <= ?3)";

// The removal filter's SQL: an archive older than removal tracking has no removed article.
util::Result<std::string> RemovedSql(const Archive& archive, RemovedFilter filter) {
  if (filter == RemovedFilter::kInclude) return std::string();
  TRY_ASSIGN(int version, SchemaVersionOf(archive.db()));
  if (version < kRemovalSchemaVersion) {
    return std::string(filter == RemovedFilter::kOnly ? " AND 0" : "");
  }
  return std::string(filter == RemovedFilter::kOnly ? " AND a.removed_at IS NOT NULL"
                                                    : " AND a.removed_at IS NULL");
}

}  // namespace

util::Result<ArticleCursor> ArticleCursor::Open(const Archive& archive, const ExportQuery& query) {
  TRY_ASSIGN(std::string removed, RemovedSql(archive, query.removed));
  std::string sql;
  if (query.all_versions) {
    sql = std::string(
              "SELECT v.article, a.first_seen_at FROM article_versions v "
              "JOIN articles a ON a.id = v.article_id "
              "WHERE a.title IS NOT NULL AND a.title <> ''") +
          kFilters + removed +
          " AND (?4 IS NULL OR v.fetched_at >= ?4)"
          " ORDER BY a.site, a.published_date, a.url, v.version";
  } else {
    sql = std::string("SELECT ") + kArticleRowColumns +
          " FROM articles a WHERE a.title IS NOT NULL AND a.title <> ''" + kFilters + removed +
          " AND (?4 IS NULL OR a.changed_at >= ?4)"
          " ORDER BY a.site, a.published_date, a.url";
  }
  TRY_ASSIGN(Statement stmt, Statement::Prepare(archive.db(), sql));
  stmt.Bind(1, query.site).Bind(2, query.since).Bind(3, query.until).Bind(4, query.changed_since);
  return ArticleCursor(std::move(stmt), query.all_versions);
}

util::Result<bool> ArticleCursor::Next() {
  TRY_ASSIGN(bool has_row, stmt_.Step());
  if (!has_row) return false;
  if (all_versions_) {
    TRY_ASSIGN(article_, ArticleFromJson(stmt_.Text(0), &stamp_));
    // The version's JSON carries the first_seen_at known then; the article's is the truth.
    stamp_.first_seen_at = stmt_.Text(1);
  } else {
    TRY_ASSIGN(article_, ArticleFromRow(stmt_, 0, &stamp_));
  }
  return true;
}

}  // namespace storage
