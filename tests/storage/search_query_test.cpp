#include "storage/search_query.h"

#include <gtest/gtest.h>

#include "tests/support/test_util.h"

namespace storage {
namespace {

std::string Parsed(std::string_view text) {
  auto expr = ParseSearchQuery(text);
  if (!expr) return "error: " + expr.error().message;
  return DescribeQuery(*expr);
}

// The message of the usage error `text` gives (empty when it parses).
std::string ErrorOf(std::string_view text) {
  auto expr = ParseSearchQuery(text);
  if (expr) return "";
  EXPECT_EQ(expr.error().code, util::ErrorCode::kUsage) << text;
  return expr.error().message;
}

TEST(SearchQuery, OneWordIsOneTerm) { EXPECT_EQ(Parsed("招商引资"), "招商引资"); }

TEST(SearchQuery, WordsSeparatedBySpacesMustAllMatch) {
  EXPECT_EQ(Parsed("商会 招商  引资"), "AND(商会, 招商, 引资)");
  EXPECT_EQ(Parsed("商会\u3000招商"), "AND(商会, 招商)");  // ideographic space
  EXPECT_EQ(Parsed("商会 AND 招商"), "AND(商会, 招商)");
}

TEST(SearchQuery, OrBindsTighterThanSpaces) {
  EXPECT_EQ(Parsed("招商 OR 引资"), "OR(招商, 引资)");
  EXPECT_EQ(Parsed("商会 招商 OR 引资 OR 投资"), "AND(商会, OR(招商, 引资, 投资))");
  EXPECT_EQ(Parsed("(商会 招商) OR 引资"), "OR(AND(商会, 招商), 引资)");
}

TEST(SearchQuery, MinusAndNotExclude) {
  EXPECT_EQ(Parsed("招商 -广告"), "AND(招商, NOT(广告))");
  EXPECT_EQ(Parsed("招商 NOT 广告"), "AND(招商, NOT(广告))");
  EXPECT_EQ(Parsed("招商 -\"广告 推广\""), "AND(招商, NOT(广告 推广))");
  EXPECT_EQ(Parsed("招商 -(广告 OR 推广)"), "AND(招商, NOT(OR(广告, 推广)))");
  EXPECT_EQ(Parsed("招商 NOT -广告"), "AND(招商, 广告)");
}

TEST(SearchQuery, HyphensInsideWordsAndLowerCaseOperatorsArePlainText) {
  EXPECT_EQ(Parsed("COVID-19"), "COVID-19");
  EXPECT_EQ(Parsed("this or that"), "AND(this, or, that)");
  EXPECT_EQ(Parsed("not"), "not");
}

TEST(SearchQuery, QuotedPhraseKeepsSpacesAndOperators) {
  EXPECT_EQ(Parsed("\"招商 引资\" 会议"), "AND(招商 引资, 会议)");
  EXPECT_EQ(Parsed("\"a OR -b\""), "a OR -b");
  EXPECT_EQ(Parsed("“招商 引资”"), "招商 引资");  // Chinese quotation marks
  EXPECT_EQ(Parsed("\" 招商 \""), "招商");
}

TEST(SearchQuery, FullWidthParenthesesGroup) {
  EXPECT_EQ(Parsed("（招商 OR 引资） 会议"), "AND(OR(招商, 引资), 会议)");
}

TEST(SearchQuery, ShortTermsAreTermsLikeAnyOther) { EXPECT_EQ(Parsed("招商 会"), "AND(招商, 会)"); }

TEST(SearchQuery, PositiveTermsLeaveOutExcludedOnes) {
  auto expr = ParseSearchQuery("商会 (招商 OR 引资) -广告 NOT (a b)");
  ASSERT_OK(expr);
  EXPECT_EQ(PositiveTerms(*expr), (std::vector<std::string>{"商会", "招商", "引资"}));
}

TEST(SearchQuery, MalformedQueriesAreUsageErrorsNamingTheProblem) {
  EXPECT_EQ(ErrorOf(""), "the query is empty");
  EXPECT_EQ(ErrorOf("   "), "the query is empty");
  EXPECT_EQ(ErrorOf("\"招商 引资"), "the quote before 招商 引资 is not closed");
  EXPECT_EQ(ErrorOf("\"\""), "empty quotes (\"\") have nothing to find");
  EXPECT_EQ(ErrorOf("(招商 引资"), "a '(' is not closed");
  EXPECT_EQ(ErrorOf("招商)"), "a ')' has no matching '('");
  EXPECT_EQ(ErrorOf("招商 ()"), "empty parentheses () have nothing to find");
  EXPECT_EQ(ErrorOf("招商 OR"), "OR needs a term on each side");
  EXPECT_EQ(ErrorOf("OR 招商"), "OR needs a term on each side");
  EXPECT_EQ(ErrorOf("招商 OR OR 引资"), "OR needs a term on each side");
  EXPECT_EQ(ErrorOf("AND 招商"), "AND needs a term on each side");
  EXPECT_EQ(ErrorOf("招商 NOT"), "NOT needs the term to exclude after it");
  EXPECT_EQ(ErrorOf("招商 - 广告"),
            "a '-' must be followed by the term to exclude, without a space (-广告)");
}

TEST(SearchQuery, OnlyExcludingIsAnError) {
  EXPECT_EQ(ErrorOf("-广告"), "the query only excludes (NOT, -): add a term to find");
  EXPECT_EQ(ErrorOf("NOT 广告 -推广"), "the query only excludes (NOT, -): add a term to find");
  EXPECT_EQ(ErrorOf("-(招商 引资)"), "the query only excludes (NOT, -): add a term to find");
  EXPECT_EQ(ErrorOf("招商 OR -广告"),
            "each side of OR needs a term to find, not only excluded ones");
  EXPECT_EQ(ErrorOf("会议 (招商 OR -广告)"), "");  // 会议 is to be found
}

TEST(SearchQuery, TermsAndNestingAreCapped) {
  std::string many;
  for (size_t i = 0; i <= kMaxQueryTerms; ++i) many += "t" + std::to_string(i) + " ";
  EXPECT_EQ(ErrorOf(many), "the query has more than 64 terms");
  std::string deep =
      std::string(kMaxQueryNesting + 1, '(') + "招商" + std::string(kMaxQueryNesting + 1, ')');
  EXPECT_EQ(ErrorOf(deep), "parentheses are nested more than 16 deep");
  std::string deepest =
      std::string(kMaxQueryNesting, '(') + "招商" + std::string(kMaxQueryNesting, ')');
  EXPECT_EQ(ErrorOf(deepest), "");
}

}  // namespace
}  // namespace storage
