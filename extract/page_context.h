// A PageContext is what every field extractor reads besides the Document: the page URL (for
// resolving links), the options, and when the page was fetched.
#pragma once

#include <chrono>
#include <string>

#include "extract/document.h"
#include "extract/extract_options.h"

namespace extract {

struct PageContext {
  const Document& doc;
  std::string base_url;  // <base href> resolved against the page URL, else the page URL
  const ExtractOptions& options;
  std::chrono::system_clock::time_point fetched_at;
};

}  // namespace extract
