// The WHATWG Encoding Standard's label table (§4.2 "Names and labels"): which encoding a
// charset label such as "GB2312", "latin1" or "x-gbk" means to a browser, and which ICU
// converter decodes it. Pure data and lookups; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace extract {

// The WHATWG encoding name (lower-case: "utf-8", "gbk", "windows-1252", ...) for a label,
// after trimming ASCII whitespace and lower-casing; nullopt for unknown labels.
std::optional<std::string> WhatwgEncodingForLabel(std::string_view label);

// The encoding actually used to decode a WHATWG encoding: "gbk" decodes with the gb18030
// decoder (WHATWG §10.1.1), everything else as itself.
std::string DecodingEncoding(const std::string& whatwg_name);

// The ICU converter name for a decoding encoding, or nullopt for those decoded by hand
// (utf-8, x-user-defined, replacement, iso-8859-16).
std::optional<std::string> IcuConverterName(const std::string& decoding_name);

// The code points of bytes 0x80-0xFF (128 entries) for a single-byte encoding that ICU's data
// lacks and that is decoded from this table instead (iso-8859-16); nullptr for the others.
const char16_t* HandDecodedHighHalf(const std::string& decoding_name);

// True when input made only of ASCII bytes decodes to itself (all but utf-16be/le,
// iso-2022-jp, whose escapes are ASCII, and replacement).
bool IsAsciiCompatible(const std::string& decoding_name);

// True for encodings whose every byte sequence is valid (single-byte tables): decoding
// errors cannot reveal that they are wrong.
bool IsSingleByteEncoding(const std::string& decoding_name);

}  // namespace extract
