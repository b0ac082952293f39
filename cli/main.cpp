// newsarc's entry point: process-wide guards, then the CLI (cli/app_options.h).
#include <curl/curl.h>

#include "cli/app_options.h"

namespace {

// curl_global_init/cleanup, once per process.
struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlGlobal() { curl_global_cleanup(); }
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
};

}  // namespace

int main(int argc, char** argv) {
  CurlGlobal curl;
  return cli::RunNewsarc(argc, argv);
}
