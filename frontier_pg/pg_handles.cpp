#include "frontier_pg/pg_handles.h"

#include <regex>

namespace frontier_pg {
namespace {

constexpr int kMaxTries = 5;

bool Retryable(const PGresult* result) {
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  if (state == nullptr) return false;
  std::string s(state);
  return s == "40P01" || s == "40001";
}

std::string Trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

int64_t PgResult::Affected() const {
  const char* n = PQcmdTuples(result_.get());
  return n && *n ? std::stoll(n) : 0;
}

std::string PgResult::Text(int row, int column) const {
  return std::string(PQgetvalue(result_.get(), row, column),
                     static_cast<size_t>(PQgetlength(result_.get(), row, column)));
}

std::optional<std::string> PgResult::OptionalText(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return Text(row, column);
}

int64_t PgResult::Int(int row, int column) const {
  if (IsNull(row, column)) return 0;
  return std::stoll(Text(row, column));
}

util::Result<PgConnection> PgConnection::Connect(const std::string& conninfo) {
  PgConnection c;
  c.where_ = HidePassword(conninfo);
  // libpq parses the string itself: a malformed one fails here with its reason.
  c.conn_.reset(PQconnectdb(conninfo.c_str()));
  if (!c.conn_) {
    return util::MakeError(util::ErrorCode::kStorage,
                           "cannot connect to PostgreSQL at " + c.where_ + ": out of memory");
  }
  if (PQstatus(c.conn_.get()) != CONNECTION_OK) {
    return util::MakeError(util::ErrorCode::kStorage, "cannot connect to PostgreSQL at " +
                                                          c.where_ + ": " +
                                                          Trimmed(PQerrorMessage(c.conn_.get())));
  }
  return c;
}

util::Result<PgResult> PgConnection::Exec(const std::string& sql,
                                          const std::vector<PgParam>& params) {
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
  for (const PgParam& p : params) {
    values.push_back(p.value ? p.value->data() : nullptr);
    lengths.push_back(p.value ? static_cast<int>(p.value->size()) : 0);
    formats.push_back(p.binary ? 1 : 0);
  }
  for (int attempt = 1;; ++attempt) {
    auto started = std::chrono::steady_clock::now();
    PgResult result(PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(params.size()), nullptr,
                                 values.data(), lengths.data(), formats.data(), 0));
    ++statements_;
    busy_ += std::chrono::steady_clock::now() - started;
    ExecStatusType status = PQresultStatus(result.raw());
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
    if (attempt < kMaxTries && Retryable(result.raw())) continue;
    std::string message = result.raw() ? Trimmed(PQresultErrorMessage(result.raw()))
                                       : Trimmed(PQerrorMessage(conn_.get()));
    return util::MakeError(util::ErrorCode::kStorage, "PostgreSQL at " + where_ + ": " + message);
  }
}

util::Result<void> PgConnection::ExecScript(const char* sql) {
  PgResult result(PQexec(conn_.get(), sql));
  ExecStatusType status = PQresultStatus(result.raw());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return {};
  std::string message = result.raw() ? Trimmed(PQresultErrorMessage(result.raw()))
                                     : Trimmed(PQerrorMessage(conn_.get()));
  return util::MakeError(util::ErrorCode::kStorage, "PostgreSQL at " + where_ + ": " + message);
}

std::vector<std::string> PgConnection::TakeNotifications() {
  std::vector<std::string> out;
  // Reads what the server sent meanwhile without waiting; a broken connection shows up as an
  // error on the next statement.
  (void)PQconsumeInput(conn_.get());
  while (PGnotify* n = PQnotifies(conn_.get())) {
    out.emplace_back(n->extra ? n->extra : "");
    PQfreemem(n);
  }
  return out;
}

std::string HidePassword(const std::string& conninfo) {
  // postgresql://user:secret@host/db → postgresql://user:***@host/db (any scheme)
  static const std::regex kUserinfo(R"(^([A-Za-z][A-Za-z0-9+.-]*://[^:/@?]*:)[^@/?]*@)");
  static const std::regex kKeyValue(R"(((?:^|[\s?&])password=)('[^']*'|[^\s&]*))");
  std::string s = std::regex_replace(conninfo, kUserinfo, "$1***@");
  return std::regex_replace(s, kKeyValue, "$1***");
}

std::string TextArray(const std::vector<std::optional<std::string>>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    if (!values[i]) {
      out += "NULL";
      continue;
    }
    out += '"';
    for (char c : *values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace frontier_pg
