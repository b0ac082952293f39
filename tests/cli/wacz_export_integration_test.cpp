// `newsarc export --format wacz` end to end (issue #15 point 5): the demo association site
// (tools/make_demo_site.py, GB2312 and UTF-8 columns, GBK-encoded query strings) crawled from
// the loopback fixture server, exported as WACZ, read back with libzip; then replayed in a real
// browser: ReplayWeb.page in Debian's chromium, driven by tools/browser/replay_wacz.mjs.
#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/demo_site.h"
#include "tests/support/fixture_server.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace {

using testing_support::FixtureServer;
using testing_support::RunNewsarc;

// Every entry of a ZIP file by name (empty when it cannot be opened).
std::map<std::string, std::string> ReadZip(const std::string& path) {
  std::map<std::string, std::string> entries;
  int code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (archive == nullptr) return entries;
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st);
    std::string data(st.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    if (file == nullptr) continue;
    zip_fread(file, data.data(), st.size);
    zip_fclose(file);
    entries[st.name] = data;
  }
  zip_discard(archive);
  return entries;
}

class WaczExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir();
    std::string site = dir_ + "/site";
    auto gen = testing_support::MakeDemoSite(site, "0");
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    manifest_ = nlohmann::json::parse(testing_support::ReadFileOrFail(site + "/manifest.json"));
    server_.AddHost("demo.test");
    ASSERT_OK(server_.Start());
    testing_support::ServeDemoSite(server_, "demo.test", site);
    db_ = dir_ + "/archive.sqlite";
    std::vector<std::string> crawl =
        testing_support::DemoCrawlArgs(server_, "demo.test", db_, "0.01");
    crawl.insert(crawl.begin(), "-q");
    auto crawled = RunNewsarc(crawl);
    ASSERT_EQ(crawled.exit_code, 0) << crawled.err;
    out_ = dir_ + "/out/demo.wacz";
    std::filesystem::create_directories(dir_ + "/out");
  }

  // The URL the crawl archived a manifest article under.
  std::string ServedUrl(const nlohmann::json& article) {
    std::string url = article["url"];
    return server_.Url("demo.test", url.substr(url.find('/', 8)));
  }
  const nlohmann::json& FirstArticle(const std::string& encoding) {
    for (const auto& a : manifest_["articles"]) {
      if (a["encoding"] == encoding) return a;
    }
    ADD_FAILURE() << "no " << encoding << " article in the demo site";
    return manifest_["articles"][0];
  }

  // Why the browser tests cannot run here, or "" when they can.
  static std::string BrowserMissing() {
    std::string tools = testing_support::SourceDir() + "/tools/browser";
    if (!std::filesystem::exists("/usr/bin/chromium") ||
        !std::filesystem::exists(tools + "/node_modules/puppeteer-core") ||
        !std::filesystem::exists(tools + "/node_modules/replaywebpage/sw.js")) {
      return "chromium or tools/browser/node_modules missing: run scripts/setup.sh";
    }
    return "";
  }

  // Replays `url` from the exported WACZ with tools/browser/replay_wacz.mjs until `expect` shows.
  testing_support::ProcessResult Replay(const std::string& url, const std::string& expect,
                                        const std::string& screenshot) {
    std::vector<std::string> args = {
        "node",         testing_support::SourceDir() + "/tools/browser/replay_wacz.mjs",
        "--wacz",       out_,
        "--url",        url,
        "--expect",     expect,
        "--timeout-ms", "120000"};
    if (!screenshot.empty()) {
      args.push_back("--screenshot");
      args.push_back(screenshot);
    }
    return testing_support::RunProcess(args, std::nullopt, std::chrono::seconds(240));
  }

  std::string dir_;
  std::string db_;
  std::string out_;
  nlohmann::json manifest_;
  FixtureServer server_;
};

TEST_F(WaczExportTest, ExportsTheCrawledSiteWithItsGb2312ArticlesAsPages) {
  auto result = RunNewsarc({"export", "--db", db_, "--format", "wacz", "--out", out_});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto entries = ReadZip(out_);
  ASSERT_TRUE(entries.count("datapackage.json")) << "not a readable ZIP: " << out_;
  EXPECT_TRUE(entries.count("datapackage-digest.json"));
  EXPECT_TRUE(entries.count("indexes/index.cdxj"));
  ASSERT_TRUE(entries.count("pages/pages.jsonl"));

  // Every article of the site is a page, with its title and text (UTF-8 in pages.jsonl, GB2312
  // on the site).
  std::map<std::string, nlohmann::json> pages;
  std::istringstream lines(entries["pages/pages.jsonl"]);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(nlohmann::json::parse(line)["format"], "json-pages-1.0");
  while (std::getline(lines, line)) {
    auto page = nlohmann::json::parse(line);
    pages[page["url"]] = page;
  }
  for (const auto& article : manifest_["articles"]) {
    std::string url = ServedUrl(article);
    // A member article's query carries GBK bytes, percent-encoded as the crawl sent them.
    ASSERT_TRUE(pages.count(url)) << url;
    EXPECT_EQ(pages[url]["title"], article["title"]) << url;
    std::string first_sentence = std::string(article["body"]).substr(0, 30);
    EXPECT_NE(std::string(pages[url]["text"]).find(first_sentence), std::string::npos) << url;
  }
  // The index has every page, under keys the replay tools look up (SURT, port kept).
  const auto& gb = FirstArticle("gb2312");
  std::string gb_path = std::string(gb["url"]).substr(std::string(gb["url"]).find('/', 8));
  std::string key = "test,demo:" + std::to_string(server_.Host("demo.test").port) + ")" + gb_path;
  EXPECT_NE(entries["indexes/index.cdxj"].find(key + " "), std::string::npos) << key;
  // The WARC payload is the page as served: GB2312 bytes.
  std::string warc;
  for (const auto& [name, data] : entries) {
    if (name.starts_with("archive/") && name.ends_with(".warc.gz")) warc = name;
  }
  EXPECT_FALSE(warc.empty());
}

TEST_F(WaczExportTest, QuietExportPrintsNothing) {
  auto result = RunNewsarc({"-q", "export", "--db", db_, "--format", "wacz", "--out", out_});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out, "");
  EXPECT_TRUE(std::filesystem::exists(out_));
}

TEST_F(WaczExportTest, BadArgumentsAreUsageErrorsThatWriteNothing) {
  auto no_out = RunNewsarc({"export", "--db", db_, "--format", "wacz"});
  EXPECT_EQ(no_out.exit_code, 2);
  EXPECT_NE(no_out.err.find("--out FILE.wacz"), std::string::npos) << no_out.err;
  EXPECT_EQ(no_out.out, "");
  auto stdout_out = RunNewsarc({"export", "--db", db_, "--format", "wacz", "--out", "-"});
  EXPECT_EQ(stdout_out.exit_code, 2);
  EXPECT_NE(stdout_out.err.find("not a stream"), std::string::npos) << stdout_out.err;
  auto since = RunNewsarc(
      {"export", "--db", db_, "--format", "wacz", "--out", out_, "--since", "2024-01-01"});
  EXPECT_EQ(since.exit_code, 2);
  EXPECT_NE(since.err.find("--since"), std::string::npos) << since.err;
  std::string missing = dir_ + "/no/such/folder/demo.wacz";
  auto unwritable = RunNewsarc({"export", "--db", db_, "--format", "wacz", "--out", missing});
  EXPECT_EQ(unwritable.exit_code, 2);
  EXPECT_NE(unwritable.err.find(missing + ": cannot write there"), std::string::npos)
      << unwritable.err;
  auto directory = RunNewsarc({"export", "--db", db_, "--format", "wacz", "--out", dir_});
  EXPECT_EQ(directory.exit_code, 2);
  EXPECT_NE(directory.err.find("is a directory"), std::string::npos) << directory.err;
  EXPECT_FALSE(std::filesystem::exists(out_));
  EXPECT_TRUE(std::filesystem::is_empty(dir_ + "/out"));
}

// The proof that the WACZ replays: ReplayWeb.page, served on loopback with the exported file,
// shows a GB2312 article with its Chinese text in Debian's chromium, and no request leaves
// loopback (tools/browser/replay_wacz.mjs blocks and reports any). scripts/setup.sh installs
// chromium, fonts-noto-cjk and the npm packages, so CI runs it.
TEST_F(WaczExportTest, Gb2312ArticleReplaysInReplayWebPageWithItsChineseText) {
  if (std::string missing = BrowserMissing(); !missing.empty()) GTEST_SKIP() << missing;
  auto exported = RunNewsarc({"-q", "export", "--db", db_, "--format", "wacz", "--out", out_});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto& article = FirstArticle("gb2312");
  std::string body = article["body"];
  std::string sentence = body.substr(0, body.find("。"));
  size_t site_requests = server_.Requests().size();
  std::string screenshot = dir_ + "/replay.png";
  auto replay = Replay(ServedUrl(article), sentence, screenshot);
  ASSERT_EQ(replay.exit_code, 0) << replay.out << replay.err;
  auto summary = nlohmann::json::parse(replay.out);
  EXPECT_TRUE(summary["found"]);
  EXPECT_TRUE(summary["offsite"].empty()) << replay.out;
  EXPECT_GT(summary["requests"], 0) << replay.out;
  // The replay came from the WACZ, not from the site.
  EXPECT_EQ(server_.Requests().size(), site_requests);
  std::string png = testing_support::ReadFileOrFail(screenshot);
  ASSERT_GT(png.size(), 1000u);
  EXPECT_EQ(png.substr(0, 8), "\x89PNG\r\n\x1a\n");
}

// A revisit record is replayed through its WARC-Refers-To-Target-URI: the demo site's member
// listing answers page=1 with the same bytes as the column's first URL, both with a GBK query
// (lb=会员风采 as %BB%E1…); wabac.js finds the original only when that URI is percent-encoded.
TEST_F(WaczExportTest, RevisitWithGbkQueryReplaysThroughItsOriginal) {
  if (std::string missing = BrowserMissing(); !missing.empty()) GTEST_SKIP() << missing;
  auto exported = RunNewsarc({"-q", "export", "--db", db_, "--format", "wacz", "--out", out_});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::istringstream index(ReadZip(out_)["indexes/index.cdxj"]);
  std::string revisit_url, line;
  while (std::getline(index, line)) {
    auto fields = nlohmann::json::parse(line.substr(line.find(" {") + 1));
    std::string url = fields["url"];
    if (fields["mime"] == "warc/revisit" &&
        url.find("/member/list.asp?lb=%BB%E1") != std::string::npos) {
      revisit_url = url;
    }
  }
  ASSERT_FALSE(revisit_url.empty()) << "no revisit of the member listing in the index";
  std::string title;  // the first member article is listed on the first page
  for (const auto& a : manifest_["articles"]) {
    if (std::string(a["url"]).ends_with("&id=1")) title = a["title"];
  }
  ASSERT_FALSE(title.empty());
  auto replay = Replay(revisit_url, title, "");
  ASSERT_EQ(replay.exit_code, 0) << replay.out << replay.err;
  EXPECT_NE(replay.out.find("mp_/" + revisit_url), std::string::npos) << replay.out;
}

}  // namespace
