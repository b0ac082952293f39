#include "extract/dates.h"

#include <gtest/gtest.h>

#include "tests/support/test_util.h"

namespace extract {
namespace {

std::string Parsed(std::string_view text, const DateParseOptions& o = {}) {
  auto v = ParseDateTime(text, o);
  if (!v) return "<none>";
  return v->has_time ? v->Rfc3339(480) : v->DateString();
}

TEST(ParseDateTime, ReadsTheFormatsOfChineseSites) {
  const std::pair<const char*, const char*> cases[] = {
      {"2009-07-16", "2009-07-16"},
      {"[日期:2009-07-16]", "2009-07-16"},
      {"2009/7/16", "2009-07-16"},
      {"2009.07.16", "2009-07-16"},
      {"2009.7.6", "2009-07-06"},
      {"2021年3月5日", "2021-03-05"},
      {"2021年03月05日", "2021-03-05"},
      {"2021 年 03 月 05 日", "2021-03-05"},
      {"2021年3月5号", "2021-03-05"},
      {"09年7月16日", "2009-07-16"},
      {"上传时间:2013/7/24 10:54:39", "2013-07-24T10:54:39+08:00"},
      {"2013-07-24 10:54", "2013-07-24T10:54:00+08:00"},
      {"２０２１年３月５日　１０：３０", "2021-03-05T10:30:00+08:00"},
      {"２０２１－０３－０５　１０：３０：１５", "2021-03-05T10:30:15+08:00"},
      {"2021年3月5日10时30分", "2021-03-05T10:30:00+08:00"},
      {"2021年3月5日 10时30分15秒", "2021-03-05T10:30:15+08:00"},
      {"2021年3月5日 10点30分", "2021-03-05T10:30:00+08:00"},
      {"2005-9-15 下午 03:46:00", "2005-09-15T15:46:00+08:00"},
      {"2005-9-15 上午 12:10", "2005-09-15T00:10:00+08:00"},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(Parsed(text), expected) << text;
}

// RFC 3339 / ISO 8601 timestamps keep their printed zone.
TEST(ParseDateTime, KeepsThePrintedZoneOfIsoTimestamps) {
  const std::pair<const char*, const char*> cases[] = {
      {"2021-03-05T08:30:00Z", "2021-03-05T08:30:00+00:00"},
      {"2021-03-05T08:30:00.123+09:00", "2021-03-05T08:30:00+09:00"},
      {"2021-03-05T08:30:00-0500", "2021-03-05T08:30:00-05:00"},
      {"2021-03-05T08:30", "2021-03-05T08:30:00+08:00"},
      {"Jun 7, 2023, 8:54 PM UTC", "2023-06-07T20:54:00+00:00"},
      {"2023-06-07 10:00 GMT+8", "2023-06-07T10:00:00+08:00"},
      {"2023-06-07 10:00 UTC+05:30", "2023-06-07T10:00:00+05:30"},
      {"2023-06-07 10:00 GMT+0800", "2023-06-07T10:00:00+08:00"},
      {"2023-06-07 10:00 EST", "2023-06-07T10:00:00-05:00"},
      {"2018-12-21 12:55:00+0100", "2018-12-21T12:55:00+01:00"},
      {"2021-03-05 09:00-11:30", "2021-03-05T09:00:00+08:00"},  // a range, not a zone
      {"2021-03-05T08:30:00+14:00", "2021-03-05T08:30:00+14:00"},
      // Beyond ±14:00 (found by the date fuzzer): no zone, so the site's.
      {"2012/7/24 20:54:21-1416", "2012-07-24T20:54:21+08:00"},
      {"2021-03-05T08:30:00+14:30", "2021-03-05T08:30:00+08:00"},
      {"2023-06-07 10:00 GMT+14:16", "2023-06-07T10:00:00+00:00"},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(Parsed(text), expected) << text;
}

TEST(ParseDateTime, ReadsEnglishMonthNames) {
  const std::pair<const char*, const char*> cases[] = {
      {"March 5, 2021", "2021-03-05"},
      {"5 Mar 2021", "2021-03-05"},
      {"5 March, 2021", "2021-03-05"},
      {"Sept. 12th, 2019", "2019-09-12"},
      {"Updated: APRIL 5, 2018 6:00 PM", "2018-04-05T18:00:00+08:00"},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(Parsed(text), expected) << text;
}

TEST(ParseDateTime, ReadsDayOrMonthFirstDatesOnlyWhenUnambiguous) {
  const std::pair<const char*, const char*> cases[] = {
      {"17/9/2004", "2004-09-17"},                            // a day above 12 comes first
      {"9/17/2004 5:54:13 AM", "2004-09-17T05:54:13+08:00"},  // a day above 12 comes second
      {"7/5/2005 9:23:57 PM", "2005-07-05T21:23:57+08:00"},   // AM/PM: a US server, month first
      {"16.07.2009", "2009-07-16"},
      {"1. 11. 2021", "2021-11-01"},  // dots: day first
      {"7/5/2005", "<none>"},         // either 7 May or 5 July
      {"07-05-2005", "<none>"},
      {"1/31/06", "<none>"},  // two-digit year
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(Parsed(text), expected) << text;
}

TEST(ParseDateTime, RejectsImpossibleDates) {
  for (const char* text : {"2009-13-01", "2009-02-30", "2009-00-10", "2009-07-32", "1985-05-01",
                           "1989年12月31日", "09-07-16", "v2.10.5", "电话:0851-85827722",
                           "20091301", "2023-02-29", "13/13/2009", "2009年13月1日"}) {
    EXPECT_EQ(Parsed(text), "<none>") << text;
  }
  EXPECT_EQ(Parsed("2024-02-29"), "2024-02-29");  // leap year
  EXPECT_EQ(Parsed("2000-02-29"), "2000-02-29");  // leap century
}

TEST(ParseDateTime, MinimumYearIsAnOption) {
  DateParseOptions o;
  o.min_year = 2000;
  EXPECT_EQ(Parsed("1999-12-31", o), "<none>");
  EXPECT_EQ(Parsed("2000-01-01", o), "2000-01-01");
}

TEST(ParseDateTime, DropsAnImpossibleTimeButKeepsTheDate) {
  EXPECT_EQ(Parsed("2021-03-05 25:10"), "2021-03-05");
  EXPECT_EQ(Parsed("2021-03-05 10:75"), "2021-03-05");
  EXPECT_EQ(Parsed("2021-03-05 13:10 PM"), "2021-03-05");
}

TEST(ParseDateTime, RejectsFutureDatesBeyondTheFetchDay) {
  DateParseOptions o;
  o.max_yyyymmdd = 20210306;
  EXPECT_EQ(Parsed("2021-03-06", o), "2021-03-06");
  EXPECT_EQ(Parsed("2021-03-07", o), "<none>");
  EXPECT_EQ(Parsed("2022年1月1日", o), "<none>");
}

TEST(ParseDateTime, TakesTheFirstValidDate) {
  EXPECT_EQ(Parsed("第2009-13-01号 发布于 2010-01-02"), "2010-01-02");
  EXPECT_EQ(Parsed("2011-05-06 至 2012-01-02"), "2011-05-06");
  DateParseOptions o;
  o.max_yyyymmdd = 20210306;
  EXPECT_EQ(Parsed("活动时间：2030-01-01，发布：2020-12-01", o), "2020-12-01");
}

TEST(ParseDateTime, FindsNothingInTextWithoutDates) {
  for (const char* text : {"", "   ", "浏览量:605次", "Copyright 2003-2021", "第2009期", "12:30",
                           "\xff\xfe\x80 2021"}) {
    EXPECT_EQ(Parsed(text), "<none>") << text;
  }
}

class ExtractDatesTest : public ::testing::Test {
 protected:
  DateFields Extract(const std::string& html, const std::string& url = "http://a.example/x") {
    auto parsed = ParseHtml(html);
    EXPECT_TRUE(parsed.has_value());
    doc_ = std::move(parsed->document);
    PageContext ctx{doc_, url, options_,
                    std::chrono::system_clock::from_time_t(1767225600)};  // 2026-01-01
    NodeId body = kNoNode;
    for (NodeId i = 0; i < static_cast<NodeId>(doc_.size()); ++i) {
      if (doc_.Attr(i, "id").value_or("") == "text") body = i;
    }
    return ExtractDates(ctx, body);
  }
  Document doc_;
  ExtractOptions options_;
};

const char* kParagraphs =
    "<p>这是文章的第一段，内容很长，讲述了商会召开会员大会的情况，与会代表进行了深入交流。</p>"
    "<p>这是文章的第二段，内容也很长，会议表彰了一批优秀会员企业，并部署了新一年的工作。</p>";

TEST_F(ExtractDatesTest, SeedHeaderGivesArticleDateAndUploadTime) {
  auto d = Extract(std::string("<table><tr><td><h1>标题</h1></td></tr>"
                               "<tr><td>浏览量:605次 &nbsp;上传时间:2013/7/24 10:54:39</td></tr>"
                               "<tr><td>来源:豫商网 [日期:2009-07-16]</td></tr>"
                               "<tr><td id=text>") +
                   kParagraphs + "</td></tr></table>");
  EXPECT_EQ(d.published_date.value_or(""), "2009-07-16");
  EXPECT_FALSE(d.published_at.has_value());
  EXPECT_EQ(d.updated_at.value_or(""), "2013-07-24T10:54:39+08:00");
  ASSERT_EQ(d.dates.size(), 2u);
  EXPECT_EQ(d.dates[0].label, "上传时间");
  EXPECT_EQ(d.dates[0].role, DateRole::kUpdated);
  EXPECT_EQ(d.dates[1].label, "日期");
  EXPECT_EQ(d.dates[1].role, DateRole::kPublished);
}

TEST_F(ExtractDatesTest, PublishTimeWithAPrintedTimeGivesPublishedAt) {
  auto d = Extract(std::string("<h1>标题</h1><div>发布时间：2021-03-05 09:30 来源：新华网</div>"
                               "<div id=text>") +
                   kParagraphs + "</div>");
  EXPECT_EQ(d.published_date.value_or(""), "2021-03-05");
  EXPECT_EQ(d.published_at.value_or(""), "2021-03-05T09:30:00+08:00");
  EXPECT_FALSE(d.updated_at.has_value());
}

TEST_F(ExtractDatesTest, SiteTimeZoneApplies) {
  options_.utc_offset_minutes = -300;
  auto d = Extract(std::string("<h1>T</h1><div>发布时间：2021-03-05 09:30</div><div id=text>") +
                   kParagraphs + "</div>");
  EXPECT_EQ(d.published_at.value_or(""), "2021-03-05T09:30:00-05:00");
}

TEST_F(ExtractDatesTest, SidebarListOfDatedLinksIsNotTheArticleDate) {
  auto d = Extract(std::string("<div class=side><ul>"
                               "<li><a href=/1>旧闻一 2019-01-01</a></li>"
                               "<li><a href=/2>旧闻二 2019-01-02</a></li></ul></div>"
                               "<h1>标题</h1><div>2021年3月5日</div><div id=text>") +
                   kParagraphs + "</div><div class=footer>Copyright 2003-2021</div>");
  EXPECT_EQ(d.published_date.value_or(""), "2021-03-05");
}

TEST_F(ExtractDatesTest, FallsBackToMetaJsonLdAndTimeElements) {
  auto meta = Extract(
      "<head><meta property='article:published_time' content='2020-07-10T12:00:00+00:00'>"
      "</head><body><p>No printed date here.</p></body>");
  EXPECT_EQ(meta.published_date.value_or(""), "2020-07-10");
  EXPECT_EQ(meta.published_at.value_or(""), "2020-07-10T12:00:00+00:00");
  auto ld = Extract(
      "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"x\","
      "\"datePublished\":\"2019-05-17\"}</script><p>text</p>");
  EXPECT_EQ(ld.published_date.value_or(""), "2019-05-17");
  auto time = Extract("<article><time datetime='2018-04-05'>April 5</time><p>x</p></article>");
  EXPECT_EQ(time.published_date.value_or(""), "2018-04-05");
}

TEST_F(ExtractDatesTest, UrlDateIsTheLastResort) {
  auto d = Extract("<p>nothing</p>", "http://a.example/news/2021/03/05/story.html");
  EXPECT_EQ(d.published_date.value_or(""), "2021-03-05");
  auto compact = Extract("<p>nothing</p>", "http://a.example/c/20210305/123.html");
  EXPECT_EQ(compact.published_date.value_or(""), "2021-03-05");
  auto none = Extract("<p>nothing</p>", "http://a.example/news/123456789.html");
  EXPECT_FALSE(none.published_date.has_value());
}

// Issue #11: the URL forms of Chinese CMSs (TRS, Hanweb, People's Daily-style) give the date of
// a page that prints none; published_date only, never a time.
TEST_F(ExtractDatesTest, UrlDatesOfChineseCmsPaths) {
  const std::pair<const char*, const char*> cases[] = {
      {"http://a.example/2021/0305/1001.html", "2021-03-05"},
      {"http://www.gov.example/zwgk/202103/t20210305_123456.html", "2021-03-05"},
      {"http://www.gov.example/art/2021/3/5/art_1229_5566.html", "2021-03-05"},
      {"http://news.example/2021-03/05/c_1127171.htm", "2021-03-05"},
      {"http://paper.example/n1/2021/0305/c1001-32043210.html", "2021-03-05"},
      {"http://a.example/content/202103/05/content_77.html", "2021-03-05"},
      {"http://a.example/upload/20210305143015_ab.html", "2021-03-05"},
      {"http://a.example/2021_03_05/notice.shtml", "2021-03-05"},
      // Not dates: ids, a number glued to others, impossible days, a query's date.
      {"http://a.example/news/120210305.html", ""},
      {"http://a.example/2021/1234/5.html", ""},
      {"http://a.example/2021/13/45/x.html", ""},
      {"http://a.example/show.asp?id=20210305", ""},
      {"http://a.example/calendar.jsp?date=2021-03-05", ""},
      {"http://20210305.example/x.html", ""},
  };
  for (const auto& [url, expected] : cases) {
    auto d = Extract("<p>nothing</p>", url);
    EXPECT_EQ(d.published_date.value_or(""), expected) << url;
    EXPECT_FALSE(d.published_at.has_value()) << url;
  }
}

TEST_F(ExtractDatesTest, PrintedDateBeatsTheUrlDate) {
  auto d = Extract(std::string("<h1>标题</h1><div>发布日期：2021-03-06</div><div id=text>") +
                       kParagraphs + "</div>",
                   "http://www.gov.example/zwgk/202103/t20210305_1.html");
  EXPECT_EQ(d.published_date.value_or(""), "2021-03-06");
}

// Issue #11: a page that prints only an upload line is dated by it, not by a date in its text.
TEST_F(ExtractDatesTest, UploadLineAloneIsThePublishedDate) {
  auto d =
      Extract(std::string("<h1>关于召开理事会议的通知</h1>"
                          "<div>上传时间:2013/7/24 10:54:39 点击:12</div><div id=text>"
                          "<p>定于2013年8月1日召开理事会议，请各理事单位准时参加，"
                          "会议地点另行通知。</p></div>"));
  EXPECT_EQ(d.published_date.value_or(""), "2013-07-24");
  EXPECT_EQ(d.published_at.value_or(""), "2013-07-24T10:54:39+08:00");
}

TEST_F(ExtractDatesTest, FutureDatesAreIgnored) {
  auto d = Extract(std::string("<h1>T</h1><div>日期：2030-01-01</div><div id=text>") + kParagraphs +
                   "</div>");
  EXPECT_FALSE(d.published_date.has_value());
}

TEST_F(ExtractDatesTest, LabelInTheCellBeforeTheDateCounts) {
  auto d = Extract(std::string("<h1>通告</h1><table>"
                               "<tr><td>成文日期：</td><td>2022年01月27日</td></tr>"
                               "<tr><td>发布日期：</td><td>2022年01月28日</td></tr></table>"
                               "<div id=text>") +
                   kParagraphs + "</div>");
  EXPECT_EQ(d.published_date.value_or(""), "2022-01-27");
  ASSERT_EQ(d.dates.size(), 2u);
  EXPECT_EQ(d.dates[0].label, "成文日期");
  EXPECT_EQ(d.dates[1].label, "发布日期");
}

TEST_F(ExtractDatesTest, UnlabelledDateBesideTheHeadlineIsTheArticleDate) {
  auto d = Extract(std::string("<div class=nav>首页 | 新闻</div><h1>商会召开会员大会</h1>"
                               "<p class=info><span>2005-05-07 10:23</span> · <span>苏皖城市报道"
                               "</span></p><div id=text>") +
                   kParagraphs + "</div>");
  EXPECT_EQ(d.published_date.value_or(""), "2005-05-07");
  EXPECT_EQ(d.published_at.value_or(""), "2005-05-07T10:23:00+08:00");
}

TEST_F(ExtractDatesTest, DateInsideALinkOfTheHeaderIsNotTaken) {
  auto d = Extract(std::string("<h1>标题</h1><div><a href=/old>上一篇 2019-01-01</a> "
                               "发表于 2021-03-05</div><div id=text>") +
                   kParagraphs + "</div>");
  EXPECT_EQ(d.published_date.value_or(""), "2021-03-05");
}

// Issue #12: the date of a recommended item, a comment or the page clock is not the article's.
TEST_F(ExtractDatesTest, DateOfARecommendedItemOrThePageClockIsNotTheArticles) {
  auto d = Extract(std::string("<div>今天是2021年3月9日 星期二</div><h1>标题</h1>"
                               "<div>最新推荐文章于 2021-03-08 22:12:13 发布</div>"
                               "<div><a href=/u/7>山间小站</a> 于 2021-03-05 15:47:53 发布</div>"
                               "<div id=text>") +
                   kParagraphs + "</div>");
  EXPECT_EQ(d.published_date.value_or(""), "2021-03-05");
  EXPECT_EQ(d.published_at.value_or(""), "2021-03-05T15:47:53+08:00");
}

// Issue #12: the printed time is not lost when the template puts it in an element of its own.
TEST_F(ExtractDatesTest, TimeInTheElementAfterTheDateIsTheDatesTime) {
  auto d = Extract(std::string("<h1>标题</h1><div class=pub><div class=day>2021年3月5日</div>"
                               "<div class=time>16:42</div></div><div id=text>") +
                   kParagraphs + "</div>");
  EXPECT_EQ(d.published_at.value_or(""), "2021-03-05T16:42:00+08:00");
  // A time that does not open the next line, or a date with more text after it, takes none.
  auto other = Extract(std::string("<h1>标题</h1><div>2021年3月5日 星期五</div><div>第16:42期</div>"
                                   "<div id=text>") +
                       kParagraphs + "</div>");
  EXPECT_EQ(other.published_date.value_or(""), "2021-03-05");
  EXPECT_FALSE(other.published_at) << *other.published_at;
}

// Issue #12: a date printed only in the byline box below the text is the article's.
TEST_F(ExtractDatesTest, DateInTheBylineBoxAfterTheTextIsTheArticlesWhenNoneIsAbove) {
  auto d = Extract(std::string("<h1>标题</h1><div id=text>") + kParagraphs +
                   "</div><div class=info>作者：张青  来源：东江晚报  2021-03-05 08:20</div>");
  EXPECT_EQ(d.published_date.value_or(""), "2021-03-05");
  // A related item below the text, without a byline word, gives none.
  auto other = Extract(std::string("<h1>标题</h1><div id=text>") + kParagraphs +
                       "</div><div class=more>商会年会闭幕，会员企业代表发言踊跃 2021-03-04</div>");
  EXPECT_FALSE(other.published_date) << *other.published_date;
}

// Issue #12: a comment's date, below a comment-classed element or a comment heading, is not the
// article's, even when it is labelled 发表时间 and the article prints only an 更新时间.
TEST_F(ExtractDatesTest, DatesInCommentAreasAreNotTheArticles) {
  const std::string header = "<h1>标题</h1><div>作者：佚名 更新时间：2009-7-16</div><div id=text>";
  auto classed = Extract(header + kParagraphs +
                         "</div><table class=Comment_border><tr><td>匿名 发表时间：2009-7-18 "
                         "10:31:07</td></tr><tr><td>很好。</td></tr></table>");
  EXPECT_EQ(classed.published_date.value_or(""), "2009-07-16");
  EXPECT_FALSE(classed.published_at) << *classed.published_at;
  auto headed = Extract(header + kParagraphs +
                        "</div><div><b>网友评论：</b>（只显示最新10条）</div><table><tr><td>"
                        "游客 发表时间：2009-7-18 10:31:07</td></tr></table>");
  EXPECT_EQ(headed.published_date.value_or(""), "2009-07-16");
  // An ASP.NET page wraps everything in a form, and a byline bar names its comment link
  // "date-and-comments": the article's date stays.
  auto form = Extract(std::string("<form id=form1><h1>标题</h1><div class=date-and-comments>"
                                  "<span>发布时间：2021-03-05 10:20</span> <a>评论</a></div>"
                                  "<div id=text>") +
                      kParagraphs + "</div></form>");
  EXPECT_EQ(form.published_at.value_or(""), "2021-03-05T10:20:00+08:00");
}

// Issue #12: a template that glues the date and the time in adjacent elements without a space
// ("<span>2021-03-05</span><span>10:54</span>", read "2021-03-0510:54") keeps both.
TEST_F(ExtractDatesTest, TimeGluedToTheDateFromTheNextElementIsKept) {
  auto d = Extract(std::string("<h1>标题</h1><div class=info><span class=date>2021-03-05</span>"
                               "<span class=time>10:54</span><span>来源：本会</span></div>"
                               "<div id=text>") +
                   kParagraphs + "</div>");
  EXPECT_EQ(d.published_at.value_or(""), "2021-03-05T10:54:00+08:00");
}

// Issue #12: the year alone in its element, the month and day in the next ones and the time
// after them ("<span class=year>2023</span><span class=day>07/21</span>", read "2023 07/21").
TEST_F(ExtractDatesTest, YearInAnElementOfItsOwnJoinsTheMonthAndDayAfterIt) {
  auto d = Extract(std::string("<div class=header-time><span class=year><em> 2023</em></span>"
                               "<span class=day><em> 07</em>/<em>21</em></span><span class=time>"
                               " 10:32:05</span></div><h1>标题</h1><div id=text>") +
                   kParagraphs + "</div>");
  EXPECT_EQ(d.published_at.value_or(""), "2023-07-21T10:32:05+08:00");
  // A count in its own element before a date-like pair is no year.
  auto count = Extract(std::string("<h1>标题</h1><div><span>1234</span> <span>5/6</span></div>"
                                   "<div id=text>") +
                       kParagraphs + "</div>");
  EXPECT_FALSE(count.published_date) << *count.published_date;
}

TEST_F(ExtractDatesTest, FooterDateIsNotTaken) {
  auto d = Extract(std::string("<h1>标题</h1><div id=text>") + kParagraphs +
                   "</div><div class=links>友情链接</div><div>相关阅读</div><div>推荐</div>"
                   "<div>专题</div><div>合作</div><div>关于我们</div><div>联系我们</div>"
                   "<div>网站地图</div><div>帮助</div><div>招聘</div><div>广告</div>"
                   "<div>隐私</div><div>条款</div><div>反馈</div><div>订阅</div><div>投稿</div>"
                   "<div class=footer>更新日期：2020-01-01 Copyright 2003-2021</div>");
  EXPECT_FALSE(d.published_date.has_value());
  EXPECT_FALSE(d.updated_at.has_value());
}

TEST_F(ExtractDatesTest, ForumPostDateBetweenPrepositionAndVerbIsFoundInTheText) {
  auto d = Extract(std::string("<div id=text>") + kParagraphs +
                   "<p>本贴由大卫于2005年8月12日16:12:21在〖心灵体操〗发表.</p>" + kParagraphs +
                   "</div>");
  EXPECT_EQ(d.published_date.value_or(""), "2005-08-12");
  EXPECT_EQ(d.published_at.value_or(""), "2005-08-12T16:12:21+08:00");
}

TEST_F(ExtractDatesTest, UsServerTimestampWithAmPmIsMonthFirst) {
  auto d = Extract(std::string("<h2>标题</h2><div>作者： 来源： 发布日期： 9/17/2004 5:54:13 AM"
                               "</div><div id=text>") +
                   kParagraphs + "</div>");
  EXPECT_EQ(d.published_date.value_or(""), "2004-09-17");
  EXPECT_EQ(d.published_at.value_or(""), "2004-09-17T05:54:13+08:00");
}

TEST_F(ExtractDatesTest, MetaPublishedTimeKeepsItsZoneAndModifiedTimeIsTheUpdate) {
  auto d = Extract(
      "<head><meta property='article:published_time' content='2020-07-10T12:00:00+00:00'>"
      "<meta property='article:modified_time' content='2020-07-11T09:00:00+00:00'></head>"
      "<body><p>No printed date here.</p></body>");
  EXPECT_EQ(d.published_date.value_or(""), "2020-07-10");
  EXPECT_EQ(d.published_at.value_or(""), "2020-07-10T12:00:00+00:00");
  EXPECT_EQ(d.updated_at.value_or(""), "2020-07-11T09:00:00+00:00");
}

TEST_F(ExtractDatesTest, MetadataDatePrintedOnThePageWinsOverAnotherOne) {
  auto d = Extract(
      "<head><meta property='article:published_time' content='2015-12-11T14:28:34Z'>"
      "<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
      "\"datePublished\":\"2015-10-15T02:19:15Z\"}</script></head>"
      "<body><div>Oct 15, 2015 · 18 min read</div><p>Text.</p></body>");
  EXPECT_EQ(d.published_date.value_or(""), "2015-10-15");
}

TEST_F(ExtractDatesTest, JsonLdInACdataSectionIsRead) {
  auto d = Extract(
      "<head><script type='application/ld+json'>\n<![CDATA[\n{\"@type\":\"Article\","
      "\"datePublished\":\"2018-04-05T06:00\"}\n]]>\n</script></head><body><p>x</p></body>");
  EXPECT_EQ(d.published_date.value_or(""), "2018-04-05");
}

TEST_F(ExtractDatesTest, TimeElementMarkedAsPublicationWinsOverOtherTimes) {
  auto d = Extract(
      "<body><aside><time datetime='2018-01-01'>Jan 1</time></aside><article>"
      "<time itemprop=datePublished datetime='2018-04-05T10:00:00+02:00'>April 5</time>"
      "<p>x</p></article></body>");
  EXPECT_EQ(d.published_date.value_or(""), "2018-04-05");
  EXPECT_EQ(d.published_at.value_or(""), "2018-04-05T10:00:00+02:00");
}

TEST_F(ExtractDatesTest, LastUpdatedLineDoesNotHideTheDeclaredPublicationDate) {
  auto d = Extract(
      "<head><script type='application/ld+json'>{\"@type\":\"NewsArticle\","
      "\"datePublished\":\"2020-07-10T14:15:42+00:00\"}</script></head>"
      "<body><h1>Title</h1><div>Last Updated: January 7, 2025</div><div id=text>"
      "<p>A long enough paragraph of English text that is the body of the article here.</p>"
      "</div></body>");
  EXPECT_EQ(d.published_date.value_or(""), "2020-07-10");
}

TEST_F(ExtractDatesTest, PageWithoutTextContainerStillFindsItsHeaderDate) {
  auto d = Extract("<h1>标题</h1><div>发布时间：2021-03-05</div>");
  EXPECT_EQ(d.published_date.value_or(""), "2021-03-05");
}

TEST_F(ExtractDatesTest, EmptyDocumentHasNoDates) {
  auto d = Extract("");
  EXPECT_FALSE(d.published_date.has_value());
  EXPECT_TRUE(d.dates.empty());
}

TEST_F(ExtractDatesTest, PrintedTimeTakesTheZoneOfTheSameInstantInMetadata) {
  auto d = Extract(
      "<head><meta property='article:published_time' content='2019-11-19T13:03:27Z'></head>"
      "<body><h1>Title</h1><div>November 19, 2019 8:03 AM</div><div id=text>"
      "<p>A long enough paragraph of English text that is the body of the article here.</p>"
      "</div></body>");
  EXPECT_EQ(d.published_at.value_or(""), "2019-11-19T08:03:00-05:00");
  auto other = Extract(
      "<head><meta property='article:published_time' content='2019-11-19T13:07:00Z'></head>"
      "<body><h1>Title</h1><div>November 19, 2019 8:03 AM</div><div id=text>"
      "<p>A long enough paragraph of English text that is the body of the article here.</p>"
      "</div></body>");
  EXPECT_EQ(other.published_at.value_or(""), "2019-11-19T08:03:00+08:00");
}

}  // namespace
}  // namespace extract
