// The lexicon of printed listing totals: how listing pages and their pagers say how many items
// and pages a column holds (共N条, 共 N 条记录, 总数：N, 共N页, N条/页, 第1/12页, 记录数：N,
// "1-20 of 345", "N results", a TRS pager's createPageHTML(12, …)). Data only; the matcher is
// in listing_totals.cpp.
#pragma once

#include <span>
#include <string_view>

namespace extract {

enum class ListingTotalKind { kItems, kPages, kPerPage };

// One way of printing a total. `text` is a template matched against the page's text once
// full-width digits and punctuation are made ASCII: "{N}" is the number reported, "{n}" any
// other number, a space matches any run of whitespace (or none), ":" an optional colon with
// whitespace around it; every other byte matches itself (ASCII letters in any case).
struct ListingTotalPattern {
  std::string_view text;
  ListingTotalKind kind;
};

std::span<const ListingTotalPattern> ListingTotalPatterns();

}  // namespace extract
