#include "extract/form_posts.h"

#include <gtest/gtest.h>

#include "extract/document_url.h"
#include "extract/extractor.h"
#include "tests/support/test_util.h"

namespace extract {
namespace {

std::vector<FormPost> Read(const std::string& html, const std::string& url,
                           const std::string& encoding = "utf-8") {
  auto parsed = ParseHtml(html);
  EXPECT_TRUE(parsed.has_value());
  if (!parsed) return {};
  ExtractOptions options;
  PageContext ctx{parsed->document, url, options, {}, encoding};
  return ReadFormPosts(ctx);
}

// The shape of an ASP.NET WebForms listing: one form around the page, the view state and event
// validation as hidden fields, a search box, a pager of __doPostBack links.
const char* kWebFormsPage =
    "<html><body><form name=aspnetForm method=post action=\"./NewsList.aspx?cid=3\" "
    "id=aspnetForm>"
    "<input type=hidden name=__EVENTTARGET id=__EVENTTARGET value=\"\">"
    "<input type=hidden name=__EVENTARGUMENT id=__EVENTARGUMENT value=\"\">"
    "<input type=hidden name=__VIEWSTATE id=__VIEWSTATE value=\"/wEPDwUK+a/b=\">"
    "<input type=hidden name=__EVENTVALIDATION value=\"/wEWAgL+\">"
    "<input type=text name=\"ctl00$txtKey\" value=\"请输入关键字\">"
    "<input type=submit name=\"ctl00$btnSearch\" value=\"搜索\">"
    "<input type=checkbox name=\"ctl00$chkAll\">"
    "<select name=\"ctl00$ddlYear\"><option value=2020>2020</option>"
    "<option value=2021 selected>2021</option></select>"
    "<ul><li><a href=\"NewsShow.aspx?id=1\">协会召开理事会议</a></li></ul>"
    "<div class=pager><a href=\"javascript:__doPostBack('ctl00$main$pager','2')\">2</a> "
    "<a href=\"javascript:__doPostBack('ctl00$main$pager','3')\">3</a> "
    "<a href=\"javascript:__doPostBack('ctl00$main$pager','2')\">下一页</a> "
    "<a id=lnkLast href='javascript:WebForm_DoPostBackWithOptions(new "
    "WebForm_PostBackOptions(\"ctl00$main$lnkLast\", \"\", true, \"\", \"\", false, true))'>"
    "尾页</a></div></form></body></html>";

TEST(ReadFormPosts, SerializesTheFormAsABrowserSubmitsIt) {
  auto posts = Read(kWebFormsPage, "http://www.assoc.example/News/NewsList.aspx?cid=3");
  ASSERT_EQ(posts.size(), 3u);  // page 2 twice (2, 下一页) is one post
  EXPECT_EQ(posts[0].action_url, "http://www.assoc.example/News/NewsList.aspx?cid=3");
  EXPECT_EQ(posts[0].key_url,
            "http://www.assoc.example/News/NewsList.aspx?cid=3#__doPostBack(ctl00$main$pager,2)");
  EXPECT_EQ(posts[0].text, "2");
  // Tree order; the two event fields set in place; base64 view state percent-encoded; the
  // text box and the selected option sent; the submit button and the unchecked box not.
  EXPECT_EQ(posts[0].body,
            "__EVENTTARGET=ctl00%24main%24pager&__EVENTARGUMENT=2&__VIEWSTATE=%2FwEPDwUK%2Ba%2Fb%3D"
            "&__EVENTVALIDATION=%2FwEWAgL%2B"
            "&ctl00%24txtKey=%E8%AF%B7%E8%BE%93%E5%85%A5%E5%85%B3%E9%94%AE%E5%AD%97"
            "&ctl00%24ddlYear=2021");
  EXPECT_EQ(posts[1].text, "3");
  EXPECT_EQ(posts[2].text, "尾页");
  EXPECT_NE(posts[2].body.find("__EVENTTARGET=ctl00%24main%24lnkLast&__EVENTARGUMENT=&"),
            std::string::npos)
      << posts[2].body;
}

TEST(ReadFormPosts, LegacyEncodedPagesSubmitInTheirEncoding) {
  std::string html =
      "<form method=post action=list.aspx><input type=hidden name=__VIEWSTATE value=x>"
      "<input type=hidden name=lb value=\"通知公告\"></form>"
      "<a href=\"javascript:__doPostBack('pager','2')\">下一页</a>";
  // The link lies outside the form: the page's WebForms form is submitted.
  auto posts = Read(html, "http://a.example/list.aspx", "gbk");
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].body,
            "__VIEWSTATE=x&lb=%CD%A8%D6%AA%B9%AB%B8%E6&__EVENTTARGET=pager&__EVENTARGUMENT=2");
}

TEST(ReadFormPosts, NoFormNoPost) {
  EXPECT_TRUE(
      Read("<a href=\"javascript:__doPostBack('pager','2')\">2</a>", "http://a.example/").empty());
  EXPECT_TRUE(
      Read("<form><a href=\"javascript:__doPostBack('','2')\">2</a></form>", "http://a.example/")
          .empty());
}

// WHATWG URL §5.2: the application/x-www-form-urlencoded byte serializer.
TEST(FormUrlEncode, KeepsUnreservedBytesAndWritesSpaceAsPlus) {
  EXPECT_EQ(FormUrlEncode("a-Z_0.9*", "utf-8"), "a-Z_0.9*");
  EXPECT_EQ(FormUrlEncode("a b+c/d=e&f~", "utf-8"), "a+b%2Bc%2Fd%3De%26f%7E");
  EXPECT_EQ(FormUrlEncode("商会", "utf-8"), "%E5%95%86%E4%BC%9A");
  EXPECT_EQ(FormUrlEncode("商会", "gb18030"), "%C9%CC%BB%E1");
}

// A listing paged only by postbacks gives its further pages as pagination links with their
// form; an article's postbacks (a vote, a comment form) are not followed.
TEST(ReadFormPosts, ListingPostbacksArePaginationLinks) {
  std::string html =
      "<html><head><title>通知公告</title></head><body><form method=post action=list.aspx>"
      "<input type=hidden name=__VIEWSTATE value=abc><ul class=list>";
  for (int i = 1; i <= 12; ++i) {
    html += "<li><a href=\"show.aspx?id=" + std::to_string(i) + "\">关于开展第" +
            std::to_string(i) + "批会员年度检查工作的通知</a> 2021-03-05</li>";
  }
  html +=
      "</ul><a href=\"javascript:__doPostBack('pager','2')\">2</a> "
      "<a href=\"javascript:__doPostBack('pager','2')\">下一页</a> "
      "<a href=\"javascript:__doPostBack('btnVote','')\">投票</a></form></body></html>";
  auto article = ExtractArticle({html, "http://www.assoc.example/list.aspx", std::nullopt});
  ASSERT_OK(article);
  EXPECT_EQ(article->kind, PageKind::kListing) << article->kind_reason;
  std::vector<std::string> posted;
  for (const auto& l : article->pagination_links) {
    if (l.post_body) posted.push_back(l.url);
  }
  ASSERT_EQ(posted.size(), 1u);
  EXPECT_EQ(posted[0], "http://www.assoc.example/list.aspx#__doPostBack(pager,2)");
  bool vote_in_other = false;
  for (const auto& l : article->other_links) vote_in_other |= l.text == "投票" && l.post_body;
  EXPECT_TRUE(vote_in_other);
}

}  // namespace
}  // namespace extract
