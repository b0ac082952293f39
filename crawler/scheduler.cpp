#include "crawler/scheduler.h"

namespace crawler {

Scheduler::Scheduler(SchedulerOptions options)
    : options_(std::move(options)), rng_(options_.jitter_seed) {}

void Scheduler::Enqueue(const std::string& host, FetchRequest request) {
  HostQueue& h = hosts_[host];
  if (h.politeness.parked) return;
  h.queue.push_back(std::move(request));
  ++total_pending_;
}

size_t Scheduler::Pending(const std::string& host) const {
  auto it = hosts_.find(host);
  return it == hosts_.end() ? 0 : it->second.queue.size();
}

bool Scheduler::SetCrawlDelay(const std::string& host, Duration crawl_delay) {
  HostQueue& h = hosts_[host];
  h.politeness.robots_crawl_delay = crawl_delay;
  // The delay also separates the robots.txt request from the first page.
  if (h.politeness.last_start_at) {
    h.politeness.next_start_at =
        std::max(h.politeness.next_start_at,
                 *h.politeness.last_start_at + crawl_delay + options_.politeness.safety_margin);
  }
  if (crawl_delay > options_.politeness.max_crawl_delay) {
    Park(host);
    return false;
  }
  return true;
}

void Scheduler::RestoreLastStart(const std::string& host, SteadyTime started_at) {
  HostPoliteness& p = hosts_[host].politeness;
  if (p.last_start_at && *p.last_start_at >= started_at) return;
  p.last_start_at = started_at;
  // The response time of that request is not known: the configured delay and Crawl-delay rule.
  Duration gap = PolitenessDelay(Duration::zero(), p.robots_crawl_delay, options_.politeness);
  p.next_start_at = std::max(p.next_start_at, started_at + gap + options_.politeness.safety_margin);
}

std::vector<FetchRequest> Scheduler::Park(const std::string& host) {
  HostQueue& h = hosts_[host];
  h.politeness.parked = true;
  std::vector<FetchRequest> dropped(std::make_move_iterator(h.queue.begin()),
                                    std::make_move_iterator(h.queue.end()));
  total_pending_ -= h.queue.size();
  h.queue.clear();
  return dropped;
}

std::vector<FetchRequest> Scheduler::Withdraw(
    const std::string& host, const std::function<bool(const FetchRequest&)>& drop) {
  std::vector<FetchRequest> taken;
  auto it = hosts_.find(host);
  if (it == hosts_.end()) return taken;
  std::deque<FetchRequest>& queue = it->second.queue;
  std::deque<FetchRequest> kept;
  for (FetchRequest& request : queue) {
    if (drop(request)) {
      taken.push_back(std::move(request));
    } else {
      kept.push_back(std::move(request));
    }
  }
  total_pending_ -= taken.size();
  queue = std::move(kept);
  return taken;
}

bool Scheduler::IsParked(const std::string& host) const {
  auto it = hosts_.find(host);
  return it != hosts_.end() && it->second.politeness.parked;
}

const HostPoliteness* Scheduler::Host(const std::string& host) const {
  auto it = hosts_.find(host);
  return it == hosts_.end() ? nullptr : &it->second.politeness;
}

std::optional<std::pair<std::string, FetchRequest>> Scheduler::NextReady(SteadyTime now) {
  if (hosts_.empty() || total_pending_ == 0) return std::nullopt;
  // Round-robin: start after the host served last, wrap around once.
  auto start = hosts_.upper_bound(last_served_);
  for (size_t step = 0; step < hosts_.size(); ++step, ++start) {
    if (start == hosts_.end()) start = hosts_.begin();
    auto& [name, h] = *start;
    if (h.queue.empty() || !CanStart(h.politeness, now, options_.politeness)) continue;
    bool new_host_in_flight = h.politeness.in_flight == 0;
    if (new_host_in_flight && hosts_in_flight_ >= options_.max_hosts_in_flight) continue;
    FetchRequest request = std::move(h.queue.front());
    h.queue.pop_front();
    --total_pending_;
    OnRequestStart(h.politeness, now);
    if (new_host_in_flight) ++hosts_in_flight_;
    last_served_ = name;
    return std::make_pair(name, std::move(request));
  }
  return std::nullopt;
}

std::optional<SteadyTime> Scheduler::NextWakeup(SteadyTime now) const {
  std::optional<SteadyTime> earliest;
  bool host_slots_full = hosts_in_flight_ >= options_.max_hosts_in_flight;
  for (const auto& [name, h] : hosts_) {
    if (h.queue.empty() || h.politeness.parked) continue;
    if (h.politeness.in_flight >= options_.politeness.max_requests_per_host) continue;
    if (host_slots_full && h.politeness.in_flight == 0) continue;  // waits for a slot
    SteadyTime t = std::max(now, h.politeness.next_start_at);
    if (!earliest || t < *earliest) earliest = t;
  }
  return earliest;
}

void Scheduler::OnFinished(const std::string& host, SteadyTime started_at, SteadyTime finished_at,
                           FetchSignal signal, std::optional<Duration> retry_after) {
  auto it = hosts_.find(host);
  if (it == hosts_.end()) return;
  HostPoliteness& p = it->second.politeness;
  bool was_parked = p.parked;
  OnRequestFinish(p, started_at, finished_at, signal, retry_after, options_.politeness, rng_);
  if (p.in_flight == 0) --hosts_in_flight_;
  if (p.parked && !was_parked) {
    total_pending_ -= it->second.queue.size();
    it->second.queue.clear();
  }
}

}  // namespace crawler
