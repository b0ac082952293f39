#include "util/paragraph_diff.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <utility>

namespace util {
namespace {

// Myers' linear-space diff: strip the common prefix and suffix, find the middle snake by
// searching from both ends at once, split there and recurse. The search follows
// diff-match-patch's diff_bisect (Neil Fraser), which is Myers' algorithm with the V arrays
// of both directions sized by the larger possible D, i.e. O(N + M) memory. Its time is
// O((N + M) * D); `max_work` bounds it.
class Differ {
 public:
  Differ(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, size_t max_work)
      : a_(a), b_(b), max_work_(max_work) {}

  EditScript Run() {
    Diff(0, a_.size(), 0, b_.size());
    return EditScript{Normalized(), minimal_, work_};
  }

 private:
  void Emit(EditOp op, size_t a_start, size_t b_start, size_t length) {
    if (length > 0) runs_.push_back(EditRun{op, a_start, b_start, length});
  }

  // Everything between [a0, a1) and [b0, b1) removed and added: what is left when the work
  // bound is reached.
  void GiveUp(size_t a0, size_t a1, size_t b0, size_t b1) {
    minimal_ = false;
    Emit(EditOp::kDelete, a0, b0, a1 - a0);
    Emit(EditOp::kInsert, a1, b0, b1 - b0);
  }

  void Diff(size_t a0, size_t a1, size_t b0, size_t b1) {
    size_t prefix = 0;
    while (a0 + prefix < a1 && b0 + prefix < b1 && a_[a0 + prefix] == b_[b0 + prefix]) ++prefix;
    Emit(EditOp::kEqual, a0, b0, prefix);
    a0 += prefix;
    b0 += prefix;
    size_t suffix = 0;
    while (a1 - suffix > a0 && b1 - suffix > b0 && a_[a1 - suffix - 1] == b_[b1 - suffix - 1]) {
      ++suffix;
    }
    size_t a_end = a1 - suffix;
    size_t b_end = b1 - suffix;
    if (a0 == a_end) {
      Emit(EditOp::kInsert, a0, b0, b_end - b0);
    } else if (b0 == b_end) {
      Emit(EditOp::kDelete, a0, b0, a_end - a0);
    } else if (work_ >= max_work_) {
      GiveUp(a0, a_end, b0, b_end);
    } else {
      Bisect(a0, a_end, b0, b_end);
    }
    Emit(EditOp::kEqual, a_end, b_end, suffix);
  }

  // REQUIRES: both ranges non-empty, their first elements differ and their last ones too.
  void Bisect(size_t a0, size_t a1, size_t b0, size_t b1) {
    const long n = static_cast<long>(a1 - a0);
    const long m = static_cast<long>(b1 - b0);
    const long max_d = (n + m + 1) / 2;
    const long offset = max_d;
    const long length = 2 * max_d + 2;
    std::vector<long> forward(static_cast<size_t>(length), -1);
    std::vector<long> backward(static_cast<size_t>(length), -1);
    forward[static_cast<size_t>(offset + 1)] = 0;
    backward[static_cast<size_t>(offset + 1)] = 0;
    const long delta = n - m;
    // With an odd delta the paths meet while extending forward, with an even one backward.
    const bool front = (delta % 2) != 0;
    // Diagonals that ran off the edit graph are skipped from then on.
    long k1_start = 0, k1_end = 0, k2_start = 0, k2_end = 0;
    auto at = [](std::vector<long>& v, long i) -> long& { return v[static_cast<size_t>(i)]; };
    auto a = [&](long x) { return a_[a0 + static_cast<size_t>(x)]; };
    auto b = [&](long y) { return b_[b0 + static_cast<size_t>(y)]; };

    for (long d = 0; d < max_d; ++d) {
      for (long k1 = -d + k1_start; k1 <= d - k1_end; k1 += 2) {
        if (++work_ > max_work_) return GiveUp(a0, a1, b0, b1);
        long k1_offset = offset + k1;
        long x1 = (k1 == -d || (k1 != d && at(forward, k1_offset - 1) < at(forward, k1_offset + 1)))
                      ? at(forward, k1_offset + 1)
                      : at(forward, k1_offset - 1) + 1;
        long y1 = x1 - k1;
        while (x1 < n && y1 < m && a(x1) == b(y1)) {
          ++x1;
          ++y1;
          ++work_;
        }
        at(forward, k1_offset) = x1;
        if (x1 > n) {
          k1_end += 2;
        } else if (y1 > m) {
          k1_start += 2;
        } else if (front) {
          long k2_offset = offset + delta - k1;
          if (k2_offset >= 0 && k2_offset < length && at(backward, k2_offset) != -1 &&
              x1 >= n - at(backward, k2_offset)) {
            return Split(a0, a1, b0, b1, x1, y1);
          }
        }
      }
      for (long k2 = -d + k2_start; k2 <= d - k2_end; k2 += 2) {
        if (++work_ > max_work_) return GiveUp(a0, a1, b0, b1);
        long k2_offset = offset + k2;
        long x2 =
            (k2 == -d || (k2 != d && at(backward, k2_offset - 1) < at(backward, k2_offset + 1)))
                ? at(backward, k2_offset + 1)
                : at(backward, k2_offset - 1) + 1;
        long y2 = x2 - k2;
        while (x2 < n && y2 < m && a(n - x2 - 1) == b(m - y2 - 1)) {
          ++x2;
          ++y2;
          ++work_;
        }
        at(backward, k2_offset) = x2;
        if (x2 > n) {
          k2_end += 2;
        } else if (y2 > m) {
          k2_start += 2;
        } else if (!front) {
          long k1_offset = offset + delta - k2;
          if (k1_offset >= 0 && k1_offset < length && at(forward, k1_offset) != -1) {
            long x1 = at(forward, k1_offset);
            long y1 = offset + x1 - k1_offset;
            if (x1 >= n - x2) return Split(a0, a1, b0, b1, x1, y1);
          }
        }
      }
    }
    // No common element at all.
    Emit(EditOp::kDelete, a0, b0, a1 - a0);
    Emit(EditOp::kInsert, a1, b0, b1 - b0);
  }

  void Split(size_t a0, size_t a1, size_t b0, size_t b1, long x, long y) {
    size_t a_mid = a0 + static_cast<size_t>(x);
    size_t b_mid = b0 + static_cast<size_t>(y);
    if ((a_mid == a0 && b_mid == b0) || (a_mid == a1 && b_mid == b1)) {
      // Cannot happen with the ends stripped; kept so that a mistake cannot recurse forever.
      return GiveUp(a0, a1, b0, b1);
    }
    Diff(a0, a_mid, b0, b_mid);
    Diff(a_mid, a1, b_mid, b1);
  }

  // The runs as one equal run per stretch of equal elements and, between two, one delete run
  // and one insert run (the recursion emits a change in pieces).
  std::vector<EditRun> Normalized() const {
    std::vector<EditRun> out;
    size_t i = 0;
    while (i < runs_.size()) {
      if (runs_[i].op == EditOp::kEqual) {
        if (!out.empty() && out.back().op == EditOp::kEqual) {
          out.back().length += runs_[i].length;
        } else {
          out.push_back(runs_[i]);
        }
        ++i;
        continue;
      }
      EditRun del{EditOp::kDelete, runs_[i].a_start, runs_[i].b_start, 0};
      EditRun ins{EditOp::kInsert, runs_[i].a_start, runs_[i].b_start, 0};
      for (; i < runs_.size() && runs_[i].op != EditOp::kEqual; ++i) {
        (runs_[i].op == EditOp::kDelete ? del : ins).length += runs_[i].length;
      }
      ins.a_start = del.a_start + del.length;
      if (del.length > 0) out.push_back(del);
      if (ins.length > 0) out.push_back(ins);
    }
    return out;
  }

  const std::vector<uint32_t>& a_;
  const std::vector<uint32_t>& b_;
  const size_t max_work_;
  size_t work_ = 0;
  bool minimal_ = true;
  std::vector<EditRun> runs_;
};

// Code points of UTF-8 text as tokens, with the byte offset of each (and the end). An invalid
// byte is a token of its own above U+10FFFF, so it never equals a character.
struct CodePoints {
  std::vector<uint32_t> tokens;
  std::vector<size_t> offsets;
};

constexpr uint32_t kInvalidByteBase = 0x110000;

// The length of the UTF-8 sequence at text[i] and its code point; length 1 and a token above
// U+10FFFF for an invalid byte.
size_t DecodeAt(std::string_view text, size_t i, uint32_t* token) {
  auto byte = [&](size_t j) { return static_cast<unsigned char>(text[j]); };
  unsigned char lead = byte(i);
  size_t length = lead < 0x80           ? 1
                  : (lead >> 5) == 0x6  ? 2
                  : (lead >> 4) == 0xE  ? 3
                  : (lead >> 3) == 0x1E ? 4
                                        : 0;
  if (length == 1) {
    *token = lead;
    return 1;
  }
  if (length == 0 || i + length > text.size()) {
    *token = kInvalidByteBase + lead;
    return 1;
  }
  uint32_t cp = lead & (0x7F >> length);
  for (size_t j = 1; j < length; ++j) {
    if ((byte(i + j) & 0xC0) != 0x80) {
      *token = kInvalidByteBase + lead;
      return 1;
    }
    cp = (cp << 6) | (byte(i + j) & 0x3F);
  }
  *token = cp;
  return length;
}

CodePoints Decode(std::string_view text) {
  CodePoints out;
  out.tokens.reserve(text.size());
  out.offsets.reserve(text.size() + 1);
  size_t i = 0;
  while (i < text.size()) {
    uint32_t token = 0;
    size_t length = DecodeAt(text, i, &token);
    out.tokens.push_back(token);
    out.offsets.push_back(i);
    i += length;
  }
  out.offsets.push_back(text.size());
  return out;
}

// A stretch of a code-point diff: equal text, or a change (text removed and text added).
struct Stretch {
  bool equal = true;
  std::string removed;  // equal: the text
  std::string added;
  size_t removed_chars = 0;  // equal: its length
  size_t added_chars = 0;
};

// Merges a short equal stretch between two changes into one change, as diff-match-patch's
// diff_cleanupSemantic does: an equality no longer than the larger side of the change on
// either side of it. "甲乙丙的丁戊己" -> "子丑寅的卯辰巳" then reads as one change rather than
// two around a coincidental 的. One pass with a stack: a merged change is checked again
// against the stretches before it, so it runs in linear time.
std::vector<TextSpan> Cleaned(const std::vector<TextSpan>& spans) {
  std::vector<Stretch> stack;
  auto mergeable = [&stack] {
    if (stack.size() < 3) return false;
    const Stretch& after = stack[stack.size() - 1];
    const Stretch& equal = stack[stack.size() - 2];
    const Stretch& before = stack[stack.size() - 3];
    return !after.equal && equal.equal && !before.equal &&
           equal.removed_chars <= std::max(before.removed_chars, before.added_chars) &&
           equal.removed_chars <= std::max(after.removed_chars, after.added_chars);
  };
  for (const TextSpan& span : spans) {
    size_t chars = CodePointCount(span.text);
    if (span.op == EditOp::kEqual) {
      stack.push_back(Stretch{true, span.text, "", chars, 0});
      continue;
    }
    if (stack.empty() || stack.back().equal) stack.push_back(Stretch{false, "", "", 0, 0});
    Stretch& change = stack.back();
    (span.op == EditOp::kDelete ? change.removed : change.added) += span.text;
    (span.op == EditOp::kDelete ? change.removed_chars : change.added_chars) += chars;
    while (mergeable()) {
      Stretch after = std::move(stack.back());
      stack.pop_back();
      Stretch equal = std::move(stack.back());
      stack.pop_back();
      Stretch& before = stack.back();
      before.removed += equal.removed + after.removed;
      before.added += equal.removed + after.added;
      before.removed_chars += equal.removed_chars + after.removed_chars;
      before.added_chars += equal.removed_chars + after.added_chars;
    }
  }
  std::vector<TextSpan> out;
  for (Stretch& s : stack) {
    if (s.equal) {
      out.push_back(TextSpan{EditOp::kEqual, std::move(s.removed)});
      continue;
    }
    if (!s.removed.empty()) out.push_back(TextSpan{EditOp::kDelete, std::move(s.removed)});
    if (!s.added.empty()) out.push_back(TextSpan{EditOp::kInsert, std::move(s.added)});
  }
  return out;
}

// The code-point diff of two texts, the share of their code points in common and the work
// spent (decoding included).
struct PairDiff {
  std::vector<TextSpan> spans;
  double similarity = 0;
  size_t work = 0;
};

PairDiff DiffPair(std::string_view before, std::string_view after, size_t max_work) {
  CodePoints a = Decode(before);
  CodePoints b = Decode(after);
  size_t decode_work = a.tokens.size() + b.tokens.size();
  EditScript script =
      DiffSequences(a.tokens, b.tokens, max_work > decode_work ? max_work - decode_work : 0);
  PairDiff out;
  out.work = decode_work + script.work;
  size_t common = 0;
  for (const EditRun& run : script.runs) {
    std::string_view text;
    if (run.op == EditOp::kInsert) {
      text = after.substr(b.offsets[run.b_start],
                          b.offsets[run.b_start + run.length] - b.offsets[run.b_start]);
    } else {
      text = before.substr(a.offsets[run.a_start],
                           a.offsets[run.a_start + run.length] - a.offsets[run.a_start]);
    }
    if (run.op == EditOp::kEqual) common += run.length;
    out.spans.push_back(TextSpan{run.op, std::string(text)});
  }
  out.spans = Cleaned(out.spans);
  size_t total = a.tokens.size() + b.tokens.size();
  out.similarity =
      total == 0 ? 1.0 : 2.0 * static_cast<double>(common) / static_cast<double>(total);
  return out;
}

// Whether two paragraphs can be similar enough at all, from their lengths alone: the common
// part is at most the shorter one.
bool CanBeSimilar(size_t a_chars, size_t b_chars, double min_similarity) {
  size_t total = a_chars + b_chars;
  return total == 0 ||
         2.0 * static_cast<double>(std::min(a_chars, b_chars)) / static_cast<double>(total) >=
             min_similarity;
}

}  // namespace

EditScript DiffSequences(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b,
                         size_t max_work) {
  return Differ(a, b, max_work).Run();
}

std::vector<TextSpan> DiffCodePoints(std::string_view before, std::string_view after,
                                     size_t max_work) {
  return DiffPair(before, after, max_work).spans;
}

size_t CodePointCount(std::string_view text) {
  size_t count = 0;
  uint32_t token = 0;
  for (size_t i = 0; i < text.size(); i += DecodeAt(text, i, &token)) ++count;
  return count;
}

std::vector<std::string_view> SplitParagraphs(std::string_view text) {
  std::vector<std::string_view> paragraphs;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    paragraphs.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return paragraphs;
}

ParagraphDiff DiffParagraphs(std::string_view before, std::string_view after,
                             const DiffOptions& options) {
  std::vector<std::string_view> old_paragraphs = SplitParagraphs(before);
  std::vector<std::string_view> new_paragraphs = SplitParagraphs(after);
  // Paragraphs as tokens: equal text, equal token.
  std::unordered_map<std::string_view, uint32_t> ids;
  auto tokens_of = [&ids](const std::vector<std::string_view>& paragraphs) {
    std::vector<uint32_t> tokens;
    tokens.reserve(paragraphs.size());
    for (std::string_view p : paragraphs) {
      tokens.push_back(ids.emplace(p, static_cast<uint32_t>(ids.size())).first->second);
    }
    return tokens;
  };
  std::vector<uint32_t> a = tokens_of(old_paragraphs);
  std::vector<uint32_t> b = tokens_of(new_paragraphs);
  EditScript script = DiffSequences(a, b, options.max_paragraph_work);

  ParagraphDiff diff;
  diff.old_paragraphs = old_paragraphs.size();
  diff.new_paragraphs = new_paragraphs.size();
  diff.minimal = script.minimal;

  // Moved paragraphs: a removed paragraph whose exact text is added elsewhere, paired in order.
  std::vector<bool> old_moved(a.size(), false);
  std::vector<bool> new_moved(b.size(), false);
  {
    std::unordered_multimap<uint32_t, size_t> removed;
    for (const EditRun& run : script.runs) {
      if (run.op != EditOp::kDelete) continue;
      for (size_t i = run.a_start; i < run.a_start + run.length; ++i) removed.emplace(a[i], i);
    }
    for (const EditRun& run : script.runs) {
      if (run.op != EditOp::kInsert) continue;
      for (size_t j = run.b_start; j < run.b_start + run.length; ++j) {
        auto it = removed.find(b[j]);
        if (it == removed.end()) continue;
        old_moved[it->second] = true;
        new_moved[j] = true;
        removed.erase(it);
        ++diff.moved;
      }
    }
  }

  std::vector<size_t> old_chars(a.size());
  std::vector<size_t> new_chars(b.size());
  for (size_t i = 0; i < a.size(); ++i) old_chars[i] = CodePointCount(old_paragraphs[i]);
  for (size_t j = 0; j < b.size(); ++j) new_chars[j] = CodePointCount(new_paragraphs[j]);
  size_t candidates = 0;
  size_t code_point_work = 0;
  auto push = [&](ParagraphOp op, size_t old_index, size_t new_index) {
    ParagraphEdit edit;
    edit.op = op;
    edit.old_index = old_index;
    edit.new_index = new_index;
    if (op != ParagraphOp::kAdded) edit.old_text = std::string(old_paragraphs[old_index]);
    if (op != ParagraphOp::kRemoved) edit.new_text = std::string(new_paragraphs[new_index]);
    if (op == ParagraphOp::kRemoved) edit.moved = old_moved[old_index];
    if (op == ParagraphOp::kAdded) edit.moved = new_moved[new_index];
    diff.edits.push_back(std::move(edit));
    return &diff.edits.back();
  };

  for (size_t r = 0; r < script.runs.size(); ++r) {
    const EditRun& run = script.runs[r];
    if (run.op == EditOp::kEqual) {
      for (size_t i = 0; i < run.length; ++i) {
        push(ParagraphOp::kEqual, run.a_start + i, run.b_start + i);
      }
      continue;
    }
    // One change: a delete run, an insert run, or a delete run followed by an insert run.
    size_t a_start = run.a_start, a_end = run.a_start;
    size_t b_start = run.b_start, b_end = run.b_start;
    if (run.op == EditOp::kDelete) {
      a_end += run.length;
      if (r + 1 < script.runs.size() && script.runs[r + 1].op == EditOp::kInsert) ++r;
    }
    if (script.runs[r].op == EditOp::kInsert) {
      b_start = script.runs[r].b_start;
      b_end = b_start + script.runs[r].length;
    }
    // Changed paragraphs: each removed one (in order) paired with the first similar enough
    // added one after the previous pair's; moved ones are left out.
    size_t i = a_start, j = b_start;
    while (i < a_end || j < b_end) {
      std::optional<std::pair<size_t, PairDiff>> pair;
      size_t pair_i = i;
      for (; pair_i < a_end && !pair; ++pair_i) {
        if (old_moved[pair_i]) continue;
        for (size_t k = j; k < b_end && candidates < options.max_pair_candidates; ++k) {
          ++candidates;
          if (new_moved[k] ||
              !CanBeSimilar(old_chars[pair_i], new_chars[k], options.min_similarity)) {
            continue;
          }
          size_t cost = old_chars[pair_i] + new_chars[k];
          if (code_point_work + cost > options.max_code_point_work) continue;
          PairDiff pd = DiffPair(old_paragraphs[pair_i], new_paragraphs[k],
                                 options.max_code_point_work - code_point_work);
          code_point_work += pd.work;
          if (pd.similarity >= options.min_similarity) {
            pair.emplace(k, std::move(pd));
            break;
          }
        }
        if (pair) break;
      }
      size_t stop_i = pair ? pair_i : a_end;
      size_t stop_j = pair ? pair->first : b_end;
      for (; i < stop_i; ++i) {
        push(ParagraphOp::kRemoved, i, j);
        ++diff.removed;
      }
      for (; j < stop_j; ++j) {
        push(ParagraphOp::kAdded, i, j);
        ++diff.added;
      }
      if (pair) {
        push(ParagraphOp::kChanged, i, j)->spans = std::move(pair->second.spans);
        ++diff.changed;
        ++i;
        ++j;
      }
    }
  }
  return diff;
}

}  // namespace util
