#include "storage/sqlite_handles.h"

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <new>
#include <thread>

#include "util/log.h"

namespace storage {

util::Result<Db> Db::Open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db;
  db.db_.reset(raw);  // sqlite3_open_v2 allocates a handle even on failure: close it either way.
  if (rc != SQLITE_OK) {
    std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    return util::MakeError(util::ErrorCode::kStorage, "cannot open " + path + ": " + message);
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

namespace {

// The busy handler of SetBusyTimeout: `tries` is how many times it was called for this wait,
// one millisecond apart.
int RetryEveryMillisecond(void* timeout_ms, int tries) {
  if (tries >= static_cast<int>(reinterpret_cast<intptr_t>(timeout_ms))) return 0;
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return 1;
}

}  // namespace

void Db::SetBusyTimeout(std::chrono::milliseconds timeout) {
  busy_timeout_ = std::max(timeout, std::chrono::milliseconds(0));
  sqlite3_busy_handler(db_.get(), RetryEveryMillisecond,
                       reinterpret_cast<void*>(static_cast<intptr_t>(busy_timeout_.count())));
}

util::Result<void> Db::Exec(const char* sql) const {
  char* message = nullptr;
  int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return util::MakeError(util::ErrorCode::kStorage, text);
  }
  return {};
}

namespace {

void CallTextFunction(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  Db::TextFunction fn = *static_cast<Db::TextFunction*>(sqlite3_user_data(context));
  const unsigned char* text = sqlite3_value_text(argv[0]);
  if (!text) {
    sqlite3_result_error_nomem(context);
    return;
  }
  std::string_view arg(reinterpret_cast<const char*>(text),
                       static_cast<size_t>(sqlite3_value_bytes(argv[0])));
  try {
    std::string result = fn(arg);
    sqlite3_result_text64(context, result.data(), result.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(context);
  } catch (const std::exception& e) {
    sqlite3_result_error(context, e.what(), -1);
  }
}

void DeleteTextFunction(void* fn) { delete static_cast<Db::TextFunction*>(fn); }

}  // namespace

util::Result<void> Db::DefineFunction(const char* name, TextFunction fn) const {
  // SQLITE_INNOCUOUS: safe in triggers and views even with trusted_schema off. SQLite calls
  // DeleteTextFunction when the function is redefined or the connection closes, and when
  // sqlite3_create_function_v2 fails.
  int rc = sqlite3_create_function_v2(
      db_.get(), name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
      new TextFunction(fn), &CallTextFunction, nullptr, nullptr, &DeleteTextFunction);
  if (rc != SQLITE_OK) return tl::unexpected(LastError(std::string("defining ") + name + "()"));
  return {};
}

util::Error Db::LastError(std::string_view context) const {
  return util::Error{util::ErrorCode::kStorage,
                     std::string(context) + ": " + sqlite3_errmsg(db_.get())};
}

util::Result<Statement> Statement::Prepare(const Db& db, std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  Statement stmt;
  stmt.stmt_.reset(raw);
  stmt.db_ = db.get();
  if (rc != SQLITE_OK) {
    util::Error error = db.LastError("preparing SQL");
    util::LogDebug("SQL statement failed", {{"error", error.message}, {"sql", std::string(sql)}});
    return tl::unexpected(std::move(error));
  }
  return stmt;
}

Statement& Statement::Bind(int index, int64_t value) {
  if (sqlite3_bind_int64(stmt_.get(), index, value) != SQLITE_OK) bind_failed_ = true;
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  if (sqlite3_bind_double(stmt_.get(), index, value) != SQLITE_OK) bind_failed_ = true;
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  if (sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT,
                          SQLITE_UTF8) != SQLITE_OK) {
    bind_failed_ = true;
  }
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  if (sqlite3_bind_blob64(stmt_.get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT) !=
      SQLITE_OK) {
    bind_failed_ = true;
  }
  return *this;
}

Statement& Statement::BindNull(int index) {
  if (sqlite3_bind_null(stmt_.get(), index) != SQLITE_OK) bind_failed_ = true;
  return *this;
}

util::Result<bool> Statement::Step() {
  if (bind_failed_) {
    bind_failed_ = false;
    return util::MakeError(util::ErrorCode::kStorage,
                           std::string("binding a parameter: ") + sqlite3_errmsg(db_));
  }
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // The message is for people ("attempt to write a readonly database"); the statement is for
  // whoever debugs it (-vv).
  std::string message = sqlite3_errmsg(db_);
  util::LogDebug("SQL statement failed", {{"error", message}, {"sql", sqlite3_sql(stmt_.get())}});
  return util::MakeError(util::ErrorCode::kStorage, std::move(message));
}

util::Result<void> Statement::Run() {
  TRY(Step());
  return {};
}

void Statement::Reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
  bind_failed_ = false;
}

bool Statement::IsNull(int col) const {
  return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL;
}

int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_.get(), col); }

double Statement::Double(int col) const { return sqlite3_column_double(stmt_.get(), col); }

std::string Statement::Text(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_.get(), col);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), col)));
}

std::optional<std::string> Statement::OptionalText(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Text(col);
}

std::optional<int64_t> Statement::OptionalInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

std::string Statement::Blob(int col) const {
  const void* data = sqlite3_column_blob(stmt_.get(), col);
  if (data == nullptr) return {};
  return std::string(static_cast<const char*>(data),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), col)));
}

namespace {

// The write turns of one database file in this process: first asked, first served.
struct FileTurns {
  std::mutex mutex;
  std::condition_variable changed;
  bool held = false;
  std::deque<uint64_t> waiting;  // tickets, in the order they were asked for
  uint64_t next_ticket = 0;
};

// Ends a turn when the last copy of the handle goes.
struct HeldTurn {
  explicit HeldTurn(std::shared_ptr<FileTurns> t) : turns(std::move(t)) {}
  HeldTurn(const HeldTurn&) = delete;
  HeldTurn& operator=(const HeldTurn&) = delete;
  ~HeldTurn() {
    {
      std::lock_guard lock(turns->mutex);
      turns->held = false;
    }
    turns->changed.notify_all();
  }
  std::shared_ptr<FileTurns> turns;
};

std::shared_ptr<FileTurns> TurnsOf(const std::string& file) {
  static std::mutex registry_mutex;
  static std::map<std::string, std::shared_ptr<FileTurns>> registry;
  std::lock_guard lock(registry_mutex);
  auto& turns = registry[file];
  if (!turns) turns = std::make_shared<FileTurns>();
  return turns;
}

// Waits for this process's next write turn on `db`'s file, at most `patience`: a turn still
// not given then (a thread holding a transaction on two connections of one file) is not
// waited for, and SQLite's own lock decides. Null for an in-memory or temporary database.
std::shared_ptr<void> WaitForWriteTurn(const Db& db, std::chrono::milliseconds patience) {
  const char* name = sqlite3_db_filename(db.get(), "main");
  if (name == nullptr || *name == '\0') return nullptr;
  std::shared_ptr<FileTurns> turns = TurnsOf(name);
  std::unique_lock lock(turns->mutex);
  uint64_t ticket = turns->next_ticket++;
  turns->waiting.push_back(ticket);
  bool given = turns->changed.wait_for(
      lock, patience, [&] { return !turns->held && turns->waiting.front() == ticket; });
  turns->waiting.erase(std::find(turns->waiting.begin(), turns->waiting.end(), ticket));
  if (!given) {
    lock.unlock();
    turns->changed.notify_all();  // the next in line may be served now
    return nullptr;
  }
  turns->held = true;
  return std::make_shared<HeldTurn>(std::move(turns));
}

}  // namespace

util::Result<Transaction> Transaction::Begin(const Db& db, Kind kind) {
  if (sqlite3_get_autocommit(db.get()) == 0) {
    TRY(db.Exec("SAVEPOINT newsarc_nested"));
    return Transaction(&db, true, nullptr);
  }
  std::shared_ptr<void> turn;
  if (kind == Kind::kWrite) turn = WaitForWriteTurn(db, db.busy_timeout());
  TRY(db.Exec(kind == Kind::kWrite ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED"));
  return Transaction(&db, false, std::move(turn));
}

Transaction::~Transaction() {
  if (open_) {
    // Nothing to report to: a failed rollback leaves SQLite to roll back on close. An error
    // that already rolled back the whole transaction (disk full) leaves no savepoint: the
    // outer Commit() then fails and says so.
    (void)db_->Exec(nested_ ? "ROLLBACK TO newsarc_nested; RELEASE newsarc_nested" : "ROLLBACK");
  }
  turn_.reset();  // after the rollback: the next writer finds the lock free
}

util::Result<void> Transaction::Commit() {
  if (!open_) {
    return util::MakeError(util::ErrorCode::kStorage, "commit of a finished transaction");
  }
  auto result = db_->Exec(nested_ ? "RELEASE newsarc_nested" : "COMMIT");
  if (!result) return tl::unexpected(db_->LastError("commit"));
  open_ = false;
  turn_.reset();
  return {};
}

}  // namespace storage
