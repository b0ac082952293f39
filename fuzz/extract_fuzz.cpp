// libFuzzer target: arbitrary bytes (and a Content-Type taken from the first bytes) through the
// whole extractor, charset sniffing included. Any crash, leak or UB is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "extract/article_json.h"
#include "extract/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::optional<std::string> content_type;
  // First byte selects a header: none, a plausible one, or one taken from the input.
  if (!bytes.empty()) {
    unsigned char selector = static_cast<unsigned char>(bytes[0]);
    bytes.remove_prefix(1);
    if (selector % 4 == 1) content_type = "text/html; charset=utf-8";
    if (selector % 4 == 2) content_type = "text/html; charset=gb2312";
    if (selector % 4 == 3) content_type = std::string(bytes.substr(0, selector % 32));
  }
  extract::ExtractInput input{bytes, "http://fuzz.example/a/b.html?id=1", content_type};
  auto article = extract::ExtractArticle(input);
  if (article) {
    std::string json = extract::ArticleToJson(*article, {"t", "t", 1});
    if (json.empty()) __builtin_trap();
  }
  return 0;
}
