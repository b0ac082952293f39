// NormalizeNfc is the one wrapper of ICU's Normalizer2.
#include "extract/text_normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "extract/document.h"

namespace extract {
std::string NormalizeNfc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (nfc->isNormalized(u, status) && U_SUCCESS(status)) {
    std::string out;
    u.toUTF8String(out);  // also replaces invalid input sequences with U+FFFD
    return out;
  }
  status = U_ZERO_ERROR;
  icu::UnicodeString normalized = nfc->normalize(u, status);
  if (U_FAILURE(status)) return std::string(utf8);
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

std::string CleanParagraphs(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line = CollapseWhitespace(text.substr(start, nl - start));
    if (!line.empty()) {
      if (!out.empty()) out.push_back('\n');
      out += line;
    }
    start = nl + 1;
  }
  return out;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace extract
