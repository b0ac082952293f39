#include "extract/metadata.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/metadata_patterns.h"
#include "tests/support/test_util.h"

namespace extract {
namespace {

constexpr char kPageUrl[] = "http://www.example.org/news/ShowNews.asp?id=1052";

// Paragraphs long enough to be the article text.
constexpr char kText[] =
    "<p>在全市上下认真学习贯彻省委八届十次全会精神、全力以赴战危机保增长的重要时刻，"
    "漯河市召开全市大招商动员会，动员全市上下以筹办第四届豫商大会为契机。</p>"
    "<p>靳克文指出，开展大招商，是省委、省政府作出的重大决策部署，全省上下都要把招商引资"
    "工作作为涉及全局的一项重大战略举措，作为各项工作的重中之重。</p>";

// A parsed page with its context; the text container is the element with id="main", if any.
struct Page {
  explicit Page(std::string_view html, std::string url = kPageUrl)
      : parsed(ParseHtml(html).value()), ctx{parsed.document, std::move(url), options, {}} {}

  NodeId Main() const {
    const Document& doc = parsed.document;
    for (NodeId i = 0; i < static_cast<NodeId>(doc.size()); ++i) {
      if (doc.Attr(i, "id").value_or("") == "main") return i;
    }
    return kNoNode;
  }
  Metadata Run() const { return ExtractMetadata(ctx, Main()); }

  ParsedHtml parsed;
  ExtractOptions options;
  PageContext ctx;
};

// An article page: header lines above the text, footer lines below it.
Metadata Article(const std::string& header, const std::string& footer = "",
                 const std::string& head = "") {
  Page page("<html><head>" + head + "</head><body><h1>精心谋划大招商 全力以赴办盛会</h1>" + header +
            "<div id=main>" + kText + footer + "</div></body></html>");
  return page.Run();
}

// ExtractSection skips lines holding neither word before looking for a breadcrumb label.
TEST(MetadataPatterns, EveryBreadcrumbLabelHoldsTheWordsTheLinePrefilterLooksFor) {
  for (std::string_view label : BreadcrumbLabels()) {
    EXPECT_TRUE(label.find("位置") != std::string_view::npos ||
                label.find("当前页面") != std::string_view::npos)
        << label;
  }
}

TEST(Metadata, SourceStopsAtTheBracketedDateOnTheSameLine) {
  Metadata m = Article("<p>来源:豫商网&nbsp;&nbsp; [日期:2009-07-16]&nbsp;</p>");
  EXPECT_EQ(m.source.value_or(""), "豫商网");
}

TEST(Metadata, ASubtitleOrListTitleAboveTheTextDoesNotCutTheHeaderShort) {
  // The header runs from above the headline; a "title"-classed line nearer the text that is not
  // the headline (a subtitle, a toolbar, a list title) must not be taken for it.
  const std::string lines =
      "<div>来源：本会秘书处</div><div>作者：张三</div><div>浏览次数：123</div>"
      "<div>字号：<a href=#>大</a> <a href=#>中</a> <a href=#>小</a></div><div>打印本页</div>";
  for (const char* cls : {"subtitle", "list-title", "column-title", "titlebar"}) {
    Metadata m = Article(lines + "<div class=\"" + cls + "\">——记第五次会员大会</div>");
    EXPECT_EQ(m.source.value_or(""), "本会秘书处") << cls;
    EXPECT_EQ(m.author.value_or(""), "张三") << cls;
  }
}

TEST(Metadata, ViewsAreReadWithTheirUnit) {
  Metadata m = Article("<p>浏览量:605次 &nbsp;&nbsp;上传时间:2013/7/24 10:54:39</p>");
  EXPECT_EQ(m.views.value_or(-1), 605);
}

TEST(Metadata, AuthorAndSourceShareALine) {
  Metadata m = Article("<p>作者：张三\u3000\u3000来源：新华社</p>");
  EXPECT_EQ(m.author.value_or(""), "张三");
  EXPECT_EQ(m.source.value_or(""), "新华社");
}

TEST(Metadata, EditorAtTheEndIsTheAuthorWhenNoneIsPrinted) {
  Metadata m = Article("", "<p>（责任编辑：李四）</p>");
  EXPECT_EQ(m.author.value_or(""), "李四");
}

TEST(Metadata, NamedAuthorBeatsTheEditor) {
  Metadata m = Article("<p>[作者: 刘满仓 责任编辑: 杨丹宇 ]</p>");
  EXPECT_EQ(m.author.value_or(""), "刘满仓");
}

TEST(Metadata, BreadcrumbLeafIsTheSection) {
  Page page(std::string("<body><div class=nav>当前位置：<a href=/>首页</a> &gt; "
                        "<a href=/news/>新闻中心</a> &gt; 正文</div><h1>标题</h1><div id=main>") +
            kText + "</div></body>");
  EXPECT_EQ(page.Run().section.value_or(""), "新闻中心");
}

TEST(Metadata, BreadcrumbLeafThatIsTheHeadlineIsSkipped) {
  Page page(std::string("<body><div class=breadcrumbs><i>当前位置：</i><a href=/>首页</a> &gt; "
                        "<a href=/zgls/>中国历史</a> &gt; <span>疫情政策怎么投诉举报</span></div>"
                        "<h1>疫情政策怎么投诉举报</h1><div id=main>") +
            kText + "</div></body>");
  EXPECT_EQ(page.Run().section.value_or(""), "中国历史");
}

TEST(Metadata, ColumnCellAboveTheHeadlineIsTheSection) {
  Page page(std::string("<body><table><tr><td class=weizhi>新闻中心</td></tr><tr><td>"
                        "<h1>标题</h1></td></tr><tr><td id=main>") +
            kText + "</td></tr></table></body>");
  EXPECT_EQ(page.Run().section.value_or(""), "新闻中心");
}

TEST(Metadata, ViewCountsFilledByScriptAreNull) {
  EXPECT_FALSE(Article("<p>浏览次数：<span id=hits></span> 信息来源：省发改委</p>").views);
  EXPECT_FALSE(Article("<p>点击数：<script>document.write(605)</script>次</p>").views);
}

TEST(Metadata, RoundedViewCountsAreNull) {
  EXPECT_FALSE(Article("", "<div>阅读 (<em>42万</em>)</div>").views);
}

TEST(Metadata, ViewsWithoutColonAreRead) {
  EXPECT_EQ(Article("<ul><li class=views> 阅读 539</li></ul>").views.value_or(-1), 539);
}

TEST(Metadata, SourceInsideALinkKeepsItsTrailingText) {
  Metadata m =
      Article("<div>2015-05-21 05:03:58 来源: <a href=http://x/>21世纪经济报道</a>(广州) </div>");
  EXPECT_EQ(m.source.value_or(""), "21世纪经济报道(广州)");
}

TEST(Metadata, SourceEndsAtTheFirstOutlet) {
  Metadata m = Article(
      "<div>发稿时间：2024-05-20 13:15:00 <span>来源：<a href=/>央视新闻客户端</a> "
      "</span><span><a href=/>中国青年网</a></span></div>");
  EXPECT_EQ(m.source.value_or(""), "央视新闻客户端");
}

TEST(Metadata, ReporterBylineAfterAnOutletName) {
  Page page(std::string("<body><h1>标题</h1><div id=main><p><strong>澎湃新闻记者 段彦超 廖艳"
                        "</strong></p>") +
            kText + "</div></body>");
  EXPECT_EQ(page.Run().author.value_or(""), "段彦超 廖艳");
}

TEST(Metadata, NamesPaddedForAlignmentAreJoined) {
  Metadata m = Article("<div class=\"author cf\">本报记者  王乐文  方  敏</div>");
  EXPECT_EQ(m.author.value_or(""), "王乐文 方敏");
}

TEST(Metadata, DatelineReporterInBracketsIsNotTheByline) {
  Page page(
      std::string("<body><h1>标题</h1><div id=main><p>本报讯（记者叶婉）近日，“心成长”"
                  "青少年心理健康服务项目在北京市青年宫正式启动，北京青年报记者了解到。</p>") +
      kText + "<div class=editor>(责编：郝帅、杨迪)</div></div></body>");
  EXPECT_EQ(page.Run().author.value_or(""), "郝帅、杨迪");
}

TEST(Metadata, BracketedBylineClosingTheTextIsTheAuthor) {
  Metadata m =
      Article("", "<p>推动云南工业高质量发展。（记者 胡晓蓉）</p><div>责任编辑：孙重远</div>");
  EXPECT_EQ(m.author.value_or(""), "胡晓蓉");
}

TEST(Metadata, PhotoCreditIsNotTheAuthor) {
  Metadata m = Article("", "<p>10月4日，旅游专列开往襄阳。 通讯员刘娟 摄</p><p>【编辑：姚昊】</p>");
  EXPECT_EQ(m.author.value_or(""), "姚昊");
}

TEST(Metadata, SlashBylineAtTheEnd) {
  Metadata m = Article("", "<p>文/栗思</p><p>编辑/倪家宁</p>");
  EXPECT_EQ(m.author.value_or(""), "栗思");
}

TEST(Metadata, ColonBylineAtTheEndButNotAfterAnotherCharacter) {
  EXPECT_EQ(Article("", "<p>文：眉间尺</p>").author.value_or(""), "眉间尺");
  EXPECT_EQ(Article("", "<p>文: 栗思</p>").author.value_or(""), "栗思");
  // "原文：" and "全文：" are no bylines.
  EXPECT_FALSE(Article("", "<p>原文：张三</p><p>全文：李四</p>").author);
}

TEST(Metadata, RoleTitleBeforeTheNameIsDropped) {
  Page page(std::string("<body><h1>标题</h1><div id=main><p><strong>文丨政能亮特约评论员 韩涵"
                        "</strong></p>") +
            kText + "</div></body>");
  EXPECT_EQ(page.Run().author.value_or(""), "韩涵");
}

TEST(Metadata, TrailingSourceAndAuthorLineInBrackets) {
  Metadata m = Article("", "<p>（本文来源：经济日报 作者：中国国际经济交流中心研究员徐占忱）</p>");
  EXPECT_EQ(m.source.value_or(""), "经济日报");
  EXPECT_EQ(m.author.value_or(""), "中国国际经济交流中心研究员徐占忱");
}

TEST(Metadata, LabelsFarFromTheArticleAreIgnored) {
  std::string menu = "<div class=menu><a href=/>来源：导航栏</a></div><ul>";
  for (int i = 0; i < 30; ++i) menu += "<li><a href=/x>栏目" + std::to_string(i) + "</a></li>";
  Page page("<body>" + menu + "</ul><h1>标题</h1><div id=main>" + kText + "</div></body>");
  EXPECT_FALSE(page.Run().source);
}

TEST(Metadata, EnglishBylineInTheHeader) {
  Metadata m = Article("<p class=dek>By Jane Doe</p>");
  EXPECT_EQ(m.author.value_or(""), "Jane Doe");
  // "By" in its own span, the name a few spaces later.
  m = Article("<p class=dek><span>By</span> <span> <a href=/a/jd>Jane Doe</a></span>, editor</p>");
  EXPECT_EQ(m.author.value_or(""), "Jane Doe");
}

TEST(Metadata, AnAllCapsBylineTakesTheSpellingOfTheMetaAuthor) {
  const std::string head = "<meta name=author content=\"Jane Doe\">";
  EXPECT_EQ(Article("<p class=dek>By JANE DOE</p>", "", head).author.value_or(""), "Jane Doe");
  // Another name in the metadata changes nothing.
  EXPECT_EQ(Article("<p class=dek>By JOHN ROE</p>", "", head).author.value_or(""), "JOHN ROE");
}

// Forums and blogs print the author's name alone between the headline and the text.
TEST(Metadata, ANameAloneUnderTheHeadlineIsTheAuthor) {
  EXPECT_EQ(Article("<p>赵延东、风笑天</p>").author.value_or(""), "赵延东、风笑天");
  EXPECT_EQ(Article("<div><a href=/u/1>ggjjzhzz</a></div>").author.value_or(""), "ggjjzhzz");
}

TEST(Metadata, ANameUnderTheArticlesTitleIsTheAuthorWhateverItsMarkup) {
  // A bold line that only the title extractor recognised as the headline (no <h1>, another
  // <title>): the line equal to the title the caller passes heads the byline area.
  Page page(
      "<html><head><title>显示</title></head><body><p align=center><b>犬儒病</b></p>"
      "<p>胡平</p><div id=main>" +
      std::string(kText) + "</div></body></html>");
  EXPECT_FALSE(page.Run().author);
  EXPECT_EQ(ExtractMetadata(page.ctx, page.Main(), "犬儒病").author.value_or(""), "胡平");
}

TEST(Metadata, AColumnNameOrHandleUnderTheHeadlineIsNoAuthor) {
  // The column is also in the site's menu.
  Page column(
      "<body><div class=menu><a href=/gn>国内新闻</a> <a href=/gj>国际新闻</a></div>"
      "<h1>精心谋划大招商 全力以赴办盛会</h1><p>国内新闻</p><div id=main>" +
      std::string(kText) + "</div></body>");
  EXPECT_FALSE(column.Run().author) << *column.Run().author;
  EXPECT_FALSE(Article("<p>@paulinaporizkova</p>").author);
  // A sentence is no name.
  EXPECT_FALSE(Article("<p>全文完毕。</p>").author) << *Article("<p>全文完毕。</p>").author;
}

// Issue #12: an outlet printed beside the article's date without a 来源 label is the source.
TEST(Metadata, OutletBesideTheDateWithoutALabelIsTheSource) {
  // Before the date, after a badge.
  EXPECT_EQ(Article("<div class=sub><span>原创</span> <span>东江晚报</span> "
                    "<span>2021-06-08 09:12:40</span></div>")
                .source.value_or(""),
            "东江晚报");
  // After the date and time, parted by a dot, with an editorial role in brackets.
  EXPECT_EQ(Article("<div><span>2021-06-08 09:12</span><span>·</span><span>山海资讯[编译]"
                    "</span> <span>12</span></div>")
                .source.value_or(""),
            "山海资讯");
}

TEST(Metadata, APersonCounterOrLabelledPlaceBesideTheDateIsNoSource) {
  // A name of a few ideographs before the date is the byline.
  EXPECT_FALSE(Article("<div><span>林晓</span> <span>2021-06-08 09:12</span></div>").source);
  // Counters and labelled values after it.
  EXPECT_FALSE(Article("<div><span>2021-06-08 09:12</span> <span>35</span><span>人参与评论"
                       "</span></div>")
                   .source);
  EXPECT_FALSE(Article("<div><span>2021-06-08</span> <span>IP属地：</span><span>浙江省</span>"
                       "</div>")
                   .source);
  // A preposition before the date ("文章于 … 发布").
  EXPECT_FALSE(Article("<div>最新文章于 2021-06-08 09:12 发布</div>").source);
}

TEST(Metadata, AccountNameAboveTheDateInTheBylineBoxIsTheSource) {
  Metadata m = Article(
      "<div class=desc><div class=avatar><img src=a.png></div><div class=txt>"
      "<p class=name>山城生活家</p><div><span>发布时间：06-08</span><span>09:12</span>"
      "<span>优质作者</span></div></div></div>");
  EXPECT_EQ(m.source.value_or(""), "山城生活家");
  // The same line in a large region (a column heading above a dated block) is not.
  Metadata far = Article("<div><p>山城生活家</p><div>发布时间：2021-06-08</div><p>" +
                         std::string(100, 'x') + "</p></div>");
  EXPECT_FALSE(far.source) << *far.source;
}

// Issue #12: definition lists, two-column tables and label cells print the label in an element
// of its own and the value in the next one; the 责任编辑 name below the text is not the author.
TEST(Metadata, LabelAloneInItsCellTakesTheValueOfTheNextCell) {
  Metadata dl = Article(
      "<div class=info><dl><dt>作者</dt><dd>陈静</dd><dt>来源</dt><dd>东江晚报·东江在线</dd>"
      "<dt>日期</dt><dd>2024-01-09</dd></dl></div>",
      "<p>责任编辑：吴丹</p>");
  EXPECT_EQ(dl.author.value_or(""), "陈静");
  EXPECT_EQ(dl.source.value_or(""), "东江晚报·东江在线");
  Metadata table = Article(
      "<table class=attr><tr><th>信息来源：</th><td>市商务局</td><th>发布日期：</th>"
      "<td>2022-12-30</td></tr><tr><th><b>作者</b></th><td> 王强 </td></tr></table>",
      "<p>责任编辑：杨帆</p>");
  EXPECT_EQ(table.source.value_or(""), "市商务局");
  EXPECT_EQ(table.author.value_or(""), "王强");
  // A label whose next cell is a whole block of lines (a heading over a list) takes nothing.
  Metadata list = Article("<div><div>来源</div><div><p>东江晚报</p><p>南方日报</p></div></div>");
  EXPECT_FALSE(list.source) << *list.source;
}

// Issue #12: buttons and forum floor marks printed around a post's date are no outlet.
TEST(Metadata, ButtonCaptionsAndForumFloorMarksBesideTheDateAreNoSource) {
  Metadata discuz = Article(
      "<div class=pi><strong><a href=#>楼主</a></strong><div class=pti><div class=authi>"
      "<em>发表于 2021-3-5 10:22</em><span class=pipe>|</span><a href=/t?authorid=1>只看该作者"
      "</a></div></div></div>");
  EXPECT_FALSE(discuz.source) << *discuz.source;
  EXPECT_FALSE(Article("<div><span>2021-06-08 09:12</span> <a href=#>打印本页</a> "
                       "<a href=#>关闭窗口</a></div>")
                   .source);
}

// Issue #12: self-media pages print the poster's IP region beside the date, with or without
// "IP属地": a province alone is no outlet, and the account name above the date is the source.
TEST(Metadata, IpRegionBesideTheDateIsNoSource) {
  Metadata m = Article(
      "<div class=author><a href=/u/1><p class=name>财经观察者老王</p></a><div>"
      "<span>2023-03-14 09:21</span><span>北京</span></div></div>");
  EXPECT_EQ(m.source.value_or(""), "财经观察者老王");
  EXPECT_FALSE(
      Article("<div><span>2023-03-14 09:21</span> <span>广西壮族自治区</span></div>").source);
  EXPECT_FALSE(
      Article("<div><span>2023-03-14</span> <span>IP属地</span> <span>广东</span></div>").source);
  // An outlet named after its province keeps its name.
  EXPECT_EQ(
      Article("<div><span>2023-03-14 09:21</span> <span>广东新闻</span></div>").source.value_or(""),
      "广东新闻");
}

TEST(Metadata, LabelGluedToItsValueByAnElementOnADateBarCounts) {
  Metadata m = Article(
      "<div>发表于<span>2021-06-08 09:12</span>| <span>88次阅读</span>| 来源<span>极客周刊"
      "</span>| 作者<span>王小川</span></div>");
  EXPECT_EQ(m.source.value_or(""), "极客周刊");
  EXPECT_EQ(m.author.value_or(""), "王小川");
  // Without a date on the line the element boundary is no separator.
  EXPECT_FALSE(Article("<div>热门标签 | 作者<span>最新文章</span> | 更多</div>").author);
}

TEST(Metadata, ANameAloneInBracketsClosingTheTextIsTheAuthor) {
  Metadata m = Article("", "<p>（周明远）</p>", "<meta name=author content=某某网络科技>");
  EXPECT_EQ(m.author.value_or(""), "周明远");
  // A closing mark is no name, and a labelled editor is still taken when nothing else is.
  EXPECT_EQ(Article("", "<p>（完）</p><p>责任编辑：李青</p>").author.value_or(""), "李青");
  EXPECT_EQ(Article("", "<p>（新华社）</p><p>责任编辑：李青</p>").author.value_or(""), "李青");
}

TEST(Metadata, WriterLabelZhibirenGivesTheAuthorBeforeTheEditor) {
  Metadata m = Article("", "<p>执笔人：周明远 赵青</p><p>编辑：李青</p>");
  EXPECT_EQ(m.author.value_or(""), "周明远 赵青");
}

TEST(Metadata, ABreadcrumbHoldsNoByline) {
  Metadata m = Article("<div>当前位置：首页｜记者看沿海｜人物专访</div>", "<p>责任编辑：李青</p>");
  EXPECT_EQ(m.author.value_or(""), "李青");
}

TEST(Metadata, ACommentersNameIsNoAuthor) {
  Page page(std::string("<body><h1>精心谋划大招商 全力以赴办盛会</h1><div id=main>") + kText +
            "</div><div class=comment-list><div class=item><span class=author>山间行者</span>"
            "</div><p>写得好</p></div></body>");
  EXPECT_FALSE(page.Run().author) << *page.Run().author;
}

// Issue #12: forums and blogs name the poster as the subject of the publishing date.
TEST(Metadata, ThePosterNamedWithThePublishingDateIsTheAuthor) {
  EXPECT_EQ(Article("<div><a href=/u/9>林中-小鹿-读书会</a> 于 2021-03-05 15:47:53 发布</div>")
                .author.value_or(""),
            "林中-小鹿-读书会");
  EXPECT_EQ(Article("<div>hillwalker 发表于 2005-9-15 11:46:00</div>").author.value_or(""),
            "hillwalker");
  EXPECT_EQ(Article("<div>发布时间 2005/03/15 22:36:13 by qingshan</div>").author.value_or(""),
            "qingshan");
  EXPECT_EQ(
      Article("", "<p>本贴由 山人 于2005年8月12日16:12:21在〖杂谈〗发表.</p>").author.value_or(""),
      "山人");
  // A founding year in a sentence and a recommended item's date name no poster.
  EXPECT_FALSE(Article("<div>学会年会创办于1986年</div>").author);
  EXPECT_FALSE(Article("<div>最新推荐文章于 2021-03-08 22:12:13 发布</div>").author);
}

// A template that prints its own markup ("作者： size="20"") gives no author or source.
TEST(Metadata, MarkupPrintedAsTextIsNoAuthorOrSource) {
  Metadata m =
      Article("<div><font>作者： \n size=\"20\"\n &nbsp;&nbsp;来源：\n size=\"20\"</font></div>");
  EXPECT_FALSE(m.author) << *m.author;
  EXPECT_FALSE(m.source) << *m.source;
}

TEST(Metadata, AuthorFromJsonLdWhenNothingIsPrinted) {
  Metadata m = Article("", "",
                       "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                       "\"author\":{\"@type\":\"Person\",\"name\":\"Jane Roe\"}}</script>");
  EXPECT_EQ(m.author.value_or(""), "Jane Roe");
}

TEST(Metadata, MetaAuthorIsTheLastResortButNotANumericId) {
  EXPECT_EQ(Article("", "", "<meta name=author content=\"王五\">").author.value_or(""), "王五");
  EXPECT_FALSE(Article("", "", "<meta name=author content=\"105464\">").author);
}

TEST(Metadata, MetaSourceDropsItsLabel) {
  Metadata m = Article("", "", "<meta name=source content=\"来源：人民网-文化频道 原创稿\">");
  EXPECT_EQ(m.source.value_or(""), "人民网-文化频道");
}

TEST(Metadata, ChineseTextUnderAnEnglishLangAttributeIsChinese) {
  Page page(std::string("<html lang=en><body><div id=main>") + kText + "</div></body></html>");
  EXPECT_EQ(page.Run().lang.value_or(""), "zh");
}

TEST(Metadata, DeclaredLanguageIsNormalized) {
  Page page(std::string("<html lang=zh_cn><body><div id=main>") + kText + "</div></body></html>");
  EXPECT_EQ(page.Run().lang.value_or(""), "zh-CN");
}

TEST(Metadata, UndeclaredEnglishTextIsEnglish) {
  Page page(
      "<html><body><div id=main><p>The council said that the new rules for the city would come "
      "into force in the spring, and that the mayor and the members of the board agreed with the "
      "plan for the river and the park.</p></div></body></html>");
  EXPECT_EQ(page.Run().lang.value_or(""), "en");
}

TEST(Metadata, CanonicalUrlIsResolved) {
  Metadata m = Article("", "", "<link rel=canonical href=\"/news/1052.html\">");
  EXPECT_EQ(m.canonical_url.value_or(""), "http://www.example.org/news/1052.html");
}

TEST(Metadata, WorksWithoutATextContainer) {
  Page page(std::string("<body><h1>标题</h1><p>来源：新华网</p>") + kText + "</body>");
  Metadata m = ExtractMetadata(page.ctx, kNoNode);
  EXPECT_EQ(m.source.value_or(""), "新华网");
  Metadata whole_body = ExtractMetadata(page.ctx, page.parsed.document.FindFirst("body"));
  EXPECT_EQ(whole_body.source.value_or(""), "新华网");
}

TEST(Metadata, EmptyDocumentGivesNothing) {
  Document empty;
  ExtractOptions options;
  PageContext ctx{empty, kPageUrl, options, {}};
  Metadata m = ExtractMetadata(ctx, kNoNode);
  EXPECT_FALSE(m.source);
  EXPECT_FALSE(m.author);
  EXPECT_FALSE(m.views);
}

}  // namespace
}  // namespace extract
