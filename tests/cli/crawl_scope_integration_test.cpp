// `newsarc crawl` across the hosts of one registrable domain (issue #11): a listing on
// news.assoc.org.cn whose articles live on www.assoc.org.cn, and a link to www.other.org.cn,
// another registrant under the same public suffix (.org.cn). What was requested is read from
// the loopback server's log; what was refused from -v and from `newsarc stats`.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/support/fixture_server.h"
#include "tests/support/process.h"
#include "tests/support/sample_text.h"
#include "tests/support/test_util.h"

namespace {

using testing_support::FixtureResponse;
using testing_support::FixtureServer;

constexpr const char* kListing = "news.assoc.org.cn";
constexpr const char* kArticles = "www.assoc.org.cn";
constexpr const char* kOther = "www.other.org.cn";

std::string ArticleHtml(const std::string& title, const std::string& extra = "") {
  return testing_support::SampleArticleHtml(title, 3, extra);
}

class CrawlScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir();
    db_ = dir_ + "/archive.sqlite";
    for (const char* h : {kListing, kArticles, kOther}) server_.AddHost(h);
    ASSERT_OK(server_.Start());
    for (const char* h : {kListing, kArticles, kOther}) {
      server_.Route(h, "/robots.txt", FixtureResponse::Text("User-agent: *\nDisallow:\n"));
    }
    server_.Route(kListing, "/list.html",
                  FixtureResponse::Html(
                      "<html><head><meta charset=\"utf-8\"><title>协会新闻</title></head><body>"
                      "<ul><li><a href=\"" +
                      server_.Url(kArticles, "/a1.html") + "\">第一篇文章</a></li><li><a href=\"" +
                      server_.Url(kArticles, "/a2.html") + "\">第二篇文章</a></li><li><a href=\"" +
                      server_.Url(kOther, "/x.html") + "\">友情链接</a></li></ul></body></html>"));
    server_.Route(kArticles, "/a1.html",
                  FixtureResponse::Html(ArticleHtml(
                      "第一篇文章", "<div>下一条：<a href=\"" + server_.Url(kOther, "/x.html") +
                                        "\">别家的文章</a></div>")));
    server_.Route(kArticles, "/a2.html", FixtureResponse::Html(ArticleHtml("第二篇文章")));
    server_.Route(kOther, "/x.html", FixtureResponse::Html(ArticleHtml("别家的文章")));
  }

  testing_support::ProcessResult Crawl(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"-v",      "crawl",  "--db",
                                     db_,       "--seed", server_.Url(kListing, "/list.html"),
                                     "--delay", "0.02"};
    for (const auto& r : server_.ResolveEntries()) args.insert(args.end(), {"--resolve", r});
    args.insert(args.end(), extra.begin(), extra.end());
    return testing_support::RunNewsarc(args);
  }

  std::set<std::string> ArchivedUrls() {
    std::set<std::string> urls;
    auto exported = testing_support::RunNewsarc({"export", "--db", db_});
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    std::istringstream lines(exported.out);
    std::string line;
    while (std::getline(lines, line)) urls.insert(nlohmann::json::parse(line)["url"]);
    return urls;
  }

  nlohmann::json LastRun() {
    auto stats = testing_support::RunNewsarc({"stats", "--db", db_, "--json"});
    EXPECT_EQ(stats.exit_code, 0) << stats.err;
    auto json = nlohmann::json::parse(stats.out);
    return json["runs"].empty() ? nlohmann::json() : json["runs"][0];
  }

  std::string dir_;
  std::string db_;
  FixtureServer server_;
};

TEST_F(CrawlScopeTest, FollowsTheSeedsRegistrableDomainAndRequestsNothingElsewhere) {
  auto r = Crawl();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(server_.CountFor(kArticles, "/robots.txt"), 1u);
  EXPECT_EQ(server_.CountFor(kArticles, "/a1.html"), 1u);
  EXPECT_EQ(server_.CountFor(kArticles, "/a2.html"), 1u);
  auto urls = ArchivedUrls();
  EXPECT_TRUE(urls.count(server_.Url(kArticles, "/a1.html")));
  EXPECT_TRUE(urls.count(server_.Url(kArticles, "/a2.html")));
  // Not one request to the other registrant, robots.txt included.
  EXPECT_TRUE(server_.RequestsFor(kOther).empty());

  // -v names the refused host once when first refused, then in the run's summary.
  std::string host_key =
      server_.Host(kOther).name + ":" + std::to_string(server_.Host(kOther).port);
  size_t first = r.err.find("off-site host not followed");
  ASSERT_NE(first, std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("off-site host not followed", first + 1), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("host=" + host_key), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(host_key + " (2)"), std::string::npos) << r.err;

  // The run's row: the listing's link and a1's 下一条 link, with the first as the example.
  nlohmann::json run = LastRun();
  EXPECT_EQ(run["offsite_links"], 2);
  ASSERT_EQ(run["offsite_hosts"].size(), 1u);
  EXPECT_EQ(run["offsite_hosts"][0]["host"], host_key);
  EXPECT_EQ(run["offsite_hosts"][0]["links"], 2);
  EXPECT_EQ(run["offsite_hosts"][0]["example"], server_.Url(kOther, "/x.html"));
  auto text = testing_support::RunNewsarc({"stats", "--db", db_});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Off-site hosts not followed"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find(host_key), std::string::npos) << text.out;
}

TEST_F(CrawlScopeTest, SubdomainsFalseInTheSiteFileKeepsTheCrawlOnTheSeedHost) {
  std::string config = dir_ + "/site.toml";
  std::ofstream(config) << "[crawl]\nsubdomains = false\n";
  auto r = Crawl({"--config", config});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(server_.CountFor(kListing, "/list.html"), 1u);
  EXPECT_TRUE(server_.RequestsFor(kArticles).empty());
  EXPECT_TRUE(server_.RequestsFor(kOther).empty());
  nlohmann::json run = LastRun();
  EXPECT_EQ(run["offsite_links"], 3);
  std::set<std::string> hosts;
  for (const auto& h : run["offsite_hosts"]) hosts.insert(h["host"].get<std::string>());
  EXPECT_EQ(hosts.size(), 2u);
  EXPECT_TRUE(
      hosts.count(std::string(kArticles) + ":" + std::to_string(server_.Host(kArticles).port)));
}

TEST_F(CrawlScopeTest, NoSubdomainsFlagKeepsTheCrawlOnTheSeedHost) {
  auto r = Crawl({"--no-subdomains"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(server_.RequestsFor(kArticles).empty());
  EXPECT_TRUE(server_.RequestsFor(kOther).empty());
}

}  // namespace
