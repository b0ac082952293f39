// `newsarc crawl`: crawls seeds politely into an archive.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cli {

struct CrawlCommandOptions {
  std::string db;
  std::optional<std::string> config;
  std::vector<std::string> seeds;
  std::optional<std::string> seeds_file;
  std::optional<double> delay_seconds;
  std::optional<long> max_pages;
  std::optional<std::string> max_time;
  std::optional<std::string> warc_dir;
  std::vector<std::string> resolve;             // HOST:PORT:ADDR
  std::optional<std::string> revalidate_after;  // duration; "0" = never
  bool no_subdomains = false;  // only the seeds' and configured hosts, not their siblings
  // Hosts parked after failed runs (cli/host_parking.h).
  std::vector<std::string> forget_hosts;  // drop their queues
  std::vector<std::string> retry_hosts;   // unpark them
  std::optional<int> park_after;          // failed runs in a row that park a host; 0 = never
};

int RunCrawl(const CrawlCommandOptions& options);

}  // namespace cli
