// The RobotsGate keeps each host's robots.txt verdict for a crawl: not yet known, being
// fetched, rules ready, or blocked (nothing allowed this run). Rules come from a RobotsCache
// (the archive, ≤ max_age old) or from a fetch made before anything else on the host; up to
// max_redirects redirects are followed (RFC 9309 §2.3.1.2). What a final status means is
// crawler::PolicyForFetchOutcome's: 2xx → the file's rules; 4xx other than 429, or a 3xx not
// followed → allow all (§2.3.1.3); 429, 5xx or no response → blocked (§2.3.1.4), and such a
// verdict is stored but never reused from the cache. robots.txt is requested with
// OverCap::kTruncate: a file over max_body_bytes is parsed from its beginning (§2.5).
// Not thread-safe (the crawl loop's thread).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crawler/clock.h"
#include "crawler/fetch_request.h"
#include "crawler/fetch_result.h"

namespace crawler {

struct RobotsRules;

// A robots.txt response as kept in the archive.
struct CachedRobots {
  int status = 0;  // HTTP status; 0 = network failure
  std::string body;
  std::chrono::system_clock::time_point fetched_at{};
};

class RobotsCache {
 public:
  virtual ~RobotsCache() = default;
  virtual std::optional<CachedRobots> Load(const std::string& host) = 0;
  virtual void Store(const std::string& host, const CachedRobots& robots) = 0;
};

struct RobotsGateOptions {
  std::string product_token = "newsarc";
  std::chrono::hours max_age{24};
  int max_redirects = 5;
  // Fetched bytes of robots.txt; a larger file is cut here, and ParseRobots reads the complete
  // lines of its first kMaxRobotsBytes (RFC 9309 §2.5: parse at least 500 KiB).
  size_t max_body_bytes = 512 * 1024;
};

class RobotsGate {
 public:
  enum class State { kUnknown, kFetching, kReady, kBlocked };

  RobotsGate(RobotsGateOptions options, RobotsCache* cache);
  ~RobotsGate();

  // Looks the host up in the cache on first use.
  State StateOf(const std::string& host, const std::string& scheme,
                std::chrono::system_clock::time_point wall_now);

  // The robots.txt request for a host in state kUnknown (marks it kFetching): content policy
  // kAny, max_body_bytes from the options, OverCap::kTruncate.
  FetchRequest MakeRequest(const std::string& host, const std::string& scheme, uint64_t id);

  // Feeds a robots.txt fetch result. Returns a follow-up request when the response was a
  // redirect to follow; otherwise the host becomes kReady or kBlocked.
  std::optional<FetchRequest> OnResult(const std::string& host, const FetchResult& result,
                                       uint64_t next_id);

  bool IsAllowed(const std::string& host, const std::string& path_and_query) const;
  std::optional<Duration> CrawlDelay(const std::string& host) const;
  std::vector<std::string> Sitemaps(const std::string& host) const;
  std::string BlockReason(const std::string& host) const;

 private:
  struct HostEntry;
  void Apply(const std::string& host, const CachedRobots& robots);

  RobotsGateOptions options_;
  RobotsCache* cache_;
  std::map<std::string, std::unique_ptr<HostEntry>> hosts_;
};

}  // namespace crawler
