// A pager family is the listing pages of one column's pager, told apart by their URLs alone: the
// pages share the first page's URL with a page number added or changed (index.html,
// index_2.html …; list.asp?id=5&page=2; ?pageNo=3; /list/12/4.html; List_12_5.htm), so the
// pages of two columns on one host stay apart (list.asp?id=5 and list.asp?id=6). Comparing the
// page numbers fetched with the total the first page prints (共N页) tells which listing pages a
// crawl missed. A family is only compared when it is identified without doubt: its pages share
// one URL template and every known page number fits the printed total; otherwise nothing is
// said. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storage {

// A listing page of a site the archive knows (queued or fetched), and whether a fetch of it
// answered (2xx, or 304 for a page fetched before).
struct PagerPage {
  std::string url;
  bool fetched = false;
};

// Missing page numbers a coverage lists, at most (the count is always exact).
inline constexpr size_t kMaxMissingPagesListed = 50;

struct PagerCoverage {
  std::string first_url;     // the page printing the total
  std::string url_template;  // the numbered pages' URL, the number as {n}
  int64_t pages_printed = 0;
  int64_t pages_fetched = 0;  // distinct page numbers (1 to pages_printed) fetched
  int64_t pages_missing = 0;
  std::vector<int64_t> missing;  // the first kMaxMissingPagesListed missing page numbers
};

// The coverage of the pager whose page `first_url` (fetched) prints `pages_printed` pages, from
// the site's listing pages; nullopt when its family cannot be told without doubt: no other page
// of it known (a pager of more than one page), numbered pages of two URL shapes, or a page
// number beyond the total (numbering not understood, or a stale total).
std::optional<PagerCoverage> PagerCoverageOf(const std::string& first_url, int64_t pages_printed,
                                             const std::vector<PagerPage>& pages);

// Not in the anonymous namespace to allow testing.
namespace internal {

// How a numbered page carries its number.
enum class PagerShape {
  kQuery,       // a page-named query parameter: page=, pageNo=, pn=, p=, …
  kSuffix,      // the last path segment's _N or -N: index_2.html, List_12_3.htm
  kNumberFile,  // a last path segment of digits: /list/12/3.html
};

struct PagerSlot {
  PagerShape shape = PagerShape::kQuery;
  std::string key;           // the URL without its page number: the unnumbered first page
  std::string url_template;  // the URL with the number as {n}
  int64_t number = 0;
};

// The page number a listing URL carries, or nullopt when it carries none in a known shape.
std::optional<PagerSlot> PagerSlotOf(std::string_view url);

}  // namespace internal
}  // namespace storage
