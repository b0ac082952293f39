// libFuzzer target: arbitrary bytes through charset sniffing and decoding, with no Content-Type
// and with one taken from the first bytes. The output must be valid UTF-8 of bounded size; any
// crash, leak or UB is a bug.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "extract/charset.h"

namespace {

// Output is at most 3 bytes per input byte (a U+FFFD per invalid byte, or a BMP character per
// single byte).
constexpr size_t kMaxOutputBytesPerInputByte = 3;
// The first byte, when present, gives the length of the Content-Type taken from the input.
constexpr size_t kMaxContentTypeBytes = 64;

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  auto cont = [&](size_t k, unsigned char lo, unsigned char hi) {
    if (k >= s.size()) return false;
    auto c = static_cast<unsigned char>(s[k]);
    return c >= lo && c <= hi;
  };
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      i += 1;
    } else if (c >= 0xC2 && c <= 0xDF && cont(i + 1, 0x80, 0xBF)) {
      i += 2;
    } else if (c >= 0xE0 && c <= 0xEF &&
               cont(i + 1, c == 0xE0 ? 0xA0 : 0x80, c == 0xED ? 0x9F : 0xBF) &&
               cont(i + 2, 0x80, 0xBF)) {
      i += 3;
    } else if (c >= 0xF0 && c <= 0xF4 &&
               cont(i + 1, c == 0xF0 ? 0x90 : 0x80, c == 0xF4 ? 0x8F : 0xBF) &&
               cont(i + 2, 0x80, 0xBF) && cont(i + 3, 0x80, 0xBF)) {
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

void Check(std::string_view bytes, std::optional<std::string_view> content_type) {
  extract::DecodedPage page = extract::DecodeHtml(bytes, content_type);
  if (!IsValidUtf8(page.utf8)) __builtin_trap();
  if (page.utf8.size() > kMaxOutputBytesPerInputByte * bytes.size()) __builtin_trap();
  if (page.encoding.used.empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Check(bytes, std::nullopt);
  if (!bytes.empty()) {
    size_t header_size = static_cast<unsigned char>(bytes[0]) % kMaxContentTypeBytes;
    std::string_view rest = bytes.substr(1);
    std::string content_type = "text/html; charset=" + std::string(rest.substr(0, header_size));
    Check(rest.substr(std::min(header_size, rest.size())), content_type);
  }
  return 0;
}
