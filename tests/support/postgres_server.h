// A PostgresServer is a throwaway PostgreSQL cluster for tests of the shared frontier: initdb
// into a fresh private directory, a server listening only on a Unix socket there (no TCP),
// stopped (pg_ctl stop -m immediate) and removed by the destructor. initdb refuses to run as
// root: under root the cluster belongs to the unprivileged user `nobody` (runuser). The
// binaries come from Debian's postgresql-15 (scripts/setup.sh installs it), or from
// $NEWSARC_PG_BINDIR. When they are missing or the server does not start, error() says why and
// the test must fail with it (not skip). Every wait is bounded. Not copyable.
#pragma once

#include <optional>
#include <string>

namespace testing_support {

class PostgresServer {
 public:
  PostgresServer();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // Empty when the server runs; otherwise what went wrong (with initdb's or pg_ctl's output).
  const std::string& error() const { return error_; }
  bool running() const { return error_.empty(); }
  // A postgresql:// URI for `database` on this server, as user "newsarc".
  std::string Uri(const std::string& database = "postgres") const;
  // Creates a fresh, empty database and returns its URI (nullopt and a test failure when it
  // cannot).
  std::optional<std::string> CreateDatabase(const std::string& name);
  // Runs `sql` on `database` (psql, unaligned, no headers); its output, nullopt on failure.
  std::optional<std::string> Query(const std::string& database, const std::string& sql) const;

 private:
  std::string bindir_;
  std::string dir_;  // cluster data in dir_/data, the socket in dir_
  int port_ = 5432;
  bool started_ = false;
  std::string error_;
};

}  // namespace testing_support
