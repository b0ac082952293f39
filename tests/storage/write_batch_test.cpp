// WriteBatch (archive.h): several writes in one commit, with new articles' search-index rows
// written once, at the commit, after the pages' savepoints.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/archive.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

using storage::testing::MakeRecord;

Archive OpenFile(const std::string& name) {
  auto archive =
      Archive::Open(testing_support::MakeTempDir() + "/" + name, {.create_if_missing = true});
  if (!archive) ADD_FAILURE() << archive.error().message;
  return std::move(*archive);
}

int64_t Count(const Archive& archive, const std::string& sql) {
  auto stmt = Statement::Prepare(archive.db(), sql.c_str());
  if (!stmt) {
    ADD_FAILURE() << stmt.error().message;
    return -1;
  }
  auto row = stmt->Step();
  return row && *row ? stmt->Int(0) : -1;
}

std::vector<PageRecord> Pages(int n, const std::string& prefix) {
  std::vector<PageRecord> pages;
  for (int i = 0; i < n; ++i) {
    pages.push_back(MakeRecord(
        "http://a.cn/" + prefix + std::to_string(i) + ".html",
        "协会召开第" + std::to_string(i) + "次理事会",
        "会议审议通过了年度工作报告和财务报告，部署了下一阶段的重点工作。" + std::to_string(i)));
  }
  return pages;
}

// The index rows of articles that are in articles_fts under their article's id.
int64_t IndexedArticles(const Archive& archive) {
  return Count(archive,
               "SELECT count(*) FROM articles_fts JOIN articles ON articles.id = "
               "articles_fts.rowid");
}

// FTS5 writes its pending terms to a new segment at every savepoint. Pages recorded one by
// one inside a batch (each a savepoint, as the crawl's writer records them) must leave the
// index as one RecordPages call does: one segment for the batch, not one per article that
// FTS5 then merges.
TEST(WriteBatch, PagesRecordedOneByOneAreIndexedInOneSegment) {
  const std::vector<PageRecord> pages = Pages(12, "p");

  Archive together = OpenFile("together.db");
  ASSERT_OK(together.RecordPages(pages));

  Archive one_by_one = OpenFile("one-by-one.db");
  {
    auto batch = one_by_one.BeginWrite();
    ASSERT_OK(batch);
    for (const PageRecord& page : pages) ASSERT_OK(one_by_one.RecordPage(page));
    ASSERT_OK(batch->Commit());
  }

  EXPECT_EQ(IndexedArticles(one_by_one), 12);
  EXPECT_EQ(Count(one_by_one, "SELECT count(*) FROM articles_fts_data"),
            Count(together, "SELECT count(*) FROM articles_fts_data"));
  EXPECT_EQ(Count(one_by_one,
                  "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH "
                  "'第7次理事会'"),
            1);
}

TEST(WriteBatch, ABatchDroppedWithoutCommitLeavesNoIndexRowsForTheNext) {
  Archive archive = OpenFile("dropped.db");
  {
    auto batch = archive.BeginWrite();
    ASSERT_OK(batch);
    for (const PageRecord& page : Pages(3, "gone")) ASSERT_OK(archive.RecordPage(page));
  }  // rolled back
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM articles"), 0);
  {
    auto batch = archive.BeginWrite();
    ASSERT_OK(batch);
    ASSERT_OK(archive.RecordPage(Pages(1, "kept")[0]));
    ASSERT_OK(batch->Commit());
  }
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM articles_fts"), 1);
  EXPECT_EQ(IndexedArticles(archive), 1);
  // Outside a batch a page is indexed at once, as before.
  ASSERT_OK(archive.RecordPage(Pages(1, "alone")[0]));
  EXPECT_EQ(IndexedArticles(archive), 2);
}

TEST(WriteBatch, ANestedBatchRolledBackTakesItsIndexRowsWithIt) {
  Archive archive = OpenFile("nested.db");
  auto outer = archive.BeginWrite();
  ASSERT_OK(outer);
  ASSERT_OK(archive.RecordPage(Pages(1, "outer")[0]));
  {
    auto inner = archive.BeginWrite();
    ASSERT_OK(inner);
    ASSERT_OK(archive.RecordPage(Pages(1, "inner")[0]));
  }  // the inner savepoint rolls back
  {
    auto inner = archive.BeginWrite();
    ASSERT_OK(inner);
    ASSERT_OK(archive.RecordPage(Pages(1, "second-inner")[0]));
    ASSERT_OK(inner->Commit());
  }
  ASSERT_OK(outer->Commit());
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM articles"), 2);
  EXPECT_EQ(Count(archive, "SELECT count(*) FROM articles_fts"), 2);
  EXPECT_EQ(IndexedArticles(archive), 2);
}

// A savepoint's undo pages stay in memory on a writer's connection (each page of a batch is
// one), instead of a temp file written for every page; readers keep the default.
TEST(WriteBatch, WritersKeepStatementJournalsInMemory) {
  std::string path = testing_support::MakeTempDir() + "/temp-store.db";
  auto writer = Archive::Open(path, {.create_if_missing = true});
  ASSERT_OK(writer);
  EXPECT_EQ(Count(*writer, "PRAGMA temp_store"), 2);  // MEMORY
  auto reader = Archive::Open(path, {.read_only = true});
  ASSERT_OK(reader);
  EXPECT_EQ(Count(*reader, "PRAGMA temp_store"), 0);  // DEFAULT (a file)
}

}  // namespace
}  // namespace storage
