// NormalizeNfc is the one wrapper of ICU's Normalizer2.
#include "extract/text_normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <climits>
#include <optional>

#include "extract/document.h"

namespace extract {
namespace {

// True when ICU reads `s` as UTF-8 without replacing anything (U8_NEXT, as fromUTF8 reads it).
bool IsWellFormedUtf8(std::string_view s) {
  if (s.size() > INT32_MAX) return false;
  auto length = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s.data(), i, length, c);
    if (c < 0) return false;
  }
  return true;
}

// Through UTF-16, replacing invalid sequences by U+FFFD; nullopt when ICU fails.
std::optional<std::string> NormalizeViaUtf16(const icu::Normalizer2& nfc, std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::string out;
  if (nfc.isNormalized(u, status) && U_SUCCESS(status)) {
    u.toUTF8String(out);
    return out;
  }
  status = U_ZERO_ERROR;
  icu::UnicodeString normalized = nfc.normalize(u, status);
  if (U_FAILURE(status)) return std::nullopt;
  normalized.toUTF8String(out);
  return out;
}

}  // namespace

void NormalizeNfcInPlace(std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return;
  if (!IsWellFormedUtf8(utf8)) {
    if (auto out = NormalizeViaUtf16(*nfc, utf8)) utf8 = std::move(*out);
    return;
  }
  // Well-formed UTF-8 is checked and normalized as it is, without UTF-16 copies; text already
  // in NFC (nearly every page) is not copied at all.
  icu::StringPiece piece(utf8.data(), static_cast<int32_t>(utf8.size()));
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return;
  status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(utf8.size()));
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_SUCCESS(status)) utf8 = std::move(out);
}

std::string NormalizeNfc(std::string_view utf8) {
  std::string out(utf8);
  NormalizeNfcInPlace(out);
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
