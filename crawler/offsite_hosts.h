// An OffsiteTally counts, over one crawl run, the links the scope refused because their host
// is off-site: per host the number of links, the first such URL and the page that linked it,
// so that a run can say what it did not follow. Tracks at most `max_hosts` hosts; links to
// further hosts are counted in the total only. Not thread-safe (the crawl loop's).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/defaults.h"

namespace crawler {

struct OffsiteHost {
  std::string host;             // "host" or "host:port", as frontier entries key hosts
  long links = 0;               // refused links (and redirects) to it
  std::string example_url;      // the first one
  std::string discovered_from;  // the page that held it
};

class OffsiteTally {
 public:
  explicit OffsiteTally(size_t max_hosts = config::defaults::kMaxOffsiteHostsTracked)
      : max_hosts_(max_hosts) {}

  // Counts one refused link to `host`; true when it is the first to that host this run (and
  // the host is tracked), the moment to log it.
  bool Add(std::string_view host, std::string_view url, std::string_view discovered_from);

  // Tracked hosts, most links first, ties by host name.
  std::vector<OffsiteHost> ByLinks() const;
  long links() const { return links_; }  // every refused link, tracked host or not
  size_t hosts() const { return hosts_.size(); }

 private:
  size_t max_hosts_;
  long links_ = 0;
  std::unordered_map<std::string, OffsiteHost> hosts_;
};

// "a.org (12), b.org:8080 (3) and 5 more": the first `max_named` hosts of `hosts` (as ByLinks()
// orders them) with their link counts; "" for none.
std::string DescribeOffsiteHosts(const std::vector<OffsiteHost>& hosts, size_t max_named);

}  // namespace crawler
