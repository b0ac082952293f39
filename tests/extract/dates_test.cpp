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
      {"2021年3月5日", "2021-03-05"},
      {"2021 年 03 月 05 日", "2021-03-05"},
      {"上传时间:2013/7/24 10:54:39", "2013-07-24T10:54:39+08:00"},
      {"2013-07-24 10:54", "2013-07-24T10:54:00+08:00"},
      {"２０２１年３月５日　１０：３０", "2021-03-05T10:30:00+08:00"},
      {"2021年3月5日10时30分", "2021-03-05T10:30:00+08:00"},
      {"2021-03-05T08:30:00Z", "2021-03-05T08:30:00+00:00"},
      {"2021-03-05T08:30:00.123+09:00", "2021-03-05T08:30:00+09:00"},
      {"March 5, 2021", "2021-03-05"},
      {"5 Mar 2021", "2021-03-05"},
      {"Sept. 12th, 2019", "2019-09-12"},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(Parsed(text), expected) << text;
}

TEST(ParseDateTime, RejectsImpossibleDates) {
  for (const char* text : {"2009-13-01", "2009-02-30", "2009-00-10", "1985-05-01", "09-07-16",
                           "v2.10.5", "电话:0851-85827722", "20091301", "2023-02-29"}) {
    EXPECT_EQ(Parsed(text), "<none>") << text;
  }
  EXPECT_EQ(Parsed("2024-02-29"), "2024-02-29");  // leap year
}

TEST(ParseDateTime, RejectsFutureDatesBeyondTheFetchDay) {
  DateParseOptions o;
  o.max_yyyymmdd = 20210306;
  EXPECT_EQ(Parsed("2021-03-06", o), "2021-03-06");
  EXPECT_EQ(Parsed("2021-03-07", o), "<none>");
}

TEST(ParseDateTime, TakesTheFirstValidDate) {
  EXPECT_EQ(Parsed("第2009-13-01号 发布于 2010-01-02"), "2010-01-02");
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

TEST_F(ExtractDatesTest, FutureDatesAreIgnored) {
  auto d = Extract(std::string("<h1>T</h1><div>日期：2030-01-01</div><div id=text>") + kParagraphs +
                   "</div>");
  EXPECT_FALSE(d.published_date.has_value());
}

}  // namespace
}  // namespace extract
