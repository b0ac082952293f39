// `newsarc serve` in headless Chromium (issue #15 point 6): tools/browser/serve_check.mjs
// walks every same-origin link from the home page of the crawled demo archive and reports
// pages that did not answer 2xx, console errors (a Content-Security-Policy violation is one) and
// any request to anywhere but the server (aborted by request interception), then screenshots a
// site's timeline. Skipped only when Chromium, node or tools/browser/node_modules is missing
// (scripts/setup.sh installs them).
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/cli/serve_fixture.h"

namespace {

namespace fs = std::filesystem;

constexpr const char* kChromium = "/usr/bin/chromium";
constexpr int kMaxPages = 200;

TEST(ServeInBrowser, EveryLinkAnswersWithoutErrorsOrRequestsOffLoopback) {
  std::string browser_dir = testing_support::SourceDir() + "/tools/browser";
  if (!fs::exists(kChromium)) GTEST_SKIP() << kChromium << " is missing: run scripts/setup.sh";
  if (!fs::exists(browser_dir + "/node_modules/puppeteer-core")) {
    GTEST_SKIP() << browser_dir << "/node_modules is missing: run scripts/setup.sh";
  }
  auto node = testing_support::RunProcess({"node", "--version"});
  if (node.exit_code != 0) GTEST_SKIP() << "node is missing: run scripts/setup.sh";

  std::string dir = testing_support::MakeTempDir();
  serve_fixture::DemoArchive archive = serve_fixture::BuildDemoArchive(dir);
  serve_fixture::ServeProcess server(archive.db);
  ASSERT_GT(server.port(), 0) << server.Err();

  std::string screenshot = dir + "/timeline.png";
  auto check = testing_support::RunProcess(
      {"node", browser_dir + "/serve_check.mjs", "--base", server.base_url(), "--timeline",
       std::string("/site/") + serve_fixture::kGapSite, "--screenshot", screenshot, "--max-pages",
       std::to_string(kMaxPages), "--chromium", kChromium},
      std::nullopt, std::chrono::seconds(600));
  ASSERT_EQ(check.exit_code, 0) << check.err << check.out;
  auto report = nlohmann::json::parse(check.out);

  // The walk reached every kind of page, and all of them (not cut at the bound).
  EXPECT_GT(report["pages"].get<int>(), 40) << check.out;
  EXPECT_LT(report["pages"].get<int>(), kMaxPages) << check.out;
  EXPECT_EQ(report["unvisited"], 0);
  EXPECT_EQ(report["failures"], nlohmann::json::array()) << check.out;
  EXPECT_EQ(report["console_errors"], nlohmann::json::array()) << check.out;
  // The hostile article's image URLs and the article pages' links to the crawled site are
  // never requested.
  EXPECT_EQ(report["offsite_requests"], nlohmann::json::array()) << check.out;
  EXPECT_EQ(report["bars"], serve_fixture::kGapSiteMonths);

  // A PNG, not empty.
  ASSERT_TRUE(fs::exists(screenshot));
  EXPECT_GT(fs::file_size(screenshot), 1000u);
  std::ifstream png(screenshot, std::ios::binary);
  char magic[8] = {};
  png.read(magic, 8);
  EXPECT_EQ(std::string(magic, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  // Kept for a person to look at when NEWSARC_KEEP_SCREENSHOT names a file.
  if (const char* keep = std::getenv("NEWSARC_KEEP_SCREENSHOT")) {
    fs::copy_file(screenshot, keep, fs::copy_options::overwrite_existing);
  }
  EXPECT_EQ(server.Stop(), 0) << server.Err();
}

}  // namespace
