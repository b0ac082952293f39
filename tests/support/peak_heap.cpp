#include "tests/support/peak_heap.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>

#if defined(__SANITIZE_ADDRESS__)
#define NEWSARC_PEAK_HEAP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NEWSARC_PEAK_HEAP_ASAN 1
#endif
#endif

#ifdef NEWSARC_PEAK_HEAP_ASAN
// AddressSanitizer's allocator hooks (sanitizer/allocator_interface.h, which GCC does not ship).
extern "C" {
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void*, size_t),
                                              void (*free_hook)(const volatile void*));
size_t __sanitizer_get_allocated_size(const volatile void* p);
}
#endif

namespace testing_support {
namespace {

#ifdef NEWSARC_PEAK_HEAP_ASAN
// Bytes allocated and not freed since the hooks were installed, and their peak.
std::atomic<int64_t> live_bytes{0};
std::atomic<int64_t> peak_bytes{0};

void OnMalloc(const volatile void*, size_t size) {
  int64_t now = live_bytes += static_cast<int64_t>(size);
  int64_t peak = peak_bytes.load();
  while (now > peak && !peak_bytes.compare_exchange_weak(peak, now)) {
  }
}

void OnFree(const volatile void* p) {
  if (p != nullptr) live_bytes -= static_cast<int64_t>(__sanitizer_get_allocated_size(p));
}
#endif

}  // namespace

bool CanMeasurePeakHeap() {
#ifdef NEWSARC_PEAK_HEAP_ASAN
  return true;
#else
  return false;
#endif
}

int64_t PeakHeapOf(const std::function<bool()>& work) {
#ifndef NEWSARC_PEAK_HEAP_ASAN
  (void)work;
  return -1;
#else
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t child = fork();
  if (child < 0) return -1;
  if (child == 0) {
    close(fds[0]);
    if (__sanitizer_install_malloc_and_free_hooks(&OnMalloc, &OnFree) == 0) _exit(10);
    int64_t peak = work() ? peak_bytes.load() : -1;
    ssize_t written = write(fds[1], &peak, sizeof peak);
    _exit(written == sizeof peak ? 0 : 11);
  }
  close(fds[1]);
  int64_t peak = -1;
  if (read(fds[0], &peak, sizeof peak) != sizeof peak) peak = -1;
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? peak : -1;
#endif
}

}  // namespace testing_support
