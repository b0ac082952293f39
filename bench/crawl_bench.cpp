// Crawler benchmarks (issue #4):
// 1. Throughput against the politeness bound: 100 loopback hosts × 50 articles, 50 ms server
//    latency, delay 0.5 s → the bound is 100 hosts / 0.5 s = 200 requests/s. Reports achieved
//    requests/s, its share of the bound, and CPU time per wall second (cores busy).
// 2. The same bound with real pages and the real pipeline (issue #13 point 3): 100 loopback
//    hosts × 0.5 s delay, each serving a listing and 20 article pages taken from the dev corpus
//    (../shared/corpus, original bytes), crawled into a SQLite archive by the page handler the
//    crawl command uses (extraction, archiving, link discovery). Reports the share of the bound,
//    CPU per page and cores busy; the argument is the handler's extraction threads (0: all on
//    the loop's thread, as before issue #13 point 3).
// 3. Memory of a persistent frontier holding 1,000,000 queued URLs (SQLite archive): peak RSS.
// Run with `make bench`; each benchmark runs once (they are minutes, not microseconds).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/crawl_wiring.h"
#include "crawler/crawl_loop.h"
#include "crawler/curl_multi_fetcher.h"
#include "storage/archive.h"
#include "tests/support/fixture_server.h"

namespace {

using testing_support::FixtureResponse;
using testing_support::FixtureServer;
using testing_support::FixtureServerOptions;

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec +
         u.ru_stime.tv_usec / 1e6;
}

// Pages list their links one per line as "link URL".
class LinkListHandler final : public crawler::PageHandler {
 public:
  crawler::PageHandling OnFetched(const crawler::FrontierEntry&,
                                  const crawler::FetchResult& r) override {
    crawler::PageHandling h;
    std::istringstream in(r.body);
    std::string word, url;
    while (in >> word >> url) {
      if (word == "link") h.links.push_back({url, crawler::LinkKind::kArticle});
    }
    ++fetched;
    return h;
  }
  void OnSkipped(const crawler::FrontierEntry&, crawler::SkipReason, const std::string&) override {}
  long fetched = 0;
};

void BM_ThroughputAgainstPolitenessBound(benchmark::State& state) {
  constexpr int kHosts = 100;
  constexpr int kArticles = 50;
  constexpr double kDelaySeconds = 0.5;
  FixtureServerOptions options;
  options.worker_threads_per_host = 2;
  FixtureServer server(options);
  for (int h = 0; h < kHosts; ++h) server.AddHost("h" + std::to_string(h) + ".test");
  if (!server.Start()) {
    state.SkipWithError("fixture server did not start");
    return;
  }
  std::vector<std::string> seeds;
  for (int h = 0; h < kHosts; ++h) {
    std::string host = "h" + std::to_string(h) + ".test";
    std::string listing;
    for (int a = 0; a < kArticles; ++a) {
      listing += "link " + server.Url(host, "/a" + std::to_string(a) + ".html") + "\n";
    }
    server.Route(host, "/robots.txt", FixtureResponse::Text("User-agent: *\nDisallow:\n"));
    server.Route(host, "/",
                 FixtureResponse::Html(listing).WithDelay(std::chrono::milliseconds(50)));
    server.RoutePrefix(host, "/a", [](const testing_support::RecordedRequest&) {
      return FixtureResponse::Html("<p>article</p>").WithDelay(std::chrono::milliseconds(50));
    });
    seeds.push_back(server.Url(host, "/"));
  }
  for (auto _ : state) {
    crawler::CrawlLoopOptions loop;
    loop.seeds = seeds;
    loop.scheduler.max_hosts_in_flight = kHosts;
    loop.scheduler.politeness.delay = std::chrono::milliseconds(500);
    crawler::CurlFetcherOptions fo;
    fo.user_agent = "newsarc/bench";
    fo.resolve = server.ResolveEntries();
    fo.max_in_flight = 2 * kHosts;
    crawler::CurlMultiFetcher fetcher(fo);
    crawler::SystemClock clock;
    crawler::MemoryFrontier frontier;
    LinkListHandler handler;
    double cpu0 = CpuSeconds();
    auto t0 = std::chrono::steady_clock::now();
    auto stats = crawler::RunCrawlLoop(loop, fetcher, clock, frontier, nullptr, handler);
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double cpu = CpuSeconds() - cpu0;
    double requests = static_cast<double>(stats.fetched + stats.robots_fetches);
    double bound = kHosts / kDelaySeconds;
    state.counters["requests"] = requests;
    state.counters["req_per_s"] = requests / wall;
    state.counters["share_of_bound"] = requests / wall / bound;
    state.counters["cores_busy"] = cpu / wall;
  }
}
BENCHMARK(BM_ThroughputAgainstPolitenessBound)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

// The dev corpus pages, original bytes, in manifest order across the sets.
std::vector<std::string> CorpusPages() {
  std::vector<std::string> out;
  std::filesystem::path root = std::filesystem::path(NEWSARC_SHARED_DIR) / "corpus";
  std::error_code ec;
  std::vector<std::filesystem::path> sets;
  for (const auto& set : std::filesystem::directory_iterator(root, ec)) sets.push_back(set.path());
  std::sort(sets.begin(), sets.end());
  for (const auto& set : sets) {
    std::ifstream manifest(set / "manifest.jsonl");
    std::string line;
    while (std::getline(manifest, line)) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object() || !j.contains("file")) continue;
      std::ifstream in(set / j["file"].get<std::string>(), std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      out.push_back(ss.str());
    }
  }
  return out;
}

void BM_RealPagesAgainstPolitenessBound(benchmark::State& state) {
  constexpr int kHosts = 100;
  constexpr int kArticles = 20;
  constexpr double kDelaySeconds = 0.5;
  const std::vector<std::string> pages = CorpusPages();
  if (pages.empty()) {
    state.SkipWithError("no corpus pages under " NEWSARC_SHARED_DIR "/corpus");
    return;
  }
  FixtureServerOptions options;
  options.worker_threads_per_host = 2;
  FixtureServer server(options);
  for (int h = 0; h < kHosts; ++h) server.AddHost("h" + std::to_string(h) + ".test");
  if (!server.Start()) {
    state.SkipWithError("fixture server did not start");
    return;
  }
  std::vector<std::string> seeds;
  size_t served_bytes = 0;
  for (int h = 0; h < kHosts; ++h) {
    std::string host = "h" + std::to_string(h) + ".test";
    // A column page as these sites print it: dated titles linking the articles.
    std::string listing = "<html><head><title>协会动态</title></head><body><ul class=\"news\">";
    for (int a = 0; a < kArticles; ++a) {
      std::string path = "/news/2024/art" + std::to_string(a) + ".html";
      listing += "<li><a href=\"" + path + "\">协会召开第" + std::to_string(a) +
                 "次会员代表大会暨换届选举会议</a><span>2024-03-" + std::to_string(10 + a % 18) +
                 "</span></li>";
      const std::string& page = pages[(h * kArticles + a) % pages.size()];
      served_bytes += page.size();
      server.Route(host, path,
                   FixtureResponse::Html(page).WithDelay(std::chrono::milliseconds(20)));
    }
    listing += "</ul></body></html>";
    server.Route(host, "/robots.txt", FixtureResponse::Text("User-agent: *\nDisallow:\n"));
    server.Route(host, "/",
                 FixtureResponse::Html(listing).WithDelay(std::chrono::milliseconds(20)));
    seeds.push_back(server.Url(host, "/"));
  }
  std::string dir = std::filesystem::temp_directory_path() / "newsarc-bench-real-pages";
  for (auto _ : state) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto archive =
        storage::Archive::Open(dir + "/a.sqlite", {.read_only = false, .create_if_missing = true});
    if (!archive) {
      state.SkipWithError(archive.error().message.c_str());
      return;
    }
    crawler::CrawlLoopOptions loop;
    loop.seeds = seeds;
    loop.scope.max_depth = 1;  // the listing's articles; their own links would be 404s here
    loop.follow_sitemaps = false;
    loop.scheduler.max_hosts_in_flight = kHosts;
    loop.scheduler.politeness.delay = std::chrono::milliseconds(500);
    crawler::CurlFetcherOptions fo;
    fo.user_agent = "newsarc/bench";
    fo.resolve = server.ResolveEntries();
    fo.max_in_flight = 2 * kHosts;
    crawler::CurlMultiFetcher fetcher(fo);
    crawler::SystemClock clock;
    auto run_id = archive->BeginRun("{}", std::chrono::system_clock::now());
    cli::ArchiveFrontier frontier(*archive, *run_id);
    cli::ArchiveRobotsCache robots(*archive);
    cli::ArchivingOptions handling;
    handling.run_id = *run_id;
    handling.extract_threads = static_cast<int>(state.range(0));  // 0: on the loop's thread
    handling.max_write_batch = static_cast<size_t>(state.range(1));
    cli::ArchivingPageHandler handler(*archive, handling);
    double cpu0 = CpuSeconds();
    auto t0 = std::chrono::steady_clock::now();
    auto stats = crawler::RunCrawlLoop(loop, fetcher, clock, frontier, &robots, handler);
    handler.FinishPendingStitches();
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double cpu = CpuSeconds() - cpu0;
    double requests = static_cast<double>(stats.fetched + stats.robots_fetches);
    // Each host's requests are spaced by the delay: its first starts at 0, its last at
    // (requests - 1) × delay; the bound is the whole crawl's requests over that span.
    double per_host = requests / kHosts;
    double bound_wall = (per_host - 1) * kDelaySeconds;
    state.counters["requests"] = requests;
    state.counters["articles"] = static_cast<double>(handler.counts().articles_new);
    state.counters["req_per_s"] = requests / wall;
    state.counters["share_of_bound"] = bound_wall / wall;
    state.counters["cpu_ms_per_page"] = cpu * 1000 / static_cast<double>(stats.fetched);
    state.counters["cores_busy"] = cpu / wall;
    state.counters["served_MB"] = static_cast<double>(served_bytes) / 1e6;
  }
  std::filesystem::remove_all(dir);
}
// Arguments: extraction threads (0: all on the loop's thread), the writer's batch (pages per
// commit, at most).
BENCHMARK(BM_RealPagesAgainstPolitenessBound)
    ->Args({0, 1})
    ->Args({2, 1})
    ->Args({2, 16})
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

void BM_FrontierOfOneMillionUrls(benchmark::State& state) {
  constexpr int kUrls = 1'000'000;
  std::string dir = std::filesystem::temp_directory_path() / "newsarc-bench-frontier";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (auto _ : state) {
    auto archive =
        storage::Archive::Open(dir + "/a.sqlite", {.read_only = false, .create_if_missing = true});
    if (!archive) {
      state.SkipWithError(archive.error().message.c_str());
      return;
    }
    cli::ArchiveFrontier frontier(*archive, std::nullopt);
    std::vector<crawler::FrontierEntry> batch;
    for (int i = 0; i < kUrls; ++i) {
      crawler::FrontierEntry e;
      e.host = "h" + std::to_string(i % 1000) + ".test";
      e.url = "http://" + e.host + "/news/view.asp?id=" + std::to_string(i);
      e.kind = crawler::LinkKind::kArticle;
      batch.push_back(std::move(e));
      if (batch.size() == 10'000) {
        frontier.Add(batch);
        batch.clear();
      }
    }
    // Work the frontier the way the loop does: a window per host.
    size_t taken = 0;
    for (const auto& host : frontier.HostsWithWork()) {
      for (const auto& e : frontier.Take(host, 16)) {
        frontier.Finish(e.id, crawler::EntryState::kDone);
        ++taken;
      }
    }
    state.counters["queued"] = static_cast<double>(frontier.QueuedCount());
    state.counters["taken"] = static_cast<double>(taken);
  }
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  state.counters["peak_rss_mb"] = u.ru_maxrss / 1024.0;
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_FrontierOfOneMillionUrls)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
