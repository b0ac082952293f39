// RAII owners of libcurl handles. Ordering rule: an easy handle must leave its multi handle
// before curl_easy_cleanup (curl's 10-at-a-time.c); CurlMultiFetcher does that explicitly.
#pragma once

#include <curl/curl.h>

#include <memory>

namespace crawler {

struct CurlEasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct CurlMultiDeleter {
  void operator()(CURLM* h) const { curl_multi_cleanup(h); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlMulti = std::unique_ptr<CURLM, CurlMultiDeleter>;
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistDeleter>;

}  // namespace crawler
