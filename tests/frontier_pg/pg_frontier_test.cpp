// The PostgreSQL frontier against a real server (tests/support/postgres_server.h): several
// PgFrontier connections stand for several workers.
#include "frontier_pg/pg_frontier.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>

#include "tests/support/postgres_server.h"

namespace frontier_pg {
namespace {

using namespace std::chrono_literals;
using testing_support::PostgresServer;

crawler::FrontierEntry Entry(const std::string& host, const std::string& path) {
  crawler::FrontierEntry e;
  e.url = "http://" + host + path;
  e.host = host;
  e.kind = crawler::LinkKind::kArticle;
  return e;
}

class PgFrontierTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new PostgresServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(server_->running()) << server_->error();
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "t_" + std::string(info->name());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto uri = server_->CreateDatabase(name);
    ASSERT_TRUE(uri);
    uri_ = *uri;
  }

  std::unique_ptr<PgFrontier> Worker(const std::string& owner,
                                     std::chrono::milliseconds lease = 30s,
                                     std::chrono::milliseconds claim_poll = 1s) {
    PgFrontierOptions o;
    o.owner = owner;
    o.lease = lease;
    o.claim_poll = claim_poll;
    auto f = PgFrontier::Open(uri_, o);
    EXPECT_TRUE(f) << (f ? "" : f.error().message);
    return f ? std::move(*f) : nullptr;
  }

  // A raw connection for looking at the tables.
  PgConnection Sql() {
    auto c = PgConnection::Connect(uri_);
    EXPECT_TRUE(c);
    return std::move(*c);
  }

  std::string Scalar(const std::string& sql) {
    PgConnection c = Sql();
    auto r = c.Exec(sql);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r && r->Rows() > 0 ? r->Text(0, 0) : "";
  }

  // Polls `worker` until it holds `host` (a lease must expire first); bounded.
  static bool ClaimWithin(PgFrontier& worker, const std::string& host,
                          std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      for (const auto& h : worker.HostsWithWork()) {
        if (h == host) return true;
      }
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }

  // Waits (bounded) until `worker` has read a notification bringing its next look within
  // `limit`; notifications reach it a moment after the sender's commit.
  static std::optional<std::chrono::milliseconds> AnnouncedWithin(PgFrontier& worker,
                                                                  std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + 5s;
    auto wait = worker.NextWorkIn();
    while (wait && *wait > limit && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(10ms);
      wait = worker.NextWorkIn();
    }
    return wait;
  }

  static PostgresServer* server_;
  std::string uri_;
};

PostgresServer* PgFrontierTest::server_ = nullptr;

TEST_F(PgFrontierTest, UrlsAreDeduplicatedAcrossWorkers) {
  auto a = Worker("a");
  auto b = Worker("b");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->Add({Entry("x.test", "/1"), Entry("x.test", "/2")}), 2u);
  EXPECT_EQ(b->Add({Entry("x.test", "/2"), Entry("x.test", "/3"), Entry("y.test", "/1")}), 2u);
  EXPECT_EQ(a->QueuedCount(), 4u);
  EXPECT_EQ(Scalar("SELECT count(*) FROM hosts"), "2");
}

TEST_F(PgFrontierTest, AHostIsLeasedToOneWorkerAtATime) {
  auto a = Worker("a");
  auto b = Worker("b");
  ASSERT_TRUE(a && b);
  a->Add({Entry("x.test", "/1"), Entry("x.test", "/2")});
  EXPECT_EQ(a->HostsWithWork(), std::vector<std::string>{"x.test"});
  EXPECT_TRUE(b->HostsWithWork().empty());
  EXPECT_TRUE(b->Take("x.test", 10).empty());  // not b's host
  // b waits for a's work rather than ending; a sees nothing elsewhere.
  EXPECT_TRUE(b->WorkElsewhere());
  EXPECT_FALSE(a->WorkElsewhere());
  EXPECT_EQ(a->Take("x.test", 10).size(), 2u);
  EXPECT_EQ(Scalar("SELECT lease_owner FROM hosts WHERE host = 'x.test'"), "a");
}

TEST_F(PgFrontierTest, AnExpiredLeaseIsTakenOverAndItsUrlsInFlightRequeued) {
  auto a = Worker("a", 300ms);
  auto b = Worker("b", 300ms);
  ASSERT_TRUE(a && b);
  a->Add({Entry("x.test", "/1"), Entry("x.test", "/2")});
  ASSERT_EQ(a->HostsWithWork().size(), 1u);
  ASSERT_EQ(a->Take("x.test", 10).size(), 2u);
  a->AbandonLeasesForTest();  // a dies with both URLs in flight
  EXPECT_TRUE(b->HostsWithWork().empty());
  EXPECT_TRUE(b->WorkElsewhere());  // in flight under a's lease: b must wait, not end
  ASSERT_TRUE(ClaimWithin(*b, "x.test", 5s));
  auto taken = b->Take("x.test", 10);
  ASSERT_EQ(taken.size(), 2u);
  EXPECT_EQ(taken[0].url, "http://x.test/1");
  EXPECT_EQ(Scalar("SELECT epoch FROM hosts WHERE host = 'x.test'"), "2");
}

TEST_F(PgFrontierTest, WritesUnderALostLeaseAreRefused) {
  auto a = Worker("a", 300ms);
  auto b = Worker("b", 300ms);
  ASSERT_TRUE(a && b);
  a->Add({Entry("x.test", "/1")});
  ASSERT_EQ(a->HostsWithWork().size(), 1u);
  auto taken = a->Take("x.test", 10);
  ASSERT_EQ(taken.size(), 1u);
  // a stalls past its lease (no renewal); b claims the host with a new epoch.
  ASSERT_TRUE(ClaimWithin(*b, "x.test", 5s));
  a->Finish(taken[0].id, crawler::EntryState::kDone);  // a's stale epoch
  EXPECT_EQ(a->TakeLostHosts(), std::vector<std::string>{"x.test"});
  EXPECT_EQ(Scalar("SELECT state FROM urls WHERE url = 'http://x.test/1'"), "queued");
  auto again = b->Take("x.test", 10);
  ASSERT_EQ(again.size(), 1u);
  b->Finish(again[0].id, crawler::EntryState::kDone);
  EXPECT_EQ(Scalar("SELECT state FROM urls WHERE url = 'http://x.test/1'"), "done");
  EXPECT_FALSE(a->error());
}

TEST_F(PgFrontierTest, ReleaseSetsNextAllowedAt) {
  auto a = Worker("a");
  auto b = Worker("b");
  ASSERT_TRUE(a && b);
  a->Add({Entry("x.test", "/1"), Entry("x.test", "/2")});
  ASSERT_EQ(a->HostsWithWork().size(), 1u);
  auto taken = a->Take("x.test", 10);  // both: the queue is empty, the turn over
  ASSERT_EQ(taken.size(), 2u);
  a->BlockQueueUntil("x.test", std::chrono::system_clock::now() + 60s);
  a->Finish(taken[0].id, crawler::EntryState::kDone);
  a->RetryLater(taken[1].id, std::chrono::system_clock::now());
  EXPECT_TRUE(a->HeldHosts().empty());
  EXPECT_EQ(Scalar("SELECT lease_owner IS NULL AND next_allowed_at > clock_timestamp() + "
                   "interval '50 seconds' FROM hosts WHERE host = 'x.test'"),
            "t");
  EXPECT_EQ(Scalar("SELECT attempts FROM urls WHERE url = 'http://x.test/2'"), "1");
  // Due later: nobody claims it now, and the workers wait for it.
  EXPECT_TRUE(b->HostsWithWork().empty());
  EXPECT_TRUE(b->WorkElsewhere());
}

TEST_F(PgFrontierTest, AMultiPageArticleIsFetchedInOneWorkersTurn) {
  auto a = Worker("a");
  ASSERT_TRUE(a);
  a->Add({Entry("x.test", "/1"), Entry("x.test", "/2")});
  ASSERT_EQ(a->HostsWithWork().size(), 1u);
  auto taken = a->Take("x.test", 10);  // the queue is empty: the turn is over
  ASSERT_EQ(taken.size(), 2u);
  EXPECT_TRUE(a->HostsWithWork().empty());
  // The first page names its next page: the turn goes on for it, before other URLs.
  a->Add({Entry("x.test", "/3")});
  auto next = Entry("x.test", "/1_2");
  next.kind = crawler::LinkKind::kContinuation;
  a->Add({next});
  EXPECT_EQ(a->HostsWithWork(), std::vector<std::string>{"x.test"});
  auto more = a->Take("x.test", 10);
  ASSERT_EQ(more.size(), 1u);
  EXPECT_EQ(more[0].url, "http://x.test/1_2");
}

TEST_F(PgFrontierTest, AParkedHostIsLeftAloneByEveryWorker) {
  auto a = Worker("a");
  auto b = Worker("b");
  ASSERT_TRUE(a && b);
  a->Add({Entry("x.test", "/1")});
  ASSERT_EQ(a->HostsWithWork().size(), 1u);
  a->ParkHost("x.test", "robots.txt unreachable");
  EXPECT_TRUE(a->HeldHosts().empty());
  EXPECT_TRUE(b->HostsWithWork().empty());
  EXPECT_FALSE(b->WorkElsewhere());  // the parked host's queue does not keep workers waiting
  EXPECT_EQ(b->QueuedCount(), 1u);
  EXPECT_EQ(Scalar("SELECT parked_reason FROM hosts WHERE host = 'x.test'"),
            "robots.txt unreachable");
}

TEST_F(PgFrontierTest, SetDelayHoldsTheHostAfterRelease) {
  auto a = Worker("a");
  ASSERT_TRUE(a);
  a->Add({Entry("x.test", "/1")});
  ASSERT_EQ(a->HostsWithWork().size(), 1u);
  a->SetDelay("x.test", 60s);
  auto taken = a->Take("x.test", 10);
  ASSERT_EQ(taken.size(), 1u);
  a->Finish(taken[0].id, crawler::EntryState::kDone);
  EXPECT_EQ(Scalar("SELECT delay_ms = 60000 AND next_allowed_at > clock_timestamp() + "
                   "interval '50 seconds' FROM hosts WHERE host = 'x.test'"),
            "t");
}

// Issue #16 (throughput): a host's turn costs about one round trip, not a few per page.
TEST_F(PgFrontierTest, APageCostsAFractionOfAStatement) {
  auto a = Worker("a");
  ASSERT_TRUE(a);
  std::vector<crawler::FrontierEntry> entries;
  for (int h = 0; h < 20; ++h) {
    for (int p = 0; p < 15; ++p) {
      entries.push_back(Entry("h" + std::to_string(h) + ".test", "/" + std::to_string(p)));
    }
  }
  ASSERT_EQ(a->Add(entries), 300u);
  int64_t before = a->connection().statements();
  size_t fetched = 0;
  // As the crawl loop does: one batch per wake; every page done, the host free at once.
  for (int wake = 0; wake < 50 && fetched < 300; ++wake) {
    crawler::FrontierBatch batch(*a);
    for (const auto& host : a->HostsWithWork()) {
      auto taken = a->Take(host, 16);
      a->BlockQueueUntil(host, std::chrono::system_clock::now());
      for (const auto& e : taken) a->Finish(e.id, crawler::EntryState::kDone);
      fetched += taken.size();
    }
  }
  int64_t statements = a->connection().statements() - before;
  EXPECT_EQ(fetched, 300u);
  EXPECT_EQ(Scalar("SELECT count(*) FROM urls WHERE state = 'done'"), "300");
  EXPECT_EQ(Scalar("SELECT count(*) FROM hosts WHERE lease_owner IS NULL"), "20");
  // One claim of all 20 hosts with their turns, one write of the completions and releases.
  EXPECT_LE(statements * 20, static_cast<int64_t>(fetched)) << statements << " statements";
}

TEST_F(PgFrontierTest, AFinishedPageIsWrittenWithItsHostsRelease) {
  auto a = Worker("a");
  ASSERT_TRUE(a);
  a->Add({Entry("x.test", "/1"), Entry("x.test", "/2"), Entry("x.test", "/3")});
  ASSERT_EQ(a->HostsWithWork().size(), 1u);
  auto taken = a->Take("x.test", 10);
  ASSERT_EQ(taken.size(), 3u);
  a->Finish(taken[0].id, crawler::EntryState::kDone);
  a->Finish(taken[1].id, crawler::EntryState::kFailed);
  // Kept while the turn goes on: a worker killed now has the turn's URLs requeued.
  EXPECT_EQ(Scalar("SELECT count(*) FROM urls WHERE state = 'in_flight'"), "3");
  a->RetryLater(taken[2].id, std::chrono::system_clock::now() + 60s);
  EXPECT_EQ(Scalar("SELECT string_agg(state || attempts, ',' ORDER BY id) FROM urls"),
            "done0,failed0,queued1");
  EXPECT_EQ(Scalar("SELECT not_before > clock_timestamp() + interval '50 seconds' FROM urls "
                   "WHERE url = 'http://x.test/3'"),
            "t");
  EXPECT_EQ(Scalar("SELECT lease_owner IS NULL FROM hosts"), "t");
}

// Issue #16: a waiting worker looks for a host when it is due (next_allowed_at, by the
// database's clock), not at its next poll.
TEST_F(PgFrontierTest, AWaitingWorkerLooksAgainWhenTheNextHostIsDue) {
  auto a = Worker("a");
  ASSERT_TRUE(a);
  a->Add({Entry("x.test", "/1"), Entry("x.test", "/2")});
  ASSERT_EQ(a->HostsWithWork().size(), 1u);
  auto taken = a->Take("x.test", 1);
  ASSERT_EQ(taken.size(), 1u);
  a->BlockQueueUntil("x.test", std::chrono::system_clock::now() + 5s);
  a->ParkHost("x.test", "test");  // parked for park_for, released when /1 is back
  a->Finish(taken[0].id, crawler::EntryState::kDone);
  EXPECT_TRUE(a->HeldHosts().empty());
  auto b = Worker("b", 30s, 60s);
  ASSERT_TRUE(b);
  EXPECT_TRUE(b->HostsWithWork().empty());
  // Parked for an hour: not due before the poll cap.
  auto parked = b->NextWorkIn();
  ASSERT_TRUE(parked);
  EXPECT_GE(*parked, 50000ms);
  (void)Scalar("UPDATE hosts SET parked_until = NULL");
  auto c = Worker("c", 30s, 60s);
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->HostsWithWork().empty());
  auto wait = c->NextWorkIn();
  ASSERT_TRUE(wait);
  EXPECT_LE(*wait, 5000ms);  // from next_allowed_at, not the 60 s cap
  EXPECT_GE(*wait, 1000ms);
}

// Issue #16: a host released by one worker is claimed by another when its pause is over:
// the release is announced (NOTIFY), read without a round trip.
TEST_F(PgFrontierTest, AReleaseIsAnnouncedToWaitingWorkers) {
  auto a = Worker("a");
  auto b = Worker("b", 30s, 60s);
  ASSERT_TRUE(a && b);
  a->Add({Entry("x.test", "/1"), Entry("x.test", "/2")});
  ASSERT_EQ(a->HostsWithWork().size(), 1u);
  EXPECT_TRUE(b->HostsWithWork().empty());
  auto before = b->NextWorkIn();
  ASSERT_TRUE(before);
  EXPECT_GE(*before, 20000ms);  // a's lease (30 s) ends first
  auto taken = a->Take("x.test", 10);
  ASSERT_EQ(taken.size(), 2u);
  a->BlockQueueUntil("x.test", std::chrono::system_clock::now() + 5s);
  a->Finish(taken[0].id, crawler::EntryState::kDone);
  a->RetryLater(taken[1].id, std::chrono::system_clock::now());  // released, work left
  EXPECT_TRUE(a->HeldHosts().empty());
  int64_t statements = b->connection().statements();
  auto after = AnnouncedWithin(*b, 5000ms);
  ASSERT_TRUE(after);
  EXPECT_LE(*after, 5000ms);
  EXPECT_GE(*after, 1000ms);
  EXPECT_TRUE(b->HostsWithWork().empty());  // not due yet: nothing asked
  EXPECT_EQ(b->connection().statements(), statements);
}

TEST_F(PgFrontierTest, UrlsQueuedOnAHostNobodyHoldsAreAnnounced) {
  auto a = Worker("a");
  auto b = Worker("b", 30s, 60s);
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(b->HostsWithWork().empty());
  auto idle = b->NextWorkIn();
  ASSERT_TRUE(idle);
  EXPECT_GE(*idle, 50000ms);  // nothing anywhere: the poll cap
  a->Add({Entry("x.test", "/1")});
  EXPECT_EQ(AnnouncedWithin(*b, 0ms), std::optional(0ms));
  EXPECT_EQ(b->HostsWithWork(), std::vector<std::string>{"x.test"});
}

TEST_F(PgFrontierTest, RobotsTxtIsSharedByWorkers) {
  auto a = Worker("a");
  auto b = Worker("b");
  ASSERT_TRUE(a && b);
  PgRobotsCache ra(*a), rb(*b);
  EXPECT_FALSE(rb.Load("x.test"));
  auto at = std::chrono::system_clock::time_point(std::chrono::milliseconds(1700000000123));
  std::string body = std::string("User-agent: *\nDisallow: /private\n") + '\0' + "\xff";
  ra.Store("x.test", {200, body, at});
  auto loaded = rb.Load("x.test");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->status, 200);
  EXPECT_EQ(loaded->body, body);
  EXPECT_EQ(loaded->fetched_at, at);
}

TEST_F(PgFrontierTest, WorkersStartingTogetherCreateTheSchemaOnce) {
  std::atomic<int> opened{0};
  std::vector<std::thread> threads;
  std::vector<std::string> errors(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto f = PgFrontier::Open(uri_, {});
      if (f) {
        ++opened;
      } else {
        errors[i] = f.error().message;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(opened.load(), 4) << errors[0] << errors[1] << errors[2] << errors[3];
  EXPECT_EQ(Scalar("SELECT count(*) FROM newsarc_schema"), "1");
}

TEST(PgConnectionTest, AnUnreachableServerIsNamedWithTheReason) {
  auto c = PgConnection::Connect("postgresql://crawler:s3cret@/nosuchdb?host=/nonexistent-dir");
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("postgresql://crawler:***@/nosuchdb?host=/nonexistent-dir"),
            std::string::npos)
      << c.error().message;
  EXPECT_EQ(c.error().message.find("s3cret"), std::string::npos);
  EXPECT_NE(c.error().message.find("No such file"), std::string::npos) << c.error().message;
}

TEST(PgConnectionTest, PasswordsAreHidden) {
  EXPECT_EQ(HidePassword("postgresql://u:pw@h:5432/db"), "postgresql://u:***@h:5432/db");
  EXPECT_EQ(HidePassword("host=h password=pw dbname=d"), "host=h password=*** dbname=d");
  EXPECT_EQ(HidePassword("postgresql://h/db?user=u&password=pw"),
            "postgresql://h/db?user=u&password=***");
  EXPECT_EQ(HidePassword("postgresql:///db?host=/tmp"), "postgresql:///db?host=/tmp");
}

TEST(PgConnectionTest, TextArraysQuoteTheirElements) {
  EXPECT_EQ(TextArray({"a", std::nullopt, "b\"c\\d"}), R"({"a",NULL,"b\"c\\d"})");
  EXPECT_EQ(TextArray({}), "{}");
}

}  // namespace
}  // namespace frontier_pg
