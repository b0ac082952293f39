#include "extract/title.h"

#include <gtest/gtest.h>

#include "tests/support/test_util.h"

namespace extract {
namespace {

std::optional<std::string> TitleOf(const std::string& html) {
  auto parsed = ParseHtml(html);
  EXPECT_TRUE(parsed.has_value());
  if (!parsed) return std::nullopt;
  ExtractOptions options;
  PageContext ctx{parsed->document, "http://site.example/a.html", options, {}};
  return ExtractTitle(ctx, kNoNode);
}

// As TitleOf, with the element whose id is "text" as the body container.
std::optional<std::string> TitleAboveText(const std::string& html) {
  auto parsed = ParseHtml(html);
  EXPECT_TRUE(parsed.has_value());
  if (!parsed) return std::nullopt;
  const Document& doc = parsed->document;
  NodeId container = kNoNode;
  for (NodeId i = 0; i < static_cast<NodeId>(doc.size()); ++i) {
    if (doc.Attr(i, "id").value_or("") == "text") container = i;
  }
  EXPECT_NE(container, kNoNode);
  ExtractOptions options;
  PageContext ctx{doc, "http://site.example/a.html", options, {}};
  return ExtractTitle(ctx, container);
}

TEST(StripTitleDecoration, RemovesSiteAndColumnNames) {
  struct Case {
    const char* title;
    const char* want;
  };
  const Case cases[] = {
      {"精心谋划大招商 全力以赴办盛会_贵州豫商网", "精心谋划大招商 全力以赴办盛会"},
      {"宇航员在太空中喝酒会怎么样？后果很严重 _探索者 _光明网",
       "宇航员在太空中喝酒会怎么样？后果很严重"},
      {"Council approves the budget - 新华网", "Council approves the budget"},
      {"Council approves the budget | Site", "Council approves the budget"},
      {"Site | The council approves the budget after a long debate",
       "The council approves the budget after a long debate"},
      {"Friday Facts #282 - 0.17 in sight | Factorio", "Friday Facts #282 - 0.17 in sight"},
      {"新闻动态--中国地理学会官网", "新闻动态"},
      {"-铜雀历史网", ""},
      {"  Plain title  ", "Plain title"},
  };
  for (const Case& c : cases) EXPECT_EQ(StripTitleDecoration(c.title), c.want) << c.title;
}

TEST(ExtractTitle, InPageHeadlineMatchingTitleWins) {
  EXPECT_EQ(TitleOf("<title>精心谋划大招商 全力以赴办盛会_贵州豫商网</title><body>"
                    "<div class=nav><a href=/>首页</a><a href=/n>新闻中心</a></div>"
                    "<td><strong>精心谋划大招商 全力以赴办盛会</strong></td>"
                    "<p>正文。</p></body>")
                .value_or(""),
            "精心谋划大招商 全力以赴办盛会");
}

TEST(ExtractTitle, SiteNameFirstIsChosenByTheInPageHeadline) {
  EXPECT_EQ(TitleOf("<title>Daily Planet - Council approves budget</title><body>"
                    "<h1>Council approves budget</h1><p>Text.</p></body>")
                .value_or(""),
            "Council approves budget");
}

TEST(ExtractTitle, ColumnNameIsNotTaken) {
  // <title> holds only the column and site names; the headline is printed above the text.
  EXPECT_EQ(TitleOf("<title>新闻动态--中国某某学会</title><body>"
                    "<div><h3>首页 - 新闻动态</h3></div>"
                    "<div><h5>2019年学术年会在重庆成功举行！</h5><p>正文内容。</p></div></body>")
                .value_or(""),
            "2019年学术年会在重庆成功举行！");
  EXPECT_EQ(TitleOf("<title>协会动态</title><body><ul><li><a href=/d>协会动态</a></li></ul>"
                    "<h2>协会召开理事会</h2><p>正文内容。</p></body>")
                .value_or(""),
            "协会召开理事会");
}

TEST(ExtractTitle, OgTitleLosesTheSiteNameOfTheTitle) {
  EXPECT_EQ(TitleOf("<head><title>How to Build a Terrarium (with Pictures) | eHow</title>"
                    "<meta property=og:title content=\"How to Build a Terrarium | eHow\"></head>"
                    "<body><p>Text.</p></body>")
                .value_or(""),
            "How to Build a Terrarium");
}

TEST(ExtractTitle, HeadlineBoxWithDateLineIsNotTheHeadline) {
  EXPECT_EQ(TitleOf("<title>以战时内阁审查重启停火谈判提案_中国青年网</title><body>"
                    "<div class=page_title><h1>以战时内阁审查重启停火谈判提案</h1>"
                    "<div>发稿时间：2024-05-20 13:15:00 来源：央视新闻客户端</div></div>"
                    "<p>正文。</p></body>")
                .value_or(""),
            "以战时内阁审查重启停火谈判提案");
}

TEST(ExtractTitle, JsonLdHeadlineConfirmsAHeadingAndBeatsOgTitle) {
  // No <title> confirmation: the JSON-LD headline picks the <h2> among the headings.
  EXPECT_EQ(TitleOf("<html><head><title>Daily News</title><script type=\"application/ld+json\">"
                    "{\"@type\":\"NewsArticle\",\"headline\":\"Council approves the budget\"}"
                    "</script></head><body><h2>Latest stories</h2><h2>Council approves the "
                    "budget</h2><p>The council approved the budget on Monday.</p></body></html>"),
            "Council approves the budget");
  // Without an in-page headline it comes before og:title, which repeats the site name.
  EXPECT_EQ(TitleOf("<html><head><meta property=\"og:title\" content=\"Mayor resigns | Daily\">"
                    "<meta property=\"og:site_name\" content=\"Daily\">"
                    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                    "\"headline\":\"Mayor resigns after a long dispute\"}</script></head>"
                    "<body><p>Text.</p></body></html>"),
            "Mayor resigns after a long dispute");
}

TEST(ExtractTitle, TitleThePageNeverShowsGivesWayToTheBoldLineJustAboveTheText) {
  // <title> is the site's name on every page; the headline is a bold table cell above the
  // text, with the date line between.
  const std::string page =
      "<html><head><title>北医新闻网</title></head><body><table>"
      "<tr><td><a href=/>首页</a> <a href=/news/>新闻</a> <a href=/about/>关于</a></td></tr>"
      "<tr><td><b>李简——新外科运动向我们走来</b></td></tr><tr><td>2005-03-01</td></tr>"
      "<tr><td id=text><p>外科学正在经历一场新的运动，微创技术改变了手术的面貌。</p>"
      "<p>第二段正文。</p></td></tr></table></body></html>";
  EXPECT_EQ(TitleAboveText(page).value_or(""), "李简——新外科运动向我们走来");
  // Shown on the page (here in the footer), <title> stays the answer.
  std::string shown = page;
  shown.insert(shown.find("</body>"), "<p>北医新闻网</p>");
  EXPECT_EQ(TitleAboveText(shown).value_or(""), "北医新闻网");
  // A bold line further above the text than a couple of lines is not its headline.
  std::string far = page;
  far.insert(far.find("<tr><td>2005-03-01"),
             "<tr><td>一行</td></tr><tr><td>两行</td></tr><tr><td>三行</td></tr>");
  EXPECT_EQ(TitleAboveText(far).value_or(""), "北医新闻网");
  // Nor is a counter.
  std::string counter = page;
  counter.replace(counter.find("<b>李简"), std::string("<b>李简——新外科运动向我们走来</b>").size(),
                  "<b>12066</b>");
  EXPECT_EQ(TitleAboveText(counter).value_or(""), "北医新闻网");
}

TEST(ExtractTitle, BoldFirstLineOfTheTextStandsForAnUnseenTitle) {
  const std::string text =
      "<p>人心不会熄灭，但它可能蒙上灰烬而不再燃烧。灰烬本来是燃烧的产物，但它反过来又抑制了燃烧。"
      "</p><p>第二段正文。</p>";
  // "显示" (show) is the script's name, never printed as a line of the page.
  EXPECT_EQ(TitleAboveText("<title>显示</title><body><div id=text><p align=center><b>犬儒病(上)"
                           "</b></p>" +
                           text + "<p><a href=#>显示全部评论</a></p></div></body>")
                .value_or(""),
            "犬儒病(上)");
  // A heading there that differs from an unseen <title> may be a section's: <title> stays.
  EXPECT_EQ(TitleAboveText("<title>Daring Fireball: Colophon</title><body><div id=text>"
                           "<h1>About This Site</h1>" +
                           text + "</div></body>")
                .value_or(""),
            "Daring Fireball: Colophon");
  // Without any <title>, the first line of the text beats a later bold line.
  EXPECT_EQ(TitleAboveText("<body><div id=text><p><b>北京市儿童心理素质发展现状调查研究报告</b></p>"
                           "<p>课题组</p><p><b>一、基本情况</b></p>" +
                           text + "</div></body>")
                .value_or(""),
            "北京市儿童心理素质发展现状调查研究报告");
}

TEST(ExtractTitle, BoldLineAboveTheTextBeatsATitleThatIsTheSitesName) {
  // A forum thread: <title> is the board's name, also the first link of the breadcrumb.
  EXPECT_EQ(
      TitleAboveText("<title>网易娱乐</title><body><p><a href=/ent/>网易娱乐</a> &gt; 电影版"
                     "</p><table><tr><td><font color=red>《清洁》：东方式内敛与摇滚现实绘</font>"
                     "</td></tr><tr><td><a href=/u/1>眉间尺</a></td><td id=text><p>不得不承认，"
                     "如果没有张曼玉在戛纳封后，就很少有人会去关注《清洁》这部法国电影。</p>"
                     "</td></tr></table></body>")
          .value_or(""),
      "《清洁》：东方式内敛与摇滚现实绘");
}

TEST(ExtractTitle, ShortHeadlineConfirmedByOgTitleBeatsTheJsonLdHeadline) {
  // Wikipedia: a three-character name as <h1>, og:title and in <title>, the short
  // description as the JSON-LD headline.
  EXPECT_EQ(TitleOf("<html><head><title>金锺国 - 维基百科，自由的百科全书</title>"
                    "<meta property=\"og:title\" content=\"金锺国\">"
                    "<script type=\"application/ld+json\">{\"@type\":\"Article\","
                    "\"name\":\"金锺国\",\"headline\":\"韓國男藝人\"}</script></head>"
                    "<body><h1>金锺国</h1><p>金锺国是韩国男歌手。</p></body></html>")
                .value_or(""),
            "金锺国");
  // Unconfirmed, a short bold line is no headline.
  EXPECT_EQ(TitleOf("<html><head><title>商会举办新春联谊会_某某商会</title></head><body>"
                    "<p><b>新闻</b></p><p>商会举办了新春联谊会。</p></body></html>")
                .value_or(""),
            "商会举办新春联谊会");
}

TEST(ExtractTitle, DublinCoreAndCitationTitlesServeLikeOgTitle) {
  // <title> holds only the site's name and no element marks the headline.
  for (const char* meta : {"<meta name=\"DC.Title\" content=\"Storage of user data\">",
                           "<meta name=\"dcterms.title\" content=\"Storage of user data\">",
                           "<meta name=\"citation_title\" content=\"Storage of user data\">"}) {
    EXPECT_EQ(TitleOf(std::string("<html><head><title>Standards Library</title>") + meta +
                      "</head><body><p>Text of the page, long enough.</p></body></html>")
                  .value_or(""),
              "Storage of user data")
        << meta;
  }
  // og:title comes first; an empty one is skipped.
  EXPECT_EQ(TitleOf("<html><head><meta name=citation_title content=\"Second choice\">"
                    "<meta property=og:title content=\"First choice\">"
                    "<meta name=DC.Title content=\"  \"></head><body><p>Text.</p></body></html>")
                .value_or(""),
            "First choice");
}

// issue #3: a Sphinx page's project-name <h1> (as long as the headline segment of <title>)
// was taken for the headline, and the real <h1> lost to its "¶" permalink.
TEST(ExtractTitle, SameLengthSiteSegmentAndPermalinkMarkDoNotHideTheHeadline) {
  EXPECT_EQ(TitleOf("<title>Evolve: Shared Mutable History — evolve extension for Mercurial</title>"
                    "<body><h1 class=heading><a href=index.html>evolve extension for "
                    "Mercurial</a></h1><div class=body><h1><a class=toc-backref href=#id4>"
                    "Evolve: Shared Mutable History</a><a class=headerlink href=#evolve>¶</a>"
                    "</h1><p>Text of the page.</p></div></body>")
                .value_or(""),
            "Evolve: Shared Mutable History");
}

TEST(ExtractTitle, PermalinkMarksAreCutFromHeadings) {
  struct Case {
    const char* heading;
    const char* want;
  };
  const Case cases[] = {
      {"<h1>Release notes<a class=headerlink href=#release-notes>¶</a></h1>", "Release notes"},
      {"<h2><a href=#rules aria-hidden=true>#</a> House rules for guests</h2>",
       "House rules for guests"},
      {"<h1>Section five <a href=#s5>§</a></h1>", "Section five"},
      // Not an in-page anchor, or not a mark: part of the headline.
      {"<h1>Why we love C<a href=/tags/c>#</a></h1>", "Why we love C#"},
      {"<h1>Council approves the budget <a href=#more>more</a></h1>",
       "Council approves the budget more"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(TitleOf(std::string("<body>") + c.heading + "<p>Text.</p></body>").value_or(""),
              c.want)
        << c.heading;
  }
}

TEST(ExtractTitle, EmptyPageHasNoTitle) { EXPECT_FALSE(TitleOf("").has_value()); }

// Issue #12, title class 3: multi-segment decoration joined by bare hyphens, as portals' channel
// pages write it ("标题-股票频道-和讯网"), with or without the headline printed on the page.
TEST(ExtractTitle, BareHyphenDecorationOfChannelAndSite) {
  const std::string title = "中国平安一季度净利润同比增长-股票频道-和讯网";
  EXPECT_EQ(TitleOf("<title>" + title + "</title><body><p>正文</p></body>").value_or(""),
            "中国平安一季度净利润同比增长");
  EXPECT_EQ(TitleAboveText("<title>" + title +
                           "</title><body><h2>热门推荐</h2><h1>中国平安一季度净利润同比增长</h1>"
                           "<div id=text><p>正文第一段，内容很长。</p></div></body>")
                .value_or(""),
            "中国平安一季度净利润同比增长");
  EXPECT_EQ(StripTitleDecoration("关于做好防汛工作的通知-市应急管理局网"),
            "关于做好防汛工作的通知");
  // Hyphens inside a headline stay: numbers, Latin words, a subtitle that is no site name.
  for (const char* whole :
       {"2021-2022学年第一学期校历", "COVID-19疫情防控工作指引", "商会召开年会-共谋发展新篇章"}) {
    EXPECT_EQ(StripTitleDecoration(whole), whole);
  }
}

// A heading that is <title> minus a longer part is a blog's or site's name, not the headline.
TEST(ExtractTitle, ShortPrefixOfTitleIsNotConfirmedAsTheHeadline) {
  EXPECT_EQ(TitleAboveText("<title>Silicon Exposed: Open Verilog flow for Silego GreenPak4 "
                           "programmable logic devices</title><body><h1>Silicon Exposed</h1>"
                           "<h3>Open Verilog flow for Silego GreenPak4 programmable logic "
                           "devices</h3><div id=text><p>I've written a couple of posts in the "
                           "past few months.</p></div></body>")
                .value_or(""),
            "Open Verilog flow for Silego GreenPak4 programmable logic devices");
}

// Issue #12, title class 3: a bracketed kicker glued before the headline is left out; a
// bracket that is the whole title, or a long bracketed phrase, stays.
TEST(ExtractTitle, BracketedKickerIsLeftOut) {
  EXPECT_EQ(TitleOf("<title>【独家】商会召开第三届理事会_某某网</title>").value_or(""),
            "商会召开第三届理事会");
  EXPECT_EQ(TitleOf("<title>[视频] 协会年会精彩回顾</title>").value_or(""), "协会年会精彩回顾");
  EXPECT_EQ(TitleOf("<title>【关于进一步加强行业协会自律工作的通知】</title>").value_or(""),
            "【关于进一步加强行业协会自律工作的通知】");
  EXPECT_EQ(TitleOf("<title>[2021]年度报告</title>").value_or(""), "[2021]年度报告");
}

// Issue #12, title class 3: a subtitle under the headline (classed so, opening with a dash, or
// the next heading) is never the title, and a <title> that joins headline and subtitle confirms
// the headline.
TEST(ExtractTitle, SubtitleUnderTheHeadlineIsLeftOut) {
  const std::string body =
      "<div id=text><p>3月5日，中国XX协会第五届会员代表大会在北京召开，三百余名会员代表出席。"
      "</p><p>大会选举产生了第五届理事会和监事会。</p></div></body>";
  const std::string joined_title =
      "<title>协会召开第五届会员代表大会 选举产生新一届理事会和监事会_中国XX协会</title><body>"
      "<h1>协会召开第五届会员代表大会</h1>";
  EXPECT_EQ(
      TitleAboveText(joined_title + "<h3>——选举产生新一届理事会和监事会</h3>" + body).value_or(""),
      "协会召开第五届会员代表大会");
  EXPECT_EQ(
      TitleAboveText(joined_title + "<div class=subtitle>选举产生新一届理事会和监事会</div>" + body)
          .value_or(""),
      "协会召开第五届会员代表大会");
  EXPECT_EQ(
      TitleAboveText(joined_title + "<h3>选举产生新一届理事会和监事会</h3>" + body).value_or(""),
      "协会召开第五届会员代表大会");
  // Without <title>'s help, a dashed subtitle still is not taken for the headline.
  EXPECT_EQ(TitleAboveText("<body><h1>协会召开第五届会员代表大会</h1><h3>——选举产生新一届理事会"
                           "</h3>" +
                           body)
                .value_or(""),
            "协会召开第五届会员代表大会");
}

}  // namespace
}  // namespace extract
