// Removal tracking: whether a fetch of an archived article's URL says the article is gone, and
// the rule that marks it removed.
//
// A fetch is evidence that the article is gone ("a sighting") when it answers 404 or 410; when
// it is a 2xx page the extractor took for an error page ("该信息已删除", "页面不存在") or for a
// page without an article (a template with too little text for one); or when it redirects
// straight to the site's home page. Nothing else is: a 5xx, a 429, a timeout or a DNS failure
// is the server's trouble, not the article's, and a 304, an article page or a listing (an
// extractor may take a short article among many links for one) say nothing against it.
//
// An article whose open sightings span two different runs at least the grace apart is marked
// removed: articles.removed_at is its first open sighting (when it was first seen gone), and
// removed_reason the confirming sighting's reason. An article that answers again (an article
// page or a 304 fetched after its last sighting) has its sightings cleared and its removal
// undone. Nothing is deleted: the article, its versions and captures, and each sighting's
// evidence fetch stay.
//
// The bookkeeping functions work inside the caller's write transaction (Archive::RecordPage
// calls them for each record); the readers are free functions on an open Archive.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/defaults.h"
#include "storage/page_record.h"
#include "storage/sqlite_handles.h"
#include "util/error.h"

namespace storage {

class Archive;

struct RemovalPolicy {
  // Sightings must span this long, on two different runs, before an article is marked removed;
  // 0: the second run that sees it gone marks it.
  std::chrono::milliseconds grace = std::chrono::hours(24) * config::defaults::kRemovalGraceDays;
  // Pages taken for a home page besides "/" and the root index pages (/index.html,
  // /default.aspx, ...): the crawl's seeds. Compared without their fragment.
  std::vector<std::string> home_urls;
};

// Why `record` says that the article crawled at its URL is gone: "http_404", "http_410",
// "error_page: 该信息已删除", "no_article" or "redirect_home: URL"; nullopt when it does not.
// Pure.
std::optional<std::string> GoneReason(const PageRecord& record, const RemovalPolicy& policy);

// Whether `url` is a home page: an http(s) URL without query whose path is "/" or a root index
// page (index.htm[l], index.shtml, index.php, index.jsp, index.asp[x], default.htm[l],
// default.asp[x], in any case), or one of `home_urls`. Pure.
bool IsHomePageUrl(std::string_view url, const std::vector<std::string>& home_urls = {});

// RemovalChange and RemovalOutcome (what one record did) are in storage/page_record.h.

// Records fetch `fetch_id` of `url`, made at `seen_at` by run `run_id`, as a sighting of
// article `article_id` gone for `reason`, and marks the article removed when the rule above
// holds (a sighting without a run pairs with no other). A fetch older than the article's last
// fetch is ignored (kNone): the article answered after it.
// REQUIRES: inside a write transaction on `db`; schema kRemovalSchemaVersion or later.
util::Result<RemovalOutcome> RecordGoneSighting(const Db& db, int64_t article_id,
                                                const std::string& url,
                                                std::optional<int64_t> run_id,
                                                std::chrono::system_clock::time_point seen_at,
                                                const std::string& reason, int64_t fetch_id,
                                                std::chrono::milliseconds grace);

// Article `article_id` answered (an article page, a 304) at `fetched_at`: its open sightings
// are cleared and its removal undone, unless the fetch is older than its last sighting (kNone).
// REQUIRES: as RecordGoneSighting.
util::Result<RemovalOutcome> RecordArticleAnswered(
    const Db& db, int64_t article_id, std::chrono::system_clock::time_point fetched_at);

// One sighting, as stored.
struct RemovalSighting {
  std::string url;
  std::optional<int64_t> run_id;
  std::string seen_at;
  std::string reason;
  int64_t fetch_id = 0;
  std::optional<std::string> cleared_at;
};

// An article's removal state: when it was marked removed and why (nullopt: not removed), and
// its sightings, oldest first (cleared ones too).
struct RemovalState {
  std::optional<std::string> removed_at;
  std::optional<std::string> removed_reason;
  std::vector<RemovalSighting> sightings;
};

// The removal state of the article stored under `article_url`; an empty state when there is
// none or the archive predates removal tracking (kRemovalSchemaVersion).
util::Result<RemovalState> ReadRemovalState(const Archive& archive, const std::string& article_url);

// Articles marked removed, and articles seen gone but not (yet) marked removed.
struct RemovalCounts {
  int64_t removed = 0;
  int64_t pending = 0;  // seen gone once or within the grace: open sightings, not removed
};

// The counts per site (articles.site; sites with neither are left out). Empty for an archive
// that predates removal tracking.
util::Result<std::map<std::string, RemovalCounts>> ReadRemovalCounts(const Archive& archive);

}  // namespace storage
