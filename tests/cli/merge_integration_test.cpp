// `newsarc merge` end to end (issue #16): the demo site crawled by two "workers" into two
// archives (one stopped early, one complete) merges into the archive a single crawl builds; the
// errors name the input and write nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "storage/archive.h"
#include "storage/migrations.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/demo_site.h"
#include "tests/support/fixture_server.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"
#include "util/file_lock.h"

namespace {

using testing_support::FixtureServer;
using testing_support::RunNewsarc;

class MergeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir();
    std::string site = dir_ + "/site";
    auto gen = testing_support::MakeDemoSite(site, "0.02");
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    server_.AddHost("demo.test");
    ASSERT_OK(server_.Start());
    testing_support::ServeDemoSite(server_, "demo.test", site,
                                   testing_support::DemoTextFiles::kHtml);
  }

  void Crawl(const std::string& db, std::vector<std::string> extra = {}) {
    std::vector<std::string> args =
        testing_support::DemoCrawlArgs(server_, "demo.test", db, "0.02");
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = RunNewsarc(args);
    // 3: stopped by --max-pages with work left.
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.exit_code << " " << r.err;
  }

  std::string dir_;
  FixtureServer server_;
};

// url → content_sha256 of the current versions, and the largest version number seen.
struct Exported {
  std::map<std::string, std::string> articles;
  int64_t max_version = 0;
};

Exported Export(const std::string& db) {
  Exported out;
  auto exported = RunNewsarc({"export", "--db", db, "--format", "jsonl"});
  EXPECT_EQ(exported.exit_code, 0) << exported.err;
  std::istringstream lines(exported.out);
  std::string line;
  while (std::getline(lines, line)) {
    auto a = nlohmann::json::parse(line);
    out.articles[a["url"]] = a["content_sha256"];
    out.max_version = std::max(out.max_version, a["version"].get<int64_t>());
  }
  return out;
}

TEST_F(MergeTest, TwoWorkersMergeIntoWhatASingleCrawlArchives) {
  std::string worker1 = dir_ + "/worker-1.sqlite";
  std::string worker2 = dir_ + "/worker-2.sqlite";
  std::string single = dir_ + "/single.sqlite";
  std::string all = dir_ + "/all.sqlite";
  Crawl(worker1, {"--max-pages", "12"});
  Crawl(worker2);
  Crawl(single);
  Exported expected = Export(single);
  ASSERT_GT(expected.articles.size(), 10u);
  ASSERT_LT(Export(worker1).articles.size(), expected.articles.size());

  auto merged = RunNewsarc({"merge", "--db", all, worker1, worker2});
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_NE(merged.out.find(worker1 + ": "), std::string::npos) << merged.out;
  EXPECT_NE(merged.out.find(worker2 + ": "), std::string::npos) << merged.out;
  EXPECT_NE(merged.out.find("merged 2 archives into " + all + ": "), std::string::npos)
      << merged.out;
  Exported result = Export(all);
  EXPECT_EQ(result.articles, expected.articles);
  // Both workers fetched the same pages: one version each, no spurious second one.
  EXPECT_EQ(result.max_version, 1);

  auto search = RunNewsarc({"search", "--db", all, "--count", "商会"});
  EXPECT_EQ(search.exit_code, 0) << search.err;
  auto single_search = RunNewsarc({"search", "--db", single, "--count", "商会"});
  EXPECT_EQ(search.out, single_search.out);

  // Again: nothing new, and the JSON says so.
  auto again = RunNewsarc({"merge", "--db", all, worker1, worker2, "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto json = nlohmann::json::parse(again.out);
  EXPECT_EQ(json["total"]["fetches"], 0);
  EXPECT_GT(json["total"]["fetches_already_merged"].get<int64_t>(), 10);
  EXPECT_EQ(json["total"]["articles_new"], 0);
  EXPECT_EQ(json["sources"].size(), 2u);
  EXPECT_EQ(Export(all).articles, expected.articles);

  // -q prints nothing when all is well.
  auto quiet = RunNewsarc({"-q", "merge", "--db", all, worker1});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.out, "");
}

std::string MakeArchive(const std::string& path) {
  auto archive = storage::Archive::Open(path, {.create_if_missing = true});
  EXPECT_TRUE(archive.has_value());
  if (archive) {
    EXPECT_TRUE(archive
                    ->RecordPage(storage::testing::MakeRecord("http://a.cn/news/1.html", "标题",
                                                              "正文", 1'714'550'400))
                    .has_value());
  }
  return path;
}

TEST(MergeCommand, BadSourcesAreNamedAndNothingIsWritten) {
  std::string dir = testing_support::MakeTempDir();
  std::string good = MakeArchive(dir + "/good.sqlite");
  std::string target = dir + "/all.sqlite";

  auto missing = RunNewsarc({"merge", "--db", target, good, dir + "/nope.sqlite"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find(dir + "/nope.sqlite does not exist"), std::string::npos)
      << missing.err;
  EXPECT_FALSE(std::filesystem::exists(target));  // the good source was not merged either

  std::string text = dir + "/notes.txt";
  std::ofstream(text) << "not an archive\n";
  auto not_archive = RunNewsarc({"merge", "--db", target, good, text});
  EXPECT_EQ(not_archive.exit_code, 2);
  EXPECT_NE(not_archive.err.find(text + " is not a newsarc archive"), std::string::npos)
      << not_archive.err;
  EXPECT_FALSE(std::filesystem::exists(target));

  auto itself =
      RunNewsarc({"merge", "--db", good,
                  dir + "/../" + std::filesystem::path(dir).filename().string() + "/good.sqlite"});
  EXPECT_EQ(itself.exit_code, 2);
  EXPECT_NE(itself.err.find("is the target archive (--db " + good + ")"), std::string::npos)
      << itself.err;

  // A capture whose payload no longer matches its hash: the source is named, none of it kept.
  std::string corrupt = MakeArchive(dir + "/corrupt.sqlite");
  {
    auto archive = storage::Archive::Open(corrupt);
    ASSERT_OK(archive);
    ASSERT_OK(archive->db().Exec("UPDATE captures SET sha256 = 'ab' || substr(sha256, 3)"));
  }
  auto damaged = RunNewsarc({"merge", "--db", target, corrupt});
  EXPECT_EQ(damaged.exit_code, 2);
  EXPECT_NE(damaged.err.find(corrupt + ": capture 1 is corrupt"), std::string::npos) << damaged.err;
  EXPECT_NE(damaged.err.find("nothing of " + corrupt + " was merged"), std::string::npos)
      << damaged.err;
  EXPECT_FALSE(std::filesystem::exists(target));  // created by the merge, holding nothing
  // Nor is its lock file left.
  EXPECT_FALSE(std::filesystem::exists(target + ".lock"));
  // Into an existing archive: it is left as it was.
  ASSERT_EQ(RunNewsarc({"merge", "--db", target, good}).exit_code, 0);
  EXPECT_EQ(RunNewsarc({"merge", "--db", target, corrupt}).exit_code, 2);
  auto stats = RunNewsarc({"stats", "--db", target, "--json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_EQ(nlohmann::json::parse(stats.out)["fetches"], 1);

  // The target is locked as a crawl locks it.
  auto lock = util::FileLock::TryAcquire(target + ".lock");
  ASSERT_OK(lock);
  ASSERT_TRUE(lock->has_value());
  auto locked = RunNewsarc({"merge", "--db", target, good});
  EXPECT_EQ(locked.exit_code, 4);
  EXPECT_NE(locked.err.find("locked"), std::string::npos) << locked.err;
}

// A source written by an older newsarc merges through an upgraded copy; the source itself is
// left at its version and no copy is left behind.
TEST(MergeCommand, OlderSourceIsUpgradedInACopyOnly) {
  std::string dir = testing_support::MakeTempDir();
  std::string old = MakeArchive(dir + "/old.sqlite");
  {
    auto archive = storage::Archive::Open(old);
    ASSERT_OK(archive);
    // Schemas 13 and 14 added removal tracking and scope refusals: take them away to stand for a
    // version-12 archive.
    ASSERT_OK(archive->db().Exec(
        "DROP TABLE scope_refusals; DROP INDEX articles_removed; DROP TABLE removal_sightings; "
        "ALTER TABLE articles DROP COLUMN removed_at; "
        "ALTER TABLE articles DROP COLUMN removed_reason; PRAGMA user_version = 12"));
  }
  std::string target = dir + "/out/all.sqlite";
  std::filesystem::create_directory(dir + "/out");
  auto merged = RunNewsarc({"merge", "--db", target, old});
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_NE(merged.out.find("1 articles new"), std::string::npos) << merged.out;
  auto archive = storage::Archive::Open(old, {.read_only = true});
  ASSERT_OK(archive);
  auto version = storage::SchemaVersionOf(archive->db());
  ASSERT_OK(version);
  EXPECT_EQ(*version, 12);
  for (const auto& entry : std::filesystem::directory_iterator(dir + "/out")) {
    EXPECT_EQ(entry.path().filename().string().find(".newsarc-merge"), std::string::npos)
        << entry.path();
  }
}

}  // namespace
