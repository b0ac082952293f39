// Issue #17: a page that is one large block of text (9 MB of text/plain, or an HTML page that is
// essentially one <p>) took 108 MB to extract in `newsarc extract`, four of them 256 MB under
// `import-warc --jobs 2`: the text was copied about ten times on the way (the decoded page kept
// after the parse, Gumbo's outgrown text buffers, the lines as code points grown by doubling,
// a UTF-8 and an over-reserved code-point copy of a line to look for a date in it, the whole
// text joined again to guess its language, the body's lines copied and cleaned twice, NFC
// through UTF-16).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <string>

#include "extract/extractor.h"

#if defined(__SANITIZE_ADDRESS__)
#define NEWSARC_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NEWSARC_TEST_ASAN 1
#endif
#endif

#ifdef NEWSARC_TEST_ASAN
// AddressSanitizer's allocator hooks (sanitizer/allocator_interface.h, which GCC does not ship).
extern "C" {
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void*, size_t),
                                              void (*free_hook)(const volatile void*));
size_t __sanitizer_get_allocated_size(const volatile void* p);
}
#endif

namespace extract {
namespace {

// About 9 MB of paragraphs of Chinese with some ASCII words and numbers, the shape of a long
// report served as text/plain; the same for every run.
std::string TextPage(size_t bytes) {
  static constexpr std::string_view kHan[] = {"协会", "会员", "企业", "发展", "工作", "会议",
                                              "经济", "合作", "行业", "服务", "管理", "推进"};
  static constexpr std::string_view kPunct[] = {"，", "。", "、", "；"};
  static constexpr std::string_view kAscii[] = {"GDP", "2023", "ISO 9001", "WTO", "5.8%"};
  uint32_t state = 17;
  auto next = [&state](uint32_t n) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % n;
  };
  std::string page;
  page.reserve(bytes + 1024);
  while (page.size() < bytes) {
    for (uint32_t words = 20 + next(120); words > 0; --words) {
      uint32_t r = next(100);
      if (r < 80) {
        page += kHan[next(std::size(kHan))];
      } else if (r < 90) {
        page += kPunct[next(std::size(kPunct))];
      } else {
        page += ' ';
        page += kAscii[next(std::size(kAscii))];
        page += ' ';
      }
    }
    page += "。\n\n";
  }
  return page;
}

#ifdef NEWSARC_TEST_ASAN
// Bytes allocated and not freed since the hooks were installed, and their peak.
std::atomic<int64_t> live_bytes{0};
std::atomic<int64_t> peak_bytes{0};

void OnMalloc(const volatile void*, size_t size) {
  int64_t now = live_bytes += static_cast<int64_t>(size);
  int64_t peak = peak_bytes.load();
  while (now > peak && !peak_bytes.compare_exchange_weak(peak, now)) {
  }
}

void OnFree(const volatile void* p) {
  if (p != nullptr) live_bytes -= static_cast<int64_t>(__sanitizer_get_allocated_size(p));
}

// The most heap that ExtractArticle held at once on `page`, in bytes (-1 when it failed),
// counted in a child so that the hooks see nothing else.
int64_t PeakHeapOfExtraction(const std::string& page) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t child = fork();
  if (child < 0) return -1;
  if (child == 0) {
    close(fds[0]);
    if (__sanitizer_install_malloc_and_free_hooks(&OnMalloc, &OnFree) == 0) _exit(10);
    int64_t peak = -1;
    {
      ExtractInput input{page, "http://www.assoc.org.cn/report/2023.txt", "text/plain"};
      auto article = ExtractArticle(input);
      // The whole text is the body, one paragraph a line.
      if (article && article->body.size() > page.size() * 9 / 10) peak = peak_bytes.load();
    }
    ssize_t written = write(fds[1], &peak, sizeof peak);
    _exit(written == sizeof peak ? 0 : 11);
  }
  close(fds[1]);
  int64_t peak = -1;
  if (read(fds[0], &peak, sizeof peak) != sizeof peak) peak = -1;
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? peak : -1;
}
#endif

TEST(Issue17, ANinemegabytePageOfTextIsExtractedWithoutCopyingItTenTimes) {
#ifndef NEWSARC_TEST_ASAN
  GTEST_SKIP() << "counts the heap with AddressSanitizer's allocator hooks (make test builds "
                  "with it)";
#else
  std::string page = TextPage(9'000'000);
  int64_t peak = PeakHeapOfExtraction(page);
  ASSERT_GT(peak, 0) << "the extraction failed";
  RecordProperty("peak_heap_bytes", std::to_string(peak));
  // Measured: 95 MiB before, 45 MiB now, besides the page itself. Now the parse tree and the
  // body hold the text once each, the lines hold it as code points (4 bytes a character), and
  // one line at a time is copied to be read.
  EXPECT_LT(peak, int64_t{64} << 20) << "peak heap " << (peak >> 20) << " MiB";
#endif
}

}  // namespace
}  // namespace extract
