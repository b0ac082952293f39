#include "storage/migrations.h"

#include <string_view>

#include "storage/text_fold.h"

namespace storage {
namespace {

struct Migration {
  int version;
  const char* sql;
};

// Version 1: the archive proper. Timestamps are RFC 3339 UTC text ("2024-05-01T08:00:00Z"), so
// they sort and compare as strings; JSON columns hold the Article's nested values as
// article.schema.json spells them.
constexpr const char* kVersion1 = R"sql(
-- A site is a host[:port] the archive has fetched pages from.
CREATE TABLE sites (
  id            INTEGER PRIMARY KEY,
  host          TEXT NOT NULL UNIQUE,
  first_seen_at TEXT NOT NULL
);

-- A crawl run is one `newsarc crawl` invocation and its totals.
CREATE TABLE crawl_runs (
  id               INTEGER PRIMARY KEY,
  started_at       TEXT NOT NULL,
  finished_at      TEXT,
  status           TEXT NOT NULL DEFAULT 'running',  -- running / ok / partial / failed / aborted
  fetched          INTEGER NOT NULL DEFAULT 0,
  articles_new     INTEGER NOT NULL DEFAULT 0,
  articles_changed INTEGER NOT NULL DEFAULT 0,
  errors           INTEGER NOT NULL DEFAULT 0,
  skipped          INTEGER NOT NULL DEFAULT 0,
  options          TEXT NOT NULL DEFAULT '{}'        -- the run's options as JSON
);

-- A capture is one response payload, stored once however often it is fetched. `body` is the
-- DECODED payload (Content-Encoding such as gzip already removed; charset NOT converted),
-- zlib-compressed; `sha256` is the hash of that decoded payload, `size` its length.
CREATE TABLE captures (
  id           INTEGER PRIMARY KEY,
  sha256       TEXT NOT NULL UNIQUE,
  size         INTEGER NOT NULL,
  content_type TEXT,
  body         BLOB NOT NULL
);

-- A fetch is one HTTP exchange (or an attempt that never got one): what was asked, what came
-- back and how it ended. outcome is one of ok / not_modified / robots_disallowed / http_error /
-- network / timeout / too_large / not_html / redirect / aborted.
CREATE TABLE fetches (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER REFERENCES crawl_runs(id),
  url           TEXT NOT NULL,
  site          TEXT NOT NULL,
  final_url     TEXT,
  status        INTEGER,
  content_type  TEXT,
  etag          TEXT,
  last_modified TEXT,
  started_at    TEXT NOT NULL,
  duration_ms   INTEGER,
  bytes         INTEGER,
  outcome       TEXT NOT NULL,
  error         TEXT,
  capture_id    INTEGER REFERENCES captures(id)
);
CREATE INDEX fetches_run ON fetches(run_id);
CREATE INDEX fetches_site_outcome ON fetches(site, outcome);

-- An article is the current state of one article page, keyed by its canonical URL. version
-- counts the changes of body or title seen so far (1 = first capture); changed_at is when the
-- current version was first fetched. The JSON columns hold the Article's nested values.
CREATE TABLE articles (
  id              INTEGER PRIMARY KEY,
  url             TEXT NOT NULL UNIQUE,
  site            TEXT NOT NULL,
  section         TEXT,
  title           TEXT,
  published_date  TEXT,
  published_at    TEXT,
  updated_at      TEXT,
  dates           TEXT NOT NULL DEFAULT '[]',
  source          TEXT,
  author          TEXT,
  views           INTEGER,
  body            TEXT NOT NULL,
  images          TEXT NOT NULL DEFAULT '[]',
  prev            TEXT,          -- {"url":…, "title":…} or NULL
  next            TEXT,
  lang            TEXT,
  encoding        TEXT NOT NULL, -- {"declared":…, "detected":…, "used":…}
  content_sha256  TEXT NOT NULL,
  first_seen_at   TEXT NOT NULL,
  last_fetched_at TEXT NOT NULL,
  changed_at      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  capture_id      INTEGER REFERENCES captures(id),
  etag            TEXT,
  last_modified   TEXT
);
CREATE INDEX articles_export_order ON articles(site, published_date, url);
CREATE INDEX articles_changed_at ON articles(changed_at);

-- An article version is a snapshot of an article each time its body or title changed: the full
-- export JSON object of that version (article.schema.json) and the capture it came from.
CREATE TABLE article_versions (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  version    INTEGER NOT NULL,
  capture_id INTEGER REFERENCES captures(id),
  fetched_at TEXT NOT NULL,
  article    TEXT NOT NULL,
  UNIQUE (article_id, version)
);

-- A frontier entry is a URL the crawl has discovered (canonical, so each URL once) and where it
-- stands: queued / in_flight / done / failed / skipped. kind is why it was queued (seed,
-- listing, article, sibling, continuation, redirect, sitemap, other).
CREATE TABLE frontier (
  id              INTEGER PRIMARY KEY,
  url             TEXT NOT NULL UNIQUE,
  host            TEXT NOT NULL,
  depth           INTEGER NOT NULL DEFAULT 0,
  kind            TEXT NOT NULL DEFAULT 'other',
  redirects       INTEGER NOT NULL DEFAULT 0,
  state           TEXT NOT NULL DEFAULT 'queued',
  discovered_from TEXT,
  run_id          INTEGER REFERENCES crawl_runs(id),
  updated_at      TEXT NOT NULL
);
CREATE INDEX frontier_state_host ON frontier(state, host, id);

-- A robots row is the last robots.txt response of a host (status 0 = network failure).
CREATE TABLE robots (
  host       TEXT PRIMARY KEY,
  fetched_at TEXT NOT NULL,
  status     INTEGER NOT NULL,
  body       TEXT NOT NULL
);
)sql";

// Version 2: full-text search. articles_fts indexes articles.title and articles.body (external
// content: the text is stored once, in articles) with the trigram tokenizer, which matches any
// substring of three or more characters, the only tokenization that works for Chinese without
// a dictionary. Triggers keep it in step with articles (version 4 replaces the insert trigger);
// the rebuild indexes archives upgraded from version 1.
constexpr const char* kVersion2 = R"sql(
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, body, content='articles', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
)sql";

// Version 3: what retry and cache policies need. A fetch keeps the Retry-After header it got
// (429/503); a frontier entry gets a priority, an attempt count and the earliest time it may be
// fetched again, with one index answering "next ready URL of this host" (state, host, best
// priority, oldest first) that also serves "hosts with queued work"; a robots row gets the time
// it stops being fresh (NULL: the crawler's default cache age applies).
constexpr const char* kVersion3 = R"sql(
ALTER TABLE fetches ADD COLUMN retry_after TEXT;       -- Retry-After as received
ALTER TABLE frontier ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;  -- higher goes first
ALTER TABLE frontier ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;  -- failed tries so far
ALTER TABLE frontier ADD COLUMN next_attempt_at TEXT;  -- not before this time; NULL = now
DROP INDEX frontier_state_host;
CREATE INDEX frontier_ready ON frontier(state, host, priority DESC, id, next_attempt_at);
ALTER TABLE robots ADD COLUMN expires_at TEXT;
)sql";

// Version 4: new articles are added to articles_fts by the archive's write path (the INSERT
// that follows each new article row) instead of by a trigger. On SQLite 3.40 an FTS5 write
// made from a trigger runs inside a statement savepoint, and FTS5 flushes its pending terms to
// a new on-disk segment at every savepoint: one segment per article, then merges. With 1 KB
// Chinese articles batched 1,000 per transaction, dropping the trigger took ingest from ~3,000
// to ~5,900 articles/s of CPU time (bench/storage_bench.cpp). Updates and deletes, rare, stay
// with their triggers (they need the old text, which only the trigger sees).
// REQUIRES (of every writer of articles): insert the new row into articles_fts.
constexpr const char* kVersion4 = R"sql(
DROP TRIGGER articles_fts_insert;
)sql";

// Version 5: an index of fetches by URL, and a fetch remembers the WARC response (or revisit)
// record it was written to or imported from, so that importing the same WARC file twice adds
// nothing.
constexpr const char* kVersion5 = R"sql(
ALTER TABLE fetches ADD COLUMN warc_record_id TEXT;  -- WARC-Record-ID without <>: urn:uuid:…
CREATE UNIQUE INDEX fetches_warc_record ON fetches(warc_record_id)
  WHERE warc_record_id IS NOT NULL;
-- The latest capture of a URL (pages of a multi-page article are stitched from the archive).
CREATE INDEX fetches_url ON fetches(url);
)sql";

// Version 6: an index of articles by capture. An article archived under its rel=canonical URL
// is found from the URL crawled through the fetch holding its capture (revalidation validators,
// a 304 refreshing it); without the index each such lookup scans every article.
constexpr const char* kVersion6 = R"sql(
CREATE INDEX articles_capture ON articles(capture_id);
)sql";

// Version 7: what a run refused as off-site. offsite_links counts the links (and redirects)
// not followed because their host is out of scope; offsite_hosts lists those hosts, most
// linked first, as JSON [{"host", "links", "example", "discovered_from"}] (NULL for runs
// before version 7 and imports).
constexpr const char* kVersion7 = R"sql(
ALTER TABLE crawl_runs ADD COLUMN offsite_links INTEGER NOT NULL DEFAULT 0;
ALTER TABLE crawl_runs ADD COLUMN offsite_hosts TEXT;
)sql";

// Version 8: what the extractor made of each fetched page (article / listing / other) and why,
// so that a page that was not archived as an article can be told apart from one never fetched
// (NULL for pages not extracted: failures, redirects, sitemaps, fetches before version 8). A
// frontier entry may be a form post (an ASP.NET pager): its url is the post's key (the URL
// posted to, with a fragment naming the post) and post_body what is POSTed. An index finds a
// host's last request.
constexpr const char* kVersion8 = R"sql(
ALTER TABLE fetches ADD COLUMN page_kind TEXT;
ALTER TABLE fetches ADD COLUMN kind_reason TEXT;
ALTER TABLE frontier ADD COLUMN post_body TEXT;
-- A host's last request (a new run waits out the politeness gap from it).
CREATE INDEX fetches_site_started ON fetches(site, started_at);
)sql";

// Version 9: what the first fetches of each URL template of a host produced (the trap guard
// by yield, crawler/yield_guard.h), so that a resumed or later run remembers a template that
// stopped yielding anything new.
constexpr const char* kVersion9 = R"sql(
CREATE TABLE url_templates (
  host          TEXT NOT NULL,
  template      TEXT NOT NULL,  -- path with digits as '#', then '?' and the sorted query names
  fetched       INTEGER NOT NULL DEFAULT 0,
  productive    INTEGER NOT NULL DEFAULT 0,
  barren_streak INTEGER NOT NULL DEFAULT 0,
  given_up_at   TEXT,           -- when the guard gave it up (NULL: followed)
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (host, template)
) WITHOUT ROWID;
)sql";

// Version 10: how each host fared in the runs that sent it requests (storage/host_health.h). A
// host that failed on `--park-after` runs in a row is parked: later runs skip it, its queue kept.
constexpr const char* kVersion10 = R"sql(
CREATE TABLE host_health (
  host                    TEXT PRIMARY KEY,       -- as the frontier keys it (host[:port])
  consecutive_failed_runs INTEGER NOT NULL DEFAULT 0,
  last_error              TEXT,                   -- why its last failed run failed
  parked_at               TEXT,                   -- when it was parked (NULL: crawled)
  updated_at              TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// Version 11: the search index holds folded text (storage/text_fold.h: Traditional Chinese as
// Simplified, full-width as ASCII, lower case), so that 商會 and 商会 find each other. It
// keeps its own copy of the folded title and body (a plain FTS5 table, no longer external
// content): search checks short terms, which the trigram index cannot answer, on that text, and
// removing a row no longer needs the text it was indexed with, so the index cannot drift from
// what it was built from (were it external content over a folding view, an ICU update folding
// one character differently would make every later delete of such text corrupt the index). The
// copy costs space: in bench/storage_bench.cpp's archive (100,000 articles of ~1 KB) 96 MiB
// beside the index's 131 MiB, 14 % of the file; rebuilding its index took 15 s. New articles are
// indexed, folded, by the write path as since version 4; the update trigger folds with
// newsarc_fold(), which Migrate defines on the connection (an SQLite shell updating an article's
// text fails with "no such function" instead of leaving it unindexed). REQUIRES (of every writer of
// articles): index FoldForIndex(title), FoldForIndex(body).
constexpr const char* kVersion11 = R"sql(
DROP TRIGGER IF EXISTS articles_fts_insert;
DROP TRIGGER IF EXISTS articles_fts_delete;
DROP TRIGGER IF EXISTS articles_fts_update;
DROP TABLE IF EXISTS articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize='trigram');
INSERT INTO articles_fts(rowid, title, body)
  SELECT id, newsarc_fold(title), newsarc_fold(body) FROM articles;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  DELETE FROM articles_fts WHERE rowid = old.id;
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
  UPDATE articles_fts SET title = newsarc_fold(new.title), body = newsarc_fold(new.body)
    WHERE rowid = new.id;
END;
)sql";

// Version 12: fixity checks (storage/fixity.h, `newsarc verify`). A verify run is one
// invocation and its totals; a check is one capture re-hashed, one WARC record's digests
// recomputed, or one WARC file read through (ok, or unreadable at an offset). Sampled runs take
// the captures and WARC files never checked, or checked longest ago, first: the partial indexes
// answer "last check of this capture / file".
constexpr const char* kVersion12 = R"sql(
CREATE TABLE fixity_runs (
  id                   INTEGER PRIMARY KEY,
  started_at           TEXT NOT NULL,
  finished_at          TEXT,
  sample               REAL NOT NULL DEFAULT 1,  -- fraction of captures and WARC files checked
  captures_checked     INTEGER NOT NULL DEFAULT 0,
  captures_failed      INTEGER NOT NULL DEFAULT 0,
  warc_records_checked INTEGER NOT NULL DEFAULT 0,
  warc_records_failed  INTEGER NOT NULL DEFAULT 0,
  warc_files_checked   INTEGER NOT NULL DEFAULT 0,
  warc_files_failed    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE fixity_checks (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER REFERENCES fixity_runs(id),
  checked_at  TEXT NOT NULL,
  kind        TEXT NOT NULL,  -- capture / warc_record / warc_file
  capture_id  INTEGER,        -- kind capture (no foreign key: a check outlives its capture)
  file        TEXT,           -- kinds warc_record and warc_file: the file as found
  offset      INTEGER,        -- the record's (or the damage's) offset in the file
  record_id   TEXT,           -- WARC-Record-ID without <>
  target_uri  TEXT,
  result      TEXT NOT NULL,  -- ok / mismatch / unreadable
  detail      TEXT            -- what did not match or could not be read; NULL when ok
);
CREATE INDEX fixity_checks_capture ON fixity_checks(capture_id, checked_at)
  WHERE capture_id IS NOT NULL;
CREATE INDEX fixity_checks_file ON fixity_checks(file, checked_at) WHERE kind = 'warc_file';
CREATE INDEX fixity_checks_failed ON fixity_checks(run_id) WHERE result != 'ok';
)sql";

// Version 13: removal tracking (storage/removal.h). A sighting is one fetch of an archived
// article's URL that said the article is gone (404/410, an error page or a page without an
// article, a redirect to the home page), kept with that fetch as evidence; sightings are never
// deleted, only cleared (cleared_at) when the article answers again. An article seen gone on
// two runs at least the removal grace apart gets removed_at (its first sighting of the streak)
// and removed_reason; it is never deleted.
constexpr const char* kVersion13 = R"sql(
ALTER TABLE articles ADD COLUMN removed_at TEXT;      -- NULL: online, as far as known
ALTER TABLE articles ADD COLUMN removed_reason TEXT;  -- the confirming sighting's reason
CREATE TABLE removal_sightings (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  url        TEXT NOT NULL,   -- the URL fetched (the article's, or the URL it was crawled at)
  run_id     INTEGER REFERENCES crawl_runs(id),
  seen_at    TEXT NOT NULL,   -- the fetch's time
  reason     TEXT NOT NULL,   -- http_404 / http_410 / error_page: … / no_article / redirect_home: …
  fetch_id   INTEGER NOT NULL REFERENCES fetches(id),  -- the evidence (its capture kept)
  cleared_at TEXT             -- when the article answered again (NULL: counts)
);
CREATE INDEX removal_sightings_open ON removal_sightings(article_id, seen_at)
  WHERE cleared_at IS NULL;
CREATE INDEX articles_removed ON articles(removed_at) WHERE removed_at IS NOT NULL;
)sql";

// Version 14: links the crawl's scope refused (--include/--exclude/--max-depth and the URL trap
// checks, storage/scope_refusals.h), one row per URL however often it was found, so that audit
// and urls say why a linked page was never fetched instead of "never discovered".
constexpr const char* kVersion14 = R"sql(
CREATE TABLE scope_refusals (
  url             TEXT PRIMARY KEY,  -- canonical, as the frontier keys it
  host            TEXT NOT NULL,     -- host[:port], as frontier.host
  reason          TEXT NOT NULL,     -- excluded / not_included / too_deep / trap_… (ScopeDecision)
  detail          TEXT NOT NULL,     -- "matches exclude pattern /print/", "depth 3 > max 2"
  discovered_from TEXT,              -- the page the link was (last) found on
  first_run_id    INTEGER REFERENCES crawl_runs(id),
  last_run_id     INTEGER REFERENCES crawl_runs(id),
  first_seen_at   TEXT NOT NULL,
  last_seen_at    TEXT NOT NULL
);
CREATE INDEX scope_refusals_host ON scope_refusals(host);
)sql";

constexpr Migration kMigrations[] = {
    {1, kVersion1},   {2, kVersion2},   {3, kVersion3},   {4, kVersion4},  {5, kVersion5},
    {6, kVersion6},   {7, kVersion7},   {8, kVersion8},   {9, kVersion9},  {10, kVersion10},
    {11, kVersion11}, {12, kVersion12}, {13, kVersion13}, {14, kVersion14}};

util::Error StorageError(std::string message) {
  return util::Error{util::ErrorCode::kStorage, std::move(message)};
}

}  // namespace

util::Result<int> SchemaVersionOf(const Db& db) {
  TRY_ASSIGN(Statement stmt, Statement::Prepare(db, "PRAGMA user_version"));
  TRY_ASSIGN(bool has_row, stmt.Step());
  return has_row ? static_cast<int>(stmt.Int(0)) : 0;
}

util::Result<void> DefineSchemaFunctions(const Db& db) {
  return db.DefineFunction(kFoldSqlFunction, &FoldForIndex);
}

util::Result<void> Migrate(const Db& db, const std::string& path, int target_version) {
  TRY(DefineSchemaFunctions(db));
  TRY_ASSIGN(Transaction txn, Transaction::Begin(db, Transaction::Kind::kWrite));
  TRY_ASSIGN(int current, SchemaVersionOf(db));
  if (current > kSchemaVersion) {
    return tl::unexpected(StorageError(
        path + " has archive schema version " + std::to_string(current) + ", newer than version " +
        std::to_string(kSchemaVersion) + " that this newsarc understands; use a newer newsarc"));
  }
  if (current == 0) {
    TRY_ASSIGN(Statement tables, Statement::Prepare(db, "SELECT count(*) FROM sqlite_schema"));
    TRY(tables.Step());
    if (tables.Int(0) > 0) {
      return tl::unexpected(
          StorageError(path + " is not a newsarc archive (an SQLite database with other tables)"));
    }
  }
  if (current >= target_version) return {};
  for (const Migration& migration : kMigrations) {
    if (migration.version <= current || migration.version > target_version) continue;
    auto applied = db.Exec(migration.sql);
    if (!applied) {
      return tl::unexpected(StorageError("upgrading " + path + " to schema version " +
                                         std::to_string(migration.version) + ": " +
                                         applied.error().message));
    }
  }
  // PRAGMA takes no parameters; the value is a compile-time integer, not user data.
  std::string set_version = "PRAGMA user_version = " + std::to_string(target_version);
  TRY(db.Exec(set_version.c_str()));
  TRY(txn.Commit());
  return {};
}

}  // namespace storage
