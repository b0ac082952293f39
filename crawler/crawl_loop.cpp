#include "crawler/crawl_loop.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "crawler/sitemap.h"
#include "util/log.h"
#include "util/url.h"

namespace crawler {
namespace {

// Request ids: frontier entry ids as they are; robots.txt fetches use the high bit.
constexpr uint64_t kRobotsIdBit = 1ULL << 62;

// Longest wait while pages are being handled on other threads (their notifier wakes it first).
constexpr std::chrono::milliseconds kHandlerPoll{20};

FetchSignal SignalOf(const FetchResult& r) {
  if (r.outcome == FetchOutcome::kNetwork || r.outcome == FetchOutcome::kTimeout) {
    return FetchSignal::kNetworkError;
  }
  if (r.outcome != FetchOutcome::kOk) return FetchSignal::kSuccess;  // too large, not HTML
  if (r.status == 429 || r.status == 503) return FetchSignal::kRetryLater;
  if (r.status >= 500) return FetchSignal::kServerError;
  return FetchSignal::kSuccess;
}

// A fetch's duration in whole milliseconds, for the log.
std::string MillisecondsOf(const FetchResult& r) {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::milliseconds>(r.finished_at - r.started_at).count());
}

std::string PathAndQuery(const util::UrlParts& p) {
  return p.query.empty() ? p.path : p.path + "?" + p.query;
}

std::string HostKey(const util::UrlParts& p) {
  bool default_port =
      (p.scheme == "http" && p.port == 80) || (p.scheme == "https" && p.port == 443);
  return default_port ? p.host : p.host + ":" + std::to_string(p.port);
}

class Loop {
 public:
  Loop(const CrawlLoopOptions& options, Fetcher& fetcher, const Clock& clock, Frontier& frontier,
       RobotsCache* robots_cache, PageHandler& handler)
      : options_(options),
        fetcher_(fetcher),
        clock_(clock),
        frontier_(frontier),
        handler_(handler),
        scheduler_(options.scheduler),
        robots_(options.robots, robots_cache),
        scope_(ScopeWithSeedHosts(options)) {}

  CrawlStats Run() {
    start_ = clock_.Now();
    size_t requeued = frontier_.RequeueInFlight();
    if (requeued > 0)
      util::LogInfo("resuming: requeued URLs left in flight",
                    {{"count", std::to_string(requeued)}});
    AddSeeds();
    handler_.SetNotifier([this] { fetcher_.Wakeup(); });
    while (true) {
      bool stopping = false;
      {
        FrontierBatch batch(frontier_);
        for (HandledPage& page : handler_.TakeHandled()) OnHandled(std::move(page));
        stopping = StopRequested();
        if (!stopping) {
          Refill();
          StartReady();
        }
      }
      // Pages still being handled may queue links: the run ends when they are all back.
      if (fetcher_.InFlight() == 0 && handler_.Outstanding() == 0 &&
          (stopping || (scheduler_.TotalPending() == 0 && !AnyActionableHost() &&
                        !frontier_.WorkElsewhere()))) {
        break;
      }
      if (stopping && !abort_sent_ && clock_.Now() - stop_at_ > options_.stop_grace) {
        fetcher_.AbortAll();
        abort_sent_ = true;
      }
      auto wait = options_.max_wait;
      if (auto wake = scheduler_.NextWakeup(clock_.Now()); wake && fetcher_.InFlight() == 0) {
        wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(
                                  *wake - clock_.Now() + std::chrono::milliseconds(1)));
      }
      // A shared frontier's next claimable host (released by another worker, or its pause
      // over) is taken when it is due, not at the next poll.
      if (auto due = frontier_.NextWorkIn(); due && !stopping) {
        wait = std::min(wait, *due + std::chrono::milliseconds(1));
      }
      // The handler's notifier wakes the wait; the cap only guards against a missed one.
      if (handler_.Outstanding() > 0) wait = std::min(wait, kHandlerPoll);
      if (wait.count() < 0) wait = std::chrono::milliseconds(0);
      for (FetchResult& r : fetcher_.WaitForResults(wait)) OnResult(std::move(r));
    }
    handler_.SetNotifier({});
    // Entries handed to the scheduler but never started go back to the frontier.
    for (auto& [id, entry] : started_or_windowed_) frontier_.Finish(id, EntryState::kQueued);
    stats_.left_queued = frontier_.QueuedCount();
    stats_.offsite_links = offsite_.links();
    stats_.offsite_hosts = offsite_.ByLinks();
    for (auto& [host, outcome] : host_runs_) {
      outcome.host = host;
      stats_.hosts.push_back(std::move(outcome));
    }
    if (!stats_.offsite_hosts.empty()) {
      util::LogInfo("off-site hosts not followed",
                    {{"hosts", std::to_string(stats_.offsite_hosts.size())},
                     {"links", std::to_string(stats_.offsite_links)},
                     {"top", DescribeOffsiteHosts(stats_.offsite_hosts,
                                                  config::defaults::kOffsiteHostsLogged)}});
    }
    return stats_;
  }

 private:
  static ScopeOptions ScopeWithSeedHosts(const CrawlLoopOptions& options) {
    ScopeOptions scope = options.scope;
    if (scope.allowed_hosts.empty()) {
      for (const auto& seed : options.seeds) {
        if (auto p = util::SplitUrl(seed)) scope.allowed_hosts.push_back(p->host);
      }
    }
    return scope;
  }

  bool StopRequested() {
    if (stop_at_set_) return true;
    bool stop = false;
    if (options_.stop_requested && options_.stop_requested->load()) stop = true;
    if (options_.max_time && clock_.Now() - start_ >= *options_.max_time) stop = true;
    if (options_.max_pages && pages_started_ >= *options_.max_pages) stop = true;
    if (stop) {
      stop_at_set_ = true;
      stop_at_ = clock_.Now();
      stats_.stopped_early = true;
    }
    return stop;
  }

  void AddSeeds() {
    std::vector<FrontierEntry> entries;
    for (const auto& seed : options_.seeds) {
      auto canonical = util::CanonicalizeUrl(seed);
      auto parts = canonical ? util::SplitUrl(*canonical) : std::nullopt;
      if (!parts) {
        util::LogWarning("ignoring seed that is not an http(s) URL", {{"seed", seed}});
        continue;
      }
      FrontierEntry e;
      e.url = *canonical;
      e.host = HostKey(*parts);
      e.kind = LinkKind::kSeed;
      entries.push_back(std::move(e));
    }
    stats_.discovered += static_cast<long>(frontier_.Add(entries));
  }

  // Moves queued frontier entries into the scheduler, robots.txt first for every host.
  void Refill() {
    auto wall = clock_.WallNow();
    // A lease found lost while asking for work (its renewal refused) is dropped before any
    // request of the host starts.
    std::vector<std::string> hosts = frontier_.HostsWithWork();
    for (const std::string& host : frontier_.TakeLostHosts()) DropLostHost(host);
    for (const std::string& host : hosts) {
      if (scheduler_.IsParked(host) || options_.parked_hosts.count(host)) {
        ParkInFrontier(host, options_.parked_hosts.count(host) ? "parked by earlier runs"
                                                               : "parked for this run");
        continue;
      }
      if (history_restored_.insert(host).second) {
        RestoreLastRequest(host);
        for (TemplateYield& y : frontier_.LoadTemplateYields(host)) {
          host_templates_[host].insert(y.url_template);
          yield_.Restore(std::move(y));
        }
      }
      if (scheduler_.Pending(host) >= options_.window_per_host) continue;
      std::string scheme = host_scheme_.count(host) ? host_scheme_[host] : SchemeForHost(host);
      switch (robots_.StateOf(host, scheme, wall)) {
        case RobotsGate::State::kUnknown: {
          uint64_t id = kRobotsIdBit | next_robots_id_++;
          robots_hosts_[id] = host;
          scheduler_.Enqueue(host, robots_.MakeRequest(host, scheme, id));
          continue;
        }
        case RobotsGate::State::kFetching:
          continue;
        case RobotsGate::State::kBlocked:
          BlockHost(host, robots_.BlockReason(host));
          continue;
        case RobotsGate::State::kReady:
          break;
      }
      if (!crawl_delay_applied_.count(host)) {
        crawl_delay_applied_.insert(host);
        if (auto delay = robots_.CrawlDelay(host);
            delay && !scheduler_.SetCrawlDelay(host, *delay)) {
          util::LogWarning("skipping host: robots.txt Crawl-delay above the configured maximum",
                           {{"host", host}});
          BlockHost(host, "crawl-delay too large");
          continue;
        }
        QueueSitemaps(host);
      }
      size_t want = options_.window_per_host - scheduler_.Pending(host);
      for (FrontierEntry& e : frontier_.Take(host, want)) {
        auto parts = util::SplitUrl(e.url);
        if (!parts || !robots_.IsAllowed(host, PathAndQuery(*parts))) {
          handler_.OnSkipped(e, SkipReason::kRobotsDisallowed, "disallowed by robots.txt");
          frontier_.Finish(e.id, EntryState::kSkipped);
          ++stats_.skipped;
          continue;
        }
        if (GuardedByYield(e.kind, e.depth) && !yield_.Allows(host, UrlTemplate(e.url))) {
          handler_.OnSkipped(e, SkipReason::kTrapTemplate,
                             "URL template " + UrlTemplate(e.url) + " yields nothing new");
          frontier_.Finish(e.id, EntryState::kSkipped);
          ++stats_.skipped;
          ++stats_.trap_skipped;
          continue;
        }
        FetchRequest request;
        request.id = static_cast<uint64_t>(e.id);
        request.url = e.url;
        request.post_body = e.post_body;
        if (e.kind == LinkKind::kSitemap) {
          // XML (or gzip, or text): any type; a huge one is read from its beginning.
          request.content_policy = ContentPolicy::kAny;
          request.max_body_bytes = options_.max_sitemap_bytes;
          request.over_cap = OverCap::kTruncate;
        }
        handler_.PrepareRequest(e, request);
        started_or_windowed_[e.id] = e;
        scheduler_.Enqueue(host, std::move(request));
      }
    }
  }

  // An earlier run's last request to `host`, so that this run's first one (robots.txt
  // included) keeps the politeness gap from it.
  void RestoreLastRequest(const std::string& host) {
    auto last = frontier_.LastRequestAt(host);
    if (!last) return;
    auto elapsed = clock_.WallNow() - *last;
    if (elapsed < decltype(elapsed)::zero()) elapsed = decltype(elapsed)::zero();
    scheduler_.RestoreLastStart(host, clock_.Now() - std::chrono::duration_cast<Duration>(elapsed));
  }

  std::string SchemeForHost(const std::string& host) {
    // The scheme of the first URL seen for the host decides where robots.txt is fetched; a
    // resumed run, which did not see the links that queued the host, takes a queued URL's
    // (asked over http, an https-only host would be unreachable and blocked for the run).
    for (const auto& seed : options_.seeds) {
      if (auto p = util::SplitUrl(seed); p && HostKey(*p) == host)
        return host_scheme_[host] = p->scheme;
    }
    if (auto scheme = frontier_.SchemeOf(host)) return host_scheme_[host] = *scheme;
    return host_scheme_[host] = "http";
  }

  void BlockHost(const std::string& host, const std::string& reason) {
    if (!blocked_logged_.insert(host).second) return;
    util::LogWarning("no requests to this host in this run", {{"host", host}, {"reason", reason}});
    for (FetchRequest& r : scheduler_.Park(host)) {
      if (r.id & kRobotsIdBit) continue;
      started_or_windowed_.erase(static_cast<int64_t>(r.id));
      frontier_.Finish(static_cast<int64_t>(r.id), EntryState::kQueued);  // retried next run
    }
    ParkInFrontier(host, reason);
  }

  // Tells a shared frontier, once, that the host gets no more requests from this run.
  void ParkInFrontier(const std::string& host, const std::string& reason) {
    if (parked_in_frontier_.insert(host).second) frontier_.ParkHost(host, reason);
  }

  // A host whose lease went to another worker: its requests not yet started are dropped (the
  // frontier gives their entries back to the worker holding the host now).
  void DropLostHost(const std::string& host) {
    util::LogWarning("lease on host lost: its queued requests are left to another worker",
                     {{"host", host}});
    for (const FetchRequest& r :
         scheduler_.Withdraw(host, [](const FetchRequest&) { return true; })) {
      if (r.id & kRobotsIdBit) continue;
      started_or_windowed_.erase(static_cast<int64_t>(r.id));
    }
  }

  // A host with queued work that is not parked for this run: the loop can still progress.
  bool AnyActionableHost() {
    for (const std::string& host : frontier_.HostsWithWork()) {
      if (!scheduler_.IsParked(host) && !options_.parked_hosts.count(host)) return true;
    }
    return false;
  }

  // The Sitemap: lines of the host's robots.txt become frontier entries (depth 0); sitemaps on
  // other hosts are ignored.
  void QueueSitemaps(const std::string& host) {
    if (!options_.follow_sitemaps) return;
    std::vector<FrontierEntry> entries;
    for (const auto& sitemap : robots_.Sitemaps(host)) {
      auto canonical = util::CanonicalizeUrl(sitemap);
      auto parts = canonical ? util::SplitUrl(*canonical) : std::nullopt;
      if (!parts || HostKey(*parts) != host) {
        util::LogInfo("robots.txt sitemap on another host ignored",
                      {{"host", host}, {"url", sitemap}});
        continue;
      }
      FrontierEntry e;
      e.url = *canonical;
      e.host = host;
      e.kind = LinkKind::kSitemap;
      entries.push_back(std::move(e));
    }
    stats_.discovered += static_cast<long>(frontier_.Add(entries));
  }

  // A fetched sitemap: child sitemaps of an index are queued as sitemaps (depth + 1, within
  // the host's budget), listed pages as articles through the usual scope checks.
  void FollowSitemap(const FrontierEntry& entry, const std::string& body) {
    SitemapParse parse = ParseSitemap(body);
    if (!parse.error.empty() || parse.truncated) {
      util::LogWarning("sitemap read in part",
                       {{"url", entry.url},
                        {"error", parse.error.empty() ? "over the size caps" : parse.error}});
    }
    size_t& queued = sitemap_children_[entry.host];
    SitemapFollowPlan plan = PlanSitemapFollow(parse, entry.url, entry.depth, queued);
    queued += plan.child_sitemaps.size();
    std::vector<FrontierEntry> children;
    for (const auto& url : plan.child_sitemaps) {
      auto canonical = util::CanonicalizeUrl(url);
      auto parts = canonical ? util::SplitUrl(*canonical) : std::nullopt;
      if (!parts) continue;
      FrontierEntry e;
      e.url = *canonical;
      e.host = HostKey(*parts);
      e.depth = entry.depth + 1;
      e.kind = LinkKind::kSitemap;
      e.discovered_from = entry.url;
      children.push_back(std::move(e));
    }
    stats_.discovered += static_cast<long>(frontier_.Add(children));
    std::vector<DiscoveredLink> pages;
    pages.reserve(plan.pages.size());
    for (const auto& page : plan.pages) pages.push_back({page.loc, LinkKind::kArticle});
    QueueLinks(entry, pages);
    util::LogInfo("sitemap read", {{"url", entry.url},
                                   {"kind", SitemapKindName(parse.kind)},
                                   {"pages", std::to_string(plan.pages.size())},
                                   {"sitemaps", std::to_string(plan.child_sitemaps.size())}});
  }

  void StartReady() {
    // A full handler backlog holds the network back (bodies are not queued without bound).
    while (fetcher_.CanStartMore() && !handler_.Saturated()) {
      if (options_.max_pages && pages_started_ >= *options_.max_pages) {
        // Only robots.txt requests may still start... none are special-cased: stop here.
        return;
      }
      auto next = scheduler_.NextReady(clock_.Now());
      if (!next) return;
      auto& [host, request] = *next;
      if (!(request.id & kRobotsIdBit)) ++pages_started_;
      request_host_[request.id] = host;
      fetcher_.Start(std::move(request));
    }
  }

  void OnResult(FetchResult r) {
    std::string host = request_host_[r.id];
    request_host_.erase(r.id);
    std::optional<Duration> retry_after;
    if (r.retry_after) retry_after = ParseRetryAfter(*r.retry_after, clock_.WallNow());
    scheduler_.OnFinished(host, r.started_at, r.finished_at, SignalOf(r), retry_after);
    CountHostOutcome(host, r);
    // A shared frontier keeps every worker off the host until politeness allows the next one.
    if (scheduler_.IsParked(host)) {
      ParkInFrontier(host, "parked for this run after " + host_runs_[host].last_error);
    } else if (r.outcome != FetchOutcome::kAborted) {
      frontier_.BlockQueueUntil(host, clock_.WallNow() + HostPause(host));
    }

    if (r.id & kRobotsIdBit) {
      ++stats_.robots_fetches;
      util::LogInfo("fetched", {{"url", r.url},
                                {"status", std::to_string(r.status)},
                                {"outcome", FetchOutcomeName(r.outcome)},
                                {"bytes", std::to_string(r.wire_bytes)},
                                {"ms", MillisecondsOf(r)},
                                {"kind", "robots.txt"}});
      robots_hosts_.erase(r.id);
      uint64_t id = kRobotsIdBit | next_robots_id_++;
      if (auto follow = robots_.OnResult(host, r, id)) {
        robots_hosts_[id] = host;
        scheduler_.Enqueue(host, std::move(*follow));
      }
      return;
    }

    auto it = started_or_windowed_.find(static_cast<int64_t>(r.id));
    if (it == started_or_windowed_.end()) return;
    FrontierEntry entry = it->second;
    started_or_windowed_.erase(it);

    if (r.outcome == FetchOutcome::kAborted) {
      frontier_.Finish(entry.id, EntryState::kQueued);  // fetched next run
      return;
    }
    // The handler archives the page (a redirect too); the entry is finished when it is back.
    handler_.Submit(std::move(entry), std::move(r));
  }

  // A page the handler is done with: its links are queued, its entry finished (or retried).
  void OnHandled(HandledPage page) {
    const FrontierEntry& entry = page.entry;
    const FetchResult& r = page.result;
    const PageHandling& handling = page.handling;
    const std::string& host = entry.host;
    if (r.outcome == FetchOutcome::kOk && r.status >= 300 && r.status < 400 && r.location) {
      ++stats_.redirects;
      // A chain cut at the limit fails at its last hop, as the summary counts it.
      frontier_.Finish(entry.id,
                       FollowRedirect(entry, r) ? EntryState::kDone : EntryState::kFailed);
      return;
    }
    ++stats_.fetched;
    if (handling.is_article) ++stats_.articles;
    Discovery found = QueueLinks(entry, handling.links);
    if (GuardedByYield(entry.kind, entry.depth) && SignalOf(r) == FetchSignal::kSuccess) {
      CountYield(entry,
                 handling.new_article || found.new_article_links > 0 || found.new_templates > 0);
    }
    if (entry.kind == LinkKind::kSitemap && r.outcome == FetchOutcome::kOk && r.status >= 200 &&
        r.status < 300) {
      FollowSitemap(entry, r.body);
    }
    if (SignalOf(r) != FetchSignal::kSuccess) {
      if (scheduler_.IsParked(host)) {
        // The host is done for this run (it keeps failing, or asked for a long pause): the
        // URL waits for the next run.
        frontier_.Finish(entry.id, EntryState::kQueued);
        return;
      }
      if (entry.attempts + 1 < options_.max_attempts) {
        ++stats_.retries;
        util::LogInfo("will retry", {{"url", entry.url},
                                     {"attempt", std::to_string(entry.attempts + 1)},
                                     {"status", std::to_string(r.status)}});
        frontier_.RetryLater(entry.id, clock_.WallNow() + HostPause(host));
        return;
      }
    }
    bool failed = handling.failed || SignalOf(r) != FetchSignal::kSuccess;
    if (failed) {
      ++stats_.errors;
      ++host_runs_[host].errors;
    }
    frontier_.Finish(entry.id, failed ? EntryState::kFailed : EntryState::kDone);
  }

  // Whether the host answered at all in this run (host_health: parking hosts that never do).
  void CountHostOutcome(const std::string& host, const FetchResult& r) {
    if (r.outcome == FetchOutcome::kAborted) return;
    HostRunOutcome& h = host_runs_[host];
    h.host = host;
    ++h.requests;
    if (r.outcome == FetchOutcome::kOk && r.status > 0 && r.status < 500 && r.status != 429) {
      h.answered = true;
    } else if (r.outcome == FetchOutcome::kOk) {
      h.last_error = "HTTP " + std::to_string(r.status) + " for " + r.url;
    } else {
      h.last_error = std::string(FetchOutcomeName(r.outcome)) +
                     (r.error.empty() ? "" : ": " + r.error) + " for " + r.url;
    }
  }

  // How long the scheduler holds the host back (Retry-After, back-off, politeness gap).
  std::chrono::system_clock::duration HostPause(const std::string& host) const {
    const HostPoliteness* p = scheduler_.Host(host);
    if (p == nullptr || p->next_start_at <= clock_.Now()) return {};
    return std::chrono::duration_cast<std::chrono::system_clock::duration>(p->next_start_at -
                                                                           clock_.Now());
  }

  // False when the chain is cut at the redirect limit (an error of the run).
  bool FollowRedirect(const FrontierEntry& from, const FetchResult& r) {
    // The redirect itself was archived as a fetch by the handler; its target is a new frontier
    // entry that goes through scope and robots.txt like any other URL.
    if (from.redirects + 1 > options_.max_redirects) {
      util::LogWarning("too many redirects", {{"url", from.url}});
      ++stats_.errors;
      ++host_runs_[from.host].errors;
      return false;
    }
    util::LogDebug(
        "redirect followed",
        {{"url", from.url}, {"to", *r.location}, {"hop", std::to_string(from.redirects + 1)}});
    QueueLinks(from, {DiscoveredLink{*r.location, from.kind}}, from.redirects + 1, true);
    return true;
  }

  // What a page's links brought: the trap guard's measure of its yield.
  struct Discovery {
    size_t new_article_links = 0;  // article links new to the frontier
    size_t new_templates = 0;      // links of a URL template new to their host
  };

  // The pages the trap guard counts and gives up: navigation (a listing's further pages,
  // calendars, search results, tags, print views), not article links nor seeds, sitemaps or
  // redirects; and not the pages a seed links to (depth 1: the site's columns, some of them
  // empty, which must not cost the others).
  static bool GuardedByYield(LinkKind kind, int depth) {
    return kind == LinkKind::kListing || (kind == LinkKind::kOther && depth >= 2);
  }

  // The requests of a given-up template already handed to the scheduler are not sent.
  void WithdrawTemplate(const std::string& host, const std::string& tmpl) {
    auto dropped = scheduler_.Withdraw(host, [&](const FetchRequest& request) {
      auto it = started_or_windowed_.find(static_cast<int64_t>(request.id));
      return it != started_or_windowed_.end() &&
             GuardedByYield(it->second.kind, it->second.depth) &&
             UrlTemplate(it->second.url) == tmpl;
    });
    for (const FetchRequest& request : dropped) {
      auto it = started_or_windowed_.find(static_cast<int64_t>(request.id));
      FrontierEntry e = std::move(it->second);
      started_or_windowed_.erase(it);
      handler_.OnSkipped(e, SkipReason::kTrapTemplate,
                         "URL template " + tmpl + " yields nothing new");
      frontier_.Finish(e.id, EntryState::kSkipped);
      ++stats_.skipped;
      ++stats_.trap_skipped;
    }
  }

  // Counts a fetch of `entry`'s template; logs once when it is given up. Kept in the frontier.
  void CountYield(const FrontierEntry& entry, bool productive) {
    std::string tmpl = UrlTemplate(entry.url);
    util::LogDebug(
        "trap guard: template yield",
        {{"url", entry.url}, {"template", tmpl}, {"productive", productive ? "yes" : "no"}});
    if (yield_.Record(entry.host, tmpl, productive)) {
      WithdrawTemplate(entry.host, tmpl);
      const TemplateYield* y = yield_.Find(entry.host, tmpl);
      util::LogInfo("URL template gives nothing new: no longer followed (trap guard)",
                    {{"host", entry.host},
                     {"template", tmpl},
                     {"fetched", std::to_string(y->fetched)},
                     {"productive", std::to_string(y->productive)},
                     {"barren_in_a_row", std::to_string(y->barren_streak)}});
    }
    if (const TemplateYield* y = yield_.Find(entry.host, tmpl)) frontier_.SaveTemplateYield(*y);
  }

  Discovery QueueLinks(const FrontierEntry& from, const std::vector<DiscoveredLink>& links,
                       int redirects = 0, bool is_redirect = false) {
    Discovery found;
    std::vector<FrontierEntry> entries, article_entries;
    std::vector<RefusedLink> refused;
    for (const auto& link : links) {
      auto canonical = util::CanonicalizeUrl(link.url);
      if (!canonical) continue;
      // A form post keeps the fragment that names it (its key); scope sees the URL posted to.
      std::string key = *canonical;
      if (link.post_body) {
        size_t fragment = link.url.find('#');
        if (fragment == std::string::npos) continue;
        key += link.url.substr(fragment);
      }
      // A listing's further pages are as deep as its first: a column of hundreds of pages is
      // walked to its end (max_depth bounds link chains; the trap guard, endless pagers).
      bool next_listing_page = link.kind == LinkKind::kListing && from.kind == LinkKind::kListing;
      // So are an article's following pages, up to max_continuation_pages after its first.
      int continuation_hops = ContinuationHops(from, link.kind);
      bool article_page =
          continuation_hops > 0 && continuation_hops <= options_.max_continuation_pages;
      int depth = is_redirect || next_listing_page || article_page ? from.depth : from.depth + 1;
      ScopeDecision decision = scope_.Decide(*canonical, depth);
      if (decision != ScopeDecision::kAccept)
        util::LogDebug("link not followed", {{"url", *canonical},
                                             {"reason", ScopeDecisionName(decision)},
                                             {"depth", std::to_string(depth)},
                                             {"from", from.url}});
      if (decision == ScopeDecision::kOffSite) {
        CountOffsite(*canonical, from.url);
        continue;
      }
      if (decision != ScopeDecision::kAccept) {
        if (IsRecordedRefusal(decision)) {
          auto refused_parts = util::SplitUrl(*canonical);
          if (refused_parts) {
            refused.push_back({*canonical, HostKey(*refused_parts), ScopeDecisionName(decision),
                               scope_.Explain(decision, *canonical, depth)});
          }
        }
        continue;
      }
      auto parts = util::SplitUrl(*canonical);
      if (!parts) continue;
      std::string host = HostKey(*parts);
      std::string tmpl = UrlTemplate(*canonical);
      if (GuardedByYield(link.kind, depth) && !yield_.Allows(host, tmpl)) {
        ++stats_.trap_skipped;  // a given-up template: not queued
        util::LogDebug("link not followed", {{"url", *canonical},
                                             {"reason", "trap_template"},
                                             {"template", tmpl},
                                             {"from", from.url}});
        continue;
      }
      if (host_templates_[host].insert(tmpl).second) ++found.new_templates;
      FrontierEntry e;
      e.url = std::move(key);
      e.host = std::move(host);
      e.depth = depth;
      e.kind = link.kind;
      e.post_body = link.post_body;
      e.redirects = redirects;
      e.discovered_from = from.url;
      if (continuation_hops > 0) continuation_hops_.emplace(e.url, continuation_hops);
      if (!host_scheme_.count(e.host)) host_scheme_[e.host] = parts->scheme;
      bool article_link = e.kind == LinkKind::kArticle || e.kind == LinkKind::kSibling ||
                          e.kind == LinkKind::kContinuation;
      (article_link ? article_entries : entries).push_back(std::move(e));
    }
    if (!refused.empty()) handler_.OnRefused(from, refused);
    found.new_article_links = frontier_.Add(article_entries);
    stats_.discovered += static_cast<long>(found.new_article_links + frontier_.Add(entries));
    return found;
  }

  // How many pages after an article's first page a continuation link from `from` leads to:
  // 1 from the first page, one more per following page (0: not a continuation link). A page
  // queued by an earlier run counts as a first page.
  int ContinuationHops(const FrontierEntry& from, LinkKind kind) const {
    if (kind != LinkKind::kContinuation) return 0;
    if (from.kind != LinkKind::kContinuation) return 1;
    auto it = continuation_hops_.find(from.url);
    return it == continuation_hops_.end() ? 1 : it->second + 1;
  }

  // Refusals the handler records per URL (archived for audit and urls): the crawl's own limits
  // and the trap checks. Not off-site links (counted per host), nor links that are no pages
  // (not http, a file extension that is never HTML).
  static bool IsRecordedRefusal(ScopeDecision decision) {
    return decision != ScopeDecision::kAccept && decision != ScopeDecision::kOffSite &&
           decision != ScopeDecision::kNotHttp && decision != ScopeDecision::kNonHtmlExtension;
  }

  // A link the scope refused as off-site: counted per host, the host logged the first time.
  void CountOffsite(const std::string& url, const std::string& from) {
    auto parts = util::SplitUrl(url);
    if (!parts) return;
    std::string host = HostKey(*parts);
    if (offsite_.Add(host, url, from)) {
      util::LogInfo("off-site host not followed",
                    {{"host", host}, {"url", url}, {"discovered_from", from}});
    }
  }

  const CrawlLoopOptions& options_;
  Fetcher& fetcher_;
  const Clock& clock_;
  Frontier& frontier_;
  PageHandler& handler_;
  Scheduler scheduler_;
  RobotsGate robots_;
  Scope scope_;
  OffsiteTally offsite_;
  CrawlStats stats_;
  SteadyTime start_{};
  SteadyTime stop_at_{};
  bool stop_at_set_ = false;
  bool abort_sent_ = false;
  long pages_started_ = 0;
  uint64_t next_robots_id_ = 1;
  std::map<int64_t, FrontierEntry> started_or_windowed_;
  std::map<uint64_t, std::string> request_host_;
  std::map<uint64_t, std::string> robots_hosts_;
  std::map<std::string, std::string> host_scheme_;
  std::set<std::string> crawl_delay_applied_;
  std::set<std::string> history_restored_;  // hosts whose earlier runs' last request is known
  YieldGuard yield_{options_.yield};
  std::map<std::string, std::set<std::string>> host_templates_;  // URL templates seen per host
  // Continuation URLs queued this run: pages after their article's first (ContinuationHops).
  std::unordered_map<std::string, int> continuation_hops_;
  std::map<std::string, size_t> sitemap_children_;  // child sitemaps queued per host
  std::set<std::string> blocked_logged_;
  std::set<std::string> parked_in_frontier_;  // hosts the frontier was told are parked
  std::map<std::string, HostRunOutcome> host_runs_;
};

}  // namespace

const char* SkipReasonName(SkipReason reason) {
  switch (reason) {
    case SkipReason::kRobotsDisallowed:
      return "robots_disallowed";
    case SkipReason::kRobotsUnavailable:
      return "robots_unavailable";
    case SkipReason::kOutOfScope:
      return "out_of_scope";
    case SkipReason::kHostParked:
      return "host_parked";
    case SkipReason::kTrapTemplate:
      return "trap_template";
  }
  return "skipped";
}

CrawlStats RunCrawlLoop(const CrawlLoopOptions& options, Fetcher& fetcher, const Clock& clock,
                        Frontier& frontier, RobotsCache* robots_cache, PageHandler& handler) {
  Loop loop(options, fetcher, clock, frontier, robots_cache, handler);
  return loop.Run();
}

}  // namespace crawler
