#include "cli/crawl_wiring.h"

#include <cstdio>

#include "cli/archive_errors.h"
#include "cli/article_stitcher.h"
#include "cli/site_profiles.h"
#include "config/defaults.h"
#include "extract/extractor.h"
#include "storage/archive_stats.h"
#include "storage/host_health.h"
#include "storage/scope_refusals.h"
#include "storage/url_templates.h"
#include "util/duration.h"
#include "util/log.h"
#include "util/status_line.h"
#include "util/url.h"

namespace cli {
namespace {

storage::FrontierState ToStorage(crawler::EntryState s) {
  switch (s) {
    case crawler::EntryState::kQueued:
      return storage::FrontierState::kQueued;
    case crawler::EntryState::kInFlight:
      return storage::FrontierState::kInFlight;
    case crawler::EntryState::kDone:
      return storage::FrontierState::kDone;
    case crawler::EntryState::kFailed:
      return storage::FrontierState::kFailed;
    case crawler::EntryState::kSkipped:
      return storage::FrontierState::kSkipped;
  }
  return storage::FrontierState::kDone;
}

// The outcome names of the archive's fetches table.
std::string OutcomeOf(const crawler::FetchResult& r) {
  switch (r.outcome) {
    case crawler::FetchOutcome::kOk:
      return storage::OutcomeOfHttpStatus(r.status, r.location.has_value());
    case crawler::FetchOutcome::kNetwork:
      return "network";
    case crawler::FetchOutcome::kTimeout:
      return "timeout";
    case crawler::FetchOutcome::kTooLarge:
      return "too_large";
    case crawler::FetchOutcome::kNotHtml:
      return "not_html";
    case crawler::FetchOutcome::kAborted:
      return "aborted";
  }
  return "network";
}

// The fetch's answer is final and no page: the crawl loop does not try the URL again (a 4xx
// other than 429, a body too large or not HTML). Network errors, 429 and 5xx are retried;
// redirects lead elsewhere.
bool AnsweredForGood(const crawler::FetchResult& r) {
  switch (r.outcome) {
    case crawler::FetchOutcome::kOk:
      return r.status >= 400 && r.status < 500 && r.status != 429;
    case crawler::FetchOutcome::kTooLarge:
    case crawler::FetchOutcome::kNotHtml:
      return true;
    case crawler::FetchOutcome::kNetwork:
    case crawler::FetchOutcome::kTimeout:
    case crawler::FetchOutcome::kAborted:
      return false;
  }
  return false;
}

}  // namespace

template <typename T>
T ArchiveFrontier::Check(util::Result<T> r, T fallback) {
  if (r) return std::move(*r);
  Report(r.error());
  return fallback;
}

void ArchiveFrontier::Report(const util::Error& error) {
  if (error_) return;
  error_ = error;
  util::LogError(ArchiveWriteError(archive_.path(), error.message));
}

void ArchiveFrontier::BeginBatch() { batch_open_ = true; }

void ArchiveFrontier::Writing() {
  if (!batch_open_ || batch_ || error_) return;
  auto txn = archive_.BeginWrite();
  if (!txn) {
    Report(txn.error());
    return;
  }
  batch_.emplace(std::move(*txn));
}

void ArchiveFrontier::EndBatch() {
  batch_open_ = false;
  if (!batch_) return;
  auto done = batch_->Commit();
  batch_.reset();
  if (!done) Report(done.error());
}

size_t ArchiveFrontier::Add(const std::vector<crawler::FrontierEntry>& entries) {
  Writing();
  std::vector<storage::FrontierRow> rows;
  rows.reserve(entries.size());
  for (const auto& e : entries) {
    storage::FrontierRow row{
        0, e.url, e.host, e.depth, crawler::LinkKindName(e.kind), e.redirects, e.discovered_from};
    row.post_body = e.post_body;
    rows.push_back(std::move(row));
  }
  return Check(archive_.FrontierAdd(rows, run_id_), size_t{0});
}

std::vector<crawler::FrontierEntry> ArchiveFrontier::Take(const std::string& host, size_t max) {
  Writing();
  std::vector<crawler::FrontierEntry> out;
  for (auto& row : Check(archive_.FrontierTake(host, max), std::vector<storage::FrontierRow>{})) {
    crawler::FrontierEntry e;
    e.id = row.id;
    e.url = std::move(row.url);
    e.host = std::move(row.host);
    e.depth = row.depth;
    e.kind = crawler::LinkKindFromName(row.kind);
    e.redirects = row.redirects;
    e.discovered_from = std::move(row.discovered_from);
    e.attempts = row.attempts;
    e.post_body = std::move(row.post_body);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<std::string> ArchiveFrontier::HostsWithWork() {
  if (error_) return {};  // stop feeding the loop after a storage failure
  return Check(archive_.FrontierHostsWithWork(), std::vector<std::string>{});
}

void ArchiveFrontier::Finish(int64_t id, crawler::EntryState state) {
  Writing();
  if (state == crawler::EntryState::kQueued || state == crawler::EntryState::kInFlight) {
    if (auto r = archive_.FrontierFinish(id, ToStorage(state)); !r) Report(r.error());
    return;
  }
  // A page is finished only once its fetch is in the archive (the page handler wrote it in
  // its own transaction): after a storage or WARC failure the entry stays in flight and is
  // fetched again by the next run, never taken for done without its rows.
  auto r = archive_.FrontierFinishFetched(id, ToStorage(state), run_id_);
  if (!r) {
    Report(r.error());
  } else if (!*r) {
    util::LogDebug("frontier entry left in flight: its fetch was not archived",
                   {{"id", std::to_string(id)}});
  }
}

void ArchiveFrontier::RetryLater(int64_t id, std::chrono::system_clock::time_point not_before) {
  Writing();
  if (auto r = archive_.FrontierRetryLater(id, not_before); !r) Report(r.error());
}

size_t ArchiveFrontier::QueuedCount() { return Check(archive_.FrontierQueuedCount(), size_t{0}); }

size_t ArchiveFrontier::RequeueInFlight() {
  Writing();
  return Check(archive_.FrontierRequeueInFlight(), size_t{0});
}

std::optional<std::chrono::system_clock::time_point> ArchiveFrontier::LastRequestAt(
    const std::string& host) {
  using Time = std::optional<std::chrono::system_clock::time_point>;
  return Check(archive_.LastRequestTo(host), Time{});
}

std::optional<std::string> ArchiveFrontier::SchemeOf(const std::string& host) {
  auto url = Check(storage::AQueuedUrlOfHost(archive_, host), std::optional<std::string>());
  auto parts = url ? util::SplitUrl(*url) : std::nullopt;
  return parts ? std::optional(parts->scheme) : std::nullopt;
}

std::vector<crawler::TemplateYield> ArchiveFrontier::LoadTemplateYields(const std::string& host) {
  std::vector<crawler::TemplateYield> out;
  for (storage::UrlTemplateRow& row :
       Check(storage::LoadUrlTemplates(archive_, host), std::vector<storage::UrlTemplateRow>{})) {
    out.push_back({std::move(row.host), std::move(row.url_template), row.fetched, row.productive,
                   row.barren_streak, row.given_up});
  }
  return out;
}

void ArchiveFrontier::SaveTemplateYield(const crawler::TemplateYield& y) {
  Writing();
  auto stored = storage::StoreUrlTemplate(
      archive_, {y.host, y.url_template, y.fetched, y.productive, y.barren_streak, y.given_up});
  if (!stored) Report(stored.error());
}

std::optional<crawler::CachedRobots> ArchiveRobotsCache::Load(const std::string& host) {
  auto row = archive_.LoadRobots(host);
  if (!row || !*row) return std::nullopt;
  return crawler::CachedRobots{(*row)->status, (*row)->body, (*row)->fetched_at};
}

void ArchiveRobotsCache::Store(const std::string& host, const crawler::CachedRobots& robots) {
  if (auto r = archive_.StoreRobots(host, {robots.status, robots.body, robots.fetched_at}); !r) {
    util::LogWarning("cannot cache robots.txt: " + r.error().message, {{"host", host}});
  }
}

void ArchivingPageHandler::PrepareRequest(const crawler::FrontierEntry& entry,
                                          crawler::FetchRequest& request) {
  // Revalidate archived articles instead of downloading them again when unchanged, with the
  // validators this URL was served with (also for an article kept under its rel=canonical URL).
  if (entry.kind == crawler::LinkKind::kSeed || entry.kind == crawler::LinkKind::kListing ||
      entry.post_body) {
    return;
  }
  auto validators = archive_.FindArticleValidators(entry.url);
  if (!validators || !*validators) return;
  request.if_none_match = (*validators)->etag;
  request.if_modified_since = (*validators)->last_modified;
}

ArchivingPageHandler::ArchivingPageHandler(storage::Archive& archive, ArchivingOptions options)
    : archive_(archive), options_(std::move(options)) {
  archive_.SetRemovalPolicy(options_.removal);
  if (options_.extract_threads <= 0) return;
  if (archive_.path() == ":memory:") {
    util::LogDebug("pages are handled on the crawl loop's thread: an in-memory archive");
    return;
  }
  // The writer's own connection: the loop's frontier statements never join a page's
  // transaction, and its reads (WAL) never wait for one.
  auto db = storage::Archive::Open(archive_.path());
  if (!db) {
    util::LogWarning("pages are handled on the crawl loop's thread: " + db.error().message);
    return;
  }
  writer_db_ = std::make_unique<storage::Archive>(std::move(*db));
  writer_db_->SetRemovalPolicy(options_.removal);
  for (int i = 0; i < options_.extract_threads; ++i)
    extractors_.emplace_back([this] { ExtractLoop(); });
  writer_ = std::thread([this] { WriterLoop(); });
}

ArchivingPageHandler::~ArchivingPageHandler() {
  to_extract_.Close();
  for (std::thread& t : extractors_) t.join();
  to_write_.Close();
  if (writer_.joinable()) writer_.join();
}

void ArchivingPageHandler::Submit(crawler::FrontierEntry entry, crawler::FetchResult result) {
  auto job = std::make_unique<Job>();
  job->entry = std::move(entry);
  job->result = std::move(result);
  if (!concurrent()) {
    ExtractStage(*job, &archive_);
    crawler::PageHandling handling = ArchiveStage(*job, archive_);
    Handled({std::move(job->entry), std::move(job->result), std::move(handling)});
    return;
  }
  job->backlog_bytes = job->result.body.size();
  {
    std::lock_guard lock(handled_mutex_);
    ++outstanding_;
    backlog_bytes_ += job->backlog_bytes;
  }
  to_extract_.Push(std::move(job));
}

void ArchivingPageHandler::ExtractLoop() {
  // This thread's own connection, to ask whether a page's capture is stored already (WAL: it
  // never waits for the writer). Without one every body is compressed, as before.
  auto reader = storage::Archive::Open(archive_.path(), {.read_only = true});
  if (!reader) util::LogDebug("captures are compressed unchecked: " + reader.error().message);
  while (auto job = to_extract_.Pop()) {
    ExtractStage(**job, reader ? &*reader : nullptr);
    to_write_.Push(std::move(*job));
  }
}

void ArchivingPageHandler::WriterLoop() {
  while (auto first = to_write_.Pop()) {
    std::vector<std::unique_ptr<Job>> batch;
    batch.push_back(std::move(*first));
    while (batch.size() < std::max<size_t>(options_.max_write_batch, 1)) {
      auto more = to_write_.TryPop();
      if (!more) break;
      batch.push_back(std::move(*more));
    }
    // Pages handed back before the batch commits would let the loop see their entries without
    // their rows: it leaves those in flight, to be fetched again. So they go back after it.
    std::vector<crawler::PageHandling> handlings;
    // File writes and compression stay out of the transaction, which holds the archive's
    // write lock (the loop's frontier waits on it): only the rows are written inside.
    for (auto& job : batch) WarcStage(*job);
    auto txn =
        batch.size() > 1 && !Failed() ? std::optional(writer_db_->BeginWrite()) : std::nullopt;
    if (txn && !*txn)
      Fail(txn->error(), ArchiveWriteError(writer_db_->path(), txn->error().message));
    for (auto& job : batch) handlings.push_back(ArchiveStage(*job, *writer_db_));
    // A page that failed rolled back its own rows only (a WARC failure leaves the archive
    // sound): the others are kept. An error that ended the whole transaction fails the commit.
    if (txn && *txn) {
      if (auto done = (*txn)->Commit(); !done) {
        Fail(done.error(), ArchiveWriteError(writer_db_->path(), done.error().message));
      }
    }
    txn.reset();
    {
      std::lock_guard lock(handled_mutex_);
      for (const auto& job : batch) backlog_bytes_ -= job->backlog_bytes;
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      Handled({std::move(batch[i]->entry), std::move(batch[i]->result), std::move(handlings[i])});
    }
  }
}

void ArchivingPageHandler::Handled(crawler::HandledPage page) {
  // The notifier is called under the lock: once SetNotifier({}) has returned (the loop ends,
  // its fetcher goes away) no call of the old one can still be running.
  std::lock_guard lock(handled_mutex_);
  handled_.push_back(std::move(page));
  if (!concurrent()) ++outstanding_;
  if (notify_) notify_();
}

std::vector<crawler::HandledPage> ArchivingPageHandler::TakeHandled() {
  std::lock_guard lock(handled_mutex_);
  outstanding_ -= handled_.size();
  return std::exchange(handled_, {});
}

size_t ArchivingPageHandler::Outstanding() const {
  std::lock_guard lock(handled_mutex_);
  return outstanding_;
}

bool ArchivingPageHandler::Saturated() const {
  if (!concurrent()) return false;
  std::lock_guard lock(handled_mutex_);
  return outstanding_ >= std::max<size_t>(options_.max_backlog, 1) ||
         backlog_bytes_ >= options_.max_backlog_bytes;
}

void ArchivingPageHandler::SetNotifier(std::function<void()> notify) {
  std::lock_guard lock(handled_mutex_);
  notify_ = std::move(notify);
}

std::optional<util::Error> ArchivingPageHandler::error() const {
  std::lock_guard lock(state_mutex_);
  return error_;
}

bool ArchivingPageHandler::Failed() const {
  std::lock_guard lock(state_mutex_);
  return error_.has_value();
}

void ArchivingPageHandler::Fail(const util::Error& error, const std::string& message) {
  {
    std::lock_guard lock(state_mutex_);
    if (error_) return;
    error_ = error;
  }
  util::LogError(message);
  if (options_.stop != nullptr) options_.stop->store(true);
}

crawler::PageHandling ArchivingPageHandler::OnFetched(const crawler::FrontierEntry& entry,
                                                      const crawler::FetchResult& r) {
  Job job;
  job.entry = entry;
  job.result = r;
  ExtractStage(job, &archive_);
  return ArchiveStage(job, archive_);
}

void ArchivingPageHandler::ExtractStage(Job& job, const storage::Archive* captures) {
  const crawler::FrontierEntry& entry = job.entry;
  const crawler::FetchResult& r = job.result;
  if (options_.sites != nullptr)
    job.extract_options.profile = ProfileForUrl(*options_.sites, entry.url);
  bool page = OutcomeOf(r) == "ok" && r.status >= 200 && r.status < 300;
  if (page) {
    job.prepared_body = storage::PrepareBody(r.body, [captures](const std::string& sha256) {
      if (captures == nullptr) return false;
      auto stored = captures->HasCapture(sha256);
      return stored && *stored;
    });
  }
  // A sitemap is archived as fetched and read by the crawl loop, not by the extractor.
  if (!page || entry.kind == crawler::LinkKind::kSitemap) return;
  extract::ExtractInput input{r.body, entry.url, r.content_type, r.fetched_at,
                              ReachedAsArticle(entry.kind)};
  std::string site = util::SiteOfUrl(entry.url).value_or("");
  {
    std::lock_guard lock(titles_mutex_);
    job.site_titles = site_titles_.Recall(site);
  }
  input.site_titles = job.site_titles;
  try {
    job.article = extract::ExtractArticle(input, job.extract_options);
  } catch (const std::exception& e) {  // std::bad_alloc: the page is archived without article
    job.article = util::MakeError(util::ErrorCode::kParse, e.what());
  }
  if (*job.article) {
    std::lock_guard lock(titles_mutex_);
    site_titles_.Remember(site, (*job.article)->title_tag);
  }
}

void ArchivingPageHandler::WarcStage(Job& job) {
  if (job.warc_written) return;
  job.warc_written = true;
  if (options_.warc != nullptr && job.result.outcome == crawler::FetchOutcome::kOk) {
    job.warc_record_id = WriteWarc(job.result);
  }
}

crawler::PageHandling ArchivingPageHandler::ArchiveStage(Job& job, storage::Archive& db) {
  const crawler::FrontierEntry& entry = job.entry;
  const crawler::FetchResult& r = job.result;
  crawler::PageHandling handling;
  storage::PageRecord record;
  record.run_id = options_.run_id;
  record.url = entry.url;
  if (r.url != entry.url) record.final_url = r.url;
  // A redirect keeps where it pointed (as import-warc does), also when the target was refused.
  if (r.status >= 300 && r.status < 400 && r.location) record.final_url = *r.location;
  if (r.status > 0) record.status = r.status;
  record.content_type = r.content_type;
  record.etag = r.etag;
  record.last_modified = r.last_modified;
  record.retry_after = r.retry_after;
  record.started_at = r.fetched_at;
  record.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(r.finished_at - r.started_at).count();
  record.bytes = r.wire_bytes;
  record.outcome = OutcomeOf(r);
  if (!r.error.empty()) record.error = r.error;
  record.fetched_at = r.fetched_at;

  bool server_failure =
      r.outcome == crawler::FetchOutcome::kNetwork ||
      r.outcome == crawler::FetchOutcome::kTimeout ||
      r.outcome == crawler::FetchOutcome::kTooLarge ||
      (r.outcome == crawler::FetchOutcome::kOk && (r.status >= 500 || r.status == 206));
  handling.failed = server_failure;
  {
    std::lock_guard lock(state_mutex_);
    ++counts_.fetched;
    if (server_failure) ++counts_.errors;
  }
  if (server_failure) {
    util::LogWarning("fetch failed",
                     {{"url", entry.url},
                      {"outcome", record.outcome},
                      {"detail", r.error.empty() ? std::to_string(r.status) : r.error}});
  }

  bool page = record.outcome == "ok" && r.status >= 200 && r.status < 300;
  if (page) {
    record.body = r.body;
    record.prepared_body = std::move(job.prepared_body);
  }
  if (job.article && *job.article) {
    extract::Article& article = **job.article;
    record.page_kind = extract::PageKindName(article.kind);
    record.kind_reason = article.kind_reason;
    util::LogDebug(
        "page kind",
        {{"url", entry.url}, {"kind", *record.page_kind}, {"reason", article.kind_reason}});
    util::LogDebug("extracted",
                   {{"url", entry.url},
                    {"title", article.title ? "yes" : "none"},
                    {"date", article.published_date.value_or("none")},
                    {"body_chars", std::to_string(article.body.size())},
                    {"encoding", article.encoding.used},
                    {"declared", article.encoding.declared.value_or("none")},
                    {"detected", article.encoding.detected.value_or("none")},
                    {"article_links", std::to_string(article.article_links.size())},
                    {"pagination_links", std::to_string(article.pagination_links.size())},
                    {"other_links", std::to_string(article.other_links.size())}});
    handling.links = LinksToFollow(article, options_.links);
    auto head = HeadOf(db, entry);
    if (!(head && StitchFromFollowingPage(db, *head, entry, r, job.extract_options, job.site_titles,
                                          record)) &&
        article.kind == extract::PageKind::kArticle && article.title) {
      article.url = ArticleUrl(article, entry.url);
      if (article.continuation_urls.empty()) {
        record.article = std::move(article);
      } else {
        // The first page of a multi-page article: the article is recorded once its other
        // pages are archived (with the last of them), or at the end of the run.
        ArchivePageLookup lookup(db, {.unknown_is_pending = true});
        StitchOutcome outcome = StitchArticle(article, lookup, job.extract_options);
        if (outcome.complete) {
          record.article = std::move(outcome.article);
        } else {
          pending_heads_.insert(entry.url);
          for (const auto& url : article.continuation_urls) continuation_head_[url] = entry.url;
        }
      }
    }
    handling.is_article = record.article.has_value();
  } else if (job.article) {
    util::LogWarning("extraction failed: " + job.article->error().message, {{"url", entry.url}});
  } else if (!page && AnsweredForGood(r)) {
    // A following page that is gone (404, 410, not HTML): its article is stitched without it
    // now, not re-extracted at the end of the run.
    if (auto head = HeadOf(db, entry); head && pending_heads_.count(*head)) {
      StitchFromFollowingPage(db, *head, entry, r, job.extract_options, job.site_titles, record,
                              /*page_gone=*/true);
      handling.is_article = record.article.has_value();
    }
  }
  WarcStage(job);
  record.warc_record_id = job.warc_record_id;
  util::LogInfo("fetched", {{"url", entry.url},
                            {"status", std::to_string(r.status)},
                            {"outcome", record.outcome},
                            {"bytes", std::to_string(r.wire_bytes)},
                            {"ms", std::to_string(record.duration_ms)},
                            {"kind", record.page_kind.value_or("-")}});
  std::optional<storage::ArticleChange> change = Record(db, std::move(record));
  handling.new_article =
      change == storage::ArticleChange::kNew || change == storage::ArticleChange::kChanged;
  Progress(db);
  return handling;
}

std::optional<std::string> ArchivingPageHandler::HeadOf(storage::Archive& db,
                                                        const crawler::FrontierEntry& entry) {
  if (auto it = continuation_head_.find(entry.url); it != continuation_head_.end()) {
    return it->second;
  }
  if (entry.kind != crawler::LinkKind::kContinuation || !entry.discovered_from) return std::nullopt;
  // Page 3 may have been found on page 2: walk back to the first page.
  std::string url = *entry.discovered_from;
  for (int hops = 0; hops < kMaxStitchedPages; ++hops) {
    auto row = db.FrontierEntryOf(url);
    if (!row || !*row || (*row)->kind != crawler::LinkKindName(crawler::LinkKind::kContinuation) ||
        !(*row)->discovered_from) {
      break;
    }
    url = *(*row)->discovered_from;
  }
  return url;
}

bool ArchivingPageHandler::StitchFromFollowingPage(
    storage::Archive& db, const std::string& head_url, const crawler::FrontierEntry& entry,
    const crawler::FetchResult& r, const extract::ExtractOptions& options,
    std::span<const std::string> site_titles, storage::PageRecord& record, bool page_gone) {
  auto first = LoadFirstPage(db, head_url, options, site_titles);
  if (!first || !*first) return false;  // no archived first page: nothing to stitch to
  ArchivePageLookup lookup(db, {.unknown_is_pending = true});
  if (page_gone) {
    lookup.SetCurrentPageGone(entry.url);
  } else {
    lookup.SetCurrentPage(entry.url, {r.body, r.content_type, r.fetched_at});
  }
  StitchOutcome outcome = StitchArticle((*first)->article, lookup, options, kMaxStitchedPages);
  if (!outcome.complete) {
    pending_heads_.insert(head_url);
    return true;  // a following page: it has no article of its own
  }
  record.article = std::move(outcome.article);
  record.article->url = ArticleUrl(*record.article, head_url);
  record.article_capture_id = (*first)->capture_id;
  pending_heads_.erase(head_url);
  util::LogDebug("multi-page article stitched",
                 {{"url", head_url}, {"pages", std::to_string(outcome.pages)}});
  return true;
}

void ArchivingPageHandler::FinishPendingStitches() {
  for (const std::string& head_url : pending_heads_) {
    if (Failed()) return;
    extract::ExtractOptions options;
    if (options_.sites != nullptr) options.profile = ProfileForUrl(*options_.sites, head_url);
    // Pages still queued (a bounded run) are waited for by the next run; the others are given up.
    std::vector<std::string> site_titles =
        site_titles_.Recall(util::SiteOfUrl(head_url).value_or(""));
    auto stored = StoreStitchedArticle(archive_, head_url, options, {.unknown_is_pending = false},
                                       options_.run_id, site_titles);
    if (!stored) {
      Fail(stored.error(), ArchiveWriteError(archive_.path(), stored.error().message));
      return;
    }
    if (!*stored) continue;
    std::lock_guard lock(state_mutex_);
    if ((*stored)->change == storage::ArticleChange::kNew) ++counts_.articles_new;
    if ((*stored)->change == storage::ArticleChange::kChanged) ++counts_.articles_changed;
  }
  pending_heads_.clear();
}

void ArchivingPageHandler::OnSkipped(const crawler::FrontierEntry& entry,
                                     crawler::SkipReason reason, const std::string& detail) {
  {
    std::lock_guard lock(state_mutex_);
    ++counts_.skipped;
  }
  storage::PageRecord record;
  record.run_id = options_.run_id;
  record.url = entry.url;
  record.outcome = reason == crawler::SkipReason::kRobotsDisallowed
                       ? "robots_disallowed"
                       : crawler::SkipReasonName(reason);
  record.error = detail;
  record.started_at = record.fetched_at = std::chrono::system_clock::now();
  util::LogInfo("skipped", {{"url", entry.url}, {"reason", crawler::SkipReasonName(reason)}});
  Record(archive_, std::move(record));
}

void ArchivingPageHandler::OnRefused(const crawler::FrontierEntry& from,
                                     const std::vector<crawler::RefusedLink>& links) {
  if (Failed()) return;
  std::vector<storage::ScopeRefusalRow> rows;
  for (const crawler::RefusedLink& link : links) {
    if (refusals_recorded_.size() >= config::defaults::kMaxScopeRefusalsRecorded) break;
    if (!refusals_recorded_.insert(link.url).second) continue;  // recorded this run
    rows.push_back({link.url, link.host, link.reason, link.detail, from.url});
    if (refusals_recorded_.size() == config::defaults::kMaxScopeRefusalsRecorded) {
      util::LogInfo("refused links: no more are recorded in this run",
                    {{"recorded", std::to_string(refusals_recorded_.size())}});
    }
  }
  auto recorded = storage::RecordScopeRefusals(archive_, rows, options_.run_id,
                                               std::chrono::system_clock::now());
  if (!recorded)
    Fail(recorded.error(), ArchiveWriteError(archive_.path(), recorded.error().message));
}

std::optional<storage::ArticleChange> ArchivingPageHandler::Record(storage::Archive& db,
                                                                   storage::PageRecord record) {
  if (Failed()) return std::nullopt;
  bool has_article = record.article.has_value();
  auto result = db.RecordPage(record);
  if (!result) {
    Fail(result.error(), ArchiveWriteError(db.path(), result.error().message));
    return std::nullopt;
  }
  NoteRemoval(result->removal);
  std::lock_guard lock(state_mutex_);
  if (result->change == storage::ArticleChange::kNew) ++counts_.articles_new;
  if (result->change == storage::ArticleChange::kChanged) ++counts_.articles_changed;
  if (!has_article) return std::nullopt;
  return result->change;
}

void ArchivingPageHandler::NoteRemoval(const storage::RemovalOutcome& removal) {
  using storage::RemovalChange;
  switch (removal.change) {
    case RemovalChange::kNone:
      return;
    case RemovalChange::kSighted:
      util::LogInfo("article seen gone",
                    {{"url", removal.article_url}, {"reason", removal.reason}});
      break;
    case RemovalChange::kStillGone:
      util::LogDebug("removed article still gone",
                     {{"url", removal.article_url}, {"reason", removal.reason}});
      break;
    case RemovalChange::kConfirmed:
      util::LogWarning("article removed from the site (kept in the archive)",
                       {{"url", removal.article_url},
                        {"reason", removal.reason},
                        {"removed_at", removal.removed_at.value_or("")}});
      break;
    case RemovalChange::kCleared:
      util::LogInfo("article seen gone answers again", {{"url", removal.article_url}});
      break;
    case RemovalChange::kRestored:
      util::LogWarning("removed article is back on the site", {{"url", removal.article_url}});
      break;
  }
  std::lock_guard lock(state_mutex_);
  if (removal.change == RemovalChange::kSighted) ++removals_.sighted;
  if (removal.change == RemovalChange::kConfirmed) ++removals_.removed;
  if (removal.change == RemovalChange::kRestored) ++removals_.restored;
}

std::optional<std::string> ArchivingPageHandler::WriteWarc(const crawler::FetchResult& r) {
  storage::WarcExchange ex;
  ex.target_uri = r.url.substr(0, r.url.find('#'));  // a form post's key names no resource
  ex.ip_address = r.remote_ip;
  ex.date = r.fetched_at;
  ex.request_head = r.request_head;
  ex.request_body = r.request_body;
  ex.response_head = r.response_head;
  ex.payload = r.encoded_body.empty() ? r.body : r.encoded_body;
  ex.truncated = r.truncated;
  auto w = options_.warc->Write(ex);
  if (!w) {
    Fail(w.error(), "cannot write WARC (" + w.error().message +
                        "); the crawl stops: free disk space or fix the folder's permissions, "
                        "then run the same command again to resume");
    return std::nullopt;
  }
  return w->record_id;
}

std::string FormatProgress(const ProgressFigures& f) {
  double rate = f.elapsed_seconds > 0 ? static_cast<double>(f.fetched) / f.elapsed_seconds : 0;
  std::string out = util::FormatClockDuration(static_cast<int64_t>(f.elapsed_seconds));
  char counts[256];
  std::snprintf(counts, sizeof counts,
                "  fetched %lld  queued %lld  articles %lld new, %lld changed  errors %lld",
                static_cast<long long>(f.fetched), static_cast<long long>(f.queued),
                static_cast<long long>(f.articles_new), static_cast<long long>(f.articles_changed),
                static_cast<long long>(f.errors));
  out += counts;
  if (f.retrying > 0) out += "  retrying " + std::to_string(f.retrying);
  char rate_text[32];
  std::snprintf(rate_text, sizeof rate_text, "  %.1f/s", rate);
  out += rate_text;
  std::optional<double> eta;
  if (f.max_pages && rate > 0) {
    eta = std::max(0.0, static_cast<double>(*f.max_pages - f.fetched) / rate);
  }
  if (f.max_time) {
    double left =
        std::max(0.0, std::chrono::duration<double>(*f.max_time).count() - f.elapsed_seconds);
    eta = eta ? std::min(*eta, left) : left;
  }
  if (eta) out += "  ETA " + util::FormatClockDuration(static_cast<int64_t>(*eta + 0.5));
  return out;
}

void ArchivingPageHandler::Progress(storage::Archive& db) {
  if (!options_.progress) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_progress_ < std::chrono::milliseconds(250)) return;
  last_progress_ = now;
  ProgressFigures f;
  // The frontier as the loop left it (committed on its connection): the URLs not done yet,
  // those retrying, and those it gave up on, counted as the run summary counts errors (the
  // handler's own count of failed fetches includes tries retried later with success).
  if (options_.run_id) {
    storage::RunProgress frontier =
        storage::ReadRunProgress(db, *options_.run_id).value_or(storage::RunProgress{});
    f.queued = frontier.queued;
    f.retrying = frontier.retrying;
    f.errors = frontier.errors;
  } else {
    f.queued = static_cast<int64_t>(db.FrontierQueuedCount().value_or(0));
  }
  {
    std::lock_guard lock(state_mutex_);
    f.fetched = counts_.fetched;
    f.articles_new = counts_.articles_new;
    f.articles_changed = counts_.articles_changed;
  }
  f.elapsed_seconds = std::chrono::duration<double>(now - started_).count();
  f.max_pages = options_.max_pages;
  f.max_time = options_.max_time;
  util::ShowStatusLine(FormatProgress(f));
}

}  // namespace cli
