// Issue #15 point 2: removal tracking end to end. `newsarc crawl` archives the demo site; on
// later runs three of its articles are gone (a 404, a 200 "该信息已删除" page, a 302 to the home
// page); they are marked removed once seen gone on two runs the grace apart, never deleted;
// export, stats and show report them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "storage/sqlite_handles.h"
#include "tests/support/demo_site.h"
#include "tests/support/fixture_server.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace {

using testing_support::FixtureResponse;
using testing_support::FixtureServer;
using testing_support::RecordedRequest;

constexpr char kDeletedPage[] =
    "<html><head><meta charset=\"utf-8\"><title>提示信息</title></head><body>"
    "<p>对不起，该信息已删除！</p><p><a href=\"/\">返回首页</a></p></body></html>";

class RemovalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir();
    site_ = dir_ + "/site";
    auto gen = testing_support::MakeDemoSite(site_, "0");
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    server_.AddHost("demo.test");
    ASSERT_OK(server_.Start());
    std::string root = site_;
    server_.RoutePrefix("demo.test", "/", [root](const RecordedRequest& r) {
      std::string path = r.target.substr(0, r.target.find('?'));
      if (path == "/") path = "/index.html";
      if (r.target.find('?') != std::string::npos) {
        path += "@" + r.target.substr(r.target.find('?') + 1);
      }
      std::ifstream in(root + path, std::ios::binary);
      if (!in || path.find("..") != std::string::npos) return FixtureResponse::Status(404);
      std::stringstream ss;
      ss << in.rdbuf();
      return FixtureResponse::Html(ss.str(), "text/html");
    });
    db_ = dir_ + "/archive.sqlite";
    a_ = server_.Url("demo.test", "/news/1.html");
    b_ = server_.Url("demo.test", "/news/2.html");
    c_ = server_.Url("demo.test", "/news/3.html");
  }

  // `global` options go before the subcommand (-v).
  testing_support::ProcessResult Crawl(std::vector<std::string> extra = {},
                                       std::vector<std::string> global = {}) {
    std::vector<std::string> args = global;
    std::string seed = server_.Url("demo.test", "/index.html");
    args.insert(args.end(), {"crawl", "--db", db_, "--seed", seed, "--delay", "0",
                             "--revalidate-after", "1ms"});
    for (const auto& r : server_.ResolveEntries()) args.insert(args.end(), {"--resolve", r});
    args.insert(args.end(), extra.begin(), extra.end());
    return testing_support::RunNewsarc(args);
  }

  std::set<std::string> Exported(const std::string& removed) {
    auto r = testing_support::RunNewsarc({"export", "--db", db_, "--removed", removed});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::set<std::string> urls;
    std::istringstream lines(r.out);
    std::string line;
    while (std::getline(lines, line)) urls.insert(nlohmann::json::parse(line)["url"]);
    return urls;
  }

  nlohmann::json Stats() {
    auto r = testing_support::RunNewsarc({"stats", "--db", db_, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }

  // Moves every article's last fetch and every sighting a day back: the archive as a run a
  // day later finds it (the crawl reads the wall clock; --revalidate-after then makes every
  // article due, removed ones included).
  void ADayPasses() {
    auto db = storage::Db::Open(db_, SQLITE_OPEN_READWRITE);
    ASSERT_OK(db);
    ASSERT_OK(db->Exec(
        "UPDATE articles SET last_fetched_at = strftime('%Y-%m-%dT%H:%M:%SZ', last_fetched_at, "
        "'-1 day'); UPDATE removal_sightings SET seen_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
        "seen_at, '-1 day')"));
  }

  std::string dir_;
  std::string site_;
  std::string db_;
  std::string a_, b_, c_;
  FixtureServer server_;
};

TEST_F(RemovalTest, ArticlesSeenGoneOnTwoRunsTheGraceApartAreMarkedRemovedAndKept) {
  auto first = Crawl();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::set<std::string> all = Exported("include");
  ASSERT_TRUE(all.count(a_) && all.count(b_) && all.count(c_)) << first.err;

  // The site deletes three articles, each its own way.
  server_.Route("demo.test", "/news/1.html", FixtureResponse::Status(404));
  server_.Route("demo.test", "/news/2.html", FixtureResponse::Html(kDeletedPage));
  server_.Route("demo.test", "/news/3.html", FixtureResponse::Redirect("/"));
  ADayPasses();

  // Run 2 sees them gone once: nothing is marked removed yet.
  auto second = Crawl();
  EXPECT_NE(second.exit_code, 1) << second.err;
  EXPECT_EQ(second.err.find("article removed"), std::string::npos) << second.err;
  EXPECT_EQ(Exported("only"), std::set<std::string>());
  nlohmann::json stats = Stats();
  EXPECT_EQ(stats["removed"]["articles"], 0);
  EXPECT_EQ(stats["removed"]["seen_gone"], 3) << stats["removed"].dump();

  // Run 3 sees them gone again, but within the grace (default 7 days): still pending.
  auto third = Crawl();
  EXPECT_NE(third.exit_code, 1) << third.err;
  EXPECT_EQ(Exported("only"), std::set<std::string>());

  // Run 4 with a grace the runs span: removed, each named in a warning, counted in the summary
  // (logged at -v: a run without failures is quiet for cron, but for its warnings).
  auto fourth = Crawl({"--removal-grace", "0s"}, {"-v"});
  EXPECT_NE(fourth.exit_code, 1) << fourth.err;
  for (const auto& url : {a_, b_, c_}) {
    EXPECT_NE(fourth.err.find(url), std::string::npos) << url << "\n" << fourth.err;
  }
  EXPECT_NE(fourth.err.find("article removed"), std::string::npos) << fourth.err;
  EXPECT_NE(fourth.err.find("removed=3"), std::string::npos) << fourth.err;

  EXPECT_EQ(Exported("only"), std::set<std::string>({a_, b_, c_}));
  std::set<std::string> kept = Exported("exclude");
  EXPECT_EQ(kept.size() + 3, all.size());
  EXPECT_FALSE(kept.count(a_) || kept.count(b_) || kept.count(c_));
  EXPECT_EQ(Exported("include"), all);  // never deleted

  stats = Stats();
  EXPECT_EQ(stats["removed"]["articles"], 3);
  EXPECT_EQ(stats["removed"]["seen_gone"], 0);
  ASSERT_EQ(stats["sites"].size(), 1u);
  EXPECT_EQ(stats["sites"][0]["removed"], 3);
  auto text = testing_support::RunNewsarc({"stats", "--db", db_});
  EXPECT_NE(text.out.find("Removed from their sites: 3 articles"), std::string::npos) << text.out;

  // show says when and why, and the evidence fetch is kept with its capture.
  auto show = testing_support::RunNewsarc({"show", "--db", db_, "--format", "json", b_});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  nlohmann::json report = nlohmann::json::parse(show.out);
  EXPECT_FALSE(report["removal"]["removed_at"].is_null());
  EXPECT_EQ(report["removal"]["removed_reason"], "error_page: 信息已删除");
  ASSERT_GE(report["removal"]["sightings"].size(), 3u);
  int64_t evidence = report["removal"]["sightings"][0]["fetch_id"];
  bool evidence_kept = false;
  for (const auto& f : report["fetches"]) {
    if (f["id"] == evidence) evidence_kept = !f["capture_id"].is_null();
  }
  EXPECT_TRUE(evidence_kept) << report["fetches"].dump();
  for (const auto& [url, reason] : {std::pair{a_, "http_404"}, std::pair{c_, "redirect_home"}}) {
    auto shown = testing_support::RunNewsarc({"show", "--db", db_, url});
    EXPECT_NE(shown.out.find("Removed from the site"), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find(reason), std::string::npos) << shown.out;
  }

  // The site puts one back: it is no longer removed.
  server_.Route("demo.test", "/news/2.html", [root = site_](const RecordedRequest&) {
    std::ifstream in(root + "/news/2.html", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return FixtureResponse::Html(ss.str(), "text/html");
  });
  ADayPasses();
  auto back = Crawl();
  EXPECT_NE(back.exit_code, 1) << back.err;
  EXPECT_NE(back.err.find("removed article is back"), std::string::npos) << back.err;
  EXPECT_EQ(Exported("only"), std::set<std::string>({a_, c_}));
  EXPECT_EQ(Stats()["removed"]["articles"], 2);
}

}  // namespace
