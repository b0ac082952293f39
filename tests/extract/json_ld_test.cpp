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

TEST(JsonLd, SkipsMalformedBlocksAndOtherTypes) {
  EXPECT_TRUE(Read("{not json").author_names.empty());
  EXPECT_TRUE(Read(R"({"@type":"Organization","author":"nobody"})").author_names.empty());
}

}  // namespace
}  // namespace extract
