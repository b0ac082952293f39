// A WarcReader reads the records of a WARC file (0.x/1.0/1.1; gzip per record, gzip over the
// whole file, or uncompressed), as written by newsarc, wget or Heritrix. A damaged stretch
// (corrupt gzip member, bad record header, a Content-Length that does not end at the record's
// end) is reported with its offset and skipped: reading resumes at the next line starting
// "WARC/1." (or 0.x) or the next gzip member, so a lying record never takes its neighbours.
// Memory is bounded whatever the file says: at most max_block_bytes of one block, a record
// header of at most 1 MiB and a read window of a few hundred KiB.
// Owns its file; move-only; not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace storage {

// Bytes of an oversized block kept for its reader: enough for the HTTP head.
inline constexpr size_t kWarcBlockPrefixBytes = 64 * 1024;

struct WarcReaderOptions {
  // Longest record block held in memory. A well-formed record with a longer block is read
  // through without being held, and comes back with block_truncated set.
  uint64_t max_block_bytes = 64u << 20;
};

struct WarcRecord {
  // File offset of the record's first byte; in a gzip file, of the gzip member it starts in.
  uint64_t offset = 0;
  std::string version;                         // "WARC/1.1"
  std::map<std::string, std::string> headers;  // names lower-cased
  // The whole block, or when block_truncated its first kWarcBlockPrefixBytes (at most
  // max_block_bytes).
  std::string block;
  uint64_t block_bytes = 0;      // length of the whole block (its Content-Length)
  bool block_truncated = false;  // block_bytes > WarcReaderOptions::max_block_bytes

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string Type() const { return Header("warc-type"); }
  // WARC-Target-URI without the angle brackets some writers (WARC 1.0 examples) put around it.
  std::string TargetUri() const;
};

// One damaged stretch, reported once. `offset` is in the same terms as WarcRecord::offset.
struct WarcDamage {
  uint64_t offset = 0;
  std::string message;
};

class WarcReader {
 public:
  // Fails with kIo when the file cannot be opened, kParse when it is not a WARC file (an empty
  // file is not one).
  static util::Result<WarcReader> Open(const std::string& path, WarcReaderOptions options = {});
  WarcReader(WarcReader&&) noexcept;
  WarcReader& operator=(WarcReader&&) noexcept;
  ~WarcReader();

  // The next well-formed record, or nullopt at the end of the file.
  std::optional<WarcRecord> Next();
  // Damage met so far, in the order it was found.
  const std::vector<WarcDamage>& damage() const;

 private:
  WarcReader();
  struct Source;
  std::unique_ptr<Source> source_;
};

// An HTTP message split from a response record's block.
struct HttpMessage {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // as written
  std::string body;  // transfer coding (chunked) removed; content coding left as is

  std::optional<std::string> HeaderValue(const std::string& name) const;  // case-insensitive
};

// Parses "HTTP/1.1 200 OK\r\n...\r\n\r\nbody"; de-chunks a chunked body. nullopt when the block
// is not an HTTP response.
std::optional<HttpMessage> ParseHttpResponse(const std::string& block);

}  // namespace storage
