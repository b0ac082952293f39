// Issue #17 point 4: a page of 200,000 links took 600 MB to extract. The parse tree was the
// cost (Gumbo's tree and the Document copied from it, with a doubling vector on top), more
// than the links: ExtractOptions::max_parsed_elements bounds it, max_links the links.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string>

#include "extract/extractor.h"

namespace extract {
namespace {

// The page bench/make_link_page.py writes by default: 200,000 bare links (9.4 MB), under the
// 10 MiB body cap of crawl and import-warc.
std::string LinkPage(int links) {
  std::string html =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>协会新闻 列表</title></head>"
      "<body><div class=\"list\"><ul>\n";
  for (int i = 0; i < links; ++i) {
    std::string n = std::to_string(i);
    html += "<a href=\"/n/0_" + n + ".html\">第" + n + "期</a><br>\n";
  }
  return html + "</ul></div></body></html>\n";
}

uint64_t VirtualMemoryBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmSize:", 0) == 0) return std::stoull(line.substr(7)) * 1024;
  }
  return 0;
}

// The address space the extraction may add: the issue's 200 MB. Measured on this page: release
// `newsarc extract` peaked at 597 MB RSS before, 81 MB now. Under AddressSanitizer, whose
// allocator reserves its heap up front so that only its large blocks add address space, the
// child's VmPeak grows 73 MB now and 434 MB with the element and link caps lifted.
constexpr uint64_t kHeadroomBytes = uint64_t{200} << 20;

// Runs ExtractArticle on `html` in a child limited to its current address space plus
// kHeadroomBytes; the exit status says how it went (0: extracted, links within the caps).
int ExtractInLimitedChild(const std::string& html) {
  pid_t child = fork();
  if (child < 0) return -1;
  if (child == 0) {
    struct rlimit limit {};
    limit.rlim_cur = limit.rlim_max = VirtualMemoryBytes() + kHeadroomBytes;
    if (setrlimit(RLIMIT_AS, &limit) != 0) _exit(10);
    ExtractOptions options;
    auto article =
        ExtractArticle({html, "http://www.assoc.org.cn/news/list.html", {}, {}}, options);
    if (!article) _exit(11);
    size_t links = article->entry_links.size() + article->pagination_links.size() +
                   article->article_links.size() + article->other_links.size();
    if (links == 0 || links > options.max_links) _exit(12);
    _exit(0);
  }
  int status = 0;
  if (waitpid(child, &status, 0) != child) return -1;
  if (!WIFEXITED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

TEST(Issue17, APageOf200000LinksIsExtractedUnderAMemoryLimit) {
  // An exception (std::bad_alloc) out of the child aborts it: exit status 128 + SIGABRT.
  EXPECT_EQ(ExtractInLimitedChild(LinkPage(200'000)), 0);
}

}  // namespace
}  // namespace extract
