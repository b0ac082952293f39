// FetchOnePage fetches a single page for `newsarc extract URL` as the crawler would, minus the
// crawl: the host's robots.txt first (the crawl's rules, crawler/robots_gate.h: 4xx allows
// all, 5xx or no answer blocks), then the page, following up to `max_redirects` redirects, each
// hop checked against its own host's robots.txt. A Crawl-delay asks for a pause between the
// robots.txt request and the page's (at most max_crawl_delay, else the page is not fetched).
// The Fetcher is injected (tests serve loopback hosts); used from one thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "crawler/fetcher.h"
#include "util/error.h"

namespace cli {

struct FetchedPage {
  std::string url;  // after redirects
  int status = 0;
  std::optional<std::string> content_type;
  std::string body;
  int requests = 0;  // robots.txt included
};

struct FetchPageOptions {
  int max_redirects = 5;
  std::chrono::milliseconds max_crawl_delay{30000};
  std::chrono::milliseconds timeout{150000};  // the whole exchange, all requests
};

// Errors name the URL and what to do: kUsage for a URL that is not http(s) or a response that
// is no page (Content-Type), kNetwork for network failures, timeouts, HTTP errors and pages
// robots.txt disallows (or a host whose robots.txt cannot be read).
util::Result<FetchedPage> FetchOnePage(const std::string& url, crawler::Fetcher& fetcher,
                                       const FetchPageOptions& options = {});

}  // namespace cli
