#include "storage/text_fold.h"

#include <gtest/gtest.h>

#include <thread>

namespace storage {
namespace {

TEST(TextFold, TraditionalChineseFoldsToSimplified) {
  EXPECT_EQ(FoldForSearch("商會"), "商会");
  EXPECT_EQ(FoldForSearch("臺灣經濟發展"), "台湾经济发展");
  EXPECT_EQ(FoldForSearch("商会"), "商会");  // simplified stays
}

TEST(TextFold, FullWidthAndUpperCaseFoldToLowerAscii) {
  EXPECT_EQ(FoldForSearch("２０２４年ＧＤＰ"), "2024年gdp");
  EXPECT_EQ(FoldForSearch("COVID-19 Ärzte"), "covid-19 ärzte");
  EXPECT_EQ(FoldForSearch("，（１）"), ",(1)");
}

TEST(TextFold, PunctuationAndOtherScriptsStay) {
  EXPECT_EQ(FoldForSearch("《人民日报》“要闻”。"), "《人民日报》“要闻”。");
  EXPECT_EQ(FoldForSearch("にほんご"), "にほんご");
}

// Each character folds alone: a term cut out of a sentence folds as it does inside it, even
// where the transliterator has a phrase rule (甚麼 → 什么 and 規畫 → 规划 as phrases).
TEST(TextFold, FoldingASubstringGivesASubstringOfTheFolding) {
  std::string text = "他問這項規畫是甚麼，商會與鐘錶店都不知道。";
  std::string folded = FoldForSearch(text);
  for (std::string term : {"甚", "甚麼", "畫", "規畫", "商會與鐘", "鐘錶店"}) {
    EXPECT_NE(folded.find(FoldForSearch(term)), std::string::npos) << term << " in " << folded;
  }
}

TEST(TextFold, OffsetsMapEveryFoldedCodePointToItsBytes) {
  std::string text = "A商會b";
  FoldedText folded = FoldWithOffsets(text);
  EXPECT_EQ(folded.folded, U"a商会b");
  EXPECT_EQ(folded.offsets, (std::vector<size_t>{0, 1, 4, 7, 8}));
  EXPECT_EQ(FoldForSearch(text).size(), text.size());
}

TEST(TextFold, InvalidUtf8BytesAreKeptOneByOne) {
  std::string text = "a\xff\xe5\x95商會";
  EXPECT_EQ(FoldForSearch(text), "a\xff\xe5\x95商会");
  FoldedText folded = FoldWithOffsets(text);
  ASSERT_EQ(folded.folded.size(), 6u);
  EXPECT_GT(folded.folded[1], 0x10FFFFu);
  EXPECT_EQ(folded.folded[5], U'会');
  EXPECT_EQ(folded.offsets[4], 4u);
}

TEST(TextFold, EveryThreadFoldsTheSame) {
  std::string from_thread;
  std::thread t([&] { from_thread = FoldForSearch("國際商會"); });
  t.join();
  EXPECT_EQ(from_thread, "国际商会");
  EXPECT_EQ(FoldForSearch("國際商會"), from_thread);
}

}  // namespace
}  // namespace storage
