// PrescanHtml drops script and style bodies and cuts deep nesting before Gumbo parses a page.
// Table of tokenizer corner cases, then a differential test: on every page of
// ../shared/corpus the Document parsed from the prescanned input equals the Document parsed
// from the whole input, apart from the text inside the dropped scripts and styles.
#include "extract/html_prescan.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "extract/charset.h"
#include "extract/document.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace extract {
namespace {

namespace fs = std::filesystem;

struct Case {
  const char* name;
  const char* in;
  const char* out;
};

TEST(PrescanHtml, DropsScriptAndStyleBodiesAndNothingElse) {
  const Case kCases[] = {
      {"script body", "<p>a</p><script>var x = '<p>b</p>';</script><p>c</p>",
       "<p>a</p><script></script><p>c</p>"},
      {"style body", "<style>p { color: red }</style><p>x</p>", "<style></style><p>x</p>"},
      {"upper case", "<SCRIPT LANGUAGE=JavaScript>x()</SCRIPT>y",
       "<SCRIPT LANGUAGE=JavaScript></SCRIPT>y"},
      {"end tag with space and attributes", "<script>x</script  foo='>'>y",
       "<script></script  foo='>'>y"},
      {"'>' in a quoted attribute", "<script data-x=\"a>b\">code()</script>t",
       "<script data-x=\"a>b\"></script>t"},
      {"JSON-LD kept", "<script type=\"application/ld+json\">{\"a\": \"</p>\"}</script>",
       "<script type=\"application/ld+json\">{\"a\": \"</p>\"}</script>"},
      {"JSON type in any case kept", "<script type='Application/JSON'>[1]</script>",
       "<script type='Application/JSON'>[1]</script>"},
      {"first type attribute decides",
       "<script type=text/javascript type=application/json>1</script>",
       "<script type=text/javascript type=application/json></script>"},
      // Old sites hide document.write calls in comments: the inner </script> ends nothing.
      {"escaped and double-escaped script data",
       "<script><!--\ndocument.write(\"<script src=a.js></script>\");\n//--></script><p>after</p>",
       "<script></script><p>after</p>"},
      {"</script> inside an escaped comment ends the script",
       "<script><!-- x </script><p>after</p>", "<script></script><p>after</p>"},
      {"<!--> opens and closes the escape", "<script><!--><script></script>t",
       "<script></script>t"},
      {"unterminated script runs to the end", "<p>a</p><script>var x = 1;", "<p>a</p><script>"},
      {"not a script element", "<scripts>x</scripts><scriptx>y", "<scripts>x</scripts><scriptx>y"},
      {"script in a comment", "<!-- <script>x</script> --><p>y</p>",
       "<!-- <script>x</script> --><p>y</p>"},
      {"script in an attribute", "<a title=\"<script>x</script>\">t</a>",
       "<a title=\"<script>x</script>\">t</a>"},
      {"script in a textarea", "<textarea><script>x</script></textarea>",
       "<textarea><script>x</script></textarea>"},
      {"script in a title", "<title>a <style>b</style></title><style>c</style>",
       "<title>a <style>b</style></title><style></style>"},
      {"short comments", "<!--><script>x</script><!---><style>y</style>",
       "<!--><script></script><!---><style></style>"},
      {"comment ended by --!>", "<!-- a --!><script>x</script>", "<!-- a --!><script></script>"},
      {"bogus comment", "<?php <script> ?><script>x</script>",
       "<?php <script> ?><script></script>"},
      {"unterminated start tag", "<p>a<script src=\"x", "<p>a<script src=\"x"},
      {"empty", "", ""},
  };
  for (const Case& c : kCases) {
    PrescannedHtml out = PrescanHtml(c.in, 2048);
    EXPECT_EQ(out.html, c.out) << c.name;
    EXPECT_FALSE(out.cut_for_depth) << c.name;
    EXPECT_EQ(PrescanHtml(c.in, 2048, /*drop_script_and_style=*/false).html, c.in) << c.name;
  }
}

TEST(PrescanHtml, CutsBeforeTheTagThatNestsTooDeep) {
  std::string html;
  for (int i = 0; i < 30; ++i) html += "<div>";
  PrescannedHtml out = PrescanHtml(html, 20);
  EXPECT_TRUE(out.cut_for_depth);
  std::string expected;
  for (int i = 0; i < 20; ++i) expected += "<div>";
  EXPECT_EQ(out.html, expected);
}

// Issue #17 point 4: the parse tree of a page of bare links cost 600 MB; the element cut bounds
// it whatever the markup.
TEST(PrescanHtml, CutsBeforeTheStartTagPastMaxElements) {
  std::string html = "<ul>";
  for (int i = 0; i < 100; ++i) html += "<li><a href=/" + std::to_string(i) + ">x</a>\n";
  PrescannedHtml out = PrescanHtml(html, 2048, true, /*max_elements=*/21);
  EXPECT_TRUE(out.cut_for_elements);
  EXPECT_FALSE(out.cut_for_depth);
  // <ul> and ten <li><a> pairs: the cut falls just before the 11th <li>.
  EXPECT_EQ(out.html, html.substr(0, html.find("<li><a href=/10>")));
  // Every start tag counts: void, self-closing and raw-text ones too.
  PrescannedHtml mixed = PrescanHtml("<br><img/><script>1</script><p>a", 2048, true, 3);
  EXPECT_TRUE(mixed.cut_for_elements);
  EXPECT_EQ(mixed.html, "<br><img/><script></script>");
  EXPECT_FALSE(PrescanHtml(html, 2048, true, 201).cut_for_elements);
}

TEST(PrescanHtml, DepthIgnoresVoidOptionalEndSelfClosingAndRawTextElements) {
  std::string html;
  for (int i = 0; i < 100; ++i) {
    html += "<div><p>x<li>y<br><img src=a><span/><script>1</script><style>2</style></div>";
  }
  PrescannedHtml out = PrescanHtml(html, 5);
  EXPECT_FALSE(out.cut_for_depth);
  EXPECT_EQ(out.html.find("<script>1"), std::string::npos);
}

TEST(PrescanHtml, UnclosedRawTextElementDoesNotLiftTheDepthCut) {
  for (std::string open : {"<noscript>", "<svg><title>", "<textarea>", "<xmp>"}) {
    std::string html = open;
    for (int i = 0; i < 30; ++i) html += "<div>";
    PrescannedHtml out = PrescanHtml(html, 20);
    EXPECT_TRUE(out.cut_for_depth) << open;
  }
  // An unclosed script or style is text to the end: dropped.
  PrescannedHtml out = PrescanHtml("<p>a</p><style><div><div><div>", 2);
  EXPECT_EQ(out.html, "<p>a</p><style>");
  EXPECT_FALSE(out.cut_for_depth);
}

// Pre-order dump of a Document: tags, attributes and text, leaving out the text inside script
// and style elements.
std::string Dump(const Document& doc) {
  std::string out;
  for (NodeId i = 0; i < static_cast<NodeId>(doc.size()); ++i) {
    const Node& n = doc.node(i);
    out += std::to_string(n.depth) + ' ';
    if (n.type == NodeType::kText) {
      const Node& parent = doc.node(n.parent);
      bool dropped = parent.tag == "style" ||
                     (parent.tag == "script" &&
                      doc.Attr(n.parent, "type").value_or("").find("json") == std::string::npos);
      out += dropped ? "(script or style text)" : n.text;
    } else {
      out += '<' + n.tag;
      for (const Attribute& a : n.attributes) out += ' ' + a.name + "=\"" + a.value + '"';
      out += '>';
    }
    out += '\n';
  }
  return out;
}

TEST(PrescanHtml, CorpusPagesParseToTheSameTreeApartFromScriptAndStyleText) {
  fs::path corpus = fs::path(testing_support::SharedDir()) / "corpus";
  if (!fs::exists(corpus)) GTEST_SKIP() << "no ../shared/corpus";
  size_t pages = 0;
  for (const auto& set : fs::directory_iterator(corpus)) {
    std::ifstream manifest(set.path() / "manifest.jsonl");
    std::string line;
    for (int n = 0; n < 10000 && std::getline(manifest, line); ++n) {
      auto entry = nlohmann::json::parse(line, nullptr, false);
      if (!entry.is_object() || !entry.contains("file")) continue;
      std::string bytes =
          testing_support::ReadFileOrFail((set.path() / entry["file"].get<std::string>()).string());
      std::string html = DecodeHtml(bytes, std::nullopt).utf8;
      ParseOptions whole;
      whole.keep_script_and_style_text = true;
      auto expected = ParseHtml(html, whole);
      auto actual = ParseHtml(html);
      ASSERT_TRUE(expected.has_value() && actual.has_value());
      // Dropped text nodes may be missing altogether (an empty script has no child).
      std::string a = Dump(actual->document), e = Dump(expected->document);
      auto strip = [](std::string s) {
        std::string out;
        size_t start = 0;
        while (start < s.size()) {
          size_t end = s.find('\n', start);
          std::string_view l(s.data() + start, end - start);
          if (l.find("(script or style text)") == std::string_view::npos) {
            out.append(l);
            out += '\n';
          }
          start = end + 1;
        }
        return out;
      };
      EXPECT_EQ(strip(a), strip(e)) << set.path().filename() << " " << entry["file"];
      ++pages;
    }
  }
  EXPECT_GE(pages, 150u);
}

}  // namespace
}  // namespace extract
