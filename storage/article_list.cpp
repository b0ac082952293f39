#include "storage/article_list.h"

#include "storage/sqlite_handles.h"

namespace storage {

util::Result<std::vector<SectionSummary>> ReadSections(const Archive& archive,
                                                       const std::string& site) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                "SELECT NULLIF(section, '') AS s, COUNT(*), MIN(published_date), "
                                "MAX(published_date) FROM articles WHERE site = ?1 GROUP BY s "
                                "ORDER BY COUNT(*) DESC, s IS NULL, s"));
  stmt.Bind(1, site);
  std::vector<SectionSummary> sections;
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    sections.push_back(
        {stmt.OptionalText(0), stmt.Int(1), stmt.OptionalText(2), stmt.OptionalText(3)});
  }
  return sections;
}

util::Result<bool> HasRemovalTracking(const Archive& archive) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                "SELECT COUNT(*) FROM pragma_table_info('articles') "
                                "WHERE name IN ('removed_at', 'removed_reason')"));
  TRY(stmt.Step());
  return stmt.Int(0) == 2;
}

util::Result<ArticleList> ReadArticleList(const Archive& archive, const ArticleListQuery& query) {
  TRY_ASSIGN(bool tracked, HasRemovalTracking(archive));
  ArticleList list;
  if (query.removed_only && !tracked) return list;
  // ?1 is the site (NULL: every site); ?2 says whether to filter by section, ?3 is the section
  // (NULL: none; `IS` matches NULL).
  std::string where =
      " FROM articles WHERE (?1 IS NULL OR site = ?1) AND (?2 = 0 OR NULLIF(section, '') IS ?3)";
  if (query.removed_only) where += " AND removed_at IS NOT NULL";
  auto bind = [&query](Statement& stmt) {
    stmt.Bind(1, query.site);
    stmt.Bind(2, query.section.has_value() ? 1 : 0);
    if (query.section && *query.section) {
      stmt.Bind(3, **query.section);
    } else {
      stmt.BindNull(3);
    }
  };
  TRY_ASSIGN(Statement count, Statement::Prepare(archive.db(), "SELECT COUNT(*)" + where));
  bind(count);
  TRY(count.Step());
  list.total = count.Int(0);
  std::string order = query.removed_only
                          ? " ORDER BY removed_at DESC, url"
                          : " ORDER BY published_date IS NULL, published_date DESC, url";
  TRY_ASSIGN(
      Statement rows,
      Statement::Prepare(archive.db(),
                         std::string("SELECT url, title, NULLIF(section, ''), "
                                     "published_date, views, version, last_fetched_at, site, ") +
                             (tracked ? "removed_at, removed_reason" : "NULL, NULL") + where +
                             order + " LIMIT ?4 OFFSET ?5"));
  bind(rows);
  rows.Bind(4, query.limit);
  rows.Bind(5, query.offset);
  while (true) {
    TRY_ASSIGN(bool has_row, rows.Step());
    if (!has_row) break;
    ArticleListRow row;
    row.url = rows.Text(0);
    row.title = rows.OptionalText(1);
    row.section = rows.OptionalText(2);
    row.published_date = rows.OptionalText(3);
    row.views = rows.OptionalInt(4);
    row.version = rows.Int(5);
    row.last_fetched_at = rows.Text(6);
    row.site = rows.Text(7);
    row.removed_at = rows.OptionalText(8);
    row.removed_reason = rows.OptionalText(9);
    list.rows.push_back(std::move(row));
  }
  return list;
}

util::Result<std::optional<ArticleRemoval>> ReadArticleRemoval(const Archive& archive,
                                                               const std::string& article_url) {
  TRY_ASSIGN(bool tracked, HasRemovalTracking(archive));
  if (!tracked) return std::optional<ArticleRemoval>();
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                "SELECT removed_at, removed_reason FROM articles WHERE url = ?1 "
                                "AND removed_at IS NOT NULL"));
  stmt.Bind(1, article_url);
  TRY_ASSIGN(bool found, stmt.Step());
  if (!found) return std::optional<ArticleRemoval>();
  return std::optional<ArticleRemoval>(ArticleRemoval{stmt.Text(0), stmt.OptionalText(1)});
}

}  // namespace storage
