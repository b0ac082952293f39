// An IcuConverter decodes bytes of one legacy charset to UTF-8 with ICU, counting the byte
// sequences that are invalid in that charset (each becomes U+FFFD). This header's .cpp is the
// only place that names ICU's conversion API. Owns its UConverter; move-only; one thread at a
// time.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "util/error.h"

namespace extract {

struct DecodeOutput {
  std::string utf8;
  size_t errors = 0;  // invalid or unmappable byte sequences
};

class IcuConverter {
 public:
  // `icu_name` as ICU knows it ("gb18030", "windows-1252", "Big5-HKSCS"...); kDecode when ICU
  // has no such converter.
  static util::Result<IcuConverter> Open(const std::string& icu_name);
  IcuConverter(IcuConverter&&) noexcept;
  IcuConverter& operator=(IcuConverter&&) noexcept;
  ~IcuConverter();

  // Decodes all of `bytes` (a complete document: a sequence cut at the end is an error).
  // Single-byte charsets decode a byte 0x80-0x9F that ICU leaves unassigned as the C1 control
  // of the same value, not as an error: the WHATWG indexes for windows-125x and windows-874
  // fill those holes that way. Output is at most 3 bytes per input byte.
  DecodeOutput Decode(std::string_view bytes);

  // Encodes UTF-8 text into this charset, as a browser encodes a URL's query in a legacy
  // document: a character the charset lacks becomes "&#N;" (WHATWG "html" error mode);
  // invalid UTF-8 becomes U+FFFD first.
  std::string Encode(std::string_view utf8);

 private:
  struct Impl;
  explicit IcuConverter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace extract
