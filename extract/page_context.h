// A PageContext is what every field extractor reads besides the Document: the page URL (for
// resolving links), the options, and when the page was fetched.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "extract/document.h"
#include "extract/extract_options.h"
#include "util/url.h"

namespace extract {

struct PageContext {
  PageContext(const Document& document, std::string base, const ExtractOptions& extract_options,
              std::chrono::system_clock::time_point fetch_time = {})
      : doc(document),
        base_url(std::move(base)),
        options(extract_options),
        fetched_at(fetch_time),
        links_(base_url) {}

  const Document& doc;
  const std::string base_url;  // <base href> resolved against the page URL, else the page URL
  const ExtractOptions& options;
  std::chrono::system_clock::time_point fetched_at;

  // An href (or src) of the page resolved against base_url, as util::ResolveUrl; memoized, as
  // several extractors look at the same links.
  std::optional<std::string> Resolve(std::string_view ref) const { return links_.Resolve(ref); }

 private:
  util::UrlResolver links_;
};

}  // namespace extract
