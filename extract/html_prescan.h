// PrescanHtml prepares UTF-8 HTML for the HTML5 parser in one forward pass over its tags: it
// drops the bodies of <script> and <style> elements, which newsarc never reads, and cuts the
// input before a tag that would nest elements too deeply or exceed the number of elements
// parsed. Pure function; no parser involved.
//
// Why drop the bodies: scripts and styles are about 40 % of the bytes of real news pages, and
// Gumbo's tokenizer spends as long on each of their bytes as on the article's. Their text is
// never visible, so the tree the parser builds is the same apart from those text nodes being
// empty. Kept: scripts whose type mentions "json" (JSON-LD carries the headline, dates and
// author). The scan follows the HTML tokenizer where it matters for finding tag boundaries:
// comments, quoted attribute values, RAWTEXT/RCDATA elements (<title>, <textarea>, <xmp>...)
// and the script-data escape states, so `<!-- document.write("<script>…</script>") -->` inside
// a script does not end it early.
//
// Why cut deep nesting: Gumbo's tree builder scans the stack of open elements for every start
// tag, so N nested <div>s cost O(N^2) (100k take 15 s). Browsers cap DOM depth for the same
// reason (Blink: 512). The depth is estimated as start tags minus end tags, ignoring void and
// optional-end-tag elements and self-closing tags.
//
// Why cut at a number of elements: the parse tree, not the page's bytes, is what costs memory
// (Gumbo's tree and the Document copied from it: about 1 KB per element with its text node,
// so 9 MB of bare links made 600 MB). Counting start tags bounds it whatever the markup.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace extract {

// A run of the input: input.substr(offset, size).
struct TextSpan {
  size_t offset = 0;
  size_t size = 0;
};

struct PrescannedHtml {
  std::string html;               // what the parser should read
  bool cut_for_depth = false;     // the input was cut before the tag that would nest too deeply
  bool cut_for_elements = false;  // the input was cut before the start tag past max_elements
  // The body of every <script> element in the input, dropped or kept, in page order: the link
  // readers look there for pagers and redirects written by scripts (script_links.h).
  std::vector<TextSpan> scripts;
};

// With `drop_script_and_style` false, only the cuts apply. `max_elements` counts every start
// tag (void, raw-text and self-closing ones included).
PrescannedHtml PrescanHtml(std::string_view html, int max_nesting_depth,
                           bool drop_script_and_style = true,
                           size_t max_elements = std::numeric_limits<size_t>::max());

}  // namespace extract
