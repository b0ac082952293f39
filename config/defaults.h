// The one home of newsarc's built-in defaults, grouped by area (enabling flags first).
// Site configs (TOML) override these; command-line flags override site configs.
#pragma once

#include <cstddef>

namespace config::defaults {

// --- Extraction -------------------------------------------------------------------------------
// Site-local time zone for printed times without a zone: Asia/Shanghai.
inline constexpr int kUtcOffsetMinutes = 8 * 60;
// Dates before this year are rejected as impossible for web news.
inline constexpr int kMinArticleYear = 1990;
// Longest page decoded and parsed; longer input is cut at a character boundary.
inline constexpr size_t kMaxExtractInputBytes = 16u << 20;
// Most elements (start tags) parsed per page; the page is cut before the next one. An element
// costs about 1 KB at the peak of an extraction (Gumbo's tree and our copy of it, its text
// node, the links read from it), so this bounds one extraction to about 50 MB whatever the
// markup: 200,000 bare links took 600 MB. The largest page of the dev corpus has 7,800
// elements; a listing of 6,000 entries of 6 elements each still fits whole.
inline constexpr size_t kMaxParsedElements = 40'000;
// Most links kept per page over all its lists (entry, pagination, article, other links), and
// the bytes of their URLs, texts and POST bodies. A page of nothing but <a>s has 40,000 links
// under kMaxParsedElements; the dev corpus has at most 1,650.
inline constexpr size_t kMaxPageLinks = 20'000;
inline constexpr size_t kMaxPageLinkBytes = 4u << 20;

// --- Crawling ---------------------------------------------------------------------------------
// Hosts sharing a seed's registrable domain (news.x.org.cn → www.x.org.cn) are in scope.
inline constexpr bool kSameRegistrableDomain = true;
inline constexpr double kDelaySeconds = 1.0;
inline constexpr double kDelayFactor = 2.0;
inline constexpr double kMaxDelaySeconds = 30.0;
inline constexpr double kMaxCrawlDelaySeconds = 60.0;
inline constexpr int kMaxHostsInFlight = 32;
inline constexpr int kMaxRedirects = 5;
inline constexpr size_t kMaxBodyBytes = 10u << 20;
inline constexpr int kMaxConsecutiveFailures = 5;
// Tries per URL in one run when the server answers 429/503/5xx or the network fails.
inline constexpr int kMaxAttempts = 3;
// Trap guard by yield (crawler/yield_guard.h): a URL template is given up after this many of
// its pages in a row produced nothing new; one an earlier run gave up gets this many probes.
inline constexpr int kTrapMaxBarrenFetches = 8;
inline constexpr int kTrapProbeFetches = 2;
// A host that got no answer (DNS failure, refused, timeouts, robots.txt 5xx) in this many runs
// in a row is parked: later runs skip it, its queue kept (crawl --park-after; 0 = never).
inline constexpr int kParkHostAfterFailedRuns = 3;
// Archived articles are fetched again (conditional GET) when their last fetch is this old.
inline constexpr int kRevalidateAfterDays = 30;
// An archived article seen gone (404/410, an error page, a redirect to the home page) on two
// runs at least this many days apart is marked removed (crawl --removal-grace; never deleted).
inline constexpr int kRemovalGraceDays = 7;
// A Retry-After longer than this parks the host for the run (its URLs wait for the next run).
inline constexpr double kMaxRetryAfterSeconds = 600.0;
// The User-Agent is "newsarc/VERSION (+CONTACT)": robots.txt groups are matched against the
// product token, and CONTACT tells a site's owner who is crawling (crawl --contact, the config's
// user_agent_contact); without one, the project's page.
inline constexpr const char* kUserAgentProduct = "newsarc";
inline constexpr const char* kUserAgentContact = "https://github.com/newsarc/newsarc";
// Links followed from a seed before a page is out of scope (crawl --max-depth, max_depth).
inline constexpr int kMaxDepth = 50;
// Off-site hosts a run counts refused links for (more are counted in the total only), and how
// many of them the end-of-run log line names.
inline constexpr size_t kMaxOffsiteHostsTracked = 1000;
inline constexpr size_t kOffsiteHostsLogged = 20;
// Links refused by the crawl's scope (exclude/include patterns, depth, trap checks) a run
// records by URL in the archive for audit and urls (the first ones; later ones are only
// logged by -vv), so that an endless trap cannot fill the archive.
inline constexpr size_t kMaxScopeRefusalsRecorded = 20000;

}  // namespace config::defaults
