#include "extract/json_ld.h"

#include <gtest/gtest.h>

#include "tests/support/test_util.h"

namespace extract {
namespace {

JsonLdArticle Read(const std::string& json) {
  auto parsed = ParseHtml("<html><head><script type=\"application/ld+json\">" + json +
                          "</script></head><body><p>x</p></body></html>");
  EXPECT_TRUE(parsed.has_value());
  return ReadJsonLd(parsed->document);
}

// schema.org Article: author is Person/Organization or Text, possibly repeated.
TEST(JsonLd, ReadsAuthorObjectsStringsAndArrays) {
  EXPECT_EQ(
      Read(R"({"@type":"NewsArticle","author":{"@type":"Person","name":"Jane Roe"}})").author_names,
      (std::vector<std::string>{"Jane Roe"}));
  EXPECT_EQ(Read(R"({"@type":"Article","author":"张三"})").author_names,
            (std::vector<std::string>{"张三"}));
  EXPECT_EQ(Read(R"({"@type":"BlogPosting","author":[{"name":"A"},{"name":"B"}]})").author_names,
            (std::vector<std::string>{"A", "B"}));
}

TEST(JsonLd, FindsTheArticleInsideAGraph) {
  JsonLdArticle a =
      Read(R"({"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},)"
           R"({"@type":["NewsArticle"],"author":{"name":"Li Si"},"publisher":{"name":"Daily"}}]})");
  EXPECT_EQ(a.author_names, (std::vector<std::string>{"Li Si"}));
  EXPECT_EQ(a.publisher_name.value_or(""), "Daily");
}

// schema.org CreativeWork: headline, else name (the "Text" of an Article).
TEST(JsonLd, ReadsTheHeadlineOfTheFirstArticleObject) {
  struct Case {
    const char* json;
    const char* want;  // "" when there is no headline
  };
  const Case cases[] = {
      {R"({"@type":"NewsArticle","headline":"Council approves the budget"})",
       "Council approves the budget"},
      {R"({"@type":"BlogPosting","name":"A post by name"})", "A post by name"},
      {R"({"@type":"Article","headline":"Headline wins","name":"Name loses"})", "Headline wins"},
      {R"({"@type":"Article","headline":"","name":"Name when headline is empty"})",
       "Name when headline is empty"},
      {R"({"@type":"ReportageNewsArticle","headline":"  Spread\n  over   lines "})",
       "Spread over lines"},
      {R"({"@graph":[{"@type":"WebSite","name":"Site"},{"@type":"NewsArticle","headline":"In a graph"}]})",
       "In a graph"},
      {R"([{"@type":"Organization","name":"Publisher"},{"@type":"Article","headline":"In an array"}])",
       "In an array"},
      {R"({"@type":"Article","headline":"Tom &amp; Jerry&#8217;s &#x201C;day&#x201D;"})",
       "Tom & Jerry\u2019s \u201cday\u201d"},
      {R"({"@type":"Article","headline":"R&D; costs & more"})", "R&D; costs & more"},
      {R"({"@type":"WebPage","name":"Not an article"})", ""},
      {R"({"@type":"Article","headline":42})", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(Read(c.json).headline.value_or(""), c.want) << c.json;
}

// XHTML 1.0 Appendix C: script text wrapped in CDATA (often commented out for HTML parsers).
TEST(JsonLdStripCdata, RemovesEveryWrapperForm) {
  struct Case {
    const char* text;
    const char* want;
  };
  const Case cases[] = {
      {"{\"a\":1}", "{\"a\":1}"},
      {"  \n {\"a\":1} \n", "{\"a\":1}"},
      {"<![CDATA[{\"a\":1}]]>", "{\"a\":1}"},
      {"\n  <![CDATA[\n  {\"a\":1}\n  ]]>\n  ", "{\"a\":1}"},
      {"//<![CDATA[\n{\"a\":1}\n//]]>", "{\"a\":1}"},
      {"/*<![CDATA[*/{\"a\":1}/*]]>*/", "{\"a\":1}"},
      {"<![CDATA[{\"a\":1}", "{\"a\":1}"},     // unterminated: the opening still goes
      {"{\"a\":\"]]>\"}", "{\"a\":\"]]>\"}"},  // no opening: text kept
      {"<![CDATA[]]>", ""},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(internal::StripCdata(c.text), c.want) << c.text;
}

TEST(JsonLd, ParsesBlocksWrappedInCdata) {
  EXPECT_EQ(Read("\n<![CDATA[\n[{\"@type\":\"NewsArticle\",\"headline\":\"Wrapped\"}]\n]]>\n")
                .headline.value_or(""),
            "Wrapped");
  EXPECT_EQ(
      Read("//<![CDATA[\n{\"@type\":\"Article\",\"author\":\"Commented\"}\n//]]>").author_names,
      (std::vector<std::string>{"Commented"}));
}

TEST(JsonLd, HeadlineThenNameOfTheArticleWithEntitiesDecoded) {
  EXPECT_EQ(Read(R"({"@type":"NewsArticle","headline":"  商会年会\n召开 ","name":"x"})").headline,
            "商会年会 召开");
  EXPECT_EQ(Read(R"({"@type":"Article","name":"Tom &amp; Jerry&#8217;s day"})").headline,
            "Tom & Jerry\u2019s day");
  EXPECT_EQ(Read(R"({"@graph":[{"@type":"WebSite","name":"Site"},)"
                 R"({"@type":"BlogPosting","headline":"The post"}]})")
                .headline,
            "The post");  // the site's name is not the article's
  EXPECT_FALSE(Read(R"({"@type":"WebPage","headline":"Home"})").headline.has_value());
  EXPECT_FALSE(Read(R"({"@type":"Article","headline":""})").headline.has_value());
}

TEST(JsonLd, CdataWrappersAroundTheScriptAreStripped) {
  const char* json = R"({"@type":"NewsArticle","headline":"标题","author":"张三"})";
  for (const std::string& wrapped :
       {std::string("<![CDATA[") + json + "]]>", std::string("//<![CDATA[\n") + json + "\n//]]>",
        std::string("/*<![CDATA[*/") + json + "/*]]>*/", std::string("\n  ") + json + "\n"}) {
    EXPECT_EQ(internal::StripCdata(wrapped), json) << wrapped;
    EXPECT_EQ(Read(wrapped).headline, "标题") << wrapped;
  }
  EXPECT_EQ(internal::StripCdata("<![CDATA[ unterminated"), "unterminated");
}

TEST(JsonLd, SkipsMalformedBlocksAndOtherTypes) {
  EXPECT_TRUE(Read("{not json").author_names.empty());
  EXPECT_TRUE(Read(R"({"@type":"Organization","author":"nobody"})").author_names.empty());
}

}  // namespace
}  // namespace extract
