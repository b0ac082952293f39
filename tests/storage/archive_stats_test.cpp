#include "storage/archive_stats.h"

#include <gtest/gtest.h>

#include "tests/storage/archive_test_util.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

using storage::testing::At;
using storage::testing::MakeRecord;

TEST(ArchiveStats, CountsArticlesVersionsOutcomesDatesAndRuns) {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  auto run = archive->BeginRun("{}", At(900));
  ASSERT_OK(run);
  ASSERT_OK(archive->RecordPage(MakeRecord("http://a.cn/1", "t", "b", 1000, "2024-01-05")));
  ASSERT_OK(archive->RecordPage(MakeRecord("http://a.cn/1", "t", "b2", 2000, "2024-01-05")));
  ASSERT_OK(archive->RecordPage(MakeRecord("http://a.cn/2", "t", "c", 1500, "2023-11-30")));
  PageRecord missing = MakeRecord("http://a.cn/404", "t", "x", 1600);
  missing.article.reset();
  missing.outcome = "http_error";
  ASSERT_OK(archive->RecordPage(missing));
  ASSERT_OK(archive->RecordPage(MakeRecord("http://b.cn/1", "t", "d", 1700, "2024-02-02")));
  ASSERT_OK(archive->FinishRun(*run, RunCounts{5, 3, 1, 1, 0}, "partial", At(3000)));

  auto stats = ReadArchiveStats(*archive);
  ASSERT_OK(stats);
  ASSERT_EQ(stats->sites.size(), 2u);
  const SiteStats& a = stats->sites[0];
  EXPECT_EQ(a.site, "a.cn");
  EXPECT_EQ(a.articles, 2);
  EXPECT_EQ(a.versions, 3);
  EXPECT_EQ(a.first_published, "2023-11-30");
  EXPECT_EQ(a.last_published, "2024-01-05");
  EXPECT_EQ(a.outcomes.at("ok"), 3);
  EXPECT_EQ(a.outcomes.at("http_error"), 1);
  EXPECT_EQ(a.last_fetch_at, "1970-01-01T00:33:20Z");
  EXPECT_EQ(stats->sites[1].articles, 1);
  ASSERT_EQ(stats->runs.size(), 1u);
  EXPECT_EQ(stats->runs[0].status, "partial");
  EXPECT_EQ(stats->runs[0].counts.articles_changed, 1);
  EXPECT_EQ(stats->fetches, 5);
}

TEST(ArchiveStats, RunsCarryTheOffsiteHostsTheyRefused) {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  auto first = archive->BeginRun("{}", At(900));
  ASSERT_OK(first);
  ASSERT_OK(archive->FinishRun(*first, RunCounts{1, 0, 0, 0, 0}, "finished", At(1000)));
  auto second = archive->BeginRun("{}", At(2000));
  ASSERT_OK(second);
  RunOffsite offsite;
  offsite.links = 7;
  offsite.hosts = {{"www.other.org.cn", 5, "http://www.other.org.cn/1.html", "http://a.cn/"},
                   {"b.cn:8080", 2, "http://b.cn:8080/", "http://a.cn/x"}};
  ASSERT_OK(archive->FinishRun(*second, RunCounts{2, 0, 0, 0, 0}, "finished", At(3000), offsite));

  auto stats = ReadArchiveStats(*archive);
  ASSERT_OK(stats);
  ASSERT_EQ(stats->runs.size(), 2u);
  const RunOffsite& last = stats->runs[0].offsite;
  EXPECT_EQ(last.links, 7);
  ASSERT_EQ(last.hosts.size(), 2u);
  EXPECT_EQ(last.hosts[0].host, "www.other.org.cn");
  EXPECT_EQ(last.hosts[0].links, 5);
  EXPECT_EQ(last.hosts[0].example_url, "http://www.other.org.cn/1.html");
  EXPECT_EQ(last.hosts[0].discovered_from, "http://a.cn/");
  EXPECT_EQ(last.hosts[1].host, "b.cn:8080");
  EXPECT_EQ(stats->runs[1].offsite.links, 0);
  EXPECT_TRUE(stats->runs[1].offsite.hosts.empty());
}

}  // namespace
}  // namespace storage
