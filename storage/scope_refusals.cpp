#include "storage/scope_refusals.h"

#include "storage/migrations.h"
#include "storage/sqlite_handles.h"
#include "util/time_format.h"

namespace storage {
namespace {

constexpr const char* kColumns =
    "url, host, reason, detail, discovered_from, first_run_id, last_run_id, first_seen_at, "
    "last_seen_at";

ScopeRefusal RefusalOf(const Statement& stmt) {
  ScopeRefusal r;
  r.row.url = stmt.Text(0);
  r.row.host = stmt.Text(1);
  r.row.reason = stmt.Text(2);
  r.row.detail = stmt.Text(3);
  r.row.discovered_from = stmt.OptionalText(4);
  r.first_run_id = stmt.OptionalInt(5);
  r.last_run_id = stmt.OptionalInt(6);
  r.first_seen_at = stmt.Text(7);
  r.last_seen_at = stmt.Text(8);
  return r;
}

util::Result<bool> HasRefusals(const Archive& archive) {
  TRY_ASSIGN(int version, SchemaVersionOf(archive.db()));
  return version >= kScopeRefusalSchemaVersion;
}

}  // namespace

util::Result<void> RecordScopeRefusals(Archive& archive, const std::vector<ScopeRefusalRow>& rows,
                                       std::optional<int64_t> run_id,
                                       std::chrono::system_clock::time_point seen_at) {
  if (rows.empty()) return {};
  TRY_ASSIGN(WriteBatch txn, archive.BeginWrite());
  TRY_ASSIGN(
      Statement stmt,
      Statement::Prepare(
          archive.db(),
          "INSERT INTO scope_refusals (url, host, reason, detail, discovered_from, first_run_id, "
          "last_run_id, first_seen_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?7) "
          "ON CONFLICT (url) DO UPDATE SET reason = ?3, detail = ?4, "
          "discovered_from = coalesce(?5, discovered_from), last_run_id = coalesce(?6, "
          "last_run_id), last_seen_at = max(last_seen_at, ?7)"));
  std::string at = util::FormatUtc(seen_at);
  for (const ScopeRefusalRow& row : rows) {
    stmt.Reset();
    stmt.Bind(1, row.url)
        .Bind(2, row.host)
        .Bind(3, row.reason)
        .Bind(4, row.detail)
        .Bind(5, row.discovered_from)
        .Bind(6, run_id)
        .Bind(7, at);
    TRY(stmt.Run());
  }
  return txn.Commit();
}

util::Result<std::optional<ScopeRefusal>> FindScopeRefusal(const Archive& archive,
                                                           const std::string& url) {
  TRY_ASSIGN(bool has, HasRefusals(archive));
  if (!has) return std::optional<ScopeRefusal>();
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(), std::string("SELECT ") + kColumns +
                                                  " FROM scope_refusals WHERE url = ?1"));
  TRY_ASSIGN(bool found, stmt.Bind(1, url).Step());
  if (!found) return std::optional<ScopeRefusal>();
  return std::optional<ScopeRefusal>(RefusalOf(stmt));
}

util::Result<std::vector<ScopeRefusal>> ReadScopeRefusals(const Archive& archive,
                                                          const std::optional<std::string>& host) {
  std::vector<ScopeRefusal> refusals;
  TRY_ASSIGN(bool has, HasRefusals(archive));
  if (!has) return refusals;
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                std::string("SELECT ") + kColumns +
                                    " FROM scope_refusals s WHERE (?1 IS NULL OR host = ?1) AND "
                                    "NOT EXISTS (SELECT 1 FROM frontier f WHERE f.url = s.url) "
                                    "ORDER BY url"));
  stmt.Bind(1, host);
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) return refusals;
    refusals.push_back(RefusalOf(stmt));
  }
}

std::string ScopeRefusalText(const ScopeRefusal& refusal) {
  return "refused by scope (" + refusal.row.detail + ")";
}

}  // namespace storage
