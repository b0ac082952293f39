// The loop follows curl's 10-at-a-time.c: add handles, curl_multi_perform, drain
// curl_multi_info_read, map handles back to requests with CURLOPT_PRIVATE, curl_multi_poll.
#include "crawler/curl_multi_fetcher.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <map>
#include <optional>

#include "crawler/content_decoder.h"
#include "crawler/content_type.h"
#include "crawler/curl_handles.h"

namespace crawler {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

const char* FetchOutcomeName(FetchOutcome outcome) {
  switch (outcome) {
    case FetchOutcome::kOk:
      return "ok";
    case FetchOutcome::kNetwork:
      return "network";
    case FetchOutcome::kTimeout:
      return "timeout";
    case FetchOutcome::kTooLarge:
      return "too_large";
    case FetchOutcome::kNotHtml:
      return "not_html";
    case FetchOutcome::kAborted:
      return "aborted";
  }
  return "network";
}

// One transfer in flight. Owned by Impl::transfers_; its address is the CURLOPT_PRIVATE value
// and the callbacks' userdata, so it must not move while the easy handle is in the multi.
struct Transfer {
  FetchRequest request;
  FetchResult result;
  CurlEasy easy;
  CurlSlist headers;
  int last_status = 0;  // status line of the response being read
  bool too_large = false;
  bool truncated = false;  // OverCap::kTruncate: the body is full and the transfer was stopped
  bool not_html = false;
  bool corrupt_encoding = false;
  std::optional<SteadyTime> head_sent_at;  // when the request head was last written
  std::optional<ContentDecoder> decoder;   // created when the first body bytes arrive

  // Header callback: never throws (it is called from C); returns the abort value on a cap.
  static size_t OnHeader(char* data, size_t size, size_t count, void* userdata) noexcept {
    auto* t = static_cast<Transfer*>(userdata);
    size_t n = size * count;
    try {
      std::string line(data, n);
      if (line.rfind("HTTP/", 0) == 0) {
        // A new response (e.g. after 100 Continue): reset the headers we keep.
        size_t sp = line.find(' ');
        t->last_status = sp == std::string::npos ? 0 : std::atoi(line.c_str() + sp + 1);
        t->result.content_type.reset();
        t->result.etag.reset();
        t->result.last_modified.reset();
        t->result.retry_after.reset();
        t->result.content_encoding.reset();
        t->result.response_head.clear();
      }
      if (t->result.response_head.size() + n > kMaxHeadBytes) return 0;
      t->result.response_head.append(line);
      if (line.rfind("HTTP/", 0) == 0) return n;
      if (line == "\r\n" || line == "\n") {
        // End of this response's headers: decide whether the body is wanted.
        bool final_response = t->last_status >= 200;
        if (final_response && t->last_status < 300 &&
            t->request.content_policy == ContentPolicy::kHtmlOnly && t->result.content_type &&
            !IsHtmlContentType(*t->result.content_type)) {
          t->not_html = true;
          return 0;  // abort: CURLE_WRITE_ERROR
        }
        return n;
      }
      size_t colon = line.find(':');
      if (colon == std::string::npos) return n;
      std::string name = Lower(line.substr(0, colon));
      std::string value = Trim(line.substr(colon + 1));
      if (name == "content-type")
        t->result.content_type = value;
      else if (name == "etag")
        t->result.etag = value;
      else if (name == "last-modified")
        t->result.last_modified = value;
      else if (name == "retry-after")
        t->result.retry_after = value;
      else if (name == "content-encoding")
        t->result.content_encoding = value;
      return n;
    } catch (...) {
      return 0;
    }
  }

  // Body callback: keeps the payload as transferred (for WARC and the archive's capture) and
  // decodes it; both are capped, the decoded size included (a gzip bomb stops at the cap).
  // Over the cap, OverCap::kFail aborts and keeps nothing; kTruncate keeps the first
  // max_body_bytes decoded bytes and ends the transfer (Finish reports it as kOk + truncated).
  static size_t OnBody(char* data, size_t size, size_t count, void* userdata) noexcept {
    auto* t = static_cast<Transfer*>(userdata);
    size_t n = size * count;
    try {
      const size_t cap = t->request.max_body_bytes;
      const bool truncate = t->request.over_cap == OverCap::kTruncate;
      if (!t->decoder) {
        // Truncating, the decoder may run past the cap by kTruncateSlackBytes, so that the body
        // is full when it stops; the excess is cut below. (It refuses a whole inflate chunk
        // that would cross its cap rather than keeping the part that fits.)
        t->decoder.emplace(t->result.content_encoding.value_or(""),
                           truncate ? cap + kTruncateSlackBytes : cap);
      }
      std::string_view chunk(data, n);
      if (!t->decoder->IsIdentity()) {
        if (t->result.encoded_body.size() + chunk.size() > cap) {
          if (!truncate) {
            t->too_large = true;
            return 0;
          }
          // Encoded larger than the cap (an expanding "compression"): keep what fits.
          chunk = chunk.substr(0, cap - t->result.encoded_body.size());
          t->truncated = true;
        }
        t->result.encoded_body.append(chunk);
      } else if (truncate && t->result.body.size() + chunk.size() > cap) {
        chunk = chunk.substr(0, cap - t->result.body.size());
        t->truncated = true;
      }
      ContentDecoder::Status status = t->decoder->Feed(chunk, t->result.body);
      if (truncate &&
          (status == ContentDecoder::Status::kOk || status == ContentDecoder::Status::kTooLarge)) {
        if (t->result.body.size() > cap ||
            (status == ContentDecoder::Status::kTooLarge && t->result.body.size() == cap)) {
          t->result.body.resize(cap);
          t->truncated = true;
        }
        if (t->truncated) return 0;  // abort: Finish turns it into a truncated kOk
      }
      switch (status) {
        case ContentDecoder::Status::kOk:
          return n;
        case ContentDecoder::Status::kTooLarge:
          t->too_large = true;
          return 0;  // abort while streaming; never buffer past the cap
        case ContentDecoder::Status::kCorrupt:
        case ContentDecoder::Status::kUnsupported:
          t->corrupt_encoding = true;
          return 0;
      }
    } catch (...) {
    }
    return 0;
  }

  // Debug callback: records the request head exactly as sent (for WARC request records) and
  // when it went out. libcurl calls it with CURLINFO_HEADER_OUT after writing the head to the
  // socket, so the stamp is never earlier than the send; a resend (a dead reused connection)
  // calls it again and the last stamp wins.
  static int OnDebug(CURL*, curl_infotype type, char* data, size_t size, void* userdata) noexcept {
    auto* t = static_cast<Transfer*>(userdata);
    if (type == CURLINFO_HEADER_OUT) {
      t->head_sent_at = std::chrono::steady_clock::now();
      try {
        t->result.request_head.assign(data, std::min(size, kMaxHeadBytes));
      } catch (...) {
      }
    }
    return 0;
  }

  static constexpr size_t kMaxHeadBytes = 256 * 1024;
  // More than one inflate output chunk of ContentDecoder (64 KiB).
  static constexpr size_t kTruncateSlackBytes = 1024 * 1024;
};

// The request "starts" for politeness when its head goes out: after DNS, connect and TLS, and
// after whatever libcurl did first for other transfers in the same curl_multi_perform (or in
// PENDING, waiting for a connection). Measuring the gap from there keeps the gap the server
// sees at least the configured one. libcurl's own timers cannot give this: PRETRANSFER counts
// from when libcurl itself began the transfer, not from Start(), and that origin moves again
// when a transfer waits for a connection. A request whose head never went out keeps its
// hand-off time. The wall-clock stamp moves with the steady one.
namespace {
void StampSendTime(Transfer& t) {
  FetchResult& r = t.result;
  if (!t.head_sent_at || *t.head_sent_at <= r.started_at) return;
  r.fetched_at += std::chrono::duration_cast<std::chrono::system_clock::duration>(*t.head_sent_at -
                                                                                  r.started_at);
  r.started_at = *t.head_sent_at;
}
}  // namespace

struct CurlMultiFetcher::Impl {
  CurlFetcherOptions options;
  CurlMulti multi{curl_multi_init()};
  CurlSlist resolve;
  std::map<uint64_t, std::unique_ptr<Transfer>> transfers;
  std::vector<FetchResult> aborted;

  void Finish(Transfer& t, CURLcode code) {
    FetchResult& r = t.result;
    r.finished_at = std::chrono::steady_clock::now();
    long status = 0;
    curl_easy_getinfo(t.easy.get(), CURLINFO_RESPONSE_CODE, &status);
    r.status = static_cast<int>(status);
    StampSendTime(t);
    curl_off_t wire = 0;
    curl_easy_getinfo(t.easy.get(), CURLINFO_SIZE_DOWNLOAD_T, &wire);
    r.wire_bytes = static_cast<int64_t>(wire);
    char* ip = nullptr;
    if (curl_easy_getinfo(t.easy.get(), CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip)
      r.remote_ip = ip;
    char* redirect = nullptr;
    if (curl_easy_getinfo(t.easy.get(), CURLINFO_REDIRECT_URL, &redirect) == CURLE_OK &&
        redirect != nullptr) {
      r.location = redirect;
    }
    if (t.truncated && !t.corrupt_encoding && code == CURLE_WRITE_ERROR) {
      // We stopped the transfer ourselves with a full body (OverCap::kTruncate). The decoder is
      // not asked to Finish: its stream was cut short on purpose.
      code = CURLE_OK;
      r.truncated = true;
    } else if (code == CURLE_OK && t.decoder &&
               t.decoder->Finish() != ContentDecoder::Status::kOk) {
      t.corrupt_encoding = true;
      code = CURLE_BAD_CONTENT_ENCODING;
    }
    if (code == CURLE_OK) {
      r.outcome = FetchOutcome::kOk;
    } else if (t.corrupt_encoding) {
      r.outcome = FetchOutcome::kNetwork;
      r.error = "cannot decode Content-Encoding " + r.content_encoding.value_or("") +
                " (corrupt or unsupported)";
      r.body.clear();
      r.encoded_body.clear();
    } else if (t.too_large || code == CURLE_FILESIZE_EXCEEDED) {
      r.outcome = FetchOutcome::kTooLarge;
      r.error = "body larger than " + std::to_string(t.request.max_body_bytes) + " bytes";
      r.body.clear();
      r.encoded_body.clear();
    } else if (t.not_html) {
      r.outcome = FetchOutcome::kNotHtml;
      r.error = "not an HTML page: " + r.content_type.value_or("");
      r.body.clear();
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
      r.outcome = FetchOutcome::kTimeout;
      r.error = curl_easy_strerror(code);
    } else {
      r.outcome = FetchOutcome::kNetwork;
      r.error = curl_easy_strerror(code);
    }
  }
};

CurlMultiFetcher::CurlMultiFetcher(CurlFetcherOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  for (const auto& entry : impl_->options.resolve) {
    curl_slist* l = curl_slist_append(impl_->resolve.release(), entry.c_str());
    impl_->resolve.reset(l);
  }
  curl_multi_setopt(impl_->multi.get(), CURLMOPT_MAX_HOST_CONNECTIONS,
                    static_cast<long>(impl_->options.max_connections_per_host));
  curl_multi_setopt(impl_->multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS,
                    static_cast<long>(impl_->options.max_in_flight));
}

CurlMultiFetcher::~CurlMultiFetcher() {
  // Easy handles leave the multi before they are cleaned up.
  for (auto& [id, t] : impl_->transfers)
    curl_multi_remove_handle(impl_->multi.get(), t->easy.get());
  impl_->transfers.clear();
}

bool CurlMultiFetcher::CanStartMore() const {
  return static_cast<int>(impl_->transfers.size()) < impl_->options.max_in_flight;
}

size_t CurlMultiFetcher::InFlight() const { return impl_->transfers.size(); }

void CurlMultiFetcher::Start(FetchRequest request) {
  auto t = std::make_unique<Transfer>();
  t->request = std::move(request);
  t->result.id = t->request.id;
  t->result.url = t->request.url;
  t->result.started_at = std::chrono::steady_clock::now();
  t->result.fetched_at = std::chrono::system_clock::now();
  t->easy.reset(curl_easy_init());
  CURL* e = t->easy.get();
  if (e == nullptr) {
    t->result.outcome = FetchOutcome::kNetwork;
    t->result.error = "curl_easy_init failed";
    impl_->aborted.push_back(std::move(t->result));
    return;
  }
  const CurlFetcherOptions& o = impl_->options;
  curl_easy_setopt(e, CURLOPT_URL, t->request.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  // We decode gzip/deflate ourselves (content_decoder.h) so that the payload as transferred is
  // kept for WARC and the decoded size can be capped while streaming.
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
  curl_easy_setopt(e, CURLOPT_HTTP_CONTENT_DECODING, 0L);
  curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, &Transfer::OnDebug);
  curl_easy_setopt(e, CURLOPT_DEBUGDATA, t.get());
  curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);  // only to get the request head; goes to OnDebug
  curl_easy_setopt(e, CURLOPT_USERAGENT, o.user_agent.c_str());
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count()));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(o.total_timeout.count()));
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, o.low_speed_bytes_per_second);
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, static_cast<long>(o.low_speed_time.count()));
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Transfer::OnHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Transfer::OnBody);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
  if (impl_->resolve) curl_easy_setopt(e, CURLOPT_RESOLVE, impl_->resolve.get());
  // Declared sizes above the cap are refused before any byte is read, unless the request wants
  // the first max_body_bytes of a larger body (OnBody stops the transfer there).
  if (t->request.over_cap == OverCap::kFail) {
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(t->request.max_body_bytes));
  }
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.5");
  headers = curl_slist_append(headers, "Accept-Language: zh-CN,zh;q=0.9,en;q=0.5");
  if (t->request.if_none_match) {
    headers = curl_slist_append(headers, ("If-None-Match: " + *t->request.if_none_match).c_str());
  }
  if (t->request.if_modified_since) {
    headers =
        curl_slist_append(headers, ("If-Modified-Since: " + *t->request.if_modified_since).c_str());
  }
  if (t->request.post_body) {
    // A form's submission (form_posts.h). No "Expect: 100-continue": old IIS servers of such
    // sites answer it slowly or not at all.
    t->result.request_body = *t->request.post_body;
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(t->result.request_body.size()));
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, t->result.request_body.data());
    headers = curl_slist_append(headers, "Content-Type: application/x-www-form-urlencoded");
    headers = curl_slist_append(headers, "Expect:");
  }
  t->headers.reset(headers);
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
  curl_multi_add_handle(impl_->multi.get(), e);
  uint64_t id = t->request.id;
  impl_->transfers[id] = std::move(t);
}

std::vector<FetchResult> CurlMultiFetcher::WaitForResults(std::chrono::milliseconds timeout) {
  std::vector<FetchResult> done = std::move(impl_->aborted);
  impl_->aborted.clear();
  int running = 0;
  curl_multi_perform(impl_->multi.get(), &running);
  auto drain = [&] {
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(impl_->multi.get(), &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Transfer* t = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
      CURLcode code = msg->data.result;
      curl_multi_remove_handle(impl_->multi.get(), msg->easy_handle);
      if (t == nullptr) continue;
      impl_->Finish(*t, code);
      uint64_t id = t->request.id;
      done.push_back(std::move(t->result));
      impl_->transfers.erase(id);
    }
  };
  drain();
  if (done.empty() && !impl_->transfers.empty()) {
    int numfds = 0;
    curl_multi_poll(impl_->multi.get(), nullptr, 0, static_cast<int>(timeout.count()), &numfds);
    curl_multi_perform(impl_->multi.get(), &running);
    drain();
  } else if (done.empty()) {
    // Nothing in flight: still honour the wait so callers can use it as their sleep.
    int numfds = 0;
    curl_multi_poll(impl_->multi.get(), nullptr, 0, static_cast<int>(timeout.count()), &numfds);
  }
  return done;
}

void CurlMultiFetcher::Wakeup() { curl_multi_wakeup(impl_->multi.get()); }

void CurlMultiFetcher::AbortAll() {
  for (auto& [id, t] : impl_->transfers) {
    curl_multi_remove_handle(impl_->multi.get(), t->easy.get());
    t->result.outcome = FetchOutcome::kAborted;
    t->result.error = "aborted by the crawler";
    t->result.finished_at = std::chrono::steady_clock::now();
    StampSendTime(*t);
    t->result.body.clear();
    impl_->aborted.push_back(std::move(t->result));
  }
  impl_->transfers.clear();
}

}  // namespace crawler
