#include "extract/article_zones.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/u32_text.h"
#include "tests/support/test_util.h"

namespace extract {
namespace {

// The first text node whose collapsed text is `text`, or kNoNode.
NodeId TextNode(const Document& doc, const std::string& text) {
  for (NodeId i = 0; i < static_cast<NodeId>(doc.size()); ++i) {
    if (doc.node(i).type == NodeType::kText && CollapseWhitespace(doc.node(i).text) == text) {
      return i;
    }
  }
  return kNoNode;
}

// issue #3: IsHeadlineNode took any "title" class and any <h3>, also in teaser lists, and
// missed a headline that links to its own page.
TEST(IsHeadlineNode, HeadingsAndHeadlineClassesOutsideListsLinksAndNavigation) {
  struct Case {
    const char* html;
    bool want;
  };
  const Case cases[] = {
      {"<h1>Headline</h1>", true},
      {"<h2>Headline</h2>", true},
      {"<h3>Headline</h3>", true},
      {"<div class=\"article-title\"><span>Headline</span></div>", true},
      {"<div id=\"headline\">Headline</div>", true},
      // A blog headline linking to its own page (was: not a headline).
      {"<h1 class=\"entry-title\"><a href=\"/post/1\">Headline</a></h1>", true},
      {"<h2><a href=\"/post/1\"><span>Headline</span></a></h2>", true},
      // Teaser lists and link boxes (was: headlines).
      {"<ul><li><h3>Headline</h3></li></ul>", false},
      {"<ul><li><div class=\"title\">Headline</div></li></ul>", false},
      {"<h3><a href=\"/other\">Headline</a></h3>", false},
      {"<div class=\"title\"><a href=\"/other\">Headline</a></div>", false},
      {"<nav><h2>Headline</h2></nav>", false},
      {"<footer><div class=\"title\">Headline</div></footer>", false},
      // Class words that are no headline.
      {"<div class=\"list-title\">Headline</div>", false},
      {"<div class=\"column-title\">Headline</div>", false},
      {"<div class=\"subtitle\">Headline</div>", false},
      {"<p>Headline</p>", false},
  };
  for (const Case& c : cases) {
    auto parsed = ParseHtml(std::string("<body>") + c.html + "</body>");
    ASSERT_OK(parsed);
    NodeId text = TextNode(parsed->document, "Headline");
    ASSERT_NE(text, kNoNode) << c.html;
    EXPECT_EQ(IsHeadlineNode(parsed->document, text), c.want) << c.html;
  }
}

// issue #3: a list of linked <h3> teasers between the headline and the text was taken for the
// headline, so the header began below the real one and lost the source line above it.
TEST(ArticleZones, HeaderStartsAboveTheHeadlineNotAboveATeaserListUnderIt) {
  auto parsed = ParseHtml(
      "<body><div>Source: Daily Planet</div><h1><a href=\"/news/1\">Council approves the "
      "budget</a></h1><div>May 3, 2024</div><ul>"
      "<li><h3>Teaser one</h3></li><li><h3>Teaser two</h3></li><li><h3>Teaser three</h3></li>"
      "<li><h3>Teaser four</h3></li><li><h3>Teaser five</h3></li><li><h3>Teaser six</h3></li>"
      "</ul><div id=\"text\"><p>The council approved the budget on Monday after a long debate "
      "about the new bridge and the schools of the town.</p></div></body>");
  ASSERT_OK(parsed);
  const Document& doc = parsed->document;
  std::vector<Line> lines = BuildLines(doc, doc.FindFirst("body"));
  NodeId container = kNoNode;
  for (NodeId div : doc.FindAll("div")) {
    if (doc.Attr(div, "id").value_or("") == "text") container = div;
  }
  ASSERT_NE(container, kNoNode);
  std::vector<Zone> zones = ArticleZones(doc, lines, container);
  ASSERT_EQ(zones.size(), lines.size());
  ASSERT_EQ(u32::ToUtf8(lines[0].text), "Source: Daily Planet");
  EXPECT_EQ(zones[0], kHeader);
  EXPECT_EQ(zones[2], kHeader);  // the date line under the headline
  EXPECT_EQ(zones.back(), kLead);
}

}  // namespace
}  // namespace extract
