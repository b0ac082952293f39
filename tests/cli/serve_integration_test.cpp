// `newsarc serve` end to end (issue #15 point 6): the binary serving an archive of the demo site
// crawled from the loopback fixture server, every page type fetched with an HTTP client: status
// codes, key content, escaping of a hostile article, the security headers, refusals (404, 400,
// 405), serving while another connection writes, and stopping on SIGINT/SIGTERM with exit 0.
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "tests/cli/serve_fixture.h"
#include "util/html_escape.h"

namespace {

using serve_fixture::ServeProcess;
using util::PercentEncode;

class ServeCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing_support::MakeTempDir());
    archive_ = new serve_fixture::DemoArchive(serve_fixture::BuildDemoArchive(*dir_));
    server_ = new ServeProcess(archive_->db);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete archive_;
    delete dir_;
  }

  static httplib::Result Get(const std::string& target) {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(std::chrono::seconds(60));
    return client.Get(target.c_str());
  }

  // The page at `target`, expecting `status`.
  static std::string Page(const std::string& target, int status = 200) {
    auto res = Get(target);
    EXPECT_TRUE(res) << target;
    if (!res) return "";
    EXPECT_EQ(res->status, status) << target << "\n" << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8") << target;
    return res->body;
  }

  static std::string SiteHref() { return "/site/" + PercentEncode(archive_->site); }

  static std::string* dir_;
  static serve_fixture::DemoArchive* archive_;
  static ServeProcess* server_;
};

std::string* ServeCommand::dir_ = nullptr;
serve_fixture::DemoArchive* ServeCommand::archive_ = nullptr;
ServeProcess* ServeCommand::server_ = nullptr;

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST_F(ServeCommand, PrintsWhereItServesOnLoopback) {
  ASSERT_GT(server_->port(), 0);
  EXPECT_EQ(server_->first_line(), "serving " + archive_->db + " at http://127.0.0.1:" +
                                       std::to_string(server_->port()) + "/");
}

TEST_F(ServeCommand, IndexListsTheSitesWithLinks) {
  std::string page = Page("/");
  EXPECT_NE(page.find("<html lang=\"zh\">"), std::string::npos);
  EXPECT_NE(page.find("href=\"" + SiteHref() + "\""), std::string::npos) << page;
  EXPECT_NE(page.find("href=\"/site/evil.test\""), std::string::npos) << page;
  EXPECT_NE(page.find("Last run"), std::string::npos) << page;
}

TEST_F(ServeCommand, SitePageHasATimelineBarPerMonthAndItsSections) {
  std::string page = Page(SiteHref());
  // The months from the first to the last published date, as stats reports them.
  auto stats = testing_support::RunNewsarc({"stats", "--db", archive_->db, "--json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  auto j = nlohmann::json::parse(stats.out);
  std::string first, last;
  for (const auto& s : j["sites"]) {
    if (s["site"] == archive_->site) {
      first = s["first_published"];
      last = s["last_published"];
    }
  }
  ASSERT_FALSE(first.empty());
  int months = (std::stoi(last.substr(0, 4)) - std::stoi(first.substr(0, 4))) * 12 +
               std::stoi(last.substr(5, 2)) - std::stoi(first.substr(5, 2)) + 1;
  EXPECT_EQ(Count(page, "<rect class=\"bar"), static_cast<size_t>(months)) << page;
  EXPECT_NE(page.find("data-months=\"" + std::to_string(months) + "\""), std::string::npos);
  EXPECT_NE(page.find("<title>" + first.substr(0, 7) + ": "), std::string::npos) << page;
  EXPECT_NE(page.find(">商会动态</a>"), std::string::npos) << page;
  EXPECT_NE(page.find(">通知公告</a>"), std::string::npos) << page;
  EXPECT_NE(page.find("no holes"), std::string::npos) << page;
}

TEST_F(ServeCommand, TimelineMarksAGapMonth) {
  std::string page = Page(std::string("/site/") + serve_fixture::kGapSite);
  EXPECT_EQ(Count(page, "<rect class=\"bar"), static_cast<size_t>(serve_fixture::kGapSiteMonths));
  EXPECT_EQ(Count(page, "<rect class=\"bar gap\""), 1u) << page;
  EXPECT_NE(page.find("data-month=\"2024-03\" data-articles=\"0\""), std::string::npos);
  EXPECT_NE(page.find("<title>2024-03: 0 articles, gap</title>"), std::string::npos) << page;
}

TEST_F(ServeCommand, SectionListsArticlesNewestFirstWithPages) {
  std::string page = Page(SiteHref() + "/section?name=" + PercentEncode("商会动态"));
  std::regex date(R"(<tr><td>(\d{4}-\d{2}-\d{2})</td>)");
  std::vector<std::string> dates;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), date); it != std::sregex_iterator();
       ++it) {
    dates.push_back((*it)[1]);
  }
  ASSERT_GE(dates.size(), 5u) << page;
  EXPECT_TRUE(std::is_sorted(dates.rbegin(), dates.rend())) << page;
  EXPECT_NE(page.find("href=\"/article?url=" + PercentEncode(archive_->changed_url) + "\""),
            std::string::npos);

  std::string all = Page(SiteHref() + "/articles");
  EXPECT_NE(all.find("35 articles"), std::string::npos) << all;
  EXPECT_EQ(all.find("class=\"pager\""), std::string::npos);  // 35 rows: one page
  Page(SiteHref() + "/articles?page=2", 404);
  Page(SiteHref() + "/section?name=" + PercentEncode("没有这一栏"), 404);
}

TEST_F(ServeCommand, ArticlePageShowsFieldsNeighboursVersionsAndText) {
  std::string url = "http://" + archive_->site + "/news/2.html";
  std::string page = Page("/article?url=" + PercentEncode(url));
  EXPECT_NE(page.find("<h1>商会考察团赴深圳学习交流</h1>"), std::string::npos) << page;
  EXPECT_NE(page.find("<dt>source</dt>"), std::string::npos);
  EXPECT_NE(page.find("<dt>views</dt>"), std::string::npos);
  // Its neighbours are archived: links to their pages.
  EXPECT_NE(page.find("<dt>previous</dt><dd><a href=\"/article?url=" +
                      PercentEncode("http://" + archive_->site + "/news/1.html")),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("<dt>next</dt><dd><a href=\"/article?url="), std::string::npos);
  EXPECT_NE(page.find("<h2>Versions</h2>"), std::string::npos);

  std::string changed = Page("/article?url=" + PercentEncode(archive_->changed_url));
  EXPECT_NE(changed.find(
                "href=\"" +
                util::HtmlEscape("/diff?url=" + PercentEncode(archive_->changed_url) + "&a=1&b=2") +
                "\""),
            std::string::npos)
      << changed;
  // The hostile article's next link leads nowhere archived.
  std::string evil = Page("/article?url=" + PercentEncode(serve_fixture::kEvilUrl));
  EXPECT_NE(evil.find("class=\"missing\""), std::string::npos) << evil;
}

TEST_F(ServeCommand, DiffMarksRemovedAndAddedText) {
  std::string page = Page("/diff?url=" + PercentEncode(archive_->changed_url) + "&a=1&b=2");
  EXPECT_NE(page.find("<td>title</td>"), std::string::npos) << page;
  EXPECT_NE(page.find("<ins>新增的一段文字。</ins>"), std::string::npos) << page;
  EXPECT_NE(page.find("<del>"), std::string::npos);
  // Defaults: the last two versions.
  std::string latest = Page("/diff?url=" + PercentEncode(archive_->changed_url));
  EXPECT_NE(latest.find("version 1</del>"), std::string::npos) << latest;
  EXPECT_NE(latest.find("version 2</ins>"), std::string::npos);
}

TEST_F(ServeCommand, SearchFindsArticlesAndRefusesMalformedQueries) {
  std::string page = Page("/search?q=" + PercentEncode("深圳学习交流"));
  EXPECT_NE(page.find("href=\"/article?url=" +
                      PercentEncode("http://" + archive_->site + "/news/2.html") + "\""),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("value=\"深圳学习交流\""), std::string::npos);
  EXPECT_NE(page.find("<mark>深圳学习交流</mark>"), std::string::npos) << page;
  std::string form = Page("/search");
  EXPECT_NE(form.find("<form action=\"/search\""), std::string::npos);
  std::string bad = Page("/search?q=" + PercentEncode("\"unclosed"), 400);
  EXPECT_NE(bad.find("not closed"), std::string::npos) << bad;
  Page("/search?q=a&page=0", 400);
  Page("/search?q=" + PercentEncode("深圳学习交流") + "&page=2", 404);
}

TEST_F(ServeCommand, AuditPageShowsSectionsAndHoles) {
  std::string page = Page("/audit");
  EXPECT_NE(page.find("商会动态"), std::string::npos);
  EXPECT_NE(page.find("<svg class=\"timeline\""), std::string::npos);
  // evil.test's article links to a next article never archived: one hole.
  std::string evil = Page("/audit?site=evil.test");
  EXPECT_NE(evil.find("1 hole"), std::string::npos) << evil;
  EXPECT_NE(evil.find("never_discovered"), std::string::npos) << evil;
  Page("/audit?site=nowhere.test", 404);
}

TEST_F(ServeCommand, HostileTitlesAndBodiesAreEscaped) {
  for (const std::string& target :
       {"/article?url=" + PercentEncode(serve_fixture::kEvilUrl), std::string("/site/evil.test"),
        std::string("/site/evil.test/articles"), std::string("/audit?site=evil.test"),
        "/search?q=" + PercentEncode("正文")}) {
    std::string page = Page(target);
    EXPECT_EQ(page.find("<script"), std::string::npos) << target << page;
    EXPECT_EQ(page.find("<img"), std::string::npos) << target;
    EXPECT_EQ(page.find("<b>section"), std::string::npos) << target;
  }
  std::string page = Page("/article?url=" + PercentEncode(serve_fixture::kEvilUrl));
  EXPECT_NE(page.find("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;标题"), std::string::npos)
      << page;
  EXPECT_NE(page.find("&quot;quoted&quot; &amp; &lt;/p&gt;"), std::string::npos);
}

TEST_F(ServeCommand, EveryAnswerForbidsLoadsFromElsewhere) {
  for (const std::string& target : {std::string("/"), std::string("/nothing-here")}) {
    auto res = Get(target);
    ASSERT_TRUE(res);
    std::string csp = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("script-src 'none'"), std::string::npos) << csp;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  }
}

TEST_F(ServeCommand, UnknownPathsAndBadParametersGetErrorPages) {
  Page("/nothing-here", 404);
  Page("/site/nowhere.test", 404);
  Page("/site/" + PercentEncode(archive_->site) + "/unknown", 404);
  Page("/article", 400);
  Page("/article?url=news/1.html", 400);
  Page("/article?url=" + PercentEncode("http://" + archive_->site + "/never.html"), 404);
  for (const char* page : {"0", "-1", "x", "1.5", "99999999999999999999"}) {
    Page(SiteHref() + "/articles?page=" + page, 400);
  }
  for (const char* v : {"0", "3", "x"}) {
    Page("/diff?url=" + PercentEncode(archive_->changed_url) + "&a=" + v, 400);
  }
  std::string page = Page("/diff?url=" + PercentEncode(archive_->changed_url) + "&b=9", 400);
  EXPECT_NE(page.find("versions 1 to 2"), std::string::npos) << page;
}

TEST_F(ServeCommand, OnlyGetAndHeadAreAnswered) {
  httplib::Client client("127.0.0.1", server_->port());
  auto post = client.Post("/", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD");
  auto del = client.Delete("/article");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  auto head = client.Head("/");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->body, "");
}

// A crawl writes while serve reads: pages answer from the last committed state (WAL), and
// show what a write commits as soon as it commits.
TEST_F(ServeCommand, AnswersWhileAWriteTransactionIsOpen) {
  auto writer = storage::Archive::Open(archive_->db);
  ASSERT_OK(writer);
  const std::string url = "http://late.test/news/1.html";
  {
    auto write = writer->BeginWrite();
    ASSERT_OK(write);
    ASSERT_OK(writer->RecordPage(storage::testing::MakeRecord(url, "后来的文章", "正文。")));
    std::string index = Page("/");
    EXPECT_EQ(index.find("late.test"), std::string::npos);
    Page("/article?url=" + PercentEncode(url), 404);
    ASSERT_OK(write->Commit());
  }
  EXPECT_NE(Page("/").find("href=\"/site/late.test\""), std::string::npos);
  EXPECT_NE(Page("/article?url=" + PercentEncode(url)).find("后来的文章"), std::string::npos);
}

TEST(ServeCommandRun, StopsCleanlyOnSigintAndSigterm) {
  std::string dir = testing_support::MakeTempDir();
  std::string db = dir + "/a.sqlite";
  {
    auto archive = storage::Archive::Open(db, {.create_if_missing = true});
    ASSERT_OK(archive);
    ASSERT_OK(archive->RecordPage(
        storage::testing::MakeRecord("http://a.cn/news/1.html", "标题", "正文。")));
  }
  for (int signal : {SIGINT, SIGTERM}) {
    ServeProcess server(db);
    ASSERT_GT(server.port(), 0);
    httplib::Client client("127.0.0.1", server.port());
    auto res = client.Get("/");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(server.Stop(signal), 0) << signal << server.Err();
  }
  // -q: the serving line, nothing on stderr.
  ServeProcess quiet(db, {}, {"-q"});
  ASSERT_GT(quiet.port(), 0);
  EXPECT_EQ(quiet.Stop(), 0);
  EXPECT_EQ(quiet.Err(), "");
}

TEST_F(ServeCommand, RemovedPageListsNoneWhileTheSitesServeEverything) {
  std::string page = Page("/removed");
  EXPECT_NE(page.find("0 articles no longer served"), std::string::npos) << page;
  Page("/removed?site=" + PercentEncode(archive_->site));
  Page("/removed?site=nowhere.test", 404);
  Page("/removed?page=0", 400);
}

// An archive written before removal tracking (schema 12: no removal columns), opened
// read-only as serve opens it: the removed view says the archive does not record removals.
TEST(ServeCommandRun, RemovedPageSaysWhenTheArchiveDoesNotTrackRemovals) {
  std::string db = testing_support::MakeTempDir() + "/a.sqlite";
  {
    auto archive = storage::Archive::Open(db, {.create_if_missing = true});
    ASSERT_OK(archive);
    ASSERT_OK(archive->RecordPage(
        storage::testing::MakeRecord("http://a.cn/news/1.html", "文章", "正文。")));
    ASSERT_OK(archive->db().Exec(
        "DROP INDEX articles_removed; ALTER TABLE articles DROP COLUMN removed_reason; "
        "ALTER TABLE articles DROP COLUMN removed_at; PRAGMA user_version = 12"));
  }
  ServeProcess server(db);
  ASSERT_GT(server.port(), 0);
  httplib::Client client("127.0.0.1", server.port());
  auto removed = client.Get("/removed");
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->status, 200);
  EXPECT_NE(removed->body.find("does not record removed articles"), std::string::npos)
      << removed->body;
  EXPECT_EQ(server.Stop(), 0);
}

// An archive that tracks removals (schema 13), with one article marked removed by hand: the
// removed view lists what its site no longer serves, and the article page says so.
TEST(ServeCommandRun, RemovedArticlesOfAnArchiveTrackingRemovals) {
  std::string db = testing_support::MakeTempDir() + "/a.sqlite";
  const std::string gone = "http://a.cn/news/1.html";
  {
    auto archive = storage::Archive::Open(db, {.create_if_missing = true});
    ASSERT_OK(archive);
    ASSERT_OK(archive->RecordPage(storage::testing::MakeRecord(gone, "撤下的文章", "正文。")));
    ASSERT_OK(archive->RecordPage(
        storage::testing::MakeRecord("http://a.cn/news/2.html", "还在的文章", "正文。")));
    ASSERT_OK(archive->db().Exec(
        "UPDATE articles SET removed_at = '2026-06-01T00:00:00Z', removed_reason = "
        "'<b>http_error 404</b>' WHERE url = 'http://a.cn/news/1.html'"));
  }
  ServeProcess server(db);
  ASSERT_GT(server.port(), 0);
  httplib::Client client("127.0.0.1", server.port());
  auto removed = client.Get("/removed");
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->status, 200);
  EXPECT_NE(removed->body.find("1 article no longer served"), std::string::npos) << removed->body;
  EXPECT_NE(removed->body.find(">撤下的文章</a>"), std::string::npos);
  EXPECT_EQ(removed->body.find("还在的文章"), std::string::npos);
  EXPECT_NE(removed->body.find("&lt;b&gt;http_error 404&lt;/b&gt;"), std::string::npos);
  auto article = client.Get(("/article?url=" + PercentEncode(gone)).c_str());
  ASSERT_TRUE(article);
  EXPECT_EQ(article->status, 200);
  EXPECT_NE(article->body.find("Removed from the site: gone since 2026-06-01T00:00:00Z"),
            std::string::npos)
      << article->body;
  EXPECT_EQ(server.Stop(), 0);
}

TEST(ServeCommandRun, MissingOrDamagedArchivesAreUsageErrors) {
  std::string dir = testing_support::MakeTempDir();
  auto missing = testing_support::RunNewsarc({"serve", "--db", dir + "/missing.sqlite"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.out, "");
  EXPECT_NE(missing.err.find(dir + "/missing.sqlite"), std::string::npos) << missing.err;

  std::string text = testing_support::WriteTempFile("notes.txt", "not an archive\n");
  auto not_archive = testing_support::RunNewsarc({"serve", "--db", text});
  EXPECT_EQ(not_archive.exit_code, 2);
  EXPECT_NE(not_archive.err.find("is not a newsarc archive"), std::string::npos) << not_archive.err;

  auto bad_port = testing_support::RunNewsarc({"serve", "--db", text, "--port", "70000"});
  EXPECT_EQ(bad_port.exit_code, 2);
}

TEST(ServeCommandRun, APortInUseIsARuntimeFailure) {
  std::string db = testing_support::MakeTempDir() + "/a.sqlite";
  {
    auto archive = storage::Archive::Open(db, {.create_if_missing = true});
    ASSERT_OK(archive);
  }
  ServeProcess first(db);
  ASSERT_GT(first.port(), 0);
  auto second =
      testing_support::RunNewsarc({"serve", "--db", db, "--port", std::to_string(first.port())});
  EXPECT_EQ(second.exit_code, 1) << second.err;
  EXPECT_EQ(second.out, "");
  EXPECT_NE(second.err.find("cannot listen on 127.0.0.1 port " + std::to_string(first.port())),
            std::string::npos)
      << second.err;
  EXPECT_EQ(first.Stop(), 0);
}

}  // namespace
