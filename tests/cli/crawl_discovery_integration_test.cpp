// `newsarc crawl` reaching every article of sites built with the link patterns of real Chinese
// government, association and chamber sites (issue #11): entry pages that redirect (meta
// refresh, onload, scripts), framesets and iframes, TRS createPageHTML pagers, Hanweb datastore
// records, javascript: links and page functions, and GBK pages whose links carry raw Chinese
// in their queries. Each site is a few pages on its own fixture host; the server's request log
// is the evidence of what the crawler asked for.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "extract/icu_converter.h"
#include "storage/archive.h"
#include "tests/support/fixture_server.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace {

using testing_support::FixtureResponse;
using testing_support::FixtureServer;
using testing_support::RecordedRequest;

// An article page of the kind these sites print: headline, a date line, two paragraphs, no
// previous/next links.
std::string ArticlePage(const std::string& title, const std::string& date,
                        const std::string& charset = "utf-8") {
  return "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=" + charset +
         "\"><title>" + title + "</title></head><body><table><tr><td class=title>" + title +
         "</td></tr><tr><td>发布日期：" + date +
         "　来源：协会秘书处</td></tr><tr><td class=content>"
         "<p>为贯彻落实协会年度工作部署，进一步加强会员单位之间的交流与合作，经会长办公会研究决定，"
         "协会将于近期组织开展" +
         title +
         "相关工作，现将有关事项通知如下。</p>"
         "<p>请各会员单位高度重视，认真组织，按照要求及时报送相关材料。联系人：王女士，"
         "联系电话：010-12345678。</p></td></tr></table></body></html>";
}

// A listing of `links` (href → headline), with `extra` markup after the list.
std::string ListingPage(const std::vector<std::pair<std::string, std::string>>& links,
                        const std::string& extra = "", const std::string& charset = "utf-8") {
  std::string html =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=" + charset +
      "\"><title>通知公告</title></head><body><ul class=list>";
  for (const auto& [href, text] : links) {
    html += "<li><a href=\"" + href + "\" target=\"_blank\">" + text +
            "</a><span>2021-03-05</span></li>";
  }
  return html + "</ul>" + extra + "</body></html>";
}

std::string Headline(int i) {
  return "关于开展第" + std::to_string(i) + "批会员单位年度检查工作的通知";
}

class CrawlDiscoveryTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing_support::MakeTempDir(); }

  // Serves `pages` (request target as sent → body) on `host`; every other target is a 404.
  void Serve(const std::string& host, std::map<std::string, std::string> pages,
             const std::string& content_type = "text/html") {
    server_.RoutePrefix(host, "/",
                        [pages = std::move(pages), content_type](const RecordedRequest& r) {
                          auto it = pages.find(r.target);
                          if (it == pages.end()) return FixtureResponse::Status(404, "not found");
                          return FixtureResponse::Html(it->second, content_type);
                        });
  }

  // Crawls from `seed` on `host` (all hosts pinned to the fixture server); returns the URLs of
  // the archived articles.
  std::set<std::string> Crawl(const std::string& host, const std::string& seed) {
    db_ = dir_ + "/" + host + ".sqlite";
    std::vector<std::string> args = {
        "crawl",   "--db", db_,          "--seed", server_.Url(host, seed),
        "--delay", "0.01", "--max-time", "60s"};
    std::vector<std::string> resolve = server_.ResolveArgs();
    args.insert(args.end(), resolve.begin(), resolve.end());
    auto crawl = testing_support::RunNewsarc(args);
    EXPECT_EQ(crawl.exit_code, 0) << crawl.err;
    auto exported = testing_support::RunNewsarc({"export", "--db", db_});
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    std::set<std::string> urls;
    std::istringstream lines(exported.out);
    for (std::string line; std::getline(lines, line);) {
      urls.insert(nlohmann::json::parse(line)["url"].get<std::string>());
    }
    return urls;
  }

  // Targets the server answered with 404 (the crawler asked for a page that does not exist).
  std::vector<std::string> NotFound(const std::string& host, const std::set<std::string>& known) {
    std::vector<std::string> out;
    for (const auto& r : server_.RequestsFor(host)) {
      if (r.target != "/robots.txt" && !known.count(r.target)) out.push_back(r.target);
    }
    return out;
  }

  std::string dir_;
  std::string db_;
  FixtureServer server_;
};

TEST_F(CrawlDiscoveryTest, MetaRefreshFramesetAndIframeLeadToTheColumn) {
  server_.AddHost("entry.test");
  ASSERT_OK(server_.Start());
  std::map<std::string, std::string> pages = {
      {"/",
       "<html><head><meta http-equiv=\"refresh\" content=\"0; url=/cms/index.asp\"></head>"
       "<body></body></html>"},
      {"/cms/index.asp",
       "<html><frameset rows=\"100,*\" border=0><frame src=\"top.htm\" name=top>"
       "<frame src=\"main.asp\" name=main></frameset></html>"},
      {"/cms/top.htm", "<html><body><img src=logo.gif></body></html>"},
      {"/cms/main.asp",
       "<html><body><table><tr><td><iframe src=\"/col/list.html\" width=600 height=400 "
       "frameborder=0></iframe></td></tr></table></body></html>"},
  };
  std::vector<std::pair<std::string, std::string>> links;
  for (int i = 1; i <= 4; ++i) {
    std::string path = "/col/show.asp?id=" + std::to_string(i);
    links.emplace_back(path, Headline(i));
    pages[path] = ArticlePage(Headline(i), "2021-03-0" + std::to_string(i));
  }
  pages["/col/list.html"] = ListingPage(links);
  std::set<std::string> known;
  for (const auto& [target, body] : pages) known.insert(target);
  Serve("entry.test", pages);

  auto archived = Crawl("entry.test", "/");
  for (int i = 1; i <= 4; ++i) {
    EXPECT_TRUE(archived.count(server_.Url("entry.test", "/col/show.asp?id=" + std::to_string(i))))
        << i;
  }
  EXPECT_EQ(archived.size(), 4u);
  EXPECT_EQ(server_.CountFor("entry.test", "/col/list.html"), 1u);
  EXPECT_TRUE(NotFound("entry.test", known).empty());
}

TEST_F(CrawlDiscoveryTest, OnloadAndScriptRedirectsAreFollowed) {
  server_.AddHost("redirect.test");
  ASSERT_OK(server_.Start());
  std::map<std::string, std::string> pages = {
      {"/", "<html><body onload=\"location.href='/portal/'\">正在进入…</body></html>"},
      {"/portal/",
       "<html><head><script language=\"javascript\">window.location.replace(\"/news/list.htm\");"
       "</script></head><body></body></html>"},
  };
  std::vector<std::pair<std::string, std::string>> links;
  for (int i = 1; i <= 4; ++i) {
    std::string path = "/news/" + std::to_string(100 + i) + ".htm";
    links.emplace_back(path, Headline(i));
    pages[path] = ArticlePage(Headline(i), "2021-03-0" + std::to_string(i));
  }
  pages["/news/list.htm"] = ListingPage(links);
  std::set<std::string> known;
  for (const auto& [target, body] : pages) known.insert(target);
  Serve("redirect.test", pages);

  auto archived = Crawl("redirect.test", "/");
  EXPECT_EQ(archived.size(), 4u);
  EXPECT_TRUE(archived.count(server_.Url("redirect.test", "/news/104.htm")));
  EXPECT_TRUE(NotFound("redirect.test", known).empty());
}

TEST_F(CrawlDiscoveryTest, TrsCreatePageHtmlPagerReachesEveryListingPage) {
  server_.AddHost("trs.test");
  ASSERT_OK(server_.Start());
  std::map<std::string, std::string> pages;
  int n = 0;
  for (int page = 0; page < 3; ++page) {
    std::vector<std::pair<std::string, std::string>> links;
    for (int k = 0; k < 4; ++k) {
      ++n;
      std::string file =
          "202103/t2021030" + std::to_string(page + 1) + "_" + std::to_string(1000 + n) + ".html";
      links.emplace_back("./" + file, Headline(n));
      pages["/col/tzgg/" + file] = ArticlePage(Headline(n), "2021-03-0" + std::to_string(page + 1));
    }
    std::string pager = "<div class=page><script>var currentPage = " + std::to_string(page) +
                        ";var countPage = 3;\ncreatePageHTML(countPage, currentPage, \"index\", "
                        "\"html\");</script></div>";
    std::string name = page == 0 ? "index.html" : "index_" + std::to_string(page) + ".html";
    pages["/col/tzgg/" + name] = ListingPage(links, pager);
  }
  std::set<std::string> known;
  for (const auto& [target, body] : pages) known.insert(target);
  Serve("trs.test", pages);

  auto archived = Crawl("trs.test", "/col/tzgg/index.html");
  EXPECT_EQ(archived.size(), 12u);
  EXPECT_EQ(server_.CountFor("trs.test", "/col/tzgg/index_1.html"), 1u);
  EXPECT_EQ(server_.CountFor("trs.test", "/col/tzgg/index_2.html"), 1u);
  EXPECT_EQ(server_.CountFor("trs.test", "/col/tzgg/index_3.html"), 0u);
  EXPECT_TRUE(NotFound("trs.test", known).empty());
}

TEST_F(CrawlDiscoveryTest, HanwebDatastoreRecordsAreFollowed) {
  server_.AddHost("hanweb.test");
  ASSERT_OK(server_.Start());
  std::map<std::string, std::string> pages;
  std::string store = "<div id=\"387\"><script type=\"text/xml\"><datastore><recordset>";
  for (int i = 1; i <= 5; ++i) {
    std::string path =
        "/art/2021/3/" + std::to_string(i) + "/art_387_" + std::to_string(i) + ".html";
    store += "<record><![CDATA[<li><a href=\"" + path + "\" target=\"_blank\">" + Headline(i) +
             "</a><span>2021-03-0" + std::to_string(i) + "</span></li>]]></record>";
    pages[path] = ArticlePage(Headline(i), "2021-03-0" + std::to_string(i));
  }
  store += "</recordset></datastore></script><script>$('#387').jpage({perPage:15});</script></div>";
  pages["/col/col387/index.html"] =
      "<html><head><title>通知公告</title></head><body>" + store + "</body></html>";
  std::set<std::string> known;
  for (const auto& [target, body] : pages) known.insert(target);
  Serve("hanweb.test", pages);

  auto archived = Crawl("hanweb.test", "/col/col387/index.html");
  EXPECT_EQ(archived.size(), 5u);
  EXPECT_TRUE(archived.count(server_.Url("hanweb.test", "/art/2021/3/5/art_387_5.html")));
  EXPECT_TRUE(NotFound("hanweb.test", known).empty());
}

TEST_F(CrawlDiscoveryTest, JavascriptLinksAndPageFunctionsAreFollowed) {
  server_.AddHost("jslinks.test");
  ASSERT_OK(server_.Start());
  std::map<std::string, std::string> pages;
  int n = 0;
  for (int page = 1; page <= 3; ++page) {
    std::vector<std::pair<std::string, std::string>> links;
    for (int k = 0; k < 4; ++k) {
      ++n;
      std::string path = "/news/show.asp?id=" + std::to_string(n);
      links.emplace_back("javascript:window.open('show.asp?id=" + std::to_string(n) + "')",
                         Headline(n));
      pages[path] = ArticlePage(Headline(n), "2021-02-1" + std::to_string(page));
    }
    std::string pager =
        "<script>function goPage(p){ window.location.href = 'list.asp?page=' + p; }</script>"
        "<div>共3页 <a href=\"javascript:goPage(1)\">首页</a> <a href=\"#\" onclick=\"goPage(" +
        std::to_string(std::min(page + 1, 3)) +
        ")\">下一页</a> <a href=\"javascript:goPage(3)\">"
        "尾页</a></div>";
    pages["/news/list.asp?page=" + std::to_string(page)] = ListingPage(links, pager);
  }
  std::set<std::string> known;
  for (const auto& [target, body] : pages) known.insert(target);
  Serve("jslinks.test", pages);

  auto archived = Crawl("jslinks.test", "/news/list.asp?page=1");
  EXPECT_EQ(archived.size(), 12u);
  EXPECT_EQ(server_.CountFor("jslinks.test", "/news/list.asp?page=2"), 1u);
  EXPECT_TRUE(NotFound("jslinks.test", known).empty());
}

TEST_F(CrawlDiscoveryTest, GbkQueriesAreSentAsTheBrowserSendsThem) {
  server_.AddHost("gbk.test");
  ASSERT_OK(server_.Start());
  auto gbk = extract::IcuConverter::Open("gb18030");
  ASSERT_TRUE(gbk.has_value());
  const std::string query = "lb=%CD%A8%D6%AA%B9%AB%B8%E6";  // 通知公告 in GBK
  std::map<std::string, std::string> pages;
  pages["/"] = gbk->Encode(
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
      "<title>某某商会</title></head><body><a href=\"list.asp?lb=通知公告\">通知公告</a>"
      "</body></html>");
  int n = 0;
  for (int page = 1; page <= 2; ++page) {
    std::vector<std::pair<std::string, std::string>> links;
    for (int k = 0; k < 4; ++k) {
      ++n;
      links.emplace_back("show.asp?lb=通知公告&id=" + std::to_string(n), Headline(n));
      pages["/show.asp?" + query + "&id=" + std::to_string(n)] =
          gbk->Encode(ArticlePage(Headline(n), "2013/7/2" + std::to_string(page), "gb2312"));
    }
    std::string pager = page == 1 ? "<a href=\"list.asp?lb=通知公告&page=2\">下一页</a>" : "";
    std::string target = "/list.asp?" + query + (page == 1 ? "" : "&page=2");
    pages[target] = gbk->Encode(ListingPage(links, pager, "gb2312"));
  }
  std::set<std::string> known;
  for (const auto& [target, body] : pages) known.insert(target);
  Serve("gbk.test", pages);

  auto archived = Crawl("gbk.test", "/");
  EXPECT_EQ(archived.size(), 8u);
  EXPECT_EQ(server_.CountFor("gbk.test", "/list.asp?" + query + "&page=2"), 1u);
  auto missing = NotFound("gbk.test", known);
  std::string asked;
  for (const auto& r : server_.RequestsFor("gbk.test")) asked += r.target + " ";
  EXPECT_TRUE(missing.empty()) << asked;
}

// What is an article (issue #11): a short notice reached from a listing is archived, with the
// date its URL carries when it prints none; a soft 404 linked like an article is not; an
// article with a long related-news block stays an article. Every fetched page's kind and the
// reason for it are kept with its fetch.
TEST_F(CrawlDiscoveryTest, ShortNoticesAreArticlesAndErrorPagesAreNot) {
  server_.AddHost("notice.test");
  ASSERT_OK(server_.Start());
  std::map<std::string, std::string> pages;
  const std::string notice_url = "/tzgg/202103/t20210305_1001.html";
  // 95 characters of text under a title, the date only in the URL.
  pages[notice_url] =
      "<html><head><meta charset=utf-8><title>关于调整办公时间的通知</title></head><body>"
      "<div class=nav><a href=/>首页</a> <a href=/tzgg/>通知公告</a></div>"
      "<h2>关于调整办公时间的通知</h2><div class=text><p>各会员单位：自下周一起，"
      "协会秘书处办公时间调整为上午9:00至12:00，下午13:30至17:30。节假日另行通知。"
      "如有急事，请拨打值班电话。</p><p>特此通知。</p></div></body></html>";
  pages["/tzgg/202103/t20210305_1002.html"] =
      "<html><head><meta charset=utf-8><title>提示信息</title></head><body><div class=box>"
      "<p>对不起，您访问的信息不存在或已被删除！</p><p><a href=/>返回首页</a></p></div>"
      "</body></html>";
  std::string related = "<div class=xgxw><h3>相关新闻</h3><ul>";
  for (int i = 1; i <= 15; ++i) {
    related += "<li><a href=\"/news/" + std::to_string(500 + i) + ".html\">" + Headline(500 + i) +
               "</a><span>2020-12-0" + std::to_string(1 + i % 9) + "</span></li>";
  }
  related += "</ul></div>";
  pages["/tzgg/202103/t20210301_1003.html"] =
      "<html><head><meta charset=utf-8><title>协会召开三届二次理事会</title></head><body>"
      "<h1>协会召开三届二次理事会</h1><div>发布时间：2021-03-01 10:00</div>"
      "<div class=content><p>3月1日，协会召开三届二次理事会，审议通过了2020年工作报告和"
      "2021年工作要点，增补了理事单位。会长作总结讲话。</p></div>" +
      related + "</body></html>";
  pages["/tzgg/"] = ListingPage({{"202103/t20210305_1001.html", "关于调整办公时间的通知"},
                                 {"202103/t20210305_1002.html", "关于举办会员企业培训班的通知"},
                                 {"202103/t20210301_1003.html", "协会召开三届二次理事会"},
                                 {"202103/t20210228_1004.html", "关于缴纳年度会费的通知说明"}});
  pages["/"] = "<html><body><a href=/tzgg/>通知公告</a></body></html>";
  Serve("notice.test", pages);

  auto archived = Crawl("notice.test", "/");
  std::string base = server_.Url("notice.test", "");
  EXPECT_TRUE(archived.count(base + notice_url)) << base;
  EXPECT_TRUE(archived.count(base + "/tzgg/202103/t20210301_1003.html"));
  EXPECT_FALSE(archived.count(base + "/tzgg/202103/t20210305_1002.html"));
  EXPECT_EQ(archived.size(), 2u);

  auto exported = testing_support::RunNewsarc({"export", "--db", db_});
  std::istringstream lines(exported.out);
  for (std::string line; std::getline(lines, line);) {
    auto a = nlohmann::json::parse(line);
    if (a["url"] == base + notice_url) {
      EXPECT_EQ(a["title"], "关于调整办公时间的通知");
      EXPECT_EQ(a["published_date"], "2021-03-05");
    }
  }

  // The fetches say what each page was taken for, and why.
  auto archive = storage::Archive::Open(db_, {.read_only = true});
  ASSERT_TRUE(archive.has_value());
  std::map<std::string, std::pair<std::string, std::string>> kinds;
  {
    auto stmt = storage::Statement::Prepare(
        archive->db(),
        "SELECT url, page_kind, kind_reason FROM fetches WHERE page_kind IS NOT NULL");
    ASSERT_TRUE(stmt.has_value());
    while (stmt->Step().value_or(false)) {
      kinds[stmt->Text(0)] = {stmt->Text(1), stmt->Text(2)};
    }
  }
  EXPECT_EQ(kinds[base + "/tzgg/"].first, "listing");
  EXPECT_EQ(kinds[base + notice_url].first, "article");
  EXPECT_NE(kinds[base + notice_url].second.find("reached as an article link"), std::string::npos)
      << kinds[base + notice_url].second;
  EXPECT_EQ(kinds[base + "/tzgg/202103/t20210305_1002.html"].first, "other");
  EXPECT_NE(kinds[base + "/tzgg/202103/t20210305_1002.html"].second.find("error page"),
            std::string::npos);
}

// ASP.NET WebForms listing paged only by __doPostBack links (issue #11): the crawler POSTs the
// page's form with the pager's target and argument, as a browser does; the server answers a
// page only for a request carrying a view state it issued (as ASP.NET's MAC check does).
TEST_F(CrawlDiscoveryTest, AspNetPostbackPagerIsFollowedByPostingTheForm) {
  server_.AddHost("aspnet.test");
  ASSERT_OK(server_.Start());
  constexpr int kPages = 3, kPerPage = 4;
  auto listing = [&](int page) {
    std::string html =
        "<html><head><title>通知公告</title></head><body>"
        "<form name=aspnetForm method=post action=\"./NewsList.aspx?cid=3\" id=aspnetForm>"
        "<input type=hidden name=__EVENTTARGET value=\"\">"
        "<input type=hidden name=__EVENTARGUMENT value=\"\">"
        "<input type=hidden name=__VIEWSTATE value=\"/wEPVS" +
        std::to_string(page) +
        "+=\">"
        "<input type=text name=\"ctl00$txtKey\" value=\"\"><table class=list>";
    for (int k = 1; k <= kPerPage; ++k) {
      int id = (page - 1) * kPerPage + k;
      html += "<tr><td><a href=\"NewsShow.aspx?id=" + std::to_string(id) + "\" target=_blank>" +
              Headline(id) + "</a></td><td>2021-03-0" + std::to_string(k) + "</td></tr>";
    }
    html += "</table><div class=pager>";
    for (int p = 1; p <= kPages; ++p) {
      html += p == page ? "<span>" + std::to_string(p) + "</span> "
                        : "<a href=\"javascript:__doPostBack('ctl00$main$pager','" +
                              std::to_string(p) + "')\">" + std::to_string(p) + "</a> ";
    }
    if (page < kPages) {
      html += "<a href=\"javascript:__doPostBack('ctl00$main$pager','" + std::to_string(page + 1) +
              "')\">下一页</a>";
    }
    return html + "</div></form></body></html>";
  };
  std::vector<std::string> posted;
  std::mutex posted_mutex;
  server_.RoutePrefix("aspnet.test", "/", [&](const RecordedRequest& r) {
    if (r.target == "/") {
      return FixtureResponse::Html(
          "<html><body><a href=\"/News/NewsList.aspx?cid=3\">通知公告</a>"
          "</body></html>");
    }
    if (r.target == "/News/NewsList.aspx?cid=3") {
      if (r.method == "GET") return FixtureResponse::Html(listing(1));
      std::lock_guard<std::mutex> lock(posted_mutex);
      posted.push_back(r.body);
      size_t vs = r.body.find("__VIEWSTATE=%2FwEPVS");
      size_t arg = r.body.find("__EVENTARGUMENT=");
      bool target = r.body.find("__EVENTTARGET=ctl00%24main%24pager&") != std::string::npos;
      if (vs == std::string::npos || arg == std::string::npos || !target ||
          r.Header("Content-Type").value_or("") != "application/x-www-form-urlencoded") {
        return FixtureResponse::Status(500, "Validation of viewstate MAC failed");
      }
      int page = std::atoi(r.body.c_str() + arg + 16);
      if (page < 1 || page > kPages) return FixtureResponse::Status(500, "bad page");
      return FixtureResponse::Html(listing(page));
    }
    const std::string show = "/News/NewsShow.aspx?id=";
    if (r.method == "GET" && r.target.rfind(show, 0) == 0) {
      int id = std::atoi(r.target.c_str() + show.size());
      if (id >= 1 && id <= kPages * kPerPage) {
        return FixtureResponse::Html(ArticlePage(Headline(id), "2021-03-05"));
      }
    }
    return FixtureResponse::Status(404, "not found");
  });

  auto archived = Crawl("aspnet.test", "/");
  EXPECT_EQ(archived.size(), static_cast<size_t>(kPages * kPerPage));
  std::lock_guard<std::mutex> lock(posted_mutex);
  // Each page's post once: 2 and 3, and 1 from the later pages' pagers (a request of its own,
  // which no crawler can tell apart from the GET before making it).
  EXPECT_EQ(posted.size(), 3u);
  for (const auto& r : server_.RequestsFor("aspnet.test")) {
    EXPECT_TRUE(r.status == 200 || r.target == "/robots.txt") << r.method << " " << r.target;
  }
}

}  // namespace

// Old association sites print one <title> on every page, the site's name, which their footer
// repeats (issue #12, title decoration from the site's other pages): the crawl compares a page's
// <title> with those of the host's pages before it and takes the headline printed above the
// text. reextract and import-warc read the same titles from the same pages.
TEST_F(CrawlDiscoveryTest, ASiteWideTitleIsNotTakenForTheHeadline) {
  server_.AddHost("sitetitle.test");
  ASSERT_OK(server_.Start());
  auto page = [](const std::string& inner) {
    return "<html><head><meta charset=utf-8><title>中国XX商会</title></head><body><table>"
           "<tr><td><a href=/>首页</a> <a href=/news/list_1.html>商会动态</a></td></tr>" +
           inner +
           "<tr><td>版权所有：中国XX商会 联系电话：010-12345678</td></tr></table>"
           "</body></html>";
  };
  std::map<std::string, std::string> pages;
  std::vector<std::pair<std::string, std::string>> links;
  for (int i = 1; i <= 4; ++i) {
    std::string path = "/news/" + std::to_string(i) + ".html";
    std::string headline = "商会召开第" + std::to_string(i) + "次会长办公会议";
    links.emplace_back(path, headline);
    pages[path] = page("<tr><td><b>" + headline + "</b></td></tr><tr><td>日期：2021-03-0" +
                       std::to_string(i) +
                       "</td></tr><tr><td><p>会议听取了秘书处关于上季度工作的汇报，研究部署了下一"
                       "阶段的重点工作，审议了新会员入会申请。</p><p>会长在讲话中要求各部门加强"
                       "协作，做好会员服务，推动商会工作再上新台阶。</p></td></tr>");
  }
  std::string list1 = "<tr><td><ul>", list2 = "<tr><td><ul>";
  for (int i = 0; i < 4; ++i) {
    (i < 2 ? list1 : list2) += "<li><a href=\"" + links[i].first + "\">" + links[i].second +
                               "</a> 2021-03-0" + std::to_string(i + 1) + "</li>";
  }
  pages["/news/list_1.html"] = page(list1 + "</ul><a href=list_2.html>下一页</a></td></tr>");
  pages["/news/list_2.html"] = page(list2 + "</ul><a href=list_1.html>上一页</a></td></tr>");
  pages["/"] = page("<tr><td><a href=/news/list_1.html>更多商会动态</a></td></tr>");
  Serve("sitetitle.test", pages);

  std::string warc_dir = dir_ + "/warc";
  db_ = dir_ + "/sitetitle.sqlite";
  std::vector<std::string> args = {
      "crawl",   "--db", db_,      "--seed", server_.Url("sitetitle.test", "/"),
      "--delay", "0.01", "--warc", warc_dir};
  std::vector<std::string> resolve = server_.ResolveArgs();
  args.insert(args.end(), resolve.begin(), resolve.end());
  auto crawl = testing_support::RunNewsarc(args);
  ASSERT_EQ(crawl.exit_code, 0) << crawl.err;
  auto titles = [](const std::string& db) {
    auto exported = testing_support::RunNewsarc({"export", "--db", db});
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    std::map<std::string, std::string> out;
    std::istringstream lines(exported.out);
    for (std::string line; std::getline(lines, line);) {
      auto a = nlohmann::json::parse(line);
      std::string url = a["url"];
      out[url.substr(url.rfind('/'))] = a["title"];
    }
    return out;
  };
  std::map<std::string, std::string> want;
  for (const auto& [path, headline] : links) want[path.substr(path.rfind('/'))] = headline;
  EXPECT_EQ(titles(db_), want);

  auto reextract = testing_support::RunNewsarc({"reextract", "--db", db_});
  EXPECT_EQ(reextract.exit_code, 0) << reextract.err;
  EXPECT_EQ(titles(db_), want);

  std::vector<std::string> import = {"import-warc", "--db", dir_ + "/imported.sqlite"};
  for (const auto& f : std::filesystem::directory_iterator(warc_dir)) {
    import.push_back(f.path().string());
  }
  auto imported = testing_support::RunNewsarc(import);
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(titles(dir_ + "/imported.sqlite"), want);
}
