#include "storage/scope_refusals.h"

#include <gtest/gtest.h>

#include "storage/archive.h"
#include "storage/migrations.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

using testing::At;

ScopeRefusalRow Refused(const std::string& url, const std::string& reason,
                        const std::string& detail, const std::string& from) {
  return {url, "a.cn", reason, detail, from};
}

int64_t RowCount(const Archive& archive) {
  auto stmt = Statement::Prepare(archive.db(), "SELECT count(*) FROM scope_refusals");
  if (!stmt || !stmt->Step().value_or(false)) return -1;
  return stmt->Int(0);
}

// Issue #15: a link refused on every page of a crawl (a navigation link an --exclude pattern
// names) is one row, its first run and time kept, its latest reason, page and run updated.
TEST(ScopeRefusals, OneRowPerUrlHoweverOftenRefused) {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  auto run1 = archive->BeginRun("{}", At(1'700'000'000));
  ASSERT_OK(run1);
  std::vector<ScopeRefusalRow> rows;
  for (int i = 0; i < 50; ++i) {
    rows.push_back(Refused("http://a.cn/print/1.html", "excluded",
                           "matches exclude pattern /print/",
                           "http://a.cn/news/" + std::to_string(i) + ".html"));
  }
  rows.push_back(Refused("http://a.cn/deep.html", "too_deep", "depth 3 > max depth 2",
                         "http://a.cn/news/1.html"));
  ASSERT_OK(RecordScopeRefusals(*archive, rows, *run1, At(1'700'000'100)));
  EXPECT_EQ(RowCount(*archive), 2);

  auto run2 = archive->BeginRun("{}", At(1'700'100'000));
  ASSERT_OK(run2);
  ASSERT_OK(
      RecordScopeRefusals(*archive,
                          {Refused("http://a.cn/print/1.html", "not_included",
                                   "matches no include pattern (/news/)", "http://a.cn/list.html")},
                          *run2, At(1'700'100'100)));
  EXPECT_EQ(RowCount(*archive), 2);
  auto found = FindScopeRefusal(*archive, "http://a.cn/print/1.html");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  const ScopeRefusal& r = **found;
  EXPECT_EQ(r.row.reason, "not_included");
  EXPECT_EQ(r.row.detail, "matches no include pattern (/news/)");
  EXPECT_EQ(r.row.discovered_from, "http://a.cn/list.html");
  EXPECT_EQ(r.first_run_id, *run1);
  EXPECT_EQ(r.last_run_id, *run2);
  EXPECT_EQ(r.first_seen_at, "2023-11-14T22:15:00Z");
  EXPECT_EQ(r.last_seen_at, "2023-11-16T02:01:40Z");
  EXPECT_EQ(ScopeRefusalText(r), "refused by scope (matches no include pattern (/news/))");

  auto none = FindScopeRefusal(*archive, "http://a.cn/other.html");
  ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
}

// A URL a later run queued (its scope no longer refuses it) is listed by the frontier, not as
// refused; listing by host keeps other hosts out.
TEST(ScopeRefusals, ListSkipsUrlsTheFrontierHoldsAndFiltersByHost) {
  auto archive = Archive::Open(":memory:", {.create_if_missing = true});
  ASSERT_OK(archive);
  ScopeRefusalRow other =
      Refused("http://b.cn/x.html", "excluded", "matches exclude pattern x", "http://b.cn/");
  other.host = "b.cn";
  ASSERT_OK(RecordScopeRefusals(
      *archive,
      {Refused("http://a.cn/2.html", "too_deep", "depth 2 > max depth 1", "http://a.cn/"),
       Refused("http://a.cn/1.html", "too_deep", "depth 2 > max depth 1", "http://a.cn/"), other},
      std::nullopt, At(1'700'000'000)));
  FrontierRow queued;
  queued.url = "http://a.cn/2.html";
  queued.host = "a.cn";
  queued.kind = "article";
  ASSERT_OK(archive->FrontierAdd({queued}));

  auto listed = ReadScopeRefusals(*archive, std::string("a.cn"));
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].row.url, "http://a.cn/1.html");
  EXPECT_FALSE((*listed)[0].last_run_id.has_value());
  auto all = ReadScopeRefusals(*archive);
  ASSERT_OK(all);
  EXPECT_EQ(all->size(), 2u);
}

// An archive from before version 14, opened read-only, has no refusals (and no table).
TEST(ScopeRefusals, ArchiveBeforeVersionFourteenHasNone) {
  std::string path = testing_support::MakeTempDir() + "/v13.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(*db, path, 13));
  }
  auto archive = Archive::Open(path, {.read_only = true});
  ASSERT_OK(archive);
  auto found = FindScopeRefusal(*archive, "http://a.cn/1.html");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
  auto listed = ReadScopeRefusals(*archive);
  ASSERT_OK(listed);
  EXPECT_TRUE(listed->empty());
}

}  // namespace
}  // namespace storage
