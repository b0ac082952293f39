#include "cli/article_stitcher.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/support/test_util.h"

namespace cli {
namespace {

// Pages served from memory; `pending` are not fetched yet.
class FakePages final : public PageLookup {
 public:
  std::optional<PageSource> Capture(const std::string& url) override {
    ++lookups;
    auto it = pages.find(url);
    if (it == pages.end()) return std::nullopt;
    return PageSource{it->second, "text/html; charset=utf-8", {}};
  }
  bool Pending(const std::string& url) override { return pending.count(url) > 0; }
  std::map<std::string, std::string> pages;
  std::set<std::string> pending;
  int lookups = 0;
};

std::string Html(const std::string& text, const std::string& pager) {
  return "<html><head><title>商会年会召开</title></head><body><div class=\"article\">"
         "<h1>商会年会召开</h1><p>日期：2021-03-05</p><div class=\"content\"><p>" +
         text + "</p></div>" + pager + "</div></body></html>";
}

extract::Article First(const std::vector<std::string>& following) {
  extract::Article a;
  a.url = "http://a.cn/n/1.html";
  a.kind = extract::PageKind::kArticle;
  a.title = "商会年会召开";
  a.body = "第一页的正文。";
  a.continuation_urls = following;
  return a;
}

const std::string kLong =
    "会议听取了理事会工作报告，审议通过了财务报告和章程修正案，选举产生了新一届理事会。";

TEST(StitchArticle, WaitsForPendingPagesThenJoinsThemInOrder) {
  FakePages pages;
  pages.pending = {"http://a.cn/n/1_2.html", "http://a.cn/n/1_3.html"};
  pages.pages["http://a.cn/n/1_2.html"] = Html("第二页：" + kLong, "");
  extract::Article first = First({"http://a.cn/n/1_2.html", "http://a.cn/n/1_3.html"});

  StitchOutcome waiting = StitchArticle(first, pages);
  EXPECT_FALSE(waiting.complete);

  pages.pages["http://a.cn/n/1_3.html"] = Html("第三页：" + kLong, "");
  StitchOutcome done = StitchArticle(first, pages);
  ASSERT_TRUE(done.complete);
  EXPECT_EQ(done.pages, 3u);
  EXPECT_TRUE(done.missing.empty());
  const std::string& body = done.article.body;
  size_t p1 = body.find("第一页"), p2 = body.find("第二页"), p3 = body.find("第三页");
  ASSERT_NE(p3, std::string::npos) << body;
  EXPECT_LT(p1, p2);
  EXPECT_LT(p2, p3);
}

TEST(StitchArticle, FollowsPagesAnnouncedByLaterPagesAndGivesUpOnLostOnes) {
  FakePages pages;
  // Page 2's pager is the first to show page 3; page 4 was never fetched (404).
  pages.pages["http://a.cn/n/1_2.html"] =
      Html("第二页：" + kLong,
           "<div class=\"pages\"><a href=\"1.html\">1</a> 2 <a href=\"1_3.html\">3</a> "
           "<a href=\"1_4.html\">4</a> <a href=\"1_3.html\">下一页</a></div>");
  pages.pages["http://a.cn/n/1_3.html"] = Html("第三页：" + kLong, "");
  StitchOutcome done = StitchArticle(First({"http://a.cn/n/1_2.html"}), pages);
  ASSERT_TRUE(done.complete);
  EXPECT_EQ(done.pages, 3u);
  EXPECT_EQ(done.missing, std::vector<std::string>{"http://a.cn/n/1_4.html"});
  EXPECT_NE(done.article.body.find("第三页"), std::string::npos);
}

TEST(StitchArticle, StopsAtThePageLimit) {
  FakePages pages;
  std::vector<std::string> urls;
  for (int i = 2; i <= 80; ++i) {
    std::string url = "http://a.cn/n/1_" + std::to_string(i) + ".html";
    urls.push_back(url);
    pages.pages[url] = Html("第" + std::to_string(i) + "页。" + kLong, "");
  }
  StitchOutcome done = StitchArticle(First(urls), pages, {}, 10);
  ASSERT_TRUE(done.complete);
  EXPECT_EQ(done.pages, 10u);
  EXPECT_LE(pages.lookups, 9);
}

TEST(StitchArticle, ASinglePageArticleIsUnchanged) {
  FakePages pages;
  extract::Article first = First({});
  StitchOutcome done = StitchArticle(first, pages);
  ASSERT_TRUE(done.complete);
  EXPECT_EQ(done.article.body, first.body);
  EXPECT_EQ(pages.lookups, 0);
}

TEST(StoreStitchedArticle, StoresWhenNoPageIsPendingAndWaitsOtherwise) {
  auto archive = storage::Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  auto archive_page = [&](const std::string& url, const std::string& html) {
    storage::PageRecord page;
    page.url = url;
    page.status = 200;
    page.content_type = "text/html; charset=utf-8";
    page.body = html;
    page.fetched_at = std::chrono::system_clock::time_point(std::chrono::seconds(1'714'550'400));
    page.started_at = page.fetched_at;
    ASSERT_OK(archive->RecordPage(page));
  };
  const std::string pager =
      "<div class=\"pages\">1 <a href=\"1_2.html\">2</a> <a href=\"1_3.html\">3</a></div>";
  std::string long_text = kLong + "</p><p>" + kLong + "</p><p>" + kLong;
  archive_page("http://a.cn/n/1.html", Html("第一页：" + long_text, pager));
  archive_page("http://a.cn/n/1_2.html", Html("第二页：" + kLong, ""));
  // Page 3 is still queued: a crawl waits for it.
  storage::FrontierRow queued;
  queued.url = "http://a.cn/n/1_3.html";
  queued.host = "a.cn";
  queued.kind = "continuation";
  ASSERT_OK(archive->FrontierAdd({queued}));
  auto waiting = StoreStitchedArticle(*archive, "http://a.cn/n/1.html", {}, {}, std::nullopt);
  ASSERT_OK(waiting);
  EXPECT_FALSE(waiting->has_value());
  // When nothing waits (end of a run that cannot fetch it, reextract, import), it is stored
  // with the pages there are.
  auto stored = StoreStitchedArticle(*archive, "http://a.cn/n/1.html", {},
                                     {.wait_for_queued = false}, std::nullopt);
  ASSERT_OK(stored);
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ((*stored)->change, storage::ArticleChange::kNew);
  auto stmt = storage::Statement::Prepare(archive->db(), "SELECT url, body FROM articles");
  ASSERT_OK(stmt);
  ASSERT_TRUE(*stmt->Step());
  EXPECT_EQ(stmt->Text(0), "http://a.cn/n/1.html");
  std::string body = stmt->Text(1);
  EXPECT_LT(body.find("第一页"), body.find("第二页"));
  EXPECT_FALSE(*stmt->Step());  // the following page is no article of its own
  // No archived first page: nothing to store.
  auto none = StoreStitchedArticle(*archive, "http://a.cn/n/9.html", {}, {}, std::nullopt);
  ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
}

}  // namespace
}  // namespace cli
