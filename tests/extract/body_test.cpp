// Body extraction: the main text block chosen by content scoring, rendered one paragraph per
// line without navigation, sidebars, metadata, prev/next, share, copyright and ICP lines.
#include "extract/body.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/body_patterns.h"
#include "extract/document.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace extract {
namespace {

// Extracts the body of `html` as if it were fetched from `url`.
BodyResult BodyOf(const std::string& html,
                  const std::string& url = "http://www.example.org/a/1.html") {
  static const ExtractOptions options;
  auto parsed = ParseHtml(html);
  EXPECT_TRUE(parsed.has_value());
  if (!parsed) return {};
  PageContext ctx{parsed->document, url, options, {}};
  return ExtractBody(ctx);
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

constexpr const char* kParagraph1 =
    "为深入贯彻落实全省招商引资工作会议精神，商会于三月十五日在会议中心召开全体理事会议，"
    "会长作了题为《凝心聚力谋发展》的工作报告，回顾了过去一年的主要工作。";
constexpr const char* kParagraph2 =
    "会议指出，今年是实施发展规划的关键之年，各会员企业要抓住机遇，加强交流与合作，"
    "积极参与重点项目建设，为地方经济发展作出新的更大贡献。";
constexpr const char* kParagraph3 =
    "会议还审议通过了新增会员名单和年度财务报告，并对先进会员单位进行了表彰。"
    "与会人员一致表示，将以更加饱满的热情投入到各项工作中去。";

// An old table-layout ASP page: navigation row, sidebar column with hot news, the article cell
// with a metadata bar, a prev/next line and a footer with copyright and ICP lines.
std::string TableLayoutPage() {
  std::string html =
      "<html><head><title>商会召开理事会议_某某商会网</title></head><body>"
      "<table width=980><tr><td><a href=/>首页</a> | <a href=/news/>商会新闻</a> | "
      "<a href=/notice/>通知公告</a> | <a href=/about/>关于我们</a> | "
      "<a href=/join/>入会指南</a></td></tr></table>"
      "<table width=980><tr>"
      "<td width=240 valign=top><table><tr><td>热点新闻</td></tr>"
      "<tr><td><a href=/n/2.html>关于召开二〇二一年度会员大会的通知</a></td></tr>"
      "<tr><td><a href=/n/3.html>商会领导走访慰问困难会员企业</a></td></tr>"
      "<tr><td><a href=/n/4.html>商会组织会员企业赴外地考察学习</a></td></tr>"
      "<tr><td><a href=/n/5.html>关于举办企业家培训班的通知</a></td></tr></table></td>"
      "<td width=740 valign=top><table width=100%>"
      "<tr><td align=center><strong>商会召开理事会议</strong></td></tr>"
      "<tr><td align=center>来源：商会秘书处　浏览量：1234　日期：2021-03-16</td></tr>"
      "<tr><td>";
  html += std::string("<p>　　") + kParagraph1 + "</p><p>　　" + kParagraph2 + "</p><p>　　" +
          kParagraph3 + "</p>";
  html +=
      "</td></tr>"
      "<tr><td>上一条：<a href=/n/6.html>商会举行新春团拜会</a><br>"
      "下一条：<a href=/n/7.html>商会开展志愿服务活动</a></td></tr>"
      "<tr><td align=center>【<a href=#>打印本页</a>】【<a href=#>关闭窗口</a>】</td></tr>"
      "</table></td></tr></table>"
      "<table width=980><tr><td align=center>Copyright © 2021 某某商会 版权所有<br>"
      "地址：某某市某某路1号 电话：0851-1234567<br>黔ICP备09007095号</td></tr></table>"
      "</body></html>";
  return html;
}

TEST(Body, TableLayoutPageKeepsTheArticleCellOnly) {
  BodyResult body = BodyOf(TableLayoutPage());
  EXPECT_NE(body.container, kNoNode);
  EXPECT_EQ(body.text, std::string(kParagraph1) + "\n" + kParagraph2 + "\n" + kParagraph3);
}

TEST(Body, NavigationSidebarAndFooterAreExcluded) {
  BodyResult body = BodyOf(TableLayoutPage());
  for (const char* boilerplate : {"首页", "入会指南", "热点新闻", "走访慰问", "团拜会", "打印本页",
                                  "Copyright", "ICP", "版权所有", "电话"}) {
    EXPECT_FALSE(Has(body.text, boilerplate)) << boilerplate << " in\n" << body.text;
  }
}

TEST(Body, MetadataAndPrevNextLinesAreTrimmed) {
  BodyResult body = BodyOf(TableLayoutPage());
  for (const char* line : {"来源", "浏览量", "日期", "上一条", "下一条"}) {
    EXPECT_FALSE(Has(body.text, line)) << line << " in\n" << body.text;
  }
}

TEST(Body, FullWidthIndentationAndNbspAreRemoved) {
  std::string html = std::string("<html><body><div><p>　　") + kParagraph1 +
                     "</p><p>&nbsp;&nbsp;&nbsp;&nbsp;" + kParagraph2 + "</p></div></body></html>";
  BodyResult body = BodyOf(html);
  EXPECT_EQ(body.text, std::string(kParagraph1) + "\n" + kParagraph2);
}

TEST(Body, BrSeparatedTextInACellBecomesOneParagraphPerLine) {
  std::string html = std::string(
                         "<html><body><table><tr><td><a href=/>首页</a> <a href=/x>新闻</a></td>"
                         "</tr><tr><td class=content>　　") +
                     kParagraph1 + "<br><br>　　" + kParagraph2 + "<br>　　" + kParagraph3 +
                     "</td></tr></table></body></html>";
  BodyResult body = BodyOf(html);
  EXPECT_EQ(body.text, std::string(kParagraph1) + "\n" + kParagraph2 + "\n" + kParagraph3);
}

TEST(Body, EditorAndSourceLinesAtTheEndAreDropped) {
  std::string html = std::string("<html><body><div class=article><p>") + kParagraph1 + "</p><p>" +
                     kParagraph2 +
                     "</p><p>（责任编辑：张三）</p><p>来源：新华网</p>"
                     "</div></body></html>";
  BodyResult body = BodyOf(html);
  EXPECT_EQ(body.text, std::string(kParagraph1) + "\n" + kParagraph2);
}

TEST(Body, EnglishArticleSkipsShareAndRelatedBlocks) {
  std::string p1 =
      "The city council voted on Tuesday to approve a new budget for public libraries, "
      "ending months of debate over opening hours and staffing across the district.";
  std::string p2 =
      "Supporters said the decision would restore weekend service at six branches, while "
      "critics argued that the money should have gone to road repairs instead.";
  std::string html =
      "<html><body><nav><a href=/>Home</a> <a href=/world>World</a> <a href=/sport>Sport</a>"
      "</nav><article><h1>Council approves library budget</h1>"
      "<div class=share-tools><a href=#>Share on Facebook</a> <a href=#>Share on Twitter</a>"
      "</div><p>" +
      p1 + "</p><p>" + p2 +
      "</p><div class=related-articles><h3>Related</h3><ul>"
      "<li><a href=/a>Road repairs delayed again after winter storms</a></li>"
      "<li><a href=/b>School board elects a new chair for the coming year</a></li>"
      "</ul></div></article><footer>Copyright 2021 Example News. All rights reserved."
      "</footer></body></html>";
  BodyResult body = BodyOf(html, "https://news.example.com/2021/library");
  EXPECT_EQ(body.text, p1 + "\n" + p2);
}

TEST(Body, ImagesInsideTheTextAreResolvedWithAltText) {
  std::string html = std::string(
                         "<html><body><div class=logo><img src=/logo.png alt=Logo></div>"
                         "<div class=content><p>") +
                     kParagraph1 +
                     "</p><p><img src=\"../upload/2021/photo1.jpg\" alt=\"理事会议现场\"></p>"
                     "<p><img src=\"data:image/gif;base64,R0lGOD\" "
                     "data-src=\"//img.example.org/lazy.jpg\"></p><p>" +
                     kParagraph2 + "</p></div></body></html>";
  BodyResult body = BodyOf(html, "http://www.example.org/news/2021/1.html");
  ASSERT_EQ(body.images.size(), 2u);
  EXPECT_EQ(body.images[0].url, "http://www.example.org/news/upload/2021/photo1.jpg");
  EXPECT_EQ(body.images[0].alt.value_or(""), "理事会议现场");
  EXPECT_EQ(body.images[1].url, "http://img.example.org/lazy.jpg");
  EXPECT_FALSE(body.images[1].alt.has_value());
}

// tests/data/extract/body/table_layout.html: a trimmed association page (top menu, left
// column of column links and hot news, article cell with <br> paragraphs and a photo,
// prev/next and print/close lines, copyright and ICP footer).
TEST(Body, TableLayoutFixtureGivesTheArticleCellWithItsPhoto) {
  std::string dir = testing_support::TestDataDir() + "/extract/body/";
  std::string html = testing_support::ReadFileOrFail(dir + "table_layout.html");
  std::string url = testing_support::ReadFileOrFail(dir + "table_layout.url");
  while (!url.empty() && (url.back() == '\n' || url.back() == '\r')) url.pop_back();
  BodyResult body = BodyOf(html, url);
  EXPECT_EQ(body.text,
            "3月5日上午，协会在会议中心召开第三届理事会第二次会议，六十余名理事出席会议。\n"
            "会议审议通过了协会2020年工作报告和财务报告，研究部署了2021年的重点工作，会议认为，"
            "过去一年协会在服务会员、规范行业方面取得了明显成效。\n"
            "会长在讲话中指出，要进一步加强自身建设，提升服务能力，推动行业高质量发展，"
            "为会员企业办实事、解难题。");
  ASSERT_EQ(body.images.size(), 1u);
  EXPECT_EQ(body.images[0].url, "http://www.xiehui.example/upload/2021/hy.jpg");
  EXPECT_EQ(body.images[0].alt.value_or(""), "会议现场");
}

TEST(Body, EmptyPageHasEmptyBody) {
  for (const char* html : {"", "<html><head><title>x</title></head><body></body></html>",
                           "<html><body><script>var a = 1;</script></body></html>"}) {
    BodyResult body = BodyOf(html);
    EXPECT_EQ(body.text, "") << html;
    EXPECT_TRUE(body.images.empty()) << html;
  }
}

TEST(Body, ScriptsStylesAndFormsAreNotText) {
  std::string html = std::string("<html><body><div><style>p{color:red}</style><p>") + kParagraph1 +
                     "</p><script>document.write('广告');</script>"
                     "<form><input value=搜索><button>提交查询内容</button></form><p>" +
                     kParagraph2 + "</p></div></body></html>";
  BodyResult body = BodyOf(html);
  EXPECT_EQ(body.text, std::string(kParagraph1) + "\n" + kParagraph2);
}

TEST(Body, ExtractionIsLinearOnAHugeFlatPage) {
  // 20,000 paragraphs in one container: a quadratic walk would take minutes.
  std::string html = "<html><body><div>";
  for (int i = 0; i < 20000; ++i) html += std::string("<p>") + kParagraph1 + "</p>";
  html += "</div></body></html>";
  BodyResult body = BodyOf(html);
  EXPECT_GT(body.text.size(), 20000u * 100);
}

TEST(Body, ShortArticleBesideALongPictureNewsListIsKept) {
  std::string teasers;
  for (int i = 0; i < 8; ++i) {
    std::string href = "/t" + std::to_string(i) + ".html";
    teasers += "<li><a href=" + href + "><img src=/p.jpg></a><a href=" + href +
               ">图片新闻标题</a><p>5月22日，某地农户在基地采摘蓝莓，当地聚焦绿色发展目标，着力推进"
               "循环发展。<a href=" +
               href + ">【详细】</a></p></li>";
  }
  // Without teaser detection the list (eight summaries) outweighs the one-paragraph text.
  BodyResult body = BodyOf("<body><div class=main><div class=text><p>" + std::string(kParagraph1) +
                           "</p></div></div><div class=more><ul>" + teasers + "</ul></div></body>");
  EXPECT_EQ(body.text, kParagraph1);
}

TEST(Body, PreformattedTextKeepsItsLines) {
  BodyResult body = BodyOf(
      "<body><div><p>Run the following commands, in this order, to build the project.</p>"
      "<pre>$ cmake -S . -B build\n$ cmake --build build</pre></div></body>");
  EXPECT_EQ(body.text,
            "Run the following commands, in this order, to build the project.\n"
            "$ cmake -S . -B build\n$ cmake --build build");
}

TEST(Body, CommentsClassedAsSuchStayOutEvenWhenLongerThanTheText) {
  std::string comments;
  for (int i = 0; i < 12; ++i) {
    comments +=
        "<h4>re: 很高兴入住博客堂 2004-12-27</h4><p>欢迎欢迎，热烈欢迎，以后多多交流，"
        "期待更多的好文章。</p>";
  }
  BodyResult body = BodyOf("<body><div class=post><p>" + std::string(kParagraph2) +
                           "</p></div><div id=comments>" + comments + "</div></body>");
  EXPECT_EQ(body.text, kParagraph2);
}

}  // namespace
}  // namespace extract

namespace extract {
namespace {

// issue #3: a short news item marked itemprop="articleBody" lost to a longer footer text.
TEST(ExtractBody, ItempropArticleBodyBeatsALongerBlockElsewhere) {
  const std::string article =
      "<div itemprop=\"articleBody\">The son of a former president was stabbed to death on "
      "Tuesday, police said. Another man was critically injured trying to stop the assailant."
      "<div class=br></div>A suspect, 57, was arrested at the scene and is being questioned. "
      "The motive is not yet known, a police spokeswoman said.</div>";
  // The scoring alone takes the longer block, which lies elsewhere in the page.
  std::string contact = "<div class=contact>";
  for (int i = 0; i < 20; ++i) {
    contact +=
        "The customer service center can be contacted with any questions or requests, "
        "on Sundays through Thursdays between seven and two. ";
  }
  contact += "</div>";
  const std::string page = "<html><body><div class=story><h1>Stabbed to death</h1>" + article +
                           "</div><div class=info>" + contact + "</div></body></html>";
  BodyResult body = BodyOf(page);
  EXPECT_NE(body.text.find("A suspect, 57, was arrested"), std::string::npos) << body.text;
  EXPECT_EQ(body.text.find("customer service"), std::string::npos) << body.text;
  // Two marked bodies (a listing of teasers) are no signal.
  std::string listing = page;
  listing.insert(listing.find(article) + article.size(), article);
  EXPECT_NE(BodyOf(listing).text.find("customer service"), std::string::npos);
}

// A teaser of another article, as recommendation blocks print them: a linked headline and two
// sentences of its text.
std::string Teaser(int i) {
  return "<article class=\"post post-" + std::to_string(i) + "\"><h4><a href=/p/" +
         std::to_string(i) + ">另一篇文章的标题第" + std::to_string(i) +
         "篇</a></h4><p>这是另一篇文章的摘要，它讲述了另外一件事情，内容很长，和本文没有关系。"
         "读者可以点击标题阅读全文，了解更多的详细情况和背景信息。</p></article>";
}

// Issue #12 (body, the wrong block): a recommendation block opened by its heading ("猜你喜欢",
// "You may also like") is not the article's text, even when its teasers outweigh a short
// article and sit beside it in one wrapper.
TEST(ExtractBody, BlockOpenedByARelatedContentHeadingIsLeftOut) {
  for (const char* heading :
       {"猜你喜欢", "相关阅读：", "You may also like...", "Você pode gostar..."}) {
    std::string html = std::string("<body><div class=wrap><article class=\"post main\"><p>") +
                       kParagraph1 + "</p><p>" + kParagraph2 + "</p></article><section><h3>" +
                       heading + "</h3>";
    for (int i = 1; i <= 5; ++i) html += Teaser(i);
    html += "</section></div></body>";
    BodyResult b = BodyOf(html);
    EXPECT_TRUE(Has(b.text, kParagraph1)) << heading << "\n" << b.text;
    EXPECT_TRUE(Has(b.text, kParagraph2)) << heading;
    EXPECT_FALSE(Has(b.text, "另一篇文章")) << heading << "\n" << b.text;
  }
}

// A sidebar box whose heading comes before the article in the same wrapper is one block; the
// article after it stays whole. A heading that opens the column holding the headline (<h1>)
// is the column's first line, not a block of its own.
TEST(ExtractBody, RelatedHeadingLeavesTheArticleBesideItWhole) {
  std::string html = std::string("<body><div class=wrap><div class=box><div class=tit>") +
                     "<span>热点推荐</span></div><ul><li><a href=/1>热点新闻一</a></li>"
                     "<li><a href=/2>热点新闻二</a></li></ul></div><div class=text><p>" +
                     kParagraph1 + "</p><p>" + kParagraph2 + "</p><p>" + kParagraph3 +
                     "</p></div></div></body>";
  BodyResult b = BodyOf(html);
  EXPECT_TRUE(Has(b.text, kParagraph1)) << b.text;
  EXPECT_TRUE(Has(b.text, kParagraph3)) << b.text;

  std::string column =
      std::string("<body><div class=main><h3>最新文章</h3><h1>商会召开理事会议</h1><p>") +
      kParagraph1 + "</p><p>" + kParagraph2 + "</p></div></body>";
  EXPECT_TRUE(Has(BodyOf(column).text, kParagraph1));
}

TEST(IsRelatedContentHeading, WholeHeadingsOnly) {
  EXPECT_TRUE(IsRelatedContentHeading("相关新闻"));
  EXPECT_TRUE(IsRelatedContentHeading("推荐阅读 >>"));
  EXPECT_TRUE(IsRelatedContentHeading("Related Articles:"));
  EXPECT_FALSE(IsRelatedContentHeading("相关新闻发布会召开"));
  EXPECT_FALSE(IsRelatedContentHeading("Related to the case, police said"));
  EXPECT_FALSE(IsRelatedContentHeading(""));
}

// Issue #12 (body, the wrong block): a disclaimer box that outscores a short article is passed
// over for the next block; a page whose only text is such a box has no body.
TEST(ExtractBody, DisclaimerBoxIsPassedOverForTheArticle) {
  const std::string disclaimer =
      "<div><p>免责声明：本文仅代表作者个人观点，与本网无关。其原创性以及文中陈述文字和内容未经本站"
      "证实，对本文以及其中全部或者部分内容、文字的真实性、完整性、及时性本站不作任何保证或承诺，"
      "请读者仅作参考，并请自行核实相关内容。</p><p>凡本网注明“来源：XXX（非本网）”的作品，均转载自"
      "其它媒体，转载目的在于传递更多信息，并不代表本网赞同其观点和对其真实性负责。如有侵权，请联系"
      "删除。</p><p>版权所有，未经授权不得转载，违者必究。如需转载请注明出处并联系本网取得授权。"
      "</p></div>";
  std::string html = std::string("<body><table><tr><td><p>") + kParagraph1 +
                     "</p></td></tr></table>" + disclaimer + "</body>";
  BodyResult b = BodyOf(html);
  EXPECT_TRUE(Has(b.text, kParagraph1)) << b.text;
  EXPECT_FALSE(Has(b.text, "免责声明")) << b.text;
  EXPECT_TRUE(BodyOf("<body><p>图片新闻</p>" + disclaimer + "</body>").text.empty());
}

// Issue #12 (body, a disclaimer kept): a 免责声明 or "…不构成投资建议" box printed under the
// article, in its container or beside it, is prose to the scorer but not the article's text.
TEST(ExtractBody, DisclaimerUnderTheTextIsLeftOut) {
  const std::string inside =
      std::string("<body><div class=detail><h2>标题</h2><div><p>") + kParagraph1 + "</p><p>" +
      kParagraph2 + "</p><p>" + kParagraph3 +
      "</p></div><div>编辑：李娜</div><div><b>免责声明：</b>本网站所转载的"
      "文章版权归版权所有人所有，本站转载的内容仅出于传递更多信息之目的，"
      "并不意味着赞同其观点或证实其描述，文章内容仅供参考。</div></div></body>";
  BodyResult b = BodyOf(inside);
  EXPECT_TRUE(Has(b.text, kParagraph3)) << b.text;
  EXPECT_FALSE(Has(b.text, "免责声明")) << b.text;
  const std::string beside = std::string("<body><div><div id=artibody><p>") + kParagraph1 +
                             "</p><p>" + kParagraph2 +
                             "</p></div><div><p>新浪声明：此消息系转载"
                             "自合作媒体，登载此文出于传递更多信息之目的，文章内容仅供参考，"
                             "不构成投资建议。投资者据此操作，风险自担。</p></div></div></body>";
  b = BodyOf(beside);
  EXPECT_TRUE(Has(b.text, kParagraph2)) << b.text;
  EXPECT_FALSE(Has(b.text, "不构成投资建议")) << b.text;
  // A disclaimer sentence inside the text, with text after it, stays.
  const std::string middle = std::string("<body><div><p>") + kParagraph1 +
                             "</p><p>公司公告称，上述信息仅供参考，不构成投资建议，投资者据此操作，"
                             "风险自担，请投资者注意投资风险。</p><p>" +
                             kParagraph2 + "</p></div></body>";
  EXPECT_TRUE(Has(BodyOf(middle).text, "不构成投资建议"));
}

}  // namespace
}  // namespace extract
