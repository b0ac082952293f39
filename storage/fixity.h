// A fixity check tells whether a stored thing is still what was written: a capture is inflated
// and re-hashed (SHA-256 and size against the archive's `sha256` and `size`), a WARC record's
// declared digests (WARC-Block-Digest, WARC-Payload-Digest) are recomputed, and a WARC file is
// read through (a damaged stretch is a failure at its offset). Checks are plain FixityCheck
// values; FixityLog records them in the archive (schema 12: fixity_runs, fixity_checks).
// Memory is bounded per item: one capture's compressed blob plus a 64 KiB inflate window, one
// WARC record (WarcReader's limits). Functions taking an Archive use its connection: not
// thread-safe, like the Archive.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/archive.h"
#include "storage/warc_reader.h"
#include "util/error.h"

namespace storage {

enum class FixityKind { kCapture, kWarcRecord, kWarcFile };
// ok; mismatch: a hash, digest or size differs from the stored or declared one; unreadable: the
// capture does not inflate, or the WARC file cannot be opened or read at `offset`.
enum class FixityResult { kOk, kMismatch, kUnreadable };

// "capture", "warc_record", "warc_file" / "ok", "mismatch", "unreadable": as archived.
const char* FixityKindName(FixityKind kind);
const char* FixityResultName(FixityResult result);

struct FixityCheck {
  FixityKind kind = FixityKind::kCapture;
  FixityResult result = FixityResult::kOk;
  std::optional<int64_t> capture_id;  // kind capture
  std::string file;                   // WARC kinds: the file's path as found
  std::optional<uint64_t> offset;     // the record's, or the damaged stretch's, offset
  std::string record_id;              // WARC-Record-ID without <>
  std::string target_uri;
  std::string detail;  // what differs or could not be read; empty when ok

  bool IsFailure() const { return result != FixityResult::kOk; }
};

// --- Captures ---

// Checks one capture as stored: `compressed` (the zlib blob) must inflate, to exactly `size`
// bytes, whose SHA-256 (lower-case hex) is `sha256`. Never inflates more than `size` + 1 bytes.
FixityCheck CheckCaptureBody(int64_t capture_id, std::string_view sha256, int64_t size,
                             std::string_view compressed);

// Which part to check. `fraction` in (0, 1]: ceil(fraction × count) of the captures (and of the
// WARC files), those never checked first, then those checked longest ago (by the archive's
// fixity_checks; an archive older than schema 12 has none), ties in an order fixed by `seed`.
struct FixitySample {
  double fraction = 1.0;
  uint64_t seed = 0;
};

// Parses "0.25" or "25%" into a fraction in (0, 1]; nullopt for anything else (0, 1.5, "x").
std::optional<double> ParseSampleFraction(std::string_view text);

// Checks the sampled captures of `archive` in id order, handing each check to `sink` as it is
// made (one capture in memory at a time). A sink error stops the run and is returned; so is a
// read error of the archive (kStorage). A capture deleted meanwhile is skipped.
util::Result<void> VerifyCaptures(
    const Archive& archive, const FixitySample& sample,
    const std::function<util::Result<void>(const FixityCheck&)>& sink);

// --- WARC files ---

// Checks one well-formed record read from `file`: every declared block and payload digest of
// algorithm sha1 or sha256 (base32 or hex) is recomputed. The payload is the block after the
// HTTP head for application/http records (de-chunked as well when the head says chunked, as
// writers differ), the whole block otherwise; a revisit's payload digest names a payload the
// record does not hold and is not checked, nor are digests of a block over the reader's limit
// (detail says so; the result stays ok).
FixityCheck CheckWarcRecord(const WarcRecord& record, const std::string& file);

// The WARC files (*.warc, *.warc.gz) directly in `directory`, sorted by name; a writer's
// *.warc.gz.open files are left alone. kIo naming the directory when it cannot be listed.
util::Result<std::vector<std::string>> ListWarcFiles(const std::string& directory);

// The files of `files` a run checks under `sample` (see FixitySample), in the order given.
util::Result<std::vector<std::string>> SelectWarcFiles(const Archive& archive,
                                                       const std::vector<std::string>& files,
                                                       const FixitySample& sample);

// Reads `file` through and hands `sink` one check per record, one kWarcFile kUnreadable check
// per damaged stretch (or for a file that cannot be opened or is not a WARC file), and finally,
// when nothing was damaged, one kWarcFile kOk check; returns whether the file read whole. A sink
// error stops and is returned.
util::Result<bool> VerifyWarcFile(
    const std::string& file, const std::function<util::Result<void>(const FixityCheck&)>& sink);

// --- Recording ---

// Totals of one verify run.
struct FixityTotals {
  int64_t captures_checked = 0;
  int64_t captures_failed = 0;
  int64_t warc_records_checked = 0;
  int64_t warc_records_failed = 0;
  int64_t warc_files_checked = 0;
  int64_t warc_files_failed = 0;  // files with at least one unreadable stretch

  // Counts a capture or WARC record check (files are counted from VerifyWarcFile's answer).
  void Count(const FixityCheck& check);
  bool AllOk() const {
    return captures_failed == 0 && warc_records_failed == 0 && warc_files_failed == 0;
  }
};

// Records one verify run: a fixity_runs row, then its checks, buffered and written in short
// transactions (so a crawl writing the same archive waits at most one batch). Move-only.
// REQUIRES: `archive` opened read-write (schema 12) and outliving the log.
class FixityLog {
 public:
  // Checks written per transaction.
  static constexpr size_t kBatch = 256;

  static util::Result<FixityLog> Begin(const Archive& archive, double sample,
                                       std::chrono::system_clock::time_point started_at);
  FixityLog(FixityLog&&) noexcept = default;
  FixityLog& operator=(FixityLog&&) = delete;

  int64_t run_id() const { return run_id_; }
  util::Result<void> Add(const FixityCheck& check, std::chrono::system_clock::time_point at);
  // Writes what is buffered and the run's totals and end time.
  util::Result<void> Finish(const FixityTotals& totals,
                            std::chrono::system_clock::time_point finished_at);

 private:
  FixityLog(const Archive* archive, int64_t run_id) : archive_(archive), run_id_(run_id) {}
  util::Result<void> Flush();

  const Archive* archive_;
  int64_t run_id_;
  std::vector<std::pair<FixityCheck, std::string>> pending_;  // check, checked_at
};

// The last verify run of an archive (for stats), or nullopt when there was none (or the schema
// is older than 12).
struct FixityRunSummary {
  int64_t id = 0;
  std::string started_at;
  std::optional<std::string> finished_at;
  double sample = 1.0;
  FixityTotals totals;
};
util::Result<std::optional<FixityRunSummary>> LastFixityRun(const Archive& archive);

}  // namespace storage
