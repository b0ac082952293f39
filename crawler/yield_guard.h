// The trap guard by yield: the crawler wants articles, so per host and URL template (the path
// with its digits abstracted, the query's parameter names without their values) it keeps what
// the first fetches of the template's pages produced. A template whose last fetches all
// produced nothing new (no new article, no new article link, no template new to the host) is
// given up: its URLs are no longer queued or fetched this run. Calendars inside plausible
// years, search results, tag and print-view families end this way, whatever their names; a
// real listing, whose every page lists new articles, never does. What a template yielded is
// kept in the archive (Frontier::SaveTemplateYield), so a resumed or later run remembers it and
// gives a template given up before only a short probe.
// Pure bookkeeping: no I/O, no clock; not thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "config/defaults.h"

namespace crawler {

// "/calendar.jsp?date=2021-03-05" → "/calendar.jsp?date", "/news/list_12.html" →
// "/news/list_#.html", "/a.asp?page=3&id=7" → "/a.asp?id&page": the path with every run of ASCII
// digits replaced by '#', then the query's parameter names, sorted and deduplicated. The host
// is kept apart (YieldGuard is keyed by host and template). Takes a canonical absolute URL.
std::string UrlTemplate(std::string_view url);

struct YieldOptions {
  // A template is given up after this many fetches in a row produced nothing new. A calendar
  // linking days and months costs about twice this (two templates); a listing's pages that
  // only repeat known articles (a second sort order) are given up after as many.
  int max_barren = config::defaults::kTrapMaxBarrenFetches;
  // A template an earlier run gave up gets this many fetches: one that yields again (the site
  // changed) is taken up again, one that does not is given up after them.
  int probe_fetches = config::defaults::kTrapProbeFetches;
};

// What the first fetches of one template's pages produced, on one host.
struct TemplateYield {
  std::string host;
  std::string url_template;
  long fetched = 0;       // fetches counted (each page's first fetch)
  long productive = 0;    // of which produced something new
  int barren_streak = 0;  // the last fetches in a row that produced nothing
  bool given_up = false;
};

class YieldGuard {
 public:
  explicit YieldGuard(YieldOptions options = {}) : options_(options) {}

  // What an earlier run kept. A template it gave up is allowed again for probe_fetches.
  void Restore(TemplateYield yield);
  // Whether URLs of `url_template` on `host` may still be queued and fetched.
  bool Allows(const std::string& host, const std::string& url_template) const;
  // Counts one fetch of a page of the template; true when it made the template given up.
  bool Record(const std::string& host, const std::string& url_template, bool productive);
  // The template's counts (nullptr when none were recorded or restored).
  const TemplateYield* Find(const std::string& host, const std::string& url_template) const;

 private:
  YieldOptions options_;
  std::map<std::pair<std::string, std::string>, TemplateYield> yields_;
};

}  // namespace crawler
