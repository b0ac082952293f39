// A Frontier is the set of URLs the crawl has discovered, deduplicated by canonical URL, with
// each URL's state. The crawler talks to it through this narrow interface: the archive keeps
// the persistent one (so a killed crawl resumes where it stopped); MemoryFrontier serves tests.
// Implementations need not be thread-safe (the crawl loop is single-threaded).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/yield_guard.h"

namespace crawler {

// Why a URL was queued; the crawler follows kinds differently (e.g. listings are revisited on
// every run, articles only when new or due for revalidation).
enum class LinkKind {
  kSeed,
  kListing,
  kArticle,
  kSibling,
  kContinuation,
  kRedirect,
  kSitemap,
  kEntry,  // where an entry or container page leads: meta refresh, script redirect, frame
  kOther
};

const char* LinkKindName(LinkKind kind);
// The kind LinkKindName gives `name`; kOther for a name it never gives.
LinkKind LinkKindFromName(std::string_view name);

struct FrontierEntry {
  int64_t id = 0;    // assigned by the frontier
  std::string url;   // canonical absolute URL
  std::string host;  // host[:port]
  int depth = 0;     // links from a seed
  LinkKind kind = LinkKind::kOther;
  int redirects = 0;  // redirect hops that led here
  std::optional<std::string> discovered_from;
  int attempts = 0;  // failed tries so far (RetryLater)
  // A form post's body (DiscoveredLink::post_body): the entry is POSTed with it. Adding an
  // entry again with a body replaces the stored one (a fresher view state).
  std::optional<std::string> post_body = std::nullopt;
};

enum class EntryState { kQueued, kInFlight, kDone, kFailed, kSkipped };

class Frontier {
 public:
  virtual ~Frontier() = default;
  // Adds entries whose canonical URL is new to the frontier; returns how many were new.
  virtual size_t Add(const std::vector<FrontierEntry>& entries) = 0;
  // Up to `max` queued entries for `host` (FIFO), marked in flight.
  virtual std::vector<FrontierEntry> Take(const std::string& host, size_t max) = 0;
  // Hosts that have queued entries.
  virtual std::vector<std::string> HostsWithWork() = 0;
  virtual void Finish(int64_t id, EntryState state) = 0;
  // Puts a taken entry back in the queue after a failed try, counting the attempt; it is not
  // taken again before `not_before` (wall clock), in this run or a resumed one.
  virtual void RetryLater(int64_t id, std::chrono::system_clock::time_point not_before) = 0;
  virtual size_t QueuedCount() = 0;
  // After a crash: entries left in flight go back to queued. Returns how many.
  virtual size_t RequeueInFlight() = 0;
  // When an earlier run last sent a request to `host` (wall clock), if the frontier keeps that:
  // a new run's first request to the host waits out the politeness gap from it, so back-to-back
  // runs (cron, a resume after a kill) are as polite as one run.
  virtual std::optional<std::chrono::system_clock::time_point> LastRequestAt(
      const std::string& host) {
    (void)host;
    return std::nullopt;
  }
  // What earlier runs' fetches of each URL template of `host` produced (yield_guard.h), if the
  // frontier keeps that; SaveTemplateYield keeps one template's counts.
  virtual std::vector<TemplateYield> LoadTemplateYields(const std::string& host) {
    (void)host;
    return {};
  }
  virtual void SaveTemplateYield(const TemplateYield& yield) { (void)yield; }
  // The scheme ("http", "https") of a queued URL of `host`, if any: where a run that did not
  // see the host's links (a resumed one) asks for its robots.txt.
  virtual std::optional<std::string> SchemeOf(const std::string& host) {
    (void)host;
    return std::nullopt;
  }
  // Groups the calls made until EndBatch() into one unit of work (one transaction for a
  // frontier kept in a database): the loop's many small updates between two waits (pages'
  // links queued, their entries finished, the next entries taken) then cost one commit instead
  // of one each. Not nested. A frontier that cannot group them works call by call.
  virtual void BeginBatch() {}
  virtual void EndBatch() {}

  // For a frontier shared by several workers, each leasing a host at a time (frontier_pg/);
  // a frontier of one worker keeps the defaults. Named after crawler-commons' URLFrontier API.
  //
  // No request to `host` starts before `until` (wall clock), whichever worker sends it: the
  // loop calls it after every response with when its politeness (delay, Crawl-delay,
  // Retry-After, back-off) allows the next request (URLFrontier's BlockQueueUntil).
  virtual void BlockQueueUntil(const std::string& host,
                               std::chrono::system_clock::time_point until) {
    (void)host;
    (void)until;
  }
  // `host` gets no more requests from this run (robots.txt unreachable, Crawl-delay too long,
  // parked after failures): other workers leave it alone too, its queue kept.
  virtual void ParkHost(const std::string& host, const std::string& reason) {
    (void)host;
    (void)reason;
  }
  // Hosts whose lease this worker lost since the last call (it was stalled longer than the
  // lease): their requests not yet sent are dropped, another worker has the host now.
  virtual std::vector<std::string> TakeLostHosts() { return {}; }
  // Whether work this worker cannot take now may still come to it: URLs queued on hosts other
  // workers hold or that are not due yet, or in flight under another worker's lease (a dead
  // worker's come back when its lease expires). The loop waits instead of ending meanwhile.
  virtual bool WorkElsewhere() { return false; }
  // How soon work this worker cannot take now may become takable (a host another worker
  // released, or one whose pause ends): the loop is back by then to take it. nullopt when no
  // such time is known.
  virtual std::optional<std::chrono::milliseconds> NextWorkIn() { return std::nullopt; }
};

// BeginBatch() for the guard's lifetime.
class FrontierBatch {
 public:
  explicit FrontierBatch(Frontier& frontier) : frontier_(frontier) { frontier_.BeginBatch(); }
  ~FrontierBatch() { frontier_.EndBatch(); }
  FrontierBatch(const FrontierBatch&) = delete;
  FrontierBatch& operator=(const FrontierBatch&) = delete;

 private:
  Frontier& frontier_;
};

// In-memory Frontier for tests and single-run tools.
class MemoryFrontier final : public Frontier {
 public:
  size_t Add(const std::vector<FrontierEntry>& entries) override;
  std::vector<FrontierEntry> Take(const std::string& host, size_t max) override;
  std::vector<std::string> HostsWithWork() override;
  void Finish(int64_t id, EntryState state) override;
  // Counts the attempt; `not_before` is not kept (the scheduler's per-host pause orders the
  // retry within a run, and a MemoryFrontier does not outlive its run).
  void RetryLater(int64_t id, std::chrono::system_clock::time_point not_before) override;
  size_t QueuedCount() override;
  size_t RequeueInFlight() override;
  std::optional<std::string> SchemeOf(const std::string& host) override;

  std::vector<TemplateYield> LoadTemplateYields(const std::string& host) override;
  void SaveTemplateYield(const TemplateYield& yield) override;

  std::optional<EntryState> StateOf(const std::string& url) const;

 private:
  struct Slot {
    FrontierEntry entry;
    EntryState state = EntryState::kQueued;
  };
  std::map<int64_t, Slot> slots_;
  std::map<std::string, int64_t> by_url_;
  std::map<std::pair<std::string, std::string>, TemplateYield> yields_;
  int64_t next_id_ = 1;
};

}  // namespace crawler
