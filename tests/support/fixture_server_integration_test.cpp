// Integration tests of the loopback FixtureServer, driven by libcurl as the crawler drives it.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "crawler/curl_handles.h"
#include "tests/support/fixture_server.h"
#include "tests/support/test_util.h"

namespace testing_support {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// No request in these tests should take anywhere near this long.
constexpr long kClientTimeoutMs = 10000;
constexpr long kMaxRedirects = 5;
constexpr milliseconds kDelay{300};
constexpr uint64_t kHugeBodyBytes = 30'000'000;
constexpr uint64_t kEndlessAbortAfterBytes = kMebibyte;
// Server teardown with a body in flight must not wait for any timeout.
constexpr milliseconds kPromptShutdown{1000};

// libcurl's global state is set up once per test process, like the guard in main.
class CurlEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { curl_global_init(CURL_GLOBAL_DEFAULT); }
  void TearDown() override { curl_global_cleanup(); }
};
[[maybe_unused]] const auto* const kCurlEnvironment =
    ::testing::AddGlobalTestEnvironment(new CurlEnvironment);

struct FetchOptions {
  bool follow_redirects = false;
  bool accept_encoding = false;
  // Abort the transfer (CURLE_WRITE_ERROR) once this many body bytes arrived; 0 = never.
  uint64_t abort_after_bytes = 0;
  // Count the body without keeping it.
  bool discard_body = false;
  std::vector<std::string> extra_headers;
  // Called once when the first body bytes arrive.
  std::function<void()> on_first_bytes;
};

FetchOptions FollowingRedirects() {
  FetchOptions options;
  options.follow_redirects = true;
  return options;
}

FetchOptions AcceptingGzip() {
  FetchOptions options;
  options.accept_encoding = true;
  return options;
}

struct Reply {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string headers;
  std::string body;
  uint64_t body_bytes = 0;
  long redirects = 0;
  std::string effective_url;
  Clock::duration elapsed{};
};

// State reached from curl's C callbacks; they never throw.
struct Transfer {
  FetchOptions options;
  Reply reply;
  crawler::CurlSlist resolve;
  crawler::CurlSlist headers;
  crawler::CurlEasy easy;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  if (t->reply.body_bytes == 0 && n > 0 && t->options.on_first_bytes) {
    t->options.on_first_bytes();
  }
  t->reply.body_bytes += n;
  if (!t->options.discard_body) t->reply.body.append(data, n);
  if (t->options.abort_after_bytes > 0 && t->reply.body_bytes >= t->options.abort_after_bytes) {
    return 0;  // makes curl fail the transfer with CURLE_WRITE_ERROR
  }
  return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  static_cast<Transfer*>(user)->reply.headers.append(data, size * count);
  return size * count;
}

// An easy handle pinned to the fixture's addresses, as the crawler pins hosts.
std::unique_ptr<Transfer> Prepare(const FixtureServer& server, const std::string& url,
                                  FetchOptions options = {}) {
  auto t = std::make_unique<Transfer>();
  t->options = std::move(options);
  t->easy.reset(curl_easy_init());
  CURL* h = t->easy.get();
  for (const std::string& entry : server.ResolveEntries()) {
    t->resolve.reset(curl_slist_append(t->resolve.release(), entry.c_str()));
  }
  for (const std::string& header : t->options.extra_headers) {
    t->headers.reset(curl_slist_append(t->headers.release(), header.c_str()));
  }
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_RESOLVE, t->resolve.get());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, t->headers.get());
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, kClientTimeoutMs);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, t.get());
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, t.get());
  if (t->options.follow_redirects) {
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, kMaxRedirects);
  }
  if (t->options.accept_encoding) curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  return t;
}

void Collect(Transfer& t, CURLcode code) {
  t.reply.code = code;
  curl_easy_getinfo(t.easy.get(), CURLINFO_RESPONSE_CODE, &t.reply.status);
  curl_easy_getinfo(t.easy.get(), CURLINFO_REDIRECT_COUNT, &t.reply.redirects);
  char* url = nullptr;
  curl_easy_getinfo(t.easy.get(), CURLINFO_EFFECTIVE_URL, &url);
  if (url != nullptr) t.reply.effective_url = url;
}

Reply Fetch(const FixtureServer& server, const std::string& url, FetchOptions options = {}) {
  std::unique_ptr<Transfer> t = Prepare(server, url, std::move(options));
  const Clock::time_point start = Clock::now();
  CURLcode code = curl_easy_perform(t->easy.get());
  t->reply.elapsed = Clock::now() - start;
  Collect(*t, code);
  return t->reply;
}

// Runs the transfers concurrently on one multi handle (curl's multi-app.c loop).
std::vector<Reply> FetchAll(const FixtureServer& server, const std::vector<std::string>& urls) {
  crawler::CurlMulti multi(curl_multi_init());
  std::vector<std::unique_ptr<Transfer>> transfers;
  for (const std::string& url : urls) {
    transfers.push_back(Prepare(server, url));
    curl_multi_add_handle(multi.get(), transfers.back()->easy.get());
  }
  int running = static_cast<int>(urls.size());
  const Clock::time_point deadline = Clock::now() + milliseconds(kClientTimeoutMs);
  constexpr int kWaitSliceMs = 100;
  while (running > 0 && Clock::now() < deadline) {
    curl_multi_perform(multi.get(), &running);
    if (running > 0) curl_multi_poll(multi.get(), nullptr, 0, kWaitSliceMs, nullptr);
  }
  int queued = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi.get(), &queued)) {
    if (msg->msg != CURLMSG_DONE) continue;
    for (auto& t : transfers) {
      if (t->easy.get() == msg->easy_handle) Collect(*t, msg->data.result);
    }
  }
  std::vector<Reply> replies;
  for (auto& t : transfers) {
    curl_multi_remove_handle(multi.get(), t->easy.get());
    replies.push_back(t->reply);
  }
  return replies;
}

bool HasHeaderLine(const Reply& reply, const std::string& line) {
  return reply.headers.find(line + "\r\n") != std::string::npos;
}

class FixtureServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<FixtureServer>();
    server_->AddHost("a.test");
    server_->AddHost("b.test");
    ASSERT_OK(server_->Start());
  }

  FixtureServer& server() { return *server_; }

  std::unique_ptr<FixtureServer> server_;
};

TEST_F(FixtureServerTest, TwoHostsOnDistinctAddressesServeTheirOwnContent) {
  server().Route("a.test", "/", FixtureResponse::Html("host A"));
  server().Route("b.test", "/", FixtureResponse::Html("host B"));

  EXPECT_NE(server().Host("a.test").address, server().Host("b.test").address);
  EXPECT_EQ(Fetch(server(), server().Url("a.test", "/")).body, "host A");
  EXPECT_EQ(Fetch(server(), server().Url("b.test", "/")).body, "host B");
  // The real address in the Host header reaches the same host.
  EXPECT_EQ(Fetch(server(), server().Host("b.test").AddressUrl()).body, "host B");

  std::vector<RecordedRequest> b = server().RequestsFor("b.test");
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].host_header, "b.test:" + std::to_string(server().Host("b.test").port));
  EXPECT_EQ(b[1].host_header,
            server().Host("b.test").address + ":" + std::to_string(server().Host("b.test").port));
  EXPECT_EQ(b[1].local_address, server().Host("b.test").address);
}

TEST_F(FixtureServerTest, UnknownPathAnswers404) {
  server().Route("a.test", "/known", FixtureResponse::Html("here"));

  Reply reply = Fetch(server(), server().Url("a.test", "/unknown"));

  EXPECT_EQ(reply.code, CURLE_OK);
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(Fetch(server(), server().Url("a.test", "/known?x=1")).status, 404)
      << "exact routes include the query";
}

TEST_F(FixtureServerTest, StatusAndRetryAfterArePassedThrough) {
  server().Route("a.test", "/busy", FixtureResponse::Status(503).WithRetryAfter("120"));

  Reply reply = Fetch(server(), server().Url("a.test", "/busy"));

  EXPECT_EQ(reply.status, 503);
  EXPECT_TRUE(HasHeaderLine(reply, "Retry-After: 120")) << reply.headers;
}

TEST_F(FixtureServerTest, SequenceServesEachResponseInTurnThenRepeatsTheLast) {
  server().RouteSequence("a.test", "/flaky",
                         {FixtureResponse::Status(503), FixtureResponse::Html("ok")});

  EXPECT_EQ(Fetch(server(), server().Url("a.test", "/flaky")).status, 503);
  EXPECT_EQ(Fetch(server(), server().Url("a.test", "/flaky")).status, 200);
  EXPECT_EQ(Fetch(server(), server().Url("a.test", "/flaky")).status, 200);
}

TEST_F(FixtureServerTest, PrefixHandlerGeneratesContentFromTheRequest) {
  server().RoutePrefix("a.test", "/gen/", [](const RecordedRequest& request) {
    return FixtureResponse::Text("you asked for " + request.target);
  });

  EXPECT_EQ(Fetch(server(), server().Url("a.test", "/gen/page?id=7")).body,
            "you asked for /gen/page?id=7");
}

TEST_F(FixtureServerTest, LongTargetIsRoutedLikeAnyOther) {
  constexpr size_t kTargetBytes = 8000;
  const std::string target = "/trap/" + std::string(kTargetBytes, 'a');
  server().Route("a.test", target, FixtureResponse::Html("deep"));

  EXPECT_EQ(Fetch(server(), server().Url("a.test", target)).body, "deep");
}

TEST_F(FixtureServerTest, PostBodyIsReadAndTheConnectionStaysUsable) {
  server().Route("a.test", "/form", FixtureResponse::Html("posted"));
  server().Route("a.test", "/after", FixtureResponse::Html("after"));
  std::unique_ptr<Transfer> t = Prepare(server(), server().Url("a.test", "/form"));
  curl_easy_setopt(t->easy.get(), CURLOPT_POSTFIELDS, "q=news&page=2");

  ASSERT_EQ(curl_easy_perform(t->easy.get()), CURLE_OK);
  curl_easy_setopt(t->easy.get(), CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(t->easy.get(), CURLOPT_URL, server().Url("a.test", "/after").c_str());
  ASSERT_EQ(curl_easy_perform(t->easy.get()), CURLE_OK);

  EXPECT_EQ(t->reply.body, "postedafter");
  std::vector<RecordedRequest> logged = server().RequestsFor("a.test");
  ASSERT_EQ(logged.size(), 2u);
  EXPECT_EQ(logged[0].method, "POST");
}

TEST_F(FixtureServerTest, DelayHoldsBackTheResponseForAtLeastTheConfiguredTime) {
  server().Route("a.test", "/slow", FixtureResponse::Html("late").WithDelay(kDelay));

  Reply reply = Fetch(server(), server().Url("a.test", "/slow"));

  EXPECT_EQ(reply.body, "late");
  EXPECT_GE(reply.elapsed, kDelay);
  ASSERT_TRUE(server().WaitUntilIdle(kPromptShutdown));
  RecordedRequest logged = server().RequestsFor("a.test").at(0);
  ASSERT_TRUE(logged.finished_at.has_value());
  EXPECT_GE(*logged.finished_at - logged.started_at, kDelay);
}

TEST_F(FixtureServerTest, TrickledBodyArrivesWholeButSlowly) {
  constexpr size_t kPieces = 4;
  constexpr size_t kPieceBytes = 8;
  constexpr milliseconds kInterval{50};
  const std::string body = PatternBytes(0, kPieces * kPieceBytes);
  server().Route("a.test", "/trickle",
                 FixtureResponse::Html(body).WithTrickle(kPieceBytes, kInterval));

  Reply reply = Fetch(server(), server().Url("a.test", "/trickle"));

  EXPECT_EQ(reply.body, body);
  EXPECT_GE(reply.elapsed, kInterval * (kPieces - 1));
}

TEST_F(FixtureServerTest, RedirectChainIsFollowedToTheFinalPage) {
  server().RedirectChain("a.test", {"/r1", "/r2", "/r3"});
  server().Route("a.test", "/r3", FixtureResponse::Html("final"));

  Reply reply = Fetch(server(), server().Url("a.test", "/r1"), FollowingRedirects());

  EXPECT_EQ(reply.code, CURLE_OK);
  EXPECT_EQ(reply.body, "final");
  EXPECT_EQ(reply.redirects, 2);
  EXPECT_EQ(reply.effective_url, server().Url("a.test", "/r3"));
}

TEST_F(FixtureServerTest, RedirectChainMayCrossToAnotherHost) {
  server().RedirectChain("a.test", {"/away", server().Url("b.test", "/landing")}, 301);
  server().Route("b.test", "/landing", FixtureResponse::Html("on B"));

  Reply reply = Fetch(server(), server().Url("a.test", "/away"), FollowingRedirects());

  EXPECT_EQ(reply.body, "on B");
  EXPECT_EQ(server().CountFor("b.test", "/landing"), 1u);
}

TEST_F(FixtureServerTest, RedirectLoopExhaustsTheClientRedirectLimit) {
  server().RedirectLoop("a.test", {"/loop1", "/loop2"});

  Reply reply = Fetch(server(), server().Url("a.test", "/loop1"), FollowingRedirects());

  EXPECT_EQ(reply.code, CURLE_TOO_MANY_REDIRECTS);
  EXPECT_EQ(server().RequestsFor("a.test").size(), static_cast<size_t>(kMaxRedirects + 1));
}

TEST_F(FixtureServerTest, GzipBodyIsDecodedByTheClient) {
  const std::string page = "<html><body>" + PatternBytes(0, 10000) + "</body></html>";
  server().Route("a.test", "/gz", FixtureResponse::Gzipped(page));

  Reply decoded = Fetch(server(), server().Url("a.test", "/gz"), AcceptingGzip());
  Reply raw = Fetch(server(), server().Url("a.test", "/gz"));

  EXPECT_EQ(decoded.body, page);
  EXPECT_TRUE(HasHeaderLine(decoded, "Content-Encoding: gzip")) << decoded.headers;
  EXPECT_EQ(raw.body, GzipCompress(page));
}

TEST_F(FixtureServerTest, GzipBombIsSmallOnTheWireAndHugeWhenInflated) {
  constexpr uint64_t kInflatedBytes = 64 * kMebibyte;
  constexpr uint64_t kMaxWireBytes = kInflatedBytes / 500;
  server().Route("a.test", "/bomb", FixtureResponse::GzipBomb(kInflatedBytes));

  FetchOptions counting = AcceptingGzip();
  counting.discard_body = true;

  Reply raw = Fetch(server(), server().Url("a.test", "/bomb"));
  Reply inflated = Fetch(server(), server().Url("a.test", "/bomb"), counting);

  EXPECT_LT(raw.body.size(), kMaxWireBytes);
  EXPECT_EQ(inflated.code, CURLE_OK);
  EXPECT_EQ(inflated.body_bytes, kInflatedBytes);
}

// A reset arrives as ECONNRESET (CURLE_RECV_ERROR); a client that reads the close before the
// RST sees an empty reply (CURLE_GOT_NOTHING).
TEST_F(FixtureServerTest, ConnectionResetGivesTheClientAnError) {
  server().Route("a.test", "/reset", FixtureResponse::ConnectionReset());

  Reply reply = Fetch(server(), server().Url("a.test", "/reset"));

  EXPECT_TRUE(reply.code == CURLE_RECV_ERROR || reply.code == CURLE_GOT_NOTHING)
      << curl_easy_strerror(reply.code);
  ASSERT_TRUE(server().WaitUntilIdle(kPromptShutdown));
  RecordedRequest logged = server().RequestsFor("a.test").at(0);
  EXPECT_TRUE(logged.reset);
  EXPECT_EQ(logged.status, 0);
}

TEST_F(FixtureServerTest, ResetMidBodyTruncatesTheTransfer) {
  constexpr uint64_t kSentBytes = 1000;
  FixtureResponse response = FixtureResponse::Huge(kMebibyte);
  response.reset_after_body_bytes = kSentBytes;
  server().Route("a.test", "/cut", std::move(response));

  Reply reply = Fetch(server(), server().Url("a.test", "/cut"));

  EXPECT_NE(reply.code, CURLE_OK);
  EXPECT_EQ(reply.status, 200);
  EXPECT_LE(reply.body_bytes, kSentBytes);
}

TEST_F(FixtureServerTest, EndlessBodyRunsUntilTheClientAborts) {
  server().Route("a.test", "/endless", FixtureResponse::Endless());
  FetchOptions capped;
  capped.abort_after_bytes = kEndlessAbortAfterBytes;

  Reply reply = Fetch(server(), server().Url("a.test", "/endless"), capped);

  EXPECT_EQ(reply.code, CURLE_WRITE_ERROR);
  EXPECT_GE(reply.body_bytes, kEndlessAbortAfterBytes);
  EXPECT_TRUE(HasHeaderLine(reply, "Transfer-Encoding: chunked")) << reply.headers;
  const Clock::time_point start = Clock::now();
  server_.reset();
  EXPECT_LT(Clock::now() - start, kPromptShutdown);
}

TEST_F(FixtureServerTest, DestructorReturnsPromptlyWithAnEndlessBodyInFlight) {
  server().Route("a.test", "/endless", FixtureResponse::Endless());
  std::promise<void> first_bytes;
  std::future<void> first_bytes_arrived = first_bytes.get_future();
  FetchOptions streaming;
  streaming.discard_body = true;
  streaming.on_first_bytes = [&first_bytes] { first_bytes.set_value(); };
  const std::string url = server().Url("a.test", "/endless");
  std::future<Reply> reply =
      std::async(std::launch::async, [&] { return Fetch(server(), url, streaming); });
  ASSERT_EQ(first_bytes_arrived.wait_for(milliseconds(kClientTimeoutMs)),
            std::future_status::ready);

  const Clock::time_point start = Clock::now();
  server_.reset();
  EXPECT_LT(Clock::now() - start, kPromptShutdown);
  EXPECT_NE(reply.get().code, CURLE_OK);
}

TEST_F(FixtureServerTest, GeneratedChunkedBodyEndsWhenTheGeneratorIsDone) {
  const std::string content = "<html>" + PatternBytes(0, 3 * kMebibyte) + "</html>";
  FixtureResponse response = FixtureResponse::Html("");
  response.generated = GeneratedBody{
      std::nullopt, kEndlessBodyCapBytes, [content](uint64_t offset, size_t max_bytes) {
        return content.substr(std::min<uint64_t>(offset, content.size()), max_bytes);
      }};
  server().Route("a.test", "/generated", std::move(response));

  Reply reply = Fetch(server(), server().Url("a.test", "/generated"));

  EXPECT_EQ(reply.code, CURLE_OK);
  EXPECT_EQ(reply.body, content);
}

TEST_F(FixtureServerTest, HugeBodyIsServedInFullWithItsLength) {
  server().Route("a.test", "/huge", FixtureResponse::Huge(kHugeBodyBytes));

  Reply reply = Fetch(server(), server().Url("a.test", "/huge"));

  EXPECT_EQ(reply.code, CURLE_OK);
  EXPECT_TRUE(HasHeaderLine(reply, "Content-Length: " + std::to_string(kHugeBodyBytes)));
  ASSERT_EQ(reply.body.size(), kHugeBodyBytes);
  constexpr uint64_t kProbe = 12'345'678;
  constexpr size_t kProbeBytes = 100;
  EXPECT_EQ(reply.body.substr(kProbe, kProbeBytes), PatternBytes(kProbe, kProbeBytes));
}

TEST_F(FixtureServerTest, WrongCharsetHeaderIsSentVerbatimWithUntouchedBytes) {
  // "新闻" in GB2312, labelled UTF-8 on purpose.
  const std::string gb2312 = "<html><body>\xD0\xC2\xCE\xC5</body></html>";
  server().Route("a.test", "/gb", FixtureResponse::Html(gb2312, "text/html; charset=utf-8"));

  // The client offers gzip, and the server still sends the bytes as routed.
  Reply reply = Fetch(server(), server().Url("a.test", "/gb"), AcceptingGzip());

  EXPECT_TRUE(HasHeaderLine(reply, "Content-Type: text/html; charset=utf-8")) << reply.headers;
  EXPECT_EQ(reply.headers.find("Content-Encoding"), std::string::npos) << reply.headers;
  EXPECT_EQ(reply.body, gb2312);
}

TEST_F(FixtureServerTest, ResponseWithoutContentTypeIsSentWithoutOne) {
  FixtureResponse bare;
  bare.body = "<html><body>no label</body></html>";
  server().Route("a.test", "/bare", bare);

  Reply reply = Fetch(server(), server().Url("a.test", "/bare"));

  EXPECT_EQ(reply.headers.find("Content-Type"), std::string::npos) << reply.headers;
  EXPECT_EQ(reply.body, bare.body);
}

TEST_F(FixtureServerTest, KeepAliveConnectionServesAndLogsEachRequest) {
  server().Route("a.test", "/one", FixtureResponse::Html("1"));
  server().Route("a.test", "/two", FixtureResponse::Html("2"));
  std::unique_ptr<Transfer> t = Prepare(server(), server().Url("a.test", "/one"));

  ASSERT_EQ(curl_easy_perform(t->easy.get()), CURLE_OK);
  curl_easy_setopt(t->easy.get(), CURLOPT_URL, server().Url("a.test", "/two").c_str());
  ASSERT_EQ(curl_easy_perform(t->easy.get()), CURLE_OK);

  long new_connections = -1;
  curl_easy_getinfo(t->easy.get(), CURLINFO_NUM_CONNECTS, &new_connections);
  EXPECT_EQ(new_connections, 0) << "the second request reused the connection";
  EXPECT_EQ(t->reply.body, "12");
  ASSERT_TRUE(server().WaitUntilIdle(kPromptShutdown));
  std::vector<RecordedRequest> logged = server().RequestsFor("a.test");
  ASSERT_EQ(logged.size(), 2u);
  EXPECT_EQ(logged[1].target, "/two");
  ASSERT_TRUE(logged[0].finished_at.has_value());
  EXPECT_LE(*logged[0].finished_at, logged[1].started_at);
  EXPECT_EQ(server().MaxConcurrentRequests("a.test"), 1);
}

TEST_F(FixtureServerTest, RequestLogRecordsHostTargetHeadersAndTimes) {
  server().Route("a.test", "/p?q=1", FixtureResponse::Html("logged"));
  const Clock::time_point before = Clock::now();

  FetchOptions probing;
  probing.extra_headers = {"User-Agent: newsarc-test/1.0", "X-Probe: 42"};

  Fetch(server(), server().Url("a.test", "/p?q=1"), probing);

  ASSERT_TRUE(server().WaitUntilIdle(kPromptShutdown));
  std::vector<RecordedRequest> all = server().Requests();
  ASSERT_EQ(all.size(), 1u);
  const RecordedRequest& r = all[0];
  EXPECT_EQ(r.host, "a.test");
  EXPECT_EQ(r.host_header, "a.test:" + std::to_string(server().Host("a.test").port));
  EXPECT_EQ(r.local_address, server().Host("a.test").address);
  EXPECT_EQ(r.local_port, server().Host("a.test").port);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/p?q=1");
  EXPECT_EQ(r.Header("user-agent"), "newsarc-test/1.0");
  EXPECT_EQ(r.Header("X-Probe"), "42");
  EXPECT_FALSE(r.Header("REMOTE_ADDR").has_value());
  EXPECT_EQ(r.status, 200);
  EXPECT_GE(r.started_at, before);
  ASSERT_TRUE(r.finished_at.has_value());
  EXPECT_GE(*r.finished_at, r.started_at);
  EXPECT_TRUE(server().RequestsFor("b.test").empty());
}

TEST_F(FixtureServerTest, MaxConcurrentRequestsCountsOverlappingRequests) {
  constexpr int kParallel = 3;
  server().Route("a.test", "/slow", FixtureResponse::Html("slow").WithDelay(kDelay));

  std::vector<Reply> replies =
      FetchAll(server(), std::vector<std::string>(kParallel, server().Url("a.test", "/slow")));

  for (const Reply& reply : replies) EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(server().MaxConcurrentRequests("a.test"), kParallel);
  EXPECT_EQ(server().MaxConcurrentRequests("b.test"), 0);
}

TEST_F(FixtureServerTest, MinStartGapMeasuresSequentialRequests) {
  server().Route("a.test", "/slow", FixtureResponse::Html("slow").WithDelay(kDelay));

  Fetch(server(), server().Url("a.test", "/slow"));
  Fetch(server(), server().Url("a.test", "/slow"));

  std::optional<Clock::duration> gap = server().MinStartGap("a.test");
  ASSERT_TRUE(gap.has_value());
  EXPECT_GE(*gap, kDelay);
  EXPECT_EQ(server().MaxConcurrentRequests("a.test"), 1);
  EXPECT_FALSE(server().MinStartGap("b.test").has_value());
}

}  // namespace
}  // namespace testing_support
