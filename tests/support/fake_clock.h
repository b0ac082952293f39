// A FakeClock for crawler tests: time moves only when the test (or FakeFetcher) advances it.
#pragma once

#include <mutex>

#include "crawler/clock.h"

namespace testing_support {

class FakeClock final : public crawler::Clock {
 public:
  crawler::SteadyTime Now() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return now_;
  }
  std::chrono::system_clock::time_point WallNow() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return wall_start_ + (now_ - crawler::SteadyTime());
  }
  void Advance(crawler::Duration d) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ += d;
  }
  void AdvanceTo(crawler::SteadyTime t) {
    std::lock_guard<std::mutex> lock(mu_);
    if (t > now_) now_ = t;
  }

 private:
  mutable std::mutex mu_;
  crawler::SteadyTime now_ = crawler::SteadyTime() + std::chrono::hours(1);
  std::chrono::system_clock::time_point wall_start_ =
      std::chrono::system_clock::from_time_t(1767225600);  // 2026-01-01T00:00:00Z
};

}  // namespace testing_support
