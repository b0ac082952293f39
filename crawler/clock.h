// A Clock tells the time; the crawler never reads the system clock or sleeps on its own, so
// politeness and scheduling are testable with a FakeClock (tests/support/fake_clock.h).
// Implementations must be thread-safe.
#pragma once

#include <chrono>

namespace crawler {

using SteadyTime = std::chrono::steady_clock::time_point;
using Duration = std::chrono::steady_clock::duration;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual SteadyTime Now() const = 0;
  // Wall-clock time, for timestamps written to the archive.
  virtual std::chrono::system_clock::time_point WallNow() const = 0;
};

class SystemClock final : public Clock {
 public:
  SteadyTime Now() const override { return std::chrono::steady_clock::now(); }
  std::chrono::system_clock::time_point WallNow() const override {
    return std::chrono::system_clock::now();
  }
};

}  // namespace crawler
