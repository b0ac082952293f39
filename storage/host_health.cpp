#include "storage/host_health.h"

#include "storage/sqlite_handles.h"
#include "util/time_format.h"

namespace storage {
namespace {

util::Result<std::optional<HostHealthRow>> LoadRow(const Archive& archive,
                                                   const std::string& host) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                "SELECT host, consecutive_failed_runs, coalesce(last_error, ''), "
                                "parked_at FROM host_health WHERE host = ?1"));
  TRY_ASSIGN(bool found, stmt.Bind(1, host).Step());
  if (!found) return std::optional<HostHealthRow>();
  return std::optional<HostHealthRow>(HostHealthRow{stmt.Text(0), static_cast<int>(stmt.Int(1)),
                                                    stmt.Text(2), stmt.OptionalText(3)});
}

}  // namespace

util::Result<std::vector<HostHealthRow>> LoadHostHealth(const Archive& archive) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                "SELECT host, consecutive_failed_runs, coalesce(last_error, ''), "
                                "parked_at FROM host_health ORDER BY host"));
  std::vector<HostHealthRow> rows;
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    rows.push_back(HostHealthRow{stmt.Text(0), static_cast<int>(stmt.Int(1)), stmt.Text(2),
                                 stmt.OptionalText(3)});
  }
  return rows;
}

util::Result<HostHealthRow> RecordHostRun(const Archive& archive, const std::string& host,
                                          bool failed, const std::string& error,
                                          int park_after_failed_runs) {
  TRY_ASSIGN(Transaction txn, Transaction::Begin(archive.db(), Transaction::Kind::kWrite));
  TRY_ASSIGN(std::optional<HostHealthRow> old, LoadRow(archive, host));
  HostHealthRow row = old.value_or(HostHealthRow{host, 0, "", std::nullopt});
  std::string now = util::FormatUtcNow();
  if (failed) {
    ++row.consecutive_failed_runs;
    row.last_error = error;
    if (!row.parked_at && park_after_failed_runs > 0 &&
        row.consecutive_failed_runs >= park_after_failed_runs) {
      row.parked_at = now;
    }
  } else {
    row.consecutive_failed_runs = 0;
    row.parked_at.reset();
  }
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                "INSERT INTO host_health (host, consecutive_failed_runs, "
                                "last_error, parked_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                                "ON CONFLICT (host) DO UPDATE SET consecutive_failed_runs = ?2, "
                                "last_error = ?3, parked_at = ?4, updated_at = ?5"));
  std::optional<std::string> last_error;
  if (!row.last_error.empty()) last_error = row.last_error;
  TRY(stmt.Bind(1, host)
          .Bind(2, row.consecutive_failed_runs)
          .Bind(3, last_error)
          .Bind(4, row.parked_at)
          .Bind(5, now)
          .Run());
  TRY(txn.Commit());
  return row;
}

util::Result<bool> RetryHost(const Archive& archive, const std::string& host) {
  TRY_ASSIGN(Statement stmt, Statement::Prepare(archive.db(),
                                                "UPDATE host_health SET parked_at = NULL, "
                                                "consecutive_failed_runs = 0, updated_at = ?2 "
                                                "WHERE host = ?1 AND parked_at IS NOT NULL"));
  TRY(stmt.Bind(1, host).Bind(2, util::FormatUtcNow()).Run());
  return archive.db().Changes() == 1;
}

util::Result<size_t> ForgetHost(const Archive& archive, const std::string& host) {
  TRY_ASSIGN(Transaction txn, Transaction::Begin(archive.db(), Transaction::Kind::kWrite));
  TRY_ASSIGN(Statement drop, Statement::Prepare(archive.db(),
                                                "DELETE FROM frontier WHERE host = ?1 "
                                                "AND state IN ('queued', 'in_flight', 'failed')"));
  TRY(drop.Bind(1, host).Run());
  size_t dropped = static_cast<size_t>(archive.db().Changes());
  TRY_ASSIGN(Statement health,
             Statement::Prepare(archive.db(), "DELETE FROM host_health WHERE host = ?1"));
  TRY(health.Bind(1, host).Run());
  TRY(txn.Commit());
  return dropped;
}

util::Result<std::optional<std::string>> AQueuedUrlOfHost(const Archive& archive,
                                                          const std::string& host) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                "SELECT url FROM frontier WHERE host = ?1 AND state = 'queued' "
                                "ORDER BY id LIMIT 1"));
  TRY_ASSIGN(bool found, stmt.Bind(1, host).Step());
  if (!found) return std::optional<std::string>();
  return std::optional<std::string>(stmt.Text(0));
}

util::Result<size_t> QueuedCountOfHost(const Archive& archive, const std::string& host) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                "SELECT count(*) FROM frontier WHERE host = ?1 AND state = "
                                "'queued'"));
  TRY(stmt.Bind(1, host).Step());
  return static_cast<size_t>(stmt.Int(0));
}

}  // namespace storage
