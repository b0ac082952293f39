// Whether some bytes can be a web page at all: `newsarc extract` refuses images, archives,
// PDFs, empty input and binary data instead of making an article of them. A page in any text
// encoding passes (UTF-16 included: its NUL bytes come with a byte order mark).
// Pure function; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace extract {

// Why `bytes` are not an HTML or text page ("empty", "a PNG image", "binary data (12% NUL
// bytes)"), or nullopt when they may be one. Looks at the first 4 KiB.
std::optional<std::string> NotAPageReason(std::string_view bytes);

}  // namespace extract
