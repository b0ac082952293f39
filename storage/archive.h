// An Archive is one newsarc SQLite archive file: crawl runs, fetches, deduplicated captures,
// versioned articles, the persistent frontier and the robots.txt cache (schema in
// migrations.cpp). It owns one connection. Move-only; not thread-safe: use one Archive per
// thread. Several Archives (threads or processes) may share a file: the archive runs in WAL
// mode, so readers see a consistent snapshot while one writer commits, and writers wait up to
// 10 s (busy_timeout) for each other.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/article.h"
#include "storage/page_record.h"
#include "storage/removal.h"
#include "storage/sqlite_handles.h"
#include "util/error.h"

namespace storage {

// The SHA-256 and compressed bytes RecordPage stores for `body`, for any thread. The body is
// not compressed when `already_stored` says the archive holds its capture (by SHA-256): a
// scheduled re-crawl fetches mostly unchanged pages, and RecordPage compresses it after all in
// the rare case that capture is gone by the time it stores the page.
PreparedBody PrepareBody(std::string_view body,
                         const std::function<bool(const std::string& sha256)>& already_stored = {});

class Archive;

// A write transaction opened by Archive::BeginWrite(): several writes (RecordPage, StoreArticle,
// frontier calls) in one commit, each of them a savepoint inside it. New articles' rows for the
// search index (articles_fts) are held back until Commit(), which writes them all just before it
// commits: FTS5 flushes its pending terms to a new on-disk segment at every savepoint, so
// writing them inside each page's savepoint made one segment per article, then merges (schema
// version 4 tells the same story of triggers). Rolled back, unless committed, when it ends.
// REQUIRES: the Archive outlives it and is not moved while it is open.
class WriteBatch {
 public:
  WriteBatch(WriteBatch&& other) noexcept;
  WriteBatch& operator=(WriteBatch&&) = delete;
  WriteBatch(const WriteBatch&) = delete;
  WriteBatch& operator=(const WriteBatch&) = delete;
  ~WriteBatch();

  util::Result<void> Commit();

 private:
  friend class Archive;
  WriteBatch(Archive* archive, Transaction txn, bool outermost, size_t mark)
      : archive_(archive), txn_(std::move(txn)), outermost_(outermost), mark_(mark) {}
  Archive* archive_;
  std::optional<Transaction> txn_;
  bool outermost_;  // holds the archive's deferred index rows (a nested batch does not)
  size_t mark_;     // the deferred rows held before a nested batch began
};

struct OpenMode {
  bool read_only = false;
  // Create the file (or initialize an empty one) when missing. Never with read_only.
  bool create_if_missing = false;
};

struct RunCounts {
  int64_t fetched = 0;
  int64_t articles_new = 0;
  int64_t articles_changed = 0;
  int64_t errors = 0;
  int64_t skipped = 0;
};

// A host a run did not follow links to because it is off-site, with the first such link.
struct OffsiteHostCount {
  std::string host;  // "host" or "host:port"
  int64_t links = 0;
  std::string example_url;
  std::string discovered_from;
};

// What a run refused as off-site: every refused link, and the hosts, most linked first.
struct RunOffsite {
  int64_t links = 0;
  std::vector<OffsiteHostCount> hosts;
};

enum class FrontierState { kQueued, kInFlight, kDone, kFailed, kSkipped };

const char* FrontierStateName(FrontierState state);

// One frontier entry (mirrors crawler::FrontierEntry; `kind` is crawler::LinkKindName()).
struct FrontierRow {
  int64_t id = 0;  // assigned by the archive
  std::string url;
  std::string host;
  int depth = 0;
  std::string kind = "other";
  int redirects = 0;
  std::optional<std::string> discovered_from;
  int priority = 0;  // higher is taken first
  int attempts = 0;  // failed tries so far (FrontierRetryLater); read back by FrontierTake
  FrontierState state = FrontierState::kQueued;  // read back by FrontierEntryOf; Add ignores it
  // A form post's body (crawler::FrontierEntry::post_body); Add replaces a stored one with it.
  std::optional<std::string> post_body = std::nullopt;
};

// A host's last robots.txt response.
struct RobotsRow {
  int status = 0;  // 0 = network failure
  std::string body;
  std::chrono::system_clock::time_point fetched_at{};
  // When the entry stops being fresh; nullopt leaves the cache age to the crawler's policy.
  std::optional<std::chrono::system_clock::time_point> expires_at = std::nullopt;
};

// What a revalidating fetch of an archived article needs.
struct ArticleValidators {
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::string content_sha256;
};

// A stored payload, decompressed.
struct StoredCapture {
  int64_t id = 0;
  std::string sha256;
  std::optional<std::string> content_type;
  std::string body;
};

// A URL's latest successful (2xx) capture and when it was fetched.
struct PageCapture {
  StoredCapture capture;
  std::chrono::system_clock::time_point fetched_at{};
};

// What reextract needs to run the extractor again on an archived article.
struct ArticleSource {
  int64_t article_id = 0;
  std::string url;
  std::string site;
  std::chrono::system_clock::time_point last_fetched_at{};
  StoredCapture capture;
};

// A fetched page that no article was archived from: its latest 2xx fetch, and why it was
// queued (the frontier's link kind, "other" when the frontier does not know the URL).
struct UnarchivedPage {
  int64_t fetch_id = 0;
  std::string url;
  std::string link_kind = "other";
  std::chrono::system_clock::time_point fetched_at{};
  int64_t capture_id = 0;
};

// Why this process cannot write the archive at `path` (a crawl, import or re-extraction into
// it), or nullopt when it can: the file is read-only, or its folder or file system is (SQLite
// creates FILE-wal and FILE-shm beside a WAL database, and a new archive there). The message
// reads "PATH: cannot be written (why); what to do". Checks permissions only, writes nothing.
std::optional<std::string> WhyArchiveNotWritable(const std::string& path);

class Archive {
 public:
  // Opens (and creates or upgrades, unless read_only) the archive at `path` (":memory:" for a
  // private in-memory one). Errors (kStorage, message naming the file):
  //  - "FILE is not a newsarc archive (not an SQLite database)": the file's first 16 bytes are
  //    not "SQLite format 3\0"; the file is left untouched (checked before SQLite opens it);
  //  - a missing or empty file without create_if_missing;
  //  - a schema newer than this build, or (read_only) one older than
  //    kOldestReadOnlySchemaVersion, which needs a read-write open to be upgraded first; a
  //    read-only Archive on an older but readable schema serves the readers (export, stats,
  //    search), not the crawler's frontier and robots calls;
  //  - (not read_only) WhyArchiveNotWritable's message, before anything is opened or created;
  //  - full disk: nothing is half-written (migrations are one transaction).
  // A read_only open of an archive this process cannot write (read-only file, folder or mount)
  // uses SQLite's mode=ro, or immutable=1 when the folder is read-only and there is no -wal
  // file, and logs one warning saying so.
  static util::Result<Archive> Open(const std::string& path, OpenMode mode = {});

  Archive(Archive&&) noexcept;
  Archive& operator=(Archive&&) noexcept;
  ~Archive();

  const std::string& path() const { return path_; }

  // --- Crawl runs ---
  // Starts a run; runs left `running` by a process that died are marked `killed` first.
  // REQUIRES: the caller holds the archive's lock (cli/archive_lock.h), so no other run lives.
  util::Result<int64_t> BeginRun(std::string_view options_json,
                                 std::chrono::system_clock::time_point started_at);
  // Stores the run's totals, status, end time and off-site hosts (crawl_runs.offsite_hosts, a
  // JSON array of {"host", "links", "example", "discovered_from"}).
  util::Result<void> FinishRun(int64_t run_id, const RunCounts& counts, std::string_view status,
                               std::chrono::system_clock::time_point finished_at,
                               const RunOffsite& offsite = {});

  // --- Write path ---
  // How RecordPage tracks removals (removal.h); the default policy until set.
  void SetRemovalPolicy(RemovalPolicy policy) { removal_policy_ = std::move(policy); }

  // Stores the fetch row, the capture (deduplicated by SHA-256) and the article upsert in one
  // transaction: all or nothing. The current version of an article is the one of its latest
  // fetch (by fetched_at, not by arrival): an article fetched before its latest fetch adds a
  // version at its place in the history (kOlderVersion) or nothing (same body and title as the
  // version of that time), and never replaces the current one. first_seen_at is the earliest
  // fetch, last_fetched_at the latest. A record that says the article crawled at its URL is
  // gone adds a sighting and may mark it removed; an article answering again clears them
  // (removal.h; RecordResult::removal says what happened). A record's prepared_body, when
  // given, must be PrepareBody(*record.body).
  util::Result<RecordResult> RecordPage(const PageRecord& record);
  // The same for many records in a single transaction (all or nothing), for throughput.
  util::Result<std::vector<RecordResult>> RecordPages(const std::vector<PageRecord>& records);
  // Stores only the article of `record` (no fetch row, no capture; record.article_capture_id
  // names the capture it comes from): an article stitched from pages already archived.
  util::Result<RecordResult> StoreArticle(const PageRecord& record);
  // Whether a capture with this SHA-256 (hex) is stored.
  util::Result<bool> HasCapture(const std::string& sha256) const;
  // The latest 2xx capture fetched for `url` (by fetch time, not by when it was stored: a WARC
  // imported later may hold older fetches), or nullopt.
  util::Result<std::optional<PageCapture>> LatestCapture(const std::string& url);

  // --- Frontier (each call is one small transaction, or a savepoint inside BeginWrite()) ---
  // Inserts entries whose URL is not in the frontier yet, as queued; returns how many were new.
  util::Result<size_t> FrontierAdd(const std::vector<FrontierRow>& entries,
                                   std::optional<int64_t> run_id = std::nullopt);
  // Up to `max` queued entries of `host` that are ready at `now` (no next attempt time, or one
  // not after `now`), highest priority first, then oldest first; marked in_flight.
  util::Result<std::vector<FrontierRow>> FrontierTake(
      const std::string& host, size_t max,
      std::chrono::system_clock::time_point now = std::chrono::system_clock::now());
  // Puts a taken entry back in the queue, not to be taken before `not_before`, and counts the
  // attempt (a 429/503 with Retry-After, a timeout to retry later).
  util::Result<void> FrontierRetryLater(int64_t id,
                                        std::chrono::system_clock::time_point not_before);
  // Hosts with queued entries (ready or waiting for their next attempt time), sorted.
  util::Result<std::vector<std::string>> FrontierHostsWithWork();
  util::Result<void> FrontierFinish(int64_t id, FrontierState state);
  // Finishes entry `id` with `state` only when run `run_id` archived a fetch of its URL; returns
  // whether it did. An entry whose page's rows never reached the archive (a full disk, a WARC
  // that could not be written) stays in flight, so the next run fetches it again
  // (FrontierRequeueInFlight) instead of taking it for done.
  util::Result<bool> FrontierFinishFetched(int64_t id, FrontierState state,
                                           std::optional<int64_t> run_id);
  util::Result<size_t> FrontierQueuedCount();
  // in_flight entries (left by a killed crawl) back to queued; returns how many.
  util::Result<size_t> FrontierRequeueInFlight();
  // Entries of these kinds that a past run finished go back to queued (a later run revisits
  // seeds and listings to find new articles); archived articles found through such links are
  // left to FrontierRevalidate's schedule (seeds excepted). Returns how many.
  util::Result<size_t> FrontierRevisit(const std::vector<std::string>& kinds);
  // A URL's frontier entry with its state (nullopt when unknown).
  util::Result<std::optional<FrontierRow>> FrontierEntryOf(const std::string& url);
  // Known articles last fetched before `fetched_before` go back to the queue with `priority`
  // (below new URLs' 0), to be revalidated with a conditional GET; an article marked removed
  // counts from its last sighting instead (one seen gone but not yet removed is due as its last
  // answer says, so the sighting that confirms it comes soon after the grace). Returns how many.
  util::Result<size_t> FrontierRevalidate(std::chrono::system_clock::time_point fetched_before,
                                          int priority = -1);
  // The state of a URL in the frontier (nullopt when unknown).
  util::Result<std::optional<FrontierState>> FrontierStateOf(const std::string& url);

  // When a request was last sent to `host` (host[:port]), by any run: its latest fetch or
  // robots.txt fetch, rounded up to the next second (times are stored to the second, so the
  // request started no later); nullopt when none was.
  util::Result<std::optional<std::chrono::system_clock::time_point>> LastRequestTo(
      const std::string& host);

  // --- Robots cache ---
  util::Result<std::optional<RobotsRow>> LoadRobots(const std::string& host);
  util::Result<void> StoreRobots(const std::string& host, const RobotsRow& robots);

  // --- Revalidation and captures ---
  // What to revalidate the article crawled at `url` with (archived under `url`, or under its
  // rel=canonical URL with a fetch of `url` holding its capture): the ETag and Last-Modified of
  // the latest 2xx fetch of `url`, or of a later 304 that sent them. nullopt when no article
  // was crawled at `url`.
  util::Result<std::optional<ArticleValidators>> FindArticleValidators(const std::string& url);
  util::Result<std::optional<StoredCapture>> LoadCapture(int64_t capture_id);

  // --- WARC import ---
  // Whether a fetch already holds this WARC-Record-ID (the record was imported or written).
  util::Result<bool> HasWarcRecord(const std::string& record_id);

  // --- Re-extraction ---
  // Ids of articles (of `site`, or all) that have a capture, in id order.
  util::Result<std::vector<int64_t>> ArticleIdsWithCaptures(std::optional<std::string> site);
  util::Result<std::optional<ArticleSource>> LoadArticleSource(int64_t article_id);
  // Pages (of `site`, or all) whose latest 2xx capture is no article's, in fetch order: listings,
  // other pages and pages an earlier extractor did not take for articles. Following pages of
  // multi-page articles and sitemaps are left out (they are never articles of their own).
  util::Result<std::vector<UnarchivedPage>> PagesWithoutArticle(std::optional<std::string> site);
  // Records what the extractor now makes of a fetched page (fetches.page_kind, kind_reason).
  util::Result<void> SetFetchPageKind(int64_t fetch_id, std::string_view kind,
                                      std::string_view reason);
  // Replaces the stored fields of article `article_id` with `article` (its url and site are
  // kept). Body or title changed → kChanged with a new version; other fields changed → updated
  // in place, kUnchanged; nothing changed → kUnchanged and no write.
  util::Result<ArticleChange> UpdateReextracted(int64_t article_id,
                                                const extract::Article& article);

  // --- Readers (export, stats, search) ---
  // A read transaction: everything read until it ends sees one snapshot.
  util::Result<Transaction> BeginRead() const;
  // A write transaction grouping several writes (RecordPage, ...) in one commit: each of them
  // becomes a savepoint inside it, and nothing is durable before its Commit() (WriteBatch).
  util::Result<WriteBatch> BeginWrite();
  // The connection, for the storage readers (article_cursor, archive_stats, archive_search).
  const Db& db() const { return db_; }

 private:
  friend class WriteBatch;
  struct Statements;
  // A new article's row for articles_fts, folded (text_fold.h).
  struct IndexRow {
    int64_t rowid = 0;
    std::optional<std::string> title;
    std::string body;
  };
  Archive(std::string path, Db db);
  // Adds a new article to articles_fts now, or at the commit of the open WriteBatch.
  util::Result<void> IndexNewArticle(IndexRow row);
  // Writes the rows held back for the open WriteBatch.
  util::Result<void> FlushDeferredIndex();
  util::Result<RecordResult> RecordInTransaction(const PageRecord& record);
  // The article part of a record (or the not_modified refresh), inside the caller's transaction.
  util::Result<void> UpsertArticle(const PageRecord& record, RecordResult& result);
  // The removal part of a record (removal.h), inside the caller's transaction.
  util::Result<void> TrackRemoval(const PageRecord& record, RecordResult& result);
  // The article part of a record fetched before the article's latest fetch.
  util::Result<void> StoreLateVersion(int64_t article_id, const extract::Article& article,
                                      std::optional<int64_t> capture_id,
                                      const std::string& fetched_at, RecordResult& result);
  // The article crawled at `url` (its id and current version number): archived under it, or
  // else the article whose capture a fetch of `url` holds (the latest such fetch). nullopt
  // when none.
  struct CrawledArticle {
    int64_t id = 0;
    int64_t version = 0;
  };
  util::Result<std::optional<CrawledArticle>> ArticleCrawledAt(const std::string& url);
  util::Result<Statements*> Cached();

  std::string path_;
  Db db_;
  RemovalPolicy removal_policy_;
  // Set while a WriteBatch is open: new articles' index rows wait in deferred_index_ for its
  // commit. A write that rolls back its savepoint drops the rows it added.
  bool deferring_index_ = false;
  std::vector<IndexRow> deferred_index_;
  // Prepared statements of the write path; declared after db_ so they are finalized first.
  std::unique_ptr<Statements> statements_;
};

}  // namespace storage
