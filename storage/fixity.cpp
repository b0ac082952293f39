#include "storage/fixity.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <tuple>
#include <utility>

#include "storage/compression.h"
#include "storage/migrations.h"
#include "util/sha1.h"
#include "util/sha256.h"
#include "util/time_format.h"

namespace storage {
namespace {

// Capture ids read per page of a full run (each page is one short read).
constexpr int kCapturePage = 256;
// Seeds and ids are mixed in 31 bits so that SQLite's 64-bit products never overflow.
constexpr uint64_t kSeedMask = 0x7fffffff;
// Knuth's multiplicative hash constant (2^32 / golden ratio).
constexpr int64_t kHashMultiplier = 2654435761;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// --- Digest text (WARC 1.1 §5.8: "algorithm:value", base32 by convention, hex seen too) ---

std::optional<std::string> DecodeHex(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 2);
  for (size_t i = 0; i < text.size(); i += 2) {
    int value = 0;
    for (char c : text.substr(i, 2)) {
      if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
      value = value * 16 + (std::isdigit(static_cast<unsigned char>(c))
                                ? c - '0'
                                : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
    }
    out.push_back(static_cast<char>(value));
  }
  return out;
}

// RFC 4648 §6 base32, upper or lower case, '=' padding optional.
std::optional<std::string> DecodeBase32(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  uint64_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value;
    char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (u >= 'A' && u <= 'Z') {
      value = u - 'A';
    } else if (u >= '2' && u <= '7') {
      value = u - '2' + 26;
    } else {
      return std::nullopt;
    }
    buffer = (buffer << 5) | static_cast<uint64_t>(value);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

enum class DigestAlgorithm { kSha1, kSha256 };

struct DeclaredDigest {
  DigestAlgorithm algorithm;
  std::string bytes;
};

// The digest a header declares, or an error saying why it cannot be checked: `supported` false
// for an algorithm this program does not compute (md5, ...), which is no failure.
struct ParsedDigest {
  std::optional<DeclaredDigest> digest;
  bool supported = true;
  std::string problem;
};

ParsedDigest ParseDigest(const std::string& header) {
  ParsedDigest parsed;
  size_t colon = header.find(':');
  if (colon == std::string::npos) {
    parsed.problem = "declares '" + header + "', which is not algorithm:value";
    return parsed;
  }
  std::string algorithm = Lower(header.substr(0, colon));
  std::string value = header.substr(colon + 1);
  DigestAlgorithm which;
  size_t length;
  if (algorithm == "sha1" || algorithm == "sha-1") {
    which = DigestAlgorithm::kSha1;
    length = 20;
  } else if (algorithm == "sha256" || algorithm == "sha-256") {
    which = DigestAlgorithm::kSha256;
    length = 32;
  } else {
    parsed.supported = false;
    return parsed;
  }
  std::optional<std::string> bytes =
      value.size() == 2 * length ? DecodeHex(value) : DecodeBase32(value);
  if (!bytes || bytes->size() != length) {
    parsed.problem = "declares '" + header + "', which is no " + algorithm + " digest";
    return parsed;
  }
  parsed.digest = DeclaredDigest{which, std::move(*bytes)};
  return parsed;
}

std::string DigestBytes(DigestAlgorithm algorithm, std::string_view data) {
  if (algorithm == DigestAlgorithm::kSha256) return *DecodeHex(util::Sha256Hex(data));
  // WarcSha1Digest is "sha1:" + base32 of the digest.
  return *DecodeBase32(std::string_view(util::WarcSha1Digest(data)).substr(5));
}

// How a digest is shown in a message: as the WARC writers write it.
std::string DigestText(DigestAlgorithm algorithm, const std::string& bytes) {
  if (algorithm == DigestAlgorithm::kSha1) return "sha1:" + util::Base32(bytes);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : bytes) {
    hex.push_back(kHex[c >> 4]);
    hex.push_back(kHex[c & 0xf]);
  }
  return "sha256:" + hex;
}

// Where an HTTP message's head ends (after its blank line), or npos.
size_t HttpBodyStart(const std::string& block) {
  size_t end = block.find("\r\n\r\n");
  if (end != std::string::npos) return end + 4;
  end = block.find("\n\n");
  return end == std::string::npos ? std::string::npos : end + 2;
}

// Checks one declared digest against the candidate contents (any one matching is a match);
// appends to `problems` what does not.
void CheckDigest(const WarcRecord& record, const char* header_name,
                 const std::vector<std::string_view>& candidates,
                 std::vector<std::string>& problems) {
  std::string header = record.Header(Lower(header_name));
  if (header.empty()) return;
  ParsedDigest parsed = ParseDigest(header);
  if (!parsed.supported) return;
  if (!parsed.digest) {
    problems.push_back(std::string(header_name) + " " + parsed.problem);
    return;
  }
  std::string first_actual;
  for (std::string_view candidate : candidates) {
    std::string actual = DigestBytes(parsed.digest->algorithm, candidate);
    if (actual == parsed.digest->bytes) return;
    if (first_actual.empty()) first_actual = std::move(actual);
  }
  problems.push_back(std::string(header_name) + " is " +
                     DigestText(parsed.digest->algorithm, parsed.digest->bytes) +
                     ", the content's is " + DigestText(parsed.digest->algorithm, first_actual));
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

bool HasFixityTables(const Archive& archive) {
  auto version = SchemaVersionOf(archive.db());
  return version && *version >= kFixitySchemaVersion;
}

// FNV-1a of `text`, mixed with the seed: a tie-break order of WARC files fixed by the seed.
uint64_t SeededHash(std::string_view text, uint64_t seed) {
  uint64_t hash = 14695981039346656037ull ^ (seed * 1099511628211ull);
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

int64_t SampleCount(double fraction, int64_t total) {
  if (fraction >= 1.0) return total;
  return std::min<int64_t>(total, static_cast<int64_t>(std::ceil(fraction * total)));
}

// Ids of the sampled captures, ascending. 8 bytes per sampled capture; the ordering is one
// query (SQLite keeps only the best LIMIT rows while sorting).
util::Result<std::vector<int64_t>> SampledCaptureIds(const Archive& archive,
                                                     const FixitySample& sample) {
  const Db& db = archive.db();
  TRY_ASSIGN(Statement count, Statement::Prepare(db, "SELECT count(*) FROM captures"));
  TRY(count.Step());
  int64_t limit = SampleCount(sample.fraction, count.Int(0));
  // id XOR seed (SQLite has no XOR: (a | b) - (a & b)), times Knuth's constant, modulo 2^32.
  std::string order =
      "(((c.id | ?1) - (c.id & ?1)) * " + std::to_string(kHashMultiplier) + ") % 4294967296";
  std::string sql =
      HasFixityTables(archive)
          ? "SELECT c.id FROM captures c ORDER BY (SELECT max(f.checked_at) FROM fixity_checks f "
            "WHERE f.capture_id = c.id), " +
                order + " LIMIT ?2"
          : "SELECT c.id FROM captures c ORDER BY " + order + " LIMIT ?2";
  TRY_ASSIGN(Statement select, Statement::Prepare(db, sql));
  select.Bind(1, static_cast<int64_t>(sample.seed & kSeedMask)).Bind(2, limit);
  std::vector<int64_t> ids;
  while (true) {
    TRY_ASSIGN(bool row, select.Step());
    if (!row) break;
    ids.push_back(select.Int(0));
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

util::Result<std::optional<FixityCheck>> CheckStoredCapture(Statement& load, int64_t id) {
  load.Reset();
  load.Bind(1, id);
  TRY_ASSIGN(bool found, load.Step());
  if (!found) return std::optional<FixityCheck>();
  // The blob is copied out and the statement reset, so no read stays open during the check.
  std::string sha256 = load.Text(0);
  int64_t size = load.Int(1);
  std::string blob = load.Blob(2);
  load.Reset();
  return std::optional<FixityCheck>(CheckCaptureBody(id, sha256, size, blob));
}

}  // namespace

const char* FixityKindName(FixityKind kind) {
  switch (kind) {
    case FixityKind::kCapture:
      return "capture";
    case FixityKind::kWarcRecord:
      return "warc_record";
    case FixityKind::kWarcFile:
      return "warc_file";
  }
  return "capture";
}

const char* FixityResultName(FixityResult result) {
  switch (result) {
    case FixityResult::kOk:
      return "ok";
    case FixityResult::kMismatch:
      return "mismatch";
    case FixityResult::kUnreadable:
      return "unreadable";
  }
  return "ok";
}

FixityCheck CheckCaptureBody(int64_t capture_id, std::string_view sha256, int64_t size,
                             std::string_view compressed) {
  FixityCheck check;
  check.kind = FixityKind::kCapture;
  check.capture_id = capture_id;
  if (size < 0) {
    check.result = FixityResult::kMismatch;
    check.detail = "stored size is " + std::to_string(size);
    return check;
  }
  util::Sha256 hash;
  auto inflated = InflateChunks(compressed, static_cast<uint64_t>(size) + 1,
                                [&hash](std::string_view piece) { hash.Update(piece); });
  if (!inflated && inflated.error().code == util::ErrorCode::kTooLarge) {
    check.result = FixityResult::kMismatch;
    check.detail = "body is longer than the stored size of " + std::to_string(size) + " bytes";
    return check;
  }
  if (!inflated) {
    check.result = FixityResult::kUnreadable;
    check.detail = "body does not decompress (" + inflated.error().message + ")";
    return check;
  }
  std::vector<std::string> problems;
  if (*inflated != static_cast<uint64_t>(size)) {
    problems.push_back("body is " + std::to_string(*inflated) + " bytes, stored size " +
                       std::to_string(size));
  }
  std::string actual = hash.FinishHex();
  if (actual != sha256) {
    problems.push_back("body's SHA-256 is " + actual + ", stored " + std::string(sha256));
  }
  if (!problems.empty()) {
    check.result = FixityResult::kMismatch;
    check.detail = Join(problems, "; ");
  }
  return check;
}

std::optional<double> ParseSampleFraction(std::string_view text) {
  bool percent = !text.empty() && text.back() == '%';
  if (percent) text.remove_suffix(1);
  if (text.empty() || text.size() > 32) return std::nullopt;
  std::string copy(text);
  for (char c : copy) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return std::nullopt;
  }
  char* end = nullptr;
  double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size()) return std::nullopt;
  if (percent) value /= 100.0;
  if (!(value > 0.0) || value > 1.0) return std::nullopt;
  return value;
}

util::Result<void> VerifyCaptures(
    const Archive& archive, const FixitySample& sample,
    const std::function<util::Result<void>(const FixityCheck&)>& sink) {
  const Db& db = archive.db();
  TRY_ASSIGN(Statement load,
             Statement::Prepare(db, "SELECT sha256, size, body FROM captures WHERE id = ?1"));
  auto check_one = [&](int64_t id) -> util::Result<void> {
    TRY_ASSIGN(std::optional<FixityCheck> check, CheckStoredCapture(load, id));
    if (check) TRY(sink(*check));
    return {};
  };
  if (sample.fraction < 1.0) {
    TRY_ASSIGN(std::vector<int64_t> ids, SampledCaptureIds(archive, sample));
    for (int64_t id : ids) TRY(check_one(id));
    return {};
  }
  // Every capture, a page of ids at a time: each page is a short read, so a long run keeps no
  // snapshot open that would stop a crawl's WAL from being checkpointed.
  TRY_ASSIGN(Statement page,
             Statement::Prepare(db, "SELECT id FROM captures WHERE id > ?1 ORDER BY id LIMIT ?2"));
  int64_t after = 0;
  while (true) {
    page.Reset();
    page.Bind(1, after).Bind(2, kCapturePage);
    std::vector<int64_t> ids;
    while (true) {
      TRY_ASSIGN(bool row, page.Step());
      if (!row) break;
      ids.push_back(page.Int(0));
    }
    page.Reset();
    if (ids.empty()) return {};
    for (int64_t id : ids) TRY(check_one(id));
    after = ids.back();
  }
}

FixityCheck CheckWarcRecord(const WarcRecord& record, const std::string& file) {
  FixityCheck check;
  check.kind = FixityKind::kWarcRecord;
  check.file = file;
  check.offset = record.offset;
  check.record_id = record.Header("warc-record-id");
  if (check.record_id.size() >= 2 && check.record_id.front() == '<' &&
      check.record_id.back() == '>') {
    check.record_id = check.record_id.substr(1, check.record_id.size() - 2);
  }
  check.target_uri = record.TargetUri();
  if (record.block_truncated) {
    check.detail = "block of " + std::to_string(record.block_bytes) +
                   " bytes is over the reader's limit; its digests were not recomputed";
    return check;
  }
  std::vector<std::string> problems;
  CheckDigest(record, "WARC-Block-Digest", {record.block}, problems);
  if (record.Type() != "revisit") {
    std::vector<std::string_view> payloads;
    std::optional<HttpMessage> http;
    if (Lower(record.Header("content-type")).rfind("application/http", 0) == 0) {
      size_t start = HttpBodyStart(record.block);
      if (start != std::string::npos) {
        payloads.push_back(std::string_view(record.block).substr(start));
      }
      http = ParseHttpResponse(record.block);
      if (http) {
        auto coding = http->HeaderValue("Transfer-Encoding");
        if (coding && Lower(*coding).find("chunked") != std::string::npos) {
          payloads.push_back(http->body);
        }
      }
    } else {
      payloads.push_back(record.block);
    }
    if (!payloads.empty()) CheckDigest(record, "WARC-Payload-Digest", payloads, problems);
  }
  if (!problems.empty()) {
    check.result = FixityResult::kMismatch;
    check.detail = Join(problems, "; ");
  }
  return check;
}

util::Result<std::vector<std::string>> ListWarcFiles(const std::string& directory) {
  std::error_code ec;
  std::filesystem::directory_iterator it(directory, ec);
  if (ec) {
    return util::MakeError(util::ErrorCode::kIo,
                           directory + ": cannot list the folder (" + ec.message() + ")");
  }
  std::vector<std::string> files;
  for (const auto& entry : it) {
    std::string name = entry.path().filename().string();
    auto ends_with = [&name](std::string_view suffix) {
      return name.size() > suffix.size() &&
             name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (!ends_with(".warc") && !ends_with(".warc.gz")) continue;
    if (!entry.is_regular_file(ec)) continue;
    files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

util::Result<std::vector<std::string>> SelectWarcFiles(const Archive& archive,
                                                       const std::vector<std::string>& files,
                                                       const FixitySample& sample) {
  if (sample.fraction >= 1.0) return files;
  struct Candidate {
    std::string last_checked;  // "" = never: sorts first
    uint64_t tie;
    size_t index;
  };
  std::vector<Candidate> candidates;
  std::optional<Statement> last;
  if (HasFixityTables(archive)) {
    TRY_ASSIGN(Statement stmt, Statement::Prepare(archive.db(),
                                                  "SELECT max(checked_at) FROM fixity_checks "
                                                  "WHERE kind = 'warc_file' AND file = ?1"));
    last.emplace(std::move(stmt));
  }
  for (size_t i = 0; i < files.size(); ++i) {
    Candidate candidate{"", SeededHash(files[i], sample.seed), i};
    if (last) {
      last->Reset();
      last->Bind(1, files[i]);
      TRY(last->Step());
      candidate.last_checked = last->OptionalText(0).value_or("");
      last->Reset();
    }
    candidates.push_back(std::move(candidate));
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(a.last_checked, a.tie, a.index) < std::tie(b.last_checked, b.tie, b.index);
  });
  candidates.resize(
      static_cast<size_t>(SampleCount(sample.fraction, static_cast<int64_t>(candidates.size()))));
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.index < b.index; });
  std::vector<std::string> selected;
  for (const Candidate& c : candidates) selected.push_back(files[c.index]);
  return selected;
}

util::Result<bool> VerifyWarcFile(
    const std::string& file, const std::function<util::Result<void>(const FixityCheck&)>& sink) {
  auto file_check = [&file](FixityResult result, std::optional<uint64_t> offset,
                            std::string detail) {
    FixityCheck check;
    check.kind = FixityKind::kWarcFile;
    check.result = result;
    check.file = file;
    check.offset = offset;
    check.detail = std::move(detail);
    return check;
  };
  auto reader = WarcReader::Open(file);
  if (!reader) {
    TRY(sink(file_check(FixityResult::kUnreadable, std::nullopt, reader.error().message)));
    return false;
  }
  size_t damage_seen = 0;
  auto report_damage = [&]() -> util::Result<void> {
    const auto& damage = reader->damage();
    for (; damage_seen < damage.size(); ++damage_seen) {
      TRY(sink(file_check(FixityResult::kUnreadable, damage[damage_seen].offset,
                          damage[damage_seen].message)));
    }
    return {};
  };
  // The reader ends at the end of the file: each Next() consumes a record or a damaged stretch.
  while (true) {
    std::optional<WarcRecord> record = reader->Next();
    TRY(report_damage());
    if (!record) break;
    TRY(sink(CheckWarcRecord(*record, file)));
  }
  if (damage_seen > 0) return false;
  TRY(sink(file_check(FixityResult::kOk, std::nullopt, "")));
  return true;
}

void FixityTotals::Count(const FixityCheck& check) {
  switch (check.kind) {
    case FixityKind::kCapture:
      ++captures_checked;
      if (check.IsFailure()) ++captures_failed;
      break;
    case FixityKind::kWarcRecord:
      ++warc_records_checked;
      if (check.IsFailure()) ++warc_records_failed;
      break;
    case FixityKind::kWarcFile:
      break;  // files are counted from VerifyWarcFile's answer
  }
}

util::Result<FixityLog> FixityLog::Begin(const Archive& archive, double sample,
                                         std::chrono::system_clock::time_point started_at) {
  TRY_ASSIGN(Statement insert,
             Statement::Prepare(archive.db(),
                                "INSERT INTO fixity_runs (started_at, sample) VALUES (?1, ?2)"));
  insert.Bind(1, util::FormatUtc(started_at)).Bind(2, sample);
  TRY(insert.Run());
  return FixityLog(&archive, archive.db().LastInsertRowId());
}

util::Result<void> FixityLog::Add(const FixityCheck& check,
                                  std::chrono::system_clock::time_point at) {
  pending_.emplace_back(check, util::FormatUtc(at));
  if (pending_.size() >= kBatch) return Flush();
  return {};
}

util::Result<void> FixityLog::Flush() {
  if (pending_.empty()) return {};
  const Db& db = archive_->db();
  TRY_ASSIGN(Transaction txn, Transaction::Begin(db, Transaction::Kind::kWrite));
  TRY_ASSIGN(Statement insert,
             Statement::Prepare(db,
                                "INSERT INTO fixity_checks (run_id, checked_at, kind, capture_id, "
                                "file, offset, record_id, target_uri, result, detail) VALUES "
                                "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
  for (const auto& [check, at] : pending_) {
    insert.Reset();
    insert.Bind(1, run_id_).Bind(2, at).Bind(3, FixityKindName(check.kind));
    insert.Bind(4, check.capture_id);
    if (check.file.empty()) {
      insert.BindNull(5);
    } else {
      insert.Bind(5, check.file);
    }
    if (check.offset) {
      insert.Bind(6, static_cast<int64_t>(*check.offset));
    } else {
      insert.BindNull(6);
    }
    if (check.record_id.empty()) {
      insert.BindNull(7);
    } else {
      insert.Bind(7, check.record_id);
    }
    if (check.target_uri.empty()) {
      insert.BindNull(8);
    } else {
      insert.Bind(8, check.target_uri);
    }
    insert.Bind(9, FixityResultName(check.result));
    if (check.detail.empty()) {
      insert.BindNull(10);
    } else {
      insert.Bind(10, check.detail);
    }
    TRY(insert.Run());
  }
  insert = Statement();  // finalized before the commit
  TRY(txn.Commit());
  pending_.clear();
  return {};
}

util::Result<void> FixityLog::Finish(const FixityTotals& totals,
                                     std::chrono::system_clock::time_point finished_at) {
  TRY(Flush());
  TRY_ASSIGN(Statement update,
             Statement::Prepare(archive_->db(),
                                "UPDATE fixity_runs SET finished_at = ?2, captures_checked = ?3, "
                                "captures_failed = ?4, warc_records_checked = ?5, "
                                "warc_records_failed = ?6, warc_files_checked = ?7, "
                                "warc_files_failed = ?8 WHERE id = ?1"));
  update.Bind(1, run_id_).Bind(2, util::FormatUtc(finished_at));
  update.Bind(3, totals.captures_checked).Bind(4, totals.captures_failed);
  update.Bind(5, totals.warc_records_checked).Bind(6, totals.warc_records_failed);
  update.Bind(7, totals.warc_files_checked).Bind(8, totals.warc_files_failed);
  return update.Run();
}

util::Result<std::optional<FixityRunSummary>> LastFixityRun(const Archive& archive) {
  if (!HasFixityTables(archive)) return std::optional<FixityRunSummary>();
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                "SELECT id, started_at, finished_at, sample, captures_checked, "
                                "captures_failed, warc_records_checked, warc_records_failed, "
                                "warc_files_checked, warc_files_failed FROM fixity_runs "
                                "ORDER BY id DESC LIMIT 1"));
  TRY_ASSIGN(bool found, stmt.Step());
  if (!found) return std::optional<FixityRunSummary>();
  FixityRunSummary run;
  run.id = stmt.Int(0);
  run.started_at = stmt.Text(1);
  run.finished_at = stmt.OptionalText(2);
  run.sample = stmt.Double(3);
  run.totals.captures_checked = stmt.Int(4);
  run.totals.captures_failed = stmt.Int(5);
  run.totals.warc_records_checked = stmt.Int(6);
  run.totals.warc_records_failed = stmt.Int(7);
  run.totals.warc_files_checked = stmt.Int(8);
  run.totals.warc_files_failed = stmt.Int(9);
  return std::optional<FixityRunSummary>(std::move(run));
}

}  // namespace storage
