// The trap guard by yield (issue #13): URL templates, the give-up rule, and the crawl loop on a
// site with a calendar trap inside plausible years beside a long real listing.
#include "crawler/yield_guard.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

#include "crawler/crawl_loop.h"
#include "tests/support/fake_fetcher.h"

namespace crawler {
namespace {

using testing_support::CannedResponse;
using testing_support::FakeClock;
using testing_support::FakeFetcher;

TEST(UrlTemplate, AbstractsDigitsAndQueryValues) {
  EXPECT_EQ(UrlTemplate("http://a.test/calendar.jsp?date=2021-03-05"), "/calendar.jsp?date");
  EXPECT_EQ(UrlTemplate("http://a.test/news/list_12.html"), "/news/list_#.html");
  EXPECT_EQ(UrlTemplate("https://a.test:8080/a.asp?page=3&id=7&page=4"), "/a.asp?id&page");
  EXPECT_EQ(UrlTemplate("http://a.test/2021/0305/c1001-32.html#x"), "/#/#/c#-#.html");
  EXPECT_EQ(UrlTemplate("http://a.test"), "/");
  EXPECT_EQ(UrlTemplate("http://a.test/search?q=%E5%95%86%E4%BC%9A"), "/search?q");
}

TEST(YieldGuard, GivesUpATemplateAfterBarrenFetchesInARow) {
  YieldGuard guard({.max_barren = 3, .probe_fetches = 1});
  EXPECT_FALSE(guard.Record("a.test", "/cal?d", true));
  EXPECT_FALSE(guard.Record("a.test", "/cal?d", false));
  EXPECT_FALSE(guard.Record("a.test", "/cal?d", false));
  EXPECT_FALSE(guard.Record("a.test", "/cal?d", true));  // yielded again: the count restarts
  EXPECT_FALSE(guard.Record("a.test", "/cal?d", false));
  EXPECT_FALSE(guard.Record("a.test", "/cal?d", false));
  EXPECT_TRUE(guard.Allows("a.test", "/cal?d"));
  EXPECT_TRUE(guard.Record("a.test", "/cal?d", false));  // given up, said once
  EXPECT_FALSE(guard.Allows("a.test", "/cal?d"));
  EXPECT_FALSE(guard.Record("a.test", "/cal?d", false));
  EXPECT_TRUE(guard.Allows("b.test", "/cal?d"));  // per host
  EXPECT_TRUE(guard.Allows("a.test", "/list?page"));
  const TemplateYield* y = guard.Find("a.test", "/cal?d");
  ASSERT_NE(y, nullptr);
  EXPECT_EQ(y->fetched, 8);
  EXPECT_EQ(y->productive, 2);
}

TEST(YieldGuard, ATemplateGivenUpBeforeGetsAShortProbe) {
  YieldGuard guard({.max_barren = 8, .probe_fetches = 2});
  guard.Restore({"a.test", "/cal?d", 20, 1, 8, true});
  EXPECT_TRUE(guard.Allows("a.test", "/cal?d"));
  EXPECT_FALSE(guard.Record("a.test", "/cal?d", false));
  EXPECT_TRUE(guard.Record("a.test", "/cal?d", false));
  EXPECT_FALSE(guard.Allows("a.test", "/cal?d"));
  // One that yields in its probe is followed again.
  guard.Restore({"a.test", "/list?page", 20, 1, 8, true});
  EXPECT_FALSE(guard.Record("a.test", "/list?page", true));
  for (int i = 0; i < 7; ++i) EXPECT_FALSE(guard.Record("a.test", "/list?page", false));
  EXPECT_TRUE(guard.Allows("a.test", "/list?page"));
}

// Test pages: one line per link, "article URL" (an article link), "listing URL" (a further
// listing page) or "other URL"; a line "is-article" makes the page a new article.
CannedResponse Page(const std::vector<std::string>& lines) {
  CannedResponse r;
  for (const auto& l : lines) r.body += l + "\n";
  return r;
}

class KindHandler final : public PageHandler {
 public:
  PageHandling OnFetched(const FrontierEntry& entry, const FetchResult& result) override {
    fetched.push_back(entry.url);
    PageHandling h;
    std::istringstream in(result.body);
    for (std::string line; std::getline(in, line);) {
      if (line == "is-article") {
        h.is_article = h.new_article = true;
        continue;
      }
      std::istringstream words(line);
      std::string kind, url;
      words >> kind >> url;
      LinkKind k = kind == "article"   ? LinkKind::kArticle
                   : kind == "listing" ? LinkKind::kListing
                                       : LinkKind::kOther;
      h.links.push_back({url, k});
    }
    return h;
  }
  void OnSkipped(const FrontierEntry& entry, SkipReason reason, const std::string&) override {
    if (reason == SkipReason::kTrapTemplate) trap_skipped.push_back(entry.url);
  }
  std::vector<std::string> fetched;
  std::vector<std::string> trap_skipped;
};

std::string Day(int y, int m, int d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return "http://a.test/calendar.jsp?date=" + std::string(buf);
}
std::string Month(int y, int m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return "http://a.test/calendar.jsp?month=" + std::string(buf);
}

class YieldCrawlTest : public ::testing::Test {
 protected:
  // A column of 150 listing pages (?page=N), two new articles on each, and beside it an events
  // calendar over 2000-2026, every day linking its week and its months (plausible dates only:
  // the scope's calendar guard lets them all through).
  void SetUp() override {
    std::vector<std::string> seed = {"listing http://a.test/news/list.asp?page=1",
                                     "other " + Day(2021, 3, 5)};
    fetcher_.Set("http://a.test/", Page(seed));
    for (int p = 1; p <= kPages; ++p) {
      std::vector<std::string> lines;
      for (int k = 0; k < 2; ++k) {
        std::string article = "http://a.test/news/show.asp?id=" + std::to_string(2 * p + k);
        lines.push_back("article " + article);
        fetcher_.Set(article, Page({"is-article", "other http://a.test/news/list.asp?page=1"}));
      }
      if (p < kPages) {
        lines.push_back("listing http://a.test/news/list.asp?page=" + std::to_string(p + 1));
      }
      lines.push_back("other " + Day(2021, 3, 5));  // the sidebar calendar, on every page
      fetcher_.Set("http://a.test/news/list.asp?page=" + std::to_string(p), Page(lines));
    }
    for (int y = 2000; y <= 2026; ++y) {
      for (int m = 1; m <= 12; ++m) {
        std::vector<std::string> month;
        for (int d = 1; d <= 28; ++d) {
          month.push_back("other " + Day(y, m, d));
          std::vector<std::string> day;
          for (int w = 1; w <= 7; ++w) day.push_back("other " + Day(y, m, (d + w - 1) % 28 + 1));
          day.push_back("other " + Month(y, m));
          day.push_back("other " + Month(m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1));
          day.push_back("other " + Month(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1));
          fetcher_.Set(Day(y, m, d), Page(day));
        }
        fetcher_.Set(Month(y, m), Page(month));
      }
    }
    options_.seeds = {"http://a.test/"};
    options_.scheduler.politeness.delay = std::chrono::milliseconds(100);
  }

  CrawlStats Run() {
    return RunCrawlLoop(options_, fetcher_, clock_, frontier_, nullptr, handler_);
  }

  int CalendarRequests() const {
    int n = 0;
    for (const auto& r : fetcher_.log()) n += r.url.find("calendar.jsp") != std::string::npos;
    return n;
  }
  int ArticlesFetched() const {
    int n = 0;
    for (const auto& u : handler_.fetched) n += u.find("show.asp") != std::string::npos;
    return n;
  }

  static constexpr int kPages = 150;
  FakeClock clock_;
  FakeFetcher fetcher_{clock_};
  MemoryFrontier frontier_;
  KindHandler handler_;
  CrawlLoopOptions options_;
};

TEST_F(YieldCrawlTest, ACalendarInsidePlausibleYearsCostsAFewRequestsAndNoArticleIsLost) {
  CrawlStats stats = Run();
  EXPECT_EQ(ArticlesFetched(), 2 * kPages);
  for (int p = 1; p <= kPages; ++p) {
    EXPECT_EQ(fetcher_.CountFor("http://a.test/news/list.asp?page=" + std::to_string(p)), 1) << p;
  }
  EXPECT_LE(CalendarRequests(), 20);
  EXPECT_GT(stats.trap_skipped, 0);
  EXPECT_EQ(stats.left_queued, 0u);
}

TEST_F(YieldCrawlTest, AResumedRunRemembersWhatTheTemplatesYielded) {
  options_.max_pages = 60;  // stopped mid-crawl, calendar entries still queued
  Run();
  int first_run = CalendarRequests();
  EXPECT_LE(first_run, 20);
  options_.max_pages.reset();
  // What the frontier kept: the day pages' template is given up.
  bool day_template_given_up = false;
  for (const TemplateYield& y : frontier_.LoadTemplateYields("a.test")) {
    day_template_given_up |= y.url_template == "/calendar.jsp?date" && y.given_up;
  }
  EXPECT_TRUE(day_template_given_up);
  Run();
  EXPECT_EQ(ArticlesFetched(), 2 * kPages);
  // A template given up before gets its short probe, not a fresh count: both runs together cost
  // what one uninterrupted run does, plus the probes.
  EXPECT_LE(CalendarRequests(), 20 + 2 * YieldOptions{}.probe_fetches);
  EXPECT_FALSE(handler_.trap_skipped.empty());
}

// A small association site whose home page lists its columns, one template for all of them,
// the first twelve empty (no articles yet): none is given up, so the last column's articles
// are reached. The guard is for navigation found below the pages a seed links to.
TEST_F(YieldCrawlTest, EmptyColumnsLinkedFromTheHomePageCostNoOtherColumn) {
  std::vector<std::string> home;
  for (int c = 1; c <= 13; ++c) {
    std::string column = "http://b.test/list.asp?cid=" + std::to_string(c);
    home.push_back("other " + column);
    if (c < 13) {
      fetcher_.Set(column, Page({}));  // "暂无信息"
    } else {
      fetcher_.Set(column, Page({"article http://b.test/show.asp?id=1",
                                 "article http://b.test/show.asp?id=2"}));
    }
  }
  fetcher_.Set("http://b.test/", Page(home));
  fetcher_.Set("http://b.test/show.asp?id=1", Page({"is-article"}));
  fetcher_.Set("http://b.test/show.asp?id=2", Page({"is-article"}));
  options_.seeds = {"http://b.test/"};
  Run();
  EXPECT_EQ(fetcher_.CountFor("http://b.test/list.asp?cid=13"), 1);
  EXPECT_EQ(fetcher_.CountFor("http://b.test/show.asp?id=1"), 1);
  EXPECT_EQ(fetcher_.CountFor("http://b.test/show.asp?id=2"), 1);
  EXPECT_TRUE(handler_.trap_skipped.empty());
}

}  // namespace
}  // namespace crawler
