// Issue #13 point 6: a seed host that never answers is parked after
// config::defaults::kParkHostAfterFailedRuns failed runs in a row. The binary against a loopback
// fixture host that works and a seed host whose port refuses every connection.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/fixture_server.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"

namespace {

using testing_support::FixtureResponse;
using testing_support::FixtureServer;

// Nothing listens on port 1 of 127.0.0.1: every connection is refused at once.
constexpr char kDeadHost[] = "dead.test:1";

class HostParkingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir();
    db_ = dir_ + "/archive.sqlite";
    server_.AddHost("live.test");
    ASSERT_OK(server_.Start());
    server_.Route("live.test", "/robots.txt", FixtureResponse::Text("User-agent: *\nDisallow:\n"));
    server_.Route("live.test", "/", FixtureResponse::Html("<html><body><p>home</p></body></html>"));
  }

  testing_support::ProcessResult Crawl(std::vector<std::string> extra, bool with_seeds = true) {
    std::vector<std::string> args = {"crawl", "--db", db_, "--delay", "0"};
    if (with_seeds) {
      args.insert(args.end(), {"--seed", server_.Url("live.test", "/"), "--seed",
                               std::string("http://") + kDeadHost + "/"});
    }
    for (const auto& r : server_.ResolveEntries()) args.insert(args.end(), {"--resolve", r});
    args.insert(args.end(), {"--resolve", std::string(kDeadHost) + ":127.0.0.1"});
    args.insert(args.end(), extra.begin(), extra.end());
    return testing_support::RunNewsarc(args);
  }

  nlohmann::json ParkedHosts() {
    auto stats = testing_support::RunNewsarc({"stats", "--db", db_, "--json"});
    EXPECT_EQ(stats.exit_code, 0) << stats.err;
    return nlohmann::json::parse(stats.out)["parked_hosts"];
  }

  std::string QueuedUrlsOf(const std::string& host) {
    auto urls = testing_support::RunNewsarc(
        {"-q", "urls", "--db", db_, "--state", "queued", "--site", host});
    EXPECT_EQ(urls.exit_code, 0) << urls.err;
    return urls.out;
  }

  std::string dir_;
  std::string db_;
  FixtureServer server_;
};

TEST_F(HostParkingTest, ADeadSeedHostIsParkedAfterThreeFailedRunsAndTheRunsExitZero) {
  // Runs 1 and 2: the dead host's seed is left queued, so work is left: exit 3.
  for (int run = 1; run <= 2; ++run) {
    auto r = Crawl({});
    EXPECT_EQ(r.exit_code, 3) << "run " << run << ": " << r.err;
    EXPECT_EQ(r.err.find("host parked"), std::string::npos) << r.err;
  }
  EXPECT_TRUE(ParkedHosts().empty());
  // Run 3: the third failed run in a row parks it, with a warning naming it; exit 0.
  auto third = Crawl({});
  EXPECT_EQ(third.exit_code, 0) << third.err;
  EXPECT_NE(third.err.find("host parked"), std::string::npos) << third.err;
  EXPECT_NE(third.err.find(kDeadHost), std::string::npos) << third.err;
  EXPECT_NE(third.err.find("--retry-host"), std::string::npos) << third.err;
  auto parked = ParkedHosts();
  ASSERT_EQ(parked.size(), 1u) << parked.dump();
  EXPECT_EQ(parked[0]["host"], kDeadHost);
  EXPECT_EQ(parked[0]["failed_runs"], 3);
  EXPECT_NE(parked[0]["last_error"].get<std::string>().find("network"), std::string::npos);
  auto text = testing_support::RunNewsarc({"stats", "--db", db_});
  EXPECT_NE(text.out.find("Parked hosts: 1"), std::string::npos) << text.out;

  // Run 4: skipped with one warning naming it and how to revive it; its queue kept; exit 0.
  size_t live_before = server_.RequestsFor("live.test").size();
  auto fourth = Crawl({});
  EXPECT_EQ(fourth.exit_code, 0) << fourth.err;
  EXPECT_NE(fourth.err.find("skipping parked host"), std::string::npos) << fourth.err;
  EXPECT_NE(fourth.err.find(kDeadHost), std::string::npos) << fourth.err;
  EXPECT_EQ(fourth.err.find("no requests to this host"), std::string::npos) << fourth.err;
  EXPECT_GT(server_.RequestsFor("live.test").size(), live_before);  // the live host is crawled
  EXPECT_NE(QueuedUrlsOf(kDeadHost).find("http://dead.test:1/"), std::string::npos);
  EXPECT_EQ(ParkedHosts()[0]["failed_runs"], 3);

  // --retry-host unparks it: it is tried again (and fails again: exit 3, not parked yet).
  auto retried = Crawl({"--retry-host", kDeadHost});
  EXPECT_EQ(retried.exit_code, 3) << retried.err;
  EXPECT_NE(retried.err.find("no requests to this host in this run"), std::string::npos)
      << retried.err;
  EXPECT_TRUE(ParkedHosts().empty());

  // --forget-host drops its queue; without seeds nothing else is crawled: exit 0.
  auto forgot = Crawl({"--forget-host", kDeadHost}, false);
  EXPECT_EQ(forgot.exit_code, 0) << forgot.err;
  EXPECT_EQ(QueuedUrlsOf(kDeadHost), "");
  EXPECT_TRUE(ParkedHosts().empty());
}

TEST_F(HostParkingTest, ParkAfterZeroNeverParks) {
  for (int run = 1; run <= 3; ++run) {
    auto r = Crawl({"--park-after", "0"});
    EXPECT_EQ(r.exit_code, 3) << "run " << run << ": " << r.err;
  }
  EXPECT_TRUE(ParkedHosts().empty());
}

// The threshold can live in the site config ([crawl] park_after), the flag still wins.
TEST_F(HostParkingTest, TheConfigsParkAfterParksSoonerAndTheFlagOverridesIt) {
  std::string config = dir_ + "/site.toml";
  std::ofstream(config) << "[crawl]\npark_after = 1\n";
  auto overridden = Crawl({"--config", config, "--park-after", "0"});
  EXPECT_EQ(overridden.exit_code, 3) << overridden.err;
  EXPECT_TRUE(ParkedHosts().empty());
  auto first = Crawl({"--config", config});
  EXPECT_EQ(first.exit_code, 0) << first.err;  // parked after this one failed run
  ASSERT_EQ(ParkedHosts().size(), 1u);
  EXPECT_EQ(ParkedHosts()[0]["host"], kDeadHost);
}

}  // namespace
