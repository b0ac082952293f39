// `newsarc crawl --frontier postgresql://...` end to end: several workers share a frontier in
// a throwaway PostgreSQL cluster (tests/support/postgres_server.h) and crawl the demo site
// (tools/make_demo_site.py) served on three loopback hosts; politeness across the workers is
// asserted from the fixture server's request log.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "tests/support/demo_site.h"
#include "tests/support/fixture_server.h"
#include "tests/support/postgres_server.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace {

using namespace std::chrono_literals;
using testing_support::FixtureServer;
using testing_support::PostgresServer;
using testing_support::RecordedRequest;

constexpr const char* kDelay = "0.2";
constexpr auto kDelayDuration = 200ms;
// The server stamps a request when its handler runs, which can lag its arrival by a few tens
// of milliseconds on a loaded machine (as in crawl_integration_test.cpp).
constexpr auto kServerStampSlack = 50ms;
const std::vector<std::string> kHosts = {"a.test", "b.test", "c.test"};

// Serves the generated demo site on every host of `server`.
void ServeSite(FixtureServer& server, const std::string& root) {
  for (const auto& host : kHosts) testing_support::ServeDemoSite(server, host, root);
}

// "http://a.test:PORT/x" → "a.test/x": the same page on two servers' ports.
std::string WithoutPort(const std::string& url) {
  size_t host = url.find("://") + 3;
  size_t colon = url.find(':', host);
  size_t slash = url.find('/', host);
  if (colon == std::string::npos || colon > slash) return url.substr(host);
  return url.substr(host, colon - host) + url.substr(slash);
}

// URL (without port) → content hash of every article archived in `db`.
std::map<std::string, std::string> Articles(const std::string& db) {
  std::map<std::string, std::string> out;
  auto exported = testing_support::RunNewsarc({"export", "--db", db});
  EXPECT_EQ(exported.exit_code, 0) << exported.err;
  std::istringstream lines(exported.out);
  std::string line;
  while (std::getline(lines, line)) {
    auto a = nlohmann::json::parse(line);
    out[WithoutPort(a["url"])] = a["content_sha256"];
  }
  return out;
}

class PgCrawlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pg_.running()) << pg_.error();
    dir_ = testing_support::MakeTempDir();
    site_ = dir_ + "/site";
    auto gen = testing_support::MakeDemoSite(site_, kDelay);
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    for (const auto& h : kHosts) server_.AddHost(h);
    ASSERT_OK(server_.Start());
    ServeSite(server_, site_);
  }

  std::vector<std::string> CrawlArgs(const FixtureServer& server, const std::string& db) {
    std::vector<std::string> args = {"crawl", "--db", db, "--delay", kDelay, "--jobs", "1"};
    for (const auto& h : kHosts) {
      args.push_back("--seed");
      args.push_back(server.Url(h, "/index.html"));
    }
    std::vector<std::string> resolve = server.ResolveArgs();
    args.insert(args.end(), resolve.begin(), resolve.end());
    return args;
  }

  std::vector<std::string> WorkerArgs(const std::string& uri, int n) {
    auto args = CrawlArgs(server_, dir_ + "/worker-" + std::to_string(n) + ".sqlite");
    args.insert(args.end(), {"--frontier", uri, "--lease", "2"});
    return args;
  }

  PostgresServer pg_;
  std::string dir_;
  std::string site_;
  FixtureServer server_;
};

TEST_F(PgCrawlTest, AFrontierThatIsNotPostgreSqlIsAUsageError) {
  auto args = CrawlArgs(server_, dir_ + "/w.sqlite");
  args.insert(args.end(), {"--frontier", "mysql://crawler:secret@db.example/crawl"});
  auto r = testing_support::RunNewsarc(args);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--frontier mysql://crawler:***@db.example/crawl"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("expected a PostgreSQL URI"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/w.sqlite"));
}

TEST_F(PgCrawlTest, AnUnreachableFrontierIsNamedWithTheReason) {
  // A socket directory that does not exist (short: socket paths are limited to 107 bytes).
  std::string uri = "postgresql:///crawl?host=/nonexistent-newsarc-socket-dir&user=newsarc";
  auto args = CrawlArgs(server_, dir_ + "/w.sqlite");
  args.insert(args.end(), {"--frontier", uri});
  auto r = testing_support::RunNewsarc(args);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(uri), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("No such file or directory"), std::string::npos) << r.err;
  EXPECT_TRUE(server_.Requests().empty());
}

TEST_F(PgCrawlTest, ThreeWorkersOneKilledCrawlAsPolitelyAndAsCompletelyAsOne) {
  auto uri = pg_.CreateDatabase("crawl");
  ASSERT_TRUE(uri);
  // The single-worker reference crawl, on a server of its own (same site, other addresses).
  testing_support::FixtureServerOptions other;
  other.first_address_octet = 20;
  FixtureServer reference_server(other);
  for (const auto& h : kHosts) reference_server.AddHost(h);
  ASSERT_OK(reference_server.Start());
  ServeSite(reference_server, site_);
  std::string reference_db = dir_ + "/single.sqlite";
  std::thread reference([&] {
    auto r = testing_support::RunNewsarc(CrawlArgs(reference_server, reference_db));
    EXPECT_EQ(r.exit_code, 0) << r.err;
  });

  std::vector<std::unique_ptr<testing_support::BackgroundProcess>> workers;
  for (int n = 1; n <= 3; ++n) {
    workers.push_back(testing_support::StartNewsarc(
        WorkerArgs(*uri, n), dir_ + "/worker-" + std::to_string(n) + ".log"));
    ASSERT_TRUE(workers.back()->started());
  }
  // Mid-run (40 requests made), a worker holding a host with URLs in flight dies; it is
  // started again on its archive.
  const std::string busy_owner =
      "SELECT h.lease_owner FROM hosts h WHERE h.lease_owner IS NOT NULL AND EXISTS "
      "(SELECT 1 FROM urls u WHERE u.host = h.host AND u.state = 'in_flight') LIMIT 1";
  int victim = -1;
  auto deadline = std::chrono::steady_clock::now() + 60s;
  while (victim < 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
    if (server_.Requests().size() < 40) continue;
    std::string owner = pg_.Query("crawl", busy_owner).value_or("");  // "host:pid:nonce\n"
    size_t a = owner.find(':'), b = owner.find(':', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    std::string pid = owner.substr(a + 1, b - a - 1);
    for (int i = 0; i < 3; ++i) {
      if (std::to_string(workers[i]->pid()) == pid) victim = i;
    }
  }
  ASSERT_GE(victim, 0) << "no worker held a host with URLs in flight";
  workers[victim]->Stop(SIGKILL, 10s);
  // Once it is gone: a request it sent as it was killed is stamped by the server just after.
  auto killed_at = std::chrono::steady_clock::now();
  workers[victim] = testing_support::StartNewsarc(
      WorkerArgs(*uri, victim + 1), dir_ + "/worker-" + std::to_string(victim + 1) + "b.log");
  for (auto& w : workers) EXPECT_EQ(w->Stop(0, 120s), 0);  // each ends by itself
  reference.join();
  // Another worker (or the restarted one) took over the dead worker's host.
  std::string logs;
  for (const auto& f : std::filesystem::directory_iterator(dir_)) {
    if (f.path().extension() == ".log") logs += testing_support::ReadFileOrFail(f.path());
  }
  EXPECT_NE(logs.find("claimed a host whose lease had expired"), std::string::npos) << logs;
  ASSERT_TRUE(server_.WaitUntilIdle(5s));

  // "a.test/path" → when each GET of it started.
  std::map<std::string, std::vector<RecordedRequest::Time>> fetches;
  for (const auto& r : server_.Requests()) fetches[r.host + r.target].push_back(r.started_at);
  for (const auto& host : kHosts) {
    auto requests = server_.RequestsFor(host);
    ASSERT_FALSE(requests.empty()) << host;
    // One request at a time per host across all workers, and never closer than the delay.
    EXPECT_EQ(server_.MaxConcurrentRequests(host), 1) << host;
    auto gap = server_.MinStartGap(host);
    ASSERT_TRUE(gap) << host;
    EXPECT_GE(*gap, kDelayDuration - kServerStampSlack) << host;
    EXPECT_EQ(server_.CountFor(host, "/robots.txt"), 1u) << host;
  }
  // Every page once, but what the killed worker had fetched and not yet finished in the
  // frontier (in flight, or still being archived): that is fetched again after its lease
  // expired, once.
  for (const auto& [target, starts] : fetches) {
    EXPECT_LE(starts.size(), 2u) << target;
    if (starts.size() == 2) {
      EXPECT_LT(starts[0], killed_at) << target;
      EXPECT_GT(starts[1], killed_at) << target;
    }
  }

  // `newsarc merge` builds one archive of the workers' archives: it holds the single-worker
  // crawl's articles, same content, each once.
  const std::string merged_db = dir_ + "/all.sqlite";
  std::vector<std::string> merge_args = {"merge", "--db", merged_db};
  for (int n = 1; n <= 3; ++n)
    merge_args.push_back(dir_ + "/worker-" + std::to_string(n) + ".sqlite");
  auto merging = testing_support::RunNewsarc(merge_args);
  ASSERT_EQ(merging.exit_code, 0) << merging.err;
  std::map<std::string, std::string> merged = Articles(merged_db);
  auto exported = testing_support::RunNewsarc({"export", "--db", merged_db});
  EXPECT_EQ(static_cast<size_t>(std::count(exported.out.begin(), exported.out.end(), '\n')),
            merged.size());
  auto single = Articles(reference_db);
  EXPECT_FALSE(single.empty());
  for (const auto& [url, hash] : single) EXPECT_EQ(merged[url], hash) << url;
  for (const auto& [url, hash] : merged) EXPECT_TRUE(single.count(url)) << url;
}

}  // namespace
