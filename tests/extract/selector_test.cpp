#include "extract/selector.h"

#include <gtest/gtest.h>

#include "tests/support/test_util.h"

namespace extract {
namespace {

Document Parse(const char* html) {
  auto parsed = ParseHtml(html);
  EXPECT_TRUE(parsed.has_value());
  return parsed ? std::move(parsed->document) : Document();
}

std::string FirstText(const char* selector, const Document& doc) {
  auto s = Selector::Parse(selector);
  EXPECT_TRUE(s.has_value()) << selector;
  if (!s) return "";
  NodeId id = s->SelectFirst(doc);
  return id == kNoNode ? "<none>" : doc.CompactText(id);
}

TEST(Selector, MatchesTypeIdClassAndAttributes) {
  Document doc = Parse(
      "<div id=main class='box wide'><b class=title>T</b><span data-x='a b'>S</span>"
      "<p lang=zh>P</p></div>");
  EXPECT_EQ(FirstText("b", doc), "T");
  EXPECT_EQ(FirstText(".title", doc), "T");
  EXPECT_EQ(FirstText("#main > span", doc), "S");
  EXPECT_EQ(FirstText("div.wide.box span", doc), "S");
  EXPECT_EQ(FirstText("[data-x~=b]", doc), "S");
  EXPECT_EQ(FirstText("[data-x*='a b']", doc), "S");
  EXPECT_EQ(FirstText("p[lang=zh]", doc), "P");
  EXPECT_EQ(FirstText("p[lang=en]", doc), "<none>");
  EXPECT_EQ(FirstText("h1, p", doc), "P");
}

TEST(Selector, ChildCombinatorRequiresDirectParent) {
  Document doc = Parse("<div class=a><section><p>deep</p></section></div>");
  EXPECT_EQ(FirstText(".a p", doc), "deep");
  EXPECT_EQ(FirstText(".a > p", doc), "<none>");
  EXPECT_EQ(FirstText(".a > section > p", doc), "deep");
}

TEST(Selector, RejectsUnsupportedSyntaxWithPosition) {
  for (const char* bad : {"", "a >", "> a", "a,,b", "p:first-child", "[x", "a[x^=1]", ".", "#"}) {
    auto s = Selector::Parse(bad);
    EXPECT_ERROR_CODE(s, kConfig);
  }
  auto s = Selector::Parse("p:hover");
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("position 1"), std::string::npos) << s.error().message;
}

}  // namespace
}  // namespace extract
