// A UrlReport is everything the archive knows about one URL: its frontier entry (state,
// attempts, next attempt, why it was skipped or failed), every fetch of it, the redirects
// leading into and out of it, and the article archived from it with its versions. A UrlListRow
// is one frontier entry as `newsarc urls` lists it, read through a UrlCursor one row at a time.
// Read-only queries over a borrowed Archive (which must outlive the cursor); plain structs out,
// nothing printed. Safe while a crawl writes (WAL): each report or cursor reads one snapshot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/article.h"
#include "extract/article_json.h"
#include "storage/archive.h"
#include "storage/removal.h"
#include "storage/sqlite_handles.h"
#include "util/error.h"

namespace storage {

// The first schema version these readers understand (fetches.page_kind, kind_reason).
inline constexpr int kUrlReportSchemaVersion = 8;

// Fails (kStorage, "FILE has archive schema version N …; open it read-write once …") when the
// archive is older than kUrlReportSchemaVersion; ReadUrlReport and UrlCursor::Open check it too.
util::Result<void> CheckUrlReportSchema(const Archive& archive);

// The key the archive stores `typed` under, canonicalized as the crawler keys its frontier and
// fetches (util::CanonicalizeUrl); a fragment is kept only when it names a form post
// ("#__doPostBack(…)"). nullopt when `typed` is not an http(s) URL.
std::optional<std::string> UrlKeyOf(std::string_view typed);

// One row of `fetches`, with the size and hash of its capture.
struct UrlFetch {
  int64_t id = 0;
  std::optional<int64_t> run_id;  // nullopt for pages recorded outside a run
  std::string url;
  std::string started_at;
  std::optional<int64_t> status;
  std::string outcome;  // ok / not_modified / robots_disallowed / http_error / redirect / …
  std::optional<std::string> error;
  // The redirect target as stored: import-warc keeps a redirect's Location here; a crawl keeps
  // none (its target is the frontier entry the redirect queued, see UrlReport::redirects).
  std::optional<std::string> final_url;
  std::optional<std::string> content_type;
  std::optional<int64_t> duration_ms;
  std::optional<int64_t> bytes;  // on the wire
  std::optional<std::string> retry_after;
  std::optional<std::string> page_kind;  // article / listing / other; nullopt: not extracted
  std::optional<std::string> kind_reason;
  std::optional<std::string> warc_record_id;
  std::optional<int64_t> capture_id;
  std::optional<int64_t> capture_size;  // decoded payload bytes
  std::optional<std::string> capture_sha256;
};

// A frontier entry with everything the frontier table keeps.
struct UrlFrontierEntry {
  std::string url;
  std::string host;
  std::string state;  // queued / in_flight / done / failed / skipped
  std::string kind;   // why it was queued: seed / listing / article / redirect / …
  int64_t depth = 0;
  int64_t redirects = 0;  // redirect hops that led here
  // Failed tries: frontier.attempts, plus the last try for a failed entry (the try that makes
  // the crawler give up is not counted in the column).
  int64_t attempts = 0;
  int64_t priority = 0;
  std::optional<std::string> discovered_from;
  std::optional<std::string> next_attempt_at;  // not before this time; nullopt = when its turn
  std::string updated_at;
  std::optional<int64_t> run_id;  // the run that discovered it
  bool is_form_post = false;
  std::string reason;  // FrontierReason of the entry and its latest fetch
};

// One redirect hop: `from` answered `status` pointing to `to`.
struct UrlRedirect {
  std::string from;
  std::string to;
  std::optional<int64_t> status;
  std::string at;  // when `from` was fetched
};

// One stored version of an article, with what differs from the version before it.
struct UrlVersion {
  int64_t version = 0;
  std::string fetched_at;
  std::optional<int64_t> capture_id;
  std::string content_sha256;
  std::optional<std::string> title;
  size_t body_bytes = 0;
  // Fields that differ from the previous version ("title", "body", "published_date", "source",
  // "author", "section"); empty for version 1.
  std::vector<std::string> changed;
};

// How the article of a report was found from the URL asked about.
enum class ArticleMatch {
  kUrl,        // archived under the URL itself
  kCapture,    // archived under its rel=canonical URL; a fetch of the URL holds its capture
  kRedirect,   // archived under (or crawled at) a URL the URL redirects to
  kCanonical,  // the URL is the article's own canonical URL, crawled at other URLs
};

const char* ArticleMatchName(ArticleMatch match);

struct UrlArticle {
  ArticleMatch match = ArticleMatch::kUrl;
  extract::Article article;
  extract::ArchiveStamp stamp;
  std::string changed_at;  // when the current version was first fetched
  std::optional<int64_t> capture_id;
};

// A run that refused links to the URL's host as off-site (crawl_runs.offsite_hosts).
struct OffsiteRefusal {
  int64_t run_id = 0;
  OffsiteHostCount host;
};

struct UrlReport {
  std::string url;  // the key asked about (UrlKeyOf of what was typed)
  std::optional<UrlFrontierEntry> frontier;
  // Hops from `url` onwards (its Location chain, at most kMaxRedirectHops), and the hop that
  // led to `url`, as far as the archive records them.
  std::vector<UrlRedirect> redirects;
  std::optional<UrlRedirect> redirected_from;
  // Every fetch of `url`, of the URLs its redirects lead to, and (for an article archived
  // under another URL, or crawled at other URLs) the fetches holding the article's captures;
  // oldest first.
  std::vector<UrlFetch> fetches;
  std::optional<UrlArticle> article;
  // The article's removal state (removal.h): when it was marked removed, its sightings.
  RemovalState removal;
  std::vector<UrlVersion> versions;  // oldest first
  // The latest run that refused links to the URL's host as off-site; nullopt when none did.
  std::optional<OffsiteRefusal> offsite;

  // Whether the archive knows the URL itself (a frontier entry, a fetch or an article).
  bool IsKnown() const { return frontier || !fetches.empty() || article; }
};

inline constexpr int kMaxRedirectHops = 10;

// Reads the report of `url_key` (UrlKeyOf) in one read transaction.
util::Result<UrlReport> ReadUrlReport(const Archive& archive, const std::string& url_key);

// The article a URL leads to: its row in `articles` and how it was found.
struct UrlArticleRef {
  int64_t article_id = 0;
  ArticleMatch match = ArticleMatch::kUrl;  // kUrl, kCapture or kRedirect
};

// The article of `url_key` (UrlKeyOf) as ReadUrlReport finds it: archived under the URL, under
// its rel=canonical URL (a fetch of the URL holds its capture), or so at the end of the URL's
// redirects; nullopt when none. Reads in the caller's read transaction (BeginRead) if any.
util::Result<std::optional<UrlArticleRef>> FindUrlArticle(const Archive& archive,
                                                          const std::string& url_key);

// What `newsarc urls --state` selects. Frontier states as stored; kQueued includes in_flight
// (taken by a running crawl, or left by a killed one: queued again by the next run).
enum class UrlStateFilter { kAll, kQueued, kDone, kFailed, kSkipped, kTrap };

struct UrlListQuery {
  UrlStateFilter state = UrlStateFilter::kAll;
  std::optional<std::string> host = std::nullopt;  // frontier.host: "host" or "host:port"
};

// One frontier entry with its latest fetch.
struct UrlListRow {
  std::string url;
  std::string host;
  std::string state;
  std::string kind;
  int64_t attempts = 0;  // failed tries, as UrlFrontierEntry::attempts
  std::optional<std::string> next_attempt_at;
  std::optional<std::string> discovered_from;
  std::optional<std::string> last_fetched_at;
  std::optional<int64_t> last_status;
  std::optional<std::string> last_outcome;
  std::optional<std::string> last_error;
  std::optional<std::string> last_page_kind;
  // Why the entry stands where it does, in a few words (FrontierReason).
  std::string reason;
};

// The reason of a row from its state, attempts and latest fetch: "robots.txt disallows it",
// "timeout after 3 attempts", "retry not before …", "article", "http_error 404", …
std::string FrontierReason(const UrlListRow& row);

// Streams the frontier in discovery order (frontier id), one entry per Next(): constant memory
// however large the frontier. Call inside Archive::BeginRead() for a snapshot.
class UrlCursor {
 public:
  static util::Result<UrlCursor> Open(const Archive& archive, const UrlListQuery& query);

  // Moves to the next entry: true when there is one.
  util::Result<bool> Next();
  const UrlListRow& row() const { return row_; }

 private:
  explicit UrlCursor(Statement stmt) : stmt_(std::move(stmt)) {}

  Statement stmt_;
  UrlListRow row_;
};

// Hosts crawl runs refused as off-site (only the host, its link count, one example URL and the
// page linking it are recorded, per run), newest run first, each host once (its latest run).
util::Result<std::vector<OffsiteRefusal>> ReadOffsiteRefusals(
    const Archive& archive, const std::optional<std::string>& host = std::nullopt);

}  // namespace storage
