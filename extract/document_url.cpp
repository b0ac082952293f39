#include "extract/document_url.h"

#include <algorithm>

#include "extract/charset_labels.h"
#include "extract/icu_converter.h"

namespace extract {
namespace {

bool IsUtf8Query(const std::string& encoding) {
  return encoding.empty() || encoding == "utf-8" || encoding == "utf-16le" ||
         encoding == "utf-16be" || encoding == "replacement";
}

// The converter a legacy-encoded document's URLs and forms are encoded with; nullopt for the
// encodings whose URLs are UTF-8.
std::optional<IcuConverter> DocumentEncoder(const std::string& encoding) {
  if (IsUtf8Query(encoding)) return std::nullopt;
  // GBK's encoder is GB18030's without its four-byte sequences (WHATWG §10.2.1: those
  // characters are errors, written as "&#N;"); ICU's "GBK" converter is that table.
  auto icu_name = encoding == "gbk" ? std::optional<std::string>("GBK")
                                    : IcuConverterName(DecodingEncoding(encoding));
  if (!icu_name) return std::nullopt;
  auto converter = IcuConverter::Open(*icu_name);
  if (!converter) return std::nullopt;
  return std::move(*converter);
}

void AppendPercentEncoded(std::string_view bytes, std::string& out) {
  constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : bytes) {
    // The bytes the encoder made from non-ASCII text: its own ASCII output ("&#N;" escapes) is
    // percent-encoded too, as the URL parser's query state does for them.
    if (c >= 0x80 || c == '&' || c == '#' || c == ';') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += static_cast<char>(c);
    }
  }
}

}  // namespace

std::optional<std::string> EncodeQueryForDocument(std::string_view ref,
                                                  const std::string& encoding) {
  size_t query = ref.find('?');
  if (query == std::string_view::npos || IsUtf8Query(encoding)) return std::nullopt;
  size_t fragment = ref.find('#', query);
  if (fragment == std::string_view::npos) fragment = ref.size();
  std::string_view q = ref.substr(query, fragment - query);
  size_t first = 0;
  while (first < q.size() && static_cast<unsigned char>(q[first]) < 0x80) ++first;
  if (first == q.size()) return std::nullopt;
  auto converter = DocumentEncoder(encoding);
  if (!converter) return std::nullopt;
  std::string out(ref.substr(0, query));
  // Runs of non-ASCII characters are encoded together (stateful encodings need the run).
  for (size_t i = 0; i < q.size();) {
    if (static_cast<unsigned char>(q[i]) < 0x80) {
      out += q[i++];
      continue;
    }
    size_t end = i;
    while (end < q.size() && static_cast<unsigned char>(q[end]) >= 0x80) ++end;
    AppendPercentEncoded(converter->Encode(q.substr(i, end - i)), out);
    i = end;
  }
  out.append(ref.substr(fragment));
  return out;
}

std::string FormUrlEncode(std::string_view text, const std::string& encoding) {
  std::string bytes(text);
  bool ascii = std::all_of(text.begin(), text.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii) {
    if (auto converter = DocumentEncoder(encoding)) bytes = converter->Encode(text);
  }
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  for (unsigned char c : bytes) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '*' ||
        c == '-' || c == '.' || c == '_') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

}  // namespace extract
