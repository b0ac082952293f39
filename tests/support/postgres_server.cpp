#include "tests/support/postgres_server.h"

#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "tests/support/process.h"

namespace testing_support {
namespace {

constexpr const char* kDefaultBinDir = "/usr/lib/postgresql/15/bin";
constexpr const char* kUnprivilegedUser = "nobody";

// argv run as the cluster's owner: as is, or through runuser when we are root.
std::vector<std::string> AsOwner(std::vector<std::string> argv) {
  if (geteuid() != 0) return argv;
  std::vector<std::string> wrapped = {"runuser", "-u", kUnprivilegedUser, "--"};
  wrapped.insert(wrapped.end(), argv.begin(), argv.end());
  return wrapped;
}

}  // namespace

PostgresServer::PostgresServer() {
  const char* env = std::getenv("NEWSARC_PG_BINDIR");
  bindir_ = env && *env ? env : kDefaultBinDir;
  if (!std::filesystem::exists(bindir_ + "/initdb") ||
      !std::filesystem::exists(bindir_ + "/pg_ctl")) {
    error_ = "PostgreSQL server binaries not found in " + bindir_ +
             " (initdb, pg_ctl): install Debian's postgresql-15 (scripts/setup.sh does) or set "
             "NEWSARC_PG_BINDIR";
    return;
  }
  char tmpl[] = "/tmp/newsarc-pg.XXXXXX";
  if (mkdtemp(tmpl) == nullptr) {
    error_ = "cannot create a temporary directory for PostgreSQL";
    return;
  }
  dir_ = tmpl;
  if (geteuid() == 0) {
    const passwd* pw = getpwnam(kUnprivilegedUser);
    if (pw == nullptr || chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      error_ = std::string("cannot hand ") + dir_ + " to the user " + kUnprivilegedUser +
               " (initdb refuses to run as root)";
      return;
    }
  }
  port_ = 20000 + static_cast<int>(getpid() % 20000);
  ProcessResult init =
      RunProcess(AsOwner({bindir_ + "/initdb", "-D", dir_ + "/data", "-A", "trust", "-U", "newsarc",
                          "-E", "UTF8", "--no-sync", "--locale=C"}),
                 std::nullopt, std::chrono::seconds(120));
  if (init.exit_code != 0) {
    error_ = "initdb failed (exit " + std::to_string(init.exit_code) + "): " + init.err + init.out;
    return;
  }
  std::string options = "-k " + dir_ + " -c listen_addresses='' -p " + std::to_string(port_) +
                        " -c fsync=off -c synchronous_commit=off -c max_connections=100";
  ProcessResult start =
      RunProcess(AsOwner({bindir_ + "/pg_ctl", "-D", dir_ + "/data", "-o", options, "-l",
                          dir_ + "/server.log", "-w", "-t", "60", "start"}),
                 std::nullopt, std::chrono::seconds(90));
  started_ = true;  // stop it whatever pg_ctl said
  if (start.exit_code != 0) {
    error_ = "pg_ctl start failed (exit " + std::to_string(start.exit_code) + "): " + start.err +
             start.out;
  }
}

PostgresServer::~PostgresServer() {
  if (started_) {
    (void)RunProcess(
        AsOwner({bindir_ + "/pg_ctl", "-D", dir_ + "/data", "-m", "immediate", "-w", "stop"}),
        std::nullopt, std::chrono::seconds(60));
  }
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

std::string PostgresServer::Uri(const std::string& database) const {
  return "postgresql:///" + database + "?host=" + dir_ + "&port=" + std::to_string(port_) +
         "&user=newsarc";
}

std::optional<std::string> PostgresServer::CreateDatabase(const std::string& name) {
  if (!running()) {
    ADD_FAILURE() << error_;
    return std::nullopt;
  }
  ProcessResult r = RunProcess({bindir_ + "/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", Uri(),
                                "-c", "CREATE DATABASE \"" + name + "\""},
                               std::nullopt, std::chrono::seconds(60));
  if (r.exit_code != 0) {
    ADD_FAILURE() << "CREATE DATABASE " << name << " failed: " << r.err;
    return std::nullopt;
  }
  return Uri(name);
}

std::optional<std::string> PostgresServer::Query(const std::string& database,
                                                 const std::string& sql) const {
  if (!running()) return std::nullopt;
  ProcessResult r = RunProcess({bindir_ + "/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                                "-d", Uri(database), "-c", sql},
                               std::nullopt, std::chrono::seconds(60));
  if (r.exit_code != 0) return std::nullopt;
  return r.out;
}

}  // namespace testing_support
