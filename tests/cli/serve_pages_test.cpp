#include "cli/serve_pages.h"

#include <gtest/gtest.h>

#include <regex>

#include "cli/run_serve.h"
#include "storage/month_gaps.h"
#include "tests/storage/archive_test_util.h"

namespace {

using cli::serve::Pagination;

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

constexpr const char* kHostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";

TEST(ServePages, HostileTitlesSectionsAndUrlsAreEscapedInTheArticleList) {
  storage::ArticleList list;
  list.total = 1;
  storage::ArticleListRow row;
  row.url = std::string("http://a.cn/1.html?x=\"><script>");
  row.title = kHostile;
  row.section = kHostile;
  row.published_date = "2024-05-01";
  list.rows.push_back(row);
  std::string html = cli::serve::RenderArticleListPage(kHostile, "a.cn", std::nullopt, list,
                                                       Pagination{1, 50, 1}, "/site/a.cn/articles");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img"),
            std::string::npos)
      << html;
  // The URL goes into the link percent-encoded.
  EXPECT_NE(html.find("href=\"/article?url=http%3A%2F%2Fa.cn%2F1.html%3Fx%3D%22%3E%3Cscript%3E\""),
            std::string::npos)
      << html;
}

TEST(ServePages, HostileArticleFieldsAndBodyAreEscaped) {
  storage::UrlReport report;
  report.url = "http://a.cn/1.html";
  storage::UrlArticle found;
  found.article = storage::testing::MakeArticle(report.url, kHostile,
                                                std::string(kHostile) + "\n</p><p>第二段");
  found.article.source = kHostile;
  found.article.author = kHostile;
  found.article.images.push_back({"http://tracker.example/x.png", kHostile});
  report.article = found;
  cli::serve::NeighbourLink prev{cli::serve::NeighbourLink::Kind::kMissing,
                                 std::string("http://a.cn/0.html"), std::string(kHostile)};
  std::string html = cli::serve::RenderArticlePage("a.sqlite", report, prev, {});
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img"), std::string::npos) << html;
  EXPECT_EQ(html.find("=\"http://tracker.example"), std::string::npos);  // listed, never loaded
  EXPECT_NE(html.find("<p>&lt;/p&gt;&lt;p&gt;第二段</p>"), std::string::npos) << html;
  EXPECT_NE(html.find("class=\"missing\""), std::string::npos);
  EXPECT_NE(html.find("no next link on the page"), std::string::npos);
}

TEST(ServePages, TimelineDrawsABarPerMonthAndMarksTheGap) {
  // Four articles a month from 2023-11 to 2024-04, none in 2024-02: a gap (median 4).
  std::vector<std::optional<std::string>> dates;
  for (const char* month : {"2023-11", "2023-12", "2024-01", "2024-03", "2024-04"}) {
    for (int i = 1; i <= 4; ++i) dates.push_back(std::string(month) + "-0" + std::to_string(i));
  }
  storage::MonthTable months = storage::CountMonths(dates);
  ASSERT_EQ(months.months.size(), 6u);
  std::string svg = cli::serve::RenderTimelineSvg(months, "a.cn <新闻>");
  EXPECT_EQ(Count(svg, "<rect class=\"bar"), 6u) << svg;
  EXPECT_EQ(Count(svg, "<rect class=\"bar gap\""), 1u);
  // The gap stands over the whole height, the full months at the top too.
  EXPECT_NE(svg.find("<rect class=\"bar gap\" data-month=\"2024-02\" data-articles=\"0\" x=\"108\" "
                     "y=\"8\" width=\"22\" height=\"120\"><title>2024-02: 0 articles, "
                     "gap</title></rect>"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("<title>2023-11: 4 articles</title>"), std::string::npos);
  // One tick per year shown: 2023 at the first month, 2024 at January.
  EXPECT_EQ(Count(svg, "<text class=\"year\""), 2u);
  EXPECT_NE(svg.find(">2023</text>"), std::string::npos);
  EXPECT_NE(svg.find(">2024</text>"), std::string::npos);
  // Accessible: a role, a title and a description naming what is counted (escaped).
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("Articles per month, a.cn &lt;新闻&gt;</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("6 months from 2023-11 to 2024-04"), std::string::npos);
  EXPECT_NE(svg.find("1 gap,"), std::string::npos);
  EXPECT_EQ(svg.find("<新闻>"), std::string::npos);
}

TEST(ServePages, TimelineOfNoDatedArticlesIsEmpty) {
  EXPECT_EQ(cli::serve::RenderTimelineSvg(storage::CountMonths({std::nullopt}), "a.cn"), "");
}

TEST(ServePages, PaginationCountsAtLeastOnePage) {
  EXPECT_EQ((Pagination{1, 50, 0}).Pages(), 1);
  EXPECT_EQ((Pagination{1, 50, 50}).Pages(), 1);
  EXPECT_EQ((Pagination{1, 50, 51}).Pages(), 2);
  EXPECT_EQ((Pagination{3, 50, 101}).Offset(), 100);
}

TEST(ServePages, PagerLinksOnlyToPagesThatExist) {
  EXPECT_EQ(cli::serve::RenderPager("/l", Pagination{1, 50, 50}), "");  // one page: no pager
  std::string first = cli::serve::RenderPager("/l?name=a", Pagination{1, 50, 120});
  EXPECT_EQ(first.find("rel=\"prev\""), std::string::npos);
  EXPECT_NE(first.find("href=\"/l?name=a&amp;page=2\" rel=\"next\""), std::string::npos) << first;
  EXPECT_NE(first.find("href=\"/l?name=a&amp;page=3\" rel=\"last\""), std::string::npos);
  EXPECT_NE(first.find("page 1 of 3"), std::string::npos);
  std::string last = cli::serve::RenderPager("/l", Pagination{3, 50, 120});
  EXPECT_EQ(last.find("rel=\"next\""), std::string::npos);
  EXPECT_NE(last.find("href=\"/l?page=2\" rel=\"prev\""), std::string::npos) << last;
  EXPECT_NE(last.find("href=\"/l?page=1\" rel=\"first\""), std::string::npos);
  std::string middle = cli::serve::RenderPager("/l", Pagination{2, 50, 120});
  EXPECT_NE(middle.find("rel=\"prev\""), std::string::npos);
  EXPECT_NE(middle.find("rel=\"next\""), std::string::npos);
}

TEST(ServePages, DiffMarksDeletedAndInsertedText) {
  storage::ArticleHistory history;
  history.url = history.article_url = "http://a.cn/1.html";
  extract::Article v1 =
      storage::testing::MakeArticle(history.url, "旧<标题>", "第一段。\n第二段。");
  extract::Article v2 =
      storage::testing::MakeArticle(history.url, "新<标题>", "第一段。\n第二段，改了。\n第三段。");
  history.versions.push_back({1, "2024-05-01T00:00:00Z", 1, v1});
  history.versions.push_back({2, "2024-05-02T00:00:00Z", 2, v2});
  std::string html =
      cli::serve::RenderDiffPage("a.sqlite", history, 1, 2, storage::DiffVersions(v1, v2));
  EXPECT_NE(
      html.find(
          "<td>title</td><td><del>旧&lt;标题&gt;</del></td><td><ins>新&lt;标题&gt;</ins></td>"),
      std::string::npos)
      << html;
  EXPECT_NE(html.find("<p class=\"equal\">第一段。</p>"), std::string::npos) << html;
  EXPECT_NE(html.find("<p class=\"changed\">第二段<ins>，改了</ins>。</p>"), std::string::npos)
      << html;
  EXPECT_NE(html.find("<p class=\"added\"><ins>第三段。</ins></p>"), std::string::npos) << html;
}

TEST(ServePages, SearchSnippetsAreEscapedWithTheirMatchesMarked) {
  storage::SearchResults results;
  results.total = 1;
  storage::SearchHit hit;
  hit.url = "http://a.cn/1.html";
  hit.site = "a.cn";
  hit.title = "<i>标题</i>";
  hit.snippet = std::string("…前文 ") + cli::serve::kSnippetMarkOpen + "招<商>" +
                cli::serve::kSnippetMarkClose + " [后文]…";
  results.hits.push_back(hit);
  std::string html = cli::serve::RenderSearchPage("a.sqlite", "招<商>", std::nullopt, results,
                                                  Pagination{1, 20, 1}, std::nullopt);
  EXPECT_NE(html.find("…前文 <mark>招&lt;商&gt;</mark> [后文]…"), std::string::npos) << html;
  EXPECT_NE(html.find("value=\"招&lt;商&gt;\""), std::string::npos);
  EXPECT_NE(html.find("&lt;i&gt;标题&lt;/i&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<i>"), std::string::npos);
}

TEST(ServePages, ErrorPagesNameTheStatusAndEscapeTheMessage) {
  std::string html = cli::serve::RenderErrorPage("a.sqlite", 404, "no page at /<x>");
  EXPECT_NE(html.find("<h1>404 Not found</h1>"), std::string::npos) << html;
  EXPECT_NE(html.find("no page at /&lt;x&gt;"), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"zh\">"), std::string::npos);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
}

// The audit page compares a printed page total with the pager's pages fetched, as `audit`
// does, for the site's listing and for a section's.
TEST(ServePages, AuditNamesThePagerPagesNotFetched) {
  storage::PagerCoverage pager;
  pager.first_url = "http://a.cn/xwzx/index.html";
  pager.url_template = "http://a.cn/xwzx/index_{n}.html?<x>";
  pager.pages_printed = 4;
  pager.pages_fetched = 3;
  pager.pages_missing = 1;
  pager.missing = {3};
  cli::ListingComparison listing;
  listing.url = pager.first_url;
  listing.totals.pages = 4;
  listing.pager = pager;
  cli::SectionReport section;
  section.section = "协会动态";
  section.listing = listing;
  cli::SiteReport site;
  site.site = "a.cn";
  site.listing = listing;
  site.sections.push_back(section);
  cli::AuditReport report;
  report.sites.push_back(site);

  std::string page = cli::serve::RenderAuditPage("a.sqlite", report);
  const std::string line =
      "<span class=\"problem\">3 of 4 listing pages fetched "
      "(http://a.cn/xwzx/index_{n}.html?&lt;x&gt;); missing page 3</span>";
  size_t first = page.find(line);
  ASSERT_NE(first, std::string::npos) << page;
  EXPECT_NE(page.find(line, first + 1), std::string::npos) << page;  // the section's too

  // All fetched: said, not flagged.
  report.sites[0].listing->pager->pages_fetched = 4;
  report.sites[0].listing->pager->pages_missing = 0;
  report.sites[0].listing->pager->missing.clear();
  report.sites[0].sections.clear();
  page = cli::serve::RenderAuditPage("a.sqlite", report);
  EXPECT_NE(page.find("; 4 of 4 listing pages fetched"), std::string::npos) << page;
  EXPECT_EQ(page.find("class=\"problem\">4 of 4"), std::string::npos) << page;
}

TEST(ServeBind, OnlyLoopbackAddressesCountAsLoopback) {
  for (const char* address : {"127.0.0.1", "127.1.2.3", "::1", "localhost"}) {
    EXPECT_TRUE(cli::internal::IsLoopbackAddress(address)) << address;
  }
  for (const char* address :
       {"0.0.0.0", "192.168.1.2", "::", "127.0.0.1.example.org", "1270.0.0.1", "127.0.0", ""}) {
    EXPECT_FALSE(cli::internal::IsLoopbackAddress(address)) << address;
  }
}

}  // namespace
