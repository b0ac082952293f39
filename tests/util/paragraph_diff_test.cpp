#include "util/paragraph_diff.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

namespace {

using util::DiffParagraphs;
using util::EditOp;
using util::ParagraphOp;
using util::TextSpan;

// Applies an edit script to `a`, checking each equal element against `b`: the script is
// right when this gives back `b`.
std::vector<uint32_t> Apply(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b,
                            const util::EditScript& script) {
  std::vector<uint32_t> out;
  size_t a_pos = 0;
  for (const util::EditRun& run : script.runs) {
    EXPECT_EQ(run.a_start, a_pos);
    EXPECT_EQ(run.b_start, out.size());
    for (size_t i = 0; i < run.length; ++i) {
      if (run.op == EditOp::kEqual) {
        EXPECT_EQ(a[run.a_start + i], b[run.b_start + i]);
        out.push_back(a[run.a_start + i]);
      } else if (run.op == EditOp::kInsert) {
        out.push_back(b[run.b_start + i]);
      }
    }
    if (run.op != EditOp::kInsert) a_pos += run.length;
  }
  EXPECT_EQ(a_pos, a.size());
  return out;
}

size_t EditCount(const util::EditScript& script) {
  size_t count = 0;
  for (const util::EditRun& run : script.runs) {
    if (run.op != EditOp::kEqual) count += run.length;
  }
  return count;
}

// Insertions plus deletions of a shortest script: |a| + |b| - 2 LCS, by dynamic programming.
size_t ShortestEditCount(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::vector<std::vector<size_t>> lcs(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      lcs[i][j] =
          a[i - 1] == b[j - 1] ? lcs[i - 1][j - 1] + 1 : std::max(lcs[i - 1][j], lcs[i][j - 1]);
    }
  }
  return a.size() + b.size() - 2 * lcs[a.size()][b.size()];
}

TEST(DiffSequences, FindsAShortestScriptOnRandomSequences) {
  std::mt19937 rng(15);
  for (int round = 0; round < 500; ++round) {
    std::uniform_int_distribution<size_t> length(0, 30);
    std::uniform_int_distribution<uint32_t> symbol(0, round % 2 == 0 ? 3 : 12);
    std::vector<uint32_t> a(length(rng));
    std::vector<uint32_t> b(length(rng));
    for (uint32_t& x : a) x = symbol(rng);
    for (uint32_t& x : b) x = symbol(rng);
    util::EditScript script = util::DiffSequences(a, b);
    ASSERT_EQ(Apply(a, b, script), b) << "round " << round;
    EXPECT_TRUE(script.minimal);
    EXPECT_EQ(EditCount(script), ShortestEditCount(a, b)) << "round " << round;
    for (size_t i = 1; i < script.runs.size(); ++i) {
      EXPECT_NE(script.runs[i].op, script.runs[i - 1].op);
      EXPECT_FALSE(script.runs[i].op == EditOp::kDelete &&
                   script.runs[i - 1].op == EditOp::kInsert);
    }
  }
}

TEST(DiffSequences, PastTheWorkBoundGivesACorrectLongerScript) {
  std::vector<uint32_t> a, b;
  for (uint32_t i = 0; i < 2000; ++i) {
    a.push_back(i % 7);
    b.push_back((i * 5 + 3) % 11);
  }
  util::EditScript script = util::DiffSequences(a, b, /*max_work=*/1000);
  EXPECT_FALSE(script.minimal);
  EXPECT_EQ(Apply(a, b, script), b);
  EXPECT_LE(script.work, 1000u + 4000u);  // the bound, plus the snake being followed
}

TEST(SplitParagraphs, SplitsAtNewlinesWithoutATrailingEmptyParagraph) {
  EXPECT_TRUE(util::SplitParagraphs("").empty());
  EXPECT_EQ(util::SplitParagraphs("一\n二\n"), (std::vector<std::string_view>{"一", "二"}));
  EXPECT_EQ(util::SplitParagraphs("a\n\nb"), (std::vector<std::string_view>{"a", "", "b"}));
}

TEST(DiffCodePoints, ComparesChineseTextByCharacterNotByte) {
  // 段 (E6 AE B5) and 落 (E8 90 BD) share no byte at the same place, but 第 and 。 are common.
  auto spans = util::DiffCodePoints("第二段。", "第二落。");
  EXPECT_EQ(spans, (std::vector<TextSpan>{{EditOp::kEqual, "第二"},
                                          {EditOp::kDelete, "段"},
                                          {EditOp::kInsert, "落"},
                                          {EditOp::kEqual, "。"}}));
  EXPECT_EQ(util::CodePointCount("第二段。ab"), 6u);
}

TEST(DiffCodePoints, ACoincidentalCommonCharacterDoesNotCutARewrittenPhrase) {
  auto spans = util::DiffCodePoints("会议：甲乙丙的丁戊己。", "会议：子丑寅的卯辰巳。");
  EXPECT_EQ(spans, (std::vector<TextSpan>{{EditOp::kEqual, "会议："},
                                          {EditOp::kDelete, "甲乙丙的丁戊己"},
                                          {EditOp::kInsert, "子丑寅的卯辰巳"},
                                          {EditOp::kEqual, "。"}}));
  // A longer common stretch stays.
  auto kept = util::DiffCodePoints("甲市长出席会议乙", "丙市长出席会议丁");
  EXPECT_EQ(kept.size(), 5u);
}

TEST(DiffCodePoints, KeepsInvalidBytesAsTheyAre) {
  std::string before =
      "ab\xff"
      "c";
  std::string after =
      "ab\xfe"
      "c";
  auto spans = util::DiffCodePoints(before, after);
  EXPECT_EQ(spans, (std::vector<TextSpan>{{EditOp::kEqual, "ab"},
                                          {EditOp::kDelete, "\xff"},
                                          {EditOp::kInsert, "\xfe"},
                                          {EditOp::kEqual, "c"}}));
  EXPECT_EQ(util::CodePointCount("\xe6\xae"), 2u);  // a cut sequence: two invalid bytes
}

std::vector<ParagraphOp> Ops(const util::ParagraphDiff& diff) {
  std::vector<ParagraphOp> ops;
  for (const auto& e : diff.edits) ops.push_back(e.op);
  return ops;
}

TEST(DiffParagraphs, IdenticalAndEmptyBodies) {
  auto same = DiffParagraphs("一\n二", "一\n二");
  EXPECT_TRUE(same.IsIdentical());
  EXPECT_EQ(Ops(same), (std::vector<ParagraphOp>{ParagraphOp::kEqual, ParagraphOp::kEqual}));

  auto empty = DiffParagraphs("", "");
  EXPECT_TRUE(empty.IsIdentical());
  EXPECT_TRUE(empty.edits.empty());

  auto filled = DiffParagraphs("", "第一段。\n第二段。");
  EXPECT_EQ(filled.added, 2u);
  EXPECT_EQ(filled.removed, 0u);
  EXPECT_EQ(Ops(filled), (std::vector<ParagraphOp>{ParagraphOp::kAdded, ParagraphOp::kAdded}));
  EXPECT_EQ(filled.edits[1].new_text, "第二段。");

  auto emptied = DiffParagraphs("第一段。", "");
  EXPECT_EQ(emptied.removed, 1u);
  EXPECT_EQ(emptied.old_paragraphs, 1u);
  EXPECT_EQ(emptied.new_paragraphs, 0u);
}

TEST(DiffParagraphs, AnInsertedParagraphIsAddedAtItsPlace) {
  auto diff = DiffParagraphs("会议召开。\n会议要求做好工作。",
                             "会议召开。\n新增的一段。\n会议要求做好工作。");
  EXPECT_EQ(diff.added, 1u);
  EXPECT_EQ(diff.removed, 0u);
  EXPECT_EQ(diff.changed, 0u);
  ASSERT_EQ(Ops(diff), (std::vector<ParagraphOp>{ParagraphOp::kEqual, ParagraphOp::kAdded,
                                                 ParagraphOp::kEqual}));
  EXPECT_EQ(diff.edits[1].new_text, "新增的一段。");
  EXPECT_EQ(diff.edits[1].new_index, 1u);
  EXPECT_EQ(diff.edits[1].old_index, 1u);  // would stand before the old second paragraph
  EXPECT_EQ(diff.edits[2].old_index, 1u);
  EXPECT_EQ(diff.edits[2].new_index, 2u);
}

TEST(DiffParagraphs, ADeletedParagraphIsRemoved) {
  auto diff = DiffParagraphs("一段。\n二段。\n三段。", "一段。\n三段。");
  EXPECT_EQ(diff.removed, 1u);
  EXPECT_EQ(diff.added, 0u);
  ASSERT_EQ(diff.edits.size(), 3u);
  EXPECT_EQ(diff.edits[1].op, ParagraphOp::kRemoved);
  EXPECT_EQ(diff.edits[1].old_text, "二段。");
  EXPECT_EQ(diff.edits[1].new_index, 1u);
}

TEST(DiffParagraphs, AnEditedParagraphIsChangedWithTheCharactersThatDiffer) {
  auto diff = DiffParagraphs("会议要求做好招商引资各项工作。\n第二段。",
                             "会议要求做好招商引资各项工作。\n第二段有改动。\n第三段。");
  EXPECT_EQ(diff.changed, 1u);
  EXPECT_EQ(diff.added, 1u);
  ASSERT_EQ(Ops(diff), (std::vector<ParagraphOp>{ParagraphOp::kEqual, ParagraphOp::kChanged,
                                                 ParagraphOp::kAdded}));
  const auto& changed = diff.edits[1];
  EXPECT_EQ(changed.old_text, "第二段。");
  EXPECT_EQ(changed.new_text, "第二段有改动。");
  EXPECT_EQ(changed.spans,
            (std::vector<TextSpan>{
                {EditOp::kEqual, "第二段"}, {EditOp::kInsert, "有改动"}, {EditOp::kEqual, "。"}}));
  EXPECT_EQ(diff.edits[2].new_text, "第三段。");
}

TEST(DiffParagraphs, AnAddedParagraphBeforeAnEditedOneIsNotTakenForTheEdit) {
  auto diff = DiffParagraphs("标题。\n市长出席会议并讲话。",
                             "标题。\n（记者 张三）\n市长出席会议并发表讲话。");
  ASSERT_EQ(Ops(diff), (std::vector<ParagraphOp>{ParagraphOp::kEqual, ParagraphOp::kAdded,
                                                 ParagraphOp::kChanged}));
  EXPECT_EQ(diff.edits[1].new_text, "（记者 张三）");
  EXPECT_EQ(diff.edits[2].old_text, "市长出席会议并讲话。");
}

TEST(DiffParagraphs, UnrelatedReplacementIsRemovedAndAdded) {
  auto diff = DiffParagraphs("一\n今天天气晴朗。\n三", "一\n招商引资会议召开。\n三");
  EXPECT_EQ(diff.changed, 0u);
  EXPECT_EQ(Ops(diff), (std::vector<ParagraphOp>{ParagraphOp::kEqual, ParagraphOp::kRemoved,
                                                 ParagraphOp::kAdded, ParagraphOp::kEqual}));
}

TEST(DiffParagraphs, AMovedParagraphIsMarkedMovedOnBothSides) {
  auto diff = DiffParagraphs("甲段。\n乙段。\n丙段。", "乙段。\n丙段。\n甲段。");
  EXPECT_EQ(diff.moved, 1u);
  EXPECT_EQ(diff.removed, 1u);
  EXPECT_EQ(diff.added, 1u);
  EXPECT_EQ(diff.changed, 0u);
  ASSERT_EQ(diff.edits.size(), 4u);
  EXPECT_EQ(diff.edits.front().op, ParagraphOp::kRemoved);
  EXPECT_TRUE(diff.edits.front().moved);
  EXPECT_EQ(diff.edits.back().op, ParagraphOp::kAdded);
  EXPECT_TRUE(diff.edits.back().moved);
  EXPECT_EQ(diff.edits.back().new_text, "甲段。");
}

std::string Paragraphs(size_t count, const std::string& prefix) {
  std::string text;
  for (size_t i = 0; i < count; ++i) text += prefix + std::to_string(i * 7919 % 100003) + "。\n";
  return text;
}

TEST(DiffParagraphs, TenThousandParagraphsWithAFewEditsAreAlignedExactly) {
  std::string before = Paragraphs(10'000, "第");
  std::string after = before;
  after.insert(0, "新的第一段。\n");
  after += "新的最后一段。";
  auto diff = DiffParagraphs(before, after);
  EXPECT_TRUE(diff.minimal);
  EXPECT_EQ(diff.added, 2u);
  EXPECT_EQ(diff.removed, 0u);
  EXPECT_EQ(diff.edits.size(), 10'002u);
}

TEST(DiffParagraphs, TwoUnrelatedTenThousandParagraphBodiesStayWithinTheWorkBound) {
  std::string before = Paragraphs(10'000, "甲");
  std::string after = Paragraphs(10'000, "乙");
  auto start = std::chrono::steady_clock::now();
  auto diff = DiffParagraphs(before, after);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(diff.removed + diff.changed, 10'000u);
  EXPECT_EQ(diff.added + diff.changed, 10'000u);
  size_t old_seen = 0, new_seen = 0;
  for (const auto& e : diff.edits) {
    if (e.op != ParagraphOp::kAdded) {
      EXPECT_EQ(e.old_index, old_seen++);
    }
    if (e.op != ParagraphOp::kRemoved) {
      EXPECT_EQ(e.new_index, new_seen++);
    }
  }
  EXPECT_EQ(old_seen, 10'000u);
  EXPECT_EQ(new_seen, 10'000u);
  // Generous even for a sanitizer build: the unbounded search would take minutes.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count(), 30);
}

TEST(DiffParagraphs, ASmallWorkBoundStillGivesEveryParagraph) {
  util::DiffOptions options;
  options.max_paragraph_work = 10;
  options.max_code_point_work = 10;
  auto diff = DiffParagraphs("a\nb\nc\nd\ne", "e\nd\nc\nb\na", options);
  EXPECT_FALSE(diff.minimal);
  EXPECT_EQ(diff.old_paragraphs, 5u);
  size_t old_count = 0, new_count = 0;
  for (const auto& e : diff.edits) {
    old_count += e.op != ParagraphOp::kAdded;
    new_count += e.op != ParagraphOp::kRemoved;
  }
  EXPECT_EQ(old_count, 5u);
  EXPECT_EQ(new_count, 5u);
}

}  // namespace
