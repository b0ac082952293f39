#include "cli/fetch_page.h"

#include <thread>

#include "crawler/robots_gate.h"
#include "util/log.h"
#include "util/url.h"

namespace cli {
namespace {

std::string HostKey(const util::UrlParts& p) {
  bool default_port =
      (p.scheme == "http" && p.port == 80) || (p.scheme == "https" && p.port == 443);
  return default_port ? p.host : p.host + ":" + std::to_string(p.port);
}

class OnePageSession {
 public:
  OnePageSession(crawler::Fetcher& fetcher, const FetchPageOptions& options)
      : fetcher_(fetcher),
        options_(options),
        deadline_(std::chrono::steady_clock::now() + options.timeout),
        robots_(crawler::RobotsGateOptions{}, nullptr) {}

  util::Result<FetchedPage> Fetch(const std::string& start_url) {
    std::string url = start_url;
    for (int hop = 0;; ++hop) {
      auto canonical = util::CanonicalizeUrl(url);
      auto parts = canonical ? util::SplitUrl(*canonical) : std::nullopt;
      if (!parts) {
        return util::MakeError(util::ErrorCode::kUsage,
                               url + ": not an http(s) URL; give a file path, - or an http(s) URL");
      }
      std::string host = HostKey(*parts);
      TRY(CheckRobots(url, host, parts->scheme,
                      parts->query.empty() ? parts->path : parts->path + "?" + parts->query));
      crawler::FetchRequest request;
      request.id = next_id_++;
      request.url = *canonical;
      auto result = Run(std::move(request));
      if (!result) return tl::unexpected(result.error());
      crawler::FetchResult& r = *result;
      if (r.outcome == crawler::FetchOutcome::kNotHtml) {
        return util::MakeError(util::ErrorCode::kUsage,
                               url + ": not an HTML or text page (Content-Type: " +
                                   r.content_type.value_or("none") + ")");
      }
      if (r.outcome != crawler::FetchOutcome::kOk) {
        return util::MakeError(
            util::ErrorCode::kNetwork,
            url + ": could not fetch: " + std::string(crawler::FetchOutcomeName(r.outcome)) +
                (r.error.empty() ? "" : " (" + r.error + ")"));
      }
      if (r.status >= 300 && r.status < 400 && r.location) {
        if (hop >= options_.max_redirects) {
          return util::MakeError(
              util::ErrorCode::kNetwork,
              start_url + ": more than " + std::to_string(options_.max_redirects) + " redirects");
        }
        util::LogInfo("redirect", {{"from", url}, {"to", *r.location}});
        url = *r.location;
        continue;
      }
      if (r.status < 200 || r.status >= 300) {
        return util::MakeError(util::ErrorCode::kNetwork,
                               url + ": HTTP " + std::to_string(r.status) + ", no page to extract");
      }
      FetchedPage page;
      page.url = r.url.empty() ? *canonical : r.url;
      page.status = r.status;
      page.content_type = r.content_type;
      page.body = std::move(r.body);
      page.requests = requests_;
      return page;
    }
  }

 private:
  util::Result<void> CheckRobots(const std::string& url, const std::string& host,
                                 const std::string& scheme, const std::string& path_and_query) {
    auto wall = std::chrono::system_clock::now();
    if (robots_.StateOf(host, scheme, wall) == crawler::RobotsGate::State::kUnknown) {
      std::optional<crawler::FetchRequest> request = robots_.MakeRequest(host, scheme, next_id_++);
      while (request) {
        auto result = Run(std::move(*request));
        if (!result) return tl::unexpected(result.error());
        request = robots_.OnResult(host, *result, next_id_++);
      }
      if (auto delay = robots_.CrawlDelay(host)) {
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(*delay);
        if (ms > options_.max_crawl_delay) {
          return util::MakeError(util::ErrorCode::kNetwork,
                                 url + ": " + host + "'s robots.txt asks for a Crawl-delay of " +
                                     std::to_string(ms.count() / 1000) +
                                     " s between requests; not fetched");
        }
        std::this_thread::sleep_for(ms);  // between robots.txt and the page
      }
    }
    if (robots_.StateOf(host, scheme, wall) == crawler::RobotsGate::State::kBlocked) {
      return util::MakeError(util::ErrorCode::kNetwork,
                             url + ": " + robots_.BlockReason(host) +
                                 "; newsarc fetches nothing from a host whose robots.txt it "
                                 "cannot read");
    }
    if (!robots_.IsAllowed(host, path_and_query)) {
      return util::MakeError(util::ErrorCode::kNetwork, url + ": disallowed for newsarc by " +
                                                            host + "'s robots.txt; not fetched");
    }
    return {};
  }

  util::Result<crawler::FetchResult> Run(crawler::FetchRequest request) {
    ++requests_;
    uint64_t id = request.id;
    fetcher_.Start(std::move(request));
    while (true) {
      auto now = std::chrono::steady_clock::now();
      if (now >= deadline_) {
        fetcher_.AbortAll();
        return util::MakeError(util::ErrorCode::kTimeout, "no answer in time");
      }
      auto wait = std::min(std::chrono::milliseconds(200),
                           std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - now));
      for (crawler::FetchResult& r : fetcher_.WaitForResults(wait)) {
        if (r.id == id) return std::move(r);
      }
    }
  }

  crawler::Fetcher& fetcher_;
  const FetchPageOptions& options_;
  std::chrono::steady_clock::time_point deadline_;
  crawler::RobotsGate robots_;
  uint64_t next_id_ = 1;
  int requests_ = 0;
};

}  // namespace

util::Result<FetchedPage> FetchOnePage(const std::string& url, crawler::Fetcher& fetcher,
                                       const FetchPageOptions& options) {
  OnePageSession session(fetcher, options);
  return session.Fetch(url);
}

}  // namespace cli
