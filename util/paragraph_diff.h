// A ParagraphDiff is the difference between two texts made of newline-separated paragraphs:
// which paragraphs were removed, added, changed (a removed paragraph paired with the similar one
// that replaced it, with the code points that differ) or moved, aligned by Myers' O(ND) diff
// ("An O(ND) Difference Algorithm and Its Variations", 1986) in its linear-space form.
//
// Pure functions on strings, no project knowledge. The work is bounded (DiffOptions): past the
// bound the part not yet aligned is reported as removed and added, a correct but not minimal
// diff, so two unrelated 10,000-paragraph texts take linear memory and bounded time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace util {

enum class EditOp { kEqual, kDelete, kInsert };

// `length` elements of sequence a from a_start (kEqual, kDelete) and of b from b_start (kEqual,
// kInsert); a kDelete's b_start (a kInsert's a_start) is where it sits in the other sequence.
struct EditRun {
  EditOp op = EditOp::kEqual;
  size_t a_start = 0;
  size_t b_start = 0;
  size_t length = 0;
};

struct EditScript {
  std::vector<EditRun> runs;  // in order; adjacent runs differ in op
  bool minimal = true;        // false when the work bound cut the search short
  size_t work = 0;            // work units spent
};

// Work units are steps of the search (one per diagonal tried or element compared).
inline constexpr size_t kDefaultMaxDiffWork = 20'000'000;

// The shortest edit script turning `a` into `b` (deletions before insertions where both are
// possible), or, past `max_work`, a longer one.
EditScript DiffSequences(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b,
                         size_t max_work = kDefaultMaxDiffWork);

// A piece of a code-point diff: text in both strings, only in the old one, or only in the new.
struct TextSpan {
  EditOp op = EditOp::kEqual;
  std::string text;

  bool operator==(const TextSpan&) const = default;
};

// The code-point diff of two UTF-8 strings (invalid bytes count as one unit each and are kept
// as they are), coalesced into spans: equal, deleted and inserted text in order, a deletion
// before an insertion at one place. An equal stretch between two changes that is no longer
// than either change is made part of one change, so that a coincidental common character does
// not cut a rewritten phrase in two.
std::vector<TextSpan> DiffCodePoints(std::string_view before, std::string_view after,
                                     size_t max_work = kDefaultMaxDiffWork);

// The number of code points of UTF-8 text (an invalid byte counts as one).
size_t CodePointCount(std::string_view text);

// The paragraphs of `text`: its lines split at '\n'. An empty text has none, and a trailing
// '\n' ends the last paragraph rather than starting an empty one.
std::vector<std::string_view> SplitParagraphs(std::string_view text);

struct DiffOptions {
  // Work allowed to align the paragraphs, and in all to compare removed and added paragraphs
  // by code points (decoding one costs one unit per code point). Past the second, paragraphs
  // not compared yet stay removed and added.
  size_t max_paragraph_work = kDefaultMaxDiffWork;
  size_t max_code_point_work = kDefaultMaxDiffWork;
  // A removed and an added paragraph are one changed paragraph when at least this share of
  // their code points is common (2 * common / (old + new)).
  double min_similarity = 0.5;
  // Removed and added paragraphs looked at as a possible pair (a length check, then perhaps a
  // code-point diff); past it, the rest stay removed and added.
  size_t max_pair_candidates = 1'000'000;
};

enum class ParagraphOp { kEqual, kRemoved, kAdded, kChanged };

struct ParagraphEdit {
  ParagraphOp op = ParagraphOp::kEqual;
  // 0-based positions in the old and new paragraphs; for a paragraph absent from one side,
  // where it would stand there (the number of that side's paragraphs before it).
  size_t old_index = 0;
  size_t new_index = 0;
  std::string old_text;         // kEqual, kRemoved, kChanged
  std::string new_text;         // kEqual, kAdded, kChanged
  std::vector<TextSpan> spans;  // kChanged: old_text -> new_text by code points
  // kRemoved / kAdded: the same text was added / removed elsewhere (a moved paragraph).
  bool moved = false;
};

struct ParagraphDiff {
  // Every paragraph of both texts in reading order, equal ones included; removed before added
  // where both stand at one place.
  std::vector<ParagraphEdit> edits;
  size_t old_paragraphs = 0;
  size_t new_paragraphs = 0;
  size_t removed = 0;  // kRemoved edits, moved ones included
  size_t added = 0;
  size_t changed = 0;
  size_t moved = 0;  // paragraphs moved (each counted once, not as removed plus added)
  bool minimal = true;

  bool IsIdentical() const { return removed == 0 && added == 0 && changed == 0; }
};

ParagraphDiff DiffParagraphs(std::string_view before, std::string_view after,
                             const DiffOptions& options = {});

}  // namespace util
