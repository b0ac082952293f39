#include "extract/page_links.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "extract/document_url.h"
#include "extract/extractor.h"
#include "extract/icu_converter.h"
#include "tests/support/test_util.h"

namespace extract {
namespace {

constexpr const char* kPageUrl = "http://www.assoc.org.cn/news/index.html";

Article Extract(const std::string& html, const std::string& url = kPageUrl,
                std::optional<std::string> content_type = std::nullopt) {
  auto article = ExtractArticle({html, url, content_type, {}});
  EXPECT_TRUE(article.has_value());
  return article ? *article : Article{};
}

std::vector<std::string> Urls(const std::vector<PageLink>& links) {
  std::vector<std::string> out;
  for (const auto& l : links) out.push_back(l.url);
  return out;
}

bool Has(const std::vector<PageLink>& links, const std::string& url) {
  return std::any_of(links.begin(), links.end(), [&](const PageLink& l) { return l.url == url; });
}

// Issue #17 point 4: what a page's links may hold is bounded in count and bytes, the links the
// crawler values most kept first.
TEST(CapPageLinks, KeepsAPrefixInTheCrawlersOrderWithinTheCountAndByteBudgets) {
  auto links = [](const std::string& prefix, int n) {
    std::vector<PageLink> out;
    for (int i = 0; i < n; ++i) out.push_back({prefix + std::to_string(i), "t"});
    return out;
  };
  Article a;
  a.entry_links = links("e", 1);
  a.pagination_links = links("p", 2);
  a.article_links = links("a", 5);
  a.other_links = links("o", 5);
  ExtractOptions options;
  options.max_links = 6;
  Article count = a;
  EXPECT_EQ(CapPageLinks(count, options), 7u);
  EXPECT_EQ(count.entry_links.size(), 1u);
  EXPECT_EQ(count.pagination_links.size(), 2u);
  EXPECT_EQ(Urls(count.article_links), (std::vector<std::string>{"a0", "a1", "a2"}));
  EXPECT_TRUE(count.other_links.empty());

  // Each link here costs 3 bytes (URL "e0" and text "t"); a1 fits but for its POST body.
  options.max_links = 100;
  options.max_link_bytes = 3 + 6 + 3 + 3;
  Article bytes = a;
  bytes.article_links[1].post_body = "x";
  EXPECT_EQ(CapPageLinks(bytes, options), 9u);
  EXPECT_EQ(bytes.pagination_links.size(), 2u);
  EXPECT_EQ(Urls(bytes.article_links), std::vector<std::string>{"a0"});
  EXPECT_TRUE(bytes.other_links.empty());

  Article all = a;
  EXPECT_EQ(CapPageLinks(all, ExtractOptions{}), 0u);
  EXPECT_EQ(all.other_links.size(), 5u);
}

TEST(PageLinks, MetaRefreshWithAnyDelayIsAnEntryLink) {
  for (const char* content : {"0; url=/cms/index.asp", "0;URL='/cms/index.asp'",
                              "5 ; Url = '/cms/index.asp'", "3,/cms/index.asp"}) {
    Article a = Extract(std::string("<html><head><meta http-equiv=\"Refresh\" content=\"") +
                        content + "\"></head><body></body></html>");
    EXPECT_EQ(Urls(a.entry_links),
              std::vector<std::string>{"http://www.assoc.org.cn/cms/index.asp"})
        << content;
  }
  // A refresh of the page itself names no other page.
  EXPECT_TRUE(Extract("<meta http-equiv=refresh content=\"30\"><p>x</p>").entry_links.empty());
}

TEST(PageLinks, ScriptRedirectsAndOnloadAreEntryLinks) {
  Article a = Extract(
      "<html><body onload=\"location.href='/cms/'\"><script>window.location.href=\"main.asp\";"
      "</script></body></html>");
  EXPECT_EQ(Urls(a.entry_links),
            (std::vector<std::string>{"http://www.assoc.org.cn/cms/",
                                      "http://www.assoc.org.cn/news/main.asp"}));
}

TEST(PageLinks, FramesAndSameSiteIframesAreEntryLinks) {
  Article frames = Extract(
      "<html><frameset rows=\"80,*\"><frame src=\"top.htm\"><frame name=main "
      "src=\"/list.asp?lb=1\"></frameset></html>");
  EXPECT_EQ(Urls(frames.entry_links),
            (std::vector<std::string>{"http://www.assoc.org.cn/news/top.htm",
                                      "http://www.assoc.org.cn/list.asp?lb=1"}));
  Article iframes = Extract(
      "<body><iframe src=\"list.html\"></iframe><iframe "
      "src=\"http://news.assoc.org.cn/col/1.html\"></iframe><iframe "
      "src=\"https://map.baidu.com/embed\"></iframe><iframe src=\"about:blank\"></iframe></body>");
  EXPECT_EQ(Urls(iframes.entry_links),
            (std::vector<std::string>{"http://www.assoc.org.cn/news/list.html",
                                      "http://news.assoc.org.cn/col/1.html"}));
}

TEST(PageLinks, TrsPagerPagesAreAListingsPagination) {
  std::string html = "<body><ul>";
  for (int i = 1; i <= 8; ++i) {
    html += "<li><a href=\"./202103/t2021030" + std::to_string(i) + "_10" + std::to_string(i) +
            ".html\">关于举办第" + std::to_string(i) + "期会员培训班的通知</a><span>2021-03-0" +
            std::to_string(i) + "</span></li>";
  }
  html += "</ul><script>createPageHTML(3, 0, \"index\", \"html\");</script></body>";
  Article a = Extract(html);
  ASSERT_EQ(a.kind, PageKind::kListing);
  EXPECT_TRUE(Has(a.pagination_links, "http://www.assoc.org.cn/news/index_1.html"));
  EXPECT_TRUE(Has(a.pagination_links, "http://www.assoc.org.cn/news/index_2.html"));
  EXPECT_FALSE(Has(a.pagination_links, "http://www.assoc.org.cn/news/index_3.html"));
}

TEST(PageLinks, JavascriptHrefsAndOnclickLeadWhereTheirLiteralUrlSays) {
  std::string html =
      "<body><script>function goPage(n){ location.href='list.asp?page='+n; }</script><ul>";
  for (int i = 1; i <= 6; ++i) {
    html += "<li><a href=\"javascript:window.open('show.asp?id=" + std::to_string(i) +
            "')\">协会秘书处关于第" + std::to_string(i) + "季度工作安排的通知</a></li>";
  }
  html +=
      "</ul><a href=\"#\" onclick=\"goPage(2);return false;\">下一页</a> <a "
      "href=\"javascript:goPage(6)\">尾页</a><table><tr onclick=\"location.href='show.asp?id=99'\">"
      "<td>表格行里的标题</td></tr></table></body>";
  Article a = Extract(html);
  ASSERT_EQ(a.kind, PageKind::kListing);
  EXPECT_TRUE(Has(a.article_links, "http://www.assoc.org.cn/news/show.asp?id=1"));
  EXPECT_TRUE(Has(a.article_links, "http://www.assoc.org.cn/news/show.asp?id=6"));
  EXPECT_TRUE(Has(a.pagination_links, "http://www.assoc.org.cn/news/list.asp?page=2"));
  EXPECT_TRUE(Has(a.pagination_links, "http://www.assoc.org.cn/news/list.asp?page=6"));
  EXPECT_TRUE(Has(a.other_links, "http://www.assoc.org.cn/news/show.asp?id=99"));
}

TEST(PageLinks, PageJumpSelectOptionsArePagination) {
  std::string html = "<body><ul>";
  for (int i = 1; i <= 6; ++i) {
    html += "<li><a href=\"show.asp?id=" + std::to_string(i) + "\">商会第" + std::to_string(i) +
            "次会长办公会议纪要全文</a></li>";
  }
  html +=
      "</ul><select onchange=\"window.location.href=this.value\"><option value=\"list_1.html\">1"
      "</option><option value=\"list_2.html\">2</option><option value=\"list_3.html\">第3页"
      "</option></select></body>";
  Article a = Extract(html);
  ASSERT_EQ(a.kind, PageKind::kListing);
  EXPECT_TRUE(Has(a.pagination_links, "http://www.assoc.org.cn/news/list_2.html"));
  EXPECT_TRUE(Has(a.pagination_links, "http://www.assoc.org.cn/news/list_3.html"));
}

TEST(PageLinks, HanwebRecordsAreTheListingsArticleLinks) {
  std::string html = "<body><div id=\"div1\"><script type=\"text/xml\"><datastore><recordset>";
  for (int i = 1; i <= 6; ++i) {
    html += "<record><![CDATA[<li><a href=\"/art/2021/3/" + std::to_string(i) + "/art_12_" +
            std::to_string(i) + ".html\" target=_blank>关于做好第" + std::to_string(i) +
            "批行业标准申报工作的通知</a><span>2021-03-0" + std::to_string(i) +
            "</span></li>]]></record>";
  }
  html += "</recordset></datastore></script></div></body>";
  Article a = Extract(html);
  ASSERT_EQ(a.kind, PageKind::kListing);
  EXPECT_TRUE(Has(a.article_links, "http://www.assoc.org.cn/art/2021/3/1/art_12_1.html"));
  EXPECT_TRUE(Has(a.article_links, "http://www.assoc.org.cn/art/2021/3/6/art_12_6.html"));
}

std::string Gbk(const std::string& utf8) {
  auto converter = IcuConverter::Open("gb18030");
  EXPECT_TRUE(converter.has_value());
  return converter ? converter->Encode(utf8) : std::string();
}

TEST(DocumentUrl, AQueryInAGbkDocumentIsPercentEncodedInGbk) {
  EXPECT_EQ(EncodeQueryForDocument("list.asp?lb=通知公告&page=2", "gbk"),
            "list.asp?lb=%CD%A8%D6%AA%B9%AB%B8%E6&page=2");
  // The path stays UTF-8 (left to the URL resolver); the fragment is not the query.
  EXPECT_EQ(EncodeQueryForDocument("/新闻/list.asp?lb=通知#通知", "gb18030"),
            "/新闻/list.asp?lb=%CD%A8%D6%AA#通知");
  // A character GBK lacks is written as an HTML character reference, percent-encoded.
  EXPECT_EQ(EncodeQueryForDocument("a.asp?q=😀", "gbk"), "a.asp?q=%26%23128512%3B");
  EXPECT_EQ(EncodeQueryForDocument("a.asp?q=😀", "gb18030"), "a.asp?q=%949%FC6");
  EXPECT_EQ(EncodeQueryForDocument("list.asp?lb=通知", "big5"), "list.asp?lb=%B3q%AA%BE");
  EXPECT_FALSE(EncodeQueryForDocument("list.asp?lb=通知", "utf-8").has_value());
  EXPECT_FALSE(EncodeQueryForDocument("list.asp?lb=5&page=2", "gbk").has_value());
  EXPECT_FALSE(EncodeQueryForDocument("/通知/list.asp", "gbk").has_value());
}

TEST(DocumentUrl, LinksOfAGbkPageCarryGbkQueries) {
  std::string html =
      Gbk("<html><head><meta charset=gbk><title>通知公告</title></head><body><ul>"
          "<li><a href=\"show.asp?id=1\">关于召开第三届会员代表大会的通知</a></li>"
          "<li><a href=\"show.asp?id=2\">关于开展二〇二一年度会员年检工作的通知</a></li>"
          "<li><a href=\"show.asp?id=3\">关于推荐优秀企业家参加表彰活动的通知</a></li>"
          "<li><a href=\"show.asp?id=4\">关于举办行业发展高峰论坛的预备通知</a></li>"
          "</ul><a href=\"list.asp?lb=通知公告&page=2\">下一页</a></body></html>");
  Article a = Extract(html, "http://www.assoc.org.cn/list.asp?lb=%CD%A8%D6%AA%B9%AB%B8%E6");
  EXPECT_EQ(a.encoding.used, "gb18030");  // GBK is decoded (and its queries encoded) as GB18030
  ASSERT_EQ(a.kind, PageKind::kListing);
  EXPECT_TRUE(Has(a.pagination_links,
                  "http://www.assoc.org.cn/list.asp?lb=%CD%A8%D6%AA%B9%AB%B8%E6&page=2"))
      << (a.pagination_links.empty() ? "" : a.pagination_links[0].url);
  // The same link in a UTF-8 page is UTF-8.
  Article u = Extract(
      "<meta charset=utf-8><ul><li><a href=\"show.asp?id=1\">关于召开第三届会员代表大会的通知</a>"
      "<li><a href=\"show.asp?id=2\">关于开展二〇二一年度会员年检工作的通知</a>"
      "<li><a href=\"show.asp?id=3\">关于推荐优秀企业家参加表彰活动的通知</a>"
      "<li><a href=\"show.asp?id=4\">关于举办行业发展高峰论坛的预备通知</a></ul>"
      "<a href=\"list.asp?lb=通知&page=2\">下一页</a>",
      "http://www.assoc.org.cn/list.asp");
  ASSERT_FALSE(u.pagination_links.empty());
  EXPECT_EQ(u.pagination_links[0].url,
            "http://www.assoc.org.cn/list.asp?lb=%E9%80%9A%E7%9F%A5&page=2");
}

TEST(PageLinks, PrevNextThroughAJavascriptLinkIsFound) {
  Article a = Extract(
      "<html><head><title>关于召开理事会的通知</title></head><body><h1>关于召开理事会的通知</h1>"
      "<p>日期：2021-03-05</p><div class=content><p>各会员单位：经研究，定于三月十二日在协会会议室"
      "召开第五届理事会第三次会议，审议年度工作报告和财务预算方案，请各理事单位准时出席。"
      "请各单位于三月十日前将参会回执报送协会秘书处，联系人：张先生。</p></div>"
      "<p>上一条：<a href=\"javascript:window.open('show.asp?id=11')\">关于年检的通知</a></p>"
      "<p>下一条：<a href=\"#\" onclick=\"location.href='show.asp?id=13'\">关于培训的通知</a>"
      "</p></body></html>",
      "http://www.assoc.org.cn/show.asp?id=12");
  ASSERT_TRUE(a.prev && a.prev->url);
  EXPECT_EQ(*a.prev->url, "http://www.assoc.org.cn/show.asp?id=11");
  ASSERT_TRUE(a.next && a.next->url);
  EXPECT_EQ(*a.next->url, "http://www.assoc.org.cn/show.asp?id=13");
}

}  // namespace
}  // namespace extract
