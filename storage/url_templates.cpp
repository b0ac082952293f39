#include "storage/url_templates.h"

#include "storage/sqlite_handles.h"
#include "util/time_format.h"

namespace storage {

util::Result<std::vector<UrlTemplateRow>> LoadUrlTemplates(const Archive& archive,
                                                           const std::string& host) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                "SELECT host, template, fetched, productive, barren_streak, "
                                "given_up_at IS NOT NULL FROM url_templates "
                                "WHERE ?1 = '' OR host = ?1 ORDER BY host, template"));
  stmt.Bind(1, host);
  std::vector<UrlTemplateRow> rows;
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    rows.push_back({stmt.Text(0), stmt.Text(1), static_cast<long>(stmt.Int(2)),
                    static_cast<long>(stmt.Int(3)), static_cast<int>(stmt.Int(4)),
                    stmt.Int(5) != 0});
  }
  return rows;
}

util::Result<void> StoreUrlTemplate(const Archive& archive, const UrlTemplateRow& row) {
  TRY_ASSIGN(
      Statement stmt,
      Statement::Prepare(
          archive.db(),
          "INSERT INTO url_templates (host, template, fetched, productive, barren_streak, "
          "given_up_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?6 THEN ?7 END, ?7) "
          "ON CONFLICT (host, template) DO UPDATE SET fetched = ?3, productive = ?4, "
          "barren_streak = ?5, given_up_at = CASE WHEN ?6 THEN coalesce(given_up_at, ?7) END, "
          "updated_at = ?7"));
  std::string now = util::FormatUtcNow();
  stmt.Bind(1, row.host)
      .Bind(2, row.url_template)
      .Bind(3, static_cast<int64_t>(row.fetched))
      .Bind(4, static_cast<int64_t>(row.productive))
      .Bind(5, row.barren_streak)
      .Bind(6, row.given_up ? 1 : 0)
      .Bind(7, now);
  return stmt.Run();
}

}  // namespace storage
