#include "extract/boilerplate_patterns.h"

#include <gtest/gtest.h>

namespace extract {
namespace {

TEST(IsBoilerplateLine, MetadataPrevNextShareCopyrightAndEditorLinesAreBoilerplate) {
  for (const char* line :
       {"来源：新华网", "【来源：人民日报】", "发布时间：2021-03-05", "浏览次数：123",
        "上一篇：协会召开会议", "下一条：没有了", "分享到：", "【打印本页】【关闭窗口】",
        "（责任编辑：张三）", "【编辑：李四】", "原标题：旧标题", "Copyright © 2021 Example",
        "版权所有：某某协会", "京ICP备12345678号-1", "当前位置：首页 > 新闻"}) {
    EXPECT_TRUE(IsBoilerplateLine(line)) << line;
  }
}

TEST(IsBoilerplateLine, ArticleSentencesAreNotBoilerplate) {
  for (const char* line : {"3月5日上午，协会召开第三届理事会第二次会议。",
                           "The council approved the budget on Tuesday.", "会议认为，来源广泛。"}) {
    EXPECT_FALSE(IsBoilerplateLine(line)) << line;
  }
}

TEST(IsBreadcrumbLine, HomeFollowedBySeparatorsIsABreadcrumb) {
  EXPECT_TRUE(IsBreadcrumbLine("首页 > 新闻动态 > 正文"));
  EXPECT_TRUE(IsBreadcrumbLine("首页 - 新闻动态"));
  EXPECT_TRUE(IsBreadcrumbLine("Home » World"));
  EXPECT_FALSE(IsBreadcrumbLine("首页"));
  EXPECT_FALSE(IsBreadcrumbLine("协会首页改版上线 > 欢迎访问"));
}

TEST(IsPaginationText, PageNumbersAndPagingWordsArePagination) {
  for (const char* text : {"2", "下一页", "尾页", "第3页", "Next »", "»"}) {
    EXPECT_TRUE(IsPaginationText(text)) << text;
  }
  for (const char* text : {"协会召开理事会", "2021年工作报告", ""}) {
    EXPECT_FALSE(IsPaginationText(text)) << text;
  }
}

TEST(IsMarkupLine, TagSourceShownAsTextIsMarkup) {
  EXPECT_TRUE(IsMarkupLine("<img height=\"1\" width=\"1\" src=\"http://a/p\">"));
  EXPECT_FALSE(IsMarkupLine("a < b and c > d"));
  EXPECT_FALSE(IsMarkupLine("<3 >"));
}

TEST(HasClassOrIdToken, MatchesWholeTokensAndDashParts) {
  auto parsed = ParseHtml(
      "<div class=\"main-nav x\"></div><div class=navigate></div>"
      "<div id=sharing-with-a-single-developer></div><div id=footer_links></div>");
  ASSERT_TRUE(parsed.has_value());
  const Document& doc = parsed->document;
  std::vector<NodeId> divs = doc.FindAll("div");
  ASSERT_EQ(divs.size(), 4u);
  EXPECT_TRUE(HasClassOrIdToken(doc, divs[0], BoilerplateClassTokens()));
  EXPECT_FALSE(HasClassOrIdToken(doc, divs[1], BoilerplateClassTokens()));
  EXPECT_FALSE(HasClassOrIdToken(doc, divs[2], BoilerplateClassTokens()));  // a heading slug
  EXPECT_TRUE(HasClassOrIdToken(doc, divs[3], BoilerplateClassTokens()));
}

}  // namespace
}  // namespace extract
