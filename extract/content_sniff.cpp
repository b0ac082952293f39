// Magic numbers of the files most often saved or served where a page was expected (WHATWG MIME
// Sniffing §6.1-6.2 lists the image, audio, video and archive signatures), then a share of NUL
// and control bytes that no text has.
#include "extract/content_sniff.h"

#include <algorithm>

namespace extract {
namespace {

struct Signature {
  std::string_view magic;
  const char* what;
};

// (No signature may hold a NUL byte: each is a C string literal.)
constexpr Signature kSignatures[] = {
    {"\x89PNG\r\n\x1a\n", "a PNG image"},
    {"\xFF\xD8\xFF", "a JPEG image"},
    {"GIF87a", "a GIF image"},
    {"GIF89a", "a GIF image"},
    {"%PDF-", "a PDF document"},
    {"PK\x03\x04", "a ZIP archive (or an Office document)"},
    {"\x1F\x8B", "gzip-compressed data"},
    {"BZh", "bzip2-compressed data"},
    {"\xFD"
     "7zXZ",
     "xz-compressed data"},
    {"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"},
    {"Rar!\x1A\x07", "a RAR archive"},
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Office document"},
    {"\x7F"
     "ELF",
     "an executable"},
    {"MZ", "a Windows executable"},
    {"OggS", "an Ogg media file"},
    {"ID3", "an MP3 file"},
    {"WARC/", "a WARC file (use import-warc)"},
};

// Larger shares of NUL or other control bytes (not tab, newline, carriage return, form feed
// or escape) than a text page has, among the bytes looked at.
constexpr double kMaxNulShare = 0.01;
constexpr double kMaxControlShare = 0.10;
constexpr size_t kSniffBytes = 4096;

}  // namespace

std::optional<std::string> NotAPageReason(std::string_view bytes) {
  if (bytes.empty()) return "empty";
  for (const Signature& s : kSignatures) {
    if (bytes.substr(0, s.magic.size()) == s.magic) {
      // "MZ" and "ID3" are short: a page could start so only by chance; require binary data too.
      if (s.magic.size() >= 4 ||
          std::count(bytes.begin(), bytes.begin() + std::min(bytes.size(), kSniffBytes), '\0') >
              0) {
        return s.what;
      }
    }
  }
  // UTF-16 text: a byte order mark, then NUL bytes in every other position.
  if (bytes.size() >= 2 &&
      ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    return std::nullopt;
  }
  std::string_view head = bytes.substr(0, kSniffBytes);
  size_t nul = 0, control = 0;
  for (unsigned char c : head) {
    nul += c == 0;
    control += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B;
  }
  if (static_cast<double>(nul) > kMaxNulShare * static_cast<double>(head.size()) ||
      static_cast<double>(control) > kMaxControlShare * static_cast<double>(head.size())) {
    int percent = static_cast<int>(
        100.0 * static_cast<double>(control) / static_cast<double>(head.size()) + 0.5);
    return "binary data (" + std::to_string(percent) + "% control bytes)";
  }
  return std::nullopt;
}

}  // namespace extract
