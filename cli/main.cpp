// newsarc's entry point: process-wide guards, then the CLI (cli/app_options.h).
#include <curl/curl.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/app_options.h"

namespace {

// Blocks of 1 MiB or more (a large page, its decoded text, its lines) are mapped on their own
// and unmapped when freed. By default glibc raises that threshold to the largest block freed so
// far, up to 32 MiB: after the first large page its copies come from the heap, which keeps them
// (a 9 MB page of text peaked 18 MB higher, import-warc --jobs 2 35 MB higher; issue #17).
void ReturnLargeBlocksToTheSystem() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

// curl_global_init/cleanup, once per process.
struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlGlobal() { curl_global_cleanup(); }
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
};

}  // namespace

int main(int argc, char** argv) {
  ReturnLargeBlocksToTheSystem();
  CurlGlobal curl;
  return cli::RunNewsarc(argc, argv);
}
