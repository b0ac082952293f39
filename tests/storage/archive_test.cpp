#include "storage/archive.h"

#include <gtest/gtest.h>

#include "storage/archive_search.h"
#include "storage/archive_stats.h"
#include "storage/article_cursor.h"
#include "storage/compression.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"
#include "util/sha256.h"
#include "util/time_format.h"

namespace storage {
namespace {

using storage::testing::At;
using storage::testing::MakeNotModified;
using storage::testing::MakeRecord;

Archive OpenMemory() {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  if (!archive) ADD_FAILURE() << archive.error().message;
  return std::move(*archive);
}

int64_t Count(const Archive& archive, const char* sql) {
  auto stmt = Statement::Prepare(archive.db(), sql);
  if (!stmt) {
    ADD_FAILURE() << stmt.error().message;
    return -1;
  }
  auto row = stmt->Step();
  return row && *row ? stmt->Int(0) : -1;
}

TEST(Archive, RecordPageStoresFetchCaptureAndNewArticle) {
  Archive archive = OpenMemory();
  auto run = archive.BeginRun("{}", At(1'714'550'000));
  ASSERT_OK(run);
  PageRecord record = MakeRecord("http://www.example.gov.cn/a/1.html", "标题", "正文第一段");
  record.run_id = *run;
  record.etag = "\"abc\"";
  auto result = archive.RecordPage(record);
  ASSERT_OK(result);
  EXPECT_EQ(result->change, ArticleChange::kNew);
  EXPECT_EQ(result->version, 1);
  ASSERT_TRUE(result->capture_id.has_value());
  ASSERT_TRUE(result->article_id.has_value());
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM fetches"), 1);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM captures"), 1);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM articles"), 1);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM article_versions"), 1);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM sites WHERE host = 'www.example.gov.cn'"), 1);

  auto capture = archive.LoadCapture(*result->capture_id);
  ASSERT_OK(capture);
  ASSERT_TRUE(capture->has_value());
  EXPECT_EQ((*capture)->body, *record.body);
  EXPECT_EQ((*capture)->sha256, util::Sha256Hex(*record.body));

  auto validators = archive.FindArticleValidators(record.url);
  ASSERT_OK(validators);
  ASSERT_TRUE(validators->has_value());
  EXPECT_EQ((*validators)->etag, "\"abc\"");
  EXPECT_EQ((*validators)->content_sha256, util::Sha256Hex("正文第一段"));
}

TEST(Archive, PageWithoutArticleStoresOnlyTheFetch) {
  Archive archive = OpenMemory();
  PageRecord record = MakeRecord("http://a.cn/missing", "x", "y");
  record.article.reset();
  record.body.reset();
  record.status = 404;
  record.outcome = "http_error";
  auto result = archive.RecordPage(record);
  ASSERT_OK(result);
  EXPECT_EQ(result->change, ArticleChange::kNoArticle);
  EXPECT_FALSE(result->capture_id.has_value());
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM fetches WHERE outcome = 'http_error'"), 1);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM articles"), 0);
}

TEST(Archive, UnchangedRefetchOnlyMovesLastFetchedAt) {
  Archive archive = OpenMemory();
  ASSERT_OK(archive.RecordPage(MakeRecord("http://a.cn/1", "标题", "正文", 1000)));
  auto again = archive.RecordPage(MakeRecord("http://a.cn/1", "标题", "正文", 2000));
  ASSERT_OK(again);
  EXPECT_EQ(again->change, ArticleChange::kUnchanged);
  EXPECT_EQ(again->version, 1);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM article_versions"), 1);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM fetches"), 2);
  EXPECT_EQ(Count(archive,
                  "SELECT count(*) FROM articles WHERE first_seen_at = '1970-01-01T00:16:40Z' "
                  "AND last_fetched_at = '1970-01-01T00:33:20Z' AND version = 1"),
            1);
}

TEST(Archive, ChangedBodyOrTitleAddsAVersion) {
  Archive archive = OpenMemory();
  ASSERT_OK(archive.RecordPage(MakeRecord("http://a.cn/1", "标题", "正文", 1000)));
  auto body_changed = archive.RecordPage(MakeRecord("http://a.cn/1", "标题", "正文（更正）", 2000));
  ASSERT_OK(body_changed);
  EXPECT_EQ(body_changed->change, ArticleChange::kChanged);
  EXPECT_EQ(body_changed->version, 2);
  auto title_changed =
      archive.RecordPage(MakeRecord("http://a.cn/1", "新标题", "正文（更正）", 3000));
  ASSERT_OK(title_changed);
  EXPECT_EQ(title_changed->change, ArticleChange::kChanged);
  EXPECT_EQ(title_changed->version, 3);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM article_versions"), 3);
  EXPECT_EQ(Count(archive,
                  "SELECT count(*) FROM articles WHERE version = 3 AND title = '新标题' "
                  "AND first_seen_at = '1970-01-01T00:16:40Z'"),
            1);
  EXPECT_EQ(Count(archive,
                  "SELECT count(*) FROM article_versions WHERE version = 2 "
                  "AND json_extract(article, '$.body') = '正文（更正）' "
                  "AND json_extract(article, '$.version') = 2"),
            1);
}

TEST(Archive, IdenticalPayloadsAreStoredOnce) {
  Archive archive = OpenMemory();
  PageRecord first = MakeRecord("http://a.cn/1", "t", "b");
  PageRecord second = MakeRecord("http://a.cn/2", "t", "b");
  second.body = first.body;
  auto r1 = archive.RecordPage(first);
  auto r2 = archive.RecordPage(second);
  ASSERT_OK(r1);
  ASSERT_OK(r2);
  EXPECT_EQ(r1->capture_id, r2->capture_id);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM captures"), 1);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM fetches WHERE capture_id IS NOT NULL"), 2);
}

// A body hashed and compressed ahead (on an extraction thread) is stored as RecordPage would
// have stored it, and deduplicated against captures stored the other way.
TEST(Archive, ABodyPreparedAheadIsStoredTheSame) {
  Archive archive = OpenMemory();
  PageRecord plain = MakeRecord("http://a.cn/1", "t", "b");
  plain.body = "<html><body>同一个页面 the same page</body></html>";
  PageRecord prepared = MakeRecord("http://a.cn/2", "t", "b");
  prepared.body = plain.body;
  prepared.prepared_body = storage::PrepareBody(*prepared.body);
  EXPECT_EQ(prepared.prepared_body->sha256, util::Sha256Hex(*plain.body));
  PageRecord other = MakeRecord("http://a.cn/3", "t", "b");
  other.body = std::string("其他页面 ") + std::string(5000, 'x');
  other.prepared_body = storage::PrepareBody(*other.body);
  auto r1 = archive.RecordPage(prepared);
  auto r2 = archive.RecordPage(plain);
  auto r3 = archive.RecordPage(other);
  ASSERT_OK(r1);
  ASSERT_OK(r2);
  ASSERT_OK(r3);
  EXPECT_EQ(r1->capture_id, r2->capture_id);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM captures"), 2);
  for (const PageRecord* record : {&prepared, &other}) {
    auto stored = archive.LatestCapture(record->url);
    ASSERT_OK(stored);
    ASSERT_TRUE(stored->has_value());
    EXPECT_EQ((*stored)->capture.body, *record->body);
    EXPECT_EQ((*stored)->capture.sha256, util::Sha256Hex(*record->body));
  }
}

// A page fetched again unchanged (most pages of a scheduled re-crawl) is not compressed again:
// its capture is stored. Should the capture be gone by the time the page is recorded, the
// archive compresses it then, and nothing is lost.
TEST(Archive, ABodyWhoseCaptureIsStoredIsNotCompressedAgain) {
  Archive archive = OpenMemory();
  PageRecord first = MakeRecord("http://a.cn/1", "t", "b");
  first.body = std::string("<html><body>协会新闻 ") + std::string(3000, 'y') + "</body></html>";
  ASSERT_OK(archive.RecordPage(first));

  std::vector<std::string> asked;
  auto stored = [&](const std::string& sha256) {
    asked.push_back(sha256);
    auto has = archive.HasCapture(sha256);
    return has && *has;
  };
  PageRecord again = MakeRecord("http://a.cn/1", "t", "b");
  again.body = first.body;
  again.prepared_body = storage::PrepareBody(*again.body, stored);
  EXPECT_EQ(asked, std::vector<std::string>{util::Sha256Hex(*first.body)});
  EXPECT_FALSE(again.prepared_body->compressed.has_value());
  auto r1 = archive.RecordPage(again);
  ASSERT_OK(r1);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM captures"), 1);

  PageRecord fresh = MakeRecord("http://a.cn/2", "t", "b");
  fresh.body = "<html><body>新的页面</body></html>";
  fresh.prepared_body = storage::PrepareBody(*fresh.body, stored);
  EXPECT_TRUE(fresh.prepared_body->compressed.has_value());

  // Prepared as stored, but the capture is not there when the page is recorded.
  PageRecord gone = MakeRecord("http://a.cn/3", "t", "b");
  gone.body = "<html><body>准备时已存的页面</body></html>";
  gone.prepared_body = storage::PrepareBody(*gone.body, [](const std::string&) { return true; });
  ASSERT_FALSE(gone.prepared_body->compressed.has_value());
  ASSERT_OK(archive.RecordPage(gone));
  auto capture = archive.LatestCapture(gone.url);
  ASSERT_OK(capture);
  ASSERT_TRUE(capture->has_value());
  EXPECT_EQ((*capture)->capture.body, *gone.body);
}

TEST(Archive, NotModifiedRefreshesTheStoredArticle) {
  Archive archive = OpenMemory();
  ASSERT_OK(archive.RecordPage(MakeRecord("http://a.cn/1", "t", "b", 1000)));
  PageRecord revalidated = MakeNotModified("http://a.cn/1", 5000);
  auto result = archive.RecordPage(revalidated);
  ASSERT_OK(result);
  EXPECT_EQ(result->change, ArticleChange::kUnchanged);
  EXPECT_EQ(Count(archive,
                  "SELECT count(*) FROM articles WHERE last_fetched_at = '1970-01-01T01:23:20Z'"),
            1);
}

std::string Text(const Archive& archive, const char* sql) {
  auto stmt = Statement::Prepare(archive.db(), sql);
  if (!stmt) {
    ADD_FAILURE() << stmt.error().message;
    return "";
  }
  auto row = stmt->Step();
  return row && *row ? stmt->Text(0) : "";
}

// The bodies of what export gives (latest or all versions), in order.
std::vector<std::string> ExportedBodies(const Archive& archive, bool all_versions) {
  std::vector<std::string> bodies;
  ExportQuery query;
  query.all_versions = all_versions;
  auto cursor = ArticleCursor::Open(archive, query);
  if (!cursor) {
    ADD_FAILURE() << cursor.error().message;
    return bodies;
  }
  while (true) {
    auto next = cursor->Next();
    if (!next || !*next) break;
    bodies.push_back(cursor->article().body + "@" + cursor->stamp().last_fetched_at + "#" +
                     std::to_string(cursor->stamp().version));
  }
  return bodies;
}

// Regression: importing an old WARC after a newer crawl rolled the article back to the old text.
TEST(Archive, AnOlderFetchIsKeptAsHistoryAndTheNewerVersionStaysCurrent) {
  Archive archive = OpenMemory();
  PageRecord newer = MakeRecord("http://a.cn/1", "标题", "更正后的正文内容", 2000);
  newer.etag = "\"new\"";
  ASSERT_OK(archive.RecordPage(newer));
  PageRecord older = MakeRecord("http://a.cn/1", "标题", "最初发布的正文内容", 1000);
  older.etag = "\"old\"";
  auto result = archive.RecordPage(older);
  ASSERT_OK(result);
  EXPECT_EQ(result->change, ArticleChange::kOlderVersion);
  EXPECT_EQ(result->version, 1);

  // The current version is the newer one, numbered after the older; first seen at the older
  // fetch, last fetched at the newer, changed when the newer was fetched.
  EXPECT_EQ(Count(archive,
                  "SELECT count(*) FROM articles WHERE body = '更正后的正文内容' AND version = 2 "
                  "AND first_seen_at = '1970-01-01T00:16:40Z' "
                  "AND last_fetched_at = '1970-01-01T00:33:20Z' "
                  "AND changed_at = '1970-01-01T00:33:20Z' AND etag = '\"new\"'"),
            1);
  EXPECT_EQ(Text(archive, "SELECT first_seen_at FROM sites WHERE host = 'a.cn'"),
            "1970-01-01T00:16:40Z");
  // Both versions, in fetch order, each numbered and dated in its own JSON too.
  EXPECT_EQ(ExportedBodies(archive, true),
            (std::vector<std::string>{"最初发布的正文内容@1970-01-01T00:16:40Z#1",
                                      "更正后的正文内容@1970-01-01T00:33:20Z#2"}));
  EXPECT_EQ(ExportedBodies(archive, false),
            (std::vector<std::string>{"更正后的正文内容@1970-01-01T00:33:20Z#2"}));
  // Search and stats read the current version.
  SearchQuery query;
  query.text = "最初发布";
  auto old_text = SearchArticles(archive, query);
  ASSERT_OK(old_text);
  EXPECT_TRUE(old_text->hits.empty());
  query.text = "更正后的";
  auto new_text = SearchArticles(archive, query);
  ASSERT_OK(new_text);
  EXPECT_EQ(new_text->hits.size(), 1u);
  auto stats = ReadArchiveStats(archive);
  ASSERT_OK(stats);
  ASSERT_EQ(stats->sites.size(), 1u);
  EXPECT_EQ(stats->sites[0].versions, 2);
  // Revalidation goes by the latest fetch.
  auto validators = archive.FindArticleValidators("http://a.cn/1");
  ASSERT_OK(validators);
  ASSERT_TRUE(validators->has_value());
  EXPECT_EQ((*validators)->etag, "\"new\"");
  EXPECT_EQ((*validators)->content_sha256, util::Sha256Hex("更正后的正文内容"));
  // So does the capture a multi-page article is stitched from: the newer one, though stored
  // first.
  auto latest = archive.LatestCapture("http://a.cn/1");
  ASSERT_OK(latest);
  ASSERT_TRUE(latest->has_value());
  EXPECT_NE((*latest)->capture.body.find("更正后的正文内容"), std::string::npos);
  EXPECT_EQ(util::FormatUtc((*latest)->fetched_at), "1970-01-01T00:33:20Z");
}

TEST(Archive, AnOlderFetchIdenticalToAStoredVersionAddsNoVersion) {
  Archive archive = OpenMemory();
  ASSERT_OK(archive.RecordPage(MakeRecord("http://a.cn/1", "标题", "正文甲", 1000)));
  ASSERT_OK(archive.RecordPage(MakeRecord("http://a.cn/1", "标题", "正文乙", 3000)));
  // Seen again between the two: the first version still held then.
  auto between = archive.RecordPage(MakeRecord("http://a.cn/1", "标题", "正文甲", 2000));
  ASSERT_OK(between);
  EXPECT_EQ(between->change, ArticleChange::kUnchanged);
  EXPECT_EQ(between->version, 1);
  // The current text, fetched earlier than it was known: the current version dates back.
  auto earlier = archive.RecordPage(MakeRecord("http://a.cn/1", "标题", "正文乙", 2500));
  ASSERT_OK(earlier);
  EXPECT_EQ(earlier->change, ArticleChange::kUnchanged);
  EXPECT_EQ(earlier->version, 2);
  EXPECT_EQ(
      ExportedBodies(archive, true),
      (std::vector<std::string>{"正文甲@1970-01-01T00:16:40Z#1", "正文乙@1970-01-01T00:41:40Z#2"}));
  EXPECT_EQ(Count(archive,
                  "SELECT count(*) FROM articles WHERE body = '正文乙' AND version = 2 "
                  "AND changed_at = '1970-01-01T00:41:40Z' "
                  "AND last_fetched_at = '1970-01-01T00:50:00Z'"),
            1);
  // The same fetch imported again adds nothing either.
  ASSERT_OK(archive.RecordPage(MakeRecord("http://a.cn/1", "标题", "正文甲", 1000)));
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM article_versions"), 2);
}

TEST(Archive, AnOlderNotModifiedKeepsTheLatestFetchAndItsValidators) {
  Archive archive = OpenMemory();
  PageRecord page = MakeRecord("http://a.cn/1", "t", "b", 5000);
  page.etag = "\"new\"";
  ASSERT_OK(archive.RecordPage(page));
  PageRecord revisit = MakeNotModified("http://a.cn/1", 1000);
  revisit.etag = "\"old\"";
  ASSERT_OK(archive.RecordPage(revisit));
  EXPECT_EQ(Count(archive,
                  "SELECT count(*) FROM articles WHERE etag = '\"new\"' "
                  "AND first_seen_at = '1970-01-01T00:16:40Z' "
                  "AND last_fetched_at = '1970-01-01T01:23:20Z'"),
            1);
  auto validators = archive.FindArticleValidators("http://a.cn/1");
  ASSERT_OK(validators);
  ASSERT_TRUE(validators->has_value());
  EXPECT_EQ((*validators)->etag, "\"new\"");
  // Not due for revalidation by the older fetch's date.
  FrontierRow entry;
  entry.url = "http://a.cn/1";
  entry.host = "a.cn";
  entry.kind = "article";
  ASSERT_OK(archive.FrontierAdd({entry}));
  auto taken = archive.FrontierTake("a.cn", 1, At(9000));
  ASSERT_OK(taken);
  ASSERT_EQ(taken->size(), 1u);
  ASSERT_OK(archive.FrontierFinish((*taken)[0].id, FrontierState::kDone));
  auto due = archive.FrontierRevalidate(At(3000));
  ASSERT_OK(due);
  EXPECT_EQ(*due, 0u);
}

// Regression: an article kept under its rel=canonical URL was revalidated without validators
// (they were looked up by the article's URL, not the URL crawled).
TEST(Archive, ValidatorsOfAnArticleKeptUnderItsCanonicalUrlAreThoseOfTheUrlCrawled) {
  Archive archive = OpenMemory();
  PageRecord page = MakeRecord("http://a.cn/show.asp?id=7", "标题", "正文", 1000);
  page.article->url = "http://a.cn/news/7.html";  // its rel=canonical
  page.etag = "\"v1\"";
  page.last_modified = "Wed, 01 May 2024 08:00:00 GMT";
  ASSERT_OK(archive.RecordPage(page));

  auto validators = archive.FindArticleValidators("http://a.cn/show.asp?id=7");
  ASSERT_OK(validators);
  ASSERT_TRUE(validators->has_value());
  EXPECT_EQ((*validators)->etag, "\"v1\"");
  EXPECT_EQ((*validators)->last_modified, "Wed, 01 May 2024 08:00:00 GMT");
  EXPECT_EQ((*validators)->content_sha256, util::Sha256Hex("正文"));
  auto unknown = archive.FindArticleValidators("http://a.cn/show.asp?id=8");
  ASSERT_OK(unknown);
  EXPECT_FALSE(unknown->has_value());

  // The 304 it gets refreshes the article; one that omits the validators keeps them.
  PageRecord revalidated = MakeNotModified("http://a.cn/show.asp?id=7", 5000);
  auto result = archive.RecordPage(revalidated);
  ASSERT_OK(result);
  EXPECT_EQ(result->change, ArticleChange::kUnchanged);
  EXPECT_EQ(
      Text(archive, "SELECT last_fetched_at FROM articles WHERE url = 'http://a.cn/news/7.html'"),
      "1970-01-01T01:23:20Z");
  auto after = archive.FindArticleValidators("http://a.cn/show.asp?id=7");
  ASSERT_OK(after);
  ASSERT_TRUE(after->has_value());
  EXPECT_EQ((*after)->etag, "\"v1\"");
  EXPECT_EQ((*after)->last_modified, "Wed, 01 May 2024 08:00:00 GMT");

  // A changed page: the validators of its latest 2xx.
  PageRecord changed = MakeRecord("http://a.cn/show.asp?id=7", "标题", "正文（更正）", 6000);
  changed.article->url = "http://a.cn/news/7.html";
  changed.etag = "\"v2\"";
  ASSERT_OK(archive.RecordPage(changed));
  auto latest = archive.FindArticleValidators("http://a.cn/show.asp?id=7");
  ASSERT_OK(latest);
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->etag, "\"v2\"");
  EXPECT_FALSE((*latest)->last_modified.has_value());
}

// SQLite's plan for `select`, one step per line ("" when it cannot be prepared).
std::string QueryPlan(Archive& archive, const std::string& select) {
  auto plan = Statement::Prepare(archive.db(), "EXPLAIN QUERY PLAN " + select);
  EXPECT_TRUE(plan.has_value());
  std::string details;
  for (int i = 0; plan && i < 1000; ++i) {
    auto row = plan->Step();
    EXPECT_TRUE(row.has_value());
    if (!row || !*row) break;
    details += plan->Text(3) + "\n";
  }
  return details;
}

TEST(Archive, ArticleByCaptureLookupUsesAnIndex) {
  Archive archive = OpenMemory();
  std::string details = QueryPlan(archive,
                                  "SELECT a.id, a.version FROM fetches f JOIN articles a "
                                  "ON a.capture_id = f.capture_id WHERE f.url = 'http://a.cn/'");
  EXPECT_NE(details, "");
  EXPECT_EQ(details.find("SCAN"), std::string::npos) << details;
}

TEST(Archive, FailedRecordLeavesNothingBehind) {
  Archive archive = OpenMemory();
  PageRecord record = MakeRecord("http://a.cn/1", "t", "b");
  record.run_id = 424242;  // no such run: the fetch row violates its foreign key
  EXPECT_ERROR_CODE(archive.RecordPage(record), kStorage);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM captures"), 0);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM fetches"), 0);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM articles"), 0);
}

TEST(Archive, FailedBatchLeavesNothingBehind) {
  Archive archive = OpenMemory();
  std::vector<PageRecord> batch = {MakeRecord("http://a.cn/1", "t", "b1"),
                                   MakeRecord("http://a.cn/2", "t", "b2")};
  batch[1].run_id = 424242;
  EXPECT_ERROR_CODE(archive.RecordPages(batch), kStorage);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM articles"), 0);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM fetches"), 0);
  batch[1].run_id.reset();
  auto results = archive.RecordPages(batch);
  ASSERT_OK(results);
  ASSERT_EQ(results->size(), 2u);
  EXPECT_EQ((*results)[1].change, ArticleChange::kNew);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM articles"), 2);
}

// SQLITE_FULL without filling a disk: max_page_count caps the file the way a full disk does.
TEST(Archive, FullDiskDuringABatchLeavesNothingHalfWritten) {
  Archive archive = OpenMemory();
  ASSERT_OK(archive.RecordPage(MakeRecord("http://a.cn/0", "t", "b0")));
  int64_t pages = Count(archive, "PRAGMA page_count");
  std::string cap = "PRAGMA max_page_count = " + std::to_string(pages + 2);
  ASSERT_OK(archive.db().Exec(cap.c_str()));
  std::vector<PageRecord> batch;
  for (int i = 1; i <= 50; ++i) {
    batch.push_back(MakeRecord("http://a.cn/" + std::to_string(i), "标题",
                               std::string(2000, 'x') + std::to_string(i)));
  }
  auto result = archive.RecordPages(batch);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, util::ErrorCode::kStorage);
  EXPECT_NE(result.error().message.find("full"), std::string::npos) << result.error().message;
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM articles"), 1);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM fetches"), 1);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM captures"), 1);
  // The archive stays usable once there is room again.
  ASSERT_OK(archive.db().Exec("PRAGMA max_page_count = 1073741823"));
  ASSERT_OK(archive.RecordPages(batch));
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM articles"), 51);
}

TEST(Archive, ReadOnlyArchiveRefusesWrites) {
  std::string path = testing_support::MakeTempDir() + "/ro.db";
  ASSERT_OK(Archive::Open(path, {.create_if_missing = true}));
  auto archive = Archive::Open(path, {.read_only = true});
  ASSERT_OK(archive);
  EXPECT_ERROR_CODE(archive->RecordPage(MakeRecord("http://a.cn/1", "t", "b")), kStorage);
  EXPECT_ERROR_CODE(archive->BeginRun("{}", At(1)), kStorage);
  EXPECT_EQ(Count(*archive, "SELECT count(*) FROM fetches"), 0);
}

TEST(Archive, RunIsFinishedWithItsCounts) {
  Archive archive = OpenMemory();
  auto run = archive.BeginRun(R"({"max_pages":10})", At(100));
  ASSERT_OK(run);
  ASSERT_OK(archive.FinishRun(*run, RunCounts{5, 3, 1, 1, 0}, "partial", At(200)));
  EXPECT_EQ(Count(archive,
                  "SELECT count(*) FROM crawl_runs WHERE status = 'partial' AND fetched = 5 "
                  "AND articles_new = 3 AND articles_changed = 1 AND errors = 1 "
                  "AND finished_at = '1970-01-01T00:03:20Z'"),
            1);
  EXPECT_ERROR_CODE(archive.FinishRun(*run + 1, {}, "ok", At(300)), kStorage);
}

// Issue #13 point 5: a run killed by SIGKILL never finishes; the next run (which holds the lock,
// so the old one is dead) marks it killed instead of leaving it running forever.
TEST(Archive, NextRunMarksADeadRunKilled) {
  Archive archive = OpenMemory();
  auto dead = archive.BeginRun("{}", At(100));
  ASSERT_OK(dead);
  auto next = archive.BeginRun("{}", At(200));
  ASSERT_OK(next);
  std::string killed = "SELECT count(*) FROM crawl_runs WHERE id = " + std::to_string(*dead) +
                       " AND status = 'killed' AND finished_at IS NULL";
  EXPECT_EQ(Count(archive, killed.c_str()), 1);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM crawl_runs WHERE status = 'running'"), 1);
  ASSERT_OK(archive.FinishRun(*next, {}, "ok", At(300)));
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM crawl_runs WHERE status = 'ok'"), 1);
}

FrontierRow Entry(const std::string& url, const std::string& host, const std::string& kind) {
  FrontierRow row;
  row.url = url;
  row.host = host;
  row.kind = kind;
  return row;
}

TEST(ArchiveFrontier, AddIgnoresKnownUrls) {
  Archive archive = OpenMemory();
  auto added = archive.FrontierAdd({Entry("http://a.cn/1", "a.cn", "seed"),
                                    Entry("http://a.cn/2", "a.cn", "article"),
                                    Entry("http://a.cn/1", "a.cn", "article")});
  ASSERT_OK(added);
  EXPECT_EQ(*added, 2u);
  auto again = archive.FrontierAdd({Entry("http://a.cn/2", "a.cn", "article")});
  ASSERT_OK(again);
  EXPECT_EQ(*again, 0u);
  auto queued = archive.FrontierQueuedCount();
  ASSERT_OK(queued);
  EXPECT_EQ(*queued, 2u);
}

// A form post (an ASP.NET pager) is one entry per key URL; found again, it keeps the body of
// the latest page (the view state the server issued last), and Take hands the body back.
TEST(ArchiveFrontier, FormPostKeepsTheFreshestBody) {
  Archive archive = OpenMemory();
  FrontierRow post = Entry("http://a.cn/list.aspx#__doPostBack(pager,2)", "a.cn", "listing");
  post.post_body = "__VIEWSTATE=old&__EVENTTARGET=pager&__EVENTARGUMENT=2";
  ASSERT_OK(archive.FrontierAdd({post}));
  post.post_body = "__VIEWSTATE=new&__EVENTTARGET=pager&__EVENTARGUMENT=2";
  auto again = archive.FrontierAdd({post, Entry("http://a.cn/list.aspx", "a.cn", "seed")});
  ASSERT_OK(again);
  EXPECT_EQ(*again, 1u);
  auto taken = archive.FrontierTake("a.cn", 10);
  ASSERT_OK(taken);
  ASSERT_EQ(taken->size(), 2u);
  EXPECT_EQ((*taken)[0].post_body.value_or(""),
            "__VIEWSTATE=new&__EVENTTARGET=pager&__EVENTARGUMENT=2");
  EXPECT_FALSE((*taken)[1].post_body.has_value());
}

TEST(ArchiveFrontier, TakeReturnsHostEntriesInOrderAndMarksThemInFlight) {
  Archive archive = OpenMemory();
  ASSERT_OK(archive.FrontierAdd(
      {Entry("http://a.cn/1", "a.cn", "seed"), Entry("http://b.cn/1", "b.cn", "seed"),
       Entry("http://a.cn/2", "a.cn", "listing"), Entry("http://a.cn/3", "a.cn", "article")}));
  auto hosts = archive.FrontierHostsWithWork();
  ASSERT_OK(hosts);
  EXPECT_EQ(*hosts, (std::vector<std::string>{"a.cn", "b.cn"}));
  auto taken = archive.FrontierTake("a.cn", 2);
  ASSERT_OK(taken);
  ASSERT_EQ(taken->size(), 2u);
  EXPECT_EQ((*taken)[0].url, "http://a.cn/1");
  EXPECT_EQ((*taken)[0].kind, "seed");
  EXPECT_EQ((*taken)[1].url, "http://a.cn/2");
  EXPECT_LT((*taken)[0].id, (*taken)[1].id);
  auto state = archive.FrontierStateOf("http://a.cn/1");
  ASSERT_OK(state);
  EXPECT_EQ(*state, FrontierState::kInFlight);
  auto queued = archive.FrontierQueuedCount();
  ASSERT_OK(queued);
  EXPECT_EQ(*queued, 2u);
}

TEST(ArchiveFrontier, FinishAndRequeueInFlightAfterACrash) {
  Archive archive = OpenMemory();
  ASSERT_OK(archive.FrontierAdd(
      {Entry("http://a.cn/1", "a.cn", "seed"), Entry("http://a.cn/2", "a.cn", "seed")}));
  auto taken = archive.FrontierTake("a.cn", 10);
  ASSERT_OK(taken);
  ASSERT_EQ(taken->size(), 2u);
  ASSERT_OK(archive.FrontierFinish((*taken)[0].id, FrontierState::kDone));
  auto hosts = archive.FrontierHostsWithWork();
  ASSERT_OK(hosts);
  EXPECT_TRUE(hosts->empty());
  auto requeued = archive.FrontierRequeueInFlight();
  ASSERT_OK(requeued);
  EXPECT_EQ(*requeued, 1u);
  auto state = archive.FrontierStateOf("http://a.cn/2");
  ASSERT_OK(state);
  EXPECT_EQ(*state, FrontierState::kQueued);
  auto done = archive.FrontierStateOf("http://a.cn/1");
  ASSERT_OK(done);
  EXPECT_EQ(*done, FrontierState::kDone);
  EXPECT_ERROR_CODE(archive.FrontierFinish(999, FrontierState::kDone), kStorage);
}

TEST(ArchiveFrontier, ArticlesDueForRevalidationAreQueuedAfterNewUrls) {
  Archive archive = OpenMemory();
  // Two archived articles, fetched on 2024-05-01 and 2024-06-01, and done in the frontier.
  ASSERT_OK(
      archive.RecordPage(testing::MakeRecord("http://a.cn/old", "旧", "正文一", 1'714'550'400)));
  ASSERT_OK(
      archive.RecordPage(testing::MakeRecord("http://a.cn/new", "新", "正文二", 1'717'200'000)));
  ASSERT_OK(archive.FrontierAdd(
      {Entry("http://a.cn/old", "a.cn", "article"), Entry("http://a.cn/new", "a.cn", "article")}));
  auto taken = archive.FrontierTake("a.cn", 10, testing::At(1'800'000'000));
  ASSERT_OK(taken);
  for (const auto& e : *taken) ASSERT_OK(archive.FrontierFinish(e.id, FrontierState::kDone));

  auto due = archive.FrontierRevalidate(testing::At(1'716'000'000));  // 2024-05-18
  ASSERT_OK(due);
  EXPECT_EQ(*due, 1u);
  EXPECT_EQ(*archive.FrontierStateOf("http://a.cn/old"), FrontierState::kQueued);
  EXPECT_EQ(*archive.FrontierStateOf("http://a.cn/new"), FrontierState::kDone);
  // A URL discovered since is taken before the revalidation.
  ASSERT_OK(archive.FrontierAdd({Entry("http://a.cn/fresh", "a.cn", "article")}));
  auto next = archive.FrontierTake("a.cn", 10, testing::At(1'800'000'000));
  ASSERT_OK(next);
  ASSERT_EQ(next->size(), 2u);
  EXPECT_EQ((*next)[0].url, "http://a.cn/fresh");
  EXPECT_EQ((*next)[1].url, "http://a.cn/old");
  // Later, both are due; only the one that is not in flight again is queued.
  auto again = archive.FrontierRevalidate(testing::At(1'900'000'000));
  ASSERT_OK(again);
  EXPECT_EQ(*again, 1u);
  EXPECT_EQ(*archive.FrontierStateOf("http://a.cn/new"), FrontierState::kQueued);
  EXPECT_EQ(*archive.FrontierStateOf("http://a.cn/old"), FrontierState::kInFlight);
}

TEST(ArchiveFrontier, AnArticleKeptUnderItsCanonicalUrlIsRevalidatedAtTheUrlCrawled) {
  Archive archive = OpenMemory();
  PageRecord page = testing::MakeRecord("http://a.cn/show.asp?id=7", "标题", "正文", 1'714'550'400);
  page.article->url = "http://a.cn/news/7.html";  // its rel=canonical
  ASSERT_OK(archive.RecordPage(page));
  ASSERT_OK(archive.FrontierAdd({Entry("http://a.cn/show.asp?id=7", "a.cn", "article")}));
  auto taken = archive.FrontierTake("a.cn", 10, testing::At(1'800'000'000));
  ASSERT_OK(taken);
  ASSERT_EQ(taken->size(), 1u);
  ASSERT_OK(archive.FrontierFinish((*taken)[0].id, FrontierState::kDone));
  // Reached through an index page (kind other): not revisited on every run like the index.
  ASSERT_OK(archive.FrontierAdd({Entry("http://a.cn/index.asp", "a.cn", "other")}));
  auto both = archive.FrontierTake("a.cn", 10, testing::At(1'800'000'000));
  ASSERT_OK(both);
  for (const auto& e : *both) ASSERT_OK(archive.FrontierFinish(e.id, FrontierState::kDone));
  ASSERT_OK(archive.FrontierRevisit({"other", "article"}));
  EXPECT_EQ(*archive.FrontierStateOf("http://a.cn/index.asp"), FrontierState::kQueued);
  EXPECT_EQ(*archive.FrontierStateOf("http://a.cn/show.asp?id=7"), FrontierState::kDone);
  // Due for revalidation, it is queued at the URL crawled.
  auto due = archive.FrontierRevalidate(testing::At(1'716'000'000));
  ASSERT_OK(due);
  EXPECT_EQ(*due, 1u);
  EXPECT_EQ(*archive.FrontierStateOf("http://a.cn/show.asp?id=7"), FrontierState::kQueued);
}

TEST(ArchiveFrontier, HigherPriorityIsTakenFirstAndWaitingEntriesAreNotReady) {
  Archive archive = OpenMemory();
  FrontierRow urgent = Entry("http://a.cn/3", "a.cn", "listing");
  urgent.priority = 5;
  ASSERT_OK(archive.FrontierAdd({Entry("http://a.cn/1", "a.cn", "article"),
                                 Entry("http://a.cn/2", "a.cn", "article"), urgent}));
  auto first = archive.FrontierTake("a.cn", 1, At(1000));
  ASSERT_OK(first);
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].url, "http://a.cn/3");
  EXPECT_EQ((*first)[0].priority, 5);

  // A 503 with Retry-After: 60 puts it back, not ready before t = 1060.
  ASSERT_OK(archive.FrontierRetryLater((*first)[0].id, At(1060)));
  auto early = archive.FrontierTake("a.cn", 10, At(1059));
  ASSERT_OK(early);
  ASSERT_EQ(early->size(), 2u);
  EXPECT_EQ((*early)[0].url, "http://a.cn/1");
  EXPECT_EQ((*early)[1].url, "http://a.cn/2");
  auto hosts = archive.FrontierHostsWithWork();
  ASSERT_OK(hosts);
  EXPECT_EQ(*hosts, std::vector<std::string>{"a.cn"});  // waiting work is still work

  auto later = archive.FrontierTake("a.cn", 10, At(1060));
  ASSERT_OK(later);
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ((*later)[0].url, "http://a.cn/3");
  EXPECT_EQ((*later)[0].attempts, 1);
  EXPECT_ERROR_CODE(archive.FrontierRetryLater(999, At(0)), kStorage);
}

TEST(ArchiveFrontier, NextReadyEntryQueryUsesTheReadyIndex) {
  Archive archive = OpenMemory();
  std::string details = QueryPlan(
      archive,
      "SELECT id FROM frontier WHERE state = 'queued' AND host = 'a.cn' "
      "AND (next_attempt_at IS NULL OR next_attempt_at <= '2024') ORDER BY priority DESC, id "
      "LIMIT 5");
  EXPECT_NE(details.find("frontier_ready"), std::string::npos) << details;
  EXPECT_EQ(details.find("TEMP B-TREE"), std::string::npos) << details;  // no sort step
}

TEST(Archive, HttpStatusesMapToTheFetchOutcomes) {
  EXPECT_STREQ(OutcomeOfHttpStatus(200, false), "ok");
  EXPECT_STREQ(OutcomeOfHttpStatus(204, false), "ok");
  EXPECT_STREQ(OutcomeOfHttpStatus(304, false), "not_modified");
  EXPECT_STREQ(OutcomeOfHttpStatus(301, true), "redirect");
  EXPECT_STREQ(OutcomeOfHttpStatus(302, false), "ok");  // no Location: nothing to follow
  EXPECT_STREQ(OutcomeOfHttpStatus(404, false), "http_error");
  EXPECT_STREQ(OutcomeOfHttpStatus(503, false), "http_error");
  // Issue #17: no Range was sent, so a 206 is a cut page, not one to archive as an article.
  EXPECT_STREQ(OutcomeOfHttpStatus(206, false), "http_error");
}

TEST(Archive, RetryAfterIsKeptWithTheFetch) {
  Archive archive = OpenMemory();
  PageRecord record = MakeRecord("http://a.cn/busy", "t", "b");
  record.article.reset();
  record.body.reset();
  record.status = 503;
  record.outcome = "http_error";
  record.retry_after = "120";
  ASSERT_OK(archive.RecordPage(record));
  EXPECT_EQ(
      Count(archive, "SELECT count(*) FROM fetches WHERE retry_after = '120' AND status = 503"), 1);
}

TEST(ArchiveRobots, ExpiryIsStoredWhenGiven) {
  Archive archive = OpenMemory();
  RobotsRow robots{200, "User-agent: *\n", At(1000)};
  robots.expires_at = At(1000 + 86'400);
  ASSERT_OK(archive.StoreRobots("a.cn", robots));
  auto loaded = archive.LoadRobots("a.cn");
  ASSERT_OK(loaded);
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->expires_at, At(1000 + 86'400));
}

TEST(ArchiveRobots, StoredResponseIsLoadedBackAndReplaced) {
  Archive archive = OpenMemory();
  auto missing = archive.LoadRobots("a.cn");
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
  ASSERT_OK(archive.StoreRobots("a.cn", RobotsRow{200, "User-agent: *\nDisallow: /x\n", At(1000)}));
  ASSERT_OK(archive.StoreRobots("a.cn", RobotsRow{503, "", At(2000)}));
  auto loaded = archive.LoadRobots("a.cn");
  ASSERT_OK(loaded);
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->status, 503);
  EXPECT_EQ((*loaded)->fetched_at, At(2000));
}

TEST(Compression, RoundTripsAndRejectsDamage) {
  std::string data = "<html>" + std::string(1000, 'x') + "招商</html>";
  auto back = Decompress(Compress(data), data.size());
  ASSERT_OK(back);
  EXPECT_EQ(*back, data);
  EXPECT_ERROR_CODE(Decompress("garbage", 10), kStorage);
  auto empty = Decompress(Compress(""), 0);
  ASSERT_OK(empty);
  EXPECT_EQ(*empty, "");
}

TEST(Compression, ReusedStateCompressesEachPayloadIndependently) {
  std::string large(200'000, '\0');
  for (size_t i = 0; i < large.size(); ++i) large[i] = static_cast<char>((i * 7919) % 251);
  for (const std::string& data : {std::string("短"), large, std::string(3000, 'a'), large}) {
    auto back = Decompress(Compress(data), data.size());
    ASSERT_OK(back);
    EXPECT_EQ(*back, data);
  }
}

}  // namespace
}  // namespace storage
