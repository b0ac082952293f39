// Peak heap measurement for memory tests: the most heap a piece of work held at once, counted
// with AddressSanitizer's allocator hooks in a forked child so that nothing else of the test
// process is counted. Only an ASan build (make test) can measure; elsewhere tests skip.
#pragma once

#include <cstdint>
#include <functional>

namespace testing_support {

// Whether this build can count the heap (built with AddressSanitizer).
bool CanMeasurePeakHeap();

// Runs `work` in a child process and returns the most heap it held at once, in bytes; -1 when
// `work` returned false, the child failed, or the build cannot measure.
int64_t PeakHeapOf(const std::function<bool()>& work);

}  // namespace testing_support
