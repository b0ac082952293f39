// A search query is what a researcher types to `newsarc search`, parsed into an expression of
// terms joined by AND, OR and NOT. The language:
//   商会 招商          both terms (words separated by spaces must all match; AND may be written)
//   招商 OR 引资       either term; OR binds tighter than the spaces between words:
//                     商会 招商 OR 引资 is 商会 AND (招商 OR 引资)
//   -广告, NOT 广告    not this term (-"a phrase", -(a OR b) too)
//   "招商 引资"        a phrase: spaces kept, OR/NOT/- inside are plain text (“…” works too)
//   (a OR b) c        parentheses group; （…） works too
// Every term is a substring to find in an article's title or body. OR, AND and NOT are
// operators only in capitals and unquoted; a word keeps its inner hyphens (COVID-19). Spaces
// are ASCII whitespace and the ideographic space U+3000.
//
// Parsing is pure: no archive, no folding (the search does both).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace storage {

// A parsed query. AND and OR have two or more children (nested ANDs and ORs are flattened),
// NOT one (never another NOT).
struct QueryExpr {
  enum class Kind { kTerm, kAnd, kOr, kNot };
  Kind kind = Kind::kTerm;
  std::string term;  // kTerm: the text to find, as typed (quotes removed)
  std::vector<QueryExpr> children;
};

// Caps, so that a pasted paragraph is an error rather than a thousand-way SQL expression.
inline constexpr size_t kMaxQueryTerms = 64;
inline constexpr int kMaxQueryNesting = 16;

// Parses `text`. Errors are kUsage with a message for the person who typed it, e.g. "the quote
// before 招商 引资 is not closed", "a '(' is not closed", "the query only excludes (NOT, -): add
// a term to find", "the query is empty".
util::Result<QueryExpr> ParseSearchQuery(std::string_view text);

// The terms a match must contain at least one of: those not under a NOT.
std::vector<std::string> PositiveTerms(const QueryExpr& expr);

// The expression in prefix form, for tests and logs: AND(商会, OR(招商, 引资), NOT(a b)).
std::string DescribeQuery(const QueryExpr& expr);

}  // namespace storage
