// `newsarc show` and `newsarc urls` end to end (issue #14): the binary run as a user runs it on
// an archive filled through the storage API, checking output, exit codes and that the archive
// is left as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "storage/archive.h"
#include "tests/storage/url_report_fixture.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace {

namespace fixture = storage::testing;
using testing_support::RunNewsarc;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  std::string field;
  while (std::getline(in, field, '\t')) fields.push_back(field);
  return fields;
}

// What a reader must leave as it was: the archive file's bytes and its write-ahead log's
// (SQLite may create an empty -wal and the -shm index for a read-only connection in WAL mode).
std::pair<std::string, std::string> ArchiveBytes(const std::string& db) {
  std::string wal;
  if (std::filesystem::exists(db + "-wal")) wal = testing_support::ReadFileOrFail(db + "-wal");
  return {testing_support::ReadFileOrFail(db), wal};
}

class ShowUrlsCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir();
    db_ = dir_ + "/archive.db";
    auto archive = storage::Archive::Open(db_, {.create_if_missing = true});
    ASSERT_OK(archive);
    fixture::FillUrlFixture(*archive);
  }

  std::string dir_;
  std::string db_;
};

TEST_F(ShowUrlsCommand, ShowsArticleVersionsFetchesAndRedirectOfUrlAsTyped) {
  auto before = ArchiveBytes(db_);
  auto r = RunNewsarc({"show", "--db", db_, "HTTP://A.CN/news/../news/1.html#top"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const std::string& out = r.out;
  EXPECT_EQ(out.rfind(std::string(fixture::kArticleUrl) + "\n", 0), 0u) << out;
  EXPECT_NE(out.find("Frontier: done - article"), std::string::npos) << out;
  EXPECT_NE(out.find("Reached by redirect from http://a.cn/old/1.html (301)"), std::string::npos)
      << out;
  EXPECT_NE(out.find("Article (archived under this URL)"), std::string::npos) << out;
  EXPECT_NE(out.find(std::string("  title      ") + fixture::kArticleTitle), std::string::npos);
  EXPECT_NE(out.find("  source     本站"), std::string::npos) << out;
  EXPECT_NE(out.find("  section    新闻中心"), std::string::npos) << out;
  EXPECT_NE(out.find("  | 第二段有改动。"), std::string::npos) << out;
  EXPECT_NE(out.find("Versions (2)"), std::string::npos) << out;
  EXPECT_NE(out.find("first version"), std::string::npos) << out;
  EXPECT_NE(out.find("changed: body"), std::string::npos) << out;
  EXPECT_NE(out.find("Fetches (2, oldest first)"), std::string::npos) << out;
  EXPECT_NE(out.find("1970-01-01T01:23:20Z  run #1  200  ok  article  capture "), std::string::npos)
      << out;
  EXPECT_NE(out.find("why     reached as an article link; title, date and body"), std::string::npos)
      << out;
  EXPECT_TRUE(ArchiveBytes(db_) == before) << "show wrote to the archive";
}

TEST_F(ShowUrlsCommand, ShowJsonHasTheFullArticleAndEveryFetch) {
  auto r = RunNewsarc({"show", "--db", db_, "--format", "json", fixture::kOldUrl});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["url"], fixture::kOldUrl);
  EXPECT_EQ(j["frontier"]["state"], "done");
  ASSERT_EQ(j["redirects"].size(), 1u);
  EXPECT_EQ(j["redirects"][0]["to"], fixture::kArticleUrl);
  EXPECT_EQ(j["redirects"][0]["status"], 301);
  EXPECT_EQ(j["article_match"], "redirect");
  EXPECT_EQ(j["article"]["title"], fixture::kArticleTitle);
  EXPECT_EQ(j["article"]["body"], fixture::kBodyV2);
  EXPECT_EQ(j["article"]["version"], 2);
  ASSERT_EQ(j["versions"].size(), 2u);
  EXPECT_EQ(j["versions"][1]["changed"], nlohmann::json::array({"body"}));
  ASSERT_EQ(j["fetches"].size(), 3u);
  EXPECT_EQ(j["fetches"][0]["outcome"], "redirect");
  EXPECT_EQ(j["fetches"][0]["status"], 301);
  EXPECT_EQ(j["fetches"][2]["page_kind"], "article");
  EXPECT_EQ(j["fetches"][2]["capture_sha256"].get<std::string>().size(), 64u);
  EXPECT_GT(j["fetches"][2]["capture_size"].get<int64_t>(), 0);
}

TEST_F(ShowUrlsCommand, ShowSaysWhyARobotsRefusedOrFailedUrlWasNotArchived) {
  auto robots = RunNewsarc({"show", "--db", db_, fixture::kRobotsUrl});
  ASSERT_EQ(robots.exit_code, 0) << robots.err;
  EXPECT_NE(robots.out.find("Frontier: skipped - robots.txt disallows it"), std::string::npos)
      << robots.out;
  EXPECT_NE(robots.out.find("---  robots_disallowed"), std::string::npos) << robots.out;
  EXPECT_NE(robots.out.find("error   disallowed by robots.txt"), std::string::npos);
  EXPECT_EQ(robots.out.find("Article"), std::string::npos) << robots.out;

  auto failed = RunNewsarc({"show", "--db", db_, fixture::kFailedUrl});
  ASSERT_EQ(failed.exit_code, 0) << failed.err;
  EXPECT_NE(failed.out.find("Frontier: failed - gave up after 3 tries: http_error 503"),
            std::string::npos)
      << failed.out;
  EXPECT_NE(failed.out.find("failed tries 3"), std::string::npos) << failed.out;
  EXPECT_NE(failed.out.find("Fetches (3, oldest first)"), std::string::npos) << failed.out;
}

TEST_F(ShowUrlsCommand, ShowOfAnUnknownUrlExitsOneAndSaysWhatIsKnown) {
  auto before = ArchiveBytes(db_);
  auto r = RunNewsarc({"show", "--db", db_, "http://a.cn/never.html"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(db_ + ": http://a.cn/never.html is not in the archive"), std::string::npos)
      << r.err;

  auto offsite = RunNewsarc({"show", "--db", db_, "--format", "json", "http://other.org/x"});
  EXPECT_EQ(offsite.exit_code, 1);
  EXPECT_EQ(offsite.out, "");
  EXPECT_NE(offsite.err.find("its host other.org is off-site (run #1 refused 4 links to it)"),
            std::string::npos)
      << offsite.err;

  auto not_url = RunNewsarc({"show", "--db", db_, "news/1.html"});
  EXPECT_EQ(not_url.exit_code, 2);
  EXPECT_NE(not_url.err.find("'news/1.html' is not an http(s) URL"), std::string::npos)
      << not_url.err;
  EXPECT_TRUE(ArchiveBytes(db_) == before);
}

TEST_F(ShowUrlsCommand, UrlsListsTheFrontierTabSeparatedWithHeader) {
  auto before = ArchiveBytes(db_);
  auto r = RunNewsarc({"urls", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 10u) << r.out;
  EXPECT_EQ(lines[0], "URL\tSTATE\tATTEMPTS\tSTATUS\tREASON");
  EXPECT_EQ(Fields(lines[1]),
            (std::vector<std::string>{fixture::kListUrl, "done", "0", "200", "listing"}));
  EXPECT_EQ(Fields(lines[3]), (std::vector<std::string>{fixture::kRobotsUrl, "skipped", "0", "-",
                                                        "robots.txt disallows it"}));
  EXPECT_EQ(Fields(lines[4]), (std::vector<std::string>{fixture::kFailedUrl, "failed", "3", "503",
                                                        "gave up after 3 tries: http_error 503"}));
  EXPECT_EQ(Fields(lines[9]),
            (std::vector<std::string>{fixture::kQueuedUrl, "queued", "0", "-", "not fetched yet"}));
  // -q: no header.
  auto quiet = RunNewsarc({"urls", "--db", db_, "-q"});
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(Lines(quiet.out).size(), 9u) << quiet.out;
  EXPECT_EQ(Lines(quiet.out)[0], lines[1]);
  EXPECT_TRUE(ArchiveBytes(db_) == before) << "urls wrote to the archive";
}

TEST_F(ShowUrlsCommand, UrlsFiltersByStateAndSite) {
  auto urls_of = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {"urls", "--db", db_, "-q"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = RunNewsarc(argv);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> urls;
    for (const auto& line : Lines(r.out)) urls.push_back(Fields(line).at(0));
    return urls;
  };
  EXPECT_EQ(urls_of({"--state", "skipped"}), std::vector<std::string>{fixture::kRobotsUrl});
  EXPECT_EQ(urls_of({"--state", "failed"}), std::vector<std::string>{fixture::kFailedUrl});
  EXPECT_EQ(
      urls_of({"--state", "queued"}),
      (std::vector<std::string>{fixture::kRetryUrl, fixture::kOtherSiteUrl, fixture::kQueuedUrl}));
  EXPECT_EQ(urls_of({"--state", "queued", "--site", "A.CN"}),
            (std::vector<std::string>{fixture::kRetryUrl, fixture::kQueuedUrl}));
  EXPECT_EQ(urls_of({"--site", "b.cn"}), std::vector<std::string>{fixture::kOtherSiteUrl});
  EXPECT_EQ(urls_of({"--state", "done"}).size(), 4u);
  EXPECT_EQ(urls_of({"--state", "off-site"}),
            std::vector<std::string>{"http://other.org/partner.html"});
}

TEST_F(ShowUrlsCommand, UrlsJsonLinesAndWhatTheArchiveDoesNotRecord) {
  auto r = RunNewsarc({"urls", "--db", db_, "--state", "queued", "--format", "jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  auto retry = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(retry["url"], fixture::kRetryUrl);
  EXPECT_EQ(retry["state"], "queued");
  EXPECT_EQ(retry["attempts"], 1);
  EXPECT_EQ(retry["last_outcome"], "timeout");
  EXPECT_EQ(retry["next_attempt_at"], "2030-03-17T17:46:40Z");
  EXPECT_EQ(retry["discovered_from"], fixture::kListUrl);

  auto offsite = RunNewsarc({"urls", "--db", db_, "--state", "off-site", "--format", "jsonl"});
  ASSERT_EQ(offsite.exit_code, 0) << offsite.err;
  auto host = nlohmann::json::parse(offsite.out);
  EXPECT_EQ(host["host"], "other.org");
  EXPECT_EQ(host["links"], 4);
  EXPECT_EQ(host["discovered_from"], fixture::kListUrl);

  // No URL of the fixture was skipped by the trap guard: the header only.
  auto trap = RunNewsarc({"urls", "--db", db_, "--state", "trap"});
  EXPECT_EQ(trap.exit_code, 0) << trap.err;
  EXPECT_EQ(trap.out, "URL\tSTATE\tATTEMPTS\tSTATUS\tREASON\n");
}

// A copy of `db` whose table `table` (its root page) is overwritten with garbage.
std::string DamagedCopy(const std::string& db, const std::string& table) {
  int64_t page = 0;
  int64_t page_size = 0;
  {
    auto archive = storage::Archive::Open(db, {.read_only = true});
    EXPECT_TRUE(archive.has_value());
    if (!archive) return "";
    auto root = storage::Statement::Prepare(
        archive->db(),
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_schema WHERE "
        "name = '" +
            table + "'");
    EXPECT_TRUE(root.has_value());
    if (!root) return "";
    auto found = root->Step();
    EXPECT_TRUE(found.has_value() && *found);
    page = root->Int(0);
    page_size = root->Int(1);
  }
  std::string bytes = testing_support::ReadFileOrFail(db);
  EXPECT_GE(static_cast<int64_t>(bytes.size()), page * page_size);
  for (int64_t i = (page - 1) * page_size; i < page * page_size; ++i) {
    bytes[static_cast<size_t>(i)] = static_cast<char>(0xA5 ^ (i & 0x3F));
  }
  return testing_support::WriteTempFile("damaged-" + table + ".db", bytes);
}

TEST_F(ShowUrlsCommand, DamagedOrMissingArchiveIsExitTwoWithoutSql) {
  // The frontier table's page (one page: nine rows) overwritten with garbage.
  std::string damaged = DamagedCopy(db_, "frontier");
  ASSERT_FALSE(damaged.empty());
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"show", "--db", damaged, fixture::kArticleUrl},
        std::vector<std::string>{"urls", "--db", damaged}}) {
    auto r = RunNewsarc(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
    EXPECT_NE(r.err.find(damaged + ": cannot read the archive"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("SELECT"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
  auto missing = RunNewsarc({"urls", "--db", dir_ + "/missing.db"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/missing.db"));
}

// Issue #14: export, search and stats on a damaged archive said "export failed: database disk
// image is malformed" (exit 1), reextract "reextract failed: …", without the file or what to do.
TEST_F(ShowUrlsCommand, ExportSearchStatsAndReextractOfADamagedArchiveAreExitTwoNamingTheFile) {
  std::string damaged = DamagedCopy(db_, "articles");
  ASSERT_FALSE(damaged.empty());
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"export", "--db", damaged, "--out", "-"},
        std::vector<std::string>{"search", "--db", damaged, "工作"},
        std::vector<std::string>{"stats", "--db", damaged},
        std::vector<std::string>{"reextract", "--db", damaged}}) {
    auto r = RunNewsarc(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
    EXPECT_NE(r.err.find(damaged + ": cannot read the archive (database disk image is malformed); "
                                   "it is damaged or not a newsarc archive"),
              std::string::npos)
        << args[0] << ": " << r.err;
    EXPECT_EQ(r.err.find("SELECT"), std::string::npos) << r.err;
  }
}

}  // namespace
