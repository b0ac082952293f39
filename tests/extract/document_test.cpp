#include "extract/document.h"

#include <gtest/gtest.h>

#include "tests/support/test_util.h"

namespace extract {
namespace {

TEST(ParseHtml, BuildsPreOrderTreeWithSubtreeRanges) {
  auto parsed = ParseHtml("<html><body><div id=a><p>one</p><p>two</p></div><p>three</p>");
  ASSERT_OK(parsed);
  const Document& doc = parsed->document;
  NodeId div = doc.FindFirst("div");
  ASSERT_NE(div, kNoNode);
  EXPECT_EQ(doc.Attr(div, "id").value_or(""), "a");
  auto ps = doc.FindAll("p");
  ASSERT_EQ(ps.size(), 3u);
  EXPECT_TRUE(doc.Contains(div, ps[0]));
  EXPECT_TRUE(doc.Contains(div, ps[1]));
  EXPECT_FALSE(doc.Contains(div, ps[2]));
  EXPECT_EQ(doc.node(ps[0]).parent, div);
  EXPECT_EQ(doc.ClosestAncestor(ps[1], "div"), div);
}

TEST(ParseHtml, DecodesEntitiesAndRepairsBrokenMarkup) {
  auto parsed = ParseHtml("<title>A&nbsp;&amp;&copy;B</title><td>cell<p>para<b>bold");
  ASSERT_OK(parsed);
  const Document& doc = parsed->document;
  NodeId title = doc.FindFirst("title");
  ASSERT_NE(title, kNoNode);
  EXPECT_EQ(doc.node(doc.node(title).children[0]).text, "A\u00a0&\u00a9B");
  EXPECT_NE(doc.FindFirst("body"), kNoNode);
  EXPECT_NE(doc.FindFirst("b"), kNoNode);
}

TEST(ParseHtml, SurvivesHundredThousandNestedElements) {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "deep";
  auto parsed = ParseHtml(html);
  ASSERT_OK(parsed);
  // Cut at the nesting cap (quadratic tree building otherwise), not rejected.
  EXPECT_TRUE(parsed->truncated);
  EXPECT_GT(parsed->document.size(), 2000u);
}

TEST(ParseHtml, KeepsDeepButRealisticNestingWhole) {
  std::string html;
  for (int i = 0; i < 300; ++i) html += "<div><p>x<li>y";
  html += "deep";
  for (int i = 0; i < 300; ++i) html += "</div>";
  auto parsed = ParseHtml(html);
  ASSERT_OK(parsed);
  EXPECT_FALSE(parsed->truncated);
  EXPECT_NE(parsed->document.CompactText(0).find("deep"), std::string::npos);
}

TEST(ParseHtml, HandlesEmptyAndBinaryInput) {
  ASSERT_OK(ParseHtml(""));
  static const char kPng[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe";
  std::string binary(kPng, sizeof kPng - 1);
  ASSERT_OK(ParseHtml(binary));
}

TEST(ParseHtml, CutsOverlongInputAtCharacterBoundary) {
  ParseOptions options;
  options.max_input_bytes = 10;
  auto parsed = ParseHtml("<p>中文中文中文</p>", options);
  ASSERT_OK(parsed);
  EXPECT_TRUE(parsed->truncated);
  EXPECT_EQ(parsed->document.CompactText(0).find('\xef'), std::string::npos);
}

TEST(ParseHtml, FailsWithTooLargeBeyondNodeCap) {
  ParseOptions options;
  options.max_nodes = 50;
  std::string html;
  for (int i = 0; i < 100; ++i) html += "<p>x</p>";
  EXPECT_ERROR_CODE(ParseHtml(html, options), kTooLarge);
}

TEST(DocumentText, BreaksLinesAtBlocksAndBrAndSkipsScripts) {
  auto parsed = ParseHtml(
      "<body><div>a<br>b</div><p>c<span>d</span></p><script>var x;</script><style>p{}</style>"
      "<td>e</td></body>");
  ASSERT_OK(parsed);
  const Document& doc = parsed->document;
  EXPECT_EQ(doc.Text(doc.FindFirst("body")), "a\nb\ncd\ne");
}

TEST(CollapseWhitespace, CollapsesUnicodeSpacesAndTrims) {
  EXPECT_EQ(CollapseWhitespace("\u3000\u3000正文\u00a0\u00a0 第二  句\n"), "正文 第二 句");
  EXPECT_EQ(CollapseWhitespace("   "), "");
}

}  // namespace
}  // namespace extract
