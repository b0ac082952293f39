// PLACEHOLDER until the charset module lands: UTF-8 pass-through.
#include "extract/charset.h"

namespace extract {

std::optional<std::string> ResolveEncodingLabel(std::string_view) { return std::nullopt; }
std::optional<std::string> CharsetFromContentType(std::string_view) { return std::nullopt; }
std::optional<std::string> PrescanMetaCharset(std::string_view) { return std::nullopt; }

DecodedPage DecodeHtml(std::string_view bytes, std::optional<std::string_view>) {
  DecodedPage page;
  page.utf8 = std::string(bytes);
  return page;
}

}  // namespace extract
