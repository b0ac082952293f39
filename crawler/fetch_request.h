// A FetchRequest is one HTTP GET (or a form's POST) the crawler wants made; the fetcher does not
// follow redirects (the crawler re-checks each hop against scope and robots.txt before requesting
// it).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "config/defaults.h"

namespace crawler {

enum class ContentPolicy {
  kHtmlOnly,  // abort the transfer after the headers when Content-Type is not HTML
  kAny,       // robots.txt, sitemaps
};

// What the fetcher does when the decoded body passes max_body_bytes.
enum class OverCap {
  kFail,      // abort the transfer and keep nothing: FetchOutcome::kTooLarge (pages)
  kTruncate,  // keep the first max_body_bytes decoded bytes, end the transfer there and report
              // FetchOutcome::kOk with FetchResult::truncated set (robots.txt: RFC 9309 §2.5
              // says to parse at least the first 500 KiB of a larger file)
};

struct FetchRequest {
  uint64_t id = 0;  // chosen by the caller, echoed in the result
  std::string url;
  std::optional<std::string> if_none_match;      // ETag of the archived version
  std::optional<std::string> if_modified_since;  // Last-Modified of the archived version
  ContentPolicy content_policy = ContentPolicy::kHtmlOnly;
  size_t max_body_bytes = config::defaults::kMaxBodyBytes;  // decoded bytes
  OverCap over_cap = OverCap::kFail;
  // When set, the request is a POST of this application/x-www-form-urlencoded body.
  std::optional<std::string> post_body;
};

}  // namespace crawler
