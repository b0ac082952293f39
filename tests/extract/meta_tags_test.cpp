#include "extract/meta_tags.h"

#include <gtest/gtest.h>

#include "extract/text_normalize.h"

namespace extract {
namespace {

TEST(MetaContents, ValuesInOrderOfTheNamesPreferenceThenOfThePage) {
  auto parsed = ParseHtml(
      "<head><meta name=Citation_Title content=\"third\"><meta property=\"OG:title\" "
      "content=\"first\"><meta name=og:title content=\"\"><meta itemprop=og:title "
      "content=\"second\"><meta name=description content=\"other\"></head>");
  ASSERT_TRUE(parsed.has_value());
  static constexpr std::string_view kNames[] = {"og:title", "citation_title"};
  EXPECT_EQ(MetaContents(parsed->document, kNames),
            (std::vector<std::string>{"first", "second", "third"}));
  EXPECT_TRUE(MetaContents(Document(), kNames).empty());
}

TEST(LowerAscii, LowersAsciiLettersOnly) {
  EXPECT_EQ(LowerAscii("DC.Title Ä 中文"), "dc.title Ä 中文");
}

}  // namespace
}  // namespace extract
