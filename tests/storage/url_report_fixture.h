// An archive for the URL report tests (storage and `newsarc show`/`urls`), filled through the
// Archive API as a crawl fills it: one run over a.cn with a listing, an article reached
// through a 301 and archived twice (its body changed), a URL robots.txt disallows, a URL
// given up on after three 503s, one waiting for a retry, one still queued, an article kept under
// its rel=canonical URL, a page of b.cn, and an off-site host the run refused.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/archive.h"
#include "tests/storage/archive_test_util.h"

namespace storage::testing {

inline constexpr const char* kListUrl = "http://a.cn/list.html";
inline constexpr const char* kOldUrl = "http://a.cn/old/1.html";  // 301 to kArticleUrl
inline constexpr const char* kArticleUrl = "http://a.cn/news/1.html";
inline constexpr const char* kRobotsUrl = "http://a.cn/private/x.html";
inline constexpr const char* kFailedUrl = "http://a.cn/bad.html";
inline constexpr const char* kRetryUrl = "http://a.cn/slow.html";
inline constexpr const char* kQueuedUrl = "http://a.cn/later.html";
inline constexpr const char* kPrintUrl = "http://a.cn/print.asp?id=7";   // crawled
inline constexpr const char* kCanonicalUrl = "http://a.cn/news/7.html";  // its rel=canonical
inline constexpr const char* kOtherSiteUrl = "http://b.cn/index.html";
inline constexpr const char* kOffsiteHost = "other.org";
inline constexpr const char* kArticleTitle = "全市招商引资工作会议召开";
inline constexpr const char* kBodyV1 = "会议要求做好招商引资各项工作。\n第二段。";
inline constexpr const char* kBodyV2 = "会议要求做好招商引资各项工作。\n第二段有改动。\n第三段。";

inline FrontierRow Entry(const std::string& url, const std::string& kind,
                         std::optional<std::string> from, int redirects = 0) {
  FrontierRow row;
  row.url = url;
  row.host = util::SiteOfUrl(url).value_or("");
  row.depth = from ? 1 : 0;
  row.kind = kind;
  row.redirects = redirects;
  row.discovered_from = std::move(from);
  return row;
}

inline PageRecord Fetch(const std::string& url, int64_t run, int64_t at, int status,
                        const std::string& outcome) {
  PageRecord r = MakeRecord(url, "", "", at);
  r.run_id = run;
  r.final_url.reset();
  r.article.reset();
  r.body.reset();
  r.status = status;
  r.outcome = outcome;
  return r;
}

inline PageRecord ArticleFetch(const std::string& url, int64_t run, int64_t at,
                               const std::string& body) {
  PageRecord r = MakeRecord(url, kArticleTitle, body, at, "2024-05-01");
  r.run_id = run;
  r.final_url.reset();
  r.page_kind = "article";
  r.kind_reason = "reached as an article link; title, date and body";
  return r;
}

// Fills `archive` (fresh). Fails the calling test on any storage error.
inline void FillUrlFixture(Archive& archive) {
  auto run = archive.BeginRun("{}", At(1000));
  ASSERT_TRUE(run.has_value());
  ASSERT_TRUE(
      archive
          .FrontierAdd(
              {Entry(kListUrl, "seed", std::nullopt), Entry(kOldUrl, "article", kListUrl),
               Entry(kRobotsUrl, "article", kListUrl), Entry(kFailedUrl, "article", kListUrl),
               Entry(kRetryUrl, "article", kListUrl), Entry(kPrintUrl, "article", kListUrl),
               Entry(kOtherSiteUrl, "seed", std::nullopt)},
              *run)
          .has_value());
  // The redirect's target is queued by the redirect, as the crawl loop does.
  ASSERT_TRUE(archive.FrontierAdd({Entry(kArticleUrl, "article", kOldUrl, /*redirects=*/1)}, *run)
                  .has_value());
  ASSERT_TRUE(archive.FrontierAdd({Entry(kQueuedUrl, "article", kListUrl)}, *run).has_value());

  auto taken = archive.FrontierTake("a.cn", 100, At(1000));
  ASSERT_TRUE(taken.has_value());
  auto finish = [&](const std::string& url, FrontierState state) {
    for (const FrontierRow& row : *taken) {
      if (row.url == url) {
        ASSERT_TRUE(archive.FrontierFinish(row.id, state).has_value());
        return;
      }
    }
    FAIL() << "not taken: " << url;
  };
  auto id_of = [&](const std::string& url) {
    for (const FrontierRow& row : *taken) {
      if (row.url == url) return row.id;
    }
    return int64_t{0};
  };

  PageRecord list = Fetch(kListUrl, *run, 1001, 200, "ok");
  list.body = "<html>listing</html>";
  list.page_kind = "listing";
  list.kind_reason = "12 article links";
  ASSERT_TRUE(archive.RecordPage(list).has_value());
  finish(kListUrl, FrontierState::kDone);

  ASSERT_TRUE(archive.RecordPage(Fetch(kOldUrl, *run, 1002, 301, "redirect")).has_value());
  finish(kOldUrl, FrontierState::kDone);

  ASSERT_TRUE(archive.RecordPage(ArticleFetch(kArticleUrl, *run, 1003, kBodyV1)).has_value());
  ASSERT_TRUE(archive.RecordPage(ArticleFetch(kArticleUrl, *run, 5000, kBodyV2)).has_value());
  finish(kArticleUrl, FrontierState::kDone);

  PageRecord robots = Fetch(kRobotsUrl, *run, 1004, 0, "robots_disallowed");
  robots.status.reset();
  robots.error = "disallowed by robots.txt";
  ASSERT_TRUE(archive.RecordPage(robots).has_value());
  finish(kRobotsUrl, FrontierState::kSkipped);

  // Three 503s: two retries, then the crawler gives up.
  for (int attempt = 0; attempt < 3; ++attempt) {
    ASSERT_TRUE(archive.RecordPage(Fetch(kFailedUrl, *run, 1005 + attempt * 10, 503, "http_error"))
                    .has_value());
    if (attempt < 2) {
      ASSERT_TRUE(archive.FrontierRetryLater(id_of(kFailedUrl), At(1000)).has_value());
      auto again = archive.FrontierTake("a.cn", 100, At(2000));
      ASSERT_TRUE(again.has_value());
    }
  }
  finish(kFailedUrl, FrontierState::kFailed);

  PageRecord timeout = Fetch(kRetryUrl, *run, 1006, 0, "timeout");
  timeout.status.reset();
  timeout.error = "Operation timed out after 30000 milliseconds";
  ASSERT_TRUE(archive.RecordPage(timeout).has_value());
  ASSERT_TRUE(archive.FrontierRetryLater(id_of(kRetryUrl), At(1'900'000'000)).has_value());

  // An article whose page names another URL as rel=canonical: archived under that URL.
  PageRecord print = ArticleFetch(kPrintUrl, *run, 1007, "打印版正文。");
  print.article->url = kCanonicalUrl;
  print.article->title = "打印版";
  ASSERT_TRUE(archive.RecordPage(print).has_value());
  finish(kPrintUrl, FrontierState::kDone);

  finish(kQueuedUrl, FrontierState::kQueued);

  RunOffsite offsite;
  offsite.links = 4;
  offsite.hosts.push_back(
      OffsiteHostCount{kOffsiteHost, 4, "http://other.org/partner.html", kListUrl});
  ASSERT_TRUE(
      archive.FinishRun(*run, RunCounts{9, 2, 1, 1, 1}, "partial", At(6000), offsite).has_value());
}

}  // namespace storage::testing
