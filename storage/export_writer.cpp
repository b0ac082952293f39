#include "storage/export_writer.h"

#include <optional>

namespace storage {
namespace {

constexpr const char* kCsvHeader =
    "url,site,section,title,published_date,published_at,updated_at,source,author,views,body,"
    "prev_url,prev_title,next_url,next_title,lang,encoding_used,content_sha256,first_seen_at,"
    "last_fetched_at,version\r\n";

std::string Opt(const std::optional<std::string>& v) { return v ? CsvField(*v) : std::string(); }

std::string CsvRow(const extract::Article& a, const extract::ArchiveStamp& stamp) {
  std::string row;
  auto add = [&row](std::string field, bool last = false) {
    row += field;
    row += last ? "\r\n" : ",";
  };
  auto sibling_url = [](const std::optional<extract::SiblingLink>& s) {
    return s ? Opt(s->url) : std::string();
  };
  auto sibling_title = [](const std::optional<extract::SiblingLink>& s) {
    return s ? Opt(s->title) : std::string();
  };
  add(CsvField(a.url));
  add(CsvField(a.site));
  add(Opt(a.section));
  add(Opt(a.title));
  add(Opt(a.published_date));
  add(Opt(a.published_at));
  add(Opt(a.updated_at));
  add(Opt(a.source));
  add(Opt(a.author));
  add(a.views ? std::to_string(*a.views) : std::string());
  add(CsvField(a.body));
  add(sibling_url(a.prev));
  add(sibling_title(a.prev));
  add(sibling_url(a.next));
  add(sibling_title(a.next));
  add(Opt(a.lang));
  add(CsvField(a.encoding.used));
  add(CsvField(a.content_sha256));
  add(CsvField(stamp.first_seen_at));
  add(CsvField(stamp.last_fetched_at));
  add(std::to_string(stamp.version), true);
  return row;
}

}  // namespace

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

util::Result<void> ExportWriter::Begin() {
  std::string preamble;
  if (options_.byte_order_mark) preamble += "\xEF\xBB\xBF";
  if (options_.format == ExportFormat::kCsv) preamble += kCsvHeader;
  if (options_.format == ExportFormat::kJson) preamble += "[";
  if (preamble.empty()) return {};
  return sink_(preamble);
}

util::Result<void> ExportWriter::Write(const extract::Article& article,
                                       const extract::ArchiveStamp& stamp) {
  std::string out;
  switch (options_.format) {
    case ExportFormat::kJsonl:
      out = extract::ArticleToJson(article, stamp);
      out += '\n';
      break;
    case ExportFormat::kJson:
      out = written_ == 0 ? "\n" : ",\n";
      out += extract::ArticleToJson(article, stamp);
      break;
    case ExportFormat::kCsv:
      out = CsvRow(article, stamp);
      break;
  }
  TRY(sink_(out));
  ++written_;
  return {};
}

util::Result<void> ExportWriter::End() {
  if (options_.format != ExportFormat::kJson) return {};
  return sink_(written_ == 0 ? "]\n" : "\n]\n");
}

}  // namespace storage
