// CurlMultiFetcher against the loopback fixture server: real sockets, real libcurl.
#include <gtest/gtest.h>

#include <map>

#include "crawler/curl_multi_fetcher.h"
#include "crawler/robots_gate.h"
#include "tests/support/fixture_server.h"
#include "tests/support/test_util.h"

namespace crawler {
namespace {

using testing_support::FixtureResponse;
using testing_support::FixtureServer;

constexpr uint64_t kEndlessCap = 64u << 20;  // an endless body the server gives up on

class CurlMultiFetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.AddHost("a.test");
    server_.AddHost("b.test");
    ASSERT_OK(server_.Start());
    CurlFetcherOptions o;
    o.user_agent = "newsarc/test (+mailto:test@example.org)";
    o.resolve = server_.ResolveEntries();
    o.total_timeout = std::chrono::milliseconds(20000);
    fetcher_ = std::make_unique<CurlMultiFetcher>(o);
  }

  // Starts the requests and collects every result (bounded wait).
  std::map<uint64_t, FetchResult> FetchAll(std::vector<FetchRequest> requests) {
    for (auto& r : requests) fetcher_->Start(std::move(r));
    std::map<uint64_t, FetchResult> results;
    for (int i = 0; i < 600 && fetcher_->InFlight() > 0; ++i) {
      for (auto& r : fetcher_->WaitForResults(std::chrono::milliseconds(100))) {
        results[r.id] = std::move(r);
      }
    }
    for (auto& r : fetcher_->WaitForResults(std::chrono::milliseconds(0))) {
      results[r.id] = std::move(r);
    }
    return results;
  }

  FetchResult FetchOne(const std::string& url, size_t max_body = 10u << 20) {
    FetchRequest r;
    r.id = 1;
    r.url = url;
    r.max_body_bytes = max_body;
    return FetchAll({r})[1];
  }

  FixtureServer server_;
  std::unique_ptr<CurlMultiFetcher> fetcher_;
};

// A form post (ASP.NET pager): POST with the form body, no Expect header; the fragment that
// keys the post in the frontier is not sent; request head and body kept for WARC.
TEST_F(CurlMultiFetcherTest, PostsAFormBody) {
  std::string method, body, content_type, expect, target;
  server_.RoutePrefix("a.test", "/list.aspx", [&](const testing_support::RecordedRequest& r) {
    method = r.method;
    body = r.body;
    target = r.target;
    content_type = r.Header("Content-Type").value_or("");
    expect = r.Header("Expect").value_or("none");
    return FixtureResponse::Html("<p>page 2</p>");
  });
  std::string form = "__VIEWSTATE=" + std::string(3000, 'A') + "&__EVENTARGUMENT=2";
  FetchRequest request;
  request.id = 1;
  request.url = server_.Url("a.test", "/list.aspx?cid=3#__doPostBack(pager,2)");
  request.post_body = form;
  auto results = FetchAll({request});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[1].status, 200);
  EXPECT_EQ(results[1].body, "<p>page 2</p>");
  EXPECT_EQ(method, "POST");
  EXPECT_EQ(target, "/list.aspx?cid=3");
  EXPECT_EQ(body, form);
  EXPECT_EQ(content_type, "application/x-www-form-urlencoded");
  EXPECT_EQ(expect, "none");
  EXPECT_EQ(results[1].request_head.rfind("POST /list.aspx?cid=3 HTTP/1.1", 0), 0u);
  EXPECT_EQ(results[1].request_body, form);
}

TEST_F(CurlMultiFetcherTest, FetchesPagesFromSeveralHostsConcurrently) {
  server_.Route("a.test", "/x.html",
                FixtureResponse::Html("<p>A</p>").WithDelay(std::chrono::milliseconds(300)));
  server_.Route("b.test", "/x.html",
                FixtureResponse::Html("<p>B</p>").WithDelay(std::chrono::milliseconds(300)));
  std::vector<FetchRequest> requests(2);
  requests[0].id = 1;
  requests[0].url = server_.Url("a.test", "/x.html");
  requests[1].id = 2;
  requests[1].url = server_.Url("b.test", "/x.html");
  auto t0 = std::chrono::steady_clock::now();
  auto results = FetchAll(requests);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[1].body, "<p>A</p>");
  EXPECT_EQ(results[2].body, "<p>B</p>");
  EXPECT_EQ(results[1].status, 200);
  EXPECT_EQ(results[1].content_type.value_or(""), "text/html; charset=utf-8");
  EXPECT_EQ(results[1].remote_ip, server_.Host("a.test").address);
  EXPECT_NE(results[1].request_head.find("User-Agent: newsarc/test"), std::string::npos);
  EXPECT_EQ(results[1].response_head.rfind("HTTP/1.1 200", 0), 0u);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(3000));
}

TEST_F(CurlMultiFetcherTest, ReportsStatusRetryAfterAndDoesNotFollowRedirects) {
  server_.Route("a.test", "/busy", FixtureResponse::Status(429).WithRetryAfter("120"));
  server_.RedirectChain("a.test", {"/r1", "/r2"});
  server_.Route("a.test", "/r2", FixtureResponse::Html("end"));
  auto busy = FetchOne(server_.Url("a.test", "/busy"));
  EXPECT_EQ(busy.outcome, FetchOutcome::kOk);
  EXPECT_EQ(busy.status, 429);
  EXPECT_EQ(busy.retry_after.value_or(""), "120");
  auto redirect = FetchOne(server_.Url("a.test", "/r1"));
  EXPECT_EQ(redirect.status, 302);
  EXPECT_EQ(redirect.location.value_or(""), server_.Url("a.test", "/r2"));
  EXPECT_EQ(server_.CountFor("a.test", "/r2"), 0u);
}

TEST_F(CurlMultiFetcherTest, DecodesGzipAndKeepsThePayloadAsTransferred) {
  std::string page = "<html><body>" + std::string(5000, 'z') + "</body></html>";
  server_.Route("a.test", "/gz", FixtureResponse::Gzipped(page));
  auto r = FetchOne(server_.Url("a.test", "/gz"));
  ASSERT_EQ(r.outcome, FetchOutcome::kOk) << r.error;
  EXPECT_EQ(r.body, page);
  EXPECT_EQ(r.content_encoding.value_or(""), "gzip");
  EXPECT_FALSE(r.encoded_body.empty());
  EXPECT_LT(r.encoded_body.size(), page.size());
}

TEST_F(CurlMultiFetcherTest, StopsAGzipBombAtTheDecodedCap) {
  server_.Route("a.test", "/bomb", FixtureResponse::GzipBomb());
  auto r = FetchOne(server_.Url("a.test", "/bomb"), 1u << 20);
  EXPECT_EQ(r.outcome, FetchOutcome::kTooLarge);
  EXPECT_TRUE(r.body.empty());
}

TEST_F(CurlMultiFetcherTest, AbortsHugeAndEndlessBodiesWhileStreaming) {
  server_.Route("a.test", "/huge", FixtureResponse::Huge(30u << 20));
  server_.Route("a.test", "/endless", FixtureResponse::Endless());
  auto huge = FetchOne(server_.Url("a.test", "/huge"));
  EXPECT_EQ(huge.outcome, FetchOutcome::kTooLarge);
  auto endless = FetchOne(server_.Url("a.test", "/endless"), 2u << 20);
  EXPECT_EQ(endless.outcome, FetchOutcome::kTooLarge);
}

TEST_F(CurlMultiFetcherTest, KeepsTheFirstMaxBodyBytesWhenAskedToTruncate) {
  constexpr size_t kCap = 512 * 1024;
  const std::string expected = testing_support::PatternBytes(0, kCap);
  server_.Route("a.test", "/big.txt", FixtureResponse::Huge(600 * 1024, "text/plain"));
  server_.Route("a.test", "/big.gz",
                FixtureResponse::Gzipped(testing_support::PatternBytes(0, 3u << 20), "text/plain"));
  server_.Route("a.test", "/endless", FixtureResponse::Endless(kEndlessCap, "text/plain"));
  server_.Route("a.test", "/bomb", FixtureResponse::GzipBomb());
  server_.Route("a.test", "/exact.txt", FixtureResponse::Huge(kCap, "text/plain"));
  std::vector<FetchRequest> requests;
  for (const char* target : {"/big.txt", "/big.gz", "/endless", "/bomb", "/exact.txt"}) {
    FetchRequest r;
    r.id = requests.size() + 1;
    r.url = server_.Url("a.test", target);
    r.content_policy = ContentPolicy::kAny;
    r.max_body_bytes = kCap;
    r.over_cap = OverCap::kTruncate;
    requests.push_back(r);
  }
  auto results = FetchAll(requests);
  ASSERT_EQ(results.size(), 5u);
  for (uint64_t id : {1, 2, 3}) {
    const FetchResult& r = results[id];
    SCOPED_TRACE(r.url);
    ASSERT_EQ(r.outcome, FetchOutcome::kOk) << r.error;
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(r.truncated);
    EXPECT_EQ(r.body.size(), kCap);
    EXPECT_TRUE(r.body == expected);
  }
  EXPECT_FALSE(results[2].encoded_body.empty());
  EXPECT_LE(results[2].encoded_body.size(), kCap);
  // A gzip bomb is cut at the cap too, never inflated past it.
  ASSERT_EQ(results[4].outcome, FetchOutcome::kOk) << results[4].error;
  EXPECT_TRUE(results[4].truncated);
  EXPECT_EQ(results[4].body, std::string(kCap, '\0'));
  // A body of exactly the cap is complete.
  ASSERT_EQ(results[5].outcome, FetchOutcome::kOk) << results[5].error;
  EXPECT_FALSE(results[5].truncated);
  EXPECT_TRUE(results[5].body == expected);
}

// RFC 9309 §2.5 (issue #4): a robots.txt over the fetch cap is parsed from its beginning, not
// treated as unavailable. The Disallow line sits 450 KiB in, within the 500 KiB that must be
// parsed; one past 512 KiB is never read.
TEST_F(CurlMultiFetcherTest, Issue4RobotsTxtOverTheCapIsHonouredFromItsBeginning) {
  std::string robots = "User-agent: *\nDisallow: /early/\n";
  while (robots.size() < 450 * 1024)
    robots += "# filler so that robots.txt is larger than 500 KiB\n";
  robots += "Disallow: /private/\n";
  while (robots.size() < 600 * 1024)
    robots += "# filler so that robots.txt is larger than 500 KiB\n";
  robots += "Disallow: /late/\n";
  ASSERT_GE(robots.size(), 600u * 1024);
  server_.Route("a.test", "/robots.txt", FixtureResponse::Text(robots));
  server_.Route("b.test", "/robots.txt", FixtureResponse::Gzipped(robots, "text/plain"));
  for (const char* name : {"a.test", "b.test"}) {
    SCOPED_TRACE(name);
    const std::string host = std::string(name) + ":" + std::to_string(server_.Host(name).port);
    RobotsGate gate(RobotsGateOptions{}, nullptr);
    ASSERT_EQ(gate.StateOf(host, "http", std::chrono::system_clock::now()),
              RobotsGate::State::kUnknown);
    FetchRequest request = gate.MakeRequest(host, "http", 1);
    FetchResult result = FetchAll({request})[1];
    ASSERT_EQ(result.outcome, FetchOutcome::kOk) << result.error;
    EXPECT_TRUE(result.truncated);
    EXPECT_FALSE(gate.OnResult(host, result, 2).has_value());
    ASSERT_EQ(gate.StateOf(host, "http", std::chrono::system_clock::now()),
              RobotsGate::State::kReady);
    EXPECT_FALSE(gate.IsAllowed(host, "/early/a"));
    EXPECT_FALSE(gate.IsAllowed(host, "/private/a"));
    EXPECT_TRUE(gate.IsAllowed(host, "/late/a"));
    EXPECT_TRUE(gate.IsAllowed(host, "/news/1"));
  }
}

TEST_F(CurlMultiFetcherTest, AbortsNonHtmlAfterTheHeadersUnlessAsked) {
  server_.Route("a.test", "/doc.bin", FixtureResponse::Huge(5u << 20, "application/octet-stream"));
  server_.Route("a.test", "/robots.txt", FixtureResponse::Text("User-agent: *\nDisallow:\n"));
  auto bin = FetchOne(server_.Url("a.test", "/doc.bin"));
  EXPECT_EQ(bin.outcome, FetchOutcome::kNotHtml);
  FetchRequest robots;
  robots.id = 7;
  robots.url = server_.Url("a.test", "/robots.txt");
  robots.content_policy = ContentPolicy::kAny;
  auto r = FetchAll({robots})[7];
  EXPECT_EQ(r.outcome, FetchOutcome::kOk);
  EXPECT_EQ(r.body, "User-agent: *\nDisallow:\n");
}

TEST_F(CurlMultiFetcherTest, ConnectionResetIsANetworkOutcome) {
  server_.Route("a.test", "/reset", FixtureResponse::ConnectionReset());
  auto r = FetchOne(server_.Url("a.test", "/reset"));
  EXPECT_EQ(r.outcome, FetchOutcome::kNetwork);
  EXPECT_FALSE(r.error.empty());
}

TEST_F(CurlMultiFetcherTest, SendsConditionalHeaders) {
  server_.Route("a.test", "/c", FixtureResponse::Status(304));
  FetchRequest r;
  r.id = 3;
  r.url = server_.Url("a.test", "/c");
  r.if_none_match = "\"v1\"";
  r.if_modified_since = "Sun, 06 Nov 1994 08:49:37 GMT";
  auto result = FetchAll({r})[3];
  EXPECT_EQ(result.status, 304);
  auto requests = server_.RequestsFor("a.test");
  ASSERT_FALSE(requests.empty());
  EXPECT_NE(result.request_head.find("If-None-Match: \"v1\""), std::string::npos);
  EXPECT_NE(result.request_head.find("If-Modified-Since: Sun, 06 Nov 1994"), std::string::npos);
}

TEST_F(CurlMultiFetcherTest, AbortAllReturnsInFlightRequestsAsAborted) {
  server_.Route("a.test", "/slow",
                FixtureResponse::Html("late").WithDelay(std::chrono::milliseconds(3000)));
  FetchRequest r;
  r.id = 9;
  r.url = server_.Url("a.test", "/slow");
  fetcher_->Start(r);
  fetcher_->WaitForResults(std::chrono::milliseconds(50));
  fetcher_->AbortAll();
  auto results = fetcher_->WaitForResults(std::chrono::milliseconds(0));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, FetchOutcome::kAborted);
  EXPECT_EQ(fetcher_->InFlight(), 0u);
}

}  // namespace
}  // namespace crawler
