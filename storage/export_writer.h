// An ExportWriter renders archived articles as JSONL (one object per line), one JSON array, or
// CSV (RFC 4180, header row, CRLF line ends, body newlines kept inside quoted fields), writing
// piece by piece to a sink so exports stream. Objects are extract::ArticleToJson's, which
// follows article.schema.json. Not thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "extract/article.h"
#include "extract/article_json.h"
#include "util/error.h"

namespace storage {

enum class ExportFormat { kJsonl, kJson, kCsv };

struct ExportWriterOptions {
  ExportFormat format = ExportFormat::kJsonl;
  // Start with a UTF-8 byte order mark, which Excel needs to read UTF-8 CSV.
  bool byte_order_mark = false;
};

class ExportWriter {
 public:
  using Sink = std::function<util::Result<void>(std::string_view)>;

  ExportWriter(ExportWriterOptions options, Sink sink)
      : options_(options), sink_(std::move(sink)) {}

  // Writes the preamble (BOM, CSV header, '['). Call once, first.
  util::Result<void> Begin();
  util::Result<void> Write(const extract::Article& article, const extract::ArchiveStamp& stamp);
  // Closes the array for JSON. Call once, last.
  util::Result<void> End();

  size_t written() const { return written_; }

 private:
  ExportWriterOptions options_;
  Sink sink_;
  size_t written_ = 0;
};

// One CSV field: quoted (with "" for ") when it holds a comma, quote, CR or LF (RFC 4180 §2).
std::string CsvField(std::string_view value);

}  // namespace storage
