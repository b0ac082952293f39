#include <gtest/gtest.h>

#include "extract/extractor.h"
#include "storage/archive.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

constexpr const char* kPage =
    "<html><head><meta charset=\"utf-8\"><title>招商引资会议召开_某市政府</title></head><body>"
    "<div class=\"article\"><h1>招商引资会议召开</h1><p>日期：2024-05-01</p>"
    "<div class=\"content\"><p>会议指出，要进一步优化营商环境，做好招商引资各项工作。</p>"
    "<p>会议要求各部门加强协作，推动项目尽快落地见效。</p></div></div></body></html>";

int64_t VersionRows(const Archive& archive) {
  auto stmt = Statement::Prepare(archive.db(), "SELECT count(*) FROM article_versions");
  if (!stmt || !stmt->Step()) return -1;
  return stmt->Int(0);
}

TEST(ArchiveReextract, SameExtractionAddsNoVersion) {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  auto article = extract::ExtractArticle(
      {kPage, "http://a.cn/1", "text/html; charset=utf-8", testing::At(1'714'550'400)});
  ASSERT_OK(article);
  PageRecord record = testing::MakeRecord("http://a.cn/1", "x", "y");
  record.body = kPage;
  record.article = *article;
  record.article->url = "http://a.cn/1";
  ASSERT_OK(archive->RecordPage(record));

  auto ids = archive->ArticleIdsWithCaptures(std::nullopt);
  ASSERT_OK(ids);
  ASSERT_EQ(ids->size(), 1u);
  auto source = archive->LoadArticleSource((*ids)[0]);
  ASSERT_OK(source);
  ASSERT_TRUE(source->has_value());
  EXPECT_EQ((*source)->capture.body, kPage);
  auto again =
      extract::ExtractArticle({(*source)->capture.body, (*source)->url,
                               (*source)->capture.content_type, (*source)->last_fetched_at});
  ASSERT_OK(again);
  auto change = archive->UpdateReextracted((*ids)[0], *again);
  ASSERT_OK(change);
  EXPECT_EQ(*change, ArticleChange::kUnchanged);
  EXPECT_EQ(VersionRows(*archive), 1);
  auto validators = archive->FindArticleValidators("http://a.cn/1");
  ASSERT_OK(validators);

  extract::Article different = *again;
  different.body += "\n补充一段。";
  different.content_sha256.clear();
  auto changed = archive->UpdateReextracted((*ids)[0], different);
  ASSERT_OK(changed);
  EXPECT_EQ(*changed, ArticleChange::kChanged);
  EXPECT_EQ(VersionRows(*archive), 2);
  auto after = archive->FindArticleValidators("http://a.cn/1");
  ASSERT_OK(after);
  EXPECT_NE((*after)->content_sha256, (*validators)->content_sha256);
}

}  // namespace
}  // namespace storage
