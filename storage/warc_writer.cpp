#include "storage/warc_writer.h"

#include <stdio_ext.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "util/sha1.h"
#include "util/time_format.h"
#include "util/url.h"

namespace storage {
namespace {

// WARC-Date is an RFC 3339 UTC timestamp (WARC 1.1 §5.4).
std::string WarcDate(std::chrono::system_clock::time_point t) { return util::FormatUtc(t); }

std::string FileTimestamp() {
  std::time_t tt = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &tm);
  return buf;
}

std::string HostName() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "localhost";
  return buf;
}

// Compresses one record as a complete gzip member.
std::string GzipMember(const std::string& a, const std::string& b, const std::string& c) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out;
  out.resize(deflateBound(&z, a.size() + b.size() + c.size()) + 64);
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const std::string* parts[] = {&a, &b, &c};
  for (int i = 0; i < 3; ++i) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(parts[i]->data()));
    z.avail_in = static_cast<uInt>(parts[i]->size());
    deflate(&z, i == 2 ? Z_FINISH : Z_NO_FLUSH);
  }
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace

std::string WarcResponseHead(const std::string& head) {
  std::string out;
  size_t start = 0;
  while (start < head.size()) {
    size_t end = head.find("\r\n", start);
    if (end == std::string::npos) end = head.size();
    std::string line = head.substr(start, end - start);
    start = end + 2;
    if (line.empty()) continue;  // the blank line is re-added once at the end
    std::string lower = line;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower.rfind("transfer-encoding:", 0) == 0) line = "X-Newsarc-Orig-" + line;
    out += line;
    out += "\r\n";
  }
  return out + "\r\n";
}

namespace {

// The offset just past the last complete gzip member of `data` (0 when there is none).
uint64_t WholeGzipMembersEnd(const std::string& data) {
  uint64_t end = 0;
  while (end < data.size()) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) break;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + end));
    z.avail_in = static_cast<uInt>(std::min<uint64_t>(data.size() - end, UINT32_MAX));
    char buf[65536];
    int rc;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      rc = inflate(&z, Z_NO_FLUSH);
    } while (rc == Z_OK);
    uint64_t used = z.total_in;
    inflateEnd(&z);
    if (rc != Z_STREAM_END) break;
    end += used;
  }
  return end;
}

// A killed run's "*.warc.gz.open" files: cut to their whole members and renamed, or removed.
util::Result<void> FinishLeftovers(const std::string& directory, WarcRecovery* recovery) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    std::string path = entry.path().string();
    if (!entry.is_regular_file() || !path.ends_with(".warc.gz.open")) continue;
    std::ifstream in(path, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    uint64_t end = WholeGzipMembersEnd(data);
    if (end == 0) {
      std::filesystem::remove(path, ec);
      if (recovery != nullptr) recovery->removed.push_back(path);
      continue;
    }
    std::string final_path = path.substr(0, path.size() - 5);  // drop ".open"
    if (::truncate(path.c_str(), static_cast<off_t>(end)) != 0 ||
        std::rename(path.c_str(), final_path.c_str()) != 0) {
      return util::MakeError(
          util::ErrorCode::kIo,
          path + ": cannot finish a WARC file left by a killed run: " + std::strerror(errno));
    }
    if (recovery != nullptr) recovery->finished.push_back(final_path);
  }
  return {};
}

}  // namespace

util::Result<WarcWriter> WarcWriter::Open(WarcWriterOptions options, WarcRecovery* recovery) {
  if (options.directory.empty()) {
    return util::MakeError(util::ErrorCode::kUsage, "WARC directory is empty");
  }
  std::error_code ec;
  std::filesystem::create_directories(options.directory, ec);
  if (ec) {
    return util::MakeError(util::ErrorCode::kIo,
                           options.directory + ": cannot create WARC directory: " + ec.message());
  }
  if (access(options.directory.c_str(), W_OK) != 0) {
    return util::MakeError(
        util::ErrorCode::kIo,
        options.directory + ": WARC directory is not writable: " + std::strerror(errno));
  }
  TRY(FinishLeftovers(options.directory, recovery));
  WarcWriter writer(std::move(options));
  TRY(writer.StartFile());
  return writer;
}

WarcWriter::WarcWriter(WarcWriter&& o) noexcept
    : options_(std::move(o.options_)),
      file_(std::exchange(o.file_, nullptr)),
      current_path_(std::move(o.current_path_)),
      current_size_(o.current_size_),
      exchanges_in_file_(o.exchanges_in_file_),
      serial_(o.serial_),
      files_(std::move(o.files_)),
      seen_payloads_(std::move(o.seen_payloads_)) {}

WarcWriter::~WarcWriter() { (void)Close(); }

util::Result<void> WarcWriter::Close() {
  if (file_ == nullptr) return {};
  bool ok = std::fflush(file_) == 0 && fsync(fileno(file_)) == 0;
  ok = std::fclose(file_) == 0 && ok;
  file_ = nullptr;
  std::string final_path = current_path_.substr(0, current_path_.size() - 5);  // drop ".open"
  if (!ok || std::rename(current_path_.c_str(), final_path.c_str()) != 0) {
    return util::MakeError(util::ErrorCode::kIo, current_path_ + ": cannot finish WARC file");
  }
  return {};
}

util::Result<void> WarcWriter::StartFile() {
  TRY(Close());
  // A name no file of this directory has (finished or open): two runs within one second
  // would otherwise pick the same one, and the second's rename would replace the first's file.
  std::string name, path;
  std::error_code ec;
  do {
    char serial[16];
    std::snprintf(serial, sizeof serial, "%05d", serial_++);
    name = options_.prefix + "-" + FileTimestamp() + "-" + serial + "-" + HostName() + ".warc.gz";
    path = options_.directory + "/" + name;
  } while (std::filesystem::exists(path, ec) || std::filesystem::exists(path + ".open", ec));
  current_path_ = path + ".open";
  file_ = std::fopen(current_path_.c_str(), "wbx");
  if (file_ == nullptr) {
    return util::MakeError(util::ErrorCode::kIo,
                           current_path_ + ": cannot create WARC file: " + std::strerror(errno));
  }
  current_size_ = 0;
  exchanges_in_file_ = 0;
  files_.push_back(path);

  std::string fields = "software: " + options_.software + "\r\n" +
                       "format: WARC File Format 1.1\r\n"
                       "conformsTo: http://iipc.github.io/warc-specifications/specifications/"
                       "warc-format/warc-1.1/\r\n" +
                       "hostname: " + HostName() + "\r\n" + "robots: obey\r\n" +
                       "http-header-user-agent: " + options_.user_agent + "\r\n";
  if (options_.operator_contact) fields += "operator: " + *options_.operator_contact + "\r\n";
  if (options_.description) fields += "description: " + *options_.description + "\r\n";
  std::string header = "WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <" +
                       util::RandomUuidUrn() +
                       ">\r\nWARC-Date: " + WarcDate(std::chrono::system_clock::now()) +
                       "\r\nWARC-Filename: " + name +
                       "\r\nContent-Type: application/warc-fields\r\nContent-Length: " +
                       std::to_string(fields.size()) + "\r\n\r\n";
  auto written = WriteRecord(header, fields, "");
  if (!written) return tl::unexpected(written.error());
  return {};
}

util::Result<uint64_t> WarcWriter::WriteRecord(const std::string& header,
                                               const std::string& block_head,
                                               const std::string& block_tail) {
  std::string member = GzipMember(header, block_head + block_tail, "\r\n\r\n");
  uint64_t offset = current_size_;
  if (std::fwrite(member.data(), 1, member.size(), file_) != member.size()) {
    return util::MakeError(util::ErrorCode::kIo,
                           current_path_ + ": write failed: " + std::strerror(errno));
  }
  current_size_ += member.size();
  return offset;
}

void WarcWriter::RememberPayload(const std::string& digest, const std::string& uri,
                                 const std::string& warc_date) {
  seen_payloads_.emplace(digest, Seen{util::PercentEncodeUri(uri), warc_date});
}

util::Result<WarcWriteResult> WarcWriter::Write(const WarcExchange& ex) {
  if (file_ == nullptr) return util::MakeError(util::ErrorCode::kIo, "WARC writer is closed");
  // Rotate before this exchange when the file is full (a file always holds at least one).
  if (current_size_ >= options_.max_file_bytes && exchanges_in_file_ > 0) TRY(StartFile());
  ++exchanges_in_file_;
  // On any failure below the file is cut back to here, so that it never ends in a partial
  // record (a full disk would otherwise leave half a gzip member behind).
  uint64_t exchange_start = current_size_;
  auto result = WriteExchange(ex);
  if (!result) DiscardFrom(exchange_start);
  return result;
}

void WarcWriter::DiscardFrom(uint64_t offset) {
  // Buffered bytes of the failed exchange are dropped, not written after the cut.
  __fpurge(file_);
  std::clearerr(file_);
  if (::ftruncate(::fileno(file_), static_cast<off_t>(offset)) == 0) {
    std::fseek(file_, static_cast<long>(offset), SEEK_SET);
    current_size_ = offset;
  }
  --exchanges_in_file_;
}

util::Result<WarcWriteResult> WarcWriter::WriteExchange(const WarcExchange& ex) {
  std::string date = WarcDate(ex.date);
  std::string uri = util::PercentEncodeUri(ex.target_uri);
  std::string head = WarcResponseHead(ex.response_head);
  std::string payload_digest = util::WarcSha1Digest(ex.payload);
  WarcWriteResult result;
  result.record_id = util::RandomUuidUrn();
  result.payload_digest = payload_digest;
  result.file = files_.back();
  result.target_uri = uri;

  auto seen = seen_payloads_.find(payload_digest);
  result.revisit = seen != seen_payloads_.end() && !ex.payload.empty() && !ex.truncated;
  std::string common = "WARC-Record-ID: <" + result.record_id + ">\r\nWARC-Date: " + date +
                       "\r\nWARC-Target-URI: " + uri + "\r\n" +
                       (ex.ip_address.empty() ? "" : "WARC-IP-Address: " + ex.ip_address + "\r\n");
  std::string header;
  if (result.revisit) {
    // Revisit (identical-payload-digest profile, WARC 1.1 §6.7.2): the block is the response
    // head only; the payload is found through WARC-Refers-To-*.
    util::Sha1 block;
    block.Update(head);
    header = "WARC/1.1\r\nWARC-Type: revisit\r\n" + common +
             "WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest\r\n"
             "WARC-Refers-To-Target-URI: " +
             seen->second.uri + "\r\nWARC-Refers-To-Date: " + seen->second.date +
             "\r\nWARC-Payload-Digest: " + payload_digest +
             "\r\nWARC-Block-Digest: " + block.FinishWarcDigest() +
             "\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: " +
             std::to_string(head.size()) + "\r\n\r\n";
    TRY_ASSIGN(result.offset, WriteRecord(header, head, ""));
  } else {
    util::Sha1 block;
    block.Update(head);
    block.Update(ex.payload);
    header = "WARC/1.1\r\nWARC-Type: response\r\n" + common +
             (ex.truncated ? "WARC-Truncated: length\r\n" : "") +
             "WARC-Payload-Digest: " + payload_digest +
             "\r\nWARC-Block-Digest: " + block.FinishWarcDigest() +
             "\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: " +
             std::to_string(head.size() + ex.payload.size()) + "\r\n\r\n";
    TRY_ASSIGN(result.offset, WriteRecord(header, head, ex.payload));
    if (!ex.payload.empty() && !ex.truncated) {
      seen_payloads_.emplace(payload_digest, Seen{uri, date});
    }
  }

  result.length = current_size_ - result.offset;
  if (!ex.request_head.empty()) {
    std::string request_header =
        "WARC/1.1\r\nWARC-Type: request\r\nWARC-Record-ID: <" + util::RandomUuidUrn() +
        ">\r\nWARC-Date: " + date + "\r\nWARC-Target-URI: " + uri + "\r\nWARC-Concurrent-To: <" +
        result.record_id +
        ">\r\nWARC-Block-Digest: " + util::WarcSha1Digest(ex.request_head + ex.request_body) +
        "\r\nContent-Type: application/http;msgtype=request\r\nContent-Length: " +
        std::to_string(ex.request_head.size() + ex.request_body.size()) + "\r\n\r\n";
    auto written = WriteRecord(request_header, ex.request_head, ex.request_body);
    if (!written) return tl::unexpected(written.error());
  }
  if (std::fflush(file_) != 0) {
    return util::MakeError(util::ErrorCode::kIo, current_path_ + ": flush failed");
  }
  return result;
}

}  // namespace storage
