#include "crawler/robots_gate.h"

#include <cstdio>

#include "crawler/robots.h"
#include "util/log.h"
#include "util/url.h"

namespace crawler {

namespace {

// The robots.txt request for `url`: any Content-Type, and a larger file is cut at the cap
// rather than refused (RFC 9309 §2.5: parse at least the first 500 KiB; ParseRobots keeps the
// complete lines within kMaxRobotsBytes of what is fetched).
FetchRequest RobotsRequest(std::string url, uint64_t id, const RobotsGateOptions& options) {
  FetchRequest r;
  r.id = id;
  r.url = std::move(url);
  r.content_policy = ContentPolicy::kAny;
  r.max_body_bytes = options.max_body_bytes;
  r.over_cap = OverCap::kTruncate;
  return r;
}

// "2.5", or "none": a Crawl-delay for the log.
std::string CrawlDelayText(std::optional<double> seconds) {
  if (!seconds) return "none";
  char text[32];
  std::snprintf(text, sizeof text, "%g", *seconds);
  return text;
}

}  // namespace

struct RobotsGate::HostEntry {
  State state = State::kUnknown;
  bool cache_checked = false;
  int redirects = 0;
  std::string scheme = "http";
  std::optional<RobotsRules> rules;  // set in kReady (empty rules when robots.txt is unavailable)
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
        // A cached "unreachable" verdict (5xx, 429, network failure) is not reused: it blocks
        // only the run that saw it, and the next run asks again.
        if (PolicyForFetchOutcome(cached->status) != RobotsPolicy::kDisallowAll) {
          util::LogDebug(
              "robots.txt from the archive",
              {{"host", host},
               {"age_minutes", std::to_string(std::chrono::duration_cast<std::chrono::minutes>(
                                                  wall_now - cached->fetched_at)
                                                  .count())}});
          Apply(host, *cached);
        }
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
  slot->redirects = 0;
  return RobotsRequest(scheme + "://" + host + "/robots.txt", id, options_);
}

void RobotsGate::Apply(const std::string& host, const CachedRobots& robots) {
  HostEntry& h = *hosts_[host];
  switch (PolicyForFetchOutcome(robots.status)) {
    case RobotsPolicy::kParseBody:
      h.rules = ParseRobots(robots.body, options_.product_token);
      h.state = State::kReady;
      util::LogDebug("robots.txt rules",
                     {{"host", host},
                      {"status", std::to_string(robots.status)},
                      {"rules", std::to_string(h.rules->rules.size())},
                      {"crawl_delay", CrawlDelayText(h.rules->crawl_delay_seconds)},
                      {"sitemaps", std::to_string(h.rules->sitemaps.size())}});
      return;
    case RobotsPolicy::kAllowAll:
      // RFC 9309 §2.3.1.3: "unavailable" (4xx, or a redirect we could not or would not
      // follow, §2.3.1.2) — the crawler may access any resource.
      h.rules = RobotsRules{};
      h.state = State::kReady;
      util::LogDebug("robots.txt unavailable: everything allowed",
                     {{"host", host}, {"status", std::to_string(robots.status)}});
      return;
    case RobotsPolicy::kDisallowAll:
      // RFC 9309 §2.3.1.4: "unreachable" (5xx, network) — assume complete disallow. 429 too
      // (robots.h): a server asking us to slow down is not one to crawl.
      h.rules.reset();
      h.state = State::kBlocked;
      if (h.block_reason.empty()) {
        h.block_reason = "robots.txt answered " + std::to_string(robots.status);
      }
      util::LogDebug("robots.txt unreachable: nothing allowed",
                     {{"host", host}, {"reason", h.block_reason}});
      return;
  }
}

std::optional<FetchRequest> RobotsGate::OnResult(const std::string& host, const FetchResult& result,
                                                 uint64_t next_id) {
  auto& slot = hosts_[host];
  if (!slot) slot = std::make_unique<HostEntry>();
  HostEntry& h = *slot;
  CachedRobots robots;
  robots.fetched_at = result.fetched_at;
  h.block_reason.clear();
  if (result.outcome == FetchOutcome::kOk) {
    robots.status = result.status;
    robots.body = result.body;
    if (result.truncated) {
      util::LogInfo("robots.txt larger than the cap; parsing its beginning",
                    {{"host", host}, {"bytes", std::to_string(result.body.size())}});
    }
  } else {
    // No HTTP response (network, timeout; kTooLarge only if a caller asked for OverCap::kFail).
    robots.status = 0;
    h.block_reason = std::string("robots.txt unreachable (") + FetchOutcomeName(result.outcome) +
                     (result.error.empty() ? "" : ": " + result.error) + ")";
  }
  if (robots.status >= 300 && robots.status < 400 && result.location) {
    // RFC 9309 §2.3.1.2: follow at least five consecutive redirects. Beyond the limit, or
    // without a Location, the 3xx status itself is applied: unavailable.
    if (++h.redirects <= options_.max_redirects) {
      util::LogDebug("robots.txt redirect followed", {{"host", host}, {"to", *result.location}});
      return RobotsRequest(*result.location, next_id, options_);
    }
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
