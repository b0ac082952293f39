// Issue #17: archiving one article whose body is 9 MB of text peaked at some 635 MB under
// `import-warc --jobs 2`, most of it SQLite's trigram index of that one body built in memory at
// once. The index now takes a text's first MiB (kMaxIndexedTextBytes); the body is archived whole.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "storage/archive.h"
#include "storage/archive_search.h"
#include "storage/text_fold.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/peak_heap.h"
#include "tests/support/sample_text.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

using storage::testing::MakeRecord;

class LargeArticle : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("newsarc-large-article-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "a.sqlite").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::string path_;
};

// 9 MB of varied Chinese text with a phrase of its own near the start and another past the first
// MiB.
std::string NineMegabyteBody() {
  std::string body = "开篇标记词甲乙丙。\n\n" + testing_support::VariedChineseText(9'000'000);
  body.insert(body.find("\n\n", 2'000'000) + 2, "深处标记词丁戊己。\n\n");
  return body;
}

TEST_F(LargeArticle, ANinemegabyteBodyIsArchivedWholeAndIndexedWithinBoundedMemory) {
  if (!testing_support::CanMeasurePeakHeap()) {
    GTEST_SKIP() << "counts the heap with AddressSanitizer's allocator hooks (make test builds "
                    "with it)";
  }
  ASSERT_OK(Archive::Open(path_, {.create_if_missing = true}));
  PageRecord record = MakeRecord("http://www.assoc.org.cn/report/2023.html", "年度工作报告全文",
                                 NineMegabyteBody());
  record.body.reset();  // the article's text is the point, not its page
  int64_t peak = testing_support::PeakHeapOf([this, &record] {
    auto archive = Archive::Open(path_, {});
    return archive && archive->RecordPage(record).has_value();
  });
  ASSERT_GT(peak, 0) << "the article was not archived";
  RecordProperty("peak_heap_bytes", std::to_string(peak));
  // Measured: 512 MiB before (the index of all 9 MB built at once), 106 MiB now, besides the
  // record itself.
  EXPECT_LT(peak, int64_t{200} << 20) << "peak heap " << (peak >> 20) << " MiB";

  auto archive = Archive::Open(path_, {.read_only = true});
  ASSERT_OK(archive);
  auto near_start = SearchArticles(*archive, {"开篇标记词", std::nullopt, 10});
  ASSERT_OK(near_start);
  ASSERT_EQ(near_start->hits.size(), 1u);
  EXPECT_EQ(near_start->hits[0].url, record.url);
  // Past the indexed first MiB: archived, not searchable (the documented limit).
  auto deep = SearchArticles(*archive, {"深处标记词", std::nullopt, 10});
  ASSERT_OK(deep);
  EXPECT_TRUE(deep->hits.empty());
}

TEST(FoldForIndex, TakesTheFirstMebibyteCutBeforeACodePoint) {
  std::string text(kMaxIndexedTextBytes - 1, 'A');
  text += "商會";  // three-byte code points across the limit
  std::string folded = FoldForIndex(text);
  EXPECT_EQ(folded.size(), kMaxIndexedTextBytes - 1);
  EXPECT_EQ(folded, std::string(kMaxIndexedTextBytes - 1, 'a'));
  EXPECT_EQ(FoldForIndex("香港總商會"), FoldForSearch("香港總商會"));
  std::string exact(kMaxIndexedTextBytes - 3, 'b');
  exact += "會";
  EXPECT_EQ(FoldForIndex(exact), std::string(kMaxIndexedTextBytes - 3, 'b') + "会");
}

}  // namespace
}  // namespace storage
