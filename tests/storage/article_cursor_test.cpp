#include "storage/article_cursor.h"

#include <gtest/gtest.h>

#include "tests/storage/archive_test_util.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

using storage::testing::MakeRecord;

struct Row {
  std::string url;
  int64_t version;
};

std::vector<Row> Export(const Archive& archive, const ExportQuery& query) {
  std::vector<Row> rows;
  auto read = archive.BeginRead();
  EXPECT_TRUE(read.has_value());
  auto cursor = ArticleCursor::Open(archive, query);
  EXPECT_TRUE(cursor.has_value()) << cursor.error().message;
  while (true) {
    auto next = cursor->Next();
    EXPECT_TRUE(next.has_value()) << next.error().message;
    if (!next || !*next) break;
    rows.push_back({cursor->article().url, cursor->stamp().version});
  }
  return rows;
}

std::vector<std::string> Urls(const std::vector<Row>& rows) {
  std::vector<std::string> urls;
  for (const auto& r : rows) urls.push_back(r.url);
  return urls;
}

Archive Filled() {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  EXPECT_TRUE(archive.has_value());
  std::vector<PageRecord> records = {
      MakeRecord("http://b.cn/2", "B2", "b2", 1000, "2024-03-01"),
      MakeRecord("http://a.cn/z", "AZ", "az", 1000, "2024-01-01"),
      MakeRecord("http://a.cn/y", "AY", "ay", 1000, "2024-02-01"),
      MakeRecord("http://a.cn/x", "AX", "ax", 1000, "2024-02-01"),
      MakeRecord("http://b.cn/1", "B1", "b1", 1000, "2023-12-31"),
  };
  EXPECT_TRUE(archive->RecordPages(records).has_value());
  return std::move(*archive);
}

TEST(ArticleCursor, OrdersBySitePublishedDateAndUrl) {
  Archive archive = Filled();
  EXPECT_EQ(Urls(Export(archive, {})),
            (std::vector<std::string>{"http://a.cn/z", "http://a.cn/x", "http://a.cn/y",
                                      "http://b.cn/1", "http://b.cn/2"}));
}

TEST(ArticleCursor, FiltersBySiteAndPublishedDateRangeInclusive) {
  Archive archive = Filled();
  ExportQuery query;
  query.site = "a.cn";
  query.since = "2024-02-01";
  EXPECT_EQ(Urls(Export(archive, query)),
            (std::vector<std::string>{"http://a.cn/x", "http://a.cn/y"}));
  ExportQuery until;
  until.until = "2024-01-01";
  EXPECT_EQ(Urls(Export(archive, until)),
            (std::vector<std::string>{"http://a.cn/z", "http://b.cn/1"}));
}

TEST(ArticleCursor, ChangedSinceSelectsNewOrChangedArticles) {
  Archive archive = Filled();
  ASSERT_OK(
      archive.RecordPage(MakeRecord("http://a.cn/y", "AY", "ay changed", 5000, "2024-02-01")));
  ASSERT_OK(archive.RecordPage(MakeRecord("http://a.cn/z", "AZ", "az", 5000, "2024-01-01")));
  ExportQuery query;
  query.changed_since = "1970-01-01T01:00:00Z";
  EXPECT_EQ(Urls(Export(archive, query)), (std::vector<std::string>{"http://a.cn/y"}));
}

TEST(ArticleCursor, AllVersionsListsEachVersionInOrder) {
  Archive archive = Filled();
  ASSERT_OK(archive.RecordPage(MakeRecord("http://a.cn/y", "AY", "ay v2", 5000, "2024-02-01")));
  ExportQuery query;
  query.site = "a.cn";
  query.all_versions = true;
  auto rows = Export(archive, query);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[2].url, "http://a.cn/y");
  EXPECT_EQ(rows[2].version, 1);
  EXPECT_EQ(rows[3].url, "http://a.cn/y");
  EXPECT_EQ(rows[3].version, 2);
}

TEST(ArticleCursor, ArticlesWithoutTitleAreNotExported) {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  PageRecord record = MakeRecord("http://a.cn/untitled", "", "body");
  record.article->title.reset();
  ASSERT_OK(archive->RecordPage(record));
  EXPECT_TRUE(Export(*archive, {}).empty());
}

TEST(ArticleCursor, RoundTripsEveryField) {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  PageRecord record = MakeRecord("http://a.cn/1", "标题", "第一段\n第二段");
  record.article->views = 42;
  record.article->images.push_back({"http://a.cn/i.png", "图"});
  record.article->published_at = "2024-05-01T10:00:00+08:00";
  record.article->lang = "zh";
  ASSERT_OK(archive->RecordPage(record));
  auto read = archive->BeginRead();
  ASSERT_OK(read);
  auto cursor = ArticleCursor::Open(*archive, {});
  ASSERT_OK(cursor);
  auto next = cursor->Next();
  ASSERT_OK(next);
  ASSERT_TRUE(*next);
  extract::ArchiveStamp stamp = cursor->stamp();
  EXPECT_EQ(extract::ArticleToJson(cursor->article(), stamp),
            extract::ArticleToJson(*record.article, stamp));
}

}  // namespace
}  // namespace storage
