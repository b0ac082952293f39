// Byte-level charset detection with uchardet (this header's .cpp is the only place that names
// uchardet). Pure function; thread-safe (a detector per call).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace extract {

// uchardet's guess for the bytes, lower-case ("gb18030", "utf-8", "big5", "windows-1252"...);
// nullopt when it has no opinion.
std::optional<std::string> DetectCharset(std::string_view bytes);

}  // namespace extract
