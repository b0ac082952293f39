#include "crawler/offsite_hosts.h"

#include <algorithm>

namespace crawler {

bool OffsiteTally::Add(std::string_view host, std::string_view url,
                       std::string_view discovered_from) {
  ++links_;
  std::string key(host);
  if (auto it = hosts_.find(key); it != hosts_.end()) {
    ++it->second.links;
    return false;
  }
  if (hosts_.size() >= max_hosts_) return false;
  hosts_.emplace(key, OffsiteHost{key, 1, std::string(url), std::string(discovered_from)});
  return true;
}

std::vector<OffsiteHost> OffsiteTally::ByLinks() const {
  std::vector<OffsiteHost> out;
  out.reserve(hosts_.size());
  for (const auto& [key, host] : hosts_) out.push_back(host);
  std::sort(out.begin(), out.end(), [](const OffsiteHost& a, const OffsiteHost& b) {
    return a.links != b.links ? a.links > b.links : a.host < b.host;
  });
  return out;
}

std::string DescribeOffsiteHosts(const std::vector<OffsiteHost>& hosts, size_t max_named) {
  std::string out;
  size_t named = std::min(max_named, hosts.size());
  for (size_t i = 0; i < named; ++i) {
    if (i > 0) out += ", ";
    out += hosts[i].host + " (" + std::to_string(hosts[i].links) + ")";
  }
  if (hosts.size() > named) {
    out += (out.empty() ? "" : " and ") + std::to_string(hosts.size() - named) + " more";
  }
  return out;
}

}  // namespace crawler
