#include "storage/pager_family.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace storage {
namespace internal {
namespace {

// Query parameter names pagers number their pages with (compared in lower case).
constexpr std::string_view kPageParams[] = {
    "page", "pageno",  "pagenum", "pagenumber",  "pageindex", "pn",         "p",
    "pg",   "curpage", "cp",      "currentpage", "page_no",   "pagecurrent"};

// Page numbers above this are not page numbers (dates, ids).
constexpr int64_t kMaxPageNumber = 100'000;

bool AllDigits(std::string_view s) {
  return !s.empty() && s.size() <= 6 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool IsPageParam(std::string_view name) {
  std::string lower = Lower(name);
  return std::find(std::begin(kPageParams), std::end(kPageParams), lower) != std::end(kPageParams);
}

std::optional<PagerSlot> QuerySlot(std::string_view base, std::string_view query) {
  std::vector<std::string_view> params;
  for (size_t start = 0; start <= query.size();) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    params.push_back(query.substr(start, amp - start));
    start = amp + 1;
  }
  std::optional<size_t> page;
  for (size_t i = 0; i < params.size(); ++i) {
    size_t eq = params[i].find('=');
    if (eq == std::string_view::npos || !IsPageParam(params[i].substr(0, eq))) continue;
    if (page) return std::nullopt;  // two page parameters: which one is the pager's?
    if (!AllDigits(params[i].substr(eq + 1))) return std::nullopt;
    page = i;
  }
  if (!page) return std::nullopt;
  PagerSlot slot;
  slot.shape = PagerShape::kQuery;
  std::string rest, templ;
  for (size_t i = 0; i < params.size(); ++i) {
    std::string_view p = params[i];
    templ += (i == 0 ? "?" : "&");
    if (i == *page) {
      size_t eq = p.find('=');
      templ += std::string(p.substr(0, eq + 1)) + "{n}";
      slot.number = std::stoll(std::string(p.substr(eq + 1)));
      continue;
    }
    templ += p;
    rest += (rest.empty() ? "?" : "&") + std::string(p);
  }
  slot.key = std::string(base) + rest;
  slot.url_template = std::string(base) + templ;
  return slot;
}

// _N / -N at the end of the last path segment's name (before its extension), or a name of
// digits.
std::optional<PagerSlot> PathSlot(std::string_view base, std::string_view query_part) {
  size_t slash = base.rfind('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view dir = base.substr(0, slash + 1);
  std::string_view segment = base.substr(slash + 1);
  size_t dot = segment.rfind('.');
  std::string_view name = segment.substr(0, dot);
  std::string_view ext = dot == std::string_view::npos ? "" : segment.substr(dot);
  size_t digits = name.size();
  while (digits > 0 && name[digits - 1] >= '0' && name[digits - 1] <= '9') --digits;
  std::string_view number = name.substr(digits);
  if (!AllDigits(number)) return std::nullopt;
  PagerSlot slot;
  slot.number = std::stoll(std::string(number));
  if (digits == 0) {
    // /list/12/3.html: the first page is the folder (or its index page).
    if (ext.empty()) return std::nullopt;
    slot.shape = PagerShape::kNumberFile;
    slot.key = std::string(dir) + std::string(query_part);
    slot.url_template = std::string(dir) + "{n}" + std::string(ext) + std::string(query_part);
    return slot;
  }
  char sep = name[digits - 1];
  if ((sep != '_' && sep != '-') || digits < 2) return std::nullopt;
  std::string_view stem = name.substr(0, digits - 1);
  slot.shape = PagerShape::kSuffix;
  slot.key = std::string(dir) + std::string(stem) + std::string(ext) + std::string(query_part);
  slot.url_template = std::string(dir) + std::string(stem) + sep + "{n}" + std::string(ext) +
                      std::string(query_part);
  return slot;
}

}  // namespace

std::optional<PagerSlot> PagerSlotOf(std::string_view url) {
  if (url.find('#') != std::string_view::npos) return std::nullopt;  // a form post
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::nullopt;
  size_t path = url.find('/', scheme + 3);
  if (path == std::string_view::npos) return std::nullopt;
  size_t q = url.find('?', path);
  std::string_view base = url.substr(0, q);
  std::string_view query = q == std::string_view::npos ? "" : url.substr(q + 1);
  std::optional<PagerSlot> slot;
  if (!query.empty()) slot = QuerySlot(base, query);
  if (!slot) {
    slot = PathSlot(base, q == std::string_view::npos ? "" : url.substr(q));
  }
  if (slot && slot->number > kMaxPageNumber) return std::nullopt;
  return slot;
}

}  // namespace internal

namespace {

using internal::PagerShape;
using internal::PagerSlot;

// The keys the unnumbered first page `url` stands for: itself, and for a folder's index page
// (index.html, default.asp) the folder too (/list/12/ numbers its pages /list/12/2.html).
std::vector<std::string> BaseKeys(const std::string& url) {
  std::vector<std::string> keys = {url};
  size_t q = url.find('?');
  std::string base = url.substr(0, q);
  std::string query = q == std::string::npos ? "" : url.substr(q);
  size_t slash = base.rfind('/');
  if (slash == std::string::npos) return keys;
  std::string segment = base.substr(slash + 1);
  std::string lower = segment;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower.rfind("index.", 0) == 0 || lower.rfind("default.", 0) == 0) {
    keys.push_back(base.substr(0, slash + 1) + query);
  }
  return keys;
}

}  // namespace

std::optional<PagerCoverage> PagerCoverageOf(const std::string& first_url, int64_t pages_printed,
                                             const std::vector<PagerPage>& pages) {
  if (pages_printed < 1 || pages_printed > 100'000) return std::nullopt;
  std::map<std::string, bool> fetched_of;  // url → fetched (any of its rows)
  for (const PagerPage& p : pages) fetched_of[p.url] = fetched_of[p.url] || p.fetched;
  fetched_of[first_url] = true;  // it prints the total: a capture of it is archived

  // 1. first_url unnumbered: the pages numbering themselves from it.
  std::vector<std::string> keys = BaseKeys(first_url);
  auto is_base = [&](const std::string& key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
  };
  std::vector<std::pair<std::string, PagerSlot>> numbered;
  for (const auto& [url, fetched] : fetched_of) {
    if (url == first_url) continue;
    auto slot = internal::PagerSlotOf(url);
    if (slot && is_base(slot->key)) numbered.emplace_back(url, *slot);
  }
  // 2. Else first_url numbered itself: its family's other numbered pages and its first page.
  // A path's number may be a column's (List_13.htm is column 13, not page 13 of List.htm): it
  // is taken for a page only as page 1, or next to the unnumbered first page, and a family
  // holding a page that numbers pages of its own (List_12.htm of List_12_2.htm) is no pager.
  if (numbered.empty()) {
    auto own = internal::PagerSlotOf(first_url);
    if (!own) {
      if (pages_printed != 1) return std::nullopt;
    } else {
      keys = BaseKeys(own->key);
      std::set<std::string> bases;
      for (const auto& [url, fetched] : fetched_of) {
        if (auto slot = internal::PagerSlotOf(url)) bases.insert(slot->key);
      }
      bool own_base_known = false;
      for (const auto& key : keys) own_base_known = own_base_known || fetched_of.count(key) > 0;
      if (own->shape != PagerShape::kQuery && own->number != 1 && !own_base_known) {
        return std::nullopt;
      }
      for (const auto& [url, fetched] : fetched_of) {
        auto slot = internal::PagerSlotOf(url);
        if (!slot || slot->key != own->key) continue;
        if (bases.count(url)) return std::nullopt;
        numbered.emplace_back(url, *slot);
      }
    }
  }
  std::set<std::string> templates;
  std::set<int64_t> numbers;
  for (const auto& [url, slot] : numbered) {
    templates.insert(slot.url_template);
    numbers.insert(slot.number);
  }
  if (templates.size() > 1) return std::nullopt;  // two URL shapes: not one pager
  bool base_known = false;
  for (const auto& key : keys) base_known = base_known || fetched_of.count(key) > 0;
  if (numbered.empty() && pages_printed != 1) return std::nullopt;
  if (!numbered.empty() && numbered.size() == 1 && !base_known && pages_printed != 1) {
    return std::nullopt;  // first_url alone: the shape of its other pages is unknown
  }

  // Numbering: index_1.html next to an unnumbered index.html is page 2 (index_N is page N+1);
  // page=0 is a zero-based pager's first page.
  int64_t offset = 0;
  if (!numbered.empty()) {
    PagerShape shape = numbered.front().second.shape;
    if (numbers.count(0)) {
      offset = 1;
    } else if (shape == PagerShape::kSuffix && base_known && numbers.count(1)) {
      offset = 1;
    }
  }
  std::set<int64_t> fetched_pages;
  if (base_known) {
    for (const auto& key : keys) {
      if (auto it = fetched_of.find(key); it != fetched_of.end() && it->second) {
        fetched_pages.insert(1);
      }
    }
  }
  for (const auto& [url, slot] : numbered) {
    int64_t page = slot.number + offset;
    if (page < 1 || page > pages_printed) return std::nullopt;  // numbering not understood
    if (fetched_of[url]) fetched_pages.insert(page);
  }

  PagerCoverage coverage;
  coverage.first_url = first_url;
  coverage.url_template = numbered.empty() ? first_url : *templates.begin();
  coverage.pages_printed = pages_printed;
  coverage.pages_fetched = static_cast<int64_t>(fetched_pages.size());
  for (int64_t page = 1; page <= pages_printed; ++page) {
    if (fetched_pages.count(page)) continue;
    ++coverage.pages_missing;
    if (coverage.missing.size() < kMaxMissingPagesListed) coverage.missing.push_back(page);
  }
  return coverage;
}

}  // namespace storage
