// A DecodedPage is a page's bytes turned into UTF-8 text, with how the charset was chosen.
#pragma once

#include <string>

#include "extract/article.h"

namespace extract {

struct DecodedPage {
  std::string utf8;
  EncodingInfo encoding;
  // True when the chosen decoder met byte sequences invalid in that charset (replaced by U+FFFD).
  bool had_invalid_bytes = false;
};

}  // namespace extract
