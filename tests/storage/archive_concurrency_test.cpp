#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "storage/archive.h"
#include "storage/article_cursor.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

// A crawl writing 1,000 small transactions while another connection exports repeatedly: every
// export sees a consistent snapshot and nobody gets "database is locked".
TEST(ArchiveConcurrency, ReaderExportsWhileWriterCommitsWithoutLockErrors) {
  std::string path = testing_support::MakeTempDir() + "/shared.db";
  ASSERT_OK(Archive::Open(path, {.create_if_missing = true}));
  std::atomic<bool> writer_done = false;
  std::string writer_error;
  std::thread writer([&] {
    auto archive = Archive::Open(path, {});
    if (!archive) {
      writer_error = archive.error().message;
      writer_done = true;
      return;
    }
    for (int i = 0; i < 1000 && writer_error.empty(); ++i) {
      auto record = testing::MakeRecord("http://a.cn/" + std::to_string(i), "标题",
                                        "正文" + std::to_string(i), 1000 + i);
      auto result = archive->RecordPage(record);
      if (!result) writer_error = result.error().message;
    }
    writer_done = true;
  });

  auto reader = Archive::Open(path, {.read_only = true});
  ASSERT_OK(reader);
  int exports = 0;
  size_t last_count = 0;
  // Bounded: at most 2,000 exports, and at least one after the writer finished.
  while (exports < 2000) {
    bool done_before = writer_done;
    auto read = reader->BeginRead();
    ASSERT_OK(read);
    auto cursor = ArticleCursor::Open(*reader, {});
    ASSERT_OK(cursor);
    size_t count = 0;
    while (true) {
      auto next = cursor->Next();
      ASSERT_OK(next);
      if (!*next) break;
      ++count;
    }
    ASSERT_OK(read->Commit());
    EXPECT_GE(count, last_count);  // snapshots only move forward
    last_count = count;
    ++exports;
    if (done_before) break;
  }
  writer.join();
  EXPECT_EQ(writer_error, "");
  EXPECT_EQ(last_count, 1000u);
  EXPECT_GT(exports, 1);
}

}  // namespace
}  // namespace storage
