// Body extraction: chooses the element holding the article's main text by content scoring over
// the DOM (paragraph length, sentence punctuation, link density, boilerplate class/id tokens),
// not by site rules, and renders it as paragraphs, leaving out navigation, headlines, metadata
// lines, prev/next lines, share widgets, copyright/ICP lines and link lists.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "extract/article.h"
#include "extract/page_context.h"

namespace extract {

struct BodyOptions {
  // --- Scoring (one value per line of text, summed bottom-up over the tree).
  // A line of at least this many units (a CJK character counts 2, another visible character 1)
  // or with sentence punctuation counts fully; shorter lines (labels, menu items, bylines)
  // count `short_line_weight` of their length.
  size_t long_line_units = 50;
  double short_line_weight = 0.3;
  // Units added per sentence punctuation mark (，。；！？、 and ASCII .,;!?).
  double punctuation_units = 8.0;
  // A line whose link text exceeds this share of its text is navigation and counts nothing.
  double max_line_link_density = 0.5;
  // Score multiplier for elements marked as boilerplate (nav/footer/aside tags, class or id
  // tokens such as nav, sidebar, comment, share), unless they hold at least
  // `boilerplate_majority` of the page's text (then the token is not believed).
  double boilerplate_weight = 0.1;
  double boilerplate_majority = 0.5;
  // Teaser lists ("more news" with summaries) count as boilerplate: at least
  // `min_teaser_items` children, `teaser_share` of them of one tag and class, holding a link, and
  // either worth less than `max_teaser_item_value` each (a paragraph of about 80 CJK characters) or
  // under a linked headline.
  size_t min_teaser_items = 4;
  double teaser_share = 0.8;
  double max_teaser_item_value = 200;

  // --- Container choice.
  // From <body>, descend into the best child while it keeps at least this share of the score:
  // the result is the tightest element that still holds the text.
  double descend_share = 0.7;
  // After the descent, siblings of the container with at least this share of its score and a
  // link density below `max_sibling_link_density` continue the text and are rendered too.
  double sibling_share = 0.2;
  double max_sibling_link_density = 0.25;
  // A sibling <p> worth at least this much (about 40 CJK characters or 80 Latin ones) is a
  // paragraph of the text and is merged whatever its share.
  double min_sibling_paragraph_value = 80;
  // An element marked itemprop="articleBody" replaces a container outside it when its own
  // score reaches this (about two sentences).
  double min_marked_body_value = 150;
  // A chosen text whose characters are at least this share disclaimer or copyright lines is the
  // wrong block: the choice is made again without it, at most `max_body_retries` times, and a
  // text that is still mostly such lines is no body.
  double max_disclaimer_share = 0.5;
  int max_body_retries = 2;

  // --- Rendering.
  // Inside the container, blocks with more link text than this share and at least
  // `min_link_block_chars` characters are link lists (related articles, tags), unless they
  // also hold `max_link_list_text_chars` characters outside links.
  double max_block_link_density = 0.5;
  size_t min_link_block_chars = 20;
  size_t max_link_list_text_chars = 200;
  // Lines up to this many bytes are checked against the boilerplate line patterns.
  size_t max_boilerplate_line_bytes = 150;
  // A line that is mostly link text and shorter than this (bytes) is navigation.
  size_t max_link_line_bytes = 200;
  // A date-only line at the edges of the text is at most this long (bytes).
  size_t max_date_line_bytes = 40;
};

struct BodyResult {
  NodeId container = kNoNode;  // the chosen element, kNoNode when the page has no main text
  std::string text;            // paragraphs separated by '\n', no indentation
  std::vector<Image> images;   // images inside the main text, absolute URLs
};

BodyResult ExtractBody(const PageContext& ctx, const BodyOptions& options = {});

// Renders a given element as body text, with the same line filtering as ExtractBody (used for
// site-profile selectors too).
BodyResult RenderBody(const PageContext& ctx, NodeId container, const BodyOptions& options = {});

}  // namespace extract
