// A WarcReader reads the records of a WARC file (0.x/1.0/1.1; gzip per record, gzip over the
// whole file, or uncompressed), as written by newsarc, wget or Heritrix. A damaged stretch
// (corrupt gzip member, bad record header, truncated block) is reported with its offset and
// skipped: reading resumes at the next record. Owns its file; move-only; not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace storage {

struct WarcRecord {
  uint64_t offset = 0;  // file offset of the gzip member (or plain record) it starts in
  std::string version;  // "WARC/1.1"
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string block;

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string Type() const { return Header("warc-type"); }
  // WARC-Target-URI without the angle brackets some writers (WARC 1.0 examples) put around it.
  std::string TargetUri() const;
};

struct WarcDamage {
  uint64_t offset = 0;
  std::string message;
};

class WarcReader {
 public:
  static util::Result<WarcReader> Open(const std::string& path);
  WarcReader(WarcReader&&) noexcept;
  WarcReader& operator=(WarcReader&&) noexcept;
  ~WarcReader();

  // The next well-formed record, or nullopt at the end of the file.
  std::optional<WarcRecord> Next();
  const std::vector<WarcDamage>& damage() const { return damage_; }

 private:
  WarcReader();
  struct Source;
  std::unique_ptr<Source> source_;
  std::vector<WarcDamage> damage_;
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
