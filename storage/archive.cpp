#include "storage/archive.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <utility>

#include "extract/article_json.h"
#include "storage/article_codec.h"
#include "storage/article_rows.h"
#include "storage/compression.h"
#include "storage/migrations.h"
#include "storage/text_fold.h"
#include "storage/timestamps.h"
#include "storage/version_history.h"
#include "util/log.h"
#include "util/sha256.h"
#include "util/time_format.h"
#include "util/url.h"

namespace storage {
namespace {

constexpr int kBusyTimeoutMs = 10'000;
constexpr char kSqliteHeader[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f',
                                    'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};

util::Error StorageError(std::string message) {
  return util::Error{util::ErrorCode::kStorage, std::move(message)};
}

util::Result<void> WithPath(util::Result<void> result, const std::string& path) {
  if (!result) return tl::unexpected(StorageError(path + ": " + result.error().message));
  return {};
}

// What keeps this process from writing the archive at `path`: its file, or its folder, where
// SQLite creates the -wal and -shm files of a WAL database (and a new archive).
struct NotWritable {
  bool folder = false;  // the folder (or its file system) is read-only, not just the file
  std::string reason;   // "read-only folder /x", "read-only file", "read-only file system"
};

bool IsWritable(const std::string& path, int* error) {
  // AT_EACCESS: the effective ids decide, as for the open() SQLite will make.
  if (faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) == 0) return true;
  *error = errno;
  return false;
}

std::optional<NotWritable> CheckWritable(const std::string& path) {
  namespace fs = std::filesystem;
  std::string folder = fs::path(path).parent_path().string();
  if (folder.empty()) folder = ".";
  int error = 0;
  if (!IsWritable(folder, &error) && error != ENOENT) {
    return NotWritable{true,
                       error == EROFS ? "read-only file system" : "read-only folder " + folder};
  }
  std::error_code ec;
  if (fs::exists(path, ec) && !IsWritable(path, &error)) {
    return NotWritable{error == EROFS, error == EROFS ? "read-only file system" : "read-only file"};
  }
  return std::nullopt;
}

// `path` as an SQLite URI filename (https://www.sqlite.org/uri.html) with `query`: '%', '?' and
// '#' are percent-encoded; a path starting with "//" would read as an authority, so it gets
// an empty one.
std::string SqliteUri(const std::string& path, std::string_view query) {
  std::string uri = path.starts_with("//") ? "file://" : "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[static_cast<unsigned char>(c) >> 4];
      uri += kHex[static_cast<unsigned char>(c) & 0xF];
    } else {
      uri += c;
    }
  }
  return uri + "?" + std::string(query);
}

// Refuses anything but a missing/empty file or one that starts with SQLite's 16-byte magic,
// before SQLite opens it: SQLite would otherwise happily turn a stray file into a database.
util::Result<bool> CheckFileBeforeOpen(const std::string& path, const OpenMode& mode) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  bool exists = fs::exists(status);
  if (exists && !fs::is_regular_file(status)) {
    return tl::unexpected(StorageError(path + " is not a newsarc archive (not a regular file)"));
  }
  uintmax_t size = 0;
  if (exists) size = fs::file_size(path, ec);
  if (exists && ec)
    return tl::unexpected(StorageError("cannot read " + path + ": " + ec.message()));
  if (size > 0) {
    std::array<char, 16> header{};
    std::ifstream in(path, std::ios::binary);
    if (!in) return tl::unexpected(StorageError("cannot read " + path));
    in.read(header.data(), header.size());
    if (in.gcount() != 16 || std::memcmp(header.data(), kSqliteHeader, 16) != 0) {
      return tl::unexpected(
          StorageError(path + " is not a newsarc archive (not an SQLite database)"));
    }
    return true;
  }
  if (mode.read_only || !mode.create_if_missing) {
    return tl::unexpected(StorageError(
        path + (exists ? " is empty, not a newsarc archive" : " does not exist (no archive)")));
  }
  return false;
}

// Whether the SQLite database `db` is no newsarc archive: it has tables but no archive schema
// version, or a version but not the archive's first table (another program's database that
// sets user_version). Asked before a read-write open writes anything (the switch to WAL rewrites
// the file's header), so such a file is left as it was. An error when it cannot tell (a damaged
// file, one another connection holds locked past the busy timeout).
util::Result<bool> IsForeignDatabase(const Db& db) {
  TRY_ASSIGN(int version, SchemaVersionOf(db));
  TRY_ASSIGN(Statement tables,
             Statement::Prepare(db,
                                "SELECT count(*), count(*) FILTER (WHERE name = 'sites') "
                                "FROM sqlite_schema WHERE type = 'table'"));
  TRY(tables.Step());
  int64_t count = tables.Int(0);
  bool has_sites = tables.Int(1) > 0;
  if (version == 0) return count > 0;
  return version <= kSchemaVersion && !has_sites;
}

std::string Fmt(std::chrono::system_clock::time_point t) { return util::FormatUtc(t); }

std::optional<FrontierState> StateFromName(std::string_view name) {
  for (FrontierState s : {FrontierState::kQueued, FrontierState::kInFlight, FrontierState::kDone,
                          FrontierState::kFailed, FrontierState::kSkipped}) {
    if (name == FrontierStateName(s)) return s;
  }
  return std::nullopt;
}

// The 16 page-derived article columns, bound from `first` on (same order in INSERT and UPDATE).
constexpr const char* kInsertArticleSql =
    "INSERT INTO articles (url, site, section, title, published_date, published_at, updated_at, "
    "dates, source, author, views, body, images, prev, next, lang, encoding, content_sha256, "
    "first_seen_at, last_fetched_at, changed_at, version, capture_id, etag, last_modified) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19, ?19, ?19, 1, ?20, ?21, ?22)";
constexpr const char* kUpdateArticleSql =
    "UPDATE articles SET section = ?1, title = ?2, published_date = ?3, published_at = ?4, "
    "updated_at = ?5, dates = ?6, source = ?7, author = ?8, views = ?9, body = ?10, images = ?11, "
    "prev = ?12, next = ?13, lang = ?14, encoding = ?15, content_sha256 = ?16, "
    "last_fetched_at = ?17, changed_at = ?18, version = ?19, capture_id = ?20, etag = ?21, "
    "last_modified = ?22 WHERE id = ?23";

void BindArticleFields(Statement& stmt, int first, const extract::Article& a) {
  ArticleJsonColumns json = EncodeJsonColumns(a);
  stmt.Bind(first, a.section);
  stmt.Bind(first + 1, a.title);
  stmt.Bind(first + 2, a.published_date);
  stmt.Bind(first + 3, a.published_at);
  stmt.Bind(first + 4, a.updated_at);
  stmt.Bind(first + 5, json.dates);
  stmt.Bind(first + 6, a.source);
  stmt.Bind(first + 7, a.author);
  stmt.Bind(first + 8, a.views);
  stmt.Bind(first + 9, a.body);
  stmt.Bind(first + 10, json.images);
  stmt.Bind(first + 11, json.prev);
  stmt.Bind(first + 12, json.next);
  stmt.Bind(first + 13, a.lang);
  stmt.Bind(first + 14, json.encoding);
  stmt.Bind(first + 15, a.content_sha256);
}

}  // namespace

const char* OutcomeOfHttpStatus(int status, bool has_location) {
  if (status == 304) return "not_modified";
  if (status >= 300 && status < 400 && has_location) return "redirect";
  // newsarc sends no Range header: a 206 is a part of the page the server chose to send, never
  // the page (issue #17), so it is an error, not a capture to extract.
  if (status >= 400 || status == 206) return "http_error";
  return "ok";
}

const char* ArticleChangeName(ArticleChange change) {
  switch (change) {
    case ArticleChange::kNoArticle:
      return "no_article";
    case ArticleChange::kNew:
      return "new";
    case ArticleChange::kChanged:
      return "changed";
    case ArticleChange::kUnchanged:
      return "unchanged";
    case ArticleChange::kOlderVersion:
      return "older_version";
  }
  return "unknown";
}

const char* FrontierStateName(FrontierState state) {
  switch (state) {
    case FrontierState::kQueued:
      return "queued";
    case FrontierState::kInFlight:
      return "in_flight";
    case FrontierState::kDone:
      return "done";
    case FrontierState::kFailed:
      return "failed";
    case FrontierState::kSkipped:
      return "skipped";
  }
  return "unknown";
}

// The write path's statements, prepared once per Archive.
struct Archive::Statements {
  Statement select_capture;
  Statement insert_capture;
  Statement insert_fetch;
  Statement insert_site;
  Statement select_article;
  Statement insert_article;
  Statement index_article;
  Statement update_article;
  Statement touch_article;
  Statement insert_version;
  Statement removal_open;
};

Archive::Archive(std::string path, Db db) : path_(std::move(path)), db_(std::move(db)) {}
Archive::Archive(Archive&&) noexcept = default;
Archive& Archive::operator=(Archive&& other) noexcept {
  statements_.reset();  // finalize before the old connection closes
  path_ = std::move(other.path_);
  db_ = std::move(other.db_);
  statements_ = std::move(other.statements_);
  removal_policy_ = std::move(other.removal_policy_);
  deferring_index_ = std::exchange(other.deferring_index_, false);
  deferred_index_ = std::move(other.deferred_index_);
  return *this;
}
Archive::~Archive() = default;

namespace {

// Drops the index rows a write held back (Archive::IndexNewArticle) unless it committed: its
// savepoint rolled back the article rows they index.
template <typename Rows>
class HeldRowsGuard {
 public:
  explicit HeldRowsGuard(Rows& rows) : rows_(rows), mark_(rows.size()) {}
  ~HeldRowsGuard() {
    if (!kept_ && rows_.size() > mark_) rows_.resize(mark_);
  }
  HeldRowsGuard(const HeldRowsGuard&) = delete;
  HeldRowsGuard& operator=(const HeldRowsGuard&) = delete;
  void Keep() { kept_ = true; }

 private:
  Rows& rows_;
  size_t mark_;
  bool kept_ = false;
};

}  // namespace

std::optional<std::string> WhyArchiveNotWritable(const std::string& path) {
  if (path == ":memory:") return std::nullopt;
  auto not_writable = CheckWritable(path);
  if (!not_writable) return std::nullopt;
  return path + ": cannot be written (" + not_writable->reason +
         (not_writable->folder ? ", where SQLite must create its -wal and -shm files" : "") +
         "); copy it to a writable folder to crawl, import or re-extract into it (export, stats "
         "and search read it where it is)";
}

util::Result<Archive> Archive::Open(const std::string& path, OpenMode mode) {
  bool in_memory = path == ":memory:";
  if (!in_memory && !mode.read_only) {
    // Checked first: SQLite would open a read-only file read-only without a word, and fail on
    // a read-only folder only once it needs the -wal file.
    if (auto why = WhyArchiveNotWritable(path)) return tl::unexpected(StorageError(*why));
  }
  if (!in_memory) TRY(CheckFileBeforeOpen(path, mode));
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= mode.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (!mode.read_only && mode.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  std::string filename = path;
  bool wal_in_read_only_folder = false;
  if (!in_memory && mode.read_only) {
    // A plain read-only open of a WAL database still needs to create or write FILE-shm, so it
    // fails in a read-only folder or mount (https://www.sqlite.org/wal.html#readonly). There,
    // with no -wal file, no writer can exist (it would have to create one): the file is opened
    // immutable, SQLite then takes no locks and needs no -shm. Otherwise mode=ro, which also
    // reads a -wal a writer left.
    if (auto not_writable = CheckWritable(path)) {
      std::error_code ec;
      bool immutable = not_writable->folder && !std::filesystem::exists(path + "-wal", ec);
      wal_in_read_only_folder = not_writable->folder && !immutable;
      filename = SqliteUri(path, immutable ? "immutable=1" : "mode=ro");
      flags |= SQLITE_OPEN_URI;
      util::LogWarning(path + ": opened read-only" + (immutable ? ", as immutable" : "") + " (" +
                       not_writable->reason +
                       (immutable ? "; no -wal file, so no writer can be changing it" : "") + ")");
    }
  }
  TRY_ASSIGN(Db db, Db::Open(filename, flags));
  db.SetBusyTimeout(std::chrono::milliseconds(kBusyTimeoutMs));
  TRY(WithPath(db.Exec("PRAGMA foreign_keys = ON"), path));
  if (mode.read_only) {
    auto version = SchemaVersionOf(db);
    if (!version && wal_in_read_only_folder) {
      // SQLite reads a -wal file only through its -shm file, which it cannot create here.
      return tl::unexpected(StorageError(
          path + " cannot be read where it is (" + version.error().message +
          "): its folder is read-only and it has a -wal file SQLite cannot use without a -shm "
          "file; copy " +
          path + " and " + path + "-wal to a writable folder"));
    }
    if (!version) {
      return tl::unexpected(
          StorageError(path + " is not a newsarc archive (" + version.error().message + ")"));
    }
    if (*version == 0) {
      return tl::unexpected(StorageError(path + " is not a newsarc archive (no archive schema)"));
    }
    if (*version > kSchemaVersion) {
      return tl::unexpected(StorageError(path + " has archive schema version " +
                                         std::to_string(*version) + ", newer than version " +
                                         std::to_string(kSchemaVersion) +
                                         " that this newsarc understands; use a newer newsarc"));
    }
    if (*version < kOldestReadOnlySchemaVersion) {
      return tl::unexpected(StorageError(
          path + " has archive schema version " + std::to_string(*version) + " (current " +
          std::to_string(kSchemaVersion) + "); open it read-write once (e.g. crawl) to upgrade"));
    }
    return Archive(path, std::move(db));
  }
  // WAL: readers keep a snapshot while the crawler commits. NORMAL sync is durable at each
  // checkpoint and never corrupts (https://www.sqlite.org/wal.html#performance_considerations).
  if (!in_memory) {
    auto foreign = IsForeignDatabase(db);
    if (foreign && *foreign) {
      return tl::unexpected(
          StorageError(path + " is not a newsarc archive (an SQLite database with other tables)"));
    }
    // Locked: said now, as the switch to WAL would say it after waiting as long again. Other
    // failures (a damaged file) are left to that switch, whose words the commands explain.
    if (!foreign && foreign.error().message.find("database is locked") != std::string::npos) {
      return tl::unexpected(StorageError(
          path + " is not a newsarc archive or cannot be written (database is locked)"));
    }
    auto wal = db.Exec("PRAGMA journal_mode = WAL");
    if (!wal) {
      return tl::unexpected(StorageError(path + " is not a newsarc archive or cannot be written (" +
                                         wal.error().message + ")"));
    }
  }
  TRY(WithPath(db.Exec("PRAGMA synchronous = NORMAL"), path));
  TRY(Migrate(db, path));
  // A write inside a transaction (each page of the crawl writer's batch, each frontier call of
  // a loop pass) is a savepoint, and SQLite keeps a savepoint's undo pages in a statement
  // journal that goes to a temp file past 64 KiB: a file write per page for rows that are
  // committed anyway. In memory it is bounded by what one savepoint changes (a page's rows);
  // readers, whose temp files hold sorts of any size, keep the default, and so do the
  // migrations (an index built on a large archive sorts through temp files).
  TRY(WithPath(db.Exec("PRAGMA temp_store = MEMORY"), path));
  return Archive(path, std::move(db));
}

util::Result<Archive::Statements*> Archive::Cached() {
  if (statements_) return statements_.get();
  auto s = std::make_unique<Statements>();
  TRY_ASSIGN(s->select_capture,
             Statement::Prepare(db_, "SELECT id FROM captures WHERE sha256 = ?1"));
  TRY_ASSIGN(s->insert_capture,
             Statement::Prepare(db_,
                                "INSERT INTO captures (sha256, size, content_type, body) "
                                "VALUES (?1, ?2, ?3, ?4)"));
  TRY_ASSIGN(s->insert_fetch,
             Statement::Prepare(
                 db_,
                 "INSERT INTO fetches (run_id, url, site, final_url, status, content_type, etag, "
                 "last_modified, started_at, duration_ms, bytes, outcome, error, capture_id, "
                 "retry_after, warc_record_id, page_kind, kind_reason) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                 "?17, ?18)"));
  // A site is first seen at its earliest fetch, whatever the order records come in.
  TRY_ASSIGN(s->insert_site,
             Statement::Prepare(db_,
                                "INSERT INTO sites (host, first_seen_at) VALUES (?1, ?2) "
                                "ON CONFLICT (host) DO UPDATE SET first_seen_at = ?2 "
                                "WHERE ?2 < first_seen_at"));
  TRY_ASSIGN(s->select_article,
             Statement::Prepare(db_,
                                "SELECT id, title, content_sha256, version, first_seen_at, "
                                "last_fetched_at FROM articles WHERE url = ?1"));
  TRY_ASSIGN(s->insert_article, Statement::Prepare(db_, kInsertArticleSql));
  TRY_ASSIGN(s->index_article, Statement::Prepare(db_,
                                                  "INSERT INTO articles_fts (rowid, title, body) "
                                                  "VALUES (?1, ?2, ?3)"));
  TRY_ASSIGN(s->update_article, Statement::Prepare(db_, kUpdateArticleSql));
  // The latest fetch keeps its capture and validators; an older one only moves first_seen_at.
  TRY_ASSIGN(s->touch_article,
             Statement::Prepare(db_,
                                "UPDATE articles SET last_fetched_at = max(last_fetched_at, ?1), "
                                "first_seen_at = min(first_seen_at, ?1), "
                                "capture_id = CASE WHEN ?1 >= last_fetched_at "
                                "THEN coalesce(?2, capture_id) ELSE capture_id END, "
                                "etag = CASE WHEN ?1 >= last_fetched_at "
                                "THEN coalesce(?3, etag) ELSE etag END, "
                                "last_modified = CASE WHEN ?1 >= last_fetched_at "
                                "THEN coalesce(?4, last_modified) ELSE last_modified END "
                                "WHERE id = ?5"));
  TRY_ASSIGN(s->insert_version,
             Statement::Prepare(db_,
                                "INSERT INTO article_versions "
                                "(article_id, version, capture_id, fetched_at, article) "
                                "VALUES (?1, ?2, ?3, ?4, ?5)"));
  // Whether an article has a removal to undo (checked for every article record, so cached).
  TRY_ASSIGN(s->removal_open,
             Statement::Prepare(db_,
                                "SELECT removed_at IS NOT NULL OR EXISTS (SELECT 1 FROM "
                                "removal_sightings WHERE article_id = ?1 AND cleared_at IS NULL) "
                                "FROM articles WHERE id = ?1"));
  statements_ = std::move(s);
  return statements_.get();
}

util::Result<int64_t> Archive::BeginRun(std::string_view options_json,
                                        std::chrono::system_clock::time_point started_at) {
  TRY_ASSIGN(Transaction txn, Transaction::Begin(db_, Transaction::Kind::kWrite));
  // The caller holds the archive's lock, so a run still marked running died without finishing
  // (kill -9, a power cut): say so, instead of showing it running forever.
  TRY(db_.Exec("UPDATE crawl_runs SET status = 'killed' WHERE status = 'running'"));
  TRY_ASSIGN(
      Statement stmt,
      Statement::Prepare(db_, "INSERT INTO crawl_runs (started_at, options) VALUES (?1, ?2)"));
  TRY(stmt.Bind(1, Fmt(started_at)).Bind(2, options_json).Run());
  int64_t id = db_.LastInsertRowId();
  TRY(txn.Commit());
  return id;
}

util::Result<void> Archive::FinishRun(int64_t run_id, const RunCounts& counts,
                                      std::string_view status,
                                      std::chrono::system_clock::time_point finished_at,
                                      const RunOffsite& offsite) {
  nlohmann::json hosts = nlohmann::json::array();
  for (const auto& h : offsite.hosts) {
    hosts.push_back({{"host", h.host},
                     {"links", h.links},
                     {"example", h.example_url},
                     {"discovered_from", h.discovered_from}});
  }
  // URLs come from pages: invalid UTF-8 in one is replaced, not an exception.
  std::string hosts_json = hosts.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  TRY_ASSIGN(Transaction txn, Transaction::Begin(db_, Transaction::Kind::kWrite));
  TRY_ASSIGN(
      Statement stmt,
      Statement::Prepare(db_,
                         "UPDATE crawl_runs SET finished_at = ?1, status = ?2, fetched = ?3, "
                         "articles_new = ?4, articles_changed = ?5, errors = ?6, "
                         "skipped = ?7, offsite_links = ?8, offsite_hosts = ?9 WHERE id = ?10"));
  TRY(stmt.Bind(1, Fmt(finished_at))
          .Bind(2, status)
          .Bind(3, counts.fetched)
          .Bind(4, counts.articles_new)
          .Bind(5, counts.articles_changed)
          .Bind(6, counts.errors)
          .Bind(7, counts.skipped)
          .Bind(8, offsite.links)
          .Bind(9, hosts_json)
          .Bind(10, run_id)
          .Run());
  if (db_.Changes() != 1) {
    return tl::unexpected(StorageError("no crawl run " + std::to_string(run_id) + " in " + path_));
  }
  return txn.Commit();
}

PreparedBody PrepareBody(std::string_view body,
                         const std::function<bool(const std::string& sha256)>& already_stored) {
  PreparedBody prepared{util::Sha256Hex(body), std::nullopt};
  if (!already_stored || !already_stored(prepared.sha256)) prepared.compressed = Compress(body);
  return prepared;
}

util::Result<bool> Archive::HasCapture(const std::string& sha256) const {
  TRY_ASSIGN(Statement stmt, Statement::Prepare(db_, "SELECT 1 FROM captures WHERE sha256 = ?1"));
  return stmt.Bind(1, sha256).Step();
}

util::Result<RecordResult> Archive::RecordPage(const PageRecord& record) {
  HeldRowsGuard held(deferred_index_);
  TRY_ASSIGN(Transaction txn, Transaction::Begin(db_, Transaction::Kind::kWrite));
  TRY_ASSIGN(RecordResult result, RecordInTransaction(record));
  TRY(txn.Commit());
  held.Keep();
  return result;
}

util::Result<std::vector<RecordResult>> Archive::RecordPages(
    const std::vector<PageRecord>& records) {
  std::vector<RecordResult> results;
  results.reserve(records.size());
  HeldRowsGuard held(deferred_index_);
  TRY_ASSIGN(Transaction txn, Transaction::Begin(db_, Transaction::Kind::kWrite));
  for (const PageRecord& record : records) {
    TRY_ASSIGN(RecordResult result, RecordInTransaction(record));
    results.push_back(result);
  }
  TRY(txn.Commit());
  held.Keep();
  return results;
}

util::Result<RecordResult> Archive::RecordInTransaction(const PageRecord& record) {
  TRY_ASSIGN(Statements * s, Cached());
  RecordResult result;
  std::string fetched_at = Fmt(record.fetched_at);
  std::string site = util::SiteOfUrl(record.url).value_or("");

  s->insert_site.Reset();
  if (!site.empty()) TRY(s->insert_site.Bind(1, site).Bind(2, fetched_at).Run());

  if (record.body) {
    std::string sha =
        record.prepared_body ? record.prepared_body->sha256 : util::Sha256Hex(*record.body);
    s->select_capture.Reset();
    TRY_ASSIGN(bool found, s->select_capture.Bind(1, sha).Step());
    if (found) {
      result.capture_id = s->select_capture.Int(0);
    } else {
      // Prepared ahead unless the capture was stored then (and is gone since: compressed now).
      bool prepared = record.prepared_body && record.prepared_body->compressed;
      std::string compressed = prepared ? std::string() : Compress(*record.body);
      s->insert_capture.Reset();
      TRY(s->insert_capture.Bind(1, sha)
              .Bind(2, static_cast<int64_t>(record.body->size()))
              .Bind(3, record.content_type)
              .BindBlob(4, prepared ? *record.prepared_body->compressed : compressed)
              .Run());
      result.capture_id = db_.LastInsertRowId();
    }
    s->select_capture.Reset();
  }

  s->insert_fetch.Reset();
  TRY(s->insert_fetch.Bind(1, record.run_id)
          .Bind(2, record.url)
          .Bind(3, site)
          .Bind(4, record.final_url)
          .Bind(5, record.status)
          .Bind(6, record.content_type)
          .Bind(7, record.etag)
          .Bind(8, record.last_modified)
          .Bind(9, Fmt(record.started_at))
          .Bind(10, record.duration_ms)
          .Bind(11, record.bytes)
          .Bind(12, record.outcome)
          .Bind(13, record.error)
          .Bind(14, result.capture_id)
          .Bind(15, record.retry_after)
          .Bind(16, record.warc_record_id)
          .Bind(17, record.page_kind)
          .Bind(18, record.kind_reason)
          .Run());
  result.fetch_id = db_.LastInsertRowId();
  TRY(UpsertArticle(record, result));
  TRY(TrackRemoval(record, result));
  return result;
}

util::Result<void> Archive::TrackRemoval(const PageRecord& record, RecordResult& result) {
  TRY_ASSIGN(Statements * s, Cached());
  if (result.article_id) {
    // The article answered (a page, a 304); a version placed in the past says nothing of now.
    if (result.change == ArticleChange::kOlderVersion) return {};
    s->removal_open.Reset();
    TRY_ASSIGN(bool found, s->removal_open.Bind(1, *result.article_id).Step());
    bool open = found && s->removal_open.Int(0) == 1;
    s->removal_open.Reset();
    if (!open) return {};
    TRY_ASSIGN(result.removal, RecordArticleAnswered(db_, *result.article_id, record.fetched_at));
    return {};
  }
  std::optional<std::string> reason = GoneReason(record, removal_policy_);
  if (!reason) return {};
  TRY_ASSIGN(std::optional<CrawledArticle> crawled, ArticleCrawledAt(record.url));
  if (!crawled) return {};
  TRY_ASSIGN(result.removal,
             RecordGoneSighting(db_, crawled->id, record.url, record.run_id, record.fetched_at,
                                *reason, result.fetch_id, removal_policy_.grace));
  return {};
}

util::Result<void> Archive::UpsertArticle(const PageRecord& record, RecordResult& result) {
  TRY_ASSIGN(Statements * s, Cached());
  std::string fetched_at = Fmt(record.fetched_at);
  std::string site = util::SiteOfUrl(record.url).value_or("");
  // The capture the article comes from: this record's, or (stitched pages) the first page's.
  std::optional<int64_t> capture_id =
      record.article_capture_id ? record.article_capture_id : result.capture_id;
  // A stitched article's validators are its first page's, not those of the page it came with.
  std::optional<std::string> etag = record.article_capture_id ? std::nullopt : record.etag;
  std::optional<std::string> last_modified =
      record.article_capture_id ? std::nullopt : record.last_modified;
  if (!record.article) {
    if (record.outcome != "not_modified") return {};
    // A 304: the archived article is still current.
    TRY_ASSIGN(std::optional<CrawledArticle> crawled, ArticleCrawledAt(record.url));
    if (!crawled) return {};
    result.article_id = crawled->id;
    result.version = crawled->version;
    s->touch_article.Reset();
    TRY(s->touch_article.Bind(1, fetched_at)
            .BindNull(2)
            .Bind(3, etag)
            .Bind(4, last_modified)
            .Bind(5, *result.article_id)
            .Run());
    result.change = ArticleChange::kUnchanged;
    return {};
  }

  extract::Article article = *record.article;
  if (article.url.empty()) article.url = record.url;
  if (article.site.empty()) article.site = util::SiteOfUrl(article.url).value_or(site);
  if (article.content_sha256.empty()) article.content_sha256 = util::Sha256Hex(article.body);

  s->select_article.Reset();
  TRY_ASSIGN(bool exists, s->select_article.Bind(1, article.url).Step());
  extract::ArchiveStamp stamp{fetched_at, fetched_at, 1};
  if (!exists) {
    s->select_article.Reset();
    s->insert_article.Reset();
    s->insert_article.Bind(1, article.url).Bind(2, article.site);
    BindArticleFields(s->insert_article, 3, article);
    TRY(s->insert_article.Bind(19, fetched_at)
            .Bind(20, capture_id)
            .Bind(21, etag)
            .Bind(22, last_modified)
            .Run());
    result.article_id = db_.LastInsertRowId();
    // New rows are indexed here rather than by a trigger (schema version 4 explains why), as
    // folded text (version 11).
    TRY(IndexNewArticle(
        {*result.article_id,
         article.title ? std::optional<std::string>(FoldForIndex(*article.title)) : std::nullopt,
         FoldForIndex(article.body)}));
    result.change = ArticleChange::kNew;
  } else {
    int64_t id = s->select_article.Int(0);
    std::optional<std::string> old_title = s->select_article.OptionalText(1);
    std::string old_sha = s->select_article.Text(2);
    int64_t old_version = s->select_article.Int(3);
    stamp.first_seen_at = s->select_article.Text(4);
    std::string last_fetched_at = s->select_article.Text(5);
    s->select_article.Reset();
    result.article_id = id;
    if (fetched_at < last_fetched_at) {
      return StoreLateVersion(id, article, capture_id, fetched_at, result);
    }
    if (old_title == article.title && old_sha == article.content_sha256) {
      s->touch_article.Reset();
      TRY(s->touch_article.Bind(1, fetched_at)
              .Bind(2, capture_id)
              .Bind(3, etag)
              .Bind(4, last_modified)
              .Bind(5, id)
              .Run());
      result.change = ArticleChange::kUnchanged;
      result.version = old_version;
      return {};
    }
    stamp.version = old_version + 1;
    s->update_article.Reset();
    BindArticleFields(s->update_article, 1, article);
    TRY(s->update_article.Bind(17, fetched_at)
            .Bind(18, fetched_at)
            .Bind(19, stamp.version)
            .Bind(20, capture_id)
            .Bind(21, etag)
            .Bind(22, last_modified)
            .Bind(23, id)
            .Run());
    result.change = ArticleChange::kChanged;
  }
  result.version = stamp.version;
  s->insert_version.Reset();
  TRY(s->insert_version.Bind(1, *result.article_id)
          .Bind(2, stamp.version)
          .Bind(3, capture_id)
          .Bind(4, fetched_at)
          .Bind(5, extract::ArticleToJson(article, stamp))
          .Run());
  return {};
}

util::Result<void> Archive::StoreLateVersion(int64_t article_id, const extract::Article& article,
                                             std::optional<int64_t> capture_id,
                                             const std::string& fetched_at, RecordResult& result) {
  TRY_ASSIGN(Statements * s, Cached());
  TRY_ASSIGN(Statement current_row,
             Statement::Prepare(db_, std::string("SELECT ") + kArticleRowColumns +
                                         ", a.capture_id FROM articles a WHERE a.id = ?1"));
  TRY(current_row.Bind(1, article_id).Step());
  extract::ArchiveStamp current_stamp;
  TRY_ASSIGN(extract::Article current, ArticleFromRow(current_row, 0, &current_stamp));
  std::optional<int64_t> current_capture = current_row.OptionalInt(kArticleRowColumnCount);
  current_row.Reset();
  std::string first_seen_at = std::min(current_stamp.first_seen_at, fetched_at);

  TRY_ASSIGN(Statement versions,
             Statement::Prepare(db_,
                                "SELECT capture_id, fetched_at, article FROM article_versions "
                                "WHERE article_id = ?1 ORDER BY version"));
  versions.Bind(1, article_id);
  std::vector<VersionEntry> history;
  while (true) {
    TRY_ASSIGN(bool has_row, versions.Step());
    if (!has_row) break;
    VersionEntry entry{versions.Text(1), std::nullopt, "", versions.OptionalInt(0),
                       versions.Text(2)};
    TRY_ASSIGN(extract::Article stored, ArticleFromJson(entry.article_json, nullptr));
    entry.title = stored.title;
    entry.content_sha256 = stored.content_sha256;
    history.push_back(std::move(entry));
  }
  versions.Reset();

  VersionEntry latest{current_stamp.last_fetched_at, current.title, current.content_sha256,
                      current_capture, extract::ArticleToJson(current, current_stamp)};
  VersionEntry late{fetched_at, article.title, article.content_sha256, capture_id,
                    extract::ArticleToJson(article, {first_seen_at, fetched_at, 0})};
  PlacedFetch placed = PlaceLateFetch(history, latest, late);
  result.version = static_cast<int64_t>(placed.version_index) + 1;
  result.change = placed.added ? ArticleChange::kOlderVersion : ArticleChange::kUnchanged;

  TRY_ASSIGN(Statement update,
             Statement::Prepare(db_,
                                "UPDATE articles SET first_seen_at = ?1, version = ?2, "
                                "changed_at = coalesce(?3, changed_at) WHERE id = ?4"));
  std::optional<std::string> changed_at;
  if (placed.changed) {
    // The history is written again, renumbered in time order (each version's JSON carries its
    // number and fetch time); an out-of-order fetch is rare enough for that to be cheap.
    TRY_ASSIGN(Statement clear,
               Statement::Prepare(db_, "DELETE FROM article_versions WHERE article_id = ?1"));
    TRY(clear.Bind(1, article_id).Run());
    for (size_t i = 0; i < placed.versions.size(); ++i) {
      const VersionEntry& v = placed.versions[i];
      extract::ArchiveStamp stamp;
      TRY_ASSIGN(extract::Article stored, ArticleFromJson(v.article_json, &stamp));
      stamp.version = static_cast<int64_t>(i) + 1;
      stamp.last_fetched_at = v.fetched_at;
      s->insert_version.Reset();
      TRY(s->insert_version.Bind(1, article_id)
              .Bind(2, stamp.version)
              .Bind(3, v.capture_id)
              .Bind(4, v.fetched_at)
              .Bind(5, extract::ArticleToJson(stored, stamp))
              .Run());
    }
    changed_at = placed.versions.back().fetched_at;
  }
  // The current version's fields stay; only its number and dates follow the history.
  TRY(update.Bind(1, first_seen_at)
          .Bind(2, placed.changed ? static_cast<int64_t>(placed.versions.size())
                                  : current_stamp.version)
          .Bind(3, changed_at)
          .Bind(4, article_id)
          .Run());
  return {};
}

util::Result<std::optional<Archive::CrawledArticle>> Archive::ArticleCrawledAt(
    const std::string& url) {
  TRY_ASSIGN(Statements * s, Cached());
  s->select_article.Reset();
  TRY_ASSIGN(bool found, s->select_article.Bind(1, url).Step());
  if (found) {
    CrawledArticle article{s->select_article.Int(0), s->select_article.Int(3)};
    s->select_article.Reset();
    return std::optional<CrawledArticle>(article);
  }
  s->select_article.Reset();
  // Archived under its rel=canonical URL: the fetch of `url` holds the article's capture.
  TRY_ASSIGN(Statement by_capture,
             Statement::Prepare(db_,
                                "SELECT a.id, a.version FROM fetches f JOIN articles a "
                                "ON a.capture_id = f.capture_id WHERE f.url = ?1 "
                                "ORDER BY f.started_at DESC, f.id DESC LIMIT 1"));
  TRY_ASSIGN(found, by_capture.Bind(1, url).Step());
  if (!found) return std::optional<CrawledArticle>();
  return std::optional<CrawledArticle>(CrawledArticle{by_capture.Int(0), by_capture.Int(1)});
}

util::Result<RecordResult> Archive::StoreArticle(const PageRecord& record) {
  HeldRowsGuard held(deferred_index_);
  TRY_ASSIGN(Transaction txn, Transaction::Begin(db_, Transaction::Kind::kWrite));
  RecordResult result;
  std::string site = util::SiteOfUrl(record.url).value_or("");
  TRY_ASSIGN(Statements * s, Cached());
  s->insert_site.Reset();
  if (!site.empty()) TRY(s->insert_site.Bind(1, site).Bind(2, Fmt(record.fetched_at)).Run());
  TRY(UpsertArticle(record, result));
  TRY(txn.Commit());
  held.Keep();
  return result;
}

util::Result<std::optional<PageCapture>> Archive::LatestCapture(const std::string& url) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_,
                                "SELECT capture_id, started_at FROM fetches WHERE url = ?1 AND "
                                "capture_id IS NOT NULL AND status BETWEEN 200 AND 299 "
                                "ORDER BY started_at DESC, id DESC LIMIT 1"));
  TRY_ASSIGN(bool found, stmt.Bind(1, url).Step());
  if (!found) return std::optional<PageCapture>();
  PageCapture page;
  page.fetched_at = ParseTimestamp(stmt.Text(1)).value_or(std::chrono::system_clock::time_point{});
  TRY_ASSIGN(std::optional<StoredCapture> capture, LoadCapture(stmt.Int(0)));
  if (!capture) return std::optional<PageCapture>();
  page.capture = std::move(*capture);
  return std::optional<PageCapture>(std::move(page));
}

util::Result<std::optional<FrontierRow>> Archive::FrontierEntryOf(const std::string& url) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_,
                                "SELECT id, host, depth, kind, redirects, discovered_from, "
                                "priority, attempts, state FROM frontier WHERE url = ?1"));
  TRY_ASSIGN(bool found, stmt.Bind(1, url).Step());
  if (!found) return std::optional<FrontierRow>();
  FrontierRow row;
  row.id = stmt.Int(0);
  row.url = url;
  row.host = stmt.Text(1);
  row.depth = static_cast<int>(stmt.Int(2));
  row.kind = stmt.Text(3);
  row.redirects = static_cast<int>(stmt.Int(4));
  row.discovered_from = stmt.OptionalText(5);
  row.priority = static_cast<int>(stmt.Int(6));
  row.attempts = static_cast<int>(stmt.Int(7));
  row.state = StateFromName(stmt.Text(8)).value_or(FrontierState::kQueued);
  return std::optional<FrontierRow>(std::move(row));
}

util::Result<bool> Archive::HasWarcRecord(const std::string& record_id) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_, "SELECT 1 FROM fetches WHERE warc_record_id = ?1"));
  return stmt.Bind(1, record_id).Step();
}

util::Result<size_t> Archive::FrontierAdd(const std::vector<FrontierRow>& entries,
                                          std::optional<int64_t> run_id) {
  TRY_ASSIGN(Transaction txn, Transaction::Begin(db_, Transaction::Kind::kWrite));
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_,
                                "INSERT OR IGNORE INTO frontier (url, host, depth, kind, "
                                "redirects, state, discovered_from, run_id, updated_at, "
                                "priority, post_body) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, 'queued', ?6, ?7, ?8, ?9, ?10)"));
  // A form post found again carries the page's current view state: keep the fresher body.
  TRY_ASSIGN(Statement refresh,
             Statement::Prepare(db_, "UPDATE frontier SET post_body = ?2 WHERE url = ?1"));
  std::string now = util::FormatUtcNow();
  size_t added = 0;
  for (const FrontierRow& e : entries) {
    stmt.Reset();
    TRY(stmt.Bind(1, e.url)
            .Bind(2, e.host)
            .Bind(3, e.depth)
            .Bind(4, e.kind)
            .Bind(5, e.redirects)
            .Bind(6, e.discovered_from)
            .Bind(7, run_id)
            .Bind(8, now)
            .Bind(9, e.priority)
            .Bind(10, e.post_body)
            .Run());
    size_t inserted = static_cast<size_t>(db_.Changes());
    added += inserted;
    if (inserted == 0 && e.post_body) {
      refresh.Reset();
      TRY(refresh.Bind(1, e.url).Bind(2, *e.post_body).Run());
    }
  }
  TRY(txn.Commit());
  return added;
}

util::Result<std::vector<FrontierRow>> Archive::FrontierTake(
    const std::string& host, size_t max, std::chrono::system_clock::time_point now) {
  TRY_ASSIGN(Transaction txn, Transaction::Begin(db_, Transaction::Kind::kWrite));
  // Walks the frontier_ready index (state, host, priority DESC, id, next_attempt_at) in order;
  // waiting entries are skipped inside the index without reading their rows.
  TRY_ASSIGN(Statement select,
             Statement::Prepare(db_,
                                "SELECT id, url, host, depth, kind, redirects, discovered_from, "
                                "priority, attempts, post_body FROM frontier "
                                "WHERE state = 'queued' AND host = ?1 "
                                "AND (next_attempt_at IS NULL OR next_attempt_at <= ?3) "
                                "ORDER BY priority DESC, id LIMIT ?2"));
  select.Bind(1, host).Bind(2, static_cast<int64_t>(max)).Bind(3, Fmt(now));
  std::vector<FrontierRow> rows;
  while (true) {
    TRY_ASSIGN(bool has_row, select.Step());
    if (!has_row) break;
    FrontierRow row{select.Int(0),
                    select.Text(1),
                    select.Text(2),
                    static_cast<int>(select.Int(3)),
                    select.Text(4),
                    static_cast<int>(select.Int(5)),
                    select.OptionalText(6),
                    static_cast<int>(select.Int(7)),
                    static_cast<int>(select.Int(8))};
    row.post_body = select.OptionalText(9);
    rows.push_back(std::move(row));
  }
  select.Reset();
  TRY_ASSIGN(Statement update,
             Statement::Prepare(db_,
                                "UPDATE frontier SET state = 'in_flight', updated_at = ?1 "
                                "WHERE id = ?2"));
  std::string taken_at = Fmt(now);
  for (const FrontierRow& row : rows) {
    update.Reset();
    TRY(update.Bind(1, taken_at).Bind(2, row.id).Run());
  }
  TRY(txn.Commit());
  return rows;
}

util::Result<void> Archive::FrontierRetryLater(int64_t id,
                                               std::chrono::system_clock::time_point not_before) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_,
                                "UPDATE frontier SET state = 'queued', attempts = attempts + 1, "
                                "next_attempt_at = ?1, updated_at = ?2 WHERE id = ?3"));
  TRY(stmt.Bind(1, Fmt(not_before)).Bind(2, util::FormatUtcNow()).Bind(3, id).Run());
  if (db_.Changes() != 1) {
    return tl::unexpected(StorageError("no frontier entry " + std::to_string(id)));
  }
  return {};
}

util::Result<std::vector<std::string>> Archive::FrontierHostsWithWork() {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_,
                                "SELECT DISTINCT host FROM frontier WHERE state = 'queued' "
                                "ORDER BY host"));
  std::vector<std::string> hosts;
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    hosts.push_back(stmt.Text(0));
  }
  return hosts;
}

util::Result<void> Archive::FrontierFinish(int64_t id, FrontierState state) {
  TRY_ASSIGN(
      Statement stmt,
      Statement::Prepare(db_, "UPDATE frontier SET state = ?1, updated_at = ?2 WHERE id = ?3"));
  TRY(stmt.Bind(1, FrontierStateName(state)).Bind(2, util::FormatUtcNow()).Bind(3, id).Run());
  if (db_.Changes() != 1) {
    return tl::unexpected(StorageError("no frontier entry " + std::to_string(id)));
  }
  return {};
}

util::Result<bool> Archive::FrontierFinishFetched(int64_t id, FrontierState state,
                                                  std::optional<int64_t> run_id) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_,
                                "UPDATE frontier SET state = ?1, updated_at = ?2 WHERE id = ?3 "
                                "AND EXISTS (SELECT 1 FROM fetches f WHERE f.url = frontier.url "
                                "AND f.run_id IS ?4)"));
  TRY(stmt.Bind(1, FrontierStateName(state))
          .Bind(2, util::FormatUtcNow())
          .Bind(3, id)
          .Bind(4, run_id)
          .Run());
  return db_.Changes() == 1;
}

util::Result<std::optional<std::chrono::system_clock::time_point>> Archive::LastRequestTo(
    const std::string& host) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_,
                                "SELECT max(t) FROM (SELECT max(started_at) AS t FROM fetches "
                                "WHERE site = ?1 UNION ALL SELECT fetched_at FROM robots "
                                "WHERE host = ?1)"));
  TRY(stmt.Bind(1, host).Step());
  auto text = stmt.OptionalText(0);
  if (!text) return std::optional<std::chrono::system_clock::time_point>();
  auto at = ParseTimestamp(*text);
  if (!at) return std::optional<std::chrono::system_clock::time_point>();
  // Times are stored to the second: the request may have started up to a second later.
  return std::optional(*at + std::chrono::seconds(1));
}

util::Result<size_t> Archive::FrontierQueuedCount() {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_, "SELECT count(*) FROM frontier WHERE state = 'queued'"));
  TRY(stmt.Step());
  return static_cast<size_t>(stmt.Int(0));
}

util::Result<size_t> Archive::FrontierRequeueInFlight() {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_,
                                "UPDATE frontier SET state = 'queued', updated_at = ?1 "
                                "WHERE state = 'in_flight'"));
  TRY(stmt.Bind(1, util::FormatUtcNow()).Run());
  return static_cast<size_t>(db_.Changes());
}

util::Result<size_t> Archive::FrontierRevisit(const std::vector<std::string>& kinds) {
  size_t total = 0;
  for (const std::string& kind : kinds) {
    TRY_ASSIGN(Statement stmt,
               Statement::Prepare(db_,
                                  "UPDATE frontier SET state = 'queued', updated_at = ?1 "
                                  "WHERE kind = ?2 AND state IN ('done', 'failed') AND "
                                  "(kind = 'seed' OR url NOT IN (SELECT url FROM articles "
                                  // archived under their rel=canonical URL
                                  " UNION SELECT f.url FROM fetches f JOIN articles a "
                                  " ON a.capture_id = f.capture_id))"));
    TRY(stmt.Bind(1, util::FormatUtcNow()).Bind(2, kind).Run());
    total += static_cast<size_t>(db_.Changes());
  }
  return total;
}

util::Result<size_t> Archive::FrontierRevalidate(
    std::chrono::system_clock::time_point fetched_before, int priority) {
  // When article `a` last told the crawl something: its last fetch, or for an article marked
  // removed its last sighting (else a removed article would be fetched again on every run).
  const std::string last_answer =
      "(CASE WHEN a.removed_at IS NULL THEN a.last_fetched_at ELSE max(a.last_fetched_at, "
      "coalesce((SELECT max(seen_at) FROM removal_sightings s WHERE s.article_id = a.id AND "
      "s.cleared_at IS NULL), '')) END)";
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_,
                                "UPDATE frontier SET state = 'queued', priority = ?1, "
                                "attempts = 0, next_attempt_at = NULL, updated_at = ?2 "
                                "WHERE state IN ('done', 'failed') AND url IN "
                                "(SELECT url FROM articles a WHERE " +
                                    last_answer +
                                    " < ?3 "
                                    // an article archived under its rel=canonical URL: the URL
                                    // crawled is the one whose fetch holds its capture
                                    " UNION SELECT f.url FROM fetches f JOIN articles a "
                                    " ON a.capture_id = f.capture_id WHERE " +
                                    last_answer + " < ?3)"));
  TRY(stmt.Bind(1, priority).Bind(2, util::FormatUtcNow()).Bind(3, Fmt(fetched_before)).Run());
  return static_cast<size_t>(db_.Changes());
}

util::Result<std::optional<FrontierState>> Archive::FrontierStateOf(const std::string& url) {
  TRY_ASSIGN(Statement stmt, Statement::Prepare(db_, "SELECT state FROM frontier WHERE url = ?1"));
  TRY_ASSIGN(bool found, stmt.Bind(1, url).Step());
  if (!found) return std::optional<FrontierState>();
  return StateFromName(stmt.Text(0));
}

util::Result<std::optional<RobotsRow>> Archive::LoadRobots(const std::string& host) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(
                 db_, "SELECT status, body, fetched_at, expires_at FROM robots WHERE host = ?1"));
  TRY_ASSIGN(bool found, stmt.Bind(1, host).Step());
  if (!found) return std::optional<RobotsRow>();
  RobotsRow row;
  row.status = static_cast<int>(stmt.Int(0));
  row.body = stmt.Text(1);
  // An unreadable timestamp reads as the epoch: the entry is then simply too old to use.
  row.fetched_at = ParseTimestamp(stmt.Text(2)).value_or(std::chrono::system_clock::time_point{});
  // An unreadable expiry reads as expired (the epoch), for the same reason.
  if (auto expires = stmt.OptionalText(3)) {
    row.expires_at = ParseTimestamp(*expires).value_or(std::chrono::system_clock::time_point{});
  }
  return std::optional<RobotsRow>(std::move(row));
}

util::Result<void> Archive::StoreRobots(const std::string& host, const RobotsRow& robots) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_,
                                "INSERT INTO robots (host, fetched_at, status, body, expires_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (host) DO UPDATE SET "
                                "fetched_at = excluded.fetched_at, status = excluded.status, "
                                "body = excluded.body, expires_at = excluded.expires_at"));
  std::optional<std::string> expires_at;
  if (robots.expires_at) expires_at = Fmt(*robots.expires_at);
  return stmt.Bind(1, host)
      .Bind(2, Fmt(robots.fetched_at))
      .Bind(3, robots.status)
      .Bind(4, robots.body)
      .Bind(5, expires_at)
      .Run();
}

util::Result<std::optional<ArticleValidators>> Archive::FindArticleValidators(
    const std::string& url) {
  TRY_ASSIGN(std::optional<CrawledArticle> crawled, ArticleCrawledAt(url));
  if (!crawled) return std::optional<ArticleValidators>();
  TRY_ASSIGN(Statement article,
             Statement::Prepare(db_,
                                "SELECT etag, last_modified, content_sha256 FROM articles "
                                "WHERE id = ?1"));
  TRY(article.Bind(1, crawled->id).Step());
  ArticleValidators validators{std::nullopt, std::nullopt, article.Text(2)};
  // The validators describe the payload of the URL, so they come from its fetches, not from
  // the article row (which holds those of the URL it was last stored from, and none for an
  // article stitched from several pages). A 304 confirms the payload of the 2xx before it and
  // may carry updated validators (RFC 9110 §15.4.5), so the walk goes back to that 2xx.
  TRY_ASSIGN(Statement fetches,
             Statement::Prepare(db_,
                                "SELECT etag, last_modified, outcome FROM fetches WHERE url = ?1 "
                                "AND (outcome = 'not_modified' OR (outcome = 'ok' AND "
                                "capture_id IS NOT NULL AND status BETWEEN 200 AND 299)) "
                                "ORDER BY started_at DESC, id DESC"));
  fetches.Bind(1, url);
  bool any_fetch = false;
  while (true) {
    TRY_ASSIGN(bool has_row, fetches.Step());
    if (!has_row) break;
    any_fetch = true;
    if (!validators.etag) validators.etag = fetches.OptionalText(0);
    if (!validators.last_modified) validators.last_modified = fetches.OptionalText(1);
    if (fetches.Text(2) == "ok") break;
  }
  if (!any_fetch) {
    // No exchange of `url` kept (an article stored without its fetch): the row's validators.
    validators.etag = article.OptionalText(0);
    validators.last_modified = article.OptionalText(1);
  }
  return std::optional<ArticleValidators>(std::move(validators));
}

util::Result<std::optional<StoredCapture>> Archive::LoadCapture(int64_t capture_id) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_,
                                "SELECT sha256, size, content_type, body FROM captures "
                                "WHERE id = ?1"));
  TRY_ASSIGN(bool found, stmt.Bind(1, capture_id).Step());
  if (!found) return std::optional<StoredCapture>();
  StoredCapture capture;
  capture.id = capture_id;
  capture.sha256 = stmt.Text(0);
  capture.content_type = stmt.OptionalText(2);
  TRY_ASSIGN(capture.body, Decompress(stmt.Blob(3), static_cast<size_t>(stmt.Int(1))));
  return std::optional<StoredCapture>(std::move(capture));
}

util::Result<std::vector<int64_t>> Archive::ArticleIdsWithCaptures(
    std::optional<std::string> site) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_,
                                "SELECT id FROM articles WHERE capture_id IS NOT NULL "
                                "AND (?1 IS NULL OR site = ?1) ORDER BY id"));
  stmt.Bind(1, site);
  std::vector<int64_t> ids;
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    ids.push_back(stmt.Int(0));
  }
  return ids;
}

util::Result<std::optional<ArticleSource>> Archive::LoadArticleSource(int64_t article_id) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_,
                                "SELECT url, site, last_fetched_at, capture_id FROM articles "
                                "WHERE id = ?1 AND capture_id IS NOT NULL"));
  TRY_ASSIGN(bool found, stmt.Bind(1, article_id).Step());
  if (!found) return std::optional<ArticleSource>();
  ArticleSource source;
  source.article_id = article_id;
  source.url = stmt.Text(0);
  source.site = stmt.Text(1);
  source.last_fetched_at =
      ParseTimestamp(stmt.Text(2)).value_or(std::chrono::system_clock::time_point{});
  TRY_ASSIGN(std::optional<StoredCapture> capture, LoadCapture(stmt.Int(3)));
  if (!capture) return std::optional<ArticleSource>();
  source.capture = std::move(*capture);
  return std::optional<ArticleSource>(std::move(source));
}

util::Result<std::vector<UnarchivedPage>> Archive::PagesWithoutArticle(
    std::optional<std::string> site) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(
                 db_,
                 "SELECT f.id, f.url, coalesce(fr.kind, 'other'), f.started_at, f.capture_id "
                 "FROM fetches f LEFT JOIN frontier fr ON fr.url = f.url "
                 "WHERE f.capture_id IS NOT NULL AND f.status BETWEEN 200 AND 299 "
                 "AND (?1 IS NULL OR f.site = ?1) "
                 "AND coalesce(fr.kind, 'other') NOT IN ('continuation', 'sitemap') "
                 "AND f.id = (SELECT g.id FROM fetches g WHERE g.url = f.url "
                 "AND g.capture_id IS NOT NULL AND g.status BETWEEN 200 AND 299 "
                 "ORDER BY g.started_at DESC, g.id DESC LIMIT 1) "
                 "AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.url = f.url) "
                 "AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.capture_id = f.capture_id) "
                 "ORDER BY f.started_at, f.id"));
  stmt.Bind(1, site);
  std::vector<UnarchivedPage> pages;
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    UnarchivedPage page;
    page.fetch_id = stmt.Int(0);
    page.url = stmt.Text(1);
    page.link_kind = stmt.Text(2);
    page.fetched_at =
        ParseTimestamp(stmt.Text(3)).value_or(std::chrono::system_clock::time_point{});
    page.capture_id = stmt.Int(4);
    pages.push_back(std::move(page));
  }
  return pages;
}

util::Result<void> Archive::SetFetchPageKind(int64_t fetch_id, std::string_view kind,
                                             std::string_view reason) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db_,
                                "UPDATE fetches SET page_kind = ?2, kind_reason = ?3 "
                                "WHERE id = ?1"));
  return stmt.Bind(1, fetch_id).Bind(2, std::string(kind)).Bind(3, std::string(reason)).Run();
}

util::Result<ArticleChange> Archive::UpdateReextracted(int64_t article_id,
                                                       const extract::Article& extracted) {
  TRY_ASSIGN(Statements * s, Cached());
  TRY_ASSIGN(Transaction txn, Transaction::Begin(db_, Transaction::Kind::kWrite));
  TRY_ASSIGN(Statement select,
             Statement::Prepare(db_, std::string("SELECT ") + kArticleRowColumns +
                                         ", a.capture_id, a.etag, a.last_modified "
                                         "FROM articles a WHERE a.id = ?1"));
  TRY_ASSIGN(bool found, select.Bind(1, article_id).Step());
  if (!found) {
    return tl::unexpected(StorageError("no article " + std::to_string(article_id)));
  }
  extract::ArchiveStamp stamp;
  TRY_ASSIGN(extract::Article current, ArticleFromRow(select, 0, &stamp));
  std::optional<int64_t> capture_id = select.OptionalInt(kArticleRowColumnCount);
  std::optional<std::string> etag = select.OptionalText(kArticleRowColumnCount + 1);
  std::optional<std::string> last_modified = select.OptionalText(kArticleRowColumnCount + 2);
  select.Reset();

  extract::Article updated = extracted;
  updated.url = current.url;
  updated.site = current.site;
  if (updated.content_sha256.empty()) updated.content_sha256 = util::Sha256Hex(updated.body);
  if (extract::ArticleToJson(updated, stamp) == extract::ArticleToJson(current, stamp)) {
    return ArticleChange::kUnchanged;
  }
  bool changed = updated.title != current.title || updated.content_sha256 != current.content_sha256;
  std::string now = util::FormatUtcNow();
  extract::ArchiveStamp new_stamp = stamp;
  if (changed) new_stamp.version = stamp.version + 1;
  s->update_article.Reset();
  BindArticleFields(s->update_article, 1, updated);
  // changed_at moves only with a new version; an in-place fix keeps the version's time.
  TRY_ASSIGN(Statement changed_at_select,
             Statement::Prepare(db_, "SELECT changed_at FROM articles WHERE id = ?1"));
  TRY(changed_at_select.Bind(1, article_id).Step());
  std::string changed_at = changed ? now : changed_at_select.Text(0);
  changed_at_select.Reset();
  TRY(s->update_article.Bind(17, stamp.last_fetched_at)
          .Bind(18, changed_at)
          .Bind(19, new_stamp.version)
          .Bind(20, capture_id)
          .Bind(21, etag)
          .Bind(22, last_modified)
          .Bind(23, article_id)
          .Run());
  if (changed) {
    s->insert_version.Reset();
    TRY(s->insert_version.Bind(1, article_id)
            .Bind(2, new_stamp.version)
            .Bind(3, capture_id)
            .Bind(4, stamp.last_fetched_at)
            .Bind(5, extract::ArticleToJson(updated, new_stamp))
            .Run());
  }
  TRY(txn.Commit());
  return changed ? ArticleChange::kChanged : ArticleChange::kUnchanged;
}

util::Result<Transaction> Archive::BeginRead() const {
  return Transaction::Begin(db_, Transaction::Kind::kRead);
}

util::Result<WriteBatch> Archive::BeginWrite() {
  TRY_ASSIGN(Transaction txn, Transaction::Begin(db_, Transaction::Kind::kWrite));
  bool outermost = !deferring_index_;
  if (outermost) {
    deferring_index_ = true;
    deferred_index_.clear();
  }
  return WriteBatch(this, std::move(txn), outermost, deferred_index_.size());
}

util::Result<void> Archive::IndexNewArticle(IndexRow row) {
  if (deferring_index_) {
    deferred_index_.push_back(std::move(row));
    return {};
  }
  TRY_ASSIGN(Statements * s, Cached());
  s->index_article.Reset();
  return s->index_article.Bind(1, row.rowid).Bind(2, row.title).Bind(3, row.body).Run();
}

util::Result<void> Archive::FlushDeferredIndex() {
  TRY_ASSIGN(Statements * s, Cached());
  for (const IndexRow& row : deferred_index_) {
    s->index_article.Reset();
    TRY(s->index_article.Bind(1, row.rowid).Bind(2, row.title).Bind(3, row.body).Run());
  }
  deferred_index_.clear();
  return {};
}

WriteBatch::WriteBatch(WriteBatch&& other) noexcept
    : archive_(std::exchange(other.archive_, nullptr)),
      txn_(std::move(other.txn_)),
      outermost_(other.outermost_),
      mark_(other.mark_) {
  other.txn_.reset();
}

WriteBatch::~WriteBatch() {
  if (archive_ == nullptr) return;
  // Not committed: the transaction rolls back with its articles, and their held rows go too.
  if (outermost_) {
    archive_->deferring_index_ = false;
    archive_->deferred_index_.clear();
  } else if (archive_->deferred_index_.size() > mark_) {
    archive_->deferred_index_.resize(mark_);
  }
  txn_.reset();
}

util::Result<void> WriteBatch::Commit() {
  if (archive_ == nullptr || !txn_) {
    return util::MakeError(util::ErrorCode::kStorage, "commit of a finished write batch");
  }
  Archive* archive = std::exchange(archive_, nullptr);
  util::Result<void> done;
  if (outermost_) {
    // All the held rows at once, after the last savepoint: one FTS5 flush for the batch.
    archive->deferring_index_ = false;
    done = archive->FlushDeferredIndex();
    archive->deferred_index_.clear();
  }
  if (done) done = txn_->Commit();
  txn_.reset();  // rolls back when the flush or the commit failed
  return done;
}

}  // namespace storage
