// Listing totals are the counts a listing page prints about its column: how many items it holds
// (共N条), how many pages (共N页, 第1/12页) and how many items a page shows (20条/页), found
// through the lexicon in listing_total_patterns.h. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace extract {

// The largest of each kind of total the page prints; nullopt when it prints none.
struct ListingTotals {
  std::optional<int64_t> items;
  std::optional<int64_t> pages;
  std::optional<int64_t> per_page;

  bool IsEmpty() const { return !items && !pages && !per_page; }
};

// Totals found in `text` (UTF-8). Full-width digits, colon, slash and comma count as ASCII ones
// and numbers may group thousands with commas or spaces ("1,234", "1 234", "１，２３４"); numbers
// above kMaxListingTotal are ignored.
ListingTotals FindListingTotals(std::string_view text);

inline constexpr int64_t kMaxListingTotal = 1'000'000'000;

// The text of an HTML page (UTF-8) for FindListingTotals: tags and comments removed (each tag
// becomes a space), &nbsp; and other space entities as a space; scripts kept, since many
// pagers are written by one.
std::string ListingPageText(std::string_view html);

// Totals printed by a fetched listing page: `bytes` as fetched (any charset, decoded as
// DecodeHtml decodes pages) and its Content-Type.
ListingTotals ListingTotalsOfPage(std::string_view bytes,
                                  std::optional<std::string_view> content_type);

}  // namespace extract
