#include "storage/warc_reader.h"

#include <sys/types.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string_view>

namespace storage {
namespace {

// Compressed bytes read, and decompressed bytes produced, per step.
constexpr size_t kReadChunk = 256 * 1024;

// Appends up to kReadChunk bytes of `file` to `buffer`; returns how many (0 at its end).
size_t AppendChunk(std::FILE* file, std::string& buffer) {
  size_t old = buffer.size();
  buffer.resize(old + kReadChunk);
  size_t n = std::fread(buffer.data() + old, 1, kReadChunk, file);
  buffer.resize(old + n);
  return n;
}
// Longest WARC header block accepted before the record is declared damaged.
constexpr uint64_t kMaxHeaderBytes = 1 << 20;
// A Content-Length above this is a lie whatever the file: it keeps position sums from overflowing.
constexpr uint64_t kMaxContentLength = uint64_t{1} << 60;
constexpr uint64_t kNoPos = UINT64_MAX;
// WARC 1.1 §4: a record is its header, "\r\n", the block, then "\r\n\r\n".
constexpr std::string_view kRecordEnd = "\r\n\r\n";
// RFC 1952 §2.3.1: ID1 ID2 and CM = 8 (deflate) open every gzip member.
constexpr std::string_view kGzipMagic = "\x1f\x8b\x08";

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

// The decompressed bytes of a WARC file as a window sliding over a stream. Every byte has a
// stream position, counted from 0; in a plain file it is the byte's file offset. In a gzip file
// the members are inflated one after another, and where each one starts is kept as a Boundary:
// it maps positions back to member offsets, and it is a place a record must not run across.
// A corrupt or truncated member is reported once, and the stream goes on at the next member.
class InflatedStream {
 public:
  struct Boundary {
    uint64_t pos = 0;          // stream position where a member starts (or the stream ends)
    uint64_t file_offset = 0;  // file offset of that member
    bool damaged = false;      // the bytes before `pos` end a damaged member (already reported)
  };

  InflatedStream(std::FILE* file, bool gzip, std::vector<WarcDamage>* damage)
      : file_(file), gzip_(gzip), damage_(damage) {}
  InflatedStream(const InflatedStream&) = delete;
  InflatedStream& operator=(const InflatedStream&) = delete;
  ~InflatedStream() {
    if (in_member_) inflateEnd(&z_);
    std::fclose(file_);
  }

  uint64_t begin() const { return out_pos_; }
  uint64_t end() const { return out_pos_ + out_.size(); }
  bool eof() const { return eof_; }
  bool gzip() const { return gzip_; }
  char At(uint64_t pos) const { return out_[pos - out_pos_]; }
  // REQUIRES: begin() <= from <= to <= end().
  std::string_view View(uint64_t from, uint64_t to) const {
    return std::string_view(out_).substr(from - out_pos_, to - from);
  }
  // First position >= from of `needle` wholly in the window, or kNoPos.
  uint64_t Find(std::string_view needle, uint64_t from) const {
    size_t i = std::string_view(out_).find(needle, std::max(from, out_pos_) - out_pos_);
    return i == std::string_view::npos ? kNoPos : out_pos_ + i;
  }

  // Drops the window's bytes before `pos`. A window that grew to hold a large block gives its
  // memory back once most of it is dropped (a 9 MB page left 16 MB held, issue #17).
  void DiscardTo(uint64_t pos) {
    size_t n = static_cast<size_t>(std::min(pos, end()) - std::min(pos, out_pos_));
    out_.erase(0, n);
    out_pos_ += n;
    if (out_.capacity() > 4 * kReadChunk && out_.size() < out_.capacity() / 4) out_.shrink_to_fit();
  }

  // Appends the next decompressed bytes to the window; false (and eof()) at the end of the file.
  bool Fill() {
    if (eof_) return false;
    if (!gzip_) {
      size_t n = AppendChunk(file_, out_);
      if (n == 0) eof_ = true;
      return n > 0;
    }
    while (true) {
      if (!in_member_ && !StartMember()) {
        eof_ = true;
        return false;
      }
      if (raw_.empty() && !ReadRaw()) {
        if (!member_follows_damage_ || z_.total_out > 0) {
          Report(member_offset_, "gzip member truncated at the end of the file");
        }
        EndMember();
        boundaries_.push_back({end(), raw_offset_, true});
        eof_ = true;
        return false;
      }
      z_.next_in = reinterpret_cast<Bytef*>(raw_.data());
      z_.avail_in = static_cast<uInt>(raw_.size());
      size_t old = out_.size();
      out_.resize(old + kReadChunk);
      z_.next_out = reinterpret_cast<Bytef*>(out_.data() + old);
      z_.avail_out = static_cast<uInt>(kReadChunk);
      int rc = inflate(&z_, Z_NO_FLUSH);
      size_t produced = kReadChunk - z_.avail_out;
      out_.resize(old + produced);
      size_t consumed = raw_.size() - z_.avail_in;
      raw_.erase(0, consumed);
      raw_offset_ += consumed;
      if (rc == Z_STREAM_END) {
        EndMember();
      } else if (rc != Z_OK && !(rc == Z_BUF_ERROR && z_.avail_in == 0)) {
        // Right after a damaged member, a "member" that fails before giving a byte is most
        // likely magic bytes inside the damaged one's data: the same stretch, reported once.
        if (!member_follows_damage_ || z_.total_out > 0) {
          Report(member_offset_,
                 "corrupt gzip member (" + std::string(z_.msg ? z_.msg : "inflate error") + ")");
        }
        EndMember();
        after_damage_ = true;
        // inflate may have read into the next member before noticing: look for it from the
        // byte after this member's start.
        SeekRaw(member_offset_ + 1);
      }
      if (produced > 0) return true;
    }
  }

  // Fills until the window reaches `pos`; false if the file ends first.
  bool FillTo(uint64_t pos) {
    while (end() < pos) {
      if (!Fill()) return false;
    }
    return true;
  }

  // First boundary with after < pos <= through, or nullptr.
  const Boundary* FirstBoundaryIn(uint64_t after, uint64_t through) const {
    for (const Boundary& b : boundaries_) {
      if (b.pos > after && b.pos <= through) return &b;
      if (b.pos > through) break;
    }
    return nullptr;
  }
  bool DamagedBoundaryIn(uint64_t after, uint64_t through) const {
    for (const Boundary& b : boundaries_) {
      if (b.pos > after && b.pos <= through && b.damaged) return true;
      if (b.pos > through) break;
    }
    return false;
  }
  const Boundary* FirstBoundaryFrom(uint64_t from) const {
    for (const Boundary& b : boundaries_) {
      if (b.pos >= from) return &b;
    }
    return nullptr;
  }

  // File offset reported for a record starting at `pos`: its own in a plain file, its
  // member's in a gzip file.
  uint64_t OffsetOf(uint64_t pos) const {
    if (!gzip_) return pos;
    uint64_t offset = 0;
    for (const Boundary& b : boundaries_) {
      if (b.pos > pos) break;
      offset = b.file_offset;
    }
    return offset;
  }

  // Forgets the boundaries before the member holding `pos`.
  void Prune(uint64_t pos) {
    size_t keep = 0;
    while (keep + 1 < boundaries_.size() && boundaries_[keep + 1].pos <= pos) ++keep;
    boundaries_.erase(boundaries_.begin(), boundaries_.begin() + static_cast<ptrdiff_t>(keep));
  }

  // Moves the window back to start at `pos`, which was read before and whose member has not
  // been pruned: a plain file seeks there, a gzip file inflates its member again up to it.
  // Damage found again on the way is not reported twice.
  void Rewind(uint64_t pos) {
    out_.clear();
    eof_ = false;
    if (!gzip_) {
      SeekRaw(pos);
      out_pos_ = pos;
      return;
    }
    auto it = boundaries_.begin();
    while (it + 1 != boundaries_.end() && (it + 1)->pos <= pos) ++it;
    Boundary member = *it;
    boundaries_.erase(it, boundaries_.end());
    EndMember();
    SeekRaw(member.file_offset);
    out_pos_ = member.pos;
    after_damage_ = member.damaged;
    garbage_offset_.reset();
    while (end() < pos && Fill()) DiscardTo(pos);
    DiscardTo(pos);
  }

 private:
  void Report(uint64_t offset, std::string message) {
    if (offset < next_report_offset_) return;  // found again after a Rewind
    damage_->push_back({offset, std::move(message)});
    next_report_offset_ = offset + 1;
  }

  bool ReadRaw() {
    if (raw_eof_) return false;
    size_t n = AppendChunk(file_, raw_);
    if (n == 0) raw_eof_ = true;
    return n > 0;
  }

  void SeekRaw(uint64_t offset) {
    fseeko(file_, static_cast<off_t>(offset), SEEK_SET);
    raw_.clear();
    raw_offset_ = offset;
    raw_eof_ = false;
  }

  void EndMember() {
    if (in_member_) inflateEnd(&z_);
    in_member_ = false;
  }

  // Bytes between members that are not a member: one damage per stretch, none when they are
  // the rest of a damaged member.
  void EndGarbage() {
    if (garbage_offset_ && !after_damage_) {
      Report(*garbage_offset_, "bytes that are not a gzip member");
    }
    garbage_offset_.reset();
  }

  // Finds the next gzip member and starts inflating it; false at the end of the file.
  bool StartMember() {
    while (true) {
      size_t magic = raw_.find(kGzipMagic);
      if (magic == std::string::npos) {
        // Keep a possible start of the magic.
        size_t drop = raw_.size() > 2 ? raw_.size() - 2 : 0;
        if (drop > 0 && !garbage_offset_) garbage_offset_ = raw_offset_;
        raw_.erase(0, drop);
        raw_offset_ += drop;
        if (!ReadRaw()) {
          if (!raw_.empty() && !garbage_offset_) garbage_offset_ = raw_offset_;
          EndGarbage();
          if (after_damage_) boundaries_.push_back({end(), raw_offset_ + raw_.size(), true});
          after_damage_ = false;
          raw_offset_ += raw_.size();
          raw_.clear();
          return false;
        }
        continue;
      }
      if (magic > 0 && !garbage_offset_) garbage_offset_ = raw_offset_;
      raw_.erase(0, magic);
      raw_offset_ += magic;
      EndGarbage();
      z_ = z_stream{};
      inflateInit2(&z_, 15 + 16);
      in_member_ = true;
      member_offset_ = raw_offset_;
      boundaries_.push_back({end(), member_offset_, after_damage_});
      member_follows_damage_ = after_damage_;
      after_damage_ = false;
      return true;
    }
  }

  std::FILE* file_;
  bool gzip_;
  std::vector<WarcDamage>* damage_;

  std::string out_;       // the window
  uint64_t out_pos_ = 0;  // stream position of out_[0]
  bool eof_ = false;
  std::vector<Boundary> boundaries_;  // by position

  std::string raw_;          // compressed bytes read but not inflated
  uint64_t raw_offset_ = 0;  // file offset of raw_[0]
  bool raw_eof_ = false;
  z_stream z_{};
  bool in_member_ = false;
  uint64_t member_offset_ = 0;
  bool after_damage_ = false;  // the last member was damaged: its boundary says so
  bool member_follows_damage_ = false;
  std::optional<uint64_t> garbage_offset_;
  uint64_t next_report_offset_ = 0;
};

bool IsRecordEndPrefix(std::string_view tail) {
  return tail.size() <= kRecordEnd.size() && kRecordEnd.substr(0, tail.size()) == tail;
}

}  // namespace

std::string WarcRecord::TargetUri() const {
  std::string uri = Header("warc-target-uri");
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>')
    uri = uri.substr(1, uri.size() - 2);
  return uri;
}

// The record parser over an InflatedStream. Each record is checked against its framing: the
// block must be followed by the record end, inside the same gzip member. When it is not, the
// Content-Length lied (or the file was cut): the record is reported and the search for the
// next record starts again right after its header, so the record it swallowed is kept.
struct WarcReader::Source {
  Source(std::FILE* file, bool gzip, uint64_t size, WarcReaderOptions o)
      : stream(file, gzip, &damage), file_size(size), options(o) {}

  std::vector<WarcDamage> damage;
  InflatedStream stream;
  uint64_t file_size;  // when opened
  WarcReaderOptions options;

  std::optional<WarcRecord> Next();

 private:
  enum class Framing { kWhole, kDamagedMember, kCutByMember, kCutByEof, kNoRecordEnd };

  void Damage(uint64_t record_start, std::string message) {
    damage.push_back({stream.OffsetOf(record_start), std::move(message)});
  }
  bool SkipBlankLines();
  uint64_t FindRecordStart(uint64_t from, uint64_t to) const;
  uint64_t Resync(uint64_t from);
  // Whether the window holds enough to judge the record's framing: its bytes up to the
  // record end (and in gzip one more), or a member boundary or the end of the file before.
  bool FramingDecided(uint64_t start, uint64_t block_end) const;
  Framing CheckFraming(uint64_t start, uint64_t block_end, uint64_t* stop) const;
  std::optional<WarcRecord> ReadBlock(WarcRecord record, uint64_t start, uint64_t block_start);
  std::optional<WarcRecord> ReadOversizedBlock(WarcRecord record, uint64_t start,
                                               uint64_t block_start);
  void ReportFraming(Framing framing, uint64_t start, uint64_t length);
};

bool WarcReader::Source::SkipBlankLines() {
  while (true) {
    if (stream.begin() == stream.end() && !stream.Fill()) return false;
    uint64_t pos = stream.begin();
    while (pos < stream.end() && (stream.At(pos) == '\r' || stream.At(pos) == '\n')) ++pos;
    stream.DiscardTo(pos);
    if (pos < stream.end()) return true;
  }
}

// A record can start at q when the line starts there with "WARC/<digit>.".
// REQUIRES: from > stream.begin().
uint64_t WarcReader::Source::FindRecordStart(uint64_t from, uint64_t to) const {
  uint64_t newline = from - 1;
  while (true) {
    newline = stream.Find("\nWARC/", newline);
    if (newline == kNoPos || newline + 1 >= to) return kNoPos;
    uint64_t q = newline + 1;
    if (q + 7 <= stream.end() && std::isdigit(static_cast<unsigned char>(stream.At(q + 5))) &&
        stream.At(q + 6) == '.') {
      return q;
    }
    newline = q;
  }
}

// Drops the bytes before the next place at or after `from` where a record can start: a line
// starting "WARC/1." (or 0.x), or the start of a gzip member. Returns that position (the end of
// the stream when there is none). Holds one read window at a time.
// REQUIRES: from > stream.begin().
uint64_t WarcReader::Source::Resync(uint64_t from) {
  uint64_t scanned = from;
  while (true) {
    const InflatedStream::Boundary* b = stream.FirstBoundaryFrom(from);
    // The last 7 bytes may be the start of a match that the next read completes.
    uint64_t avail = stream.eof() ? stream.end() : std::max(stream.end(), uint64_t{7}) - 7;
    uint64_t scan_to = b ? std::min(b->pos, avail) : avail;
    if (scan_to > scanned) {
      uint64_t q = FindRecordStart(scanned, scan_to);
      if (q != kNoPos) {
        stream.DiscardTo(q);
        return q;
      }
      scanned = scan_to;
    }
    if (b && scanned >= b->pos) {
      stream.DiscardTo(b->pos);
      return b->pos;
    }
    if (stream.eof()) {
      stream.DiscardTo(stream.end());
      return stream.end();
    }
    stream.DiscardTo(scanned - 1);  // keep the byte before `scanned` for the line start test
    stream.Fill();
  }
}

bool WarcReader::Source::FramingDecided(uint64_t start, uint64_t block_end) const {
  if (stream.eof() || stream.FirstBoundaryIn(start, block_end + kRecordEnd.size())) return true;
  // In a gzip file, one byte more: reading it finishes the member, so a member that ends
  // damaged (a bad CRC) is known before its record is trusted.
  uint64_t need = block_end + kRecordEnd.size() + (stream.gzip() ? 1 : 0);
  return stream.end() >= need;
}

WarcReader::Source::Framing WarcReader::Source::CheckFraming(uint64_t start, uint64_t block_end,
                                                             uint64_t* stop) const {
  uint64_t record_end = block_end + kRecordEnd.size();
  const InflatedStream::Boundary* b = stream.FirstBoundaryIn(start, record_end);
  if (b != nullptr && b->pos == record_end && !b->damaged) b = nullptr;  // the member's end
  if (b != nullptr && b->damaged) {
    *stop = b->pos;
    return Framing::kDamagedMember;
  }
  *stop = b != nullptr ? b->pos : std::min(stream.end(), record_end);
  if (*stop < block_end) return b != nullptr ? Framing::kCutByMember : Framing::kCutByEof;
  if (!IsRecordEndPrefix(stream.View(block_end, *stop))) return Framing::kNoRecordEnd;
  // A record end cut short by the end of its member or file still closes a whole block.
  return Framing::kWhole;
}

void WarcReader::Source::ReportFraming(Framing framing, uint64_t start, uint64_t length) {
  std::string declared = "Content-Length " + std::to_string(length);
  switch (framing) {
    case Framing::kCutByMember:
      Damage(start, "WARC record runs past the end of its gzip member (" + declared + ")");
      break;
    case Framing::kCutByEof:
      Damage(start, "WARC record truncated (block shorter than " + declared + ")");
      break;
    case Framing::kNoRecordEnd:
      Damage(start, "WARC record block not followed by the record end (" + declared + ")");
      break;
    case Framing::kWhole:
    case Framing::kDamagedMember:  // reported by the stream
      break;
  }
}

std::optional<WarcRecord> WarcReader::Source::ReadBlock(WarcRecord record, uint64_t start,
                                                        uint64_t block_start) {
  uint64_t block_end = block_start + record.block_bytes;
  while (!FramingDecided(start, block_end) && stream.Fill()) {
  }
  uint64_t stop = 0;
  Framing framing = CheckFraming(start, block_end, &stop);
  if (framing == Framing::kWhole) {
    record.block = std::string(stream.View(block_start, block_end));
    stream.DiscardTo(stop);
    return record;
  }
  ReportFraming(framing, start, record.block_bytes);
  Resync(framing == Framing::kDamagedMember ? stop : block_start);
  return std::nullopt;
}

// A block over the cap is read through one window at a time, keeping its first bytes and the
// first place a record could start inside it. If the framing then fails, reading goes back to
// that place (a seek, or inflating the member again): memory stays bounded, and a huge lying
// Content-Length costs a second pass over the bytes it claimed, not the records it claimed.
std::optional<WarcRecord> WarcReader::Source::ReadOversizedBlock(WarcRecord record, uint64_t start,
                                                                 uint64_t block_start) {
  uint64_t block_end = block_start + record.block_bytes;
  uint64_t scanned = block_start;
  uint64_t first_candidate = kNoPos;
  uint64_t prefix_bytes = std::min<uint64_t>(kWarcBlockPrefixBytes, options.max_block_bytes);
  std::string prefix;
  while (true) {
    bool decided = FramingDecided(start, block_end);
    uint64_t avail = decided ? stream.end() : std::max(stream.end(), uint64_t{7}) - 7;
    uint64_t scan_to = std::min(block_end, avail);
    if (const auto* b = stream.FirstBoundaryIn(start, block_end))
      scan_to = std::min(scan_to, b->pos);
    if (scan_to > scanned) {
      uint64_t prefix_end = std::min(scan_to, block_start + prefix_bytes);
      if (prefix_end > scanned) prefix += stream.View(scanned, prefix_end);
      if (first_candidate == kNoPos) first_candidate = FindRecordStart(scanned, scan_to);
      scanned = scan_to;
    }
    if (decided) break;
    stream.DiscardTo(std::min(scanned - 1, block_end));
    stream.Fill();
  }
  uint64_t stop = 0;
  Framing framing = CheckFraming(start, block_end, &stop);
  if (framing == Framing::kWhole) {
    record.block = std::move(prefix);
    record.block_truncated = true;
    stream.DiscardTo(stop);
    return record;
  }
  ReportFraming(framing, start, record.block_bytes);
  if (framing == Framing::kDamagedMember) {
    Resync(stop);
  } else if (first_candidate != kNoPos) {
    stream.Rewind(first_candidate - 1);
    Resync(first_candidate);
  } else {
    Resync(scanned);
  }
  return std::nullopt;
}

std::optional<WarcRecord> WarcReader::Source::Next() {
  while (true) {
    if (!SkipBlankLines()) return std::nullopt;
    const uint64_t start = stream.begin();
    stream.Prune(start);
    stream.FillTo(start + 5);
    if (stream.end() < start + 5 || stream.View(start, start + 5) != "WARC/") {
      uint64_t next = Resync(start + 1);
      // Bytes left by a damaged member were reported with it.
      if (!stream.DamagedBoundaryIn(start, next)) Damage(start, "expected a WARC record header");
      continue;
    }
    uint64_t header_end = kNoPos;
    uint64_t searched = start;
    while (true) {
      uint64_t found = stream.Find(kRecordEnd, searched);
      if (found != kNoPos) {
        header_end = found;
        break;
      }
      searched = std::max(start, stream.end() - 3);
      if (stream.end() - start > kMaxHeaderBytes || !stream.Fill()) break;
    }
    if (header_end == kNoPos || header_end - start > kMaxHeaderBytes) {
      uint64_t next = Resync(start + 1);
      if (!stream.DamagedBoundaryIn(start, next)) {
        Damage(start, "WARC record header not terminated");
      }
      continue;
    }
    const uint64_t block_start = header_end + kRecordEnd.size();
    if (const auto* b = stream.FirstBoundaryIn(start, header_end)) {
      if (!b->damaged) Damage(start, "WARC record header runs past the end of its gzip member");
      Resync(b->pos);
      continue;
    }

    WarcRecord record;
    record.offset = stream.OffsetOf(start);
    std::string head(stream.View(start, header_end));
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
    errno = 0;
    unsigned long long length = std::strtoull(length_text.c_str(), &end, 10);
    if (length_text.empty() || !std::isdigit(static_cast<unsigned char>(length_text[0])) ||
        end == nullptr || *end != '\0' || errno == ERANGE) {
      Damage(start, "WARC record without a valid Content-Length");
      Resync(block_start);
      continue;
    }
    // A length past any real file is still read as over the cap: its framing check fails at
    // the end of the file and reading resumes inside the bytes it claimed.
    record.block_bytes = std::min<uint64_t>(length, kMaxContentLength);
    if (!stream.gzip() && block_start + record.block_bytes > file_size) {
      // Past the end of a plain file: no need to read what it claims to know it lies.
      ReportFraming(Framing::kCutByEof, start, length);
      Resync(block_start);
      continue;
    }
    std::optional<WarcRecord> read =
        record.block_bytes <= options.max_block_bytes
            ? ReadBlock(std::move(record), start, block_start)
            : ReadOversizedBlock(std::move(record), start, block_start);
    if (read) return read;
  }
}

WarcReader::WarcReader() = default;
WarcReader::WarcReader(WarcReader&&) noexcept = default;
WarcReader& WarcReader::operator=(WarcReader&&) noexcept = default;
WarcReader::~WarcReader() = default;

util::Result<WarcReader> WarcReader::Open(const std::string& path, WarcReaderOptions options) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return util::MakeError(util::ErrorCode::kIo, path + ": cannot open: " + std::strerror(errno));
  }
  char magic[5] = {};
  size_t n = std::fread(magic, 1, sizeof magic, file);
  fseeko(file, 0, SEEK_END);
  uint64_t size = static_cast<uint64_t>(std::max<off_t>(ftello(file), 0));
  std::rewind(file);
  bool gzip = n >= 2 && static_cast<unsigned char>(magic[0]) == 0x1f &&
              static_cast<unsigned char>(magic[1]) == 0x8b;
  if (!gzip && std::string_view(magic, n) != "WARC/") {
    std::fclose(file);
    return util::MakeError(util::ErrorCode::kParse, path + ": not a WARC file");
  }
  WarcReader reader;
  reader.source_ = std::make_unique<Source>(file, gzip, size, options);
  return reader;
}

std::optional<WarcRecord> WarcReader::Next() { return source_->Next(); }

const std::vector<WarcDamage>& WarcReader::damage() const { return source_->damage; }

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
