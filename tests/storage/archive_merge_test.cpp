// Issue #16: merging the archives of several crawl workers into one. Archives in memory (a
// file where the test needs one); fetch times are the clock.
#include "storage/archive_merge.h"

#include <gtest/gtest.h>

#include "storage/archive_search.h"
#include "storage/compression.h"
#include "storage/migrations.h"
#include "storage/removal.h"
#include "storage/scope_refusals.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

using storage::testing::At;
using storage::testing::MakeRecord;

constexpr int64_t kT0 = 1'714'550'400;  // 2024-05-01T08:00:00Z
constexpr int64_t kHour = 3600;
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

std::string Text(const Archive& archive, const std::string& sql) {
  auto stmt = Statement::Prepare(archive.db(), sql);
  if (!stmt) {
    ADD_FAILURE() << stmt.error().message;
    return "";
  }
  std::string out;
  while (true) {
    auto row = stmt->Step();
    if (!row || !*row) break;
    if (!out.empty()) out += "|";
    out += stmt->IsNull(0) ? "NULL" : stmt->Text(0);
  }
  return out;
}

void Record(Archive& archive, const PageRecord& record) {
  auto stored = archive.RecordPage(record);
  ASSERT_TRUE(stored.has_value()) << stored.error().message;
}

int64_t BeginRun(Archive& archive, int64_t at, const std::string& worker) {
  auto run = archive.BeginRun("{\"command\":\"crawl\",\"worker\":\"" + worker + "\"}", At(at));
  if (!run) ADD_FAILURE() << run.error().message;
  return run.value_or(0);
}

PageRecord Fetch(const std::string& url, const std::string& title, const std::string& body,
                 int64_t at, std::optional<int64_t> run) {
  PageRecord r = MakeRecord(url, title, body, at);
  r.run_id = run;
  r.page_kind = "article";
  return r;
}

PageRecord NotFound(const std::string& url, int64_t at, std::optional<int64_t> run) {
  PageRecord r;
  r.run_id = run;
  r.url = url;
  r.status = 404;
  r.outcome = "http_error";
  r.started_at = r.fetched_at = At(at);
  return r;
}

MergeCounts Merge(Archive& target, const Archive& source) {
  auto merged = MergeArchive(target, source);
  if (!merged) {
    ADD_FAILURE() << merged.error().message;
    return {};
  }
  return *merged;
}

const char* kVersionsSql =
    "SELECT v.version || ':' || v.fetched_at || ':' || json_extract(v.article, '$.body') FROM "
    "article_versions v JOIN articles a ON a.id = v.article_id ORDER BY v.version";

// Two workers fetched the same URL at interleaved times: the merge holds one article whose
// versions are in fetch-time order, whichever source is merged first, the latest current.
TEST(ArchiveMerge, InterleavedFetchesGiveOneArticleWithVersionsInFetchTimeOrder) {
  Archive a = OpenMemory();
  Archive b = OpenMemory();
  int64_t run_a = BeginRun(a, kT0, "a");
  int64_t run_b = BeginRun(b, kT0, "b");
  Record(a, Fetch(kUrl, "标题", "第一版", kT0, run_a));
  Record(b, Fetch(kUrl, "标题", "第二版", kT0 + kHour, run_b));
  Record(a, Fetch(kUrl, "标题", "第三版", kT0 + 2 * kHour, run_a));
  Record(b, Fetch(kUrl, "标题", "第四版", kT0 + 3 * kHour, run_b));

  for (bool a_first : {true, false}) {
    Archive target = OpenMemory();
    MergeCounts first = Merge(target, a_first ? a : b);
    MergeCounts second = Merge(target, a_first ? b : a);
    EXPECT_EQ(first.articles_new + second.articles_new, 1);
    EXPECT_EQ(Count(target, "SELECT count(*) FROM articles"), 1);
    EXPECT_EQ(Text(target, kVersionsSql),
              "1:2024-05-01T08:00:00Z:第一版|2:2024-05-01T09:00:00Z:第二版|"
              "3:2024-05-01T10:00:00Z:第三版|4:2024-05-01T11:00:00Z:第四版");
    EXPECT_EQ(Text(target,
                   "SELECT body || ':' || version || ':' || first_seen_at || ':' || "
                   "last_fetched_at FROM articles"),
              "第四版:4:2024-05-01T08:00:00Z:2024-05-01T11:00:00Z");
    EXPECT_EQ(Count(target, "SELECT count(*) FROM fetches"), 4);
    EXPECT_EQ(Count(target, "SELECT count(*) FROM crawl_runs"), 2);
    // Each fetch names its own worker's run.
    EXPECT_EQ(Count(target, "SELECT count(DISTINCT run_id) FROM fetches"), 2);
  }
}

// Workers started in the same second with the same options have runs of their own.
TEST(ArchiveMerge, RunsAlikeButForTheirFetchesStayApart) {
  Archive a = OpenMemory();
  Archive b = OpenMemory();
  Record(a, Fetch(kUrl, "标题", "正文", kT0 + 1, BeginRun(a, kT0, "same")));
  Record(b, Fetch("http://a.cn/news/2.html", "另一篇", "正文", kT0 + 1, BeginRun(b, kT0, "same")));
  Archive target = OpenMemory();
  EXPECT_EQ(Merge(target, a).runs, 1);
  EXPECT_EQ(Merge(target, b).runs, 1);
  EXPECT_EQ(Merge(target, b).runs, 0);
  EXPECT_EQ(Count(target, "SELECT count(*) FROM crawl_runs"), 2);
  EXPECT_EQ(Count(target, "SELECT count(DISTINCT run_id) FROM fetches"), 2);
}

// Both workers fetched the same page: one version, one capture (deduplicated by SHA-256).
TEST(ArchiveMerge, IdenticalContentFromTwoWorkersIsOneVersionAndOneCapture) {
  Archive a = OpenMemory();
  Archive b = OpenMemory();
  Record(a, Fetch(kUrl, "标题", "正文", kT0, BeginRun(a, kT0, "a")));
  Record(b, Fetch(kUrl, "标题", "正文", kT0 + kHour, BeginRun(b, kT0, "b")));
  Archive target = OpenMemory();
  MergeCounts from_a = Merge(target, a);
  MergeCounts from_b = Merge(target, b);
  EXPECT_EQ(from_a.captures_new, 1);
  EXPECT_EQ(from_a.captures_deduplicated, 0);
  EXPECT_EQ(from_b.captures_new, 0);
  EXPECT_EQ(from_b.captures_deduplicated, 1);
  EXPECT_EQ(from_b.articles_new, 0);
  EXPECT_EQ(from_b.articles_updated, 0);
  EXPECT_EQ(from_b.fetches, 1);
  EXPECT_EQ(Count(target, "SELECT count(*) FROM captures"), 1);
  EXPECT_EQ(Count(target, "SELECT count(*) FROM article_versions"), 1);
  EXPECT_EQ(Text(target,
                 "SELECT version || ':' || first_seen_at || ':' || last_fetched_at FROM "
                 "articles"),
            "1:2024-05-01T08:00:00Z:2024-05-01T09:00:00Z");
}

// Merging a source again adds nothing; a source that went on crawling adds only its new work.
TEST(ArchiveMerge, MergingTheSameSourceAgainAddsNothing) {
  Archive a = OpenMemory();
  int64_t run = BeginRun(a, kT0, "a");
  Record(a, Fetch(kUrl, "标题", "第一版", kT0, run));
  Record(a, NotFound("http://a.cn/news/2.html", kT0 + 1, run));
  // Two identical attempts in one second are two fetches, merged once each.
  PageRecord busy = NotFound("http://a.cn/news/3.html", kT0 + 2, run);
  busy.status = 503;
  Record(a, busy);
  Record(a, busy);
  Archive target = OpenMemory();
  MergeCounts first = Merge(target, a);
  EXPECT_EQ(first.fetches, 4);
  EXPECT_EQ(first.runs, 1);
  MergeCounts again = Merge(target, a);
  EXPECT_EQ(again.fetches, 0);
  EXPECT_EQ(again.fetches_present, 4);
  EXPECT_EQ(again.runs, 0);
  EXPECT_EQ(again.articles_new + again.articles_updated + again.captures_new, 0);
  EXPECT_EQ(Count(target, "SELECT count(*) FROM fetches"), 4);
  EXPECT_EQ(Count(target, "SELECT count(*) FROM crawl_runs"), 1);
  EXPECT_EQ(Count(target, "SELECT count(*) FROM article_versions"), 1);

  Record(a, Fetch(kUrl, "标题", "第二版", kT0 + kHour, run));
  ASSERT_OK(a.FinishRun(run, {}, "ok", At(kT0 + 2 * kHour)));
  MergeCounts later = Merge(target, a);
  EXPECT_EQ(later.fetches, 1);
  EXPECT_EQ(later.articles_updated, 1);
  EXPECT_EQ(Count(target, "SELECT count(*) FROM article_versions"), 2);
  EXPECT_EQ(Text(target, "SELECT status FROM crawl_runs"), "ok");
}

// The merged archive's search index holds every merged article (search works on it).
TEST(ArchiveMerge, SearchFindsMergedArticles) {
  Archive a = OpenMemory();
  Archive b = OpenMemory();
  Record(a, Fetch(kUrl, "招商引资推介会", "在京举行。", kT0, std::nullopt));
  Record(b, Fetch("http://a.cn/news/2.html", "植树节活动", "各商會参加。", kT0, std::nullopt));
  Record(b, Fetch(kUrl, "招商引资推介会圆满结束", "在京举行。", kT0 + kHour, std::nullopt));
  Archive target = OpenMemory();
  Merge(target, a);
  Merge(target, b);
  auto found = SearchArticles(target, {"推介会", std::nullopt, 10});
  ASSERT_OK(found);
  ASSERT_EQ(found->hits.size(), 1u);
  EXPECT_EQ(found->hits[0].title, "招商引资推介会圆满结束");
  auto folded = SearchArticles(target, {"商会", std::nullopt, 10});
  ASSERT_OK(folded);
  EXPECT_EQ(folded->total, 1);
}

// A source that marked an article removed (its own, shorter grace) carries that state, with
// the sightings as evidence; a worker that saw the article answer later wins.
TEST(ArchiveMerge, RemovalStateIsCarriedUnlessAnotherWorkerSawTheArticleLater) {
  Archive a = OpenMemory();
  a.SetRemovalPolicy({.grace = std::chrono::milliseconds(0), .home_urls = {}});
  Record(a, Fetch(kUrl, "标题", "正文", kT0, BeginRun(a, kT0, "a1")));
  Record(a, NotFound(kUrl, kT0 + kHour, BeginRun(a, kT0 + kHour, "a2")));
  Record(a, NotFound(kUrl, kT0 + 2 * kHour, BeginRun(a, kT0 + 2 * kHour, "a3")));
  ASSERT_EQ(Text(a, "SELECT removed_at FROM articles"), "2024-05-01T09:00:00Z");

  Archive target = OpenMemory();
  MergeCounts counts = Merge(target, a);
  EXPECT_EQ(counts.removals, 1);
  EXPECT_EQ(Text(target, "SELECT removed_at || ' ' || removed_reason FROM articles"),
            "2024-05-01T09:00:00Z http_404");
  EXPECT_EQ(Count(target, "SELECT count(*) FROM removal_sightings WHERE cleared_at IS NULL"), 2);
  // Each sighting keeps its evidence fetch and run.
  EXPECT_EQ(Count(target,
                  "SELECT count(*) FROM removal_sightings s JOIN fetches f ON f.id = "
                  "s.fetch_id AND f.status = 404 AND f.run_id = s.run_id"),
            2);

  Archive b = OpenMemory();
  Record(b, Fetch(kUrl, "标题", "正文", kT0 + 3 * kHour, BeginRun(b, kT0 + 3 * kHour, "b")));
  Merge(target, b);
  EXPECT_EQ(Text(target, "SELECT removed_at FROM articles"), "NULL");
  EXPECT_EQ(Count(target, "SELECT count(*) FROM removal_sightings WHERE cleared_at IS NULL"), 0);
  EXPECT_EQ(Count(target, "SELECT count(*) FROM removal_sightings"), 2);
}

// 304s, frontier, robots, URL templates and host health come across.
TEST(ArchiveMerge, BookkeepingComesAcross) {
  Archive a = OpenMemory();
  int64_t run = BeginRun(a, kT0, "a");
  PageRecord page = Fetch(kUrl, "标题", "正文", kT0, run);
  page.etag = "\"v1\"";
  Record(a, page);
  PageRecord not_modified = storage::testing::MakeNotModified(kUrl, kT0 + kHour);
  not_modified.etag = "\"v1\"";
  Record(a, not_modified);
  FrontierRow done;
  done.url = kUrl;
  done.host = "a.cn";
  FrontierRow queued = done;
  queued.url = "http://a.cn/news/3.html";
  ASSERT_OK(a.FrontierAdd({done, queued}));
  auto entry = a.FrontierEntryOf(kUrl);
  ASSERT_OK(entry);
  ASSERT_OK(a.FrontierFinish((*entry)->id, FrontierState::kDone));
  ASSERT_OK(a.StoreRobots("a.cn", {200, "User-agent: *\nDisallow: /x\n", At(kT0), std::nullopt}));
  ASSERT_OK(a.db().Exec(
      "INSERT INTO url_templates (host, template, fetched, productive, updated_at) VALUES "
      "('a.cn', '/news/#.html', 5, 4, '2024-05-01T08:00:00Z');"
      "INSERT INTO host_health (host, consecutive_failed_runs, parked_at, updated_at) VALUES "
      "('b.cn', 3, '2024-05-01T08:00:00Z', '2024-05-01T08:00:00Z')"));

  // A capture no fetch refers to (a fetch row deleted by hand) is kept too.
  auto orphan = Statement::Prepare(
      a.db(), "INSERT INTO captures (sha256, size, content_type, body) VALUES (?1, ?2, NULL, ?3)");
  ASSERT_OK(orphan);
  ASSERT_OK(orphan->Bind(1, util::Sha256Hex("孤立的载荷"))
                .Bind(2, static_cast<int64_t>(std::string("孤立的载荷").size()))
                .BindBlob(3, Compress("孤立的载荷"))
                .Run());

  Archive target = OpenMemory();
  // The target queued the URL the source fetched: done now.
  ASSERT_OK(target.FrontierAdd({done}));
  Merge(target, a);
  EXPECT_EQ(Text(target, "SELECT url || ' ' || state FROM frontier ORDER BY url"),
            "http://a.cn/news/1.html done|http://a.cn/news/3.html queued");
  EXPECT_EQ(Text(target, "SELECT last_fetched_at FROM articles"), "2024-05-01T09:00:00Z");
  auto robots = target.LoadRobots("a.cn");
  ASSERT_OK(robots);
  ASSERT_TRUE(robots->has_value());
  EXPECT_EQ((*robots)->body, "User-agent: *\nDisallow: /x\n");
  EXPECT_EQ(Text(target, "SELECT fetched || '/' || productive FROM url_templates"), "5/4");
  EXPECT_EQ(Text(target, "SELECT host || ' ' || parked_at FROM host_health"),
            "b.cn 2024-05-01T08:00:00Z");
  EXPECT_EQ(Count(target, "SELECT count(*) FROM sites WHERE host = 'a.cn'"), 1);
  EXPECT_EQ(Count(target, "SELECT count(*) FROM captures WHERE sha256 = '" +
                              util::Sha256Hex("孤立的载荷") + "'"),
            1);
}

// A capture whose payload does not match its hash stops the merge of that source, which
// leaves nothing of it in the target.
// Links a worker's scope refused: one row per URL in the merged archive, its first sighting
// from the worker that saw it first, its reason and page from the one that saw it last, with
// the target's run ids.
TEST(ArchiveMerge, ScopeRefusalsComeAcrossOnePerUrl) {
  const std::string refused = "http://a.cn/old/9.html";
  Archive a = OpenMemory();
  int64_t run_a = BeginRun(a, kT0, "a");
  Record(a, Fetch(kUrl, "标题", "正文", kT0, run_a));
  ASSERT_OK(RecordScopeRefusals(
      a, {{refused, "a.cn", "excluded", "matches exclude pattern /old/", std::string(kUrl)}}, run_a,
      At(kT0)));
  Archive b = OpenMemory();
  int64_t run_b = BeginRun(b, kT0 + kHour, "b");
  Record(b, Fetch("http://a.cn/news/2.html", "另一篇", "正文二", kT0 + kHour, run_b));
  ASSERT_OK(RecordScopeRefusals(
      b,
      {{refused, "a.cn", "too_deep", "depth 3 > max depth 2",
        std::string("http://a.cn/news/2.html")},
       {"http://a.cn/deep/1.html", "a.cn", "too_deep", "depth 3 > max depth 2", std::nullopt}},
      run_b, At(kT0 + kHour)));

  Archive target = OpenMemory();
  Merge(target, b);  // the later worker first: the order of merges does not matter
  Merge(target, a);
  EXPECT_EQ(Count(target, "SELECT count(*) FROM scope_refusals"), 2);
  auto row = FindScopeRefusal(target, refused);
  ASSERT_OK(row);
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->row.reason, "too_deep");
  EXPECT_EQ((*row)->row.discovered_from, "http://a.cn/news/2.html");
  EXPECT_EQ((*row)->first_seen_at, "2024-05-01T08:00:00Z");
  EXPECT_EQ((*row)->last_seen_at, "2024-05-01T09:00:00Z");
  // The run ids are the target's runs of each worker.
  EXPECT_EQ(Text(target, "SELECT started_at FROM crawl_runs WHERE id = " +
                             std::to_string((*row)->first_run_id.value_or(-1))),
            "2024-05-01T08:00:00Z");
  EXPECT_EQ(Text(target, "SELECT started_at FROM crawl_runs WHERE id = " +
                             std::to_string((*row)->last_run_id.value_or(-1))),
            "2024-05-01T09:00:00Z");
}

TEST(ArchiveMerge, CorruptCaptureFailsNamingTheSourceAndWritesNothing) {
  std::string dir = testing_support::MakeTempDir();
  auto a = Archive::Open(dir + "/worker-1.sqlite", {.create_if_missing = true});
  ASSERT_OK(a);
  Record(*a, Fetch(kUrl, "标题", "正文", kT0, std::nullopt));
  ASSERT_OK(a->db().Exec("UPDATE captures SET sha256 = 'ab' || substr(sha256, 3)"));
  Archive target = OpenMemory();
  auto merged = MergeArchive(target, *a);
  ASSERT_FALSE(merged.has_value());
  EXPECT_NE(merged.error().message.find(dir + "/worker-1.sqlite: capture 1 is corrupt"),
            std::string::npos)
      << merged.error().message;
  EXPECT_EQ(Count(target, "SELECT count(*) FROM fetches"), 0);
  EXPECT_EQ(Count(target, "SELECT count(*) FROM crawl_runs"), 0);
}

// An older source is refused as it is; its snapshot, upgraded, merges.
TEST(ArchiveMerge, OlderSourceMergesThroughAnUpgradedSnapshot) {
  std::string dir = testing_support::MakeTempDir();
  std::string old_path = dir + "/v12.sqlite";
  {
    auto current = Archive::Open(old_path, {.create_if_missing = true});
    ASSERT_OK(current);
    Record(*current, Fetch(kUrl, "标题", "正文", kT0, std::nullopt));
    // Schemas 13 and 14 added removal tracking and scope refusals: take them away again to
    // stand for a version-12 archive.
    ASSERT_OK(current->db().Exec(
        "DROP TABLE scope_refusals; DROP INDEX articles_removed; DROP TABLE removal_sightings; "
        "ALTER TABLE articles DROP COLUMN removed_at; "
        "ALTER TABLE articles DROP COLUMN removed_reason; PRAGMA user_version = 12"));
  }
  auto old = Archive::Open(old_path, {.read_only = true});
  ASSERT_OK(old);
  Archive target = OpenMemory();
  auto refused = MergeArchive(target, *old);
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("schema version 12"), std::string::npos)
      << refused.error().message;

  ASSERT_OK(SnapshotArchive(*old, dir + "/snapshot.sqlite"));
  auto upgraded = Archive::Open(dir + "/snapshot.sqlite");
  ASSERT_OK(upgraded);
  EXPECT_EQ(Merge(target, *upgraded).articles_new, 1);
  auto version = SchemaVersionOf(old->db());
  ASSERT_OK(version);
  EXPECT_EQ(*version, 12);  // the source itself is untouched
}

// A source a crawl is writing is read as a snapshot: what the crawl has not committed is not
// merged, and the merge neither waits for the crawl nor disturbs it.
TEST(ArchiveMerge, ASourceBeingWrittenIsReadAsACommittedSnapshot) {
  std::string path = testing_support::MakeTempDir() + "/worker-1.sqlite";
  auto crawl = Archive::Open(path, {.create_if_missing = true});
  ASSERT_OK(crawl);
  Record(*crawl, Fetch(kUrl, "标题", "正文", kT0, std::nullopt));
  auto pending = crawl->BeginWrite();
  ASSERT_OK(pending);
  Record(*crawl, Fetch("http://a.cn/news/2.html", "另一篇", "未提交", kT0 + 1, std::nullopt));

  auto source = Archive::Open(path, {.read_only = true});
  ASSERT_OK(source);
  ASSERT_OK(QuickCheckArchive(*source));
  Archive target = OpenMemory();
  MergeCounts counts = Merge(target, *source);
  EXPECT_EQ(counts.fetches, 1);
  EXPECT_EQ(Text(target, "SELECT url FROM articles"), kUrl);
  ASSERT_OK(pending->Commit());  // the crawl goes on
  EXPECT_EQ(Count(*crawl, "SELECT count(*) FROM articles"), 2);
  // Merged again once the crawl committed: only the new page.
  EXPECT_EQ(Merge(target, *source).fetches, 1);
  EXPECT_EQ(Count(target, "SELECT count(*) FROM articles"), 2);
}

// A re-extracted article (a new version from the same capture, at the same fetch time) comes
// across with its current text; the extraction it replaced at that instant does not come back
// as the current one.
TEST(ArchiveMerge, ReextractedArticleKeepsItsCurrentText) {
  Archive a = OpenMemory();
  Record(a, Fetch(kUrl, "新闻中心", "截断的正文", kT0, std::nullopt));
  Record(a, Fetch("http://a.cn/news/2.html", "另一篇", "正文", kT0 + kHour, std::nullopt));
  extract::Article better =
      storage::testing::MakeArticle(kUrl, "示范商会召开会员大会", "完整的正文");
  auto reextracted = a.UpdateReextracted(1, better);
  ASSERT_OK(reextracted);
  ASSERT_EQ(*reextracted, ArticleChange::kChanged);

  Archive target = OpenMemory();
  Merge(target, a);
  EXPECT_EQ(Text(target,
                 "SELECT title || ':' || body FROM articles WHERE url = 'http://a.cn/news/1.html'"),
            "示范商会召开会员大会:完整的正文");
  EXPECT_EQ(Count(target, "SELECT count(*) FROM articles"), 2);
  // Merging again changes nothing.
  MergeCounts again = Merge(target, a);
  EXPECT_EQ(again.articles_new + again.articles_updated, 0);
  EXPECT_EQ(Text(target, "SELECT title FROM articles WHERE url = 'http://a.cn/news/1.html'"),
            "示范商会召开会员大会");
}

}  // namespace
}  // namespace storage
