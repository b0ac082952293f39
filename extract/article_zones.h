// ArticleZones cut a page's visible text into lines (block elements and <br> end a line) and
// say which part of an article each line belongs to: the header above the text (headline,
// date, source and view bars), the lead and tail of the text, the lines right after it, or
// none (navigation, sidebars, footer). Metadata and dates are looked for by zone.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "extract/document.h"

namespace extract {

// Where metadata is looked for, in lines of text.
// Above the text: from a few lines over the headline (source/date bars printed above it) down
// to the text; without a headline, a fixed number of lines.
inline constexpr int kMaxHeaderLines = 25;
inline constexpr int kLinesAboveHeadline = 4;
inline constexpr int kHeaderFallbackLines = 10;
// Top of the text: lines up to and including the first long paragraph (bylines such as
// "澎湃新闻记者 段彦超" open the text), at most this many.
inline constexpr int kMaxLeadLines = 12;
// A line of at least this many characters is a paragraph of the article, not a metadata line.
inline constexpr size_t kLongParagraphChars = 60;
// Bottom of the text ("（责任编辑：张三）", "来源：无锡交警") and what follows it.
inline constexpr int kTailLines = 8;
inline constexpr int kAfterLines = 15;

struct Line {
  std::u32string text;
  NodeId first = kNoNode;  // first and last text node of the line
  NodeId last = kNoNode;
};

enum Zone { kHeader = 0, kLead = 1, kTail = 2, kAfter = 3, kNone = 4 };

// The visible text under `root` cut into lines at block boundaries and <br>, like
// Document::Text, keeping the nodes each line came from. Hidden subtrees are skipped.
std::vector<Line> BuildLines(const Document& doc, NodeId root);

// Line index of every text node (−1 when not on a line).
std::vector<int> LineOfNode(const Document& doc, const std::vector<Line>& lines);

// True when the text node sits in a headline: an <h1>–<h3> or an element whose class or id
// names a headline; in a list item only an <h1>, through a link only an <h1>/<h2>; never in a
// <nav> or a <footer>.
bool IsHeadlineNode(const Document& doc, NodeId text_node);

// The element with the most paragraph text directly under it: a stand-in for the text
// container when the body extractor gave none or the whole <body>.
NodeId EstimateTextBlock(const Document& doc);

// The zone of every line, given the element holding the article's text (may be kNoNode or
// <body>, then estimated).
std::vector<Zone> ArticleZones(const Document& doc, const std::vector<Line>& lines,
                               NodeId container);

}  // namespace extract
