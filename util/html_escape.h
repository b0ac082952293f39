// HTML escaping: text made safe to place in HTML element content and in double- or
// single-quoted attribute values, and URL query components percent-encoded. Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace util {

// `text` with & < > " ' replaced by character references; every other byte unchanged (UTF-8
// passes through). Safe in element content and in quoted attribute values, not in <script>,
// <style> or unquoted attributes.
std::string HtmlEscape(std::string_view text);

// `text` percent-encoded for a URL query value or path segment: every byte but the unreserved
// ASCII letters, digits and -._~ becomes %XX (RFC 3986 section 2.3).
std::string PercentEncode(std::string_view text);

}  // namespace util
