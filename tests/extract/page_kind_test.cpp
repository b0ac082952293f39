#include "extract/page_kind.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/support/test_util.h"

namespace extract {
namespace {

struct Classified {
  PageKindResult kind;
  BodyResult body;
};

Classified Classify(const std::string& html, bool has_title, bool has_date) {
  auto parsed = ParseHtml(html);
  EXPECT_TRUE(parsed.has_value());
  if (!parsed) return {};
  ExtractOptions options;
  PageContext ctx{parsed->document, "http://site.example/news/list.asp", options, {}};
  Classified c;
  c.body = ExtractBody(ctx);
  c.kind = ClassifyPage(ctx, c.body, has_title, has_date);
  return c;
}

TEST(ClassifyPage, DatedLinkListWithPaginationIsAListing) {
  std::string html = "<body><div class=nav><a href=/>首页</a></div><ul class=list>";
  for (int i = 1; i <= 20; ++i) {
    html += "<li><a href=\"show.asp?id=" + std::to_string(i) + "\">协会召开第" + std::to_string(i) +
            "次理事会议暨工作部署会</a><span>2021-03-" + (i < 10 ? "0" : "") + std::to_string(i) +
            "</span></li>";
  }
  html +=
      "</ul><div class=page><a href=list.asp?page=1>首页</a> <a href=list.asp?page=2>2</a> "
      "<a href=list.asp?page=2>下一页</a> <a href=list.asp?page=9>尾页</a></div></body>";
  Classified c = Classify(html, true, false);
  EXPECT_EQ(c.kind.kind, PageKind::kListing);
  ASSERT_EQ(c.kind.article_links.size(), 20u);
  EXPECT_EQ(c.kind.article_links[0].url, "http://site.example/news/show.asp?id=1");
  std::vector<std::string> pages;
  for (const auto& l : c.kind.pagination_links) pages.push_back(l.url);
  EXPECT_NE(std::find(pages.begin(), pages.end(), "http://site.example/news/list.asp?page=2"),
            pages.end());
  EXPECT_NE(std::find(pages.begin(), pages.end(), "http://site.example/news/list.asp?page=9"),
            pages.end());
}

TEST(ClassifyPage, ArticleWithListsAroundItIsAnArticle) {
  std::string html = "<body><ul class=hot>";
  for (int i = 1; i <= 8; ++i) {
    html += "<li><a href=\"show.asp?id=" + std::to_string(i) + "\">热点新闻标题第" +
            std::to_string(i) + "条内容</a></li>";
  }
  html += "</ul><div class=content>";
  for (int i = 0; i < 5; ++i) {
    html +=
        "<p>协会召开理事会议，会议审议通过了年度工作报告和财务报告，研究部署了下一年度的"
        "重点工作，与会理事就行业发展提出了意见和建议。</p>";
  }
  html += "</div></body>";
  Classified c = Classify(html, true, true);
  EXPECT_EQ(c.kind.kind, PageKind::kArticle);
  EXPECT_TRUE(c.kind.article_links.empty());
}

TEST(ClassifyPage, LongTextWithoutATitleIsAnArticle) {
  std::string html = "<body><div>";
  for (int i = 0; i < 8; ++i) {
    html +=
        "<p>没有标题的旧页面也有正文，会议审议通过了年度工作报告和财务报告，研究部署了下一年度的"
        "重点工作，与会理事就行业发展提出了意见和建议。</p>";
  }
  html += "</div></body>";
  EXPECT_EQ(Classify(html, false, false).kind.kind, PageKind::kArticle);
}

TEST(ClassifyPage, EmptyPageIsOther) {
  EXPECT_EQ(Classify("<body></body>", false, false).kind.kind, PageKind::kOther);
}

}  // namespace
}  // namespace extract
