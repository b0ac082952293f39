// Site-level <title> decoration: what most of a site's pages' <title>s share at their start or
// end ("… - 新闻中心 - 中国XX协会", "XX商会 | …") is the site's and its columns' names, not part
// of a headline; a <title> most of the site's pages carry is the site's name. This evidence
// needs other pages of the site: the crawl, reextract, import-warc and batch extraction keep
// their <title>s (SiteTitleMemory) and pass them with each page (ExtractInput::site_titles).
// FindSiteDecoration and the readers are pure functions; SiteTitleMemory is thread-safe.
#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/document.h"

namespace extract {

struct SiteTitleOptions {
  // A prefix or suffix is the site's when at least this many of the other distinct titles of
  // the site carry it...
  size_t min_support = 2;
  // ...and at least this share (percent) of them: a series' shared kicker ("走进会员企业——") on
  // a few pages is not the site's decoration.
  size_t min_share_percent = 40;
  // What remains of the title must keep at least this many code points.
  size_t min_headline_chars = 2;
  // A title equal to at least this many of the site's other titles, and to at least half of
  // them, is the site's name (old sites print one <title> on every page).
  size_t min_same_title = 3;
};

struct SiteTitleDecoration {
  // The title without the shared prefix and suffix; the whole title when none is found.
  std::string headline;
  // The names in the removed prefix and suffix, split at their separators ("新闻中心",
  // "中国XX协会"): a candidate headline equal to one of them is never taken.
  std::vector<std::string> names;
  // The site's pages mostly carry this very <title>: it names the site, not the page.
  bool is_site_title = false;
};

// Compares `title` (whitespace collapsed) with `site_titles`, other pages' <title>s of the same
// site (duplicates of `title` itself included: they count for is_site_title). A prefix or suffix
// is cut only at a separator (| _ - – — · : / » and their full-width forms, or a space next to a
// Han character).
SiteTitleDecoration FindSiteDecoration(std::string_view title,
                                       std::span<const std::string> site_titles,
                                       const SiteTitleOptions& options = {});

// The page's <title> text, whitespace collapsed ("" when none).
std::string TitleTagText(const Document& doc);

// The <title> text of a page's bytes, decoded as ExtractArticle decodes them (same charset
// choice), without parsing the rest of the page. For callers that need the site's titles
// before extracting its pages (batch extraction).
std::string PeekTitleTag(std::string_view bytes, std::optional<std::string_view> content_type);

// The last <title>s seen per site (a host, or a manifest's site name), bounded per site and in
// the number of sites (the site remembered longest ago is forgotten first).
class SiteTitleMemory {
 public:
  explicit SiteTitleMemory(size_t titles_per_site = 32, size_t max_sites = 4096)
      : titles_per_site_(titles_per_site), max_sites_(max_sites) {}

  void Remember(const std::string& site, std::string title);
  // The titles remembered for `site`, oldest first.
  std::vector<std::string> Recall(const std::string& site) const;

 private:
  size_t titles_per_site_;
  size_t max_sites_;
  mutable std::mutex mutex_;
  std::map<std::string, std::deque<std::string>> titles_;
  std::deque<std::string> order_;  // sites in the order they were first remembered
};

}  // namespace extract
