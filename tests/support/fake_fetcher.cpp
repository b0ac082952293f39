#include "tests/support/fake_fetcher.h"

#include <algorithm>

namespace testing_support {

void FakeFetcher::Start(crawler::FetchRequest request) {
  CannedResponse response;
  response.status = 404;
  response.body = "not found";
  auto it = responses_.find(request.url);
  if (it != responses_.end() && !it->second.empty()) {
    size_t& n = served_[request.url];
    response = it->second[std::min(n, it->second.size() - 1)];
    ++n;
  }
  crawler::SteadyTime now = clock_.Now();
  log_.push_back({request.url, now, now});
  in_flight_.push_back(
      {std::move(request), now, now + response.latency, response, log_.size() - 1});
}

std::vector<crawler::FetchResult> FakeFetcher::WaitForResults(std::chrono::milliseconds timeout) {
  std::vector<crawler::FetchResult> done = std::move(aborted_);
  aborted_.clear();
  if (!done.empty()) return done;
  crawler::SteadyTime deadline = clock_.Now() + timeout;
  crawler::SteadyTime earliest = deadline;
  for (const auto& p : in_flight_) earliest = std::min(earliest, p.done_at);
  clock_.AdvanceTo(earliest);
  crawler::SteadyTime now = clock_.Now();
  auto finished = std::stable_partition(in_flight_.begin(), in_flight_.end(),
                                        [now](const Pending& p) { return p.done_at > now; });
  for (auto it = finished; it != in_flight_.end(); ++it) {
    crawler::FetchResult r;
    r.id = it->request.id;
    r.url = it->request.url;
    r.outcome = it->response.outcome;
    r.status = it->response.outcome == crawler::FetchOutcome::kOk ? it->response.status : 0;
    r.content_type = it->response.content_type;
    r.location = it->response.location;
    r.retry_after = it->response.retry_after;
    if (r.outcome == crawler::FetchOutcome::kOk) r.body = it->response.body;
    r.started_at = it->started_at;
    r.finished_at = now;
    r.fetched_at = clock_.WallNow();
    log_[it->log_index].finished_at = now;
    done.push_back(std::move(r));
  }
  in_flight_.erase(finished, in_flight_.end());
  return done;
}

void FakeFetcher::AbortAll() {
  for (auto& p : in_flight_) {
    crawler::FetchResult r;
    r.id = p.request.id;
    r.url = p.request.url;
    r.outcome = crawler::FetchOutcome::kAborted;
    r.started_at = p.started_at;
    r.finished_at = clock_.Now();
    log_[p.log_index].finished_at = clock_.Now();
    aborted_.push_back(std::move(r));
  }
  in_flight_.clear();
}

int FakeFetcher::CountFor(const std::string& url) const {
  return static_cast<int>(std::count_if(log_.begin(), log_.end(),
                                        [&](const FakeRequestRecord& r) { return r.url == url; }));
}

crawler::Duration FakeFetcher::MinStartGap(const std::string& host) const {
  std::vector<crawler::SteadyTime> starts;
  for (const auto& r : log_) {
    if (r.url.find("//" + host + "/") != std::string::npos) starts.push_back(r.started_at);
  }
  std::sort(starts.begin(), starts.end());
  crawler::Duration min_gap = crawler::Duration::max();
  for (size_t i = 1; i < starts.size(); ++i) min_gap = std::min(min_gap, starts[i] - starts[i - 1]);
  return min_gap;
}

int FakeFetcher::MaxConcurrent(const std::string& host) const {
  std::vector<std::pair<crawler::SteadyTime, int>> events;
  for (const auto& r : log_) {
    if (r.url.find("//" + host + "/") == std::string::npos) continue;
    events.push_back({r.started_at, +1});
    events.push_back({r.finished_at, -1});
  }
  // Ends sort before starts at the same instant (back-to-back requests do not overlap).
  std::sort(events.begin(), events.end());
  int open = 0, max_open = 0;
  for (const auto& [t, delta] : events) {
    open += delta;
    max_open = std::max(max_open, open);
  }
  return max_open;
}

}  // namespace testing_support
