#include "crawler/content_type.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace crawler {

bool IsHtmlContentType(std::string_view content_type) {
  std::string_view media = content_type.substr(0, content_type.find(';'));
  size_t b = media.find_first_not_of(" \t\r\n");
  size_t e = media.find_last_not_of(" \t\r\n");
  if (b == std::string_view::npos) return true;
  std::string type(media.substr(b, e - b + 1));
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::array<std::string_view, 4> kPageTypes = {
      "text/html", "application/xhtml+xml", "text/xml", "application/xml"};
  return std::find(kPageTypes.begin(), kPageTypes.end(), type) != kPageTypes.end();
}

}  // namespace crawler
