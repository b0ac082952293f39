#include "storage/archive_search.h"

#include <gtest/gtest.h>

#include "storage/migrations.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

using storage::testing::MakeRecord;

Archive Filled() {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  EXPECT_TRUE(archive.has_value());
  EXPECT_TRUE(
      archive
          ->RecordPages({
              MakeRecord("http://a.cn/1", "全市招商引资工作会议召开",
                         "会议指出，要进一步优化营商环境，做好招商引资各项工作。", 1000,
                         "2024-01-01"),
              MakeRecord("http://a.cn/2", "春季植树活动", "机关干部参加义务植树。", 1000,
                         "2024-03-12"),
              MakeRecord("http://b.cn/1", "招商局来访", "双方就合作进行了交流。", 1000,
                         "2024-02-01"),
              MakeRecord("http://b.cn/2", "Quote \"test\"", "a \"quoted\" word", 1000,
                         "2024-02-02"),
              MakeRecord("http://a.cn/3", "市工商联召开商会工作会议",
                         "各商会负责人参加，２０２４年重点工作已部署。", 1000, "2024-04-01"),
              MakeRecord("http://c.hk/1", "香港總商會舉行會員大會",
                         "總商會主席表示，兩地經貿合作前景廣闊。Hong Kong General "
                         "Chamber of Commerce",
                         1000, "2024-05-01"),
          })
          .has_value());
  return std::move(*archive);
}

SearchResults Search(const Archive& archive, const std::string& text,
                     std::optional<std::string> site = std::nullopt, size_t limit = 10) {
  auto results = SearchArticles(archive, {text, std::move(site), limit});
  EXPECT_TRUE(results.has_value()) << text << ": " << results.error().message;
  return results ? std::move(*results) : SearchResults{};
}

// The URLs of the hits, sorted (for queries whose ranking is not the point).
std::vector<std::string> Urls(const SearchResults& results) {
  std::vector<std::string> urls;
  for (const auto& hit : results.hits) urls.push_back(hit.url);
  std::sort(urls.begin(), urls.end());
  return urls;
}

using Strings = std::vector<std::string>;

TEST(ArchiveSearch, TwoCharacterChineseQueryFindsSubstringWithSnippet) {
  Archive archive = Filled();
  SearchResults results = Search(archive, "招商");
  ASSERT_EQ(results.hits.size(), 2u);
  EXPECT_EQ(results.total, 2);
  EXPECT_EQ(results.hits[0].url, "http://b.cn/1");  // newest first when every article is read
  EXPECT_EQ(results.hits[1].url, "http://a.cn/1");
  EXPECT_NE(results.hits[1].snippet.find("[招商]"), std::string::npos) << results.hits[1].snippet;
  EXPECT_FALSE(results.note.has_value());
}

TEST(ArchiveSearch, LongerQueryUsesTheTrigramIndexWithHighlights) {
  Archive archive = Filled();
  SearchResults results = Search(archive, "招商引资");
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_EQ(results.hits[0].url, "http://a.cn/1");
  EXPECT_NE(results.hits[0].snippet.find("[招商引资]"), std::string::npos)
      << results.hits[0].snippet;
  EXPECT_LT(results.hits[0].score, 0);  // bm25 scores are negative; lower is better
}

TEST(ArchiveSearch, SiteFilterAndLimitApply) {
  Archive archive = Filled();
  SearchResults site = Search(archive, "招商", "b.cn");
  ASSERT_EQ(site.hits.size(), 1u);
  EXPECT_EQ(site.hits[0].site, "b.cn");
  EXPECT_EQ(site.total, 1);
  SearchResults limited = Search(archive, "招商", std::nullopt, 1);
  EXPECT_EQ(limited.hits.size(), 1u);
  EXPECT_EQ(limited.total, 2);  // the count is of every match, not of those shown
  SearchResults ranked = Search(archive, "工作会议 OR 招商局来访", std::nullopt, 2);
  EXPECT_EQ(ranked.hits.size(), 2u);
  EXPECT_EQ(ranked.total, 3);
  EXPECT_LE(ranked.hits[0].score, ranked.hits[1].score);
}

TEST(ArchiveSearch, CountOnlyCountsWithoutHits) {
  Archive archive = Filled();
  auto counted = SearchArticles(archive, {"会议 OR 植树", std::nullopt, 1, true});
  ASSERT_OK(counted);
  EXPECT_TRUE(counted->hits.empty());
  EXPECT_EQ(counted->total, 3);
  auto long_terms = SearchArticles(archive, {"招商引资", "a.cn", 1, true});
  ASSERT_OK(long_terms);
  EXPECT_EQ(long_terms->total, 1);
}

TEST(ArchiveSearch, WordsSeparatedBySpacesMustAllMatch) {
  Archive archive = Filled();
  EXPECT_EQ(Urls(Search(archive, "招商 会议")), Strings{"http://a.cn/1"});
  EXPECT_EQ(Urls(Search(archive, "招商引资 营商环境")), Strings{"http://a.cn/1"});
  EXPECT_EQ(Urls(Search(archive, "招商引资 植树活动")), Strings{});
}

TEST(ArchiveSearch, OrFindsEitherTerm) {
  Archive archive = Filled();
  EXPECT_EQ(Urls(Search(archive, "植树 OR 招商局")), (Strings{"http://a.cn/2", "http://b.cn/1"}));
  EXPECT_EQ(Urls(Search(archive, "义务植树 OR 招商局来访")),
            (Strings{"http://a.cn/2", "http://b.cn/1"}));
  // OR binds tighter than the space: 会议 AND (招商 OR 商会).
  EXPECT_EQ(Urls(Search(archive, "会议 招商 OR 商会")),
            (Strings{"http://a.cn/1", "http://a.cn/3"}));
}

TEST(ArchiveSearch, MinusAndNotExclude) {
  Archive archive = Filled();
  EXPECT_EQ(Urls(Search(archive, "招商 -招商局")), Strings{"http://a.cn/1"});
  EXPECT_EQ(Urls(Search(archive, "招商 NOT 来访")), Strings{"http://a.cn/1"});
  EXPECT_EQ(Urls(Search(archive, "工作会议 -招商引资")), Strings{"http://a.cn/3"});
  EXPECT_EQ(Urls(Search(archive, "会议 -(招商 OR 商会)")), Strings{});
}

TEST(ArchiveSearch, QuotedPhraseKeepsItsSpaces) {
  Archive archive = Filled();
  EXPECT_EQ(Urls(Search(archive, "\"General Chamber\"")), Strings{"http://c.hk/1"});
  EXPECT_EQ(Urls(Search(archive, "\"Chamber General\"")), Strings{});
  EXPECT_EQ(Urls(Search(archive, "Chamber General")), Strings{"http://c.hk/1"});
  EXPECT_EQ(Urls(Search(archive, "\"quoted\" word")), Strings{"http://b.cn/2"});
}

// A short term cannot use the trigram index: it filters the rows the long terms found, or
// every article when nothing narrows the search.
TEST(ArchiveSearch, ShortTermsCombineWithLongOnes) {
  Archive archive = Filled();
  EXPECT_EQ(Urls(Search(archive, "招商引资 召开")), Strings{"http://a.cn/1"});
  EXPECT_EQ(Urls(Search(archive, "招商引资 -召开")), Strings{});
  EXPECT_EQ(Urls(Search(archive, "工作会议 -招商")), Strings{"http://a.cn/3"});
  EXPECT_EQ(Urls(Search(archive, "植树 OR 来访")), (Strings{"http://a.cn/2", "http://b.cn/1"}));
  EXPECT_EQ(Urls(Search(archive, "植 树")), Strings{"http://a.cn/2"});
}

TEST(ArchiveSearch, PlanUsesTheIndexForLongTermsOnly) {
  auto plan = [](const std::string& text) {
    auto expr = ParseSearchQuery(text);
    EXPECT_TRUE(expr.has_value()) << text;
    return internal::PlanSearch(*expr, /*folded_index=*/true);
  };
  internal::SearchPlan both_long = plan("招商引资 營商環境");
  EXPECT_EQ(both_long.fts, "(\"招商引资\" AND \"营商环境\")");  // folded
  EXPECT_TRUE(both_long.exact);
  internal::SearchPlan excluded = plan("招商引资 -营商环境");
  EXPECT_EQ(excluded.fts, "((\"招商引资\") NOT \"营商环境\")");
  EXPECT_TRUE(excluded.exact);
  internal::SearchPlan mixed = plan("招商引资 会议");
  EXPECT_EQ(mixed.fts, "(\"招商引资\")");
  EXPECT_FALSE(mixed.exact);
  EXPECT_EQ(mixed.params, (Strings{"招商引资", "会议"}));
  EXPECT_EQ(plan("招商 会议").fts, std::nullopt);
  EXPECT_EQ(plan("招商引资 OR 会议").fts, std::nullopt);  // 会议 alone may match
}

TEST(ArchiveSearch, TraditionalQueryFindsSimplifiedArticleAndTheOtherWayRound) {
  Archive archive = Filled();
  EXPECT_EQ(Urls(Search(archive, "商會")), (Strings{"http://a.cn/3", "http://c.hk/1"}));
  EXPECT_EQ(Urls(Search(archive, "商会")), (Strings{"http://a.cn/3", "http://c.hk/1"}));
  EXPECT_EQ(Urls(Search(archive, "总商会")), Strings{"http://c.hk/1"});
  EXPECT_EQ(Urls(Search(archive, "工商聯")), Strings{"http://a.cn/3"});
  EXPECT_EQ(Urls(Search(archive, "经贸合作 香港")), Strings{"http://c.hk/1"});
}

TEST(ArchiveSearch, MixedScriptQueryAndFullWidthDigitsAndCaseMatch) {
  Archive archive = Filled();
  EXPECT_EQ(Urls(Search(archive, "香港總商会")), Strings{"http://c.hk/1"});
  EXPECT_EQ(Urls(Search(archive, "2024年")), Strings{"http://a.cn/3"});
  EXPECT_EQ(Urls(Search(archive, "hong kong")), Strings{"http://c.hk/1"});
}

TEST(ArchiveSearch, SnippetShowsTheTextAsWrittenWithTheMatchHighlighted) {
  Archive archive = Filled();
  SearchResults results = Search(archive, "总商会 经贸");
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_EQ(results.hits[0].snippet, "[總商會]主席表示，兩地[經貿]合作前景廣闊。Hong Kon…");
  SearchResults digits = Search(archive, "2024年");
  ASSERT_EQ(digits.hits.size(), 1u);
  EXPECT_NE(digits.hits[0].snippet.find("[２０２４年]"), std::string::npos)
      << digits.hits[0].snippet;
}

TEST(ArchiveSearch, SnippetCutsAroundTheFirstMatchAndJoinsLines) {
  std::string text = std::string(40, 'x') + "\n\n招商引资 and 招商 again" + std::string(40, 'y');
  auto snippet = internal::Snippet(text, {"招商", "招商引资"});
  ASSERT_TRUE(snippet.has_value());
  EXPECT_EQ(*snippet, "…xxxxxxxxxxxxxxxxxxxxxx [招商引资] and [招商] againyyyyyyyyyyy…");
  EXPECT_EQ(internal::Snippet(text, {"植树"}), std::nullopt);
  EXPECT_EQ(internal::Snippet("短文", {}), "短文");
}

TEST(ArchiveSearch, QueryTextNeverReachesFts5Unquoted) {
  Archive archive = Filled();
  for (std::string text : {"\"NEAR(招商引资, 3)\"", "title:招商引资", "招商引资*", "^招商引资", "%",
                           "_", "'", "招商' OR 1=1 --x"}) {
    auto results = SearchArticles(archive, {text, std::nullopt, 10});
    ASSERT_OK(results);
    EXPECT_EQ(results->total, 0) << text;
  }
  EXPECT_EQ(internal::FtsPhrase("a\"b"), "\"a\"\"b\"");
}

TEST(ArchiveSearch, MalformedQueryIsAUsageError) {
  Archive archive = Filled();
  EXPECT_ERROR_CODE(SearchArticles(archive, {"\"招商", std::nullopt, 10}), kUsage);
  EXPECT_ERROR_CODE(SearchArticles(archive, {"-招商", std::nullopt, 10}), kUsage);
  EXPECT_ERROR_CODE(SearchArticles(archive, {"", std::nullopt, 10}), kUsage);
}

TEST(ArchiveSearch, IndexFollowsChangedArticles) {
  Archive archive = Filled();
  ASSERT_OK(archive.RecordPage(
      MakeRecord("http://a.cn/2", "春季植树活动", "改为招商推介会。", 2000, "2024-03-12")));
  EXPECT_EQ(Search(archive, "植树。").total, 0);
  EXPECT_EQ(Urls(Search(archive, "招商推介")), Strings{"http://a.cn/2"});
}

// New rows are indexed by the write path, changed and re-extracted ones by the update trigger
// (both folded); an unchanged refetch leaves the index alone.
TEST(ArchiveSearch, IndexFollowsReextractedArticlesAndUnchangedRefetches) {
  Archive archive = Filled();
  ASSERT_OK(archive.RecordPage(
      MakeRecord("http://a.cn/2", "春季植树活动", "改为招商推介会。", 2000, "2024-03-12")));
  ASSERT_OK(archive.RecordPage(
      MakeRecord("http://a.cn/2", "春季植树活动", "改为招商推介会。", 3000, "2024-03-12")));
  extract::Article reextracted =
      storage::testing::MakeArticle("http://a.cn/1", "全市招商引資工作會議", "會議正文。");
  ASSERT_OK(archive.UpdateReextracted(1, reextracted));
  EXPECT_EQ(Urls(Search(archive, "会议正文")), Strings{"http://a.cn/1"});
  EXPECT_EQ(Urls(Search(archive, "招商引资工作会议")), Strings{"http://a.cn/1"});
  EXPECT_EQ(Search(archive, "营商环境").total, 0);
  EXPECT_EQ(Search(archive, "招商推介").total, 1);
}

// An archive at schema 10 (before folding) opened read-only is not upgraded: its index holds
// the text as written, so a term is found as typed and in simplified characters.
TEST(ArchiveSearch, UnfoldedIndexOfAnOlderArchiveIsSearchedWithANote) {
  std::string path = testing_support::MakeTempDir() + "/v10.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(*db, path, 10));
    ASSERT_OK(db->Exec(
        "INSERT INTO articles (url, site, title, published_date, body, encoding, "
        "content_sha256, first_seen_at, last_fetched_at, changed_at) VALUES "
        "('http://c.hk/1', 'c.hk', '香港總商會年會', '2024-05-01', '總商會主席致辭。', '{}', "
        "'00', '2024-05-01T00:00:00Z', '2024-05-01T00:00:00Z', '2024-05-01T00:00:00Z'), "
        "('http://a.cn/3', 'a.cn', '工商联商会工作会议', '2024-04-01', '各商会负责人参加。', "
        "'{}', '01', '2024-04-01T00:00:00Z', '2024-04-01T00:00:00Z', '2024-04-01T00:00:00Z');"
        "INSERT INTO articles_fts (rowid, title, body) SELECT id, title, body FROM articles;"));
  }
  auto archive = Archive::Open(path, {.read_only = true});
  ASSERT_OK(archive);
  SearchResults traditional = Search(*archive, "總商會");
  EXPECT_EQ(Urls(traditional), Strings{"http://c.hk/1"});
  ASSERT_TRUE(traditional.note.has_value());
  EXPECT_NE(traditional.note->find("schema version 10"), std::string::npos) << *traditional.note;
  EXPECT_EQ(Urls(Search(*archive, "商會")), (Strings{"http://a.cn/3", "http://c.hk/1"}));
  EXPECT_EQ(Urls(Search(*archive, "商会")), Strings{"http://a.cn/3"});
  EXPECT_EQ(Urls(Search(*archive, "商會 -工商联")), Strings{"http://c.hk/1"});
  SearchResults snippet = Search(*archive, "總商會 主席");
  ASSERT_EQ(snippet.hits.size(), 1u);
  EXPECT_EQ(snippet.hits[0].snippet, "[總商會][主席]致辭。");
}

}  // namespace
}  // namespace storage
