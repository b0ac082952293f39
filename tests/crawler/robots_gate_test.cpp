// RobotsGate: what each robots.txt fetch outcome (RFC 9309 §2.3.1) or cached copy makes of a
// host, driven through a FakeFetcher on a FakeClock with an in-memory RobotsCache.
#include "crawler/robots_gate.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/fake_clock.h"
#include "tests/support/fake_fetcher.h"

namespace crawler {
namespace {

using testing_support::CannedResponse;
using testing_support::FakeClock;
using testing_support::FakeFetcher;

constexpr char kHost[] = "a.test";
constexpr char kRobotsUrl[] = "http://a.test/robots.txt";
constexpr char kRules[] = "User-agent: *\nDisallow: /private/\n";

class MemoryRobotsCache final : public RobotsCache {
 public:
  std::optional<CachedRobots> Load(const std::string& host) override {
    ++loads;
    auto it = entries.find(host);
    if (it == entries.end()) return std::nullopt;
    return it->second;
  }
  void Store(const std::string& host, const CachedRobots& robots) override {
    entries[host] = robots;
    ++stores;
  }

  std::map<std::string, CachedRobots> entries;
  int loads = 0;
  int stores = 0;
};

CannedResponse Status(int status, std::string body = "") {
  CannedResponse r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = "text/plain";
  return r;
}

CannedResponse Redirect(std::string location, int status = 301) {
  CannedResponse r = Status(status);
  r.location = std::move(location);
  return r;
}

CannedResponse Failure(FetchOutcome outcome) {
  CannedResponse r;
  r.outcome = outcome;
  return r;
}

// robots.txt redirects `hops` times (/robots.txt → /r1 → ... → /r<hops>); /r<hops> has kRules.
std::map<std::string, CannedResponse> RedirectChain(int hops) {
  std::map<std::string, CannedResponse> responses;
  std::string from = kRobotsUrl;
  for (int i = 1; i <= hops; ++i) {
    std::string to = "http://a.test/r" + std::to_string(i);
    responses[from] = Redirect(to);
    from = to;
  }
  responses[from] = Status(200, kRules);
  return responses;
}

struct Cached {
  int status = 200;
  std::string body;
  std::chrono::hours age{1};
};

struct GateCase {
  const char* name;
  std::map<std::string, CannedResponse> responses;  // by URL; unknown URLs answer 404
  std::optional<Cached> cached;
  RobotsGate::State want_state;
  int want_fetches;                       // robots.txt requests made, redirects included
  bool want_private_allowed;              // "/private/x" (disallowed by kRules)
  bool want_public_allowed;               // "/news/1"
  std::optional<int> want_stored_status;  // what the cache holds afterwards
};

struct GateRun {
  RobotsGate::State state;
  int fetches = 0;
  std::vector<FetchRequest> requests;
};

GateRun Drive(RobotsGate& gate, FakeFetcher& fetcher, FakeClock& clock) {
  GateRun run;
  run.state = gate.StateOf(kHost, "http", clock.WallNow());
  if (run.state != RobotsGate::State::kUnknown) return run;
  uint64_t id = 1;
  std::optional<FetchRequest> request = gate.MakeRequest(kHost, "http", id);
  EXPECT_EQ(gate.StateOf(kHost, "http", clock.WallNow()), RobotsGate::State::kFetching);
  while (request && run.fetches < 20) {
    run.requests.push_back(*request);
    fetcher.Start(*request);
    ++run.fetches;
    auto results = fetcher.WaitForResults(std::chrono::seconds(1));
    EXPECT_EQ(results.size(), 1u);
    if (results.size() != 1) break;
    request = gate.OnResult(kHost, results[0], ++id);
  }
  run.state = gate.StateOf(kHost, "http", clock.WallNow());
  return run;
}

std::vector<GateCase> Cases() {
  using S = RobotsGate::State;
  return {
      // RFC 9309 §2.3.1.1: a 2xx body is parsed.
      {"Ok200", {{kRobotsUrl, Status(200, kRules)}}, {}, S::kReady, 1, false, true, 200},
      // RFC 9309 §2.3.1.2: at least five consecutive redirects are followed.
      {"FiveRedirectsFollowed", RedirectChain(5), {}, S::kReady, 6, false, true, 200},
      // RFC 9309 §2.3.1.2: past the limit, unavailable (allow all); the 6th hop is not taken.
      {"SixRedirectsAreUnavailable", RedirectChain(6), {}, S::kReady, 6, true, true, 301},
      {"RedirectWithoutLocationIsUnavailable",
       {{kRobotsUrl, Status(302)}},
       {},
       S::kReady,
       1,
       true,
       true,
       302},
      // RFC 9309 §2.3.1.3: 4xx is "unavailable": everything allowed.
      {"NotFound404AllowsAll", {}, {}, S::kReady, 1, true, true, 404},
      {"Unauthorized401AllowsAll", {{kRobotsUrl, Status(401)}}, {}, S::kReady, 1, true, true, 401},
      {"Forbidden403AllowsAll", {{kRobotsUrl, Status(403)}}, {}, S::kReady, 1, true, true, 403},
      // 429 is treated as 5xx (robots.h, as Google does).
      {"TooManyRequests429Blocks",
       {{kRobotsUrl, Status(429)}},
       {},
       S::kBlocked,
       1,
       false,
       false,
       429},
      // RFC 9309 §2.3.1.4: "unreachable" (5xx, network) — complete disallow.
      {"ServerError500Blocks", {{kRobotsUrl, Status(500)}}, {}, S::kBlocked, 1, false, false, 500},
      {"Unavailable503Blocks", {{kRobotsUrl, Status(503)}}, {}, S::kBlocked, 1, false, false, 503},
      {"NetworkFailureBlocks",
       {{kRobotsUrl, Failure(FetchOutcome::kNetwork)}},
       {},
       S::kBlocked,
       1,
       false,
       false,
       0},
      {"TimeoutBlocks",
       {{kRobotsUrl, Failure(FetchOutcome::kTimeout)}},
       {},
       S::kBlocked,
       1,
       false,
       false,
       0},
      // A redirect to a server error is unreachable too.
      {"RedirectToServerErrorBlocks",
       {{kRobotsUrl, Redirect("http://a.test/r1")}, {"http://a.test/r1", Status(503)}},
       {},
       S::kBlocked,
       2,
       false,
       false,
       503},
      // A fresh cached copy is used without a fetch; the network answer would differ.
      {"CachedFreshIsUsedWithoutFetching",
       {{kRobotsUrl, Status(500)}},
       Cached{200, kRules, std::chrono::hours(23)},
       S::kReady,
       0,
       false,
       true,
       200},
      {"CachedFresh404AllowsAllWithoutFetching",
       {{kRobotsUrl, Status(200, kRules)}},
       Cached{404, "", std::chrono::hours(1)},
       S::kReady,
       0,
       true,
       true,
       404},
      // Older than max_age (24 h): fetched again, and the new copy replaces it.
      {"CachedStaleIsRefetched",
       {{kRobotsUrl, Status(200, "User-agent: *\nDisallow: /news/\n")}},
       Cached{200, kRules, std::chrono::hours(25)},
       S::kReady,
       1,
       true,
       false,
       200},
      // A cached "unreachable" verdict blocks only the run that saw it.
      {"CachedServerErrorIsRefetched",
       {{kRobotsUrl, Status(200, kRules)}},
       Cached{503, "", std::chrono::hours(1)},
       S::kReady,
       1,
       false,
       true,
       200},
      {"Cached429IsRefetched",
       {{kRobotsUrl, Status(200, kRules)}},
       Cached{429, "", std::chrono::hours(1)},
       S::kReady,
       1,
       false,
       true,
       200},
  };
}

TEST(RobotsGate, EachFetchOutcomeAndCachedCopyGivesTheRfc9309Verdict) {
  for (const GateCase& c : Cases()) {
    SCOPED_TRACE(c.name);
    FakeClock clock;
    FakeFetcher fetcher(clock);
    for (const auto& [url, response] : c.responses) fetcher.Set(url, response);
    MemoryRobotsCache cache;
    if (c.cached) {
      CachedRobots cached;
      cached.status = c.cached->status;
      cached.body = c.cached->body;
      cached.fetched_at = clock.WallNow() - c.cached->age;
      cache.entries[kHost] = cached;
    }
    RobotsGate gate(RobotsGateOptions{}, &cache);

    GateRun run = Drive(gate, fetcher, clock);

    EXPECT_EQ(run.state, c.want_state);
    EXPECT_EQ(run.fetches, c.want_fetches);
    EXPECT_EQ(gate.IsAllowed(kHost, "/private/x"), c.want_private_allowed);
    EXPECT_EQ(gate.IsAllowed(kHost, "/news/1"), c.want_public_allowed);
    EXPECT_EQ(gate.BlockReason(kHost).empty(), c.want_state != RobotsGate::State::kBlocked);
    ASSERT_EQ(cache.entries.count(kHost), c.want_stored_status.has_value() ? 1u : 0u);
    if (c.want_stored_status) {
      EXPECT_EQ(cache.entries[kHost].status, *c.want_stored_status);
    }
    EXPECT_EQ(cache.stores, c.want_fetches > 0 ? 1 : 0);
  }
}

// RFC 9309 §2.5: a file over the cap is cut, not refused; every hop asks for that.
TEST(RobotsGate, RequestsRobotsTxtTruncatedAtTheCapOnEveryHop) {
  FakeClock clock;
  FakeFetcher fetcher(clock);
  for (const auto& [url, response] : RedirectChain(2)) fetcher.Set(url, response);
  RobotsGateOptions options;
  options.max_body_bytes = 600 * 1024;
  RobotsGate gate(options, nullptr);
  GateRun run = Drive(gate, fetcher, clock);
  ASSERT_EQ(run.requests.size(), 3u);
  EXPECT_EQ(run.requests[0].url, kRobotsUrl);
  EXPECT_EQ(run.requests[2].url, "http://a.test/r2");
  for (const FetchRequest& r : run.requests) {
    EXPECT_EQ(r.over_cap, OverCap::kTruncate);
    EXPECT_EQ(r.content_policy, ContentPolicy::kAny);
    EXPECT_EQ(r.max_body_bytes, 600u * 1024);
  }
}

// Issue #4: a truncated 200 (the fetcher kept the first max_body_bytes) is parsed, not treated
// as unavailable.
TEST(RobotsGate, Issue4TruncatedRobotsTxtIsParsed) {
  RobotsGate gate(RobotsGateOptions{}, nullptr);
  FakeClock clock;
  ASSERT_EQ(gate.StateOf(kHost, "http", clock.WallNow()), RobotsGate::State::kUnknown);
  FetchRequest request = gate.MakeRequest(kHost, "http", 1);
  FetchResult result;
  result.id = request.id;
  result.url = request.url;
  result.outcome = FetchOutcome::kOk;
  result.status = 200;
  result.body = std::string(kRules) + std::string(400 * 1024, '#');
  result.truncated = true;
  EXPECT_FALSE(gate.OnResult(kHost, result, 2).has_value());
  EXPECT_EQ(gate.StateOf(kHost, "http", clock.WallNow()), RobotsGate::State::kReady);
  EXPECT_FALSE(gate.IsAllowed(kHost, "/private/x"));
  EXPECT_TRUE(gate.IsAllowed(kHost, "/news/1"));
}

TEST(RobotsGate, BlockReasonNamesTheStatusOrTheFailure) {
  for (auto [response, want] : std::vector<std::pair<CannedResponse, std::string>>{
           {Status(429), "429"}, {Failure(FetchOutcome::kTimeout), "timeout"}}) {
    FakeClock clock;
    FakeFetcher fetcher(clock);
    fetcher.Set(kRobotsUrl, response);
    RobotsGate gate(RobotsGateOptions{}, nullptr);
    GateRun run = Drive(gate, fetcher, clock);
    EXPECT_EQ(run.state, RobotsGate::State::kBlocked);
    EXPECT_NE(gate.BlockReason(kHost).find(want), std::string::npos) << gate.BlockReason(kHost);
  }
}

}  // namespace
}  // namespace crawler
