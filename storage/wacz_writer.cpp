#include "storage/wacz_writer.h"

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "storage/cdxj.h"
#include "storage/compression.h"
#include "storage/sqlite_handles.h"
#include "storage/timestamps.h"
#include "storage/warc_writer.h"
#include "storage/zip_writer.h"
#include "util/sha256.h"
#include "util/time_format.h"
#include "util/url.h"

namespace storage {
namespace {

constexpr const char* kWaczVersion = "1.1.1";
constexpr const char* kPagesHeader =
    R"({"format":"json-pages-1.0","id":"pages","title":"All Pages"})";

util::Error IoError(std::string message) {
  return util::Error{util::ErrorCode::kIo, std::move(message)};
}

// A folder of its own beside the output (same file system), removed with everything in it.
class TempDir {
 public:
  static util::Result<TempDir> Beside(const std::string& out_path) {
    std::filesystem::path out(out_path);
    std::filesystem::path parent = out.parent_path().empty() ? "." : out.parent_path();
    std::string pattern = (parent / ("." + out.filename().string() + ".tmp-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      return tl::unexpected(
          IoError(out_path + ": cannot write there (" + std::strerror(errno) + ")"));
    }
    return TempDir(pattern);
  }
  TempDir(TempDir&& other) noexcept : path_(std::exchange(other.path_, {})) {}
  TempDir& operator=(TempDir&&) = delete;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  explicit TempDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// One fetch exported as a record.
struct FetchRow {
  std::string url;
  std::chrono::system_clock::time_point date{};
  int status = 0;
  std::optional<std::string> content_type;
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::optional<std::string> location;  // a redirect's target
  std::optional<int64_t> capture_id;
};

// Where and when a capture was last written: an article's page points there.
struct WrittenAt {
  std::string uri;  // percent-encoded, as in the WARC
  std::chrono::system_clock::time_point date{};
};

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 203:
      return "Non-Authoritative Information";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    default:
      return status >= 300 ? "Redirect" : "OK";
  }
}

// A stored header value, one line whatever it holds.
std::string OneLine(std::string_view value) {
  std::string out;
  for (char ch : value) out += ch == '\r' || ch == '\n' ? ' ' : ch;
  return out;
}

// The response head a fetch row stands for (see WriteWacz's contract).
std::string ResponseHead(const FetchRow& row, const std::optional<std::string>& content_type,
                         size_t payload_bytes) {
  std::string head =
      "HTTP/1.1 " + std::to_string(row.status) + " " + ReasonPhrase(row.status) + "\r\n";
  if (content_type) head += "Content-Type: " + OneLine(*content_type) + "\r\n";
  head += "Content-Length: " + std::to_string(payload_bytes) + "\r\n";
  if (row.etag) head += "ETag: " + OneLine(*row.etag) + "\r\n";
  if (row.last_modified) head += "Last-Modified: " + OneLine(*row.last_modified) + "\r\n";
  if (row.location) head += "Location: " + util::PercentEncodeUri(*row.location) + "\r\n";
  return head + "\r\n";
}

// "text/html" of "text/html; charset=gb2312"; "unk" (cdxj-indexer's word) when there is none.
std::string MediaType(const std::optional<std::string>& content_type) {
  if (!content_type) return "unk";
  std::string type = content_type->substr(0, content_type->find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  while (!type.empty() && type.front() == ' ') type.erase(0, 1);
  for (char& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return type.empty() ? "unk" : type;
}

struct WarcPass {
  std::vector<std::string> warc_files;  // paths in the temporary folder
  std::vector<std::string> cdxj_lines;
  std::map<int64_t, WrittenAt> captures;
  int64_t responses = 0;
  int64_t revisits = 0;
};

// The captures (and redirects) of the archive, oldest first, into WARC files in `directory`.
util::Result<WarcPass> WriteCaptures(const Archive& archive, const WaczOptions& options,
                                     const std::string& directory) {
  WarcWriterOptions warc_options;
  warc_options.directory = directory;
  warc_options.prefix = "newsarc-export";
  warc_options.software = options.software;
  warc_options.description =
      "Captures exported from the newsarc archive " + archive.path() +
      ". Response heads are rebuilt from the archive (status, Content-Type, Content-Length, "
      "ETag, Last-Modified, Location); payloads are stored decoded (Content-Encoding removed).";
  TRY_ASSIGN(WarcWriter writer, WarcWriter::Open(warc_options));

  TRY_ASSIGN(Statement fetches,
             Statement::Prepare(
                 archive.db(),
                 "SELECT url, started_at, status, content_type, etag, last_modified, final_url, "
                 "capture_id, outcome FROM fetches "
                 "WHERE status IS NOT NULL AND instr(url, '#') = 0 "
                 "AND ((capture_id IS NOT NULL AND status BETWEEN 200 AND 299) "
                 "OR (outcome = 'redirect' AND final_url IS NOT NULL)) "
                 "AND (?1 IS NULL OR site = ?1) ORDER BY started_at, id"));
  fetches.Bind(1, options.site);
  TRY_ASSIGN(Statement capture,
             Statement::Prepare(archive.db(),
                                "SELECT size, content_type, body FROM captures WHERE id = ?1"));
  WarcPass pass;
  while (true) {
    TRY_ASSIGN(bool has_row, fetches.Step());
    if (!has_row) break;
    FetchRow row;
    row.url = fetches.Text(0);
    auto date = ParseTimestamp(fetches.Text(1));
    if (!date) continue;  // never written so by the archive; nothing to date the record with
    row.date = *date;
    row.status = static_cast<int>(fetches.Int(2));
    row.content_type = fetches.OptionalText(3);
    row.etag = fetches.OptionalText(4);
    row.last_modified = fetches.OptionalText(5);
    bool redirect = fetches.Text(8) == "redirect";
    if (redirect) row.location = fetches.OptionalText(6);
    if (!redirect) row.capture_id = fetches.OptionalInt(7);

    WarcExchange exchange;
    exchange.target_uri = row.url;
    exchange.date = row.date;
    std::optional<std::string> content_type = row.content_type;
    if (row.capture_id) {
      capture.Reset();
      TRY_ASSIGN(bool found, capture.Bind(1, *row.capture_id).Step());
      if (!found) continue;
      if (!content_type) content_type = capture.OptionalText(1);
      TRY_ASSIGN(exchange.payload,
                 Decompress(capture.Blob(2), static_cast<size_t>(capture.Int(0))));
    }
    exchange.response_head = ResponseHead(row, content_type, exchange.payload.size());
    TRY_ASSIGN(WarcWriteResult written, writer.Write(exchange));

    CdxjRecord record;
    record.uri = written.target_uri;
    record.date = row.date;
    record.mime = written.revisit ? "warc/revisit" : MediaType(content_type);
    record.status = row.status;
    record.digest = written.payload_digest;
    record.length = written.length;
    record.offset = written.offset;
    record.filename = std::filesystem::path(written.file).filename().string();
    pass.cdxj_lines.push_back(CdxjLine(record));
    ++(written.revisit ? pass.revisits : pass.responses);
    if (row.capture_id) pass.captures[*row.capture_id] = WrittenAt{written.target_uri, row.date};
  }
  TRY(writer.Close());
  pass.warc_files = writer.files();
  return pass;
}

util::Result<void> WriteTextFile(const std::string& path, std::string_view data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) return tl::unexpected(IoError(path + ": write failed (disk full?)"));
  return {};
}

// pages/pages.jsonl: the header line, then each article with a title that was exported, at the
// latest capture of its own URL holding its capture, or else where that capture was last
// written (an article archived under its rel=canonical URL).
util::Result<int64_t> WritePages(const Archive& archive, const WaczOptions& options,
                                 const std::map<int64_t, WrittenAt>& captures,
                                 const std::string& path) {
  TRY_ASSIGN(Statement articles,
             Statement::Prepare(archive.db(),
                                "SELECT url, title, body, capture_id FROM articles "
                                "WHERE title IS NOT NULL AND title <> '' AND capture_id IS NOT "
                                "NULL AND (?1 IS NULL OR site = ?1) "
                                "ORDER BY site, published_date, url"));
  articles.Bind(1, options.site);
  TRY_ASSIGN(Statement own_fetch,
             Statement::Prepare(archive.db(),
                                "SELECT started_at FROM fetches WHERE url = ?1 AND capture_id = ?2 "
                                "AND status BETWEEN 200 AND 299 ORDER BY started_at DESC LIMIT 1"));
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << kPagesHeader << '\n';
  int64_t pages = 0;
  while (true) {
    TRY_ASSIGN(bool has_row, articles.Step());
    if (!has_row) break;
    std::string url = articles.Text(0);
    int64_t capture_id = articles.Int(3);
    auto written = captures.find(capture_id);
    if (written == captures.end()) continue;  // no capture exported for it: nothing to replay
    WrittenAt at = written->second;
    own_fetch.Reset();
    TRY_ASSIGN(bool own, own_fetch.Bind(1, url).Bind(2, capture_id).Step());
    if (own) {
      if (auto date = ParseTimestamp(own_fetch.Text(0))) at = {util::PercentEncodeUri(url), *date};
    }
    nlohmann::ordered_json page;
    page["id"] = util::Sha256Hex(at.uri + " " + util::FormatUtc(at.date)).substr(0, 32);
    page["url"] = at.uri;
    page["ts"] = util::FormatUtc(at.date);
    page["title"] = articles.Text(1);
    page["text"] = articles.Text(2);
    out << page.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    ++pages;
  }
  out.close();
  if (!out) return tl::unexpected(IoError(path + ": write failed (disk full?)"));
  return pages;
}

struct FileDigest {
  std::string sha256;  // "sha256:…"
  uint64_t bytes = 0;
};

util::Result<FileDigest> DigestFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return tl::unexpected(IoError(path + ": cannot read"));
  util::Sha256 hash;
  FileDigest digest;
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    std::streamsize got = in.gcount();
    if (got <= 0) break;
    hash.Update(std::string_view(buffer.data(), static_cast<size_t>(got)));
    digest.bytes += static_cast<uint64_t>(got);
  }
  if (in.bad()) return tl::unexpected(IoError(path + ": read failed"));
  digest.sha256 = "sha256:" + hash.FinishHex();
  return digest;
}

}  // namespace

util::Result<WaczSummary> WriteWacz(const Archive& archive, const std::string& out_path,
                                    const WaczOptions& options) {
  std::error_code ec;
  if (std::filesystem::is_directory(out_path, ec)) {
    return tl::unexpected(IoError(out_path + ": is a directory"));
  }
  TRY_ASSIGN(TempDir temp, TempDir::Beside(out_path));
  std::string warc_dir = temp.path() + "/archive";
  WaczSummary summary;

  // (entry name in the ZIP, file in the temporary folder), in the ZIP's order.
  std::vector<std::pair<std::string, std::string>> entries;
  {
    TRY_ASSIGN(Transaction read, archive.BeginRead());
    TRY_ASSIGN(WarcPass pass, WriteCaptures(archive, options, warc_dir));
    summary.responses = pass.responses;
    summary.revisits = pass.revisits;
    for (const std::string& file : pass.warc_files) {
      entries.emplace_back("archive/" + std::filesystem::path(file).filename().string(), file);
    }
    SortCdxjLines(pass.cdxj_lines);
    std::string index_path = temp.path() + "/index.cdxj";
    std::ofstream index(index_path, std::ios::binary | std::ios::trunc);
    for (const std::string& line : pass.cdxj_lines) index << line << '\n';
    index.close();
    if (!index) return tl::unexpected(IoError(index_path + ": write failed (disk full?)"));
    entries.emplace_back("indexes/index.cdxj", index_path);

    std::string pages_path = temp.path() + "/pages.jsonl";
    TRY_ASSIGN(summary.pages, WritePages(archive, options, pass.captures, pages_path));
    entries.emplace_back("pages/pages.jsonl", pages_path);
  }

  // WACZ 1.1.1 §datapackage.json: every file of the package with its SHA-256 and size.
  nlohmann::ordered_json package;
  package["profile"] = "data-package";
  package["wacz_version"] = kWaczVersion;
  package["title"] = options.title;
  package["description"] = options.description;
  package["created"] = util::FormatUtc(options.created);
  package["software"] = options.software;
  package["resources"] = nlohmann::ordered_json::array();
  for (const auto& [name, file] : entries) {
    TRY_ASSIGN(FileDigest digest, DigestFile(file));
    nlohmann::ordered_json resource;
    resource["name"] = std::filesystem::path(name).filename().string();
    resource["path"] = name;
    resource["hash"] = digest.sha256;
    resource["bytes"] = digest.bytes;
    package["resources"].push_back(resource);
  }
  std::string package_text =
      package.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::string package_path = temp.path() + "/datapackage.json";
  TRY(WriteTextFile(package_path, package_text));
  entries.emplace_back("datapackage.json", package_path);

  nlohmann::ordered_json package_digest;
  package_digest["path"] = "datapackage.json";
  package_digest["hash"] = "sha256:" + util::Sha256Hex(package_text);
  std::string digest_path = temp.path() + "/datapackage-digest.json";
  TRY(WriteTextFile(digest_path, package_digest.dump(2) + "\n"));
  entries.emplace_back("datapackage-digest.json", digest_path);

  TRY_ASSIGN(ZipWriter zip, ZipWriter::Create(out_path));
  for (const auto& [name, file] : entries) TRY(zip.AddStoredFile(name, file));
  TRY(zip.Commit());
  summary.bytes = std::filesystem::file_size(out_path, ec);
  return summary;
}

}  // namespace storage
