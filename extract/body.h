// Body extraction: chooses the element holding the article's main text by content scoring over
// the DOM (text density, link density, punctuation, position), not by site rules, and renders
// it as paragraphs, leaving out navigation, metadata lines, prev/next lines, share widgets,
// copyright/ICP lines and comments. Pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "extract/article.h"
#include "extract/page_context.h"

namespace extract {

struct BodyResult {
  NodeId container = kNoNode;  // the chosen element, kNoNode when the page has no main text
  std::string text;            // paragraphs separated by '\n', no indentation, NFC
  std::vector<Image> images;   // images inside the main text, absolute URLs
};

BodyResult ExtractBody(const PageContext& ctx);

}  // namespace extract
