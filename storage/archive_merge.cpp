#include "storage/archive_merge.h"

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "storage/article_codec.h"
#include "storage/article_rows.h"
#include "storage/compression.h"
#include "storage/migrations.h"
#include "storage/timestamps.h"
#include "util/sha256.h"
#include "util/time_format.h"

namespace storage {
namespace {

// How each table of the schema (storage/migrations.cpp) comes across:
//  - crawl_runs: copied with new ids; a run is the same run (merged before) when started_at
//    and options match and it holds the source run's first fetch (or no fetch yet), and then
//    takes the source's totals, status and end (a run a live crawl was writing at the last
//    merge has ended since).
//  - fetches: replayed through Archive::RecordPage in fetch-time order, with their run ids
//    remapped; a fetch already in the target (same URL, time, outcome, status, duration, bytes
//    and payload, or same WARC-Record-ID) is skipped, which makes a merge idempotent.
//  - captures: stored by RecordPage, deduplicated by SHA-256 (the payload is checked against its
//    hash on the way); captures no fetch refers to are copied too.
//  - sites: written by RecordPage, each first seen at its earliest fetch; copied for the rest.
//  - articles, article_versions: each fetch that gave the source an article carries the version
//    the source held at that time (its current row for the current version), so the target
//    upserts it as a crawl would (a version at its place in time, none for identical content,
//    the latest by fetch time current). Versions no fetch carried (an article stored without
//    a fetch of its own, re-extracted versions) are stored afterwards with Archive::StoreArticle.
//  - articles_fts: written by the write path (new rows) and the update trigger.
//  - removal_sightings, articles.removed_at/removed_reason: the replayed fetches make the
//    sightings and clear them as a crawl does; an article the source marked removed is marked
//    removed in the target too unless the target saw it answer after its sightings (the source's
//    removal grace is not known here, so its verdict is taken rather than recomputed).
//  - frontier: URLs the target does not know are added (in_flight as queued: no run of the
//    target has them); a URL done in the source is done in the target.
//  - robots, url_templates, host_health: per key, the most recently updated row wins.
//  - scope_refusals: one row per URL; the earliest sighting keeps its run and time, the latest
//    its reason, page and run (run ids mapped to the target's).
//  - fixity_runs, fixity_checks: not carried. They attest the bytes of the source's own file
//    and WARC paths at the time of the check; `newsarc verify` on the merged archive attests its
//    own copies.
//  - sqlite_sequence, the FTS shadow tables: SQLite's own.

util::Error MergeError(const Archive& source, const std::string& what) {
  return util::Error{util::ErrorCode::kStorage, source.path() + ": " + what};
}

util::Result<void> WithSource(util::Result<void> result, const Archive& source) {
  if (!result) return tl::unexpected(MergeError(source, result.error().message));
  return {};
}

std::string Normalized(const std::string& stamp) {
  return NormalizeTimestamp(stamp).value_or(stamp);
}

std::chrono::system_clock::time_point TimeOf(const std::string& stamp) {
  return ParseTimestamp(stamp).value_or(std::chrono::system_clock::time_point{});
}

// Fetches are recorded this many at a time, or fewer once their bodies reach kBatchBytes (each
// body stays in memory until its batch is written), as import-warc does.
constexpr size_t kBatchRecords = 64;
constexpr size_t kBatchBytes = 16u << 20;

// A source capture, read and checked against its hash.
struct SourceCapture {
  std::string sha256;
  std::optional<std::string> content_type;
  std::string compressed;
  std::string body;
};

class Merger {
 public:
  Merger(Archive& target, const Archive& source) : target_(target), source_(source) {}

  util::Result<MergeCounts> Run() {
    TRY(CopyRuns());
    TRY(IndexArticleCaptures());
    TRY(ReplayFetches());
    TRY(StoreUncarriedVersions());
    TRY(CarryRemovals());
    TRY(CopyUnfetchedCaptures());
    TRY(MergeBookkeeping());
    return counts_;
  }

 private:
  const Db& src() const { return source_.db(); }
  const Db& dst() const { return target_.db(); }

  util::Result<void> CopyRuns() {
    TRY_ASSIGN(Statement runs,
               Statement::Prepare(src(),
                                  "SELECT id, started_at, finished_at, status, fetched, "
                                  "articles_new, articles_changed, errors, skipped, options, "
                                  "offsite_links, offsite_hosts FROM crawl_runs ORDER BY id"));
    // Workers started together with the same options have runs alike but for their fetches: a
    // run is the same run when it holds the source run's first fetch too (or no fetch yet).
    TRY_ASSIGN(Statement first_fetch,
               Statement::Prepare(src(),
                                  "SELECT url, started_at FROM fetches WHERE run_id = ?1 "
                                  "ORDER BY started_at, id LIMIT 1"));
    TRY_ASSIGN(Statement find,
               Statement::Prepare(dst(),
                                  "SELECT r.id FROM crawl_runs r WHERE r.started_at = ?1 AND "
                                  "r.options = ?2 AND (NOT EXISTS (SELECT 1 FROM fetches f "
                                  "WHERE f.run_id = r.id) OR EXISTS (SELECT 1 FROM fetches f "
                                  "WHERE f.run_id = r.id AND f.url = ?3 AND f.started_at = ?4)) "
                                  "ORDER BY r.id LIMIT 1"));
    TRY_ASSIGN(Statement insert,
               Statement::Prepare(dst(),
                                  "INSERT INTO crawl_runs (started_at, finished_at, status, "
                                  "fetched, articles_new, articles_changed, errors, skipped, "
                                  "options, offsite_links, offsite_hosts) VALUES (?1, ?2, ?3, "
                                  "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
    TRY_ASSIGN(Statement update,
               Statement::Prepare(dst(),
                                  "UPDATE crawl_runs SET finished_at = ?2, status = ?3, "
                                  "fetched = ?4, articles_new = ?5, articles_changed = ?6, "
                                  "errors = ?7, skipped = ?8, offsite_links = ?10, "
                                  "offsite_hosts = ?11 WHERE id = ?12"));
    while (true) {
      TRY_ASSIGN(bool has_row, runs.Step());
      if (!has_row) break;
      std::string started_at = runs.Text(1);
      std::string options = runs.Text(9);
      first_fetch.Reset();
      TRY_ASSIGN(bool has_fetch, first_fetch.Bind(1, runs.Int(0)).Step());
      std::optional<std::string> first_url;
      std::optional<std::string> first_at;
      if (has_fetch) {
        first_url = first_fetch.Text(0);
        first_at = Normalized(first_fetch.Text(1));
      }
      find.Reset();
      TRY_ASSIGN(
          bool found,
          find.Bind(1, started_at).Bind(2, options).Bind(3, first_url).Bind(4, first_at).Step());
      Statement& write = found ? update : insert;
      std::optional<int64_t> existing = found ? std::optional(find.Int(0)) : std::nullopt;
      find.Reset();
      write.Reset();
      write.Bind(1, started_at)
          .Bind(2, runs.OptionalText(2))
          .Bind(3, runs.Text(3))
          .Bind(4, runs.Int(4))
          .Bind(5, runs.Int(5))
          .Bind(6, runs.Int(6))
          .Bind(7, runs.Int(7))
          .Bind(8, runs.Int(8))
          .Bind(9, options)
          .Bind(10, runs.Int(10))
          .Bind(11, runs.OptionalText(11));
      if (existing) write.Bind(12, *existing);
      TRY(write.Run());
      run_ids_[runs.Int(0)] = existing ? *existing : dst().LastInsertRowId();
      if (!existing) ++counts_.runs;
    }
    return {};
  }

  // Which source article each capture belongs to (its versions' and current captures).
  util::Result<void> IndexArticleCaptures() {
    TRY_ASSIGN(Statement stmt,
               Statement::Prepare(src(),
                                  "SELECT capture_id, id FROM articles WHERE capture_id IS NOT "
                                  "NULL UNION ALL SELECT capture_id, article_id FROM "
                                  "article_versions WHERE capture_id IS NOT NULL"));
    while (true) {
      TRY_ASSIGN(bool has_row, stmt.Step());
      if (!has_row) break;
      article_of_capture_.emplace(stmt.Int(0), stmt.Int(1));
    }
    return {};
  }

  util::Result<std::optional<SourceCapture>> ReadCapture(int64_t id) {
    if (!read_capture_) {
      TRY_ASSIGN(read_capture_, Statement::Prepare(src(),
                                                   "SELECT sha256, size, content_type, body "
                                                   "FROM captures WHERE id = ?1"));
    }
    Statement& stmt = *read_capture_;
    stmt.Reset();
    TRY_ASSIGN(bool found, stmt.Bind(1, id).Step());
    if (!found) return std::optional<SourceCapture>();
    SourceCapture capture{stmt.Text(0), stmt.OptionalText(2), stmt.Blob(3), {}};
    auto size = static_cast<size_t>(stmt.Int(1));
    stmt.Reset();
    auto body = Decompress(capture.compressed, size);
    if (!body) {
      return tl::unexpected(MergeError(
          source_, "capture " + std::to_string(id) + " is corrupt (" + body.error().message + ")"));
    }
    if (util::Sha256Hex(*body) != capture.sha256) {
      return tl::unexpected(MergeError(source_, "capture " + std::to_string(id) +
                                                    " is corrupt (its payload does not match "
                                                    "its SHA-256 " +
                                                    capture.sha256 + ")"));
    }
    capture.body = std::move(*body);
    return std::optional<SourceCapture>(std::move(capture));
  }

  // Counts a source capture once: new to the target, or already there (deduplicated).
  util::Result<void> CountCapture(int64_t source_id, const std::string& sha256) {
    if (!counted_captures_.insert(source_id).second) return {};
    TRY_ASSIGN(bool present, TargetHasCapture(sha256));
    ++(present ? counts_.captures_deduplicated : counts_.captures_new);
    return {};
  }

  util::Result<bool> TargetHasCapture(const std::string& sha256) {
    TRY_ASSIGN(Statement stmt,
               Statement::Prepare(dst(), "SELECT 1 FROM captures WHERE sha256 = ?1"));
    return stmt.Bind(1, sha256).Step();
  }

  // The target's id of source capture `source_id`, copying it when the target lacks it.
  util::Result<std::optional<int64_t>> TargetCapture(int64_t source_id) {
    TRY_ASSIGN(std::optional<SourceCapture> capture, ReadCapture(source_id));
    if (!capture) return std::optional<int64_t>();
    TRY(CountCapture(source_id, capture->sha256));
    TRY_ASSIGN(Statement insert,
               Statement::Prepare(dst(),
                                  "INSERT INTO captures (sha256, size, content_type, body) "
                                  "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (sha256) DO NOTHING"));
    TRY(insert.Bind(1, capture->sha256)
            .Bind(2, static_cast<int64_t>(capture->body.size()))
            .Bind(3, capture->content_type)
            .BindBlob(4, capture->compressed)
            .Run());
    TRY_ASSIGN(Statement find,
               Statement::Prepare(dst(), "SELECT id FROM captures WHERE sha256 = ?1"));
    TRY(find.Bind(1, capture->sha256).Step());
    return std::optional<int64_t>(find.Int(0));
  }

  // The article the source held at `at` for article `article_id`: its latest version fetched
  // no later than `at` (the current row when that is the current version), or nullopt.
  struct HeldVersion {
    int64_t version = 0;
    extract::Article article;
  };
  util::Result<std::optional<HeldVersion>> VersionAt(int64_t article_id, const std::string& at) {
    TRY_ASSIGN(Statement stmt,
               Statement::Prepare(src(),
                                  "SELECT v.version, v.article, v.version = a.version FROM "
                                  "article_versions v JOIN articles a ON a.id = v.article_id "
                                  "WHERE v.article_id = ?1 AND v.fetched_at <= ?2 "
                                  "ORDER BY v.version DESC LIMIT 1"));
    TRY_ASSIGN(bool found, stmt.Bind(1, article_id).Bind(2, at).Step());
    if (!found) return std::optional<HeldVersion>();
    HeldVersion held{stmt.Int(0), {}};
    if (stmt.Int(2) == 1) {
      TRY_ASSIGN(held.article, CurrentArticle(article_id));
    } else {
      TRY_ASSIGN(held.article, ArticleFromJson(stmt.Text(1), nullptr));
    }
    return std::optional<HeldVersion>(std::move(held));
  }

  util::Result<extract::Article> CurrentArticle(int64_t article_id) {
    TRY_ASSIGN(Statement row,
               Statement::Prepare(src(), std::string("SELECT ") + kArticleRowColumns +
                                             " FROM articles a WHERE a.id = ?1"));
    TRY(row.Bind(1, article_id).Step());
    return ArticleFromRow(row, 0, nullptr);
  }

  // The source article a fetch gave (by its capture, or an article page fetched at the
  // article's own URL with a payload that no version kept: fetched again, unchanged).
  util::Result<std::optional<int64_t>> ArticleOfFetch(const std::string& url,
                                                      std::optional<int64_t> capture_id,
                                                      const std::optional<std::string>& page_kind) {
    if (!capture_id) return std::optional<int64_t>();
    if (auto it = article_of_capture_.find(*capture_id); it != article_of_capture_.end()) {
      return std::optional<int64_t>(it->second);
    }
    if (page_kind && *page_kind != "article") return std::optional<int64_t>();
    TRY_ASSIGN(Statement stmt, Statement::Prepare(src(), "SELECT id FROM articles WHERE url = ?1"));
    TRY_ASSIGN(bool found, stmt.Bind(1, url).Step());
    return found ? std::optional<int64_t>(stmt.Int(0)) : std::nullopt;
  }

  // Whether the target holds this exchange already: a fetch with the same WARC-Record-ID, or
  // as many fetches with the same URL, time, outcome, status, duration, bytes and payload as
  // the source has up to this one (two identical attempts in one second stay two).
  util::Result<bool> TargetHasFetch(const PageRecord& r, const std::optional<std::string>& sha256) {
    if (r.warc_record_id) {
      TRY_ASSIGN(bool found, target_.HasWarcRecord(*r.warc_record_id));
      if (found) return true;
    }
    std::string started_at = util::FormatUtc(r.started_at);
    // Fetches come in time order: identical ones share a second.
    if (started_at != occurrences_second_) {
      occurrences_.clear();
      occurrences_second_ = started_at;
    }
    std::string key = r.url + '\n' + r.outcome + '\n' + std::to_string(r.status.value_or(-1)) +
                      '\n' + std::to_string(r.duration_ms) + '\n' + std::to_string(r.bytes) + '\n' +
                      sha256.value_or("");
    int64_t occurrence = ++occurrences_[key];
    TRY_ASSIGN(Statement stmt,
               Statement::Prepare(dst(),
                                  "SELECT count(*) FROM fetches f LEFT JOIN captures c ON c.id = "
                                  "f.capture_id WHERE f.url = ?1 AND f.started_at = ?2 AND "
                                  "f.outcome = ?3 AND f.status IS ?4 AND f.duration_ms IS ?5 AND "
                                  "f.bytes IS ?6 AND c.sha256 IS ?7"));
    TRY(stmt.Bind(1, r.url)
            .Bind(2, started_at)
            .Bind(3, r.outcome)
            .Bind(4, r.status)
            .Bind(5, r.duration_ms)
            .Bind(6, r.bytes)
            .Bind(7, sha256)
            .Step());
    return stmt.Int(0) >= occurrence;
  }

  util::Result<std::optional<std::string>> CaptureSha256(int64_t id) {
    TRY_ASSIGN(Statement stmt,
               Statement::Prepare(src(), "SELECT sha256 FROM captures WHERE id = ?1"));
    TRY_ASSIGN(bool found, stmt.Bind(1, id).Step());
    return found ? std::optional<std::string>(stmt.Text(0)) : std::nullopt;
  }

  void Count(const RecordResult& result) {
    if (result.change == ArticleChange::kNew) ++counts_.articles_new;
    if (result.change == ArticleChange::kChanged || result.change == ArticleChange::kOlderVersion) {
      ++counts_.articles_updated;
    }
  }

  util::Result<void> ReplayFetches() {
    TRY_ASSIGN(Statement fetches,
               Statement::Prepare(src(),
                                  "SELECT run_id, url, final_url, status, content_type, etag, "
                                  "last_modified, started_at, duration_ms, bytes, outcome, error, "
                                  "capture_id, retry_after, warc_record_id, page_kind, "
                                  "kind_reason FROM fetches ORDER BY started_at, id"));
    while (true) {
      TRY_ASSIGN(bool has_row, fetches.Step());
      if (!has_row) break;
      PageRecord r;
      if (auto run = fetches.OptionalInt(0)) {
        auto it = run_ids_.find(*run);
        if (it != run_ids_.end()) r.run_id = it->second;
      }
      r.url = fetches.Text(1);
      r.final_url = fetches.OptionalText(2);
      if (auto status = fetches.OptionalInt(3)) r.status = static_cast<int>(*status);
      r.content_type = fetches.OptionalText(4);
      r.etag = fetches.OptionalText(5);
      r.last_modified = fetches.OptionalText(6);
      std::string started_at = Normalized(fetches.Text(7));
      r.started_at = r.fetched_at = TimeOf(started_at);
      r.duration_ms = fetches.OptionalInt(8).value_or(0);
      r.bytes = fetches.OptionalInt(9).value_or(0);
      r.outcome = fetches.Text(10);
      r.error = fetches.OptionalText(11);
      std::optional<int64_t> capture_id = fetches.OptionalInt(12);
      r.retry_after = fetches.OptionalText(13);
      r.warc_record_id = fetches.OptionalText(14);
      r.page_kind = fetches.OptionalText(15);
      r.kind_reason = fetches.OptionalText(16);

      // The payload is read (and checked) only for a fetch the target lacks.
      std::optional<std::string> sha256;
      if (capture_id) {
        TRY_ASSIGN(sha256, CaptureSha256(*capture_id));
      }
      TRY_ASSIGN(bool present, TargetHasFetch(r, sha256));
      if (present) {
        ++counts_.fetches_present;
        if (sha256) counted_captures_.insert(*capture_id);
        TRY(MarkCarried(r, capture_id, started_at));
        continue;
      }
      std::optional<SourceCapture> capture;
      if (sha256) {
        TRY_ASSIGN(capture, ReadCapture(*capture_id));
      }
      if (capture) {
        TRY(CountCapture(*capture_id, capture->sha256));
        r.body = std::move(capture->body);
        r.prepared_body = PreparedBody{capture->sha256, std::move(capture->compressed)};
      }
      bool answered = r.outcome == "ok" && r.status && *r.status >= 200 && *r.status < 300;
      if (answered) {
        TRY_ASSIGN(std::optional<int64_t> article_id,
                   ArticleOfFetch(r.url, capture_id, r.page_kind));
        if (article_id) {
          TRY_ASSIGN(std::optional<HeldVersion> held, VersionAt(*article_id, started_at));
          if (held) {
            carried_.emplace(*article_id, held->version);
            r.article = std::move(held->article);
          }
        }
      }
      batch_bytes_ += r.body ? r.body->size() : 0;
      batch_.push_back(std::move(r));
      if (batch_.size() >= kBatchRecords || batch_bytes_ >= kBatchBytes) TRY(FlushBatch());
    }
    return FlushBatch();
  }

  // Records the batched fetches with one RecordPages: one savepoint for the batch, not one per
  // record (FTS5 writes a segment at each savepoint; schema version 4 tells the cost).
  util::Result<void> FlushBatch() {
    if (batch_.empty()) return {};
    TRY_ASSIGN(std::vector<RecordResult> results, target_.RecordPages(batch_));
    for (const RecordResult& result : results) Count(result);
    counts_.fetches += static_cast<int64_t>(batch_.size());
    batch_.clear();
    batch_bytes_ = 0;
    return {};
  }

  // A fetch merged before: its version came across then.
  util::Result<void> MarkCarried(const PageRecord& r, std::optional<int64_t> capture_id,
                                 const std::string& started_at) {
    if (r.outcome != "ok" || !r.status || *r.status < 200 || *r.status >= 300) return {};
    TRY_ASSIGN(std::optional<int64_t> article_id, ArticleOfFetch(r.url, capture_id, r.page_kind));
    if (!article_id) return {};
    TRY_ASSIGN(Statement stmt, Statement::Prepare(src(),
                                                  "SELECT max(version) FROM article_versions "
                                                  "WHERE article_id = ?1 AND fetched_at <= ?2"));
    TRY(stmt.Bind(1, *article_id).Bind(2, started_at).Step());
    if (auto version = stmt.OptionalInt(0)) carried_.emplace(*article_id, *version);
    return {};
  }

  // Versions no replayed fetch carried, in time order. A version superseded at the same
  // instant (re-extracted: the next version has the same fetch time) is history the target
  // cannot place; the version that replaced it comes across.
  util::Result<void> StoreUncarriedVersions() {
    TRY_ASSIGN(Statement versions,
               Statement::Prepare(src(),
                                  "SELECT v.article_id, v.version, v.capture_id, v.fetched_at, "
                                  "v.article, v.version = a.version, a.url FROM "
                                  "article_versions v JOIN articles a ON a.id = v.article_id "
                                  "WHERE NOT EXISTS (SELECT 1 FROM article_versions n WHERE "
                                  "n.article_id = v.article_id AND n.version > v.version AND "
                                  "n.fetched_at <= v.fetched_at) "
                                  "ORDER BY v.fetched_at, v.article_id, v.version"));
    while (true) {
      TRY_ASSIGN(bool has_row, versions.Step());
      if (!has_row) break;
      int64_t article_id = versions.Int(0);
      int64_t version = versions.Int(1);
      if (carried_.contains({article_id, version})) continue;
      PageRecord r;
      r.url = versions.Text(6);
      r.fetched_at = r.started_at = TimeOf(Normalized(versions.Text(3)));
      if (versions.Int(5) == 1) {
        TRY_ASSIGN(r.article, CurrentArticle(article_id));
      } else {
        TRY_ASSIGN(r.article, ArticleFromJson(versions.Text(4), nullptr));
      }
      if (auto capture = versions.OptionalInt(2)) {
        TRY_ASSIGN(r.article_capture_id, TargetCapture(*capture));
      }
      TRY_ASSIGN(RecordResult result, target_.StoreArticle(r));
      Count(result);
    }
    return {};
  }

  // An article the source marked removed stays removed unless the target saw it answer after
  // the sightings (they are then cleared there).
  util::Result<void> CarryRemovals() {
    TRY_ASSIGN(Statement removed,
               Statement::Prepare(src(),
                                  "SELECT url, removed_at, removed_reason FROM articles "
                                  "WHERE removed_at IS NOT NULL"));
    TRY_ASSIGN(Statement mark,
               Statement::Prepare(dst(),
                                  "UPDATE articles SET removed_at = ?2, removed_reason = ?3 "
                                  "WHERE url = ?1 AND removed_at IS NULL AND EXISTS (SELECT 1 "
                                  "FROM removal_sightings s WHERE s.article_id = articles.id "
                                  "AND s.cleared_at IS NULL AND s.seen_at >= ?2)"));
    while (true) {
      TRY_ASSIGN(bool has_row, removed.Step());
      if (!has_row) break;
      mark.Reset();
      TRY(mark.Bind(1, removed.Text(0))
              .Bind(2, removed.Text(1))
              .Bind(3, removed.OptionalText(2))
              .Run());
      counts_.removals += dst().Changes();
    }
    return {};
  }

  util::Result<void> CopyUnfetchedCaptures() {
    // Every capture a fetch refers to was counted (and stored) on the way: the others are left.
    // (No index of fetches by capture: a NOT EXISTS per capture would scan the fetches.)
    TRY_ASSIGN(Statement captures,
               Statement::Prepare(src(), "SELECT id FROM captures ORDER BY id"));
    while (true) {
      TRY_ASSIGN(bool has_row, captures.Step());
      if (!has_row) break;
      if (counted_captures_.contains(captures.Int(0))) continue;
      TRY(TargetCapture(captures.Int(0)));
    }
    return {};
  }

  // Copies `select`'s rows (text and integer columns) from the source into the target with
  // `upsert`, binding each column in order.
  util::Result<void> CopyRows(const char* select, const char* upsert, int columns) {
    TRY_ASSIGN(Statement from, Statement::Prepare(src(), select));
    TRY_ASSIGN(Statement to, Statement::Prepare(dst(), upsert));
    while (true) {
      TRY_ASSIGN(bool has_row, from.Step());
      if (!has_row) break;
      to.Reset();
      for (int i = 0; i < columns; ++i) {
        // Bound as text: the target's column affinity stores integers as integers again.
        to.Bind(i + 1, from.OptionalText(i));
      }
      TRY(to.Run());
    }
    return {};
  }

  util::Result<void> MergeBookkeeping() {
    TRY(CopyRows("SELECT host, first_seen_at FROM sites",
                 "INSERT INTO sites (host, first_seen_at) VALUES (?1, ?2) ON CONFLICT (host) DO "
                 "UPDATE SET first_seen_at = ?2 WHERE ?2 < first_seen_at",
                 2));
    // The frontier: run ids are the source's, so a copied entry names no run.
    TRY(
        CopyRows("SELECT url, host, depth, kind, redirects, CASE state WHEN 'in_flight' THEN "
                 "'queued' ELSE state END, discovered_from, updated_at, priority, attempts, "
                 "next_attempt_at, post_body FROM frontier ORDER BY id",
                 "INSERT INTO frontier (url, host, depth, kind, redirects, state, "
                 "discovered_from, updated_at, priority, attempts, next_attempt_at, post_body) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (url) "
                 "DO UPDATE SET state = 'done', updated_at = excluded.updated_at "
                 "WHERE excluded.state = 'done' AND frontier.state != 'done'",
                 12));
    TRY(CopyRows("SELECT host, fetched_at, status, body, expires_at FROM robots",
                 "INSERT INTO robots (host, fetched_at, status, body, expires_at) VALUES (?1, "
                 "?2, ?3, ?4, ?5) ON CONFLICT (host) DO UPDATE SET fetched_at = "
                 "excluded.fetched_at, status = excluded.status, body = excluded.body, "
                 "expires_at = excluded.expires_at WHERE excluded.fetched_at > robots.fetched_at",
                 5));
    TRY(
        CopyRows("SELECT host, template, fetched, productive, barren_streak, given_up_at, "
                 "updated_at FROM url_templates",
                 "INSERT INTO url_templates (host, template, fetched, productive, barren_streak, "
                 "given_up_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT "
                 "(host, template) DO UPDATE SET fetched = excluded.fetched, productive = "
                 "excluded.productive, barren_streak = excluded.barren_streak, given_up_at = "
                 "excluded.given_up_at, updated_at = excluded.updated_at "
                 "WHERE excluded.updated_at > url_templates.updated_at",
                 7));
    TRY(
        CopyRows("SELECT host, consecutive_failed_runs, last_error, parked_at, updated_at FROM "
                 "host_health",
                 "INSERT INTO host_health (host, consecutive_failed_runs, last_error, parked_at, "
                 "updated_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (host) DO UPDATE SET "
                 "consecutive_failed_runs = excluded.consecutive_failed_runs, last_error = "
                 "excluded.last_error, parked_at = excluded.parked_at, updated_at = "
                 "excluded.updated_at WHERE excluded.updated_at > host_health.updated_at",
                 5));
    return MergeScopeRefusals();
  }

  util::Result<void> MergeScopeRefusals() {
    TRY_ASSIGN(Statement from,
               Statement::Prepare(src(),
                                  "SELECT url, host, reason, detail, discovered_from, "
                                  "first_run_id, last_run_id, first_seen_at, last_seen_at "
                                  "FROM scope_refusals ORDER BY url"));
    TRY_ASSIGN(
        Statement to,
        Statement::Prepare(
            dst(),
            "INSERT INTO scope_refusals (url, host, reason, detail, discovered_from, "
            "first_run_id, last_run_id, first_seen_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, "
            "?5, ?6, ?7, ?8, ?9) ON CONFLICT (url) DO UPDATE SET "
            "first_run_id = CASE WHEN excluded.first_seen_at < first_seen_at THEN "
            "excluded.first_run_id ELSE first_run_id END, "
            "first_seen_at = min(first_seen_at, excluded.first_seen_at), "
            "reason = CASE WHEN excluded.last_seen_at > last_seen_at THEN excluded.reason ELSE "
            "reason END, "
            "detail = CASE WHEN excluded.last_seen_at > last_seen_at THEN excluded.detail ELSE "
            "detail END, "
            "discovered_from = CASE WHEN excluded.last_seen_at > last_seen_at THEN "
            "excluded.discovered_from ELSE discovered_from END, "
            "last_run_id = CASE WHEN excluded.last_seen_at > last_seen_at THEN "
            "excluded.last_run_id ELSE last_run_id END, "
            "last_seen_at = max(last_seen_at, excluded.last_seen_at)"));
    auto run = [&](int col) -> std::optional<int64_t> {
      std::optional<int64_t> id = from.OptionalInt(col);
      if (!id) return std::nullopt;
      auto it = run_ids_.find(*id);
      return it == run_ids_.end() ? std::nullopt : std::optional<int64_t>(it->second);
    };
    while (true) {
      TRY_ASSIGN(bool has_row, from.Step());
      if (!has_row) break;
      to.Reset();
      to.Bind(1, from.Text(0))
          .Bind(2, from.Text(1))
          .Bind(3, from.Text(2))
          .Bind(4, from.Text(3))
          .Bind(5, from.OptionalText(4))
          .Bind(6, run(5))
          .Bind(7, run(6))
          .Bind(8, from.Text(7))
          .Bind(9, from.Text(8));
      TRY(to.Run());
    }
    return {};
  }

  Archive& target_;
  const Archive& source_;
  MergeCounts counts_;
  std::map<int64_t, int64_t> run_ids_;             // source run id → target run id
  std::map<int64_t, int64_t> article_of_capture_;  // source capture id → source article id
  std::set<int64_t> counted_captures_;             // source capture ids counted
  std::set<std::pair<int64_t, int64_t>> carried_;  // (source article id, version) replayed
  std::optional<Statement> read_capture_;
  std::vector<PageRecord> batch_;               // fetches to record, in order
  size_t batch_bytes_ = 0;                      // their bodies' bytes
  std::string occurrences_second_;              // the fetch time occurrences_ counts in
  std::map<std::string, int64_t> occurrences_;  // exchange → how many met so far that second
};

}  // namespace

MergeCounts& operator+=(MergeCounts& total, const MergeCounts& one) {
  total.runs += one.runs;
  total.fetches += one.fetches;
  total.fetches_present += one.fetches_present;
  total.captures_new += one.captures_new;
  total.captures_deduplicated += one.captures_deduplicated;
  total.articles_new += one.articles_new;
  total.articles_updated += one.articles_updated;
  total.removals += one.removals;
  return total;
}

util::Result<MergeCounts> MergeArchive(Archive& target, const Archive& source) {
  TRY_ASSIGN(int version, SchemaVersionOf(source.db()));
  if (version != kSchemaVersion) {
    return tl::unexpected(MergeError(
        source, "has archive schema version " + std::to_string(version) + ", not " +
                    std::to_string(kSchemaVersion) + " (merge an upgraded snapshot of it)"));
  }
  auto read = source.BeginRead();
  if (!read) return tl::unexpected(MergeError(source, read.error().message));
  TRY_ASSIGN(WriteBatch write, target.BeginWrite());
  auto counts = Merger(target, source).Run();
  if (!counts) {
    const std::string& message = counts.error().message;
    // Errors of the target's write path name no file; the source's already name theirs.
    if (message.rfind(source.path() + ":", 0) == 0) return tl::unexpected(counts.error());
    return tl::unexpected(util::Error{counts.error().code, "merging " + source.path() + " into " +
                                                               target.path() + ": " + message});
  }
  TRY(write.Commit());
  TRY(WithSource(read->Commit(), source));
  return *counts;
}

util::Result<void> QuickCheckArchive(const Archive& archive) {
  auto checked = [&]() -> util::Result<std::string> {
    TRY_ASSIGN(Statement stmt, Statement::Prepare(archive.db(), "PRAGMA quick_check(1)"));
    TRY_ASSIGN(bool has_row, stmt.Step());
    return has_row ? stmt.Text(0) : std::string("no answer");
  }();
  if (!checked) {
    return tl::unexpected(MergeError(archive, "is damaged (" + checked.error().message + ")"));
  }
  if (*checked != "ok") return tl::unexpected(MergeError(archive, "is damaged (" + *checked + ")"));
  return {};
}

util::Result<void> SnapshotArchive(const Archive& source, const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return tl::unexpected(MergeError(source, "snapshot " + path + " exists already"));
  }
  TRY_ASSIGN(Statement vacuum, Statement::Prepare(source.db(), "VACUUM INTO ?1"));
  return WithSource(vacuum.Bind(1, path).Run(), source);
}

}  // namespace storage
