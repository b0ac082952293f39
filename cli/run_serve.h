// `newsarc serve`: a local, read-only web view of an archive (cli/serve_routes.h): its sites,
// sections and articles with their versions and diffs, search, the audit and each site's
// timeline. Loopback only unless --bind says otherwise; the archive is opened read-only and
// read one snapshot per page, so it serves while a crawl writes. Runs until SIGINT or SIGTERM
// (exit 0).
#pragma once

#include <string>

namespace cli {

struct ServeCommandOptions {
  std::string db;
  int port = 8080;  // 0: any free port
  std::string bind = "127.0.0.1";
  bool quiet = false;  // -q: only the "serving" line and errors
};

int RunServe(const ServeCommandOptions& options);

namespace internal {
// Exposed for tests.
// Whether `address` (as given to --bind) is a loopback address: 127.0.0.0/8, ::1, localhost.
bool IsLoopbackAddress(const std::string& address);
}  // namespace internal

}  // namespace cli
