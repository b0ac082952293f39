// ExtractOptions holds every threshold and switch of the extractor, with documented defaults
// taken from config/defaults.h. A site profile may override some of them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "config/defaults.h"
#include "config/site_profile.h"

namespace extract {

struct ExtractOptions {
  // Site-local UTC offset used for printed times without a zone (default +08:00).
  int utc_offset_minutes = config::defaults::kUtcOffsetMinutes;
  // Dates earlier than this year are rejected as impossible.
  int min_year = config::defaults::kMinArticleYear;
  // Longest input decoded and parsed (longer pages are cut, never rejected).
  size_t max_input_bytes = config::defaults::kMaxExtractInputBytes;
  // Most elements parsed: the page is cut before the next start tag (never rejected). The parse
  // tree, not the page's bytes, is what costs memory (about 1 KB per element), so this
  // bounds an extraction whatever the markup. Callers keep the raw capture whole.
  size_t max_parsed_elements = config::defaults::kMaxParsedElements;
  // Most links kept per page over all of its link lists, and their total bytes (URL, text and
  // POST body); see CapPageLinks (page_links.h).
  size_t max_links = config::defaults::kMaxPageLinks;
  size_t max_link_bytes = config::defaults::kMaxPageLinkBytes;
  // Optional per-host overrides (selectors, time zone); nullptr for the generic path.
  const config::SiteProfile* profile = nullptr;
};

}  // namespace extract
