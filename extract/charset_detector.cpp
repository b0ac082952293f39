#include "extract/charset_detector.h"

#include <uchardet/uchardet.h>

#include <algorithm>
#include <memory>

namespace extract {
namespace {

struct UchardetDeleter {
  void operator()(uchardet_t d) const { uchardet_delete(d); }
};

}  // namespace

std::optional<std::string> DetectCharset(std::string_view bytes) {
  std::unique_ptr<std::remove_pointer_t<uchardet_t>, UchardetDeleter> detector(uchardet_new());
  if (!detector) return std::nullopt;
  if (uchardet_handle_data(detector.get(), bytes.data(), bytes.size()) != 0) return std::nullopt;
  uchardet_data_end(detector.get());
  const char* name = uchardet_get_charset(detector.get());
  if (name == nullptr || *name == '\0') return std::nullopt;
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

}  // namespace extract
