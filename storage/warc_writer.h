// A WarcWriter writes WARC 1.1 files (ISO 28500:2017) for a crawl: a warcinfo record at the
// start of each file, then a request and a response record per fetch (linked with
// WARC-Concurrent-To), or a revisit record (identical-payload-digest profile) when the payload
// was already written. Each record is one gzip member; files are named
// PREFIX-TIMESTAMP-SERIAL-HOST.warc.gz, written as "*.open" and renamed when closed, and rotated
// at max_file_bytes. Target URIs are written percent-encoded (util::PercentEncodeUri): a URL with
// raw non-ASCII bytes is not a URI, and pywb and wabac.js fail on it. Not thread-safe; move-only.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace storage {

struct WarcWriterOptions {
  std::string directory;
  std::string prefix = "newsarc";
  uint64_t max_file_bytes = 1'000'000'000;  // rotate before a record would start past this
  std::string software;                     // "newsarc/0.1.0"
  std::string user_agent;                   // the crawler's User-Agent, for warcinfo
  std::optional<std::string> operator_contact;
  std::optional<std::string> description;  // warcinfo "description" field
};

// One HTTP exchange as the fetcher saw it.
struct WarcExchange {
  std::string target_uri;
  std::string ip_address;
  std::chrono::system_clock::time_point date;
  std::string request_head;   // request line + headers, ending with CRLF CRLF
  std::string request_body;   // a POST's body as sent after the head (empty for a GET)
  std::string response_head;  // status line + headers, ending with CRLF CRLF
  std::string payload;        // entity body as transferred, transfer coding (chunks) removed
  bool truncated = false;     // the payload was cut at the body cap (WARC-Truncated: length)
};

struct WarcWriteResult {
  std::string file;        // final file name (without ".open")
  uint64_t offset = 0;     // offset of the response/revisit record's gzip member
  uint64_t length = 0;     // that member's length in bytes
  std::string target_uri;  // WARC-Target-URI as written (percent-encoded)
  std::string record_id;
  std::string payload_digest;
  bool revisit = false;
};

// What Open made of the ".open" files a killed run left in the directory.
struct WarcRecovery {
  std::vector<std::string> finished;  // cut to their last whole record and renamed
  std::vector<std::string> removed;   // held no whole record
};

class WarcWriter {
 public:
  // Creates the directory when missing (as wget --warc-file creates its file), then finishes
  // what a killed run left there: each "*.warc.gz.open" file is cut to its last whole gzip
  // member and renamed without ".open", or removed when it holds none; `recovery`, when given,
  // says which. Then starts a new file.
  static util::Result<WarcWriter> Open(WarcWriterOptions options, WarcRecovery* recovery = nullptr);
  WarcWriter(WarcWriter&& other) noexcept;
  WarcWriter& operator=(WarcWriter&&) = delete;
  WarcWriter(const WarcWriter&) = delete;
  WarcWriter& operator=(const WarcWriter&) = delete;
  ~WarcWriter();  // closes (renames) the current file

  // Writes the request and response (or revisit) records of one exchange.
  util::Result<WarcWriteResult> Write(const WarcExchange& exchange);

  // Payload digests known from earlier runs (e.g. the archive's captures): their first
  // capture's URI (percent-encoded here) and date, so that unchanged payloads become revisit
  // records.
  void RememberPayload(const std::string& digest, const std::string& uri,
                       const std::string& warc_date);

  util::Result<void> Close();
  const std::vector<std::string>& files() const { return files_; }

 private:
  // Write()'s records, which may fail part way; Write() then cuts the file back.
  util::Result<WarcWriteResult> WriteExchange(const WarcExchange& exchange);
  // Drops what was written from `offset` on (buffered or on disk).
  void DiscardFrom(uint64_t offset);
  explicit WarcWriter(WarcWriterOptions options) : options_(std::move(options)) {}
  util::Result<void> StartFile();
  util::Result<uint64_t> WriteRecord(const std::string& header, const std::string& block_head,
                                     const std::string& block_tail);

  struct Seen {
    std::string uri;
    std::string date;
  };
  WarcWriterOptions options_;
  std::FILE* file_ = nullptr;
  std::string current_path_;  // with ".open"
  uint64_t current_size_ = 0;
  int exchanges_in_file_ = 0;
  int serial_ = 0;
  std::vector<std::string> files_;
  std::map<std::string, Seen> seen_payloads_;
};

// The response head as stored: "Transfer-Encoding: chunked" renamed, since the stored payload is
// de-chunked (exposed for tests).
std::string WarcResponseHead(const std::string& response_head);

}  // namespace storage
