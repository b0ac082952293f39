// The adapters that connect the crawl loop's interfaces to the rest of newsarc: the frontier
// and the robots.txt cache kept in the archive, and the page handler that extracts each page,
// archives the exchange (and its WARC records) and tells the loop which links to follow.
// App layer: the only place that sees crawler/, extract/ and storage/ together.
// Called from the crawl loop's thread. The page handler may extract on a pool of threads and
// archive on one writer thread of its own (ArchivingOptions::extract_threads).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "cli/crawl_links.h"
#include "config/site_config.h"
#include "crawler/frontier.h"
#include "crawler/page_handler.h"
#include "crawler/robots_gate.h"
#include "extract/extractor.h"
#include "extract/site_titles.h"
#include "storage/archive.h"
#include "storage/warc_writer.h"
#include "util/work_queue.h"

namespace cli {

class ArchiveFrontier final : public crawler::Frontier {
 public:
  ArchiveFrontier(storage::Archive& archive, std::optional<int64_t> run_id)
      : archive_(archive), run_id_(run_id) {}
  size_t Add(const std::vector<crawler::FrontierEntry>& entries) override;
  std::vector<crawler::FrontierEntry> Take(const std::string& host, size_t max) override;
  std::vector<std::string> HostsWithWork() override;
  void Finish(int64_t id, crawler::EntryState state) override;
  void RetryLater(int64_t id, std::chrono::system_clock::time_point not_before) override;
  size_t QueuedCount() override;
  size_t RequeueInFlight() override;
  std::optional<std::chrono::system_clock::time_point> LastRequestAt(
      const std::string& host) override;
  std::vector<crawler::TemplateYield> LoadTemplateYields(const std::string& host) override;
  void SaveTemplateYield(const crawler::TemplateYield& yield) override;
  std::optional<std::string> SchemeOf(const std::string& host) override;
  // One write transaction on the archive; every call in between is a savepoint inside it. The
  // transaction (and the archive's write lock) is taken at the batch's first write: a pass of
  // the loop that only reads never waits for the page writer's commit.
  void BeginBatch() override;
  void EndBatch() override;

  // The first storage error met (the crawl stops on it), if any.
  const std::optional<util::Error>& error() const { return error_; }

 private:
  template <typename T>
  T Check(util::Result<T> r, T fallback);
  void Report(const util::Error& error);  // keeps the first error and logs it
  void Writing();                         // a write: opens the batch's transaction if due
  storage::Archive& archive_;
  std::optional<int64_t> run_id_;
  std::optional<util::Error> error_;
  bool batch_open_ = false;                   // between BeginBatch and EndBatch
  std::optional<storage::WriteBatch> batch_;  // its transaction, once it writes
};

class ArchiveRobotsCache final : public crawler::RobotsCache {
 public:
  explicit ArchiveRobotsCache(storage::Archive& archive) : archive_(archive) {}
  std::optional<crawler::CachedRobots> Load(const std::string& host) override;
  void Store(const std::string& host, const crawler::CachedRobots& robots) override;

 private:
  storage::Archive& archive_;
};

struct ArchivingOptions {
  std::optional<int64_t> run_id;
  const std::vector<config::SiteConfig>* sites = nullptr;  // extraction profiles by host
  LinkPolicy links;
  storage::WarcWriter* warc = nullptr;  // also write WARC records when set
  // How archived articles seen gone are marked removed (set on every connection that archives).
  storage::RemovalPolicy removal;
  // Set when the archive cannot be written: the crawl must stop.
  std::atomic<bool>* stop = nullptr;
  // Print a live progress line (stderr is a terminal), with an ETA when the run is bounded.
  bool progress = false;
  std::optional<long> max_pages;
  std::optional<std::chrono::milliseconds> max_time;
  // Threads that extract pages while the loop keeps fetching; one more thread then archives
  // them, each page's rows in one transaction on a connection of its own (the loop keeps the
  // frontier on the archive given to the handler). 0: all on the loop's thread. Needs an
  // archive file (":memory:" has no second connection: the handler then works at once).
  int extract_threads = 0;
  // The backlog of pages submitted and not yet archived that holds fetching back, by count
  // and by their bodies' bytes (whichever is reached first). A deeper backlog lets a burst of
  // pages (many hosts answering at once) wait for the extraction threads instead of stalling
  // the network; the byte bound keeps memory flat whatever the pages weigh. A page killed in
  // the backlog is fetched again on resume, so the count stays modest.
  size_t max_backlog = 64;
  size_t max_backlog_bytes = 32u << 20;
  // Extracted pages the writer archives in one transaction when several are waiting (each
  // page's rows still all or nothing): one commit, one full-text index flush and one WAL sync
  // for the lot. 1: a commit per page.
  size_t max_write_batch = 16;
};

// What the run did to archived articles' removal state (storage/removal.h).
struct RemovalTally {
  int64_t sighted = 0;   // seen gone, not marked removed yet
  int64_t removed = 0;   // marked removed by this run
  int64_t restored = 0;  // marked removed before, answered again
};

// What the live progress line shows.
struct ProgressFigures {
  int64_t fetched = 0;
  int64_t queued = 0;  // URLs not done yet (queued, or held by the loop for their host's turn)
  int64_t articles_new = 0;
  int64_t articles_changed = 0;
  // URLs failed for good (after their retries): the run summary's errors.
  int64_t errors = 0;
  int64_t retrying = 0;  // of the queued, those that failed before and wait for another try
  double elapsed_seconds = 0;
  std::optional<long> max_pages;
  std::optional<std::chrono::milliseconds> max_time;
};

// "3:05  fetched 120  queued 48  articles 97 new, 2 changed  errors 1  retrying 3  3.1/s
// ETA 0:52": the elapsed time first; retrying only when some are; the ETA is the sooner of the
// page and time limits (none when the run is unbounded).
std::string FormatProgress(const ProgressFigures& figures);

class ArchivingPageHandler final : public crawler::PageHandler {
 public:
  ArchivingPageHandler(storage::Archive& archive, ArchivingOptions options);
  // Finishes the pages still in the pipeline and joins its threads.
  ~ArchivingPageHandler() override;
  ArchivingPageHandler(const ArchivingPageHandler&) = delete;
  ArchivingPageHandler& operator=(const ArchivingPageHandler&) = delete;

  void PrepareRequest(const crawler::FrontierEntry& entry, crawler::FetchRequest& request) override;
  crawler::PageHandling OnFetched(const crawler::FrontierEntry& entry,
                                  const crawler::FetchResult& result) override;
  void OnSkipped(const crawler::FrontierEntry& entry, crawler::SkipReason reason,
                 const std::string& detail) override;
  // Archives each refused URL once a run (storage/scope_refusals.h), at most
  // config::defaults::kMaxScopeRefusalsRecorded of them, on the loop's connection.
  void OnRefused(const crawler::FrontierEntry& from,
                 const std::vector<crawler::RefusedLink>& links) override;
  void Submit(crawler::FrontierEntry entry, crawler::FetchResult result) override;
  std::vector<crawler::HandledPage> TakeHandled() override;
  size_t Outstanding() const override;
  bool Saturated() const override;
  void SetNotifier(std::function<void()> notify) override;

  // At the end of a run: multi-page articles whose remaining pages will not come in this run
  // (failed, skipped, out of scope) are archived with the pages there are; those with pages
  // still queued wait for the next run. REQUIRES: Outstanding() == 0.
  void FinishPendingStitches();

  // REQUIRES: Outstanding() == 0 (the crawl loop has returned).
  const storage::RunCounts& counts() const { return counts_; }
  // REQUIRES: Outstanding() == 0.
  const RemovalTally& removals() const { return removals_; }
  std::optional<util::Error> error() const;
  // Whether pages are extracted and archived off the caller's thread.
  bool concurrent() const { return writer_db_ != nullptr; }
  // Pages of one multi-page article stitched together, its first included.
  static constexpr int kMaxStitchedPages = 50;

 private:
  // A fetched page on its way through the handler.
  struct Job {
    crawler::FrontierEntry entry;
    crawler::FetchResult result;
    extract::ExtractOptions extract_options;
    std::vector<std::string> site_titles;                   // the evidence the extraction saw
    std::optional<util::Result<extract::Article>> article;  // set for pages extracted
    // The body as the archive stores it, computed with the extraction (off the writer).
    std::optional<storage::PreparedBody> prepared_body;
    bool warc_written = false;
    std::optional<std::string> warc_record_id;  // of the response or revisit record
    size_t backlog_bytes = 0;                   // what it counts for in the backlog
  };

  // Extraction: a pure function of the page, its URL and the site's titles (any thread). It
  // also prepares the body for the archive; `captures` (when given) says which captures are
  // stored already, whose bodies need no compressing.
  void ExtractStage(Job& job, const storage::Archive* captures);
  // The exchange's WARC records, when the crawl writes WARC (one thread at a time): the
  // writer writes a batch's before it opens the batch's transaction.
  void WarcStage(Job& job);
  // Stitching, WARC records (unless written) and the archive rows, on `db` (one thread at a
  // time).
  crawler::PageHandling ArchiveStage(Job& job, storage::Archive& db);
  void ExtractLoop();
  void WriterLoop();
  void Handled(crawler::HandledPage page);
  // Archives the page; the article's change (nullopt without one, or on a storage error).
  std::optional<storage::ArticleChange> Record(storage::Archive& db, storage::PageRecord record);
  // Logs what a record did to an article's removal state and counts it.
  void NoteRemoval(const storage::RemovalOutcome& removal);
  // Keeps the first error, logs `message` (what is wrong; what to do) and stops the crawl.
  void Fail(const util::Error& error, const std::string& message);
  bool Failed() const;
  // The first page of the multi-page article `entry` is a following page of, if any.
  std::optional<std::string> HeadOf(storage::Archive& db, const crawler::FrontierEntry& entry);
  // For a following page: stitches its article when every page is in and puts it in `record`.
  // False when the first page is not an archived article (the page stands on its own). A page
  // that answered for good without a page (`r` is no page: 404, 410, not HTML) is left out.
  bool StitchFromFollowingPage(storage::Archive& db, const std::string& head_url,
                               const crawler::FrontierEntry& entry, const crawler::FetchResult& r,
                               const extract::ExtractOptions& options,
                               std::span<const std::string> site_titles,
                               storage::PageRecord& record, bool page_gone = false);
  // Writes the exchange's WARC records; returns the response (or revisit) record's id.
  std::optional<std::string> WriteWarc(const crawler::FetchResult& result);
  void Progress(storage::Archive& db);

  storage::Archive& archive_;  // the loop's connection (frontier, validators, skips)
  ArchivingOptions options_;
  // Guards counts_, removals_ and error_ (the writer thread and the loop's skips both record).
  mutable std::mutex state_mutex_;
  storage::RunCounts counts_;
  RemovalTally removals_;
  std::optional<util::Error> error_;
  std::chrono::steady_clock::time_point last_progress_{};
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  // The <title>s of each host's last pages: evidence of the site's title decoration.
  std::mutex titles_mutex_;
  extract::SiteTitleMemory site_titles_;
  // URLs this run recorded as refused by the scope (the loop's thread only).
  std::unordered_set<std::string> refusals_recorded_;
  // Multi-page articles (the archiving stage's thread only).
  std::set<std::string> pending_heads_;                   // first pages waiting for the others
  std::map<std::string, std::string> continuation_head_;  // following page → first page

  // The pipeline (concurrent() only): extraction threads → one writer → handled pages.
  std::unique_ptr<storage::Archive> writer_db_;
  util::WorkQueue<std::unique_ptr<Job>> to_extract_;
  util::WorkQueue<std::unique_ptr<Job>> to_write_;
  std::vector<std::thread> extractors_;
  std::thread writer_;
  mutable std::mutex handled_mutex_;
  std::vector<crawler::HandledPage> handled_;
  size_t outstanding_ = 0;  // submitted, not taken back (guarded by handled_mutex_)
  // Bodies' bytes of the pages submitted and not archived yet (guarded by handled_mutex_).
  size_t backlog_bytes_ = 0;
  std::function<void()> notify_;
};

}  // namespace cli
