#include "extract/prev_next.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/extractor.h"
#include "tests/support/test_util.h"

namespace extract {
namespace {

constexpr char kPageUrl[] = "http://www.example.org/news/ShowNews.asp?id=5";

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
  SiblingLinks Run() const { return ExtractPrevNext(ctx, Main()); }

  ParsedHtml parsed;
  ExtractOptions options;
  PageContext ctx;
};

// "url|title", "null" for a null part, "" when there is no link at all.
std::string Describe(const std::optional<SiblingLink>& link) {
  if (!link) return "";
  return link->url.value_or("null") + "|" + link->title.value_or("null");
}

struct PrevNextCase {
  const char* name;
  const char* html;
  const char* prev;
  const char* next;
};

const PrevNextCase kCases[] = {
    {"LabelTextThenLink",
     "<table><tr><td>上一条:<a "
     "href=\"ShowNews.asp?id=4\">源汇区积极开展豫商大会招商活动</a></td></tr>"
     "<tr><td>下一条:<a "
     "href=\"ShowNews.asp?id=6\">漯河市考察团赴各地河南商会拜访</a></td></tr></table>",
     "http://www.example.org/news/ShowNews.asp?id=4|源汇区积极开展豫商大会招商活动",
     "http://www.example.org/news/ShowNews.asp?id=6|漯河市考察团赴各地河南商会拜访"},
    {"LabelInsideLink",
     "<p><a href=\"/a/1.html\">上一篇：标题一</a></p><p><a "
     "href=\"/a/3.html\">【下一篇】标题三</a></p>",
     "http://www.example.org/a/1.html|标题一", "http://www.example.org/a/3.html|标题三"},
    {"LabelInSiblingTableCell",
     "<table><tr><td>上一篇：</td><td><a href=\"p.html\">前文</a></td></tr>"
     "<tr><td>下一篇：</td><td><a href=\"n.html\">后文</a></td></tr></table>",
     "http://www.example.org/news/p.html|前文", "http://www.example.org/news/n.html|后文"},
    {"ListItemsWithNoneText",
     "<ul><li>上一篇：<a href=\"1.html\">第一篇</a></li><li>下一篇：没有了</li></ul>",
     "http://www.example.org/news/1.html|第一篇", "null|null"},
    {"NoneWrittenInTheLabelText", "<p>上一条:没有了</p><p>下一条:无</p>", "null|null", "null|null"},
    {"HashAndJavascriptHrefsGiveNullUrls",
     "<p>上一篇：<a href=\"#\">标题甲</a></p><p>下一篇：<a "
     "href=\"javascript:void(0)\">标题乙</a></p>",
     "null|标题甲", "null|标题乙"},
    {"LabelDivBesideLinkInListItem",
     "<ul><li><div class=t>上一篇 :</div><a href=\"/g/21683.html\">今日股市行情分析</a></li>"
     "<li><div class=t>下一篇 :</div> 没有了 </li></ul><div id=main><p>正文</p></div>",
     "http://www.example.org/g/21683.html|今日股市行情分析", "null|null"},
    {"TruncatedTitleGivesWayToTitleAttribute",
     "<p>下一篇：<a href=\"n.html\" "
     "title=\"关于举办第四届豫商大会的通知\">关于举办第四届...</a></p>",
     "", "http://www.example.org/news/n.html|关于举办第四届豫商大会的通知"},
    {"LabelOnlyLinkTakesTitleFromAdjacentText",
     "<p><a href=\"n.html\">下一篇</a><span>邻近的标题</span></p>", "",
     "http://www.example.org/news/n.html|邻近的标题"},
    {"ReadNextBlockIsNext",
     "<div class=\"next\"><span>阅读下一篇</span> <a "
     "href=\"/v2/x.html\">高铁站名安装完毕</a></div>",
     "", "http://www.example.org/v2/x.html|高铁站名安装完毕"},
    {"TitleSpreadOverLinkWithLabelSpan",
     "<a href=\"/532600.html\" rel=\"prev\"><span>上一篇</span><br>常德市第二中学召开会议</a>",
     "http://www.example.org/532600.html|常德市第二中学召开会议", ""},
    {"EnglishArticleLabels",
     "<p>Previous article: <a href=\"/old.html\">Old story</a></p>"
     "<p><a href=\"/new.html\">Next article: New story</a></p>",
     "http://www.example.org/old.html|Old story", "http://www.example.org/new.html|New story"},
    {"BareEnglishWordsInsidePostNavigation",
     "<nav class=\"post-navigation\"><div class=\"nav-previous\"><a href=\"/p1\">&laquo; Previous"
     "</a></div><div class=\"nav-next\"><a href=\"/p3\">Next &raquo;</a></div></nav>",
     "http://www.example.org/p1|null", "http://www.example.org/p3|null"},
    {"BareNextOutsidePostNavigationIsPagination",
     "<div class=\"pages\"><a href=\"/list_2.html\">Next &raquo;</a></div>", "", ""},
    {"RelPrevNextLinksInTheBody",
     "<div><a rel=\"prev\" href=\"/2019/a.html\">An older post</a>"
     "<a rel=\"next\" href=\"/2019/c.html\">A newer post</a></div>",
     "http://www.example.org/2019/a.html|An older post",
     "http://www.example.org/2019/c.html|A newer post"},
    {"ProseMentioningThePreviousArticleIsNoLabel",
     "<p>在上一篇文章中我们介绍了豫商大会的筹备情况，下一篇将介绍签约项目。</p>", "", ""},
    {"NextPageIsNotNextArticle",
     "<div id=main><p>正文第一页</p><div class=pages>上一页 1 <a href=\"5_2.html\">2</a> "
     "<a href=\"5_2.html\">下一页</a> <a href=\"5_2.html\">尾页</a></div></div>",
     "", ""},
    {"EnglishProseIsNoLabel",
     "<p>In the next article, I am going to share <a href=\"/tips\">my tips</a>.</p>", "", ""},
};

class PrevNextTableTest : public testing::TestWithParam<PrevNextCase> {};

TEST_P(PrevNextTableTest, FindsThePrintedLinks) {
  const PrevNextCase& c = GetParam();
  Page page(std::string("<html><body>") + c.html + "</body></html>");
  SiblingLinks links = page.Run();
  EXPECT_EQ(Describe(links.prev), c.prev);
  EXPECT_EQ(Describe(links.next), c.next);
}

INSTANTIATE_TEST_SUITE_P(PrevNext, PrevNextTableTest, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<PrevNextCase>& case_info) {
                           return std::string(case_info.param.name);
                         });

TEST(PrevNext, NextPageLinksBecomeContinuationUrlsInOrder) {
  Page page(
      "<body><div id=main><p>第一页正文</p></div><div class=pages><span>1</span>"
      "<a href=\"?id=5&page=3\">3</a><a href=\"?id=5&page=2\">2</a>"
      "<a href=\"?id=5&page=2\">下一页</a></div></body>");
  SiblingLinks links = page.Run();
  EXPECT_FALSE(links.next);
  EXPECT_EQ(links.continuation_urls,
            (std::vector<std::string>{"http://www.example.org/news/ShowNews.asp?id=5&page=2",
                                      "http://www.example.org/news/ShowNews.asp?id=5&page=3"}));
}

TEST(PrevNext, NumberedPagesWithoutNextPageLinkAreContinuations) {
  Page page(
      "<body><div id=main><p>正文</p><div class=zdfy><a href=\"/n1/c-31153719.html\">【1】</a>"
      "<a href=\"/n1/c-31153719-2.html\">【2】</a><a href=\"/n1/c-31153719-3.html\">【3】</a></div>"
      "</div></body>",
      "http://www.example.org/n1/c-31153719.html");
  EXPECT_EQ(page.Run().continuation_urls,
            (std::vector<std::string>{"http://www.example.org/n1/c-31153719-2.html",
                                      "http://www.example.org/n1/c-31153719-3.html"}));
}

TEST(PrevNext, LastPageOfMultiPageArticleHasNoContinuation) {
  Page page(
      "<body><div id=main><p>第二页正文</p><div class=pages><a href=\"5.html\">上一页</a>"
      "<a href=\"5.html\">1</a> 2</div></div></body>",
      "http://www.example.org/news/5_2.html");
  EXPECT_TRUE(page.Run().continuation_urls.empty());
}

TEST(PrevNext, RelativeHrefIsKeptWhenThePageUrlIsUnknown) {
  Page page("<body><p>上一篇：<a href=\"/content.aspx?id=1005\">通知</a></p></body>", "");
  EXPECT_EQ(Describe(page.Run().prev), "/content.aspx?id=1005|通知");
}

TEST(PrevNext, WorksWithoutATextContainer) {
  Page page("<body><p>下一条:<a href=\"7.html\">标题</a></p></body>");
  EXPECT_EQ(Describe(ExtractPrevNext(page.ctx, kNoNode).next),
            "http://www.example.org/news/7.html|标题");
}

TEST(PrevNext, PrefersTheBlockAfterTheTextOverOneAboveIt) {
  Page page(
      "<body><p>下一篇：<a href=\"/top.html\">顶部</a></p><div id=main><p>正文</p></div>"
      "<p>下一篇：<a href=\"/bottom.html\">底部</a></p></body>");
  EXPECT_EQ(Describe(page.Run().next), "http://www.example.org/bottom.html|底部");
}

// HTML Living Standard, "document base URL": links resolve against <base href>.
TEST(PrevNext, RelativeUrlsResolveAgainstBaseHref) {
  std::string html =
      "<html><head><base href=\"http://static.example.org/archive/\"></head><body>"
      "<h1>标题</h1><p>正文内容。</p><p>上一条:<a "
      "href=\"1051.html\">前一篇文章</a></p></body></html>";
  ExtractInput input{html, kPageUrl, std::string("text/html; charset=utf-8")};
  auto article = ExtractArticle(input);
  ASSERT_OK(article);
  ASSERT_TRUE(article->prev);
  EXPECT_EQ(article->prev->url.value_or(""), "http://static.example.org/archive/1051.html");
  EXPECT_EQ(article->prev->title.value_or(""), "前一篇文章");
}

// Issue #12 (prev/next missed): in post navigation a link whose class names its direction is
// the previous or next article whatever it prints (WordPress: an arrow and the title; others:
// "标题 »"); a class that only contains the word ("nextpage") names nothing.
TEST(PrevNext, PostNavigationLinkClassedPrevOrNextIsASibling) {
  Page wordpress(
      "<body><div id=main><p>正文</p></div><nav class=\"pagination-single\"><div>"
      "<a class=\"previous-post\" "
      "href=\"/2022/02/a/\"><span>&larr;</span><span>回乡过年记</span></a>"
      "<a class=\"next-post\" href=\"/2022/02/b/\"><span>&rarr;</span><span>读书清单</span></a>"
      "</div></nav></body>");
  SiblingLinks w = wordpress.Run();
  ASSERT_TRUE(w.prev && w.next);
  EXPECT_EQ(w.prev->url.value_or(""), "http://www.example.org/2022/02/a/");
  EXPECT_EQ(w.next->url.value_or(""), "http://www.example.org/2022/02/b/");
  Page arrows(
      "<body><div id=main><p>正文</p></div><div class=\"article-nav\">"
      "<a class=prev href=\"/n/1.html\">« 上次会议</a><a class=next href=\"/n/3.html\">慰问活动 "
      "»</a>"
      "</div></body>");
  EXPECT_EQ(arrows.Run().next.value_or(SiblingLink{}).url.value_or(""),
            "http://www.example.org/n/3.html");
  Page word(
      "<body><div id=main><p>正文</p></div><div class=\"article-nav\">"
      "<a class=nextpage href=\"/n/3.html\">慰问活动</a></div></body>");
  EXPECT_FALSE(word.Run().next.has_value());
}

}  // namespace
}  // namespace extract
