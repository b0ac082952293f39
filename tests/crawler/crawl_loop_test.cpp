// The crawl loop against a FakeFetcher and a FakeClock: exact, instant politeness checks.
#include "crawler/crawl_loop.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <sstream>

#include "tests/support/fake_fetcher.h"

namespace crawler {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using testing_support::CannedResponse;
using testing_support::FakeClock;
using testing_support::FakeFetcher;

// Test pages list their links one per line as "link URL".
CannedResponse Page(std::vector<std::string> links) {
  CannedResponse r;
  for (const auto& l : links) r.body += "link " + l + "\n";
  return r;
}

CannedResponse Text(int status, std::string body) {
  CannedResponse r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = "text/plain";
  return r;
}

CannedResponse Redirect(int status, std::string location) {
  CannedResponse r;
  r.status = status;
  r.location = std::move(location);
  return r;
}

class RecordingHandler final : public PageHandler {
 public:
  PageHandling OnFetched(const FrontierEntry& entry, const FetchResult& result) override {
    fetched.push_back(entry.url);
    PageHandling h;
    h.failed = result.outcome != FetchOutcome::kOk || result.status >= 500;
    std::istringstream in(result.body);
    std::string word, url;
    while (in >> word >> url) {
      if (word == "link") h.links.push_back({url, LinkKind::kArticle});
      if (word == "cont") h.links.push_back({url, LinkKind::kContinuation});
    }
    return h;
  }
  void OnSkipped(const FrontierEntry& entry, SkipReason reason, const std::string&) override {
    skipped.push_back(entry.url + " " + SkipReasonName(reason));
  }
  void OnRefused(const FrontierEntry& from, const std::vector<RefusedLink>& links) override {
    for (const auto& l : links) {
      refused.push_back(l.url + " " + l.reason + " (" + l.detail + ") from " + from.url);
    }
  }
  std::vector<std::string> fetched;
  std::vector<std::string> skipped;
  std::vector<std::string> refused;
};

class MemoryRobotsCache final : public RobotsCache {
 public:
  std::optional<CachedRobots> Load(const std::string& host) override {
    auto it = stored.find(host);
    if (it == stored.end()) return std::nullopt;
    return it->second;
  }
  void Store(const std::string& host, const CachedRobots& r) override { stored[host] = r; }
  std::map<std::string, CachedRobots> stored;
};

class CrawlLoopTest : public ::testing::Test {
 protected:
  CrawlStats Run() {
    options_.scheduler.politeness.delay = seconds(1);
    return RunCrawlLoop(options_, fetcher_, clock_, frontier_, &robots_cache_, handler_);
  }
  FakeClock clock_;
  FakeFetcher fetcher_{clock_};
  MemoryFrontier frontier_;
  MemoryRobotsCache robots_cache_;
  RecordingHandler handler_;
  CrawlLoopOptions options_;
};

TEST_F(CrawlLoopTest, FetchesRobotsFirstThenEveryLinkedPageOnce) {
  fetcher_.Set("http://a.test/robots.txt", Text(200, "User-agent: *\nDisallow:\n"));
  fetcher_.Set("http://a.test/", Page({"http://a.test/1.html", "http://a.test/2.html"}));
  fetcher_.Set("http://a.test/1.html", Page({"http://a.test/2.html", "http://a.test/"}));
  fetcher_.Set("http://a.test/2.html", Page({"http://a.test/1.html#frag"}));
  options_.seeds = {"http://a.test/"};
  CrawlStats stats = Run();
  ASSERT_FALSE(fetcher_.log().empty());
  EXPECT_EQ(fetcher_.log()[0].url, "http://a.test/robots.txt");
  EXPECT_EQ(stats.fetched, 3);
  EXPECT_EQ(fetcher_.CountFor("http://a.test/1.html"), 1);
  EXPECT_EQ(fetcher_.CountFor("http://a.test/2.html"), 1);
  EXPECT_EQ(stats.left_queued, 0u);
}

TEST_F(CrawlLoopTest, KeepsTheDelayBetweenRequestStartsPerHostAndOneAtATime) {
  std::vector<std::string> links;
  for (int i = 0; i < 10; ++i) links.push_back("http://a.test/" + std::to_string(i) + ".html");
  fetcher_.Set("http://a.test/", Page(links));
  for (int i = 0; i < 10; ++i) {
    CannedResponse slow = Page({});
    slow.latency = milliseconds(i % 2 ? 700 : 20);  // slow answers widen the gap (factor 2)
    fetcher_.Set(links[i], slow);
  }
  options_.seeds = {"http://a.test/"};
  Run();
  EXPECT_EQ(fetcher_.log().size(), 12u);  // robots.txt (404) + seed + 10
  EXPECT_GE(fetcher_.MinStartGap("a.test"), seconds(1));
  EXPECT_EQ(fetcher_.MaxConcurrent("a.test"), 1);
}

TEST_F(CrawlLoopTest, CrawlsSeveralHostsInParallel) {
  for (const char* h : {"a.test", "b.test", "c.test"}) {
    std::string base = std::string("http://") + h + "/";
    fetcher_.Set(base, Page({base + "1.html", base + "2.html"}));
    options_.seeds.push_back(base);
  }
  SteadyTime start = clock_.Now();
  CrawlStats stats = Run();
  EXPECT_EQ(stats.fetched, 9);
  // Three hosts at one request per second each: about 3 s (robots + 3 pages per host), not 9+.
  EXPECT_LT(clock_.Now() - start, seconds(5));
}

// RFC 9309 §2.2.2: disallowed paths are never requested.
TEST_F(CrawlLoopTest, NeverRequestsPathsDisallowedByRobots) {
  fetcher_.Set("http://a.test/robots.txt", Text(200, "User-agent: *\nDisallow: /private/\n"));
  fetcher_.Set("http://a.test/", Page({"http://a.test/private/x.html", "http://a.test/ok.html"}));
  options_.seeds = {"http://a.test/"};
  CrawlStats stats = Run();
  EXPECT_EQ(fetcher_.CountFor("http://a.test/private/x.html"), 0);
  EXPECT_EQ(fetcher_.CountFor("http://a.test/ok.html"), 1);
  EXPECT_EQ(stats.skipped, 1);
  ASSERT_EQ(handler_.skipped.size(), 1u);
  EXPECT_EQ(handler_.skipped[0], "http://a.test/private/x.html robots_disallowed");
}

// RFC 9309 §2.3.1.4: an unreachable robots.txt means complete disallow.
TEST_F(CrawlLoopTest, HostWhoseRobotsAnswers503GetsNoOtherRequest) {
  fetcher_.Set("http://a.test/robots.txt", Text(503, "busy"));
  fetcher_.Set("http://a.test/", Page({}));
  options_.seeds = {"http://a.test/"};
  CrawlStats stats = Run();
  EXPECT_EQ(fetcher_.log().size(), 1u);
  EXPECT_EQ(stats.fetched, 0);
  EXPECT_EQ(stats.left_queued, 1u);  // retried next run
}

// Issue #13 point 6: a host an earlier run parked gets no request, and its queue is kept.
TEST_F(CrawlLoopTest, AParkedHostGetsNoRequestAndKeepsItsQueue) {
  fetcher_.Set("http://a.test/", Page({}));
  fetcher_.Set("http://b.test/", Page({}));
  options_.seeds = {"http://a.test/", "http://b.test/"};
  options_.parked_hosts = {"b.test"};
  CrawlStats stats = Run();
  for (const auto& request : fetcher_.log())
    EXPECT_EQ(request.url.find("b.test"), std::string::npos);
  EXPECT_EQ(fetcher_.CountFor("http://a.test/"), 1);
  EXPECT_EQ(stats.left_queued, 1u);
  ASSERT_EQ(stats.hosts.size(), 1u);
  EXPECT_EQ(stats.hosts[0].host, "a.test");
}

// A host failed on a run when none of its requests got an answer other than 5xx or 429.
TEST_F(CrawlLoopTest, TellsWhichHostsAnsweredInTheRun) {
  fetcher_.Set("http://a.test/", Page({}));
  fetcher_.Set("http://b.test/robots.txt", Text(503, "busy"));
  options_.seeds = {"http://a.test/", "http://b.test/"};
  CrawlStats stats = Run();
  ASSERT_EQ(stats.hosts.size(), 2u);
  EXPECT_EQ(stats.hosts[0].host, "a.test");
  EXPECT_TRUE(stats.hosts[0].answered);
  EXPECT_EQ(stats.hosts[0].requests, 2);  // robots.txt (404) and the seed
  EXPECT_EQ(stats.hosts[1].host, "b.test");
  EXPECT_FALSE(stats.hosts[1].answered);
  EXPECT_NE(stats.hosts[1].last_error.find("HTTP 503"), std::string::npos);
}

// Issue #13 point 8: a resumed run fetches robots.txt of a host found by links (not a seed)
// with the scheme of its queued URLs; asked over http, an https-only host is unreachable and
// blocked for the whole run.
TEST_F(CrawlLoopTest, AResumedRunAsksAnHttpsHostFoundByLinksForRobotsOverHttps) {
  fetcher_.Set("https://a.test/", Page({"https://b.test/1.html"}));
  fetcher_.Set("https://b.test/1.html", Page({}));
  options_.seeds = {"https://a.test/"};
  options_.scope.allowed_hosts = {"a.test", "b.test"};
  options_.max_pages = 1;  // the run ends (as a killed one would) with b.test's page queued
  Run();
  ASSERT_EQ(fetcher_.CountFor("https://b.test/1.html"), 0);
  options_.seeds.clear();  // the resume: the same command without new seeds
  options_.max_pages.reset();
  Run();
  EXPECT_EQ(fetcher_.CountFor("http://b.test/robots.txt"), 0);
  EXPECT_EQ(fetcher_.CountFor("https://b.test/robots.txt"), 1);
  EXPECT_EQ(fetcher_.CountFor("https://b.test/1.html"), 1);
}

TEST_F(CrawlLoopTest, RobotsCrawlDelayWidensTheGap) {
  fetcher_.Set("http://a.test/robots.txt", Text(200, "User-agent: *\nCrawl-delay: 3\n"));
  fetcher_.Set("http://a.test/", Page({"http://a.test/1.html", "http://a.test/2.html"}));
  options_.seeds = {"http://a.test/"};
  Run();
  EXPECT_GE(fetcher_.MinStartGap("a.test"), seconds(3));
}

TEST_F(CrawlLoopTest, RobotsAreReusedFromTheCacheWithinADay) {
  robots_cache_.Store("a.test",
                      CachedRobots{200, "User-agent: *\nDisallow: /x\n", clock_.WallNow()});
  fetcher_.Set("http://a.test/", Page({"http://a.test/x1"}));
  options_.seeds = {"http://a.test/"};
  Run();
  EXPECT_EQ(fetcher_.CountFor("http://a.test/robots.txt"), 0);
  EXPECT_EQ(fetcher_.CountFor("http://a.test/x1"), 0);
}

TEST_F(CrawlLoopTest, RetryAfterPausesTheHost) {
  CannedResponse busy = Text(429, "slow down");
  busy.retry_after = "30";
  fetcher_.SetSequence("http://a.test/1.html", {busy, Page({})});
  fetcher_.Set("http://a.test/", Page({"http://a.test/1.html", "http://a.test/2.html"}));
  options_.seeds = {"http://a.test/"};
  Run();
  const auto& log = fetcher_.log();
  auto find = [&](const std::string& url) {
    for (const auto& r : log) {
      if (r.url == url) return r;
    }
    return testing_support::FakeRequestRecord{};
  };
  auto first = find("http://a.test/1.html");
  auto next = find("http://a.test/2.html");
  EXPECT_GE(next.started_at - first.finished_at, seconds(30));
}

TEST_F(CrawlLoopTest, RetriesAFailedUrlAfterTheHostsBackOff) {
  CannedResponse down = Text(500, "oops");
  CannedResponse reset;
  reset.outcome = FetchOutcome::kNetwork;
  fetcher_.SetSequence("http://a.test/1.html", {down, reset, Page({})});
  fetcher_.Set("http://a.test/", Page({"http://a.test/1.html"}));
  options_.seeds = {"http://a.test/"};
  CrawlStats stats = Run();
  EXPECT_EQ(fetcher_.CountFor("http://a.test/1.html"), 3);
  EXPECT_EQ(stats.retries, 2);
  EXPECT_EQ(stats.errors, 0);  // it answered in the end
  EXPECT_EQ(frontier_.StateOf("http://a.test/1.html"), EntryState::kDone);
  std::vector<SteadyTime> starts, ends;
  for (const auto& r : fetcher_.log()) {
    if (r.url == "http://a.test/1.html") {
      starts.push_back(r.started_at);
      ends.push_back(r.finished_at);
    }
  }
  ASSERT_EQ(starts.size(), 3u);
  // Exponential back-off: 2 s after the first failure, 4 s after the second.
  EXPECT_GE(starts[1] - ends[0], options_.scheduler.politeness.initial_backoff);
  EXPECT_GE(starts[2] - ends[1], 2 * options_.scheduler.politeness.initial_backoff);
}

TEST_F(CrawlLoopTest, GivesUpAfterMaxAttempts) {
  CannedResponse busy = Text(503, "busy");
  busy.retry_after = "5";
  fetcher_.Set("http://a.test/1.html", busy);
  fetcher_.Set("http://a.test/", Page({"http://a.test/1.html"}));
  options_.seeds = {"http://a.test/"};
  options_.max_attempts = 3;
  CrawlStats stats = Run();
  EXPECT_EQ(fetcher_.CountFor("http://a.test/1.html"), 3);
  EXPECT_EQ(stats.errors, 1);
  EXPECT_EQ(frontier_.StateOf("http://a.test/1.html"), EntryState::kFailed);
}

TEST_F(CrawlLoopTest, ALongRetryAfterParksTheHostAndKeepsItsUrlsForTheNextRun) {
  CannedResponse busy = Text(429, "come back tomorrow");
  busy.retry_after = "86400";
  fetcher_.Set("http://a.test/1.html", busy);
  fetcher_.Set("http://a.test/", Page({"http://a.test/1.html", "http://a.test/2.html"}));
  options_.seeds = {"http://a.test/"};
  SteadyTime start = clock_.Now();
  CrawlStats stats = Run();
  EXPECT_LT(clock_.Now() - start, std::chrono::minutes(1));  // the run did not wait a day
  EXPECT_EQ(fetcher_.CountFor("http://a.test/1.html"), 1);
  EXPECT_EQ(fetcher_.CountFor("http://a.test/2.html"), 0);
  EXPECT_EQ(frontier_.StateOf("http://a.test/1.html"), EntryState::kQueued);
  EXPECT_EQ(frontier_.StateOf("http://a.test/2.html"), EntryState::kQueued);
  EXPECT_EQ(stats.left_queued, 2u);
}

TEST_F(CrawlLoopTest, SitemapsNamedInRobotsLeadToTheirPages) {
  fetcher_.Set("http://a.test/robots.txt", Text(200,
                                                "User-agent: *\nDisallow: /private/\n"
                                                "Sitemap: http://a.test/sitemap_index.xml\n"
                                                "Sitemap: http://elsewhere.test/sitemap.xml\n"));
  CannedResponse index = Text(200,
                              "<?xml version=\"1.0\"?><sitemapindex "
                              "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                              "<sitemap><loc>http://a.test/news.xml</loc></sitemap>"
                              "<sitemap><loc>http://other.test/x.xml</loc></sitemap>"
                              "</sitemapindex>");
  index.content_type = "application/xml";
  CannedResponse news = Text(200,
                             "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                             "<url><loc>http://a.test/n/1.html</loc><lastmod>2024-05-01</lastmod>"
                             "</url><url><loc> http://a.test/n/2.html?a=1&amp;b=2 </loc></url>"
                             "<url><loc>http://a.test/private/3.html</loc></url>"
                             "<url><loc>http://other.test/4.html</loc></url></urlset>");
  news.content_type = "text/xml";
  fetcher_.Set("http://a.test/sitemap_index.xml", index);
  fetcher_.Set("http://a.test/news.xml", news);
  fetcher_.Set("http://a.test/", Page({}));
  fetcher_.Set("http://a.test/n/1.html", Page({}));
  fetcher_.Set("http://a.test/n/2.html?a=1&b=2", Page({}));
  options_.seeds = {"http://a.test/"};
  Run();
  EXPECT_EQ(fetcher_.CountFor("http://a.test/sitemap_index.xml"), 1);
  EXPECT_EQ(fetcher_.CountFor("http://a.test/news.xml"), 1);
  EXPECT_EQ(fetcher_.CountFor("http://a.test/n/1.html"), 1);
  EXPECT_EQ(fetcher_.CountFor("http://a.test/n/2.html?a=1&b=2"), 1);
  EXPECT_EQ(fetcher_.CountFor("http://a.test/private/3.html"), 0);  // robots.txt still rules
  EXPECT_EQ(fetcher_.CountFor("http://other.test/4.html"), 0);      // off the seeds' hosts
  EXPECT_EQ(fetcher_.CountFor("http://other.test/x.xml"), 0);
  EXPECT_EQ(fetcher_.CountFor("http://elsewhere.test/sitemap.xml"), 0);
  EXPECT_EQ(frontier_.StateOf("http://a.test/n/1.html"), EntryState::kDone);
}

TEST_F(CrawlLoopTest, SitemapsCanBeTurnedOff) {
  fetcher_.Set("http://a.test/robots.txt",
               Text(200, "User-agent: *\nSitemap: http://a.test/sitemap.xml\n"));
  fetcher_.Set("http://a.test/", Page({}));
  options_.seeds = {"http://a.test/"};
  options_.follow_sitemaps = false;
  Run();
  EXPECT_EQ(fetcher_.CountFor("http://a.test/sitemap.xml"), 0);
}

TEST_F(CrawlLoopTest, FollowsRedirectsAndStopsLoopsAfterFive) {
  CannedResponse r1 = Redirect(301, "http://a.test/final.html");
  fetcher_.Set("http://a.test/old.html", r1);
  CannedResponse loop = Redirect(302, "http://a.test/loop.html?n=1");
  fetcher_.Set("http://a.test/loop.html", loop);
  for (int i = 1; i < 20; ++i) {
    CannedResponse hop = Redirect(302, "http://a.test/loop.html?n=" + std::to_string(i + 1));
    fetcher_.Set("http://a.test/loop.html?n=" + std::to_string(i), hop);
  }
  fetcher_.Set("http://a.test/", Page({"http://a.test/old.html", "http://a.test/loop.html"}));
  options_.seeds = {"http://a.test/"};
  CrawlStats stats = Run();
  EXPECT_EQ(fetcher_.CountFor("http://a.test/final.html"), 1);
  int loop_requests = 0;
  for (const auto& r : fetcher_.log())
    loop_requests += r.url.find("loop.html") != std::string::npos;
  EXPECT_EQ(loop_requests, 1 + options_.max_redirects);
  EXPECT_GE(stats.errors, 1);
}

// The progress line counts the frontier's failed entries, the summary the loop's errors: a chain
// cut at the redirect limit is both (issue #14: they disagreed), and `urls --state failed` lists
// it.
TEST_F(CrawlLoopTest, ARedirectChainCutAtTheLimitEndsItsLastHopFailed) {
  fetcher_.Set("http://a.test/loop.html", Redirect(302, "http://a.test/loop.html?n=1"));
  for (int i = 1; i < 20; ++i) {
    fetcher_.Set("http://a.test/loop.html?n=" + std::to_string(i),
                 Redirect(302, "http://a.test/loop.html?n=" + std::to_string(i + 1)));
  }
  fetcher_.Set("http://a.test/", Page({"http://a.test/loop.html"}));
  options_.seeds = {"http://a.test/"};
  CrawlStats stats = Run();
  std::string last = "http://a.test/loop.html?n=" + std::to_string(options_.max_redirects);
  EXPECT_EQ(frontier_.StateOf(last), EntryState::kFailed);
  EXPECT_EQ(frontier_.StateOf("http://a.test/loop.html?n=1"), EntryState::kDone);
  EXPECT_EQ(stats.errors, 1);
}

// Issue #15: links the scope refuses reach the handler with why (archived for audit and urls),
// each time they are found; off-site links and files are not handed over.
TEST_F(CrawlLoopTest, HandsTheLinksItsScopeRefusesToTheHandler) {
  fetcher_.Set("http://a.test/robots.txt", Text(200, "User-agent: *\nDisallow:\n"));
  fetcher_.Set("http://a.test/", Page({"http://a.test/1.html", "http://a.test/print/1.html",
                                       "http://elsewhere.test/x.html", "http://a.test/logo.png"}));
  fetcher_.Set("http://a.test/1.html",
               Page({"http://a.test/2.html", "http://a.test/print/1.html"}));
  options_.seeds = {"http://a.test/"};
  options_.scope.exclude_patterns = {"/print/"};
  options_.scope.max_depth = 1;
  Run();
  EXPECT_EQ(fetcher_.CountFor("http://a.test/print/1.html"), 0);
  EXPECT_EQ(fetcher_.CountFor("http://a.test/2.html"), 0);
  EXPECT_EQ(handler_.refused,
            (std::vector<std::string>{
                "http://a.test/print/1.html excluded (matches exclude pattern /print/) from "
                "http://a.test/",
                "http://a.test/2.html too_deep (depth 2 > max depth 1) from http://a.test/1.html",
                "http://a.test/print/1.html too_deep (depth 2 > max depth 1) from "
                "http://a.test/1.html"}));
}

CannedResponse PageWithContinuation(std::vector<std::string> links, std::string next_page) {
  CannedResponse r = Page(std::move(links));
  r.body += "cont " + next_page + "\n";
  return r;
}

// An article at the maximum depth is archived with all its pages: its following pages (each
// found on the one before) are as deep as its first; an endless "next page" chain stops after
// max_continuation_pages, and ordinary links on following pages still count a level deeper.
TEST_F(CrawlLoopTest, FollowsAMultiPageArticleAtMaxDepthToItsLastPageButNoFurther) {
  fetcher_.Set("http://a.test/robots.txt", Text(200, "User-agent: *\nDisallow:\n"));
  fetcher_.Set("http://a.test/", Page({"http://a.test/a.html"}));
  fetcher_.Set("http://a.test/a.html", PageWithContinuation({}, "http://a.test/a_2.html"));
  fetcher_.Set("http://a.test/a_2.html",
               PageWithContinuation({"http://a.test/other.html"}, "http://a.test/a_3.html"));
  fetcher_.Set("http://a.test/a_3.html", PageWithContinuation({}, "http://a.test/a_4.html"));
  fetcher_.Set("http://a.test/a_4.html", PageWithContinuation({}, "http://a.test/a_5.html"));
  fetcher_.Set("http://a.test/a_5.html", PageWithContinuation({}, "http://a.test/a_6.html"));
  options_.seeds = {"http://a.test/"};
  options_.scope.max_depth = 1;
  options_.max_continuation_pages = 3;
  Run();
  EXPECT_EQ(fetcher_.CountFor("http://a.test/a.html"), 1);
  EXPECT_EQ(fetcher_.CountFor("http://a.test/a_2.html"), 1);
  EXPECT_EQ(fetcher_.CountFor("http://a.test/a_3.html"), 1);
  EXPECT_EQ(fetcher_.CountFor("http://a.test/a_4.html"), 1);
  EXPECT_EQ(fetcher_.CountFor("http://a.test/a_5.html"), 0);    // the 4th page after the first
  EXPECT_EQ(fetcher_.CountFor("http://a.test/other.html"), 0);  // depth 2
  EXPECT_EQ(handler_.refused, (std::vector<std::string>{
                                  "http://a.test/other.html too_deep (depth 2 > max depth 1) from "
                                  "http://a.test/a_2.html",
                                  "http://a.test/a_5.html too_deep (depth 2 > max depth 1) from "
                                  "http://a.test/a_4.html"}));
}

TEST_F(CrawlLoopTest, StaysOnTheSeedHosts) {
  fetcher_.Set("http://a.test/", Page({"http://elsewhere.test/x.html"}));
  options_.seeds = {"http://a.test/"};
  Run();
  EXPECT_EQ(fetcher_.CountFor("http://elsewhere.test/x.html"), 0);
}

TEST_F(CrawlLoopTest, FollowsHostsOfTheSeedsRegistrableDomainAndCountsTheOthers) {
  fetcher_.Set("http://news.assoc.org.cn/",
               Page({"http://www.assoc.org.cn/a/1.html", "http://www.assoc.org.cn/a/2.html",
                     "http://www.other.org.cn/x.html", "http://www.other.org.cn/y.html",
                     "http://gov.example.cn/z.html", "http://news.assoc.org.cn/moved"}));
  fetcher_.Set("http://news.assoc.org.cn/moved", Redirect(301, "http://www.other.org.cn/z.html"));
  options_.seeds = {"http://news.assoc.org.cn/"};
  CrawlStats stats = Run();
  EXPECT_EQ(fetcher_.CountFor("http://www.assoc.org.cn/robots.txt"), 1);
  EXPECT_EQ(fetcher_.CountFor("http://www.assoc.org.cn/a/1.html"), 1);
  EXPECT_EQ(fetcher_.CountFor("http://www.assoc.org.cn/a/2.html"), 1);
  for (const auto& r : fetcher_.log()) {
    EXPECT_EQ(r.url.find("other.org.cn"), std::string::npos) << r.url;
    EXPECT_EQ(r.url.find("example.cn"), std::string::npos) << r.url;
  }
  // Two links and one redirect to www.other.org.cn, one link to gov.example.cn.
  EXPECT_EQ(stats.offsite_links, 4);
  ASSERT_EQ(stats.offsite_hosts.size(), 2u);
  EXPECT_EQ(stats.offsite_hosts[0].host, "www.other.org.cn");
  EXPECT_EQ(stats.offsite_hosts[0].links, 3);
  EXPECT_EQ(stats.offsite_hosts[0].example_url, "http://www.other.org.cn/x.html");
  EXPECT_EQ(stats.offsite_hosts[0].discovered_from, "http://news.assoc.org.cn/");
  EXPECT_EQ(stats.offsite_hosts[1].host, "gov.example.cn");
  EXPECT_EQ(stats.offsite_hosts[1].links, 1);
}

TEST_F(CrawlLoopTest, WithoutSameRegistrableDomainStaysOnTheSeedHost) {
  fetcher_.Set("http://news.assoc.org.cn/", Page({"http://www.assoc.org.cn/a/1.html"}));
  options_.seeds = {"http://news.assoc.org.cn/"};
  options_.scope.same_registrable_domain = false;
  CrawlStats stats = Run();
  EXPECT_EQ(fetcher_.CountFor("http://www.assoc.org.cn/robots.txt"), 0);
  EXPECT_EQ(fetcher_.CountFor("http://www.assoc.org.cn/a/1.html"), 0);
  ASSERT_EQ(stats.offsite_hosts.size(), 1u);
  EXPECT_EQ(stats.offsite_hosts[0].host, "www.assoc.org.cn");
}

TEST_F(CrawlLoopTest, MaxPagesBoundsTheRunAndLeavesTheRestQueued) {
  std::vector<std::string> links;
  for (int i = 0; i < 20; ++i) links.push_back("http://a.test/" + std::to_string(i) + ".html");
  fetcher_.Set("http://a.test/", Page(links));
  options_.seeds = {"http://a.test/"};
  options_.max_pages = 5;
  CrawlStats stats = Run();
  EXPECT_EQ(stats.fetched, 5);
  EXPECT_TRUE(stats.stopped_early);
  EXPECT_EQ(stats.left_queued, 16u);
}

TEST_F(CrawlLoopTest, StopFlagFinishesInFlightAndKeepsTheRestQueued) {
  std::atomic<bool> stop{true};
  fetcher_.Set("http://a.test/", Page({}));
  options_.seeds = {"http://a.test/"};
  options_.stop_requested = &stop;
  CrawlStats stats = Run();
  EXPECT_TRUE(stats.stopped_early);
  EXPECT_EQ(stats.fetched, 0);
  EXPECT_EQ(stats.left_queued, 1u);
}

TEST_F(CrawlLoopTest, ResumeRequeuesEntriesLeftInFlight) {
  FrontierEntry left;
  left.url = "http://a.test/left.html";
  left.host = "a.test";
  left.depth = 1;
  left.kind = LinkKind::kArticle;
  frontier_.Add({left});
  ASSERT_EQ(frontier_.Take("a.test", 10).size(), 1u);  // as if a killed run had it in flight
  fetcher_.Set("http://a.test/", Page({}));
  fetcher_.Set("http://a.test/left.html", Page({}));
  options_.seeds = {"http://a.test/"};
  Run();
  EXPECT_EQ(fetcher_.CountFor("http://a.test/left.html"), 1);
  EXPECT_EQ(frontier_.StateOf("http://a.test/left.html"), EntryState::kDone);
}

// Issue #13 point 3: a handler that works on other threads. Pages come back only a few loop
// turns after they were submitted, as a pool's would; meanwhile the loop must keep fetching
// (other hosts' pages), start nothing while the handler says its backlog is full, queue the
// links of a page only once it is handled, and not end the run before every page is back.
class DeferredHandler final : public PageHandler {
 public:
  PageHandling OnFetched(const FrontierEntry&, const FetchResult&) override { return {}; }
  void OnSkipped(const FrontierEntry&, SkipReason, const std::string&) override {}
  void Submit(FrontierEntry entry, FetchResult result) override {
    ++submitted;
    PageHandling h;
    std::istringstream in(result.body);
    std::string word, url;
    while (in >> word >> url) {
      if (word == "link") h.links.push_back({url, LinkKind::kArticle});
      if (word == "cont") h.links.push_back({url, LinkKind::kContinuation});
    }
    held_.push_back({{std::move(entry), std::move(result), std::move(h)}, 0});
    max_held = std::max(max_held, held_.size());
  }
  std::vector<HandledPage> TakeHandled() override {
    std::vector<HandledPage> out;
    for (auto it = held_.begin(); it != held_.end();) {
      if (++it->turns > 3) {  // handled three loop turns after it came in
        out.push_back(std::move(it->page));
        it = held_.erase(it);
      } else {
        ++it;
      }
    }
    return out;
  }
  size_t Outstanding() const override { return held_.size(); }
  bool Saturated() const override { return held_.size() >= kBacklog; }
  void SetNotifier(std::function<void()> notify) override {
    if (notify) notifier_set = true;
  }

  static constexpr size_t kBacklog = 3;
  size_t submitted = 0;
  size_t max_held = 0;
  bool notifier_set = false;

 private:
  struct Held {
    HandledPage page;
    int turns;
  };
  std::vector<Held> held_;
};

// Counts requests started while the handler said its backlog was full.
class BacklogCheckingFetcher final : public Fetcher {
 public:
  BacklogCheckingFetcher(Fetcher& inner, const PageHandler& handler)
      : inner_(inner), handler_(handler) {}
  bool CanStartMore() const override { return inner_.CanStartMore(); }
  size_t InFlight() const override { return inner_.InFlight(); }
  void Start(FetchRequest request) override {
    if (handler_.Saturated()) ++started_while_saturated;
    inner_.Start(std::move(request));
  }
  std::vector<FetchResult> WaitForResults(milliseconds timeout) override {
    return inner_.WaitForResults(timeout);
  }
  void Wakeup() override { inner_.Wakeup(); }
  void AbortAll() override { inner_.AbortAll(); }
  int started_while_saturated = 0;

 private:
  Fetcher& inner_;
  const PageHandler& handler_;
};

TEST_F(CrawlLoopTest, AHandlerOnOtherThreadsOverlapsFetchingAndIsWaitedFor) {
  // Ten hosts, each a seed linking two pages, one of which links a third: links are only
  // known once their page is handled.
  for (int h = 0; h < 10; ++h) {
    std::string base = "http://h" + std::to_string(h) + ".test/";
    fetcher_.Set(base, Page({base + "1.html", base + "2.html"}));
    fetcher_.Set(base + "1.html", Page({base + "3.html"}));
    options_.seeds.push_back(base);
  }
  DeferredHandler handler;
  BacklogCheckingFetcher fetcher(fetcher_, handler);
  options_.scheduler.politeness.delay = seconds(1);
  CrawlStats stats = RunCrawlLoop(options_, fetcher, clock_, frontier_, &robots_cache_, handler);
  EXPECT_TRUE(handler.notifier_set);
  EXPECT_EQ(stats.fetched, 40);
  EXPECT_EQ(handler.submitted, 40u);
  for (int h = 0; h < 10; ++h) {
    EXPECT_EQ(fetcher_.CountFor("http://h" + std::to_string(h) + ".test/3.html"), 1);
  }
  EXPECT_EQ(stats.left_queued, 0u);
  EXPECT_EQ(frontier_.QueuedCount(), 0u);
  // Fetching went on while pages were being handled, up to the backlog and never past it.
  EXPECT_GE(handler.max_held, DeferredHandler::kBacklog);
  EXPECT_EQ(fetcher.started_while_saturated, 0);
}

// A stopped run still takes back every page in the handler before it returns.
TEST_F(CrawlLoopTest, AStoppedRunWaitsForThePagesBeingHandled) {
  for (int h = 0; h < 5; ++h) {
    std::string base = "http://h" + std::to_string(h) + ".test/";
    fetcher_.Set(base, Page({base + "1.html"}));
    options_.seeds.push_back(base);
  }
  options_.max_pages = 5;
  DeferredHandler handler;
  options_.scheduler.politeness.delay = seconds(1);
  CrawlStats stats = RunCrawlLoop(options_, fetcher_, clock_, frontier_, &robots_cache_, handler);
  EXPECT_TRUE(stats.stopped_early);
  EXPECT_EQ(stats.fetched, 5);
  EXPECT_EQ(handler.Outstanding(), 0u);
}

// A MemoryFrontier that tells which of its calls came inside a batch (BeginBatch .. EndBatch).
class BatchWatchingFrontier final : public Frontier {
 public:
  size_t Add(const std::vector<FrontierEntry>& entries) override {
    Note("add");
    return inner.Add(entries);
  }
  std::vector<FrontierEntry> Take(const std::string& host, size_t max) override {
    Note("take");
    return inner.Take(host, max);
  }
  std::vector<std::string> HostsWithWork() override { return inner.HostsWithWork(); }
  void Finish(int64_t id, EntryState state) override {
    Note(state == EntryState::kDone ? "finish done" : "finish other");
    inner.Finish(id, state);
  }
  void RetryLater(int64_t id, std::chrono::system_clock::time_point not_before) override {
    Note("retry");
    inner.RetryLater(id, not_before);
  }
  size_t QueuedCount() override { return inner.QueuedCount(); }
  size_t RequeueInFlight() override { return inner.RequeueInFlight(); }
  void BeginBatch() override {
    if (open) ++nested;
    open = true;
    ++batches;
  }
  void EndBatch() override { open = false; }

  MemoryFrontier inner;
  bool open = false;
  int batches = 0;
  int nested = 0;
  std::map<std::string, int> inside, outside;

 private:
  void Note(const std::string& call) { ++(open ? inside : outside)[call]; }
};

// The loop's small frontier updates between two waits (links queued, entries finished, the
// next entries taken) are grouped in batches: one commit for a frontier kept in the archive.
TEST_F(CrawlLoopTest, TheLoopsFrontierUpdatesComeInBatches) {
  fetcher_.Set("http://a.test/", Page({"http://a.test/1.html", "http://a.test/2.html"}));
  fetcher_.Set("http://a.test/1.html", Page({"http://a.test/3.html"}));
  fetcher_.Set("http://b.test/", Page({"http://b.test/1.html"}));
  for (const char* leaf : {"http://a.test/2.html", "http://a.test/3.html", "http://b.test/1.html"})
    fetcher_.Set(leaf, Page({}));
  options_.seeds = {"http://a.test/", "http://b.test/"};
  options_.scheduler.politeness.delay = seconds(1);
  BatchWatchingFrontier frontier;
  CrawlStats stats = RunCrawlLoop(options_, fetcher_, clock_, frontier, &robots_cache_, handler_);
  EXPECT_EQ(stats.fetched, 6);
  EXPECT_GT(frontier.batches, 0);
  EXPECT_EQ(frontier.nested, 0);
  EXPECT_FALSE(frontier.open);
  // Only the seeds are added before the loop starts; every page's updates come in a batch.
  EXPECT_EQ(frontier.outside["add"], 1);
  EXPECT_EQ(frontier.outside["take"], 0);
  EXPECT_EQ(frontier.outside["finish done"], 0);
  EXPECT_EQ(frontier.inside["finish done"], 6);
  EXPECT_GT(frontier.inside["add"], 0);
  EXPECT_GT(frontier.inside["take"], 0);
}

}  // namespace
}  // namespace crawler

namespace crawler {
namespace {

// A MemoryFrontier standing for a frontier shared with other workers: it records what the loop
// tells it and plays the other workers (work they hold, a lease lost to them).
class SharedMemoryFrontier final : public Frontier {
 public:
  explicit SharedMemoryFrontier(const Clock& clock) : clock_(clock) {}
  size_t Add(const std::vector<FrontierEntry>& entries) override { return inner.Add(entries); }
  std::vector<FrontierEntry> Take(const std::string& host, size_t max) override {
    return inner.Take(host, max);
  }
  std::vector<std::string> HostsWithWork() override { return inner.HostsWithWork(); }
  void Finish(int64_t id, EntryState state) override { inner.Finish(id, state); }
  void RetryLater(int64_t id, std::chrono::system_clock::time_point not_before) override {
    inner.RetryLater(id, not_before);
  }
  size_t QueuedCount() override { return inner.QueuedCount(); }
  size_t RequeueInFlight() override { return inner.RequeueInFlight(); }
  void BlockQueueUntil(const std::string& host,
                       std::chrono::system_clock::time_point until) override {
    blocks.push_back({host, until - clock_.WallNow()});
  }
  void ParkHost(const std::string& host, const std::string& reason) override {
    parked.push_back(host + ": " + reason);
  }
  std::vector<std::string> TakeLostHosts() override {
    if (lose_when && lose_when()) {
      lose_when = nullptr;
      return {"a.test"};
    }
    return {};
  }
  bool WorkElsewhere() override {
    ++elsewhere_asked;
    if (!others_hold_work) return false;
    if (elsewhere_asked == late_at_ask) {  // another worker's lease expired: its URL is queued
      FrontierEntry e;
      e.url = "http://a.test/late.html";
      e.host = "a.test";
      inner.Add({e});
    }
    return elsewhere_asked <= late_at_ask;
  }
  std::optional<std::chrono::milliseconds> NextWorkIn() override { return next_work_in; }

  MemoryFrontier inner;
  std::vector<std::pair<std::string, std::chrono::system_clock::duration>> blocks;
  std::vector<std::string> parked;
  std::function<bool()> lose_when;
  bool others_hold_work = false;
  int elsewhere_asked = 0;
  int late_at_ask = 5;
  std::optional<std::chrono::milliseconds> next_work_in;

 private:
  const Clock& clock_;
};

class SharedFrontierLoopTest : public ::testing::Test {
 protected:
  CrawlStats Run() {
    options_.scheduler.politeness.delay = seconds(1);
    return RunCrawlLoop(options_, fetcher_, clock_, frontier_, &robots_cache_, handler_);
  }
  FakeClock clock_;
  crawler::SteadyTime start_ = clock_.Now();
  FakeFetcher fetcher_{clock_};
  SharedMemoryFrontier frontier_{clock_};
  MemoryRobotsCache robots_cache_;
  RecordingHandler handler_;
  CrawlLoopOptions options_;
};

TEST_F(SharedFrontierLoopTest, EveryResponseTellsWhenTheHostMayBeAskedNext) {
  fetcher_.Set("http://a.test/", Page({"http://a.test/1.html"}));
  fetcher_.Set("http://a.test/1.html", Page({}));
  options_.seeds = {"http://a.test/"};
  Run();
  // robots.txt, the seed, 1.html: each answered after 50 ms, the next allowed 1 s after it left.
  ASSERT_EQ(frontier_.blocks.size(), 3u);
  for (const auto& [host, wait] : frontier_.blocks) {
    EXPECT_EQ(host, "a.test");
    EXPECT_GE(wait, milliseconds(950));
    EXPECT_LE(wait, milliseconds(1000));
  }
}

TEST_F(SharedFrontierLoopTest, WaitsForWorkOtherWorkersHoldBeforeEnding) {
  fetcher_.Set("http://a.test/", Page({}));
  fetcher_.Set("http://a.test/late.html", Page({}));
  options_.seeds = {"http://a.test/"};
  frontier_.others_hold_work = true;
  Run();
  EXPECT_EQ(fetcher_.CountFor("http://a.test/late.html"), 1);
  EXPECT_EQ(frontier_.elsewhere_asked, 6);
}

TEST_F(SharedFrontierLoopTest, WaitsForOtherWorkersWorkNoLongerThanTheFrontierSaysItIsDue) {
  fetcher_.Set("http://a.test/", Page({}));
  fetcher_.Set("http://a.test/late.html", Page({}));
  options_.seeds = {"http://a.test/"};
  options_.max_wait = milliseconds(200);
  frontier_.others_hold_work = true;
  frontier_.late_at_ask = 50;
  frontier_.next_work_in = milliseconds(10);  // e.g. a host another worker released is due
  Run();
  EXPECT_EQ(fetcher_.CountFor("http://a.test/late.html"), 1);
  EXPECT_EQ(frontier_.elsewhere_asked, 51);
  // The loop woke when the frontier said, not once per max_wait (50 × 200 ms): robots.txt,
  // the seed and late.html one politeness delay apart, 50 waits of 11 ms meanwhile.
  EXPECT_LT(clock_.Now() - start_, seconds(3));
}

TEST_F(SharedFrontierLoopTest, AHostParkedForTheRunIsParkedInTheFrontier) {
  fetcher_.Set("http://a.test/robots.txt", Text(500, "down"));
  fetcher_.Set("http://a.test/", Page({}));
  options_.seeds = {"http://a.test/"};
  Run();
  ASSERT_EQ(frontier_.parked.size(), 1u);
  EXPECT_EQ(frontier_.parked[0].rfind("a.test: ", 0), 0u) << frontier_.parked[0];
  EXPECT_EQ(fetcher_.CountFor("http://a.test/"), 0);
}

TEST_F(SharedFrontierLoopTest, RequestsOfAHostWhoseLeaseWasLostAreNotSent) {
  std::vector<std::string> links;
  for (int i = 1; i <= 5; ++i) links.push_back("http://a.test/" + std::to_string(i) + ".html");
  fetcher_.Set("http://a.test/", Page(links));
  for (const auto& l : links) fetcher_.Set(l, Page({}));
  options_.seeds = {"http://a.test/"};
  // Once the seed's links are queued and handed to the scheduler, the lease goes to another
  // worker: the five requests waiting for their turn are dropped.
  frontier_.lose_when = [this] {
    return frontier_.inner.StateOf("http://a.test/1.html") == EntryState::kInFlight;
  };
  Run();
  EXPECT_EQ(handler_.fetched, std::vector<std::string>{"http://a.test/"});
}

}  // namespace
}  // namespace crawler
