// RAII owners for libpq's handles: a PgConnection (PGconn) and a PgResult (PGresult). This is
// the only header that names libpq types; the PostgreSQL frontier goes through it. Owners are
// move-only and not thread-safe (one connection per thread, as libpq requires).
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace frontier_pg {

struct PgConnCloser {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct PgResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};

// A statement parameter: text (NULL when unset), or bytes sent in binary format (bytea).
struct PgParam {
  std::optional<std::string> value;
  bool binary = false;
};

// The rows of a statement that succeeded; cells are read as text.
class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result) {}
  int Rows() const { return PQntuples(result_.get()); }
  // Rows changed by an INSERT/UPDATE/DELETE (without RETURNING, or with it).
  int64_t Affected() const;
  bool IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string Text(int row, int column) const;
  std::optional<std::string> OptionalText(int row, int column) const;
  int64_t Int(int row, int column) const;
  PGresult* raw() const { return result_.get(); }

 private:
  std::unique_ptr<PGresult, PgResultClearer> result_;
};

// One connection to a PostgreSQL server.
class PgConnection {
 public:
  // Connects to `conninfo` (a postgresql:// URI or "key=value" pairs). The error names the
  // connection string (its password hidden) and the server's or libpq's reason.
  static util::Result<PgConnection> Connect(const std::string& conninfo);

  // Runs one statement with $1.. parameters. SQLSTATE 40P01 (deadlock) and 40001
  // (serialization) are retried a few times: every statement given here stands alone.
  util::Result<PgResult> Exec(const std::string& sql, const std::vector<PgParam>& params = {});
  // Runs constant SQL of several statements, without parameters (the simple query protocol).
  util::Result<void> ExecScript(const char* sql);
  // The payloads of the notifications (NOTIFY, pg_notify) received on the channels this
  // connection LISTENs to, oldest first: those that came with earlier results and those
  // waiting on the socket. Never blocks and sends nothing (no round trip).
  std::vector<std::string> TakeNotifications();
  // The connection string with its password hidden, for messages.
  const std::string& where() const { return where_; }
  // Statements run and the time spent waiting for them (round trips included).
  int64_t statements() const { return statements_; }
  std::chrono::nanoseconds busy() const { return busy_; }

 private:
  std::unique_ptr<PGconn, PgConnCloser> conn_;
  std::string where_;
  int64_t statements_ = 0;
  std::chrono::nanoseconds busy_{0};
};

// `conninfo` with any password replaced by "***" (URI userinfo or password= / ?password=).
std::string HidePassword(const std::string& conninfo);

// A PostgreSQL array literal of text values ({"a","b",NULL}), for = ANY($1) and unnest($1).
std::string TextArray(const std::vector<std::optional<std::string>>& values);

}  // namespace frontier_pg
