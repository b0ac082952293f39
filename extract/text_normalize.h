// Text normalization for extracted fields: Unicode NFC, paragraph cleanup (leading
// full-width indentation, &nbsp; and space runs removed; one paragraph per line), ASCII case.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace extract {

// Unicode NFC of UTF-8 text (invalid sequences become U+FFFD).
std::string NormalizeNfc(std::string_view utf8);
// The same in place; text already in NFC (the usual case) is left as it is, not copied.
void NormalizeNfcInPlace(std::string& utf8);

// Cleans multi-line text into paragraphs: each line's whitespace runs (ASCII, U+00A0, U+3000...)
// collapse to one space, lines are trimmed, empty lines dropped, lines joined with '\n'.
std::string CleanParagraphs(std::string_view text);

// ASCII letters lower-cased, other bytes unchanged (attribute values, labels, tag names).
std::string LowerAscii(std::string_view s);

}  // namespace extract
