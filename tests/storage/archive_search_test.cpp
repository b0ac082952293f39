#include "storage/archive_search.h"

#include <gtest/gtest.h>

#include "tests/storage/archive_test_util.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

using storage::testing::MakeRecord;

Archive Filled() {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  EXPECT_TRUE(archive.has_value());
  EXPECT_TRUE(archive
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
                  })
                  .has_value());
  return std::move(*archive);
}

TEST(ArchiveSearch, TwoCharacterChineseQueryFindsSubstringWithSnippet) {
  Archive archive = Filled();
  auto hits = SearchArticles(archive, {"招商", std::nullopt, 10});
  ASSERT_OK(hits);
  ASSERT_EQ(hits->size(), 2u);
  EXPECT_EQ((*hits)[0].url, "http://b.cn/1");  // newest first in the LIKE fallback
  EXPECT_EQ((*hits)[1].url, "http://a.cn/1");
  EXPECT_NE((*hits)[1].snippet.find("[招商]"), std::string::npos) << (*hits)[1].snippet;
}

TEST(ArchiveSearch, LongerQueryUsesTheTrigramIndexWithHighlights) {
  Archive archive = Filled();
  auto hits = SearchArticles(archive, {"招商引资", std::nullopt, 10});
  ASSERT_OK(hits);
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].url, "http://a.cn/1");
  EXPECT_NE((*hits)[0].snippet.find("[招商引资]"), std::string::npos) << (*hits)[0].snippet;
  EXPECT_LT((*hits)[0].score, 0);  // bm25 scores are negative; lower is better
}

TEST(ArchiveSearch, SiteFilterAndLimitApply) {
  Archive archive = Filled();
  auto hits = SearchArticles(archive, {"招商", "b.cn", 10});
  ASSERT_OK(hits);
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].site, "b.cn");
  auto limited = SearchArticles(archive, {"招商", std::nullopt, 1});
  ASSERT_OK(limited);
  EXPECT_EQ(limited->size(), 1u);
}

TEST(ArchiveSearch, QuotesAndOperatorsAreSearchedAsPlainText) {
  Archive archive = Filled();
  auto hits = SearchArticles(archive, {"\"quoted\" word", std::nullopt, 10});
  ASSERT_OK(hits);
  ASSERT_EQ(hits->size(), 1u);
  auto operators = SearchArticles(archive, {"招商 OR NEAR(", std::nullopt, 10});
  ASSERT_OK(operators);
  EXPECT_TRUE(operators->empty());
  auto percent = SearchArticles(archive, {"%", std::nullopt, 10});
  ASSERT_OK(percent);
  EXPECT_TRUE(percent->empty());
  EXPECT_EQ(internal::FtsPhrase("a\"b"), "\"a\"\"b\"");
}

TEST(ArchiveSearch, IndexFollowsChangedArticles) {
  Archive archive = Filled();
  ASSERT_OK(archive.RecordPage(
      MakeRecord("http://a.cn/2", "春季植树活动", "改为招商推介会。", 2000, "2024-03-12")));
  auto hits = SearchArticles(archive, {"植树。", std::nullopt, 10});
  ASSERT_OK(hits);
  EXPECT_TRUE(hits->empty());
  auto changed = SearchArticles(archive, {"招商推介", std::nullopt, 10});
  ASSERT_OK(changed);
  ASSERT_EQ(changed->size(), 1u);
  EXPECT_EQ((*changed)[0].url, "http://a.cn/2");
}

// New rows are indexed by the write path, changed and re-extracted ones by the update trigger;
// an unchanged refetch leaves the index alone.
TEST(ArchiveSearch, IndexFollowsReextractedArticlesAndUnchangedRefetches) {
  Archive archive = Filled();
  ASSERT_OK(archive.RecordPage(
      MakeRecord("http://a.cn/2", "春季植树活动", "改为招商推介会。", 2000, "2024-03-12")));
  ASSERT_OK(archive.RecordPage(
      MakeRecord("http://a.cn/2", "春季植树活动", "改为招商推介会。", 3000, "2024-03-12")));
  extract::Article reextracted =
      storage::testing::MakeArticle("http://a.cn/1", "全市招商引资工作会议", "会议正文。");
  ASSERT_OK(archive.UpdateReextracted(1, reextracted));
  auto hits = SearchArticles(archive, {"会议正文", std::nullopt, 10});
  ASSERT_OK(hits);
  ASSERT_EQ(hits->size(), 1u);
  auto old_text = SearchArticles(archive, {"营商环境", std::nullopt, 10});
  ASSERT_OK(old_text);
  EXPECT_TRUE(old_text->empty());
  auto refetched = SearchArticles(archive, {"招商推介", std::nullopt, 10});
  ASSERT_OK(refetched);
  EXPECT_EQ(refetched->size(), 1u);
}

}  // namespace
}  // namespace storage
