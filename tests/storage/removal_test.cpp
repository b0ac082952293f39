// Issue #15 point 2: removal tracking. Sightings and their confirmation, with the fetch times
// the records carry as the clock (no wall clock is read).
#include "storage/removal.h"

#include <gtest/gtest.h>

#include "storage/archive.h"
#include "storage/archive_stats.h"
#include "storage/article_cursor.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

using storage::testing::At;
using storage::testing::MakeNotModified;
using storage::testing::MakeRecord;

constexpr int64_t kDay = 24 * 3600;
constexpr int64_t kT0 = 1'714'550'400;  // 2024-05-01T08:00:00Z
constexpr char kUrl[] = "http://a.cn/news/1.html";

Archive OpenMemory() {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  if (!archive) ADD_FAILURE() << archive.error().message;
  return std::move(*archive);
}

int64_t Count(const Archive& archive, const std::string& sql) {
  auto stmt = Statement::Prepare(archive.db(), sql);
  if (!stmt) {
    ADD_FAILURE() << stmt.error().message;
    return -1;
  }
  auto row = stmt->Step();
  return row && *row ? stmt->Int(0) : -1;
}

PageRecord Gone(const std::string& url, int status, int64_t at, std::optional<int64_t> run) {
  PageRecord r;
  r.run_id = run;
  r.url = url;
  r.status = status;
  r.outcome = status >= 400 ? "http_error" : "ok";
  r.started_at = r.fetched_at = At(at);
  return r;
}

// A 2xx page the extractor did not take for an article, for `reason`.
PageRecord NotAnArticle(const std::string& url, const std::string& kind, const std::string& reason,
                        int64_t at, std::optional<int64_t> run) {
  PageRecord r = Gone(url, 200, at, run);
  r.body = "<html><body>对不起，该信息已删除</body></html>";
  r.page_kind = kind;
  r.kind_reason = reason;
  return r;
}

PageRecord RedirectTo(const std::string& url, const std::string& to, int64_t at,
                      std::optional<int64_t> run) {
  PageRecord r = Gone(url, 302, at, run);
  r.outcome = "redirect";
  r.final_url = to;
  return r;
}

class RemovalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RemovalPolicy policy;
    policy.grace = std::chrono::hours(24 * 7);
    archive_.SetRemovalPolicy(policy);
    PageRecord first = MakeRecord(kUrl, "关于召开年会的通知", "正文内容。", kT0);
    first.run_id = NewRun(kT0);
    auto stored = archive_.RecordPage(first);
    ASSERT_OK(stored);
    article_id_ = *stored->article_id;
  }

  int64_t NewRun(int64_t at) {
    auto run = archive_.BeginRun("{}", At(at));
    EXPECT_TRUE(run.has_value());
    return run.value_or(0);
  }

  RecordResult Record(const PageRecord& record) {
    auto result = archive_.RecordPage(record);
    EXPECT_TRUE(result.has_value()) << result.error().message;
    return result.value_or(RecordResult{});
  }

  RemovalState State() {
    auto state = ReadRemovalState(archive_, kUrl);
    EXPECT_TRUE(state.has_value());
    return state.value_or(RemovalState{});
  }

  Archive archive_ = OpenMemory();
  int64_t article_id_ = 0;
};

TEST(GoneReason, NotFoundAndGoneAnswersAreEvidence) {
  RemovalPolicy policy;
  EXPECT_EQ(GoneReason(Gone(kUrl, 404, kT0, 1), policy), "http_404");
  EXPECT_EQ(GoneReason(Gone(kUrl, 410, kT0, 1), policy), "http_410");
}

TEST(GoneReason, ServerTroubleIsNoEvidence) {
  RemovalPolicy policy;
  for (int status : {500, 502, 503, 429, 403, 206}) {
    EXPECT_EQ(GoneReason(Gone(kUrl, status, kT0, 1), policy), std::nullopt) << status;
  }
  PageRecord network = Gone(kUrl, 0, kT0, 1);
  network.status.reset();
  network.outcome = "timeout";
  EXPECT_EQ(GoneReason(network, policy), std::nullopt);
  network.outcome = "network";
  EXPECT_EQ(GoneReason(network, policy), std::nullopt);
  EXPECT_EQ(GoneReason(MakeNotModified(kUrl, kT0), policy), std::nullopt);
  EXPECT_EQ(GoneReason(MakeRecord(kUrl, "标题", "正文"), policy), std::nullopt);
}

TEST(GoneReason, ErrorPagesAndPagesWithoutArticleAreSoft404s) {
  RemovalPolicy policy;
  EXPECT_EQ(
      GoneReason(NotAnArticle(kUrl, "other",
                              "error page (\"该信息已删除\"); text 9 chars, no title", kT0, 1),
                 policy),
      "error_page: 该信息已删除");
  EXPECT_EQ(GoneReason(NotAnArticle(kUrl, "other",
                                    "other: too little text for an article; text 0 chars", kT0, 1),
                       policy),
            "no_article");
  // A listing where an article was may be the extractor's mistake: no evidence.
  EXPECT_EQ(GoneReason(NotAnArticle(kUrl, "listing", "listing; text 20 chars", kT0, 1), policy),
            std::nullopt);
  // Not extracted (not HTML, an extraction failure): nothing is known.
  PageRecord unknown = NotAnArticle(kUrl, "other", "x", kT0, 1);
  unknown.page_kind.reset();
  unknown.kind_reason.reset();
  EXPECT_EQ(GoneReason(unknown, policy), std::nullopt);
}

TEST(GoneReason, RedirectToTheHomePageIsEvidenceAndOtherRedirectsAreNot) {
  RemovalPolicy policy;
  policy.home_urls = {"http://a.cn/portal/"};
  EXPECT_EQ(GoneReason(RedirectTo(kUrl, "http://a.cn/", kT0, 1), policy),
            "redirect_home: http://a.cn/");
  EXPECT_EQ(GoneReason(RedirectTo(kUrl, "https://www.a.cn/index.html", kT0, 1), policy),
            "redirect_home: https://www.a.cn/index.html");
  EXPECT_EQ(GoneReason(RedirectTo(kUrl, "http://a.cn/portal/", kT0, 1), policy),
            "redirect_home: http://a.cn/portal/");
  EXPECT_EQ(GoneReason(RedirectTo(kUrl, "https://a.cn/news/1.html", kT0, 1), policy), std::nullopt);
  EXPECT_EQ(GoneReason(RedirectTo(kUrl, "http://a.cn/news/index.html", kT0, 1), policy),
            std::nullopt);
  // The home page moving is not an article gone.
  EXPECT_EQ(GoneReason(RedirectTo("http://a.cn/", "http://a.cn/index.html", kT0, 1), policy),
            std::nullopt);
}

TEST(IsHomePageUrl, RootAndRootIndexPagesWithoutQuery) {
  for (const char* url : {"http://a.cn/", "http://a.cn", "https://a.cn/Index.HTML",
                          "http://a.cn/default.aspx", "http://a.cn/index.php#top"}) {
    EXPECT_TRUE(IsHomePageUrl(url)) << url;
  }
  for (const char* url : {"http://a.cn/?id=3", "http://a.cn/news/", "http://a.cn/index.php?m=1",
                          "http://a.cn/news/index.html", "not a url"}) {
    EXPECT_FALSE(IsHomePageUrl(url)) << url;
  }
  EXPECT_TRUE(
      IsHomePageUrl("http://a.cn/col/col1/index.html", {"http://a.cn/col/col1/index.html"}));
}

TEST_F(RemovalTest, TwoSightingsInOneRunDoNotRemoveIt) {
  RemovalPolicy policy;
  policy.grace = std::chrono::milliseconds(0);
  archive_.SetRemovalPolicy(policy);
  int64_t run = NewRun(kT0 + kDay);
  EXPECT_EQ(Record(Gone(kUrl, 404, kT0 + kDay, run)).removal.change, RemovalChange::kSighted);
  EXPECT_EQ(Record(Gone(kUrl, 404, kT0 + 9 * kDay, run)).removal.change, RemovalChange::kSighted);
  RemovalState state = State();
  EXPECT_EQ(state.removed_at, std::nullopt);
  EXPECT_EQ(state.sightings.size(), 2u);
}

TEST_F(RemovalTest, TwoRunsWithinTheGraceDoNotRemoveIt) {
  int64_t run2 = NewRun(kT0 + kDay);
  RecordResult first = Record(Gone(kUrl, 404, kT0 + kDay, run2));
  EXPECT_EQ(first.removal.change, RemovalChange::kSighted);
  EXPECT_EQ(first.removal.article_url, kUrl);
  EXPECT_EQ(first.removal.reason, "http_404");
  int64_t run3 = NewRun(kT0 + 7 * kDay);
  EXPECT_EQ(Record(Gone(kUrl, 404, kT0 + 7 * kDay, run3)).removal.change, RemovalChange::kSighted);
  EXPECT_EQ(State().removed_at, std::nullopt);
  auto stats = ReadArchiveStats(archive_);
  ASSERT_OK(stats);
  EXPECT_EQ(stats->removal.removed, 0);
  EXPECT_EQ(stats->removal.pending, 1);
}

TEST_F(RemovalTest, TwoRunsTheGraceApartMarkItRemovedAtTheFirstSightingAndKeepEverything) {
  int64_t versions = Count(archive_, "SELECT count(*) FROM article_versions");
  int64_t captures = Count(archive_, "SELECT count(*) FROM captures");
  int64_t run2 = NewRun(kT0 + kDay);
  RecordResult sighted = Record(
      NotAnArticle(kUrl, "other", "error page (\"该信息已删除\"); text 9 chars", kT0 + kDay, run2));
  int64_t run3 = NewRun(kT0 + 8 * kDay);
  RecordResult confirmed = Record(Gone(kUrl, 410, kT0 + 8 * kDay, run3));
  EXPECT_EQ(confirmed.removal.change, RemovalChange::kConfirmed);
  EXPECT_EQ(confirmed.removal.removed_at, "2024-05-02T08:00:00Z");

  RemovalState state = State();
  EXPECT_EQ(state.removed_at, "2024-05-02T08:00:00Z");  // first seen gone
  EXPECT_EQ(state.removed_reason, "http_410");
  ASSERT_EQ(state.sightings.size(), 2u);
  EXPECT_EQ(state.sightings[0].fetch_id, sighted.fetch_id);
  EXPECT_EQ(state.sightings[0].reason, "error_page: 该信息已删除");
  EXPECT_EQ(state.sightings[0].run_id, run2);
  // Nothing deleted: the article, its versions, its captures and the error page's capture.
  EXPECT_EQ(Count(archive_, "SELECT count(*) FROM articles"), 1);
  EXPECT_EQ(Count(archive_, "SELECT count(*) FROM article_versions"), versions);
  EXPECT_EQ(Count(archive_, "SELECT count(*) FROM captures"), captures + 1);
  EXPECT_EQ(Count(archive_, "SELECT count(*) FROM fetches WHERE id = " +
                                std::to_string(sighted.fetch_id) + " AND capture_id IS NOT NULL"),
            1);
  // Seen gone again later: still removed, since the first sighting.
  int64_t run4 = NewRun(kT0 + 20 * kDay);
  EXPECT_EQ(Record(Gone(kUrl, 404, kT0 + 20 * kDay, run4)).removal.change,
            RemovalChange::kStillGone);
  EXPECT_EQ(State().removed_at, "2024-05-02T08:00:00Z");

  auto stats = ReadArchiveStats(archive_);
  ASSERT_OK(stats);
  EXPECT_EQ(stats->removal.removed, 1);
  EXPECT_EQ(stats->removal.pending, 0);
  ASSERT_EQ(stats->sites.size(), 1u);
  EXPECT_EQ(stats->sites[0].removal.removed, 1);
}

TEST_F(RemovalTest, AnArticleAnsweringAgainIsNoLongerRemoved) {
  int64_t run2 = NewRun(kT0 + kDay);
  Record(RedirectTo(kUrl, "http://a.cn/", kT0 + kDay, run2));
  int64_t run3 = NewRun(kT0 + 9 * kDay);
  ASSERT_EQ(Record(RedirectTo(kUrl, "http://a.cn/", kT0 + 9 * kDay, run3)).removal.change,
            RemovalChange::kConfirmed);
  int64_t run4 = NewRun(kT0 + 10 * kDay);
  PageRecord back = MakeRecord(kUrl, "关于召开年会的通知", "正文内容。", kT0 + 10 * kDay);
  back.run_id = run4;
  EXPECT_EQ(Record(back).removal.change, RemovalChange::kRestored);
  RemovalState state = State();
  EXPECT_EQ(state.removed_at, std::nullopt);
  EXPECT_EQ(state.removed_reason, std::nullopt);
  ASSERT_EQ(state.sightings.size(), 2u);  // kept, cleared
  EXPECT_EQ(state.sightings[1].cleared_at, "2024-05-11T08:00:00Z");
  // Its sightings no longer count: one more run seeing it gone starts a new streak.
  int64_t run5 = NewRun(kT0 + 30 * kDay);
  EXPECT_EQ(Record(Gone(kUrl, 404, kT0 + 30 * kDay, run5)).removal.change, RemovalChange::kSighted);
}

TEST_F(RemovalTest, ANotModifiedAnswerClearsSightingsNotYetConfirmed) {
  int64_t run2 = NewRun(kT0 + kDay);
  Record(Gone(kUrl, 404, kT0 + kDay, run2));
  int64_t run3 = NewRun(kT0 + 2 * kDay);
  PageRecord not_modified = MakeNotModified(kUrl, kT0 + 2 * kDay);
  not_modified.run_id = run3;
  EXPECT_EQ(Record(not_modified).removal.change, RemovalChange::kCleared);
  int64_t run4 = NewRun(kT0 + 9 * kDay);
  EXPECT_EQ(Record(Gone(kUrl, 404, kT0 + 9 * kDay, run4)).removal.change, RemovalChange::kSighted);
  EXPECT_EQ(State().removed_at, std::nullopt);
}

TEST_F(RemovalTest, ServerErrorsAndTimeoutsAddNoSighting) {
  for (int i = 1; i <= 3; ++i) {
    int64_t run = NewRun(kT0 + i * 10 * kDay);
    EXPECT_EQ(Record(Gone(kUrl, 503, kT0 + i * 10 * kDay, run)).removal.change,
              RemovalChange::kNone);
    PageRecord timeout = Gone(kUrl, 0, kT0 + i * 10 * kDay + 1, run);
    timeout.status.reset();
    timeout.outcome = "timeout";
    EXPECT_EQ(Record(timeout).removal.change, RemovalChange::kNone);
  }
  EXPECT_TRUE(State().sightings.empty());
  EXPECT_EQ(Count(archive_, "SELECT count(*) FROM removal_sightings"), 0);
}

TEST_F(RemovalTest, AGoneAnswerOlderThanTheLastFetchAddsNoSighting) {
  PageRecord later = MakeRecord(kUrl, "关于召开年会的通知", "正文内容。", kT0 + 5 * kDay);
  later.run_id = NewRun(kT0 + 5 * kDay);
  Record(later);
  int64_t imported = NewRun(kT0 + 6 * kDay);
  EXPECT_EQ(Record(Gone(kUrl, 404, kT0 + kDay, imported)).removal.change, RemovalChange::kNone);
  EXPECT_TRUE(State().sightings.empty());
}

TEST_F(RemovalTest, UnknownUrlsAreNotTracked) {
  int64_t run = NewRun(kT0 + kDay);
  EXPECT_EQ(Record(Gone("http://a.cn/news/2.html", 404, kT0 + kDay, run)).removal.change,
            RemovalChange::kNone);
  EXPECT_EQ(Count(archive_, "SELECT count(*) FROM removal_sightings"), 0);
}

TEST_F(RemovalTest, ExportFiltersByRemoval) {
  PageRecord other = MakeRecord("http://a.cn/news/2.html", "另一篇", "另一篇正文。", kT0);
  other.run_id = NewRun(kT0);
  Record(other);
  Record(Gone(kUrl, 404, kT0 + kDay, NewRun(kT0 + kDay)));
  Record(Gone(kUrl, 404, kT0 + 9 * kDay, NewRun(kT0 + 9 * kDay)));
  auto urls = [&](RemovedFilter filter, bool all_versions) {
    ExportQuery query;
    query.removed = filter;
    query.all_versions = all_versions;
    std::vector<std::string> out;
    auto cursor = ArticleCursor::Open(archive_, query);
    EXPECT_TRUE(cursor.has_value());
    while (cursor && cursor->Next().value_or(false)) out.push_back(cursor->article().url);
    return out;
  };
  using Urls = std::vector<std::string>;
  for (bool all_versions : {false, true}) {
    EXPECT_EQ(urls(RemovedFilter::kOnly, all_versions), Urls({kUrl}));
    EXPECT_EQ(urls(RemovedFilter::kExclude, all_versions), Urls({"http://a.cn/news/2.html"}));
    EXPECT_EQ(urls(RemovedFilter::kInclude, all_versions).size(), 2u);
  }
}

TEST_F(RemovalTest, ARemovedArticleIsRevalidatedCountingFromItsLastSighting) {
  FrontierRow row;
  row.url = kUrl;
  row.host = "a.cn";
  row.kind = "article";
  ASSERT_OK(archive_.FrontierAdd({row}));
  auto entry = archive_.FrontierEntryOf(kUrl);
  ASSERT_OK(entry);
  ASSERT_OK(archive_.FrontierFinish((*entry)->id, FrontierState::kDone));
  Record(Gone(kUrl, 404, kT0 + kDay, NewRun(kT0 + kDay)));
  // Seen gone once: due as its last fetch says.
  auto due = archive_.FrontierRevalidate(At(kT0 + kDay));
  ASSERT_OK(due);
  EXPECT_EQ(*due, 1u);
  ASSERT_OK(archive_.FrontierFinish((*entry)->id, FrontierState::kFailed));
  Record(Gone(kUrl, 404, kT0 + 9 * kDay, NewRun(kT0 + 9 * kDay)));
  ASSERT_TRUE(State().removed_at.has_value());
  // Removed: not due until its last sighting is old enough.
  due = archive_.FrontierRevalidate(At(kT0 + 9 * kDay));
  ASSERT_OK(due);
  EXPECT_EQ(*due, 0u);
  due = archive_.FrontierRevalidate(At(kT0 + 9 * kDay + 1));
  ASSERT_OK(due);
  EXPECT_EQ(*due, 1u);
}

}  // namespace
}  // namespace storage
