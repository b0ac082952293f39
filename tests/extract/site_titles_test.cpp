#include "extract/site_titles.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/extractor.h"

namespace extract {
namespace {

using Names = std::vector<std::string>;

TEST(FindSiteDecoration, RemovesTheSuffixTheSiteShares) {
  // An association site: headline, column, site name; the columns differ from page to page.
  std::vector<std::string> site = {
      "关于开展会员信息更新工作的通知 - 通知公告 - 中国五金制品协会",
      "协会召开第八届理事会第三次会议 - 协会动态 - 中国五金制品协会",
      "2021年行业经济运行分析 - 行业资讯 - 中国五金制品协会",
      "秘书处赴会员企业调研 - 协会动态 - 中国五金制品协会",
      "新闻中心 - 中国五金制品协会",
  };
  auto d = FindSiteDecoration("简讯 - 协会动态 - 中国五金制品协会", site);
  EXPECT_EQ(d.headline, "简讯");
  EXPECT_EQ(d.names, (Names{"协会动态", "中国五金制品协会"}));
  EXPECT_FALSE(d.is_site_title);
}

TEST(FindSiteDecoration, ColumnExtendsTheSuffixOnlyWhenOtherPagesCarryIt) {
  std::vector<std::string> site = {"甲 - 协会动态 - 中国XX协会", "乙乙 - 通知公告 - 中国XX协会",
                                   "丙丙丙 - 行业资讯 - 中国XX协会",
                                   "丁丁丁 - 会员之家 - 中国XX协会"};
  // "协会动态" is on one other page only: the site's name goes, the column stays.
  auto d = FindSiteDecoration("年会纪要 - 协会动态 - 中国XX协会", site);
  EXPECT_EQ(d.headline, "年会纪要 - 协会动态");
  EXPECT_EQ(d.names, (Names{"中国XX协会"}));
  site.push_back("戊 - 协会动态 - 中国XX协会");
  d = FindSiteDecoration("年会纪要 - 协会动态 - 中国XX协会", site);
  EXPECT_EQ(d.headline, "年会纪要");
}

TEST(FindSiteDecoration, RemovesAPrefixAndBareSeparators) {
  std::vector<std::string> site = {"Chamber of Commerce | Annual report 2020",
                                   "Chamber of Commerce | Members meet in Shanghai",
                                   "Chamber of Commerce | Contact"};
  auto d = FindSiteDecoration("Chamber of Commerce | New board elected", site);
  EXPECT_EQ(d.headline, "New board elected");
  EXPECT_EQ(d.names, (Names{"Chamber of Commerce"}));
  // A bare hyphen between Han characters, and a space next to one, are separators too.
  std::vector<std::string> zh = {"协会召开年会-XX商会", "会员企业风采展示-XX商会",
                                 "关于举办培训班的通知 XX商会官网"};
  EXPECT_EQ(FindSiteDecoration("通知-XX商会", zh).headline, "通知");
}

TEST(FindSiteDecoration, KeepsAHeadlineWhoseEndingFewPagesShare) {
  // A series' kicker on two pages of ten is not the site's decoration.
  std::vector<std::string> site = {"走进会员企业——甲公司", "走进会员企业——乙公司"};
  for (int i = 0; i < 8; ++i) site.push_back("协会新闻第" + std::to_string(i) + "期");
  auto d = FindSiteDecoration("走进会员企业——丙公司", site);
  EXPECT_EQ(d.headline, "走进会员企业——丙公司");
  EXPECT_TRUE(d.names.empty());
  // Words and numbers are not cut: "COVID-19", "10:30".
  std::vector<std::string> en = {"Rules on COVID-19 tests", "Rules on COVID-19 masks"};
  EXPECT_EQ(FindSiteDecoration("New COVID-19 rules", en).headline, "New COVID-19 rules");
}

TEST(FindSiteDecoration, CopiesOfThePageAreNoEvidence) {
  // A following page or a duplicate shares the headline itself.
  std::vector<std::string> site = {"标题甲 - 新闻 - 协会", "标题甲 - 新闻 - 协会",
                                   "别的 - 新闻 - 协会"};
  auto d = FindSiteDecoration("标题甲 - 新闻 - 协会", site);
  EXPECT_EQ(d.headline, "标题甲 - 新闻 - 协会");  // one distinct other title only
  EXPECT_FALSE(d.is_site_title);                  // two copies are not "most of the site"
}

TEST(FindSiteDecoration, OneTitleOnEveryPageIsTheSiteName) {
  std::vector<std::string> site(5, "中国XX商会");
  site.push_back("联系我们");
  auto d = FindSiteDecoration("中国XX商会", site);
  EXPECT_TRUE(d.is_site_title);
  EXPECT_EQ(d.headline, "中国XX商会");
  EXPECT_FALSE(FindSiteDecoration("中国XX商会", {}).is_site_title);
}

TEST(SiteTitleMemory, KeepsTheLastTitlesPerSiteAndForgetsOldSites) {
  SiteTitleMemory memory(/*titles_per_site=*/2, /*max_sites=*/2);
  memory.Remember("a.example", "one");
  memory.Remember("a.example", "two");
  memory.Remember("a.example", "three");
  memory.Remember("a.example", "");  // no <title>: nothing to remember
  EXPECT_EQ(memory.Recall("a.example"), (Names{"two", "three"}));
  memory.Remember("b.example", "b");
  memory.Remember("c.example", "c");  // a.example was remembered first: forgotten
  EXPECT_TRUE(memory.Recall("a.example").empty());
  EXPECT_EQ(memory.Recall("c.example"), (Names{"c"}));
}

TEST(PeekTitleTag, DecodesAsTheExtractorDoes) {
  // GBK bytes of "<title>协会简讯 &amp; 通知</title>" without any charset declaration.
  std::string gbk =
      "<html><head><title>\xd0\xad\xbb\xe1\xbc\xf2\xd1\xb6 &amp; \xcd\xa8\xd6\xaa"
      "</title></head><body><p>\xd0\xad\xbb\xe1</p></body></html>";
  EXPECT_EQ(PeekTitleTag(gbk, "text/html; charset=gbk"), "协会简讯 & 通知");
  EXPECT_EQ(PeekTitleTag("<p>no title</p>", std::nullopt), "");
  // The title is read where the parser finds it, not inside a comment.
  EXPECT_EQ(PeekTitleTag("<!-- <title>old</title> --><TITLE>New</TITLE>", std::nullopt), "New");
}

// A table-layout page of an old association site: every page's <title> is the site's name,
// which the footer prints; the headline is a bold line above the text.
std::string ConstantTitlePage(const std::string& headline) {
  return "<html><head><meta charset=utf-8><title>中国XX商会</title></head><body>"
         "<table><tr><td><a href=/>首页</a> <a href=/news/>商会动态</a></td></tr>"
         "<tr><td><b>" +
         headline +
         "</b></td></tr><tr><td>日期：2021-03-05</td></tr>"
         "<tr><td "
         "id=text><p>3月5日，商会召开第六届会员大会，会议审议通过了理事会工作报告和财务报告，"
         "选举产生了新一届理事会。</p><p>会长在讲话中回顾了过去五年的工作，提出了今后的工作思路，"
         "要求各会员单位加强交流合作，共同推动行业发展。</p><p>来自全国各地的两百多名会员代表参加了"
         "会议。</p></td></tr><tr><td>版权所有：中国XX商会</td></tr></table></body></html>";
}

TEST(ExtractArticleWithSiteTitles, ASiteWideTitleGivesWayToTheHeadline) {
  std::string html = ConstantTitlePage("商会召开第六届会员大会");
  ExtractInput input{html, "http://www.xxsh.org.cn/news/2021/0305.html", "text/html"};
  auto alone = ExtractArticle(input);
  ASSERT_TRUE(alone.has_value());
  EXPECT_EQ(alone->title, "中国XX商会");  // what a single page allows
  EXPECT_EQ(alone->title_tag, "中国XX商会");
  std::vector<std::string> site(6, "中国XX商会");
  input.site_titles = site;
  auto with_site = ExtractArticle(input);
  ASSERT_TRUE(with_site.has_value());
  EXPECT_EQ(with_site->title, "商会召开第六届会员大会");
}

TEST(ExtractArticleWithSiteTitles, ALongSiteNameAfterAShortHeadlineIsDecoration) {
  std::string html =
      "<html><head><meta charset=utf-8><title>简讯 - 协会动态 - 中国五金制品协会官方网站</title>"
      "</head><body><div class=content><p>3月5日，协会秘书处召开全体工作人员会议，传达学习了"
      "全国两会精神，部署了下一阶段的重点工作任务。</p><p>会议要求全体人员提高认识，狠抓落实，"
      "确保全年各项工作目标顺利完成。</p></div></body></html>";
  ExtractInput input{html, "http://www.cnhfa.org/news/1.html", "text/html"};
  auto alone = ExtractArticle(input);
  ASSERT_TRUE(alone.has_value());
  EXPECT_EQ(alone->title, "中国五金制品协会官方网站");  // the longest segment wins alone
  std::vector<std::string> site = {"协会召开理事会 - 协会动态 - 中国五金制品协会官方网站",
                                   "关于缴纳会费的通知 - 通知公告 - 中国五金制品协会官方网站",
                                   "行业运行分析 - 行业资讯 - 中国五金制品协会官方网站"};
  input.site_titles = site;
  auto with_site = ExtractArticle(input);
  ASSERT_TRUE(with_site.has_value());
  EXPECT_EQ(with_site->title, "简讯");
}

}  // namespace
}  // namespace extract
