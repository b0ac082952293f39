// `newsarc crawl`: crawls seeds politely into an archive.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cli {

struct CrawlCommandOptions {
  std::string db;
  std::optional<std::string> config;
  bool no_config = false;  // neither --config nor a discovered file (cli/config_discovery.h)
  std::vector<std::string> seeds;
  std::optional<std::string> seeds_file;
  std::optional<double> delay_seconds;
  std::optional<long> max_pages;
  std::optional<std::string> max_time;
  std::optional<std::string> warc_dir;
  std::vector<std::string> resolve;             // HOST:PORT:ADDR
  std::optional<std::string> revalidate_after;  // duration; "0" = never
  // Seen gone on two runs this far apart marks an archived article removed (duration).
  std::optional<std::string> removal_grace;
  bool no_subdomains = false;  // only the seeds' and configured hosts, not their siblings
  // Scope and identity; each one given replaces the config's value.
  std::vector<std::string> include_patterns;  // URL substrings or globs (crawler/scope.h)
  std::vector<std::string> exclude_patterns;
  std::optional<int> max_depth;
  std::optional<double> jitter;           // fraction of each gap, 0 <= jitter < 1
  std::optional<std::string> contact;     // URL or e-mail address in the User-Agent
  std::optional<std::string> user_agent;  // the whole User-Agent instead
  // Hosts parked after failed runs (cli/host_parking.h).
  std::vector<std::string> forget_hosts;  // drop their queues
  std::vector<std::string> retry_hosts;   // unpark them
  std::optional<int> park_after;          // failed runs in a row that park a host; 0 = never
  // Threads extracting pages beside the fetching loop (#13 point 3); 0 = on the loop's thread.
  std::optional<int> jobs;
  // A frontier shared by several workers in PostgreSQL (frontier_pg/): its connection URI,
  // how long a worker's lease on a host lasts (seconds) and how many hosts it leases at once.
  std::optional<std::string> frontier;
  double lease_seconds = 30;
  int lease_hosts = 128;
};

int RunCrawl(const CrawlCommandOptions& options);

}  // namespace cli
