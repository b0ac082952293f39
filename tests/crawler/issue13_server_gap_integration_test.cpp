// Issue #13 point 2: the politeness gap holds as the server measures it. The gap to the next
// request counts from when a request actually left, not from when it was handed to libcurl: a
// busy crawl loop (extracting, archiving) may drive libcurl only some time after the hand-off.
#include <gtest/gtest.h>

#include <thread>

#include "crawler/crawl_loop.h"
#include "crawler/curl_multi_fetcher.h"
#include "tests/support/fixture_server.h"
#include "tests/support/fixture_server_log.h"
#include "tests/support/test_util.h"

namespace crawler {
namespace {

using std::chrono::milliseconds;
using testing_support::FixtureResponse;
using testing_support::FixtureServer;

constexpr milliseconds kDelay{400};
constexpr milliseconds kBusy{300};
// Both stamps are steady_clock reads in this process: the server's after it has read the
// request head, ours when the fetcher hands the next request to libcurl. Their granularity is
// far below a millisecond; 5 ms covers the server thread being scheduled a little later for
// one request than for the next. The crawler's own 10 ms safety margin is not counted on.
constexpr milliseconds kTolerance{5};

// Follows every href="..." of a page, like the app's handler; pages whose path says "slow"
// keep the loop busy (extraction and archiving) before it returns.
class BusyHandler final : public PageHandler {
 public:
  PageHandling OnFetched(const FrontierEntry& entry, const FetchResult& result) override {
    if (entry.url.find("slow") != std::string::npos) std::this_thread::sleep_for(kBusy);
    PageHandling h;
    const std::string& body = result.body;
    const std::string href = "href=\"";
    for (size_t at = body.find(href); at != std::string::npos; at = body.find(href, at)) {
      at += href.size();
      size_t end = body.find('"', at);
      if (end == std::string::npos) break;
      h.links.push_back({body.substr(at, end - at), LinkKind::kArticle});
    }
    return h;
  }
  void OnSkipped(const FrontierEntry&, SkipReason, const std::string&) override {}
};

// The real fetcher, driven late: after a request whose path says "late" is handed over, the
// loop is busy for kBusy before it next drives libcurl, so that request leaves late and the
// ones after it on time. This is what a loop busy with another page between StartReady() and
// WaitForResults() does (and, on a smaller scale, what libcurl does when it serves other
// transfers in the same curl_multi_perform() before it gets to a new one).
class LateDrivenFetcher final : public Fetcher {
 public:
  explicit LateDrivenFetcher(Fetcher& inner) : inner_(inner) {}
  bool CanStartMore() const override { return inner_.CanStartMore(); }
  size_t InFlight() const override { return inner_.InFlight(); }
  void Start(FetchRequest request) override {
    busy_ = busy_ || request.url.find("late") != std::string::npos;
    inner_.Start(std::move(request));
  }
  std::vector<FetchResult> WaitForResults(milliseconds timeout) override {
    if (busy_) std::this_thread::sleep_for(kBusy);
    busy_ = false;
    return inner_.WaitForResults(timeout);
  }
  void Wakeup() override { inner_.Wakeup(); }
  void AbortAll() override { inner_.AbortAll(); }

 private:
  Fetcher& inner_;
  bool busy_ = false;
};

std::string Gaps(const std::vector<testing_support::RecordedRequest>& requests) {
  std::string out;
  std::vector<std::chrono::steady_clock::duration> gaps = testing_support::StartGaps(requests);
  for (size_t i = 1; i < requests.size(); ++i) {
    auto gap = std::chrono::duration_cast<std::chrono::microseconds>(gaps[i - 1]);
    out += requests[i].target + " " + std::to_string(gap.count() / 1000.0) + " ms\n";
  }
  return out;
}

// The real crawl loop, fetcher and frontier against one loopback host.
TEST(Issue13ServerGap, NoGapBelowTheDelayAtTheServerWhenTheLoopIsBusy) {
  FixtureServer server;
  server.AddHost("a.test");
  ASSERT_OK(server.Start());
  server.Route("a.test", "/robots.txt", FixtureResponse::Text("User-agent: *\nDisallow:\n"));
  std::string seed;
  for (const char* page : {"/late1", "/slow2", "/page3", "/late4", "/slow5", "/late6"}) {
    seed += "<a href=\"" + server.Url("a.test", page) + "\">x</a>\n";
    server.Route("a.test", page, FixtureResponse::Html(std::string("<p>") + page + "</p>"));
  }
  server.Route("a.test", "/", FixtureResponse::Html(seed));

  CrawlLoopOptions options;
  options.seeds = {server.Url("a.test", "/")};
  options.scheduler.politeness.delay = kDelay;
  options.max_time = std::chrono::seconds(12);
  CurlFetcherOptions fetch;
  fetch.user_agent = "newsarc/test (+mailto:test@example.org)";
  fetch.resolve = server.ResolveEntries();
  CurlMultiFetcher curl(fetch);
  LateDrivenFetcher fetcher(curl);
  SystemClock clock;
  MemoryFrontier frontier;
  BusyHandler handler;
  CrawlStats stats = RunCrawlLoop(options, fetcher, clock, frontier, nullptr, handler);

  EXPECT_FALSE(stats.stopped_early);
  EXPECT_EQ(stats.fetched, 7);
  auto requests = server.RequestsFor("a.test");
  ASSERT_EQ(requests.size(), 8u);  // robots.txt, the seed, six pages
  auto gap = server.MinStartGap("a.test");
  ASSERT_TRUE(gap.has_value());
  EXPECT_GE(*gap, kDelay - kTolerance) << Gaps(requests);
  EXPECT_EQ(server.MaxConcurrentRequests("a.test"), 1);
}

// The fetcher's start stamp is when the request left, not when it was handed over.
TEST(Issue13ServerGap, FetcherStampsWhenTheRequestLeft) {
  FixtureServer server;
  server.AddHost("a.test");
  ASSERT_OK(server.Start());
  server.Route("a.test", "/x", FixtureResponse::Html("<p>x</p>"));
  CurlFetcherOptions o;
  o.user_agent = "newsarc/test (+mailto:test@example.org)";
  o.resolve = server.ResolveEntries();
  CurlMultiFetcher fetcher(o);
  FetchRequest request;
  request.id = 1;
  request.url = server.Url("a.test", "/x");
  auto handed = std::chrono::steady_clock::now();
  auto wall_handed = std::chrono::system_clock::now();
  fetcher.Start(request);
  std::this_thread::sleep_for(kBusy);  // busy before driving libcurl: nothing is sent yet
  std::vector<FetchResult> results;
  for (int i = 0; i < 100 && results.empty(); ++i)
    results = fetcher.WaitForResults(milliseconds(100));
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].status, 200);
  auto requests = server.RequestsFor("a.test");
  ASSERT_EQ(requests.size(), 1u);
  // Durations, so that a failure prints numbers.
  EXPECT_GE(results[0].started_at - handed, kBusy);
  EXPECT_GE(results[0].started_at - requests[0].started_at, -kTolerance);
  EXPECT_GE(results[0].finished_at - results[0].started_at, Duration::zero());
  EXPECT_GE(results[0].fetched_at - wall_handed, kBusy);
}

}  // namespace
}  // namespace crawler
