#include "crawler/yield_guard.h"

#include <algorithm>
#include <set>

namespace crawler {

std::string UrlTemplate(std::string_view url) {
  // Past the scheme and authority.
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : url.find('/', start + 3);
  if (start == std::string_view::npos) return "/";
  std::string_view rest = url.substr(start);
  rest = rest.substr(0, rest.find('#'));
  size_t q = rest.find('?');
  std::string_view path = rest.substr(0, q);
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] >= '0' && path[i] <= '9') {
      while (i + 1 < path.size() && path[i + 1] >= '0' && path[i + 1] <= '9') ++i;
      out += '#';
    } else {
      out += path[i];
    }
  }
  if (q == std::string_view::npos) return out;
  std::set<std::string> names;
  std::string_view query = rest.substr(q + 1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    names.insert(std::string(pair.substr(0, pair.find('='))));
    if (amp == std::string_view::npos) break;
    query = query.substr(amp + 1);
  }
  out += '?';
  bool first = true;
  for (const std::string& name : names) {
    if (!first) out += '&';
    out += name;
    first = false;
  }
  return out;
}

void YieldGuard::Restore(TemplateYield yield) {
  if (yield.given_up) {
    yield.given_up = false;
    yield.barren_streak = std::max(0, options_.max_barren - options_.probe_fetches);
  }
  auto key = std::make_pair(yield.host, yield.url_template);
  yields_[key] = std::move(yield);
}

bool YieldGuard::Allows(const std::string& host, const std::string& url_template) const {
  const TemplateYield* y = Find(host, url_template);
  return y == nullptr || !y->given_up;
}

bool YieldGuard::Record(const std::string& host, const std::string& url_template, bool productive) {
  TemplateYield& y = yields_[{host, url_template}];
  if (y.url_template.empty()) {
    y.host = host;
    y.url_template = url_template;
  }
  ++y.fetched;
  if (productive) {
    ++y.productive;
    y.barren_streak = 0;
    return false;
  }
  ++y.barren_streak;
  if (y.given_up || y.barren_streak < options_.max_barren) return false;
  y.given_up = true;
  return true;
}

const TemplateYield* YieldGuard::Find(const std::string& host,
                                      const std::string& url_template) const {
  auto it = yields_.find({host, url_template});
  return it == yields_.end() ? nullptr : &it->second;
}

}  // namespace crawler
