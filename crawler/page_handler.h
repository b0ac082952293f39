// A PageHandler is what the crawl loop hands each fetched page to: the app layer implements it
// (extract the article, archive fetch + capture + article, say which links to follow). The
// crawler itself knows nothing of extraction or storage.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crawler/fetch_request.h"
#include "crawler/fetch_result.h"
#include "crawler/frontier.h"

namespace crawler {

struct DiscoveredLink {
  std::string url;  // absolute; the loop canonicalizes and scope-checks it
  LinkKind kind = LinkKind::kOther;
  // A form post (an ASP.NET pager): the body POSTed to `url` without its fragment; the
  // fragment names the post and is kept, so each post is one frontier entry.
  std::optional<std::string> post_body = std::nullopt;
};

struct PageHandling {
  bool is_article = false;
  // The page added to the archive an article new to it or changed (the trap guard's yield).
  bool new_article = false;
  bool failed = false;  // an outcome worth counting as an error (5xx, network, too large ...)
  std::vector<DiscoveredLink> links;
};

// Why a URL was not fetched at all.
enum class SkipReason {
  kRobotsDisallowed,
  kRobotsUnavailable,
  kOutOfScope,
  kHostParked,
  kTrapTemplate,  // its URL template stopped yielding anything new (yield_guard.h)
};

const char* SkipReasonName(SkipReason reason);

class PageHandler {
 public:
  virtual ~PageHandler() = default;
  // Called before a page is requested: the handler may add validators (If-None-Match,
  // If-Modified-Since) for a page it has archived, or change the body cap.
  virtual void PrepareRequest(const FrontierEntry& entry, FetchRequest& request) {
    (void)entry;
    (void)request;
  }
  // A fetch finished (any outcome, any status except redirects, which the loop follows).
  virtual PageHandling OnFetched(const FrontierEntry& entry, const FetchResult& result) = 0;
  // A queued URL will not be fetched in this run; archived as an outcome.
  virtual void OnSkipped(const FrontierEntry& entry, SkipReason reason,
                         const std::string& detail) = 0;
};

}  // namespace crawler
