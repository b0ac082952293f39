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

Classified Classify(const std::string& html, bool has_title, bool has_date,
                    PageKindHints hints = {}) {
  auto parsed = ParseHtml(html);
  EXPECT_TRUE(parsed.has_value());
  if (!parsed) return {};
  ExtractOptions options;
  PageContext ctx{parsed->document, "http://site.example/news/list.asp", options, {}};
  Classified c;
  c.body = ExtractBody(ctx);
  c.kind = ClassifyPage(ctx, c.body, has_title, has_date, hints);
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

// A list of `n` dated headline links, as the related-news, ranking and column blocks of real
// sites print them.
std::string DatedLinks(const std::string& css_class, int n, int first_id = 100) {
  std::string html = "<ul class=" + css_class + ">";
  for (int i = 0; i < n; ++i) {
    std::string id = std::to_string(first_id + i);
    html += "<li><a href=\"/news/show.asp?id=" + id + "\">第" + id +
            "期行业动态：协会组织会员企业开展交流活动</a><span>2021-03-0" +
            std::to_string(1 + i % 9) + "</span></li>";
  }
  return html + "</ul>";
}

const char* kShortArticle =
    "<div class=content><p>3月5日，协会召开第三届理事会第二次会议，审议通过了年度工作报告，"
    "研究部署了今年的重点工作。会长作了讲话，与会理事就行业发展提出了意见和建议。</p>"
    "<p>会议强调，要进一步加强行业自律，做好会员服务工作。</p></div>";

// Issue #12, failure class 1: a short article with a long related-news block, a ranking and a
// comment area stays an article; the links lie outside its text.
TEST(ClassifyPage, ShortArticleWithRelatedNewsAndRankingsIsAnArticle) {
  std::string html = "<body><div class=side>" + DatedLinks("rank", 10, 200) +
                     "</div><h1>协会召开理事会议</h1><div>发布时间：2021-03-05</div>" +
                     kShortArticle + "<div class=related><h3>相关新闻</h3>" +
                     DatedLinks("list", 12) +
                     "</div><div class=comment><form><textarea>请输入评论</textarea></form>"
                     "<p>网友甲：说得好</p><p>网友乙：支持</p></div></body>";
  Classified c = Classify(html, true, true);
  EXPECT_EQ(c.kind.kind, PageKind::kArticle) << c.kind.reason;
  EXPECT_TRUE(c.kind.article_links.empty());
  EXPECT_NE(c.kind.reason.find("22 headline links"), std::string::npos) << c.kind.reason;
}

// A column page with an introduction above its list stays a listing: its one run of links
// outweighs the text.
TEST(ClassifyPage, ListingWithAnIntroductionIsAListing) {
  std::string html =
      "<body><h2>通知公告</h2><div class=intro><p>本栏目发布协会的各类通知和公告，"
      "请各会员单位及时关注，按照通知要求做好相关工作。如有疑问，请与秘书处联系。</p></div>" +
      DatedLinks("list", 20) + "<div class=page><a href=?page=2>下一页</a></div></body>";
  Classified c = Classify(html, true, true);
  EXPECT_EQ(c.kind.kind, PageKind::kListing) << c.kind.reason;
  EXPECT_EQ(c.kind.article_links.size(), 20u);
  // Reached as an article link (a column named like a headline), it is still a listing.
  EXPECT_EQ(Classify(html, true, true, {.reached_as_article = true}).kind.kind, PageKind::kListing);
}

// Issue #11: a real 95-character notice on its own page is an article.
TEST(ClassifyPage, ShortNoticeWithTitleAndDateIsAnArticle) {
  std::string html =
      "<body><div class=nav><a href=/>首页</a> <a href=/tzgg/>通知公告</a></div>"
      "<h2>关于春节放假安排的通知</h2><div>发布日期：2022-01-20</div>"
      "<div class=text><p>各会员单位：根据国务院办公厅通知精神，现将春节放假安排通知如下："
      "1月31日至2月6日放假调休，共7天。请各单位做好值班安排。</p><p>特此通知。</p></div></body>";
  Classified c = Classify(html, true, true);
  EXPECT_EQ(c.kind.kind, PageKind::kArticle) << c.kind.reason;
  // Without a date it is no notice; reached as an article link, it is an article all the same.
  EXPECT_NE(Classify(html, true, false).kind.kind, PageKind::kArticle);
  EXPECT_EQ(Classify(html, true, false, {.reached_as_article = true}).kind.kind,
            PageKind::kArticle);
}

// Soft 404s answered 200 are error pages, even when reached as article links.
TEST(ClassifyPage, ErrorPageIsOtherEvenWhenLinkedAsAnArticle) {
  for (const char* message :
       {"对不起，您访问的页面不存在或已被删除！", "该信息已删除", "404 Not Found"}) {
    std::string html = std::string("<body><div class=nav><a href=/>首页</a></div><div><p>") +
                       message + "</p><p><a href=/>返回首页</a></p></div></body>";
    Classified c = Classify(html, true, false, {.reached_as_article = true});
    EXPECT_EQ(c.kind.kind, PageKind::kOther) << message;
    EXPECT_NE(c.kind.reason.find("error page"), std::string::npos) << c.kind.reason;
  }
}

// A tag cloud and a long navigation (short links) do not make a listing.
TEST(ClassifyPage, ArticleWithTagCloudIsAnArticle) {
  std::string html = "<body><div class=nav>";
  for (int i = 0; i < 40; ++i) html += "<a href=/c" + std::to_string(i) + "/>栏目" + "</a> ";
  html += "</div><h1>协会召开理事会议</h1>" + std::string(kShortArticle) + "<div class=tags>";
  for (int i = 0; i < 30; ++i) html += "<a href=/tag/" + std::to_string(i) + ">标签词</a> ";
  html += "</div></body>";
  EXPECT_EQ(Classify(html, true, true).kind.kind, PageKind::kArticle);
}

// Issue #12: a blog or CMS archive prints each entry as a linked heading, a date, an excerpt and
// 阅读全文; the excerpts read as the text and short titles as no headline links, yet it is a
// listing, and its entries are the links to follow.
TEST(ClassifyPage, ArchiveOfHeadingsWithExcerptsIsAListing) {
  const char* titles[] = {"春季茶会", "走访会员", "年会回顾", "新春寄语"};
  std::string html = "<body><div class=nav><a href=/>首页</a></div><div id=main><h1>商会动态</h1>";
  for (int i = 0; i < 4; ++i) {
    html += "<div class=post><h3><a href=\"/news/" + std::to_string(i) + ".html\">" + titles[i] +
            "</a></h3><p class=meta>2021-03-0" + std::to_string(i + 1) +
            "</p><p>商会组织会员企业开展交流活动，大家围绕行业发展、市场开拓和人才培养等话题"
            "展开讨论，气氛热烈，收获颇丰。</p><a href=\"/news/" +
            std::to_string(i) + ".html\">阅读全文</a></div>";
  }
  html += "</div></body>";
  Classified c = Classify(html, true, false);
  EXPECT_EQ(c.kind.kind, PageKind::kListing) << c.kind.reason;
  ASSERT_EQ(c.kind.article_links.size(), 4u);
  EXPECT_EQ(c.kind.article_links[0].url, "http://site.example/news/0.html");
}

// The same entries after an article's own paragraphs (a related-news block with excerpts, or
// linked subheadings of a round-up) leave it an article.
TEST(ClassifyPage, ArticleWithLinkedHeadingsAfterItsTextIsAnArticle) {
  std::string html = "<body><div id=main><h1>协会召开理事会议</h1>";
  for (int i = 0; i < 3; ++i) {
    html +=
        "<p>协会召开理事会议，会议审议通过了年度工作报告和财务报告，研究部署了下一年度的"
        "重点工作，与会理事就行业发展提出了意见和建议。</p>";
  }
  for (int i = 0; i < 4; ++i) {
    html += "<h4><a href=\"/news/" + std::to_string(i) + ".html\">相关" + std::to_string(i) +
            "</a></h4><p>商会组织会员企业开展交流活动。</p>";
  }
  html += "</div></body>";
  Classified c = Classify(html, true, true);
  EXPECT_EQ(c.kind.kind, PageKind::kArticle) << c.kind.reason;
}

TEST(ClassifyPage, ConfidenceAndReasonAreGiven) {
  std::string html = "<body><h1>协会召开理事会议</h1>" + std::string(kShortArticle) +
                     std::string(kShortArticle) + "</body>";
  Classified c = Classify(html, true, true);
  EXPECT_EQ(c.kind.kind, PageKind::kArticle);
  EXPECT_GE(c.kind.confidence, 0.9);
  EXPECT_EQ(c.kind.reason.rfind("article", 0), 0u) << c.kind.reason;
}

TEST(ClassifyPage, EmptyPageIsOther) {
  EXPECT_EQ(Classify("<body></body>", false, false).kind.kind, PageKind::kOther);
}

}  // namespace
}  // namespace extract
