#include "storage/warc_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace storage {
namespace {

constexpr size_t kReadChunk = 256 * 1024;
// Longest WARC header block accepted before the record is declared damaged.
constexpr size_t kMaxHeaderBytes = 1 << 20;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

std::string WarcRecord::TargetUri() const {
  std::string uri = Header("warc-target-uri");
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>')
    uri = uri.substr(1, uri.size() - 2);
  return uri;
}

// Decompressed bytes of the file with their source offsets: gzip members are inflated one after
// another (a corrupt member is reported and skipped to the next gzip magic); a plain file is
// passed through.
struct WarcReader::Source {
  std::FILE* file = nullptr;
  std::string path;
  bool gzip = false;
  std::string raw;          // compressed (or plain) bytes read but not consumed
  uint64_t raw_offset = 0;  // file offset of raw[0]
  bool eof = false;
  std::string out;                 // decompressed bytes not yet consumed by the record parser
  uint64_t out_member_offset = 0;  // member offset of out[0]'s member
  z_stream z{};
  bool in_member = false;
  uint64_t member_offset = 0;
  std::vector<WarcDamage>* damage = nullptr;

  ~Source() {
    if (in_member) inflateEnd(&z);
    if (file != nullptr) std::fclose(file);
  }

  bool FillRaw() {
    if (eof) return false;
    char buf[kReadChunk];
    size_t n = std::fread(buf, 1, sizeof buf, file);
    if (n == 0) {
      eof = true;
      return false;
    }
    raw.append(buf, n);
    return true;
  }

  // Appends at least some decompressed bytes to `out`; false at the end of the file.
  bool Produce() {
    if (!gzip) {
      if (raw.empty() && !FillRaw()) return false;
      if (out.empty()) out_member_offset = raw_offset;
      out += raw;
      raw_offset += raw.size();
      raw.clear();
      return true;
    }
    while (true) {
      if (raw.empty() && !FillRaw()) {
        if (in_member) {
          damage->push_back({member_offset, "gzip member truncated at the end of the file"});
          inflateEnd(&z);
          in_member = false;
        }
        return false;
      }
      if (!in_member) {
        // Find the next gzip member; anything before it is garbage.
        size_t magic = raw.find("\x1f\x8b\x08");
        if (magic == std::string::npos) {
          if (raw.size() > 2) {
            damage->push_back({raw_offset, "bytes that are not a gzip member"});
            raw_offset += raw.size() - 2;
            raw.erase(0, raw.size() - 2);
          }
          if (!FillRaw()) {
            raw.clear();
            return false;
          }
          continue;
        }
        if (magic > 0) {
          damage->push_back({raw_offset, "bytes that are not a gzip member"});
          raw_offset += magic;
          raw.erase(0, magic);
        }
        z = z_stream{};
        inflateInit2(&z, 15 + 16);
        in_member = true;
        member_offset = raw_offset;
        if (out.empty()) out_member_offset = member_offset;
      }
      z.next_in = reinterpret_cast<Bytef*>(raw.data());
      z.avail_in = static_cast<uInt>(raw.size());
      char buf[kReadChunk];
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      int rc = inflate(&z, Z_NO_FLUSH);
      size_t consumed = raw.size() - z.avail_in;
      size_t produced = sizeof buf - z.avail_out;
      raw.erase(0, consumed);
      raw_offset += consumed;
      out.append(buf, produced);
      if (rc == Z_STREAM_END) {
        inflateEnd(&z);
        in_member = false;
        return true;
      }
      if (rc == Z_OK || (rc == Z_BUF_ERROR && z.avail_in == 0)) {
        if (produced > 0) return true;
        continue;
      }
      // Corrupt member: report, skip one byte past its start and look for the next member.
      damage->push_back({member_offset, "corrupt gzip member (" +
                                            std::string(z.msg ? z.msg : "inflate error") + ")"});
      inflateEnd(&z);
      in_member = false;
      out.clear();  // partial output of a damaged member is not trusted
      if (raw_offset == member_offset && !raw.empty()) {
        raw.erase(0, 1);
        raw_offset += 1;
      }
    }
  }

  // Ensures `out` holds at least n bytes; false if the file ends first.
  bool Need(size_t n) {
    while (out.size() < n) {
      if (!Produce()) return false;
    }
    return true;
  }
};

WarcReader::WarcReader() = default;
WarcReader::WarcReader(WarcReader&&) noexcept = default;
WarcReader& WarcReader::operator=(WarcReader&&) noexcept = default;
WarcReader::~WarcReader() = default;

util::Result<WarcReader> WarcReader::Open(const std::string& path) {
  WarcReader reader;
  reader.source_ = std::make_unique<Source>();
  Source& s = *reader.source_;
  s.path = path;
  s.file = std::fopen(path.c_str(), "rb");
  if (s.file == nullptr) {
    return util::MakeError(util::ErrorCode::kIo, path + ": cannot open: " + std::strerror(errno));
  }
  s.FillRaw();
  s.gzip = s.raw.size() >= 2 && static_cast<unsigned char>(s.raw[0]) == 0x1f &&
           static_cast<unsigned char>(s.raw[1]) == 0x8b;
  if (!s.gzip && s.raw.rfind("WARC/", 0) != 0) {
    return util::MakeError(util::ErrorCode::kParse, path + ": not a WARC file");
  }
  return reader;
}

std::optional<WarcRecord> WarcReader::Next() {
  Source& s = *source_;
  s.damage = &damage_;
  while (true) {
    // Skip blank lines between records.
    while (true) {
      if (!s.Need(1)) return std::nullopt;
      size_t skip = s.out.find_first_not_of("\r\n");
      if (skip == std::string::npos) {
        s.out.clear();
        continue;
      }
      s.out.erase(0, skip);
      break;
    }
    uint64_t offset = s.out_member_offset;
    if (!s.Need(5) || s.out.compare(0, 5, "WARC/") != 0) {
      if (s.out.empty()) return std::nullopt;
      damage_.push_back({offset, "expected a WARC record header"});
      // Resynchronise at the next "WARC/" at a line start.
      size_t next = s.out.find("\nWARC/");
      if (next == std::string::npos) {
        s.out.clear();
        continue;
      }
      s.out.erase(0, next + 1);
      continue;
    }
    size_t header_end;
    while ((header_end = s.out.find("\r\n\r\n")) == std::string::npos) {
      if (s.out.size() > kMaxHeaderBytes || !s.Produce()) {
        damage_.push_back({offset, "WARC record header not terminated"});
        s.out.erase(0, 5);
        header_end = std::string::npos;
        break;
      }
    }
    if (header_end == std::string::npos) continue;
    WarcRecord record;
    record.offset = offset;
    std::string head = s.out.substr(0, header_end);
    size_t line_end = head.find("\r\n");
    record.version = head.substr(0, line_end);
    size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      size_t e = head.find("\r\n", pos);
      if (e == std::string::npos) e = head.size();
      std::string line = head.substr(pos, e - pos);
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        record.headers[Lower(Trim(line.substr(0, colon)))] = Trim(line.substr(colon + 1));
      }
      pos = e + 2;
    }
    std::string length_text = record.Header("content-length");
    char* end = nullptr;
    unsigned long long length = std::strtoull(length_text.c_str(), &end, 10);
    if (length_text.empty() || end == nullptr || *end != '\0') {
      damage_.push_back({offset, "WARC record without a valid Content-Length"});
      s.out.erase(0, header_end + 4);
      continue;
    }
    size_t block_start = header_end + 4;
    if (!s.Need(block_start + length)) {
      damage_.push_back({offset, "WARC record truncated (block shorter than Content-Length)"});
      s.out.clear();
      return std::nullopt;
    }
    record.block = s.out.substr(block_start, length);
    s.out.erase(0, block_start + length);
    return record;
  }
}

std::optional<std::string> HttpMessage::HeaderValue(const std::string& name) const {
  std::string lower = Lower(name);
  for (const auto& [k, v] : headers) {
    if (Lower(k) == lower) return v;
  }
  return std::nullopt;
}

std::optional<HttpMessage> ParseHttpResponse(const std::string& block) {
  if (block.rfind("HTTP/", 0) != 0) return std::nullopt;
  size_t head_end = block.find("\r\n\r\n");
  size_t sep = 4;
  if (head_end == std::string::npos) {
    head_end = block.find("\n\n");
    sep = 2;
    if (head_end == std::string::npos) {
      head_end = block.size();
      sep = 0;
    }
  }
  HttpMessage m;
  std::string head = block.substr(0, head_end);
  size_t line_end = head.find('\n');
  std::string status_line = head.substr(0, line_end);
  size_t sp = status_line.find(' ');
  if (sp == std::string::npos) return std::nullopt;
  m.status = std::atoi(status_line.c_str() + sp + 1);
  size_t pos = line_end == std::string::npos ? head.size() : line_end + 1;
  while (pos < head.size()) {
    size_t e = head.find('\n', pos);
    if (e == std::string::npos) e = head.size();
    std::string line = Trim(head.substr(pos, e - pos));
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      m.headers.emplace_back(Trim(line.substr(0, colon)), Trim(line.substr(colon + 1)));
    }
    pos = e + 1;
  }
  std::string body = block.substr(std::min(block.size(), head_end + sep));
  auto te = m.HeaderValue("transfer-encoding");
  if (te && Lower(*te).find("chunked") != std::string::npos) {
    // De-chunk (RFC 9112 §7.1); a malformed chunk stream keeps what was decoded so far.
    std::string plain;
    size_t p = 0;
    while (p < body.size()) {
      size_t eol = body.find("\r\n", p);
      if (eol == std::string::npos) break;
      unsigned long size = std::strtoul(body.substr(p, eol - p).c_str(), nullptr, 16);
      p = eol + 2;
      if (size == 0 || p + size > body.size()) break;
      plain.append(body, p, size);
      p += size + 2;
    }
    body = std::move(plain);
  }
  m.body = std::move(body);
  return m;
}

}  // namespace storage
