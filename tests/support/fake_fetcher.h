// A FakeFetcher serves canned responses by URL after a set latency on a FakeClock, and records
// every request (URL, host, start and end time) so tests can assert politeness exactly.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "crawler/fetcher.h"
#include "tests/support/fake_clock.h"

namespace testing_support {

struct CannedResponse {
  int status = 200;
  std::string body;
  std::string content_type = "text/html; charset=utf-8";
  std::optional<std::string> location;
  std::optional<std::string> retry_after;
  crawler::FetchOutcome outcome = crawler::FetchOutcome::kOk;
  crawler::Duration latency = std::chrono::milliseconds(50);
};

struct FakeRequestRecord {
  std::string url;
  crawler::SteadyTime started_at;
  crawler::SteadyTime finished_at;
};

class FakeFetcher final : public crawler::Fetcher {
 public:
  explicit FakeFetcher(FakeClock& clock, size_t max_in_flight = 64)
      : clock_(clock), max_in_flight_(max_in_flight) {}

  // Responses by exact URL; a URL may have a sequence (each fetch takes the next; the last
  // repeats). Unknown URLs answer 404.
  void Set(const std::string& url, CannedResponse response) { responses_[url] = {response}; }
  void SetSequence(const std::string& url, std::vector<CannedResponse> seq) {
    responses_[url] = std::move(seq);
  }

  bool CanStartMore() const override { return in_flight_.size() < max_in_flight_; }
  size_t InFlight() const override { return in_flight_.size(); }
  void Start(crawler::FetchRequest request) override;
  std::vector<crawler::FetchResult> WaitForResults(std::chrono::milliseconds timeout) override;
  void Wakeup() override {}
  void AbortAll() override;

  const std::vector<FakeRequestRecord>& log() const { return log_; }
  // Requests made for this URL.
  int CountFor(const std::string& url) const;
  // Smallest gap between consecutive request starts to URLs containing `host`.
  crawler::Duration MinStartGap(const std::string& host) const;
  // Most requests to `host` open at the same time.
  int MaxConcurrent(const std::string& host) const;

 private:
  struct Pending {
    crawler::FetchRequest request;
    crawler::SteadyTime started_at;
    crawler::SteadyTime done_at;
    CannedResponse response;
    size_t log_index;
  };
  FakeClock& clock_;
  size_t max_in_flight_;
  std::map<std::string, std::vector<CannedResponse>> responses_;
  std::map<std::string, size_t> served_;
  std::vector<Pending> in_flight_;
  std::vector<crawler::FetchResult> aborted_;
  std::vector<FakeRequestRecord> log_;
};

}  // namespace testing_support
