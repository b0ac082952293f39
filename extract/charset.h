// Charset sniffing and decoding of HTML bytes, in browser order (WHATWG HTML "determining the
// character encoding"): BOM → HTTP Content-Type charset → <meta> prescan of the first 1024
// bytes → byte-level detection → UTF-8. Labels resolve through the WHATWG Encoding label table;
// every GB2312/GBK label decodes as GB18030. A declaration that fails on the bytes is replaced
// by a candidate that decodes cleanly. Pure functions; thread-safe.
//
// Deviations from the browser algorithm, because an archive must not keep mojibake: every
// declaration is checked against the bytes (valid UTF-8 beats a legacy declaration; one that
// fails beyond a tolerated few bytes loses to a candidate that decodes cleanly), DecodeHtml
// looks for <meta> in the first 8 KB rather than 1 KB, and a UTF-16 header on bytes without
// NULs is ignored.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "extract/decoded_page.h"

namespace extract {

// WHATWG Encoding Standard name (lower-case, e.g. "gb18030", "windows-1252", "utf-8") for a
// label such as "GB2312", " latin1 ", "x-gbk"; nullopt for unknown labels.
std::optional<std::string> ResolveEncodingLabel(std::string_view label);

// The charset parameter of a Content-Type header value, as written (lower-case), or nullopt.
std::optional<std::string> CharsetFromContentType(std::string_view content_type);

// The charset declared by <meta charset> / <meta http-equiv content> in the first 1024 bytes
// (WHATWG prescan), as written (lower-case), or nullopt.
std::optional<std::string> PrescanMetaCharset(std::string_view bytes);

// Decodes `bytes` to UTF-8, choosing the charset as described above. The result is always
// valid UTF-8 (invalid sequences become U+FFFD and set had_invalid_bytes), without BOM, and at
// most 3 bytes per input byte. encoding.declared is the header's charset (else the meta's) as
// written; encoding.detected is uchardet's answer, nullopt when it was not consulted.
DecodedPage DecodeHtml(std::string_view bytes, std::optional<std::string_view> content_type);

}  // namespace extract
