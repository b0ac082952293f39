// A PageHandler is what the crawl loop hands each fetched page to: the app layer implements it
// (extract the article, archive fetch + capture + article, say which links to follow). The
// crawler itself knows nothing of extraction or storage.
//
// Handling may be asynchronous: the loop Submit()s each finished fetch and picks the handled
// pages up with TakeHandled(); a handler that works on other threads (extraction in a pool,
// one archive writer) calls the notifier given to SetNotifier() whenever a page is handled, so
// the loop wakes up, and says Saturated() while its backlog is full, so the loop starts no new
// fetches until it drains (bounded memory). The loop finishes a page's frontier entry only
// once the page is handled. The default handles each page at once with OnFetched(), on the
// loop's thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
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

// A link the crawl's scope refused (crawler/scope.h), found on a fetched page: never queued.
struct RefusedLink {
  std::string url;     // canonical
  std::string host;    // host[:port], as FrontierEntry::host
  std::string reason;  // ScopeDecisionName
  std::string detail;  // Scope::Explain
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

// A fetch the handler is done with, and what it made of it.
struct HandledPage {
  FrontierEntry entry;
  FetchResult result;
  PageHandling handling;
};

class PageHandler {
 public:
  virtual ~PageHandler() = default;
  // Called before a page is requested: the handler may add validators (If-None-Match,
  // If-Modified-Since) for a page it has archived, or change the body cap.
  virtual void PrepareRequest(const FrontierEntry& entry, FetchRequest& request) {
    (void)entry;
    (void)request;
  }
  // A fetch finished (any outcome; a redirect is archived, the loop follows it).
  virtual PageHandling OnFetched(const FrontierEntry& entry, const FetchResult& result) = 0;
  // A queued URL will not be fetched in this run; archived as an outcome. Always on the loop's
  // thread, at once: the loop finishes the entry right after.
  virtual void OnSkipped(const FrontierEntry& entry, SkipReason reason,
                         const std::string& detail) = 0;
  // Links of page `from` the scope refused (not off-site ones: the run counts those per host),
  // each link as often as it is found. On the loop's thread, inside the frontier's batch
  // (Frontier::BeginBatch) when the page's links are queued in one.
  virtual void OnRefused(const FrontierEntry& from, const std::vector<RefusedLink>& links) {
    (void)from;
    (void)links;
  }

  // --- Asynchronous handling (see the top of this file) ---
  virtual void Submit(FrontierEntry entry, FetchResult result) {
    PageHandling handling = OnFetched(entry, result);
    handled_.push_back({std::move(entry), std::move(result), std::move(handling)});
  }
  // The pages handled since the last call, in any order.
  virtual std::vector<HandledPage> TakeHandled() { return std::exchange(handled_, {}); }
  // Pages submitted and not taken back yet.
  virtual size_t Outstanding() const { return handled_.size(); }
  // The backlog is full: start no new fetches until some pages are taken back.
  virtual bool Saturated() const { return false; }
  // Called (from any thread) when a page has been handled. Once SetNotifier() returns, the
  // notifier it replaced is no longer called nor running (the loop's fetcher may be gone).
  virtual void SetNotifier(std::function<void()> notify) { (void)notify; }

 private:
  std::vector<HandledPage> handled_;
};

}  // namespace crawler
