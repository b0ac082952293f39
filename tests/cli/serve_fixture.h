// What the `newsarc serve` tests share: an archive of the demo association site
// (tools/make_demo_site.py) crawled by the binary from the loopback fixture server, plus a
// second version of one article and an article with a hostile title and body; and a running
// `newsarc serve --port 0` on it, with the address it printed.
#pragma once

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <string>

#include "storage/archive.h"
#include "storage/article_history.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/demo_site.h"
#include "tests/support/fixture_server.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace serve_fixture {

inline constexpr const char* kEvilUrl = "http://evil.test/news/1.html";
inline constexpr const char* kEvilTitle = "<script>alert('title')</script>标题";
inline constexpr const char* kEvilBody =
    "正文 <img src=\"http://tracker.example/x.png\" onerror=\"alert(1)\">\n"
    "\"quoted\" & </p><script>alert(2)</script>";

// A site of four articles a month from 2024-01 to 2024-06 but none in 2024-03: a gap.
inline constexpr const char* kGapSite = "gap.test";
inline constexpr int kGapSiteMonths = 6;

struct DemoArchive {
  std::string db;
  std::string site;         // "demo.test:PORT"
  std::string changed_url;  // an article with two versions
};

// Crawls the demo site into DIR/archive.sqlite, then adds a second version of one article and
// the hostile article of evil.test. Fails the current test when something does not work.
inline DemoArchive BuildDemoArchive(const std::string& dir) {
  DemoArchive out;
  std::string site_dir = dir + "/site";
  auto gen = testing_support::MakeDemoSite(site_dir, "0");
  EXPECT_EQ(gen.exit_code, 0) << gen.err;
  testing_support::FixtureServer server;
  server.AddHost("demo.test");
  EXPECT_TRUE(server.Start().has_value());
  testing_support::ServeDemoSite(server, "demo.test", site_dir);
  out.db = dir + "/archive.sqlite";
  auto crawl =
      testing_support::RunNewsarc(testing_support::DemoCrawlArgs(server, "demo.test", out.db, "0"));
  EXPECT_EQ(crawl.exit_code, 0) << crawl.err;
  const testing_support::FixtureHost& host = server.Host("demo.test");
  out.site = "demo.test:" + std::to_string(host.port);
  out.changed_url = "http://" + out.site + "/news/1.html";

  auto archive = storage::Archive::Open(out.db);
  EXPECT_TRUE(archive.has_value());
  if (!archive) return out;
  // news/1.html again a year later, its title and text changed (its other fields kept).
  auto history = storage::ReadArticleHistory(*archive, out.changed_url);
  EXPECT_TRUE(history.has_value() && history->has_value());
  if (!history || !*history) return out;
  storage::PageRecord changed =
      storage::testing::MakeRecord(out.changed_url, "", "", 1'830'000'000);
  changed.article = (*history)->versions.back().article;
  changed.article->title = *changed.article->title + "（更新）";
  changed.article->body = "商会召开会员大会，总结过去一年的工作。\n新增的一段文字。";
  changed.article->content_sha256 = util::Sha256Hex(changed.article->body);
  EXPECT_TRUE(archive->RecordPage(changed).has_value());
  storage::PageRecord evil =
      storage::testing::MakeRecord(kEvilUrl, kEvilTitle, kEvilBody, 1'714'550'400, "2024-05-01");
  evil.article->section = "<b>section</b>";
  evil.article->source = "\"><script>alert(3)</script>";
  evil.article->images.push_back({"http://tracker.example/y.png", std::nullopt});
  EXPECT_TRUE(archive->RecordPage(evil).has_value());
  for (int month = 1; month <= kGapSiteMonths; ++month) {
    if (month == 3) continue;
    for (int day = 1; day <= 4; ++day) {
      std::string n = std::to_string(month * 10 + day);
      storage::PageRecord r = storage::testing::MakeRecord(
          std::string("http://") + kGapSite + "/news/" + n + ".html", "月报 " + n, "正文 " + n,
          1'714'550'400 + month * 100 + day,
          "2024-0" + std::to_string(month) + "-0" + std::to_string(day));
      r.article->prev.reset();
      r.article->next.reset();
      EXPECT_TRUE(archive->RecordPage(r).has_value());
    }
  }
  return out;
}

// `newsarc serve --db DB --port 0 [extra]`, running until Stop or destruction.
class ServeProcess {
 public:
  explicit ServeProcess(const std::string& db, std::vector<std::string> extra = {},
                        std::vector<std::string> global = {}) {
    // Beside the archive: MakeTempDir() would empty the test's folder, the archive's too.
    static int started = 0;
    stderr_path_ = db + ".serve-" + std::to_string(++started) + ".err";
    std::vector<std::string> args = global;
    args.insert(args.end(), {"serve", "--db", db, "--port", "0"});
    args.insert(args.end(), extra.begin(), extra.end());
    process_ = testing_support::StartNewsarc(args, stderr_path_);
    std::optional<std::string> line = process_->ReadLine(std::chrono::seconds(60));
    EXPECT_TRUE(line.has_value()) << "no serving line; stderr: " << Err();
    if (!line) return;
    first_line_ = *line;
    std::smatch m;
    static const std::regex kServing("^serving (.+) at http://127\\.0\\.0\\.1:([0-9]+)/$");
    EXPECT_TRUE(std::regex_match(first_line_, m, kServing)) << first_line_;
    if (!m.empty()) port_ = std::stoi(m[2]);
  }

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }
  const std::string& first_line() const { return first_line_; }
  std::string Err() const {
    std::ifstream in(stderr_path_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  int Stop(int signal = SIGTERM) { return process_->Stop(signal, std::chrono::seconds(60)); }

 private:
  std::string stderr_path_;
  std::unique_ptr<testing_support::BackgroundProcess> process_;
  std::string first_line_;
  int port_ = 0;
};

}  // namespace serve_fixture
