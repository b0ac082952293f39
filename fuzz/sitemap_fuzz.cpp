// libFuzzer target: the sitemap reader and follow planner on arbitrary bytes (XML, text, gzip,
// garbage). ParseSitemap must never fail or exceed its caps; PlanSitemapFollow must only hand
// back http(s) URLs within its budget. Seed with a few sitemaps, e.g.:
//   mkdir -p /tmp/fz-sitemap && build/fuzz/fuzz/newsarc_sitemap_fuzz -max_total_time=300 \
//     -max_len=65536 /tmp/fz-sitemap
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "crawler/sitemap.h"
#include "util/url.h"

namespace {

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

// What the crawl loop needs of a URL the planner hands back: an http(s) URL it can split.
bool IsHttp(std::string_view url) { return util::SplitUrl(url).has_value(); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  crawler::SitemapLimits limits;
  limits.max_decoded_bytes = 1 << 20;  // keep gzip inputs fast
  limits.max_entries = 500;
  const crawler::SitemapParse parse = crawler::ParseSitemap(bytes, limits);
  Check(parse.entries.size() <= limits.max_entries);
  if (parse.kind == crawler::SitemapKind::kUnknown) Check(parse.entries.empty());
  for (const auto& e : parse.entries) Check(!e.loc.empty() && e.loc.size() <= limits.max_loc_bytes);

  crawler::SitemapFollowOptions options;
  options.max_child_sitemaps = 10;
  const crawler::SitemapFollowPlan plan =
      crawler::PlanSitemapFollow(parse, "http://a.test/sitemap.xml", 0, 5, options);
  Check(plan.child_sitemaps.size() <= 5);
  for (const auto& url : plan.child_sitemaps) Check(IsHttp(url));
  for (const auto& page : plan.pages) Check(IsHttp(page.loc));
  return 0;
}
