// Issue #17: a page that is one large block of text (9 MB of text/plain, or an HTML page that is
// essentially one <p>) took 108 MB to extract in `newsarc extract`, four of them 256 MB under
// `import-warc --jobs 2`: the text was copied about ten times on the way (the decoded page kept
// after the parse, Gumbo's outgrown text buffers, the lines as code points grown by doubling,
// a UTF-8 and an over-reserved code-point copy of a line to look for a date in it, the whole
// text joined again to guess its language, the body's lines copied and cleaned twice, NFC
// through UTF-16).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "extract/extractor.h"
#include "tests/support/peak_heap.h"
#include "tests/support/sample_text.h"

namespace extract {
namespace {

// The most heap that ExtractArticle held at once on `page`, in bytes (-1 when it failed).
int64_t PeakHeapOfExtraction(const std::string& page) {
  return testing_support::PeakHeapOf([&page] {
    ExtractInput input{page, "http://www.assoc.org.cn/report/2023.txt", "text/plain"};
    auto article = ExtractArticle(input);
    // The whole text is the body, one paragraph a line.
    return article && article->body.size() > page.size() * 9 / 10;
  });
}

TEST(Issue17, ANinemegabytePageOfTextIsExtractedWithoutCopyingItTenTimes) {
  if (!testing_support::CanMeasurePeakHeap()) {
    GTEST_SKIP() << "counts the heap with AddressSanitizer's allocator hooks (make test builds "
                    "with it)";
  }
  std::string page = testing_support::LongChineseReport(9'000'000);
  int64_t peak = PeakHeapOfExtraction(page);
  ASSERT_GT(peak, 0) << "the extraction failed";
  RecordProperty("peak_heap_bytes", std::to_string(peak));
  // Measured: 95 MiB before, 45 MiB now, besides the page itself. Now the parse tree and the
  // body hold the text once each, the lines hold it as code points (4 bytes a character), and
  // one line at a time is copied to be read.
  EXPECT_LT(peak, int64_t{64} << 20) << "peak heap " << (peak >> 20) << " MiB";
}

}  // namespace
}  // namespace extract
