#include "storage/article_list.h"

#include <gtest/gtest.h>

#include "tests/storage/archive_test_util.h"
#include "tests/support/test_util.h"

namespace {

using storage::testing::MakeRecord;

class ArticleListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto archive = storage::Archive::Open(":memory:", {.create_if_missing = true});
    ASSERT_OK(archive);
    archive_.emplace(std::move(*archive));
    Add("http://a.cn/1.html", "新闻中心", "2024-01-05");
    Add("http://a.cn/2.html", "新闻中心", "2024-03-01");
    Add("http://a.cn/3.html", "新闻中心", std::nullopt);
    Add("http://a.cn/4.html", "通知公告", "2023-12-31");
    Add("http://a.cn/5.html", std::nullopt, "2024-02-02");
    Add("http://a.cn/6.html", "", "2024-02-03");  // an empty section is none
    Add("http://b.cn/1.html", "新闻中心", "2024-01-01");
  }

  void Add(const std::string& url, std::optional<std::string> section,
           std::optional<std::string> date) {
    storage::PageRecord r = MakeRecord(url, "标题 " + url, "正文 " + url);
    r.article->section = std::move(section);
    r.article->published_date = std::move(date);
    ASSERT_OK(archive_->RecordPage(r));
  }

  std::vector<std::string> Urls(const storage::ArticleList& list) {
    std::vector<std::string> urls;
    for (const auto& row : list.rows) urls.push_back(row.url);
    return urls;
  }

  std::optional<storage::Archive> archive_;
};

TEST_F(ArticleListTest, SectionsComeWithCountsMostArticlesFirst) {
  auto sections = storage::ReadSections(*archive_, "a.cn");
  ASSERT_OK(sections);
  ASSERT_EQ(sections->size(), 3u);
  EXPECT_EQ((*sections)[0].section, "新闻中心");
  EXPECT_EQ((*sections)[0].articles, 3);
  EXPECT_EQ((*sections)[0].first_published, "2024-01-05");
  EXPECT_EQ((*sections)[0].last_published, "2024-03-01");
  EXPECT_EQ((*sections)[1].section, std::nullopt);  // NULL and '' together
  EXPECT_EQ((*sections)[1].articles, 2);
  EXPECT_EQ((*sections)[2].section, "通知公告");
}

TEST_F(ArticleListTest, ListsNewestFirstUndatedLastWithTheTotal) {
  auto all = storage::ReadArticleList(*archive_, {.site = "a.cn"});
  ASSERT_OK(all);
  EXPECT_EQ(all->total, 6);
  EXPECT_EQ(Urls(*all), (std::vector<std::string>{"http://a.cn/2.html", "http://a.cn/6.html",
                                                  "http://a.cn/5.html", "http://a.cn/1.html",
                                                  "http://a.cn/4.html", "http://a.cn/3.html"}));
  EXPECT_EQ(all->rows[0].section, "新闻中心");
  EXPECT_EQ(all->rows[0].title, "标题 http://a.cn/2.html");
  EXPECT_EQ(all->rows[0].version, 1);
}

TEST_F(ArticleListTest, FiltersBySectionOrNoSection) {
  auto news = storage::ReadArticleList(
      *archive_, {.site = "a.cn", .section = std::optional<std::string>("新闻中心")});
  ASSERT_OK(news);
  EXPECT_EQ(news->total, 3);
  EXPECT_EQ(Urls(*news), (std::vector<std::string>{"http://a.cn/2.html", "http://a.cn/1.html",
                                                   "http://a.cn/3.html"}));
  auto none = storage::ReadArticleList(*archive_,
                                       {.site = "a.cn", .section = std::optional<std::string>()});
  ASSERT_OK(none);
  EXPECT_EQ(Urls(*none), (std::vector<std::string>{"http://a.cn/6.html", "http://a.cn/5.html"}));
}

TEST_F(ArticleListTest, PagesByOffsetAndLimitKeepingTheTotal) {
  auto page = storage::ReadArticleList(*archive_, {.site = "a.cn", .offset = 4, .limit = 4});
  ASSERT_OK(page);
  EXPECT_EQ(page->total, 6);
  EXPECT_EQ(Urls(*page), (std::vector<std::string>{"http://a.cn/4.html", "http://a.cn/3.html"}));
  auto past = storage::ReadArticleList(*archive_, {.site = "a.cn", .offset = 6, .limit = 4});
  ASSERT_OK(past);
  EXPECT_EQ(past->total, 6);
  EXPECT_TRUE(past->rows.empty());
}

}  // namespace

namespace {

// Schema 13 adds articles.removed_at and removed_reason; older archives (read-only: a write
// upgrades them) have neither, and the readers work on both.
TEST_F(ArticleListTest, RemovedArticlesAreListedOnlyWhereRemovalsAreTracked) {
  // An archive as schema 12 left it.
  ASSERT_OK(archive_->db().Exec(
      "DROP INDEX articles_removed; ALTER TABLE articles DROP COLUMN removed_reason; "
      "ALTER TABLE articles DROP COLUMN removed_at"));
  auto tracked = storage::HasRemovalTracking(*archive_);
  ASSERT_OK(tracked);
  EXPECT_FALSE(*tracked);
  auto none = storage::ReadArticleList(*archive_, {.site = std::nullopt, .removed_only = true});
  ASSERT_OK(none);
  EXPECT_EQ(none->total, 0);
  auto no_removal = storage::ReadArticleRemoval(*archive_, "http://a.cn/1.html");
  ASSERT_OK(no_removal);
  EXPECT_FALSE(no_removal->has_value());

  ASSERT_OK(archive_->db().Exec(
      "ALTER TABLE articles ADD COLUMN removed_at TEXT; "
      "ALTER TABLE articles ADD COLUMN removed_reason TEXT; "
      "UPDATE articles SET removed_at = '2026-06-01T00:00:00Z', removed_reason = 'http_error 404' "
      "WHERE url = 'http://a.cn/1.html'; "
      "UPDATE articles SET removed_at = '2026-07-01T00:00:00Z' WHERE url = 'http://b.cn/1.html'"));
  tracked = storage::HasRemovalTracking(*archive_);
  ASSERT_OK(tracked);
  EXPECT_TRUE(*tracked);
  auto removed = storage::ReadArticleList(*archive_, {.site = std::nullopt, .removed_only = true});
  ASSERT_OK(removed);
  EXPECT_EQ(Urls(*removed), (std::vector<std::string>{"http://b.cn/1.html", "http://a.cn/1.html"}));
  EXPECT_EQ(removed->rows[1].removed_reason, "http_error 404");
  EXPECT_EQ(removed->rows[1].site, "a.cn");
  auto of_a = storage::ReadArticleList(*archive_, {.site = "a.cn", .removed_only = true});
  ASSERT_OK(of_a);
  EXPECT_EQ(Urls(*of_a), (std::vector<std::string>{"http://a.cn/1.html"}));
  auto all = storage::ReadArticleList(*archive_, {.site = "a.cn"});
  ASSERT_OK(all);
  EXPECT_EQ(all->total, 6);
  auto removal = storage::ReadArticleRemoval(*archive_, "http://a.cn/1.html");
  ASSERT_OK(removal);
  ASSERT_TRUE(removal->has_value());
  EXPECT_EQ((*removal)->removed_at, "2026-06-01T00:00:00Z");
  EXPECT_EQ((*removal)->reason, "http_error 404");
}

}  // namespace
