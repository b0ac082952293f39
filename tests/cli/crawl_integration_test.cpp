// `newsarc crawl` end to end: the binary against the loopback fixture server serving the demo
// association site (tools/make_demo_site.py) and fault routes. Politeness is asserted from the
// server's request log.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "storage/archive.h"
#include "tests/support/demo_site.h"
#include "tests/support/fixture_server.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"
#include "util/file_lock.h"

extern char** environ;

namespace {

using testing_support::FixtureResponse;
using testing_support::FixtureServer;
using testing_support::RecordedRequest;

constexpr double kCrawlDelaySeconds = 0.25;
// The server stamps a request when its handler runs; on a loaded machine that can lag the
// request's arrival by a few tens of milliseconds, for one request and not the next. The exact
// client-side guarantee is tested with a fake clock (crawl_loop_test.cpp); here the server-side
// gap must hold up to this scheduling slack.
constexpr std::chrono::milliseconds kServerStampSlack{50};

class CrawlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir();  // once: it empties the test's directory
    site_ = dir_ + "/site";
    auto gen = testing_support::MakeDemoSite(site_, std::to_string(kCrawlDelaySeconds));
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    manifest_ = nlohmann::json::parse(testing_support::ReadFileOrFail(site_ + "/manifest.json"));
    server_.AddHost("demo.test");
    server_.AddHost("down.test");
    ASSERT_OK(server_.Start());
    std::string root = site_;
    server_.RoutePrefix("demo.test", "/", [root](const RecordedRequest& r) {
      auto found = testing_support::FindDemoSitePage(root, r.target);
      if (!found) return FixtureResponse::Status(404);
      // Validators, as a static file server sends them: an ETag answered with 304.
      std::string etag = "\"" + std::to_string(std::hash<std::string>{}(found->body)) + "\"";
      for (const auto& [name, value] : r.headers) {
        if (name == "If-None-Match" && value == etag) {
          FixtureResponse not_modified = FixtureResponse::Status(304);
          not_modified.headers = {{"ETag", etag}};
          return not_modified;
        }
      }
      FixtureResponse page =
          FixtureResponse::Html(found->body, testing_support::DemoSiteContentType(found->path));
      page.headers.emplace_back("ETag", etag);
      return page;
    });
    db_ = dir_ + "/archive.sqlite";
  }

  std::vector<std::string> CrawlArgs(const std::string& host = "demo.test") {
    return testing_support::DemoCrawlArgs(server_, host, db_, "0.02");
  }

  std::map<std::string, std::string> ArchivedArticles(const std::string& db = "") {
    std::map<std::string, std::string> out;  // url → content hash
    auto exported = testing_support::RunNewsarc({"export", "--db", db.empty() ? db_ : db});
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    std::istringstream lines(exported.out);
    std::string line;
    while (std::getline(lines, line)) {
      auto a = nlohmann::json::parse(line);
      out[a["url"]] = a["content_sha256"];
    }
    return out;
  }

  // Crawls the demo site with --warc into DIR/warc; returns the WARC files written.
  std::vector<std::string> CrawlWithWarc() {
    std::string warc_dir = dir_ + "/warc";  // not made here: --warc creates it (#13 point 7)
    auto args = CrawlArgs();
    args.insert(args.end(), {"--warc", warc_dir});
    auto r = testing_support::RunNewsarc(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> files;
    for (const auto& f : std::filesystem::directory_iterator(warc_dir)) files.push_back(f.path());
    return files;
  }

  std::string dir_;
  std::string site_;
  std::string db_;
  nlohmann::json manifest_;
  FixtureServer server_;
};

TEST_F(CrawlTest, CrawlsTheDemoSitePolitelyIntoTheArchive) {
  auto r = testing_support::RunNewsarc(CrawlArgs());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto articles = ArchivedArticles();
  // Every article, including the one missing from its listing (reached by 下一条).
  for (const auto& a : manifest_["articles"]) {
    std::string url = a["url"];
    std::string path = url.substr(url.find('/', 8));
    EXPECT_TRUE(articles.count(server_.Url("demo.test", path))) << path;
  }
  // robots.txt: fetched first, Disallow obeyed, Crawl-delay kept between request starts.
  auto requests = server_.RequestsFor("demo.test");
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(requests.front().target, "/robots.txt");
  for (const auto& req : requests) EXPECT_EQ(req.target.find("/admin/"), std::string::npos);
  auto gap = server_.MinStartGap("demo.test");
  ASSERT_TRUE(gap.has_value());
  EXPECT_GE(*gap, std::chrono::milliseconds(static_cast<int>(kCrawlDelaySeconds * 1000)) -
                      kServerStampSlack);
  EXPECT_EQ(server_.MaxConcurrentRequests("demo.test"), 1);
  // The User-Agent names newsarc.
  bool ua = false;
  for (const auto& [k, v] : requests.front().headers)
    ua |= k == "User-Agent" && v.rfind("newsarc/", 0) == 0;
  EXPECT_TRUE(ua);
}

TEST_F(CrawlTest, SecondRunAddsNoDuplicates) {
  ASSERT_EQ(testing_support::RunNewsarc(CrawlArgs()).exit_code, 0);
  auto first = ArchivedArticles();
  auto r = testing_support::RunNewsarc(CrawlArgs());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ArchivedArticles(), first);
}

TEST_F(CrawlTest, LaterRunRevisitsListingsAndFindsNewArticles) {
  ASSERT_EQ(testing_support::RunNewsarc(CrawlArgs()).exit_code, 0);
  auto before = ArchivedArticles();
  // The site publishes a new article, linked from the first page of its column.
  std::filesystem::copy_file(site_ + "/news/1.html", site_ + "/news/100.html");
  std::string listing = testing_support::ReadFileOrFail(site_ + "/news/list_1.html");
  listing.insert(listing.find("</table>"),
                 "<tr><td><a href=\"/news/100.html\">A brand new article of the column</a></td>"
                 "<td>2022-12-30</td></tr>");
  std::ofstream(site_ + "/news/list_1.html", std::ios::binary) << listing;
  auto r = testing_support::RunNewsarc(CrawlArgs());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto after = ArchivedArticles();
  EXPECT_EQ(after.size(), before.size() + 1);
  EXPECT_TRUE(after.count(server_.Url("demo.test", "/news/100.html")));
}

TEST_F(CrawlTest, ASecondCrawlOnALockedArchiveExitsFour) {
  auto lock = util::FileLock::TryAcquire(db_ + ".lock");
  ASSERT_OK(lock);
  ASSERT_TRUE(lock->has_value());
  auto r = testing_support::RunNewsarc(CrawlArgs());
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("locked"), std::string::npos) << r.err;
  EXPECT_TRUE(server_.RequestsFor("demo.test").empty());
  // import-warc writes too: the same lock.
  auto import = testing_support::RunNewsarc({"import-warc", site_ + "/index.html", "--db", db_});
  EXPECT_EQ(import.exit_code, 4);
  EXPECT_NE(import.err.find("locked"), std::string::npos) << import.err;
}

// RFC 9309 §2.3.1.4: unreachable robots.txt means complete disallow.
TEST_F(CrawlTest, HostWhoseRobotsAnswers503GetsNoOtherRequest) {
  server_.Route("down.test", "/robots.txt", FixtureResponse::Status(503));
  server_.Route("down.test", "/index.html", FixtureResponse::Html("<p>never</p>"));
  auto r = testing_support::RunNewsarc(CrawlArgs("down.test"));
  EXPECT_EQ(r.exit_code, 3) << r.err;  // work left for the next run
  auto requests = server_.RequestsFor("down.test");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].target, "/robots.txt");
}

TEST_F(CrawlTest, BadArgumentsAreUsageErrors) {
  EXPECT_EQ(testing_support::RunNewsarc({"crawl", "--db", db_}).exit_code, 2);  // no seeds
  EXPECT_EQ(testing_support::RunNewsarc({"crawl", "--db", db_, "--seed", "ftp://x/"}).exit_code, 2);
  EXPECT_EQ(testing_support::RunNewsarc(
                {"crawl", "--db", db_, "--seed", "http://a/", "--max-time", "soon"})
                .exit_code,
            2);
  EXPECT_EQ(testing_support::RunNewsarc(
                {"crawl", "--db", db_, "--seed", "http://a/", "--resolve", "nonsense"})
                .exit_code,
            2);
  std::string not_db = dir_ + "/notes.txt";
  std::ofstream(not_db) << "not a database";
  auto r = testing_support::RunNewsarc({"crawl", "--db", not_db, "--seed", "http://a/"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(testing_support::ReadFileOrFail(not_db), "not a database");
}

// Resume: kill -9 in the middle of a crawl, several times; the archive ends up equal to an
// uninterrupted crawl's, without duplicates, and SQLite finds it intact.
TEST_F(CrawlTest, KilledCrawlsResumeToTheSameArchive) {
  ASSERT_EQ(testing_support::RunNewsarc(CrawlArgs()).exit_code, 0);
  auto reference = ArchivedArticles();
  std::filesystem::remove(db_);
  std::filesystem::remove(db_ + "-wal");
  std::filesystem::remove(db_ + "-shm");

  std::vector<std::string> args = CrawlArgs();
  args.insert(args.begin(), testing_support::NewsarcBinary());
  for (int kill_round = 0; kill_round < 3; ++kill_round) {
    size_t before = server_.Requests().size();
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ), 0);
    // Let it make a few requests, then kill it without warning.
    for (int i = 0; i < 200 && server_.Requests().size() < before + 4; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
  }
  auto finish = testing_support::RunNewsarc(CrawlArgs());
  ASSERT_EQ(finish.exit_code, 0) << finish.err;
  EXPECT_EQ(ArchivedArticles(), reference);
  auto check = testing_support::RunProcess({"sqlite3", db_, "PRAGMA integrity_check;"});
  EXPECT_EQ(check.out, "ok\n");
}

// Issue #13 point 8: a whole host missing after kills in a resumed crawl. robots.txt answers
// slowly; the crawl is killed while its robots.txt request is in flight, just after the answer,
// and with the first page request in flight. Every resumed run must still reach every article.
TEST_F(CrawlTest, Issue13KillsAroundTheRobotsFetchLoseNoHost) {
  ASSERT_EQ(testing_support::RunNewsarc(CrawlArgs()).exit_code, 0);
  auto reference = ArchivedArticles();
  ASSERT_GT(reference.size(), 10u);
  std::filesystem::remove(db_);
  std::filesystem::remove(db_ + "-wal");
  std::filesystem::remove(db_ + "-shm");

  constexpr std::chrono::milliseconds kRobotsDelay{600};
  std::string robots = testing_support::ReadFileOrFail(site_ + "/robots.txt");
  server_.Route("demo.test", "/robots.txt", FixtureResponse::Text(robots).WithDelay(kRobotsDelay));

  std::vector<std::string> args = CrawlArgs();
  args.insert(args.begin(), testing_support::NewsarcBinary());
  auto robots_requests = [&] { return server_.CountFor("demo.test", "/robots.txt"); };
  // When to kill, counted from the robots.txt request of the round: while it is in flight
  // (twice: early and late), just after its answer, and when the next request arrives.
  enum class When { kRobotsEarly, kRobotsLate, kJustAfterRobots, kFirstPage };
  for (When when : {When::kRobotsEarly, When::kRobotsLate, When::kJustAfterRobots, When::kFirstPage,
                    When::kRobotsEarly}) {
    size_t robots_before = robots_requests();
    size_t before = server_.Requests().size();
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ), 0);
    // Once a run has stored robots.txt, later runs take it from the archive: then the kill
    // comes with the first page request.
    for (int i = 0;
         i < 500 && robots_requests() == robots_before && server_.Requests().size() == before;
         ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (robots_requests() == robots_before) when = When::kFirstPage;
    auto arrived = std::chrono::steady_clock::now();
    switch (when) {
      case When::kRobotsEarly:
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        break;
      case When::kRobotsLate:
        std::this_thread::sleep_for(kRobotsDelay - std::chrono::milliseconds(50));
        break;
      case When::kJustAfterRobots:
        std::this_thread::sleep_for(kRobotsDelay + std::chrono::milliseconds(30));
        break;
      case When::kFirstPage:
        for (int i = 0; i < 500 && server_.Requests().size() <
                                       before + 2 - (robots_requests() == robots_before);
             ++i) {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        break;
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status)) << "the crawl ended before the kill, "
                                     << std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::steady_clock::now() - arrived)
                                            .count()
                                     << " ms after its robots.txt request";
  }
  auto finish = testing_support::RunNewsarc(CrawlArgs());
  ASSERT_EQ(finish.exit_code, 0) << finish.err;
  EXPECT_EQ(ArchivedArticles(), reference);
}

TEST_F(CrawlTest, WritesWarcFilesAnIndependentReaderAccepts) {
  std::vector<std::string> files = CrawlWithWarc();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_NE(files[0].find(".warc.gz"), std::string::npos);
  std::vector<std::string> cmd = {"node",
                                  testing_support::SourceDir() + "/tools/warc/verify_warc.mjs"};
  cmd.insert(cmd.end(), files.begin(), files.end());
  auto v = testing_support::RunProcess(cmd);
  EXPECT_EQ(v.exit_code, 0) << v.out.substr(0, 2000) << v.err;
  auto summary = nlohmann::json::parse(v.out);
  int responses = 0;
  std::set<std::string> uris;
  for (const auto& rec : summary["records"]) {
    if (rec["type"] == "response") ++responses;
    if (rec["type"] == "response" || rec["type"] == "revisit") {
      uris.insert(rec["uri"].get<std::string>());
    }
  }
  // Every archived article has its response record, and so has every capture the archive
  // holds (listings and following pages included).
  for (const auto& [url, hash] : ArchivedArticles()) EXPECT_TRUE(uris.count(url)) << url;
  EXPECT_GT(responses, 20);
  auto archive = storage::Archive::Open(db_, {.read_only = true});
  ASSERT_OK(archive);
  auto captured = storage::Statement::Prepare(
      archive->db(), "SELECT DISTINCT url FROM fetches WHERE capture_id IS NOT NULL");
  ASSERT_OK(captured);
  int captures = 0;
  for (int i = 0; i < 10000 && *captured->Step(); ++i) {
    ++captures;
    EXPECT_TRUE(uris.count(captured->Text(0))) << captured->Text(0);
  }
  EXPECT_GT(captures, responses / 2);
}

// Issue #14: import-warc on a full disk said "cannot write to the archive: …" without the file or
// what to do; now the crawl's style, and a second import (disk grown) archives the rest.
TEST_F(CrawlTest, ImportWarcOnAFullDiskSaysWhatToDoAndASecondImportFinishes) {
  std::vector<std::string> files = CrawlWithWarc();
  ASSERT_EQ(files.size(), 1u);
  auto crawled = ArchivedArticles();
  ASSERT_GT(crawled.size(), 10u);
  std::string imported_db = dir_ + "/imported.sqlite";
  // RLIMIT_FSIZE makes writes past the limit fail as a full disk does.
  auto full = testing_support::RunProcess(
      {"/usr/bin/python3", "-c",
       "import os, resource, signal, sys\n"
       "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
       "resource.setrlimit(resource.RLIMIT_FSIZE, (300000, 300000))\n"
       "os.execv(sys.argv[1], sys.argv[1:])",
       testing_support::NewsarcBinary(), "import-warc", files[0], "--db", imported_db});
  EXPECT_EQ(full.exit_code, 1) << full.out << full.err;
  EXPECT_NE(full.err.find(imported_db + ": cannot write to the archive ("), std::string::npos)
      << full.err;
  EXPECT_NE(full.err.find("); the import stops: free disk space or fix the file's permissions, "
                          "then run the same command again to import the rest (records already "
                          "imported are skipped)"),
            std::string::npos)
      << full.err;
  EXPECT_EQ(full.err.find("INSERT"), std::string::npos) << full.err;
  EXPECT_LT(ArchivedArticles(imported_db).size(), crawled.size());

  auto rest = testing_support::RunNewsarc({"import-warc", files[0], "--db", imported_db});
  EXPECT_EQ(rest.exit_code, 0) << rest.err;
  EXPECT_EQ(ArchivedArticles(imported_db), crawled);
}

TEST_F(CrawlTest, ImportWarcRebuildsTheCrawlsArticlesOnceAndReportsDamage) {
  std::vector<std::string> files = CrawlWithWarc();
  ASSERT_EQ(files.size(), 1u);
  auto crawled = ArchivedArticles();
  ASSERT_GT(crawled.size(), 10u);

  // A fresh archive built from the WARC alone has the same articles, byte for byte.
  std::string imported_db = dir_ + "/imported.sqlite";
  auto imported = testing_support::RunNewsarc({"import-warc", files[0], "--db", imported_db});
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  EXPECT_NE(imported.out.find(std::to_string(crawled.size()) + " new articles"), std::string::npos)
      << imported.out;
  EXPECT_EQ(ArchivedArticles(imported_db), crawled);

  // Importing the same file again, or into the archive whose crawl wrote it, adds nothing.
  for (const std::string& db : {imported_db, db_}) {
    auto again = testing_support::RunNewsarc({"import-warc", files[0], "--db", db});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find(" 0 pages archived"), std::string::npos) << again.out;
  }
  EXPECT_EQ(ArchivedArticles(imported_db), crawled);

  // A file cut in the middle: the records before the cut are imported, the damage is reported
  // with its offset, and the exit code says some records were lost.
  std::string whole = testing_support::ReadFileOrFail(files[0]);
  std::string cut = dir_ + "/cut.warc.gz";
  {
    std::ofstream out(cut, std::ios::binary);
    out << whole.substr(0, whole.size() / 2);
  }
  std::string cut_db = dir_ + "/cut.sqlite";
  auto partial = testing_support::RunNewsarc({"import-warc", cut, "--db", cut_db});
  EXPECT_EQ(partial.exit_code, 3) << partial.out << partial.err;
  EXPECT_NE(partial.err.find("offset"), std::string::npos) << partial.err;
  auto some = ArchivedArticles(cut_db);
  EXPECT_GT(some.size(), 0u);
  EXPECT_LT(some.size(), crawled.size());
  // (A multi-page article whose following page lies past the cut is archived with the pages
  // there are, so only single-page articles must match.)
  std::set<std::string> split_articles;
  for (const auto& m : manifest_["articles"]) {
    std::string url = m["url"];
    if (m.value("pages", 1) > 1)
      split_articles.insert(server_.Url("demo.test", url.substr(url.find('/', 8))));
  }
  for (const auto& [url, hash] : some) {
    if (!split_articles.count(url)) {
      EXPECT_EQ(crawled.at(url), hash) << url;
    }
  }

  // Files that cannot be read are usage errors before anything is written.
  auto missing = testing_support::RunNewsarc(
      {"import-warc", dir_ + "/missing.warc.gz", "--db", dir_ + "/none.sqlite"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/none.sqlite"));
}

TEST_F(CrawlTest, AnArticleSplitOverPagesIsArchivedAsOneArticle) {
  ASSERT_EQ(testing_support::RunNewsarc(CrawlArgs()).exit_code, 0);
  auto exported = testing_support::RunNewsarc({"export", "--db", db_, "--versions", "all"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::map<std::string, std::vector<nlohmann::json>> by_url;
  std::istringstream lines(exported.out);
  std::string line;
  while (std::getline(lines, line)) {
    auto a = nlohmann::json::parse(line);
    by_url[a["url"]].push_back(a);
  }
  int split = 0;
  for (const auto& m : manifest_["articles"]) {
    if (m.value("pages", 1) < 2) continue;
    ++split;
    std::string url = m["url"];
    std::string path = url.substr(url.find('/', 8));
    auto it = by_url.find(server_.Url("demo.test", path));
    ASSERT_NE(it, by_url.end()) << path;
    ASSERT_EQ(it->second.size(), 1u) << "no intermediate versions";
    EXPECT_EQ(it->second[0]["body"], m["body"]);  // both pages, in order
    EXPECT_EQ(it->second[0]["title"], m["title"]);
  }
  EXPECT_EQ(split, 1);
  for (const auto& [url, versions] : by_url) {
    EXPECT_EQ(url.find("_2.html"), std::string::npos) << "a following page became an article";
  }
  // reextract stitches the same pages again from the archive: nothing changes.
  auto again = testing_support::RunNewsarc({"reextract", "--db", db_});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("new versions 0"), std::string::npos) << again.out;
}

TEST_F(CrawlTest, DueArticlesAreRevalidatedWithConditionalGets) {
  // One more notice, linked as show.asp?id=99 and archived under its rel=canonical URL.
  std::string notice = testing_support::ReadFileOrFail(site_ + "/notice/4.html");
  size_t head_end = notice.find("</head>");
  size_t text = notice.find("<p>");
  ASSERT_NE(head_end, std::string::npos);
  ASSERT_NE(text, std::string::npos);
  notice.insert(text + 3, "（规范地址）");
  notice.insert(head_end, "<link rel=\"canonical\" href=\"/notice/99.html\">");
  std::ofstream(site_ + "/notice/show.asp", std::ios::binary) << notice;
  std::string listing = testing_support::ReadFileOrFail(site_ + "/notice/list_1.html");
  size_t table_end = listing.find("</table>");
  ASSERT_NE(table_end, std::string::npos);
  listing.insert(table_end,
                 "<tr><td><a href=\"/notice/show.asp?id=99\">关于规范地址的通知</a></td>"
                 "<td>2022-09-19</td></tr>");
  std::ofstream(site_ + "/notice/list_1.html", std::ios::binary) << listing;
  const std::string crawled = "/notice/show.asp?id=99";

  ASSERT_EQ(testing_support::RunNewsarc(CrawlArgs()).exit_code, 0);
  auto first = ArchivedArticles();
  ASSERT_TRUE(first.count(server_.Url("demo.test", "/notice/99.html")));
  // The site corrects one article.
  std::string page = testing_support::ReadFileOrFail(site_ + "/notice/2.html");
  size_t p = page.find("<p>");
  ASSERT_NE(p, std::string::npos);
  page.insert(p + 3, "（更正）");
  std::ofstream(site_ + "/notice/2.html", std::ios::binary) << page;
  // Requests for article pages since the `since`-th request.
  std::map<std::string, int> article_pages;  // path → pages
  for (const auto& a : manifest_["articles"]) {
    std::string url = a["url"];
    article_pages[url.substr(url.find('/', 8))] = a.value("pages", 1);
  }
  article_pages[crawled] = 1;
  auto article_requests = [&](size_t since) {
    std::vector<RecordedRequest> out;
    auto all = server_.RequestsFor("demo.test");
    for (size_t i = since; i < all.size(); ++i) {
      if (article_pages.count(all[i].target)) out.push_back(all[i]);
    }
    return out;
  };

  // Within the schedule (default 30 days): listings are revisited, articles are not fetched.
  size_t mark = server_.RequestsFor("demo.test").size();
  ASSERT_EQ(testing_support::RunNewsarc(CrawlArgs()).exit_code, 0);
  for (const auto& req : article_requests(mark)) ADD_FAILURE() << "fetched again: " << req.target;

  // Everything due: each article is asked for with its ETag; unchanged ones answer 304.
  mark = server_.RequestsFor("demo.test").size();
  auto args = CrawlArgs();
  args.insert(args.end(), {"--revalidate-after", "1ms"});
  auto r = testing_support::RunNewsarc(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto revalidated = article_requests(mark);
  EXPECT_GE(revalidated.size(), first.size());
  for (const auto& req : revalidated) {
    EXPECT_TRUE(req.Header("If-None-Match").has_value()) << req.target;
  }
  // The article kept under its canonical URL too: asked for at the URL crawled, with the ETag
  // that URL was served with, and not modified.
  int canonical_requests = 0;
  for (const auto& req : revalidated) {
    if (req.target != crawled) continue;
    ++canonical_requests;
    EXPECT_TRUE(req.Header("If-None-Match").has_value());
    EXPECT_EQ(req.status, 304);
  }
  EXPECT_EQ(canonical_requests, 1);
  auto after = ArchivedArticles();
  ASSERT_EQ(after.size(), first.size());
  for (const auto& [url, hash] : after) {
    if (url.find("/notice/2.html") != std::string::npos) {
      EXPECT_NE(hash, first.at(url)) << "the corrected article has its new text";
    } else {
      EXPECT_EQ(hash, first.at(url)) << url;
    }
  }
  auto versions = testing_support::RunNewsarc({"export", "--db", db_, "--versions", "all"});
  EXPECT_EQ(std::count(versions.out.begin(), versions.out.end(), '\n'),
            static_cast<long>(first.size()) + 1);  // one new version, for the corrected one

  auto bad = CrawlArgs();
  bad.insert(bad.end(), {"--revalidate-after", "monthly"});
  EXPECT_EQ(testing_support::RunNewsarc(bad).exit_code, 2);
}

TEST_F(CrawlTest, SigtermStopsCleanlyWithExitThreeAndTheNextRunFinishes) {
  std::vector<std::string> args = CrawlArgs();
  args.insert(args.end(), {"--log-format", "json"});
  args.insert(args.begin(), testing_support::NewsarcBinary());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::string err_path = dir_ + "/stderr.log";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  for (int i = 0; i < 300 && server_.Requests().size() < 5; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by a signal instead of stopping";
  EXPECT_EQ(WEXITSTATUS(status), 3);  // work is left
  // Not a terminal: quiet except the summary, and every line is JSON for log shippers.
  std::istringstream lines(testing_support::ReadFileOrFail(err_path));
  std::string line;
  bool summary = false;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    summary |= j.value("msg", "").find("crawl interrupted") != std::string::npos;
  }
  EXPECT_TRUE(summary) << testing_support::ReadFileOrFail(err_path);
  {
    auto archive = storage::Archive::Open(db_, {.read_only = true});
    ASSERT_OK(archive);
    auto runs = storage::Statement::Prepare(archive->db(), "SELECT status FROM crawl_runs");
    ASSERT_OK(runs);
    ASSERT_TRUE(*runs->Step());
    EXPECT_EQ(runs->Text(0), "interrupted");
    auto in_flight = storage::Statement::Prepare(
        archive->db(), "SELECT count(*) FROM frontier WHERE state = 'in_flight'");
    ASSERT_OK(in_flight);
    ASSERT_TRUE(*in_flight->Step());
    EXPECT_EQ(in_flight->Int(0), 0);  // flushed: nothing left marked in flight
  }
  auto finish = testing_support::RunNewsarc(CrawlArgs());
  EXPECT_EQ(finish.exit_code, 0) << finish.err;
  EXPECT_TRUE(finish.err.empty()) << finish.err;  // quiet when all went well
  EXPECT_GE(ArchivedArticles().size(), manifest_["articles"].size());
}

// Issue #17 point 1: a disk that fills during a crawl (here a file size limit, RLIMIT_FSIZE,
// which makes writes fail as a full disk does) loses nothing. The run stops with an error; no
// frontier entry is marked done without its page's rows, so the resumed crawl (disk grown)
// fetches what was lost and ends with the same articles as an uninterrupted crawl; the WARC
// files end at a record boundary.
TEST_F(CrawlTest, AFullDiskLosesNoArticle) {
  std::string reference_db = dir_ + "/reference.sqlite";
  auto reference_args = CrawlArgs();
  reference_args[2] = reference_db;
  ASSERT_EQ(testing_support::RunNewsarc(reference_args).exit_code, 0);
  auto reference = ArchivedArticles(reference_db);
  ASSERT_GT(reference.size(), 20u);

  std::string warc_dir = dir_ + "/warc";
  auto args = CrawlArgs();
  args.insert(args.end(), {"--warc", warc_dir});
  // A limit reached part way: the archive or the WARC file hits it first.
  std::vector<std::string> limited = {
      "/usr/bin/python3", "-c",
      "import os, resource, signal, sys\n"
      "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
      "resource.setrlimit(resource.RLIMIT_FSIZE, (450000, 450000))\n"
      "os.execv(sys.argv[1], sys.argv[1:])",
      testing_support::NewsarcBinary()};
  limited.insert(limited.end(), args.begin(), args.end());
  auto full = testing_support::RunProcess(limited);
  EXPECT_EQ(full.exit_code, 1) << full.out << full.err;
  EXPECT_NE(full.err.find("crawl failed"), std::string::npos) << full.err;
  // What is wrong and what to do (#14): the archive or the WARC named, the way to resume.
  bool archive_full = full.err.find(db_ + ": cannot write to the archive (") != std::string::npos;
  bool warc_full = full.err.find("cannot write WARC (") != std::string::npos;
  EXPECT_TRUE(archive_full || warc_full) << full.err;
  EXPECT_NE(full.err.find("run the same command again to resume"), std::string::npos) << full.err;
  EXPECT_LT(ArchivedArticles().size(), reference.size());

  auto resumed = testing_support::RunNewsarc(args);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(ArchivedArticles(), reference);

  // Every WARC file is whole gzip members to its end.
  for (const auto& f : std::filesystem::directory_iterator(warc_dir)) {
    auto check = testing_support::RunProcess(
        {"/usr/bin/python3", "-c",
         "import gzip, sys\nwith gzip.open(sys.argv[1]) as f:\n    f.read()", f.path().string()});
    EXPECT_EQ(check.exit_code, 0) << f.path() << " " << check.err;
  }
}

}  // namespace
