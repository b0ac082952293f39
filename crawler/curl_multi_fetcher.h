// CurlMultiFetcher is the Fetcher over libcurl's multi interface: many transfers from one
// thread, connections reused per host, http/https only, no automatic redirects, compressed
// transfers accepted with the body cap applied to decoded bytes (a gzip bomb is cut off), and
// non-HTML responses aborted after their headers. Not thread-safe except Wakeup().
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "crawler/fetcher.h"

namespace crawler {

struct CurlFetcherOptions {
  std::string user_agent;
  std::vector<std::string> resolve;  // "HOST:PORT:ADDR" entries, as curl's --resolve
  int max_in_flight = 64;            // total transfers at once
  int max_connections_per_host = 2;  // backstop only: politeness is the scheduler's
  std::chrono::milliseconds connect_timeout{15000};
  std::chrono::milliseconds total_timeout{120000};
  // Abort when slower than low_speed_bytes_per_second for low_speed_time.
  long low_speed_bytes_per_second = 100;
  std::chrono::seconds low_speed_time{30};
};

class CurlMultiFetcher final : public Fetcher {
 public:
  explicit CurlMultiFetcher(CurlFetcherOptions options);
  ~CurlMultiFetcher() override;
  CurlMultiFetcher(const CurlMultiFetcher&) = delete;
  CurlMultiFetcher& operator=(const CurlMultiFetcher&) = delete;

  bool CanStartMore() const override;
  size_t InFlight() const override;
  void Start(FetchRequest request) override;
  std::vector<FetchResult> WaitForResults(std::chrono::milliseconds timeout) override;
  void Wakeup() override;
  void AbortAll() override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crawler
