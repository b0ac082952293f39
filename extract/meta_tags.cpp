#include "extract/meta_tags.h"

#include <algorithm>
#include <utility>

#include "extract/text_normalize.h"

namespace extract {

std::vector<std::string> MetaContents(const Document& doc,
                                      std::span<const std::string_view> names) {
  std::vector<std::pair<size_t, std::string>> found;
  for (NodeId m : doc.FindAll("meta")) {
    auto content = doc.Attr(m, "content");
    if (!content || content->empty()) continue;
    for (const char* attr : {"property", "name", "itemprop", "http-equiv"}) {
      auto name = doc.Attr(m, attr);
      if (!name) continue;
      auto it = std::find(names.begin(), names.end(), LowerAscii(*name));
      if (it == names.end()) continue;
      found.emplace_back(static_cast<size_t>(it - names.begin()), std::string(*content));
      break;
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

}  // namespace extract
