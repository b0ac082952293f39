// Body extraction: chooses the element holding the article's main text by content scoring over
// the DOM (text, link density, punctuation), not by site rules, and renders it as paragraphs,
// leaving out navigation, metadata lines, prev/next lines, share widgets, copyright/ICP lines
// and link lists. Pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "extract/article.h"
#include "extract/page_context.h"

namespace extract {

struct BodyOptions {
  // Descend from an element into its best child while the child keeps at least this share of
  // the element's content score (the tightest element that still holds the text).
  double descend_share = 0.7;
  // Link text counts this many times against an element's score.
  double link_penalty = 2.0;
  // Score multiplier for elements whose class/id marks boilerplate (nav, footer, sidebar...).
  double boilerplate_weight = 0.2;
  // Inside the chosen element, sub-blocks with more link text than this share and at least
  // kMinLinkBlockChars characters are link lists (related articles, tags), not text.
  double max_block_link_density = 0.5;
  size_t min_link_block_chars = 20;
  // ...unless they also hold this much text outside links.
  size_t max_link_list_text_chars = 200;
  // Lines shorter than this (bytes) are checked against the boilerplate line patterns.
  size_t max_boilerplate_line_bytes = 150;
  // A line that is mostly link text and shorter than this (bytes) is navigation.
  size_t max_link_line_bytes = 120;
};

struct BodyResult {
  NodeId container = kNoNode;  // the chosen element, kNoNode when the page has no main text
  std::string text;            // paragraphs separated by '\n', no indentation
  std::vector<Image> images;   // images inside the main text, absolute URLs
};

BodyResult ExtractBody(const PageContext& ctx, const BodyOptions& options = {});

// Renders a given element as body text (used for site-profile selectors too).
BodyResult RenderBody(const PageContext& ctx, NodeId container, const BodyOptions& options = {});

}  // namespace extract
