#include "crawler/robots_gate.h"

#include "crawler/robots.h"
#include "util/log.h"
#include "util/url.h"

namespace crawler {

struct RobotsGate::HostEntry {
  State state = State::kUnknown;
  bool cache_checked = false;
  int redirects = 0;
  std::string scheme = "http";
  std::optional<RobotsRules> rules;  // nullopt while unknown, or allow-all for 4xx
  std::string block_reason;
};

RobotsGate::RobotsGate(RobotsGateOptions options, RobotsCache* cache)
    : options_(std::move(options)), cache_(cache) {}

RobotsGate::~RobotsGate() = default;

RobotsGate::State RobotsGate::StateOf(const std::string& host, const std::string& scheme,
                                      std::chrono::system_clock::time_point wall_now) {
  auto& slot = hosts_[host];
  if (!slot) slot = std::make_unique<HostEntry>();
  HostEntry& h = *slot;
  if (!h.cache_checked) {
    h.cache_checked = true;
    h.scheme = scheme;
    if (cache_ != nullptr) {
      if (auto cached = cache_->Load(host); cached &&
                                            wall_now - cached->fetched_at < options_.max_age &&
                                            cached->fetched_at <= wall_now) {
        // A cached failure (5xx / network) is not reused: it is retried on the next run.
        if (cached->status >= 200 && cached->status < 500) Apply(host, *cached);
      }
    }
  }
  return h.state;
}

FetchRequest RobotsGate::MakeRequest(const std::string& host, const std::string& scheme,
                                     uint64_t id) {
  auto& slot = hosts_[host];
  if (!slot) slot = std::make_unique<HostEntry>();
  slot->state = State::kFetching;
  FetchRequest r;
  r.id = id;
  r.url = scheme + "://" + host + "/robots.txt";
  r.content_policy = ContentPolicy::kAny;
  r.max_body_bytes = options_.max_body_bytes;
  return r;
}

void RobotsGate::Apply(const std::string& host, const CachedRobots& robots) {
  HostEntry& h = *hosts_[host];
  if (robots.status >= 200 && robots.status < 300) {
    h.rules = ParseRobots(robots.body, options_.product_token);
    h.state = State::kReady;
  } else if (robots.status >= 400 && robots.status < 500) {
    // RFC 9309 §2.3.1.3: "unavailable" (4xx) — the crawler may access any resource.
    h.rules = ParseRobots("", options_.product_token);
    h.state = State::kReady;
  } else {
    // RFC 9309 §2.3.1.4: "unreachable" (5xx, network) — assume complete disallow.
    h.rules.reset();
    h.state = State::kBlocked;
    h.block_reason = robots.status == 0 ? "robots.txt unreachable (network failure)"
                                        : "robots.txt answered " + std::to_string(robots.status);
  }
}

std::optional<FetchRequest> RobotsGate::OnResult(const std::string& host, const FetchResult& result,
                                                 uint64_t next_id) {
  auto& slot = hosts_[host];
  if (!slot) slot = std::make_unique<HostEntry>();
  HostEntry& h = *slot;
  CachedRobots robots;
  robots.fetched_at = result.fetched_at;
  if (result.outcome == FetchOutcome::kOk) {
    robots.status = result.status;
    robots.body = result.body;
  } else if (result.outcome == FetchOutcome::kTooLarge) {
    // Over our cap (far above the RFC's 500 KiB minimum): treat as an empty 200 would be wrong;
    // the fetcher kept nothing, so fall back to "unavailable" semantics (allow) and log it.
    robots.status = 404;
    util::LogWarning("robots.txt too large; treated as unavailable", {{"host", host}});
  } else {
    robots.status = 0;
  }
  if (robots.status >= 300 && robots.status < 400 && result.location) {
    // RFC 9309 §2.3.1.2: follow at least five consecutive redirects.
    if (++h.redirects <= options_.max_redirects) {
      FetchRequest follow;
      follow.id = next_id;
      follow.url = *result.location;
      follow.content_policy = ContentPolicy::kAny;
      follow.max_body_bytes = options_.max_body_bytes;
      return follow;
    }
    robots.status = 404;  // too many redirects: unavailable (§2.3.1.2)
  }
  Apply(host, robots);
  if (cache_ != nullptr) cache_->Store(host, robots);
  return std::nullopt;
}

bool RobotsGate::IsAllowed(const std::string& host, const std::string& path_and_query) const {
  auto it = hosts_.find(host);
  if (it == hosts_.end() || it->second->state != State::kReady || !it->second->rules) return false;
  return crawler::IsAllowed(*it->second->rules, path_and_query);
}

std::optional<Duration> RobotsGate::CrawlDelay(const std::string& host) const {
  auto it = hosts_.find(host);
  if (it == hosts_.end() || !it->second->rules || !it->second->rules->crawl_delay_seconds) {
    return std::nullopt;
  }
  return std::chrono::duration_cast<Duration>(
      std::chrono::duration<double>(*it->second->rules->crawl_delay_seconds));
}

std::vector<std::string> RobotsGate::Sitemaps(const std::string& host) const {
  auto it = hosts_.find(host);
  if (it == hosts_.end() || !it->second->rules) return {};
  return it->second->rules->sitemaps;
}

std::string RobotsGate::BlockReason(const std::string& host) const {
  auto it = hosts_.find(host);
  return it == hosts_.end() ? "" : it->second->block_reason;
}

}  // namespace crawler
