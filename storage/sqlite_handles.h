// RAII owners for SQLite's C handles: a Db (connection), a Statement (prepared statement) and a
// Transaction guard. This is the only header that names sqlite3 types; everything else in
// storage/ goes through these. Owners are move-only and not thread-safe (one connection per
// thread). Ordering rule: every Statement made from a Db must be destroyed before that Db (the
// SQLite docs: "must finalize every prepared statement" before sqlite3_close); members that hold
// Statements are declared after the Db they came from.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.h"

namespace storage {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

// An open connection. Open() applies no pragmas; the Archive does.
class Db {
 public:
  Db() = default;
  // `flags` are sqlite3_open_v2 flags (SQLITE_OPEN_READONLY, ...).
  static util::Result<Db> Open(const std::string& path, int flags);

  sqlite3* get() const { return db_.get(); }
  explicit operator bool() const { return db_ != nullptr; }

  // How long a statement waits for another connection's lock before it fails with "database
  // is locked". Retries every millisecond (SQLite's own busy_timeout backs off to 100 ms
  // sleeps, so a thread waiting on another's commit could oversleep it by up to 100 ms).
  void SetBusyTimeout(std::chrono::milliseconds timeout);
  std::chrono::milliseconds busy_timeout() const { return busy_timeout_; }

  // Runs SQL without results (may hold several statements). Only for constant SQL.
  util::Result<void> Exec(const char* sql) const;
  // The last error of this connection, prefixed with `context`.
  util::Error LastError(std::string_view context) const;
  int64_t LastInsertRowId() const { return sqlite3_last_insert_rowid(db_.get()); }
  int Changes() const { return sqlite3_changes(db_.get()); }

  // Defines the deterministic one-argument SQL function `name` on this connection as `fn`: NULL
  // gives NULL, any other value is read as UTF-8 text. An exception from `fn` becomes an error
  // of the statement (it never crosses SQLite).
  using TextFunction = std::string (*)(std::string_view);
  util::Result<void> DefineFunction(const char* name, TextFunction fn) const;

 private:
  std::unique_ptr<sqlite3, DbCloser> db_;
  std::chrono::milliseconds busy_timeout_{0};
};

// A prepared statement. Bind indexes are 1-based, column indexes 0-based (as in SQLite).
class Statement {
 public:
  Statement() = default;
  static util::Result<Statement> Prepare(const Db& db, std::string_view sql);

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, double value);
  // Text is copied (SQLITE_TRANSIENT), so temporaries are fine.
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, const std::string& text) {
    return Bind(index, std::string_view(text));
  }
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  // Steps once: true when a row is available, false when done.
  util::Result<bool> Step();
  // Steps a statement that returns no rows.
  util::Result<void> Run();
  // Resets for re-execution and clears bindings.
  void Reset();

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  std::optional<std::string> OptionalText(int col) const;
  std::optional<int64_t> OptionalInt(int col) const;
  std::string Blob(int col) const;

 private:
  sqlite3* db_ = nullptr;
  std::unique_ptr<sqlite3_stmt, StatementFinalizer> stmt_;
  bool bind_failed_ = false;
  std::string bind_error_;
};

// BEGIN on construction (BEGIN IMMEDIATE for writers, so two writers queue on busy_timeout
// instead of failing to upgrade a read lock); ROLLBACK on destruction unless Commit() succeeded.
// Begun inside another transaction of the connection it is a SAVEPOINT: Commit() releases it
// into the outer transaction (which alone makes it durable), destruction rolls back its own
// changes only. So a caller can group several self-contained writes in one commit.
//
// Write transactions of one process on one file take turns in the order they asked (WriteTurn):
// SQLite's lock is not fair, so a thread that commits and begins again at once (the crawl's
// page writer) would otherwise keep another connection of the same process (the crawl loop's
// frontier) waiting through many of its transactions.
class Transaction {
 public:
  enum class Kind { kRead, kWrite };
  static util::Result<Transaction> Begin(const Db& db, Kind kind);
  Transaction(Transaction&& other) noexcept
      : db_(other.db_), open_(other.open_), nested_(other.nested_), turn_(std::move(other.turn_)) {
    other.open_ = false;
  }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  util::Result<void> Commit();

 private:
  Transaction(const Db* db, bool nested, std::shared_ptr<void> turn)
      : db_(db), open_(true), nested_(nested), turn_(std::move(turn)) {}
  const Db* db_;
  bool open_;
  bool nested_;                 // a savepoint inside an outer transaction
  std::shared_ptr<void> turn_;  // this process's write turn on the file, while it lasts
};

}  // namespace storage
