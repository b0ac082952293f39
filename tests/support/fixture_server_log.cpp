#include "tests/support/fixture_server_log.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace testing_support {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

std::optional<std::string> RecordedRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

std::vector<std::chrono::steady_clock::duration> StartGaps(
    const std::vector<RecordedRequest>& requests) {
  std::vector<std::chrono::steady_clock::duration> gaps;
  for (size_t i = 1; i < requests.size(); ++i) {
    gaps.push_back(requests[i].started_at - requests[i - 1].started_at);
  }
  return gaps;
}

std::optional<std::chrono::steady_clock::duration> MinStartGap(
    const std::vector<RecordedRequest>& requests) {
  std::vector<RecordedRequest::Time> starts;
  starts.reserve(requests.size());
  for (const auto& r : requests) starts.push_back(r.started_at);
  std::sort(starts.begin(), starts.end());
  std::optional<std::chrono::steady_clock::duration> gap;
  for (size_t i = 1; i < starts.size(); ++i) {
    auto d = starts[i] - starts[i - 1];
    if (!gap || d < *gap) gap = d;
  }
  return gap;
}

int MaxConcurrent(const std::vector<RecordedRequest>& requests) {
  // Sweep over start (+1) and finish (-1) events; at equal times finishes sort first, so
  // back-to-back requests on a keep-alive connection do not count as overlapping.
  const auto now = std::chrono::steady_clock::now();
  std::vector<std::pair<RecordedRequest::Time, int>> events;
  events.reserve(requests.size() * 2);
  for (const auto& r : requests) {
    events.emplace_back(r.started_at, +1);
    events.emplace_back(std::max(r.finished_at.value_or(now), r.started_at), -1);
  }
  std::sort(events.begin(), events.end());
  int open = 0;
  int most = 0;
  for (const auto& event : events) {
    open += event.second;
    most = std::max(most, open);
  }
  return most;
}

}  // namespace testing_support
