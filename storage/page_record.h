// A PageRecord is what the crawler hands the archive for one fetch: the exchange, its decoded
// payload and, when the page was an article, the extracted Article. RecordResult says what the
// archive made of it. Plain value types.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "extract/article.h"

namespace storage {

// A body in the form the archive stores it, computed ahead of the write (PrepareBody), so
// that hashing and compressing happen off the writer's transaction, on any thread.
struct PreparedBody {
  std::string sha256;  // of the body, hex
  // storage/compression.h's Compress(body); nullopt when the archive already held the capture
  // as it was prepared (a page fetched again unchanged), which is then not compressed again.
  std::optional<std::string> compressed;
};

struct PageRecord {
  std::optional<int64_t> run_id;
  std::string url;                       // canonical URL that was requested
  std::optional<std::string> final_url;  // after redirects
  std::optional<int> status;             // HTTP status; nullopt when no response
  std::optional<std::string> content_type;
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::optional<std::string> retry_after;  // Retry-After header as received (429/503)
  std::chrono::system_clock::time_point started_at{};
  int64_t duration_ms = 0;
  int64_t bytes = 0;  // bytes received on the wire
  // ok / not_modified / robots_disallowed / http_error / network / timeout / too_large /
  // not_html / redirect / aborted
  std::string outcome = "ok";
  std::optional<std::string> error;
  // The payload with Content-Encoding removed (charset not converted). Stored once per SHA-256.
  std::optional<std::string> body;
  // PrepareBody(*body), when the caller computed it ahead; the archive computes it otherwise.
  std::optional<PreparedBody> prepared_body;
  // The extracted article, when the page is one. Keyed by article->url (record.url when that is
  // empty). Without an article, a not_modified fetch refreshes last_fetched_at of the article
  // crawled at `url` (stored under `url`, or under its rel=canonical URL).
  std::optional<extract::Article> article;
  std::chrono::system_clock::time_point fetched_at{};
  // What the extractor made of the page ("article", "listing", "other") and why; nullopt when
  // the page was not extracted.
  std::optional<std::string> page_kind;
  std::optional<std::string> kind_reason;
  // The WARC-Record-ID of the response or revisit record holding this exchange (written by
  // `crawl --warc` or read by `import-warc`); unique in the archive.
  std::optional<std::string> warc_record_id;
  // The capture `article` was extracted from when it is not this record's body: a multi-page
  // article is recorded with its last page but comes from its first page's capture.
  std::optional<int64_t> article_capture_id;
};

enum class ArticleChange {
  kNoArticle,  // no article was stored or touched
  kNew,        // first time this URL was archived (version 1)
  kChanged,    // body or title differ: version + 1, a new article_versions row
  kUnchanged,  // same body and title: only last_fetched_at (and validators) updated
  // Fetched before the article's latest fetch, with a body or title of its own: a version added
  // to the history at its place in time; the current version is kept.
  kOlderVersion,
};

const char* ArticleChangeName(ArticleChange change);

// The fetches-table outcome of a complete HTTP response: not_modified (304), redirect (3xx with
// a Location), http_error (4xx/5xx, and 206: a partial body nobody asked for) or ok.
const char* OutcomeOfHttpStatus(int status, bool has_location);

// What one record did to the removal state of the article crawled at its URL (removal.h).
enum class RemovalChange {
  kNone,       // nothing new about removal
  kSighted,    // seen gone, not marked removed (yet)
  kConfirmed,  // marked removed by this record
  kStillGone,  // seen gone again, already marked removed
  kCleared,    // answered again before being marked removed: its sightings cleared
  kRestored,   // answered again after being marked removed: removal undone
};

const char* RemovalChangeName(RemovalChange change);

struct RemovalOutcome {
  RemovalChange change = RemovalChange::kNone;
  std::string article_url;
  std::string reason;                     // kSighted, kConfirmed, kStillGone: the sighting's
  std::optional<std::string> removed_at;  // kConfirmed, kStillGone: as stored
};

struct RecordResult {
  ArticleChange change = ArticleChange::kNoArticle;
  int64_t fetch_id = 0;
  std::optional<int64_t> capture_id;
  std::optional<int64_t> article_id;
  // The version holding this record's article (0 without an article): the current one, or
  // with kOlderVersion (or an older kUnchanged) the historical one.
  int64_t version = 0;
  RemovalOutcome removal;
};

}  // namespace storage
