// A Fetcher runs HTTP requests concurrently (modelled on ninja's CommandRunner): the caller
// starts requests while CanStartMore(), then collects finished ones with WaitForResults().
// Politeness is not the fetcher's job (see scheduler.h); it only runs what it is given.
// Implementations are used from one thread, except Wakeup(), which any thread (or a signal
// handler's helper thread) may call.
#pragma once

#include <chrono>
#include <vector>

#include "crawler/fetch_request.h"
#include "crawler/fetch_result.h"

namespace crawler {

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  virtual bool CanStartMore() const = 0;
  virtual size_t InFlight() const = 0;
  virtual void Start(FetchRequest request) = 0;
  // Runs transfers for at most `timeout` (less when one finishes or Wakeup() is called) and
  // returns the requests that finished, in any order.
  virtual std::vector<FetchResult> WaitForResults(std::chrono::milliseconds timeout) = 0;
  // Makes a blocked WaitForResults() return early.
  virtual void Wakeup() = 0;
  // Cancels every transfer in flight; they come back as kAborted from the next WaitForResults.
  virtual void AbortAll() = 0;
};

}  // namespace crawler
