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

util::Result<ArticleList> ReadArticleList(const Archive& archive, const ArticleListQuery& query) {
  // ?2 says whether to filter by section; ?3 is the section (NULL: none). `IS` matches NULL.
  constexpr const char* kWhere =
      " FROM articles WHERE site = ?1 AND (?2 = 0 OR NULLIF(section, '') IS ?3)";
  ArticleList list;
  auto bind = [&query](Statement& stmt) {
    stmt.Bind(1, query.site);
    stmt.Bind(2, query.section.has_value() ? 1 : 0);
    if (query.section && *query.section) {
      stmt.Bind(3, **query.section);
    } else {
      stmt.BindNull(3);
    }
  };
  TRY_ASSIGN(Statement count,
             Statement::Prepare(archive.db(), std::string("SELECT COUNT(*)") + kWhere));
  bind(count);
  TRY(count.Step());
  list.total = count.Int(0);
  TRY_ASSIGN(Statement rows,
             Statement::Prepare(archive.db(),
                                std::string("SELECT url, title, NULLIF(section, ''), "
                                            "published_date, views, version, last_fetched_at") +
                                    kWhere +
                                    " ORDER BY published_date IS NULL, published_date DESC, url "
                                    "LIMIT ?4 OFFSET ?5"));
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
    list.rows.push_back(std::move(row));
  }
  return list;
}

}  // namespace storage
