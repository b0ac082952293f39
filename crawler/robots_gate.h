// The RobotsGate keeps each host's robots.txt verdict for a crawl: not yet known, being
// fetched, rules ready, or blocked (5xx/network failure: nothing allowed this run, RFC 9309
// §2.3.1.4). Rules come from a RobotsCache (the archive, ≤ 24 h old) or from a fetch made
// before anything else on the host; up to 5 redirects are followed (§2.3.1.2).
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
  size_t max_body_bytes = 512 * 1024;  // RFC 9309 §2.5: parse at least 500 KiB
};

class RobotsGate {
 public:
  enum class State { kUnknown, kFetching, kReady, kBlocked };

  RobotsGate(RobotsGateOptions options, RobotsCache* cache);
  ~RobotsGate();

  // Looks the host up in the cache on first use.
  State StateOf(const std::string& host, const std::string& scheme,
                std::chrono::system_clock::time_point wall_now);

  // The robots.txt request for a host in state kUnknown (marks it kFetching).
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
