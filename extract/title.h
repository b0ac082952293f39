// Title extraction: the in-page headline, cross-checked with <title> and og:title, with site
// decoration ("_贵州豫商网", " - 新华网", "| Site") removed; never a column or site name.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "extract/page_context.h"

namespace extract {

struct TitleOptions {
  // Headline candidates shorter or longer than this (in code points) are not headlines.
  size_t min_chars = 4;
  size_t max_chars = 120;
  // ...except an in-page headline that <title>, og:title or the JSON-LD headline confirms.
  size_t min_confirmed_chars = 2;
  // Candidates are looked for above the text container and this many nodes into it.
  int max_nodes_into_body = 60;
  // A headline element has at most this many nodes (text, links, spans) in its subtree.
  int max_candidate_nodes = 64;
  // Markup weights of candidates: <h1>; <h2>–<h6> or a "title" class; a lone bold line. Among
  // candidates that <title> does not confirm, only heading weight or more count.
  int h1_weight = 3;
  int heading_weight = 2;
  int bold_weight = 1;
  // A candidate found in <title> confirms it only when it covers at least this many tenths of
  // <title>'s headline segment (a blog name in "Blog: Post title" does not).
  size_t min_title_share_tenths = 6;
  // A bracketed label of at most this many code points before the headline ("【独家】") is a
  // kicker and is left out.
  size_t max_kicker_chars = 8;
  // A <title> the page never shows gives way to a headline-like line with at most this many
  // lines of text between it and the text container.
  int max_lines_above_text = 2;
};

// `body_container` (may be kNoNode) helps find the headline printed just above the text.
// `site_titles` are other pages' <title>s of the same site (site_titles.h): the decoration
// they share with this page's <title> is removed first.
std::optional<std::string> ExtractTitle(const PageContext& ctx, NodeId body_container,
                                        std::span<const std::string> site_titles = {},
                                        const TitleOptions& options = {});

// Removes site-name decoration from a <title>-like string: "精心谋划_贵州豫商网" → "精心谋划",
// "Site | Headline of the story" → "Headline of the story" (the longest segment).
std::string StripTitleDecoration(std::string_view title);

}  // namespace extract
