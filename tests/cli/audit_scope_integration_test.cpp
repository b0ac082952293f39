// `newsarc audit` and `newsarc urls` after a real crawl (issue #15): a column on a loopback
// fixture site whose articles link each other by 上一条/下一条, crawled with --exclude and
// --max-depth. The links the scope refused are archived, so audit calls the holes they leave
// "refused by scope" with the reason instead of "never discovered", and urls --state refused
// lists them. The column's first page prints 共4页; its pager's page 3 answers 404, so audit
// says 3 of 4 listing pages were fetched and names page 3.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/fixture_server.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace {

using testing_support::FixtureResponse;
using testing_support::FixtureServer;
using testing_support::RecordedRequest;

constexpr const char* kHost = "assoc.test";

std::string Head(const std::string& title) {
  return "<html><head><meta charset=\"utf-8\"><title>" + title + " - 示范协会</title></head><body>";
}

// An article of 新闻中心 with its previous/next links (hrefs, or empty for none).
std::string Article(int n, const std::string& prev, const std::string& next) {
  std::string p = "本会召开第" + std::to_string(n) +
                  "次会员大会，听取并审议了理事会工作报告和财务报告，选举产生了新一届理事会领导"
                  "班子。会议强调，要进一步加强商会自身建设，更好地服务会员企业。";
  std::string title = "协会第" + std::to_string(n) + "次会员大会召开";
  return Head(title) +
         "<div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; <a "
         "href=\"/xwzx/index.html\">新闻中心</a></div><div class=\"article\"><h1>" +
         title + "</h1><div class=\"info\">发布时间：2024-05-0" + std::to_string(n) +
         " 09:30</div><p>" + p + "</p><p>" + p + "</p><p>" + p + "</p></div><div>上一条：" +
         (prev.empty() ? "没有了" : "<a href=\"" + prev + "\">上一篇文章</a>") +
         "</div><div>下一条：" +
         (next.empty() ? "没有了" : "<a href=\"" + next + "\">下一篇文章</a>") +
         "</div></body></html>";
}

std::string Listing(int page, const std::vector<int>& articles) {
  std::string html = Head("新闻中心") + "<h2>新闻中心</h2><ul class=\"list\">";
  for (int n : articles) {
    html += "<li><a href=\"/xwzx/" + std::to_string(n) + ".html\">协会第" + std::to_string(n) +
            "次会员大会召开</a><span>2024-05-0" + std::to_string(n) + "</span></li>";
  }
  html += "</ul><div class=\"page\">共4页 第" + std::to_string(page) +
          "页 <a href=\"index.html\">首页</a> <a href=\"index_2.html\">2</a> <a "
          "href=\"index_3.html\">3</a> <a href=\"index_4.html\">4</a> <a "
          "href=\"index_4.html\">尾页</a></div></body></html>";
  return html;
}

class AuditScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir();
    db_ = dir_ + "/archive.sqlite";
    server_.AddHost(kHost);
    ASSERT_OK(server_.Start());
    // 0 <- 1 <-> 2 -> 3: the listing links 1 (and 5, 6, 7, articles of their own); 0 is under
    // /old/ (excluded), 3 is 3 links from the seed (--max-depth 2). Page 3 of the pager is gone.
    std::map<std::string, std::string> pages = {
        {"/robots.txt", ""},
        {"/xwzx/index.html", Listing(1, {1, 5, 6, 7})},
        {"/xwzx/index_2.html", Listing(2, {1, 5, 6, 7})},
        {"/xwzx/index_4.html", Listing(4, {1, 5, 6, 7})},
        {"/xwzx/1.html", Article(1, "/old/0.html", "/xwzx/2.html")},
        {"/xwzx/2.html", Article(2, "/xwzx/1.html", "/xwzx/3.html")},
        {"/xwzx/3.html", Article(3, "/xwzx/2.html", "")},
        {"/old/0.html", Article(0, "", "/xwzx/1.html")},
        {"/xwzx/5.html", Article(5, "", "")},
        {"/xwzx/6.html", Article(6, "", "")},
        {"/xwzx/7.html", Article(7, "", "")},
    };
    server_.RoutePrefix(kHost, "/", [pages](const RecordedRequest& r) {
      if (r.target == "/robots.txt") return FixtureResponse::Text("User-agent: *\nDisallow:\n");
      auto it = pages.find(r.target);
      if (it == pages.end()) return FixtureResponse::Status(404, "not found");
      return FixtureResponse::Html(it->second);
    });
  }

  testing_support::ProcessResult Newsarc(std::vector<std::string> args) {
    return testing_support::RunNewsarc(args);
  }

  void Crawl() {
    std::vector<std::string> args = {
        "crawl",   "--db",       db_,         "--seed", Url("/xwzx/index.html"),
        "--delay", "0.01",       "--exclude", "/old/",  "--max-depth",
        "2",       "--max-time", "60s"};
    for (const auto& r : server_.ResolveEntries()) args.insert(args.end(), {"--resolve", r});
    auto crawl = Newsarc(args);
    ASSERT_EQ(crawl.exit_code, 0) << crawl.err;
  }

  std::string Url(const std::string& path) { return server_.Url(kHost, path); }

  std::string dir_;
  std::string db_;
  FixtureServer server_;
};

TEST_F(AuditScopeTest, HolesTheScopeRefusedAreCalledRefusedWithTheReason) {
  ASSERT_NO_FATAL_FAILURE(Crawl());
  EXPECT_EQ(server_.CountFor(kHost, "/old/0.html"), 0u);
  EXPECT_EQ(server_.CountFor(kHost, "/xwzx/3.html"), 0u);

  auto audit = Newsarc({"audit", "--db", db_, "--format", "json"});
  ASSERT_EQ(audit.exit_code, 3) << audit.err << audit.out;  // holes remain
  auto json = nlohmann::json::parse(audit.out);
  ASSERT_EQ(json["sites"].size(), 1u);
  const auto& sections = json["sites"][0]["sections"];
  ASSERT_EQ(sections.size(), 1u) << audit.out;
  EXPECT_EQ(sections[0]["section"], "新闻中心");
  std::map<std::string, nlohmann::json> holes;
  for (const auto& h : sections[0]["holes"]) holes[h["url"].get<std::string>()] = h;
  ASSERT_EQ(holes.size(), 2u) << audit.out;
  const auto& excluded = holes[Url("/old/0.html")];
  EXPECT_EQ(excluded["reason"], "refused");
  EXPECT_EQ(excluded["scope_reason"], "excluded");
  EXPECT_EQ(excluded["detail"], "refused by scope (matches exclude pattern /old/)");
  const auto& deep = holes[Url("/xwzx/3.html")];
  EXPECT_EQ(deep["reason"], "refused");
  EXPECT_EQ(deep["scope_reason"], "too_deep");
  EXPECT_EQ(deep["detail"], "refused by scope (depth 3 > max depth 2)");

  auto text = Newsarc({"audit", "--db", db_});
  EXPECT_NE(text.out.find(Url("/old/0.html") +
                          "  refused: refused by scope (matches exclude pattern /old/)"),
            std::string::npos)
      << text.out;
  EXPECT_EQ(text.out.find("never_discovered"), std::string::npos) << text.out;

  // urls --state refused lists both, once each, with the page that linked them.
  auto urls = Newsarc({"urls", "--db", db_, "--state", "refused", "--format", "jsonl"});
  ASSERT_EQ(urls.exit_code, 0) << urls.err;
  std::map<std::string, nlohmann::json> refused;
  std::istringstream lines(urls.out);
  for (std::string line; std::getline(lines, line);) {
    auto row = nlohmann::json::parse(line);
    refused[row["url"].get<std::string>()] = row;
  }
  ASSERT_TRUE(refused.count(Url("/old/0.html"))) << urls.out;
  ASSERT_TRUE(refused.count(Url("/xwzx/3.html"))) << urls.out;
  EXPECT_EQ(refused[Url("/old/0.html")]["state"], "refused");
  EXPECT_EQ(refused[Url("/old/0.html")]["scope_reason"], "excluded");
  EXPECT_EQ(refused[Url("/old/0.html")]["discovered_from"], Url("/xwzx/1.html"));
  EXPECT_EQ(refused[Url("/xwzx/3.html")]["reason"], "refused by scope (depth 3 > max depth 2)");
  auto table = Newsarc({"urls", "--db", db_, "--state", "refused"});
  EXPECT_NE(table.out.find(Url("/xwzx/3.html") +
                           "\trefused\t0\t-\trefused by scope (depth 3 > max depth 2)"),
            std::string::npos)
      << table.out;

  // show names the refusal of a URL the archive holds no fetch of.
  auto show = Newsarc({"show", "--db", db_, Url("/old/0.html")});
  EXPECT_NE(show.exit_code, 0);
  EXPECT_NE(show.err.find("refused by scope (matches exclude pattern /old/), linked from " +
                          Url("/xwzx/1.html")),
            std::string::npos)
      << show.err;

  // A second run finds the same links again: still one row each.
  ASSERT_NO_FATAL_FAILURE(Crawl());
  auto again = Newsarc({"urls", "--db", db_, "--state", "refused", "--format", "jsonl"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(std::count(again.out.begin(), again.out.end(), '\n'),
            std::count(urls.out.begin(), urls.out.end(), '\n'));
}

TEST_F(AuditScopeTest, PagerPagesNotFetchedAreNamedAgainstThePrintedTotal) {
  ASSERT_NO_FATAL_FAILURE(Crawl());
  EXPECT_EQ(server_.CountFor(kHost, "/xwzx/index_3.html"), 1u);  // asked for: a 404

  auto audit = Newsarc({"audit", "--db", db_, "--format", "json"});
  auto json = nlohmann::json::parse(audit.out);
  const auto& listing = json["sites"][0]["sections"][0]["listing"];
  ASSERT_TRUE(listing.is_object()) << audit.out;
  EXPECT_EQ(listing["url"], Url("/xwzx/index.html"));
  EXPECT_EQ(listing["pages_printed"], 4);
  const auto& pager = listing["pager"];
  ASSERT_TRUE(pager.is_object()) << audit.out;
  EXPECT_EQ(pager["url_template"], Url("/xwzx/index_{n}.html"));
  EXPECT_EQ(pager["pages_printed"], 4);
  EXPECT_EQ(pager["pages_fetched"], 3);
  EXPECT_EQ(pager["pages_missing"], 1);
  EXPECT_EQ(pager["missing"], nlohmann::json::array({3}));

  auto text = Newsarc({"audit", "--db", db_});
  EXPECT_NE(text.out.find("pager    3 of 4 listing pages fetched (" + Url("/xwzx/index_{n}.html") +
                          "); missing page 3"),
            std::string::npos)
      << text.out;
  // -q keeps the pager line: pages are missing.
  auto quiet = Newsarc({"-q", "audit", "--db", db_});
  EXPECT_NE(quiet.out.find("missing page 3"), std::string::npos) << quiet.out;
}

}  // namespace
