#include "cli/run_crawl.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/app_options.h"
#include "cli/archive_errors.h"
#include "cli/archive_lock.h"
#include "cli/config_discovery.h"
#include "cli/crawl_wiring.h"
#include "cli/host_parking.h"
#include "cli/site_profiles.h"
#include "config/defaults.h"
#include "crawler/crawl_loop.h"
#include "crawler/curl_multi_fetcher.h"
#include "crawler/scope.h"
#include "crawler/user_agent.h"
#include "frontier_pg/pg_frontier.h"
#include "util/duration.h"
#include "util/error.h"
#include "util/log.h"
#include "util/status_line.h"
#include "util/time_format.h"
#include "util/url.h"
#include "version.h"

namespace cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop.store(true); }

// SIGINT/SIGTERM ask the crawl to stop cleanly; restored when the crawl ends.
class StopSignals {
 public:
  StopSignals() {
    struct sigaction sa {};
    sa.sa_handler = OnStopSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~StopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

[[noreturn]] void Usage(const std::string& message) {
  throw util::Fatal(util::kExitUsage, message);
}

std::vector<std::string> ReadSeedsFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) Usage(path + ": cannot read seeds file");
  std::vector<std::string> seeds;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos || line[b] == '#') continue;
    size_t e = line.find_last_not_of(" \t\r");
    std::string url = line.substr(b, e - b + 1);
    if (!util::SplitUrl(url))
      Usage(path + ":" + std::to_string(n) + ": not an http(s) URL: " + url);
    seeds.push_back(url);
  }
  return seeds;
}

void CheckResolve(const std::string& entry) {
  // HOST:PORT:ADDR, as curl's --resolve.
  size_t a = entry.find(':');
  size_t b = a == std::string::npos ? a : entry.find(':', a + 1);
  bool ok = a != std::string::npos && a > 0 && b != std::string::npos && b + 1 < entry.size();
  if (ok) {
    std::string port = entry.substr(a + 1, b - a - 1);
    ok = !port.empty() && port.find_first_not_of("0123456789") == std::string::npos &&
         std::stoi(port) > 0 && std::stoi(port) < 65536;
  }
  if (!ok) Usage("--resolve " + entry + ": expected HOST:PORT:ADDR, e.g. example.org:80:127.0.0.1");
}

// The config file: --config, else a discovered one unless --no-config. A file the user did not
// name is announced at -v, and a broken one says where it was found and how to skip it.
std::vector<config::SiteConfig> LoadCrawlConfig(const CrawlCommandOptions& o,
                                                std::optional<std::string>* used) {
  if (o.config) {
    util::LogInfo("config file", {{"file", *o.config}, {"from", "--config"}});
    *used = o.config;
    return LoadSiteConfigsOrDie({*o.config});
  }
  if (o.no_config) return {};
  ConfigSearch search = ConfigSearchFromEnvironment();
  *used = FindConfigFile(search);
  if (!*used) {
    std::string looked;
    for (const auto& c : ConfigCandidates(search)) looked += (looked.empty() ? "" : ", ") + c;
    util::LogInfo("no config file", {{"looked_for", looked}});
    return {};
  }
  util::LogInfo("config file", {{"file", **used}, {"from", "discovered"}});
  try {
    return LoadSiteConfigsOrDie({**used});
  } catch (const util::Fatal& e) {
    throw util::Fatal(e.exit_code(), std::string(e.what()) +
                                         " (a config file found without --config; --no-config "
                                         "skips it)");
  }
}

// The User-Agent: --user-agent whole, else newsarc/VERSION (+CONTACT) with the contact of
// --contact, else of the config, else the project's page.
std::string CrawlUserAgent(const CrawlCommandOptions& o, const config::SiteConfig* site) {
  if (o.user_agent) {
    if (!crawler::UserAgentHasContact(*o.user_agent)) {
      util::LogWarning(
          "the User-Agent names no contact (URL or e-mail address): site owners cannot reach you",
          {{"user_agent", *o.user_agent}});
    }
    return *o.user_agent;
  }
  std::string contact = config::defaults::kUserAgentContact;
  if (o.contact) {
    contact = crawler::NormalizeContact(*o.contact).value_or(*o.contact);
  } else if (site && site->crawl.user_agent_contact) {
    auto normalized = crawler::NormalizeContact(*site->crawl.user_agent_contact);
    if (!normalized) {
      Usage(site->source + ": [crawl] user_agent_contact '" + *site->crawl.user_agent_contact +
            "': expected an http(s) URL or an e-mail address");
    }
    contact = *normalized;
  }
  return crawler::UserAgent(NEWSARC_VERSION, contact);
}

// --include/--exclude: a pattern that cannot match, or matches everything, is refused when the
// command line is read, before the archive is touched.
CLI::Validator UrlPatternCheck() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        auto problem = crawler::UrlPatternProblem(value);
        return problem ? "pattern '" + value + "' " + *problem : std::string();
      },
      "PATTERN");
}

CLI::Validator ContactCheck() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (crawler::NormalizeContact(value)) return {};
        return "'" + value +
               "' is not a contact: expected an http(s) URL or an e-mail address (mailto:), "
               "without spaces or parentheses";
      },
      "URL|EMAIL");
}

CLI::Validator UserAgentCheck() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (crawler::IsValidUserAgent(value)) return {};
        return "must be printable ASCII text, not empty (got '" + value + "')";
      },
      "TEXT");
}

CLI::Validator FractionBelowOne() {
  return NumberInRange(0, 1, "a fraction from 0 up to but not including 1, e.g. 0.2 for ±20 %",
                       "0<=NUM<1");
}

}  // namespace

int RunCrawl(const CrawlCommandOptions& o) {
  // 1. Configuration: built-in defaults < site config < command line.
  std::optional<std::string> config_path;
  std::vector<config::SiteConfig> sites = LoadCrawlConfig(o, &config_path);
  const config::CrawlSettings* settings = sites.empty() ? nullptr : &sites.front().crawl;
  std::string user_agent = CrawlUserAgent(o, sites.empty() ? nullptr : &sites.front());

  std::vector<std::string> seeds = o.seeds;
  if (o.seeds_file) {
    auto more = ReadSeedsFile(*o.seeds_file);
    seeds.insert(seeds.end(), more.begin(), more.end());
  }
  for (const auto& s : sites) seeds.insert(seeds.end(), s.seeds.begin(), s.seeds.end());
  for (const auto& s : seeds) {
    if (!util::SplitUrl(s)) Usage("--seed " + s + ": not an http(s) URL");
  }
  for (const auto& r : o.resolve) CheckResolve(r);
  std::optional<std::chrono::milliseconds> max_time;
  if (o.max_time) {
    max_time = util::ParseDuration(*o.max_time);
    if (!max_time)
      Usage("--max-time " + *o.max_time + ": expected a duration such as 90s, 30m, 2h");
  }
  std::optional<std::chrono::milliseconds> revalidate_cli;
  if (o.revalidate_after) {
    revalidate_cli = util::ParseDuration(*o.revalidate_after);
    if (!revalidate_cli) {
      Usage("--revalidate-after " + *o.revalidate_after +
            ": expected a duration such as 30d, 12h (0 = never)");
    }
  }
  std::optional<std::chrono::milliseconds> removal_grace_cli;
  if (o.removal_grace) {
    removal_grace_cli = util::ParseDuration(*o.removal_grace);
    if (!removal_grace_cli) {
      Usage("--removal-grace " + *o.removal_grace +
            ": expected a duration such as 7d, 36h (0 = the next run that sees it gone)");
    }
  }

  // A shared frontier: reached before anything else, so a wrong URI fails at once.
  std::unique_ptr<frontier_pg::PgFrontier> shared;
  if (o.frontier) {
    if (o.frontier->rfind("postgresql://", 0) != 0 && o.frontier->rfind("postgres://", 0) != 0) {
      Usage("--frontier " + frontier_pg::HidePassword(*o.frontier) +
            ": expected a PostgreSQL URI, postgresql://[user[:password]@][host][:port]/database");
    }
    frontier_pg::PgFrontierOptions pg;
    pg.lease = std::chrono::milliseconds(static_cast<int64_t>(o.lease_seconds * 1000));
    pg.max_hosts = static_cast<size_t>(o.lease_hosts);
    auto opened = frontier_pg::PgFrontier::Open(*o.frontier, pg);
    if (!opened) throw util::Fatal(util::kExitFailure, "--frontier: " + opened.error().message);
    shared = std::move(*opened);
    util::LogInfo("shared frontier", {{"frontier", frontier_pg::HidePassword(*o.frontier)},
                                      {"worker", shared->owner()}});
  }

  // 2. One crawl per archive at a time.
  auto lock = LockArchive(o.db);
  if (!lock) return util::kExitLocked;

  auto archive = OpenLockedArchive(o.db, *lock, {.create_if_missing = true});
  if (!archive) return ReportArchiveOpenError(o.db, archive.error());
  // Incremental recrawl: seeds, listings and other index pages are revisited on every run to
  // find new articles; known articles are only revalidated when linked again (conditional GET).
  // (Not with a shared frontier: its URLs are the workers' common program, fetched once.)
  if (!shared) {
    auto revisited = archive->FrontierRevisit({crawler::LinkKindName(crawler::LinkKind::kSeed),
                                               crawler::LinkKindName(crawler::LinkKind::kListing),
                                               crawler::LinkKindName(crawler::LinkKind::kSitemap),
                                               crawler::LinkKindName(crawler::LinkKind::kEntry),
                                               crawler::LinkKindName(crawler::LinkKind::kOther)});
    if (!revisited) throw util::Fatal(util::kExitFailure, revisited.error().message);
    // Revalidation: archived articles whose last fetch is older than revalidate_after are
    // queued again, after new URLs; unchanged ones cost a 304 or leave no new version.
    std::chrono::milliseconds revalidate_after =
        std::chrono::hours(24) * config::defaults::kRevalidateAfterDays;
    if (settings && settings->revalidate_after) revalidate_after = *settings->revalidate_after;
    if (revalidate_cli) revalidate_after = *revalidate_cli;
    if (revalidate_after.count() > 0) {
      auto due = archive->FrontierRevalidate(std::chrono::system_clock::now() - revalidate_after);
      if (!due) throw util::Fatal(util::kExitFailure, due.error().message);
      if (*due > 0)
        util::LogInfo("articles due for revalidation", {{"count", std::to_string(*due)}});
    }
  }
  auto in_flight = archive->FrontierRequeueInFlight();
  // Hosts that failed on several runs in a row are skipped (their queue kept); --forget-host
  // and --retry-host act on them first.
  std::set<std::string> parked = PrepareParkedHosts(*archive, o.forget_hosts, o.retry_hosts);
  auto queued = archive->FrontierQueuedCount();
  // A worker joining a shared frontier works on what the others left queued or in flight.
  bool work_left =
      shared ? shared->WorkElsewhere() : (queued && *queued > 0) || (in_flight && *in_flight > 0);
  if (seeds.empty() && !work_left) {
    if (!o.forget_hosts.empty() || !o.retry_hosts.empty()) return util::kExitOk;
    Usage(
        "nothing to crawl: give --seed URL, --seeds-file FILE or seeds in --config (or resume "
        "an archive with queued URLs)");
  }

  crawler::CrawlLoopOptions loop;
  loop.seeds = seeds;
  for (const auto& s : sites) {
    loop.scope.allowed_hosts.insert(loop.scope.allowed_hosts.end(), s.hosts.begin(), s.hosts.end());
  }
  if (!loop.scope.allowed_hosts.empty()) {
    for (const auto& s : seeds) loop.scope.allowed_hosts.push_back(util::SplitUrl(s)->host);
  }
  // Hosts sharing the seeds' registrable domain: default < site config < --no-subdomains.
  loop.scope.same_registrable_domain = config::defaults::kSameRegistrableDomain;
  if (settings && settings->same_registrable_domain) {
    loop.scope.same_registrable_domain = *settings->same_registrable_domain;
  }
  if (o.no_subdomains) loop.scope.same_registrable_domain = false;
  if (settings) {
    loop.scope.include_patterns = settings->include_patterns;
    loop.scope.exclude_patterns = settings->exclude_patterns;
    if (settings->max_depth) loop.scope.max_depth = *settings->max_depth;
  }
  if (!o.include_patterns.empty()) loop.scope.include_patterns = o.include_patterns;
  if (!o.exclude_patterns.empty()) loop.scope.exclude_patterns = o.exclude_patterns;
  if (o.max_depth) loop.scope.max_depth = *o.max_depth;
  // An article's following pages are fetched as far as the archive stitches them.
  loop.max_continuation_pages = ArchivingPageHandler::kMaxStitchedPages - 1;
  loop.scope.max_year = 1900 + [] {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm.tm_year;
  }() + 1;
  double delay = o.delay_seconds.value_or(settings && settings->delay_seconds
                                              ? *settings->delay_seconds
                                              : config::defaults::kDelaySeconds);
  loop.scheduler.politeness.delay = std::chrono::milliseconds(static_cast<int64_t>(delay * 1000));
  if (settings && settings->jitter) loop.scheduler.politeness.jitter_fraction = *settings->jitter;
  if (o.jitter) loop.scheduler.politeness.jitter_fraction = *o.jitter;
  if (settings && settings->max_crawl_delay_seconds) {
    loop.scheduler.politeness.max_crawl_delay =
        std::chrono::milliseconds(static_cast<int64_t>(*settings->max_crawl_delay_seconds * 1000));
  }
  if (o.max_pages) {
    loop.max_pages = *o.max_pages;
  } else if (settings && settings->max_pages) {
    loop.max_pages = *settings->max_pages;
  }
  loop.max_time = max_time;
  loop.parked_hosts = parked;
  int park_after = o.park_after.value_or(settings && settings->park_after
                                             ? *settings->park_after
                                             : config::defaults::kParkHostAfterFailedRuns);
  // Removal tracking: an article seen gone on two runs this far apart is marked removed.
  std::chrono::milliseconds removal_grace =
      std::chrono::hours(24) * config::defaults::kRemovalGraceDays;
  if (settings && settings->removal_grace) removal_grace = *settings->removal_grace;
  if (removal_grace_cli) removal_grace = *removal_grace_cli;
  g_stop.store(false);
  loop.stop_requested = &g_stop;
  // The frontier tells the loop when its next host is due (NextWorkIn); a release announced
  // by another worker is read on the next wake, well within a politeness delay.
  if (shared) loop.max_wait = std::chrono::milliseconds(50);

  // 3. The run.
  nlohmann::json options_json = {
      {"seeds", seeds},
      {"delay_seconds", delay},
      {"config", config_path.value_or("")},
      {"max_pages", o.max_pages.value_or(0)},
      {"subdomains", loop.scope.same_registrable_domain},
      {"include", loop.scope.include_patterns},
      {"exclude", loop.scope.exclude_patterns},
      {"max_depth", loop.scope.max_depth},
      {"jitter", loop.scheduler.politeness.jitter_fraction},
      {"user_agent", user_agent},
      {"removal_grace_seconds",
       std::chrono::duration_cast<std::chrono::seconds>(removal_grace).count()},
      {"warc", o.warc_dir.value_or("")}};
  if (shared) {
    options_json["frontier"] = frontier_pg::HidePassword(*o.frontier);
    options_json["worker"] = shared->owner();
  }
  auto run_id = archive->BeginRun(options_json.dump(), std::chrono::system_clock::now());
  if (!run_id) throw util::Fatal(util::kExitFailure, run_id.error().message);

  std::optional<storage::WarcWriter> warc;
  if (o.warc_dir) {
    storage::WarcWriterOptions w;
    w.directory = *o.warc_dir;
    w.software = std::string("newsarc/") + NEWSARC_VERSION;
    w.user_agent = user_agent;
    storage::WarcRecovery recovery;
    auto opened = storage::WarcWriter::Open(w, &recovery);
    if (!opened) throw util::Fatal(util::kExitUsage, opened.error().message);
    for (const auto& f : recovery.finished) {
      util::LogWarning("finished a WARC file left open by a killed run", {{"file", f}});
    }
    for (const auto& f : recovery.removed) {
      util::LogWarning("removed an empty WARC file left by a killed run", {{"file", f}});
    }
    warc.emplace(std::move(*opened));
  }

  crawler::CurlFetcherOptions fetch;
  fetch.user_agent = user_agent;
  fetch.resolve = o.resolve;
  crawler::CurlMultiFetcher fetcher(fetch);
  crawler::SystemClock clock;
  ArchiveFrontier archive_frontier(*archive, *run_id);
  ArchiveRobotsCache archive_robots(*archive);
  std::optional<frontier_pg::PgRobotsCache> shared_robots;
  if (shared) shared_robots.emplace(*shared);
  crawler::Frontier& frontier = shared ? static_cast<crawler::Frontier&>(*shared)
                                       : static_cast<crawler::Frontier&>(archive_frontier);
  crawler::RobotsCache& robots = shared ? static_cast<crawler::RobotsCache&>(*shared_robots)
                                        : static_cast<crawler::RobotsCache&>(archive_robots);
  ArchivingOptions handling;
  handling.run_id = *run_id;
  handling.sites = &sites;
  handling.warc = warc ? &*warc : nullptr;
  handling.removal.grace = removal_grace;
  handling.removal.home_urls = seeds;
  handling.stop = &g_stop;
  bool terminal = isatty(STDERR_FILENO) &&
                  util::CurrentLogConfig().min_level <= util::LogLevel::kWarning &&
                  util::CurrentLogConfig().format == util::LogFormat::kText;
  handling.progress = terminal;
  handling.max_pages = loop.max_pages;
  handling.max_time = loop.max_time;
  // Extraction threads (#13 point 3): one per core by default, at most four.
  handling.extract_threads =
      o.jobs.value_or(std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 4));
  ArchivingPageHandler handler(*archive, handling);

  crawler::CrawlStats stats;
  {
    StopSignals signals;
    stats = crawler::RunCrawlLoop(loop, fetcher, clock, frontier, &robots, handler);
  }
  handler.FinishPendingStitches();
  util::ClearStatusLine();  // the summary below gives the final figures
  if (warc) (void)warc->Close();

  bool storage_failed = handler.error().has_value() || archive_frontier.error().has_value() ||
                        (shared && shared->error().has_value());
  storage::RunCounts counts = handler.counts();
  // Errors are URLs that failed for good; a 500 that answered 200 on a retry is no error.
  counts.errors = stats.errors;
  std::string status = storage_failed        ? "failed"
                       : g_stop.load()       ? "interrupted"
                       : stats.stopped_early ? "limited"
                                             : "finished";
  storage::RunOffsite offsite;
  offsite.links = stats.offsite_links;
  for (const auto& h : stats.offsite_hosts) {
    offsite.hosts.push_back({h.host, h.links, h.example_url, h.discovered_from});
  }
  if (auto f =
          archive->FinishRun(*run_id, counts, status, std::chrono::system_clock::now(), offsite);
      !f) {
    util::LogError(f.error().message);
  }
  // A host failing on run after run is parked: its failures and queue no longer make exit 3.
  ParkedShare share = RecordHostOutcomes(*archive, stats.hosts, parked, park_after);
  util::LogFields summary = {{"run", std::to_string(*run_id)},
                             {"status", status},
                             {"fetched", std::to_string(counts.fetched)},
                             {"articles_new", std::to_string(counts.articles_new)},
                             {"articles_changed", std::to_string(counts.articles_changed)},
                             {"errors", std::to_string(counts.errors)},
                             {"retries", std::to_string(stats.retries)},
                             {"skipped", std::to_string(counts.skipped)},
                             {"queued", std::to_string(stats.left_queued)}};
  // Removals only when there are some: the usual summary stays as it was.
  const RemovalTally& removals = handler.removals();
  if (removals.removed > 0) summary.push_back({"removed", std::to_string(removals.removed)});
  if (removals.sighted > 0) summary.push_back({"seen_gone", std::to_string(removals.sighted)});
  if (removals.restored > 0) summary.push_back({"restored", std::to_string(removals.restored)});
  // Quiet for cron unless something went wrong (failures, or a stop by signal with work
  // left); always on a terminal or with -v.
  bool noteworthy = counts.errors > 0 || storage_failed || status == "interrupted";
  if (terminal || noteworthy) {
    util::Log(noteworthy ? util::LogLevel::kWarning : util::LogLevel::kInfo, "crawl " + status,
              summary);
    if (terminal && !noteworthy && util::CurrentLogConfig().min_level > util::LogLevel::kInfo) {
      std::string line = "newsarc: crawl " + status;
      for (const auto& [k, v] : summary) line += " " + k + "=" + v;
      std::fprintf(stderr, "%s\n", line.c_str());
    }
  } else {
    util::LogInfo("crawl " + status, summary);
  }
  if (storage_failed) return util::kExitFailure;
  if (counts.errors > share.errors || stats.left_queued > share.queued) return util::kExitPartial;
  return util::kExitOk;
}

void SetupCrawl(CLI::App& app, RunState& state) {
  auto options = std::make_shared<CrawlCommandOptions>();
  CLI::App* sub = app.add_subcommand("crawl", "Crawl seed URLs politely into an archive");
  sub->add_option("--db", options->db, "Archive file (SQLite), created if missing")->required();
  CLI::Option* config_opt =
      sub->add_option("--config", options->config,
                      "Site configuration (TOML); default: the first of ./newsarc.toml and "
                      "$XDG_CONFIG_HOME/newsarc/config.toml that exists")
          ->check(CLI::ExistingFile);
  sub->add_flag("--no-config", options->no_config, "Read no config file, not even a found one")
      ->excludes(config_opt);
  sub->add_option("--seed", options->seeds, "Start URL (repeatable)");
  sub->add_option("--seeds-file", options->seeds_file, "File with one start URL per line")
      ->check(CLI::ExistingFile);
  sub->add_option("--delay", options->delay_seconds,
                  "Minimum seconds between requests to one host (default 1)")
      ->check(NumberAtLeastZero());
  sub->add_option("--max-pages", options->max_pages, "Stop after this many fetches")
      ->check(WholeNumberAtLeast(1));
  sub->add_option("--max-time", options->max_time, "Stop after this long, e.g. 90s, 30m, 2h");
  sub->add_option("--warc", options->warc_dir,
                  "Also write WARC 1.1 files into this directory (created when missing)");
  sub->add_option("--revalidate-after", options->revalidate_after,
                  "Fetch archived articles again (conditional GET) when last fetched this long "
                  "ago, e.g. 30d (default), 12h; 0 = never");
  sub->add_option("--removal-grace", options->removal_grace,
                  "Mark an archived article removed once it is seen gone (404/410, an error "
                  "page, a redirect to the home page) on two runs this far apart, e.g. 7d "
                  "(default), 36h; 0 = on the second run; never deleted");
  sub->add_flag("--no-subdomains", options->no_subdomains,
                "Stay on the seeds' hosts: no other hosts of their registrable domain "
                "(news.x.org.cn, not www.x.org.cn)");
  sub->add_option("--include", options->include_patterns,
                  "Fetch only URLs containing this pattern (repeatable; '*' matches any run of "
                  "characters; not a regular expression); replaces the config's include")
      ->check(UrlPatternCheck());
  sub->add_option("--exclude", options->exclude_patterns,
                  "Never fetch URLs containing this pattern (repeatable, as --include); "
                  "replaces the config's exclude")
      ->check(UrlPatternCheck());
  sub->add_option("--max-depth", options->max_depth,
                  "Follow links at most this many steps from a seed (0 = the seeds only; "
                  "default 50); a listing's further pages count as deep as its first")
      ->check(WholeNumberAtLeast(0));
  sub->add_option("--jitter", options->jitter,
                  "Random spread on each gap between requests to a host, as a fraction of it "
                  "(0.2 = ±20 %; default 0)")
      ->check(FractionBelowOne());
  CLI::Option* contact_opt =
      sub->add_option("--contact,--user-agent-contact", options->contact,
                      "How site owners reach you, sent in the User-Agent: newsarc/VERSION "
                      "(+CONTACT); an https:// URL or an e-mail address (default: the project's "
                      "page)")
          ->check(ContactCheck());
  sub->add_option("--user-agent", options->user_agent,
                  "The whole User-Agent instead (warned about when it has no URL or e-mail); "
                  "robots.txt rules are still matched for 'newsarc'")
      ->check(UserAgentCheck())
      ->excludes(contact_opt);
  sub->add_option("--resolve", options->resolve,
                  "HOST:PORT:ADDR: connect to ADDR for HOST:PORT, like curl (repeatable)");
  sub->add_option("--jobs", options->jobs,
                  "Threads that extract pages while the crawl keeps fetching; one more writes "
                  "the archive (default: one per core, at most 4; 0 = all on one thread)")
      ->check(WholeNumberAtLeast(0));
  sub->add_option("--park-after", options->park_after,
                  "Park a host that got no answer in this many runs in a row: later runs skip "
                  "it, its queue kept (default 3, or the config's park_after; 0 = never)")
      ->check(WholeNumberAtLeast(0));
  sub->add_option("--retry-host", options->retry_hosts,
                  "Unpark HOST (host[:port]) and crawl it again in this run (repeatable)");
  sub->add_option("--forget-host", options->forget_hosts,
                  "Drop the queued and failed URLs of HOST (host[:port]) before the run; "
                  "without seeds or other work, only that (repeatable)");
  sub->add_option("--frontier", options->frontier,
                  "Share the frontier, robots.txt and per-host politeness with other workers "
                  "in PostgreSQL (postgresql://...): run one crawl per machine, each with its "
                  "own --db; hosts are leased to one worker at a time");
  sub->add_option("--lease", options->lease_seconds,
                  "With --frontier: seconds a worker's lease on a host lasts unrenewed; a dead "
                  "worker's hosts go to others after it (default 30)")
      ->check(NumberInRange(0.1, 86400, "seconds from 0.1 up to a day", "SECONDS"));
  sub->add_option("--lease-hosts", options->lease_hosts,
                  "With --frontier: hosts a worker leases at once (default 128)")
      ->check(WholeNumberAtLeast(1));
  sub->footer(
      "Settings: a flag overrides the config file, which overrides the built-in defaults; a\n"
      "flag given replaces the config's value (--include replaces its include list).\n"
      "Config file: --config FILE; without it ./newsarc.toml if it exists, else\n"
      "$XDG_CONFIG_HOME/newsarc/config.toml (XDG_CONFIG_HOME defaults to ~/.config); -v logs\n"
      "the file used, --no-config reads none.\n"
      "A crawl can be interrupted (Ctrl-C, SIGTERM, kill -9) and resumed by running the same\n"
      "command again on the same archive. Exit codes: 0 done (parked hosts only warned about),\n"
      "3 work left or some pages failed, 4 another crawl holds the archive.");
  sub->callback([options, &state] { state.exit_code = RunCrawl(*options); });
}

}  // namespace cli
