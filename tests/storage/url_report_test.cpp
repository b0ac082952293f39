#include "storage/url_report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/archive.h"
#include "tests/storage/url_report_fixture.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

using testing::FillUrlFixture;

// A fixture archive in a temp file, opened read-only as `show` and `urls` open it.
class UrlReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing_support::MakeTempDir() + "/archive.db";
    {
      auto writer = Archive::Open(path_, {.create_if_missing = true});
      ASSERT_OK(writer);
      FillUrlFixture(*writer);
    }
    auto reader = Archive::Open(path_, {.read_only = true});
    ASSERT_OK(reader);
    reader_.emplace(std::move(*reader));
  }

  UrlReport Report(const std::string& typed) {
    auto key = UrlKeyOf(typed);
    EXPECT_TRUE(key.has_value()) << typed;
    auto report = ReadUrlReport(*reader_, key.value_or(""));
    EXPECT_TRUE(report.has_value()) << report.error().message;
    return report.value_or(UrlReport{});
  }

  std::vector<UrlListRow> List(UrlListQuery query) {
    std::vector<UrlListRow> rows;
    auto cursor = UrlCursor::Open(*reader_, query);
    EXPECT_TRUE(cursor.has_value()) << cursor.error().message;
    if (!cursor) return rows;
    while (true) {
      auto next = cursor->Next();
      EXPECT_TRUE(next.has_value()) << next.error().message;
      if (!next || !*next) break;
      rows.push_back(cursor->row());
    }
    return rows;
  }

  static std::vector<std::string> Urls(const std::vector<UrlListRow>& rows) {
    std::vector<std::string> urls;
    for (const auto& r : rows) urls.push_back(r.url);
    return urls;
  }

  std::string path_;
  std::optional<Archive> reader_;
};

TEST(UrlKeyOf, CanonicalizesAsTheCrawlerKeysUrls) {
  EXPECT_EQ(UrlKeyOf("  HTTP://A.CN:80/news/../news/1.html#top \n"), "http://a.cn/news/1.html");
  EXPECT_EQ(UrlKeyOf("http://a.cn/x.asp?id=1&jsessionid=abc"), "http://a.cn/x.asp?id=1");
  // A form post keeps the fragment that names it (its frontier key).
  EXPECT_EQ(UrlKeyOf("http://a.cn/list.aspx#__doPostBack(ctl00$pager,3)"),
            "http://a.cn/list.aspx#__doPostBack(ctl00$pager,3)");
  EXPECT_EQ(UrlKeyOf("ftp://a.cn/x"), std::nullopt);
  EXPECT_EQ(UrlKeyOf("not a url"), std::nullopt);
}

TEST_F(UrlReportTest, ArticleWithTwoVersionsIsFoundFromTheUrlAsTyped) {
  UrlReport r = Report("HTTP://A.cn/news/1.html#comments");
  ASSERT_TRUE(r.IsKnown());
  EXPECT_EQ(r.url, testing::kArticleUrl);
  ASSERT_TRUE(r.article.has_value());
  EXPECT_EQ(r.article->match, ArticleMatch::kUrl);
  EXPECT_EQ(r.article->article.title, testing::kArticleTitle);
  EXPECT_EQ(r.article->article.body, testing::kBodyV2);
  EXPECT_EQ(r.article->stamp.version, 2);
  ASSERT_EQ(r.versions.size(), 2u);
  EXPECT_EQ(r.versions[0].version, 1);
  EXPECT_TRUE(r.versions[0].changed.empty());
  EXPECT_EQ(r.versions[0].content_sha256, util::Sha256Hex(testing::kBodyV1));
  EXPECT_EQ(r.versions[1].changed, std::vector<std::string>{"body"});
  EXPECT_EQ(r.versions[1].body_bytes, std::string(testing::kBodyV2).size());
  // Both fetches, oldest first, with their capture's size and hash and the page kind.
  ASSERT_EQ(r.fetches.size(), 2u);
  EXPECT_EQ(r.fetches[0].started_at, "1970-01-01T00:16:43Z");
  EXPECT_EQ(r.fetches[1].started_at, "1970-01-01T01:23:20Z");
  EXPECT_EQ(r.fetches[1].status, 200);
  EXPECT_EQ(r.fetches[1].page_kind, "article");
  EXPECT_EQ(r.fetches[1].kind_reason, "reached as an article link; title, date and body");
  ASSERT_TRUE(r.fetches[1].capture_size.has_value());
  EXPECT_GT(*r.fetches[1].capture_size, 0);
  EXPECT_EQ(r.fetches[1].capture_sha256->size(), 64u);
  EXPECT_NE(r.fetches[0].capture_sha256, r.fetches[1].capture_sha256);
  // Reached through the 301 of the old URL, which queued it.
  ASSERT_TRUE(r.redirected_from.has_value());
  EXPECT_EQ(r.redirected_from->from, testing::kOldUrl);
  EXPECT_EQ(r.redirected_from->status, 301);
  ASSERT_TRUE(r.frontier.has_value());
  EXPECT_EQ(r.frontier->state, "done");
  EXPECT_EQ(r.frontier->reason, "article");
  EXPECT_EQ(r.frontier->redirects, 1);
  EXPECT_FALSE(r.offsite.has_value());
}

TEST_F(UrlReportTest, RedirectingUrlLeadsToTheArticleItsLocationQueued) {
  UrlReport r = Report(testing::kOldUrl);
  ASSERT_EQ(r.redirects.size(), 1u);
  EXPECT_EQ(r.redirects[0].from, testing::kOldUrl);
  EXPECT_EQ(r.redirects[0].to, testing::kArticleUrl);
  EXPECT_EQ(r.redirects[0].status, 301);
  ASSERT_TRUE(r.article.has_value());
  EXPECT_EQ(r.article->match, ArticleMatch::kRedirect);
  EXPECT_EQ(r.article->article.url, testing::kArticleUrl);
  // The 301 and the target's two fetches.
  ASSERT_EQ(r.fetches.size(), 3u);
  EXPECT_EQ(r.fetches[0].outcome, "redirect");
  EXPECT_EQ(r.fetches[0].url, testing::kOldUrl);
  EXPECT_EQ(r.fetches[1].url, testing::kArticleUrl);
  EXPECT_EQ(r.frontier->reason, "redirect 301");
}

TEST_F(UrlReportTest, ArticleKeptUnderItsCanonicalUrlIsFoundFromEitherUrl) {
  UrlReport crawled = Report(testing::kPrintUrl);
  ASSERT_TRUE(crawled.article.has_value());
  EXPECT_EQ(crawled.article->match, ArticleMatch::kCapture);
  EXPECT_EQ(crawled.article->article.url, testing::kCanonicalUrl);
  ASSERT_EQ(crawled.fetches.size(), 1u);

  UrlReport canonical = Report(testing::kCanonicalUrl);
  ASSERT_TRUE(canonical.IsKnown());
  EXPECT_FALSE(canonical.frontier.has_value());
  ASSERT_TRUE(canonical.article.has_value());
  EXPECT_EQ(canonical.article->match, ArticleMatch::kCanonical);
  ASSERT_EQ(canonical.fetches.size(), 1u);
  EXPECT_EQ(canonical.fetches[0].url, testing::kPrintUrl);
}

TEST_F(UrlReportTest, RobotsRefusalIsASkipWithItsReason) {
  UrlReport r = Report(testing::kRobotsUrl);
  ASSERT_TRUE(r.frontier.has_value());
  EXPECT_EQ(r.frontier->state, "skipped");
  EXPECT_EQ(r.frontier->reason, "robots.txt disallows it");
  ASSERT_EQ(r.fetches.size(), 1u);
  EXPECT_EQ(r.fetches[0].outcome, "robots_disallowed");
  EXPECT_EQ(r.fetches[0].status, std::nullopt);
  EXPECT_FALSE(r.article.has_value());
}

TEST_F(UrlReportTest, FailedUrlCountsEveryTryAndNamesTheLastFailure) {
  UrlReport r = Report(testing::kFailedUrl);
  ASSERT_TRUE(r.frontier.has_value());
  EXPECT_EQ(r.frontier->state, "failed");
  EXPECT_EQ(r.frontier->attempts, 3);
  EXPECT_EQ(r.frontier->reason, "gave up after 3 tries: http_error 503");
  EXPECT_EQ(r.fetches.size(), 3u);

  UrlReport retry = Report(testing::kRetryUrl);
  EXPECT_EQ(retry.frontier->state, "queued");
  EXPECT_EQ(retry.frontier->next_attempt_at, "2030-03-17T17:46:40Z");
  EXPECT_EQ(retry.frontier->reason,
            "retry not before 2030-03-17T17:46:40Z after 1 failed try: timeout (Operation timed "
            "out after 30000 milliseconds)");
}

TEST_F(UrlReportTest, UnknownUrlIsNotKnownAndOffsiteHostIsNamed) {
  UrlReport unknown = Report("http://a.cn/never.html");
  EXPECT_FALSE(unknown.IsKnown());
  EXPECT_FALSE(unknown.offsite.has_value());

  UrlReport offsite = Report("http://other.org/partner.html");
  EXPECT_FALSE(offsite.IsKnown());
  ASSERT_TRUE(offsite.offsite.has_value());
  EXPECT_EQ(offsite.offsite->host.host, testing::kOffsiteHost);
  EXPECT_EQ(offsite.offsite->host.links, 4);
  EXPECT_EQ(offsite.offsite->run_id, 1);
}

TEST_F(UrlReportTest, CursorListsTheFrontierInDiscoveryOrderWithReasons) {
  std::vector<UrlListRow> all = List({});
  EXPECT_EQ(Urls(all), (std::vector<std::string>{
                           testing::kListUrl, testing::kOldUrl, testing::kRobotsUrl,
                           testing::kFailedUrl, testing::kRetryUrl, testing::kPrintUrl,
                           testing::kOtherSiteUrl, testing::kArticleUrl, testing::kQueuedUrl}));
  EXPECT_EQ(all[0].reason, "listing");
  EXPECT_EQ(all[0].last_status, 200);
  EXPECT_EQ(all[7].last_status, 200);
  EXPECT_EQ(all[7].last_fetched_at, "1970-01-01T01:23:20Z");  // the latest of its two fetches
  EXPECT_EQ(all[8].reason, "not fetched yet");
  EXPECT_EQ(all[8].last_status, std::nullopt);
}

TEST_F(UrlReportTest, CursorFiltersByStateAndHost) {
  EXPECT_EQ(Urls(List({.state = UrlStateFilter::kSkipped})),
            std::vector<std::string>{testing::kRobotsUrl});
  auto failed = List({.state = UrlStateFilter::kFailed});
  ASSERT_EQ(Urls(failed), std::vector<std::string>{testing::kFailedUrl});
  EXPECT_EQ(failed[0].attempts, 3);
  EXPECT_EQ(failed[0].last_status, 503);
  EXPECT_EQ(
      Urls(List({.state = UrlStateFilter::kQueued})),
      (std::vector<std::string>{testing::kRetryUrl, testing::kOtherSiteUrl, testing::kQueuedUrl}));
  EXPECT_EQ(Urls(List({.state = UrlStateFilter::kQueued, .host = "a.cn"})),
            (std::vector<std::string>{testing::kRetryUrl, testing::kQueuedUrl}));
  EXPECT_EQ(Urls(List({.host = "b.cn"})), std::vector<std::string>{testing::kOtherSiteUrl});
  EXPECT_EQ(List({.state = UrlStateFilter::kDone}).size(), 4u);
  EXPECT_TRUE(List({.host = "c.cn"}).empty());
}

// URLs the crawl's trap guard skipped (crawler/yield_guard.h) are skipped entries whose last
// fetch row says trap_template: `urls --state trap` lists them with the guard's reason.
TEST_F(UrlReportTest, TrapFilterListsWhatTheTrapGuardSkipped) {
  const std::string trap_url = "http://a.cn/calendar.jsp?date=2021-03-05";
  {
    auto writer = Archive::Open(path_, {});
    ASSERT_TRUE(writer.has_value());
    auto run = writer->BeginRun("{}", testing::At(7000));
    ASSERT_TRUE(run.has_value());
    ASSERT_TRUE(writer->FrontierAdd({testing::Entry(trap_url, "other", testing::kListUrl)}, *run)
                    .has_value());
    auto taken = writer->FrontierTake("a.cn", 100, testing::At(7000));
    ASSERT_TRUE(taken.has_value());
    for (const FrontierRow& row : *taken) {
      if (row.url != trap_url) continue;
      PageRecord skip = testing::Fetch(trap_url, *run, 7001, 0, "trap_template");
      skip.status.reset();
      skip.error = "URL template /calendar.jsp?date yields nothing new";
      ASSERT_TRUE(writer->RecordPage(skip).has_value());
      ASSERT_TRUE(writer->FrontierFinish(row.id, FrontierState::kSkipped).has_value());
    }
  }
  auto trapped = List({.state = UrlStateFilter::kTrap});
  ASSERT_EQ(Urls(trapped), std::vector<std::string>{trap_url});
  EXPECT_EQ(trapped[0].reason, "trap guard: URL template /calendar.jsp?date yields nothing new");
  // The robots.txt refusal is a skip too, not a trap.
  EXPECT_EQ(Urls(List({.state = UrlStateFilter::kSkipped})),
            (std::vector<std::string>{testing::kRobotsUrl, trap_url}));
}

TEST_F(UrlReportTest, OffsiteRefusalsListEachHostOnce) {
  auto refusals = ReadOffsiteRefusals(*reader_);
  ASSERT_OK(refusals);
  ASSERT_EQ(refusals->size(), 1u);
  EXPECT_EQ((*refusals)[0].host.example_url, "http://other.org/partner.html");
  EXPECT_EQ((*refusals)[0].host.discovered_from, testing::kListUrl);
  auto none = ReadOffsiteRefusals(*reader_, std::string("a.cn"));
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

// https://www.sqlite.org/wal.html: readers see the last commit while a writer's transaction
// is open, so `show` and `urls` work during a crawl.
TEST_F(UrlReportTest, ReadsTheCommittedStateWhileAWriterHoldsATransaction) {
  auto writer = Archive::Open(path_);
  ASSERT_OK(writer);
  auto txn = Transaction::Begin(writer->db(), Transaction::Kind::kWrite);
  ASSERT_OK(txn);
  ASSERT_OK(writer->db().Exec("UPDATE frontier SET state = 'failed'"));
  UrlReport r = Report(testing::kRobotsUrl);
  ASSERT_TRUE(r.frontier.has_value());
  EXPECT_EQ(r.frontier->state, "skipped");
  EXPECT_EQ(List({.state = UrlStateFilter::kFailed}).size(), 1u);
}

}  // namespace
}  // namespace storage
