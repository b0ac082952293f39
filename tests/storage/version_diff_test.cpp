#include "storage/version_diff.h"

#include <gtest/gtest.h>

#include "tests/storage/archive_test_util.h"

namespace {

using storage::testing::MakeArticle;

std::vector<std::string> Names(const std::vector<storage::FieldChange>& changes) {
  std::vector<std::string> names;
  for (const auto& c : changes) names.push_back(c.field);
  return names;
}

TEST(FieldChanges, SameArticleHasNone) {
  auto a = MakeArticle("http://a.cn/1.html", "标题", "正文。");
  EXPECT_TRUE(storage::FieldChanges(a, a).empty());
  EXPECT_TRUE(storage::DiffVersions(a, a).IsIdentical());
}

TEST(FieldChanges, NamesEachChangedFieldWithItsValuesAsText) {
  auto a = MakeArticle("http://a.cn/1.html", "标题", "正文。");
  auto b = a;
  b.title = "新标题";
  b.updated_at = "2024-05-02T10:00:00+08:00";
  b.author.reset();
  b.views = 120;
  b.images.push_back({"http://a.cn/1.jpg", "图"});
  b.next = extract::SiblingLink{std::nullopt, std::nullopt};
  b.encoding.used = "utf-8";  // how the page was decoded is no change of the article
  auto changes = storage::FieldChanges(a, b);
  EXPECT_EQ(Names(changes),
            (std::vector<std::string>{"title", "updated_at", "views", "images", "next"}));
  EXPECT_EQ(changes[0].before, "标题");
  EXPECT_EQ(changes[0].after, "新标题");
  EXPECT_EQ(changes[1].before, std::nullopt);
  EXPECT_EQ(changes[2].after, "120");
  EXPECT_EQ(changes[3].after, "http://a.cn/1.jpg");
  EXPECT_EQ(changes[4].before, "下一篇 <http://a.cn/1.html?next>");
  EXPECT_EQ(changes[4].after, "none");
}

TEST(DiffVersions, CountsBodyCharactersAndParagraphs) {
  auto a = MakeArticle("http://a.cn/1.html", "标题", "第一段。\n第二段。");
  auto b = MakeArticle("http://a.cn/1.html", "标题", "第一段。\n新段落在此处。\n第二段。");
  auto diff = storage::DiffVersions(a, b);
  EXPECT_TRUE(diff.fields.empty());
  EXPECT_FALSE(diff.IsIdentical());
  EXPECT_EQ(diff.body_change.chars_before, 9u);
  EXPECT_EQ(diff.body_change.chars_after, 17u);
  EXPECT_EQ(diff.body_change.paragraphs_before, 2u);
  EXPECT_EQ(diff.body_change.paragraphs_after, 3u);
  EXPECT_EQ(diff.body_change.added, 1u);
  EXPECT_EQ(diff.body_change.removed, 0u);
}

}  // namespace
