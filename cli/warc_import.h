// A WARC import turns the HTTP responses stored in WARC files (written by newsarc, wget,
// Heritrix, …) into archive pages: each response becomes a fetch row with its capture, and an
// article when the extractor finds one; a revisit record refreshes the article it refers to.
// Records already in the archive (same WARC-Record-ID) are skipped, so importing a file twice
// adds nothing. Damaged stretches of a file are reported with their offsets and skipped.
// App layer: sees storage/, extract/ and crawler/ (content decoding). Not thread-safe, but
// extraction runs on `jobs` worker threads per batch.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/site_config.h"
#include "extract/site_titles.h"
#include "storage/archive.h"
#include "storage/page_record.h"
#include "storage/warc_reader.h"

namespace cli {

struct WarcImportOptions {
  std::optional<int64_t> run_id;
  std::optional<std::string> site;                         // only pages of this host
  const std::vector<config::SiteConfig>* sites = nullptr;  // extraction profiles by host
  size_t max_body_bytes = 10u << 20;                       // decoded payload cap per response
  unsigned jobs = 1;                                       // extraction threads
  size_t batch_size = 64;                                  // records per archive transaction
  // A batch is also flushed once its decoded bodies reach this many bytes: each body, its
  // extraction and its article stay in memory until the batch is written, and 64 pages of
  // 10 MiB would hold 640 MiB. Small pages still go 64 to a transaction.
  size_t max_batch_body_bytes = 16u << 20;
};

struct WarcImportCounts {
  int64_t records = 0;       // well-formed WARC records read
  int64_t pages = 0;         // responses and revisits archived as fetches
  int64_t articles_new = 0;  // articles first seen
  int64_t articles_changed = 0;
  int64_t articles_unchanged = 0;
  int64_t articles_older = 0;    // older than the archived version: added to its history
  int64_t already_imported = 0;  // same WARC-Record-ID already in the archive
  int64_t not_html = 0;          // responses that are not pages (images, CSS, …)
  int64_t other_records = 0;     // warcinfo, request, metadata, dns, other hosts, …
  int64_t damaged = 0;           // damaged stretches reported by the reader
  int64_t errors = 0;            // responses that could not be decoded, or over the cap
  int64_t empty_files = 0;       // 0-byte files (a killed writer's leftovers): nothing to read
};

// What one WARC record becomes. `page` is unset when the record is not archived; `skip` then
// says why ("not_http", "not_html", "other_record", "other_site").
struct WarcPage {
  std::optional<storage::PageRecord> page;
  std::string skip;
  bool extract = false;  // run the extractor on page->body
};

// Longest WARC record block the import reads into memory: the HTTP head and a body of
// max_body_bytes, chunked or content-coded. A longer record is archived as too_large.
uint64_t MaxWarcBlockBytes(size_t max_body_bytes);

// Converts a WARC response or revisit record (pure: no archive, no extraction yet).
// The target URI is canonicalized like the crawler's URLs; the body has its Content-Encoding
// removed (capped at max_body_bytes: a bigger or corrupt one, or a record the reader did not
// hold whole, is archived as outcome too_large or network with no body); WARC-Date becomes the
// fetch time.
WarcPage PageFromWarcRecord(const storage::WarcRecord& record, const WarcImportOptions& options);

// Imports WARC files into an archive, file after file, then stitches the multi-page articles
// whose pages it met (a following page met before its first page stays a page of its own).
class WarcImporter {
 public:
  WarcImporter(storage::Archive& archive, WarcImportOptions options)
      : archive_(archive), options_(std::move(options)) {}

  // Imports every record of the WARC file at `path`. Fails (kStorage) when the archive cannot
  // be written, or (kIo, kParse) when the file cannot be opened or is not a WARC file; damaged
  // records are not failures: they are logged with their offsets and counted. An empty file
  // is skipped with a warning. Holds one record block of at most MaxWarcBlockBytes() at a time.
  util::Result<void> ImportFile(const std::string& path);
  // Archives the multi-page articles met so far, stitched from their imported pages.
  util::Result<void> Finish();

  const WarcImportCounts& counts() const { return counts_; }

 private:
  util::Result<void> Flush(std::vector<WarcPage>& batch);

  storage::Archive& archive_;
  WarcImportOptions options_;
  WarcImportCounts counts_;
  std::set<std::string> pending_heads_;                   // first pages of multi-page articles
  std::map<std::string, std::string> continuation_head_;  // following page → first page
  // The <title>s of each host's pages imported so far (site_titles.h); a batch's pages see
  // those of the batches before it, whatever the number of jobs.
  extract::SiteTitleMemory site_titles_;
};

}  // namespace cli
