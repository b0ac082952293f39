#include "storage/search_query.h"

#include <optional>

namespace storage {
namespace {

// Code points of the surrounding text shown in an error message.
constexpr size_t kQuotedContextChars = 20;

util::Result<QueryExpr> UsageError(std::string message) {
  return util::MakeError(util::ErrorCode::kUsage, std::move(message));
}

struct Token {
  enum class Type { kTerm, kOpen, kClose, kOr, kAnd, kNot, kMinus, kEnd };
  Type type = Type::kEnd;
  std::string text;  // kTerm
};

// Length of the separator, parenthesis or quote mark at text[pos], or 0.
size_t SpaceAt(std::string_view text, size_t pos) {
  char c = text[pos];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  return text.substr(pos, 3) == "\u3000" ? 3 : 0;
}
size_t OpenAt(std::string_view text, size_t pos) {
  if (text[pos] == '(') return 1;
  return text.substr(pos, 3) == "\uFF08" ? 3 : 0;  // （
}
size_t CloseAt(std::string_view text, size_t pos) {
  if (text[pos] == ')') return 1;
  return text.substr(pos, 3) == "\uFF09" ? 3 : 0;  // ）
}
size_t QuoteAt(std::string_view text, size_t pos) {
  if (text[pos] == '"') return 1;
  std::string_view three = text.substr(pos, 3);
  return three == "\u201C" || three == "\u201D" ? 3 : 0;  // “ ”
}
bool IsBreak(std::string_view text, size_t pos) {
  return SpaceAt(text, pos) || OpenAt(text, pos) || CloseAt(text, pos) || QuoteAt(text, pos);
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && SpaceAt(text, 0)) text.remove_prefix(SpaceAt(text, 0));
  while (!text.empty()) {
    if (SpaceAt(text, text.size() - 1) == 1) {
      text.remove_suffix(1);
    } else if (text.size() >= 3 && SpaceAt(text, text.size() - 3) == 3) {
      text.remove_suffix(3);
    } else {
      break;
    }
  }
  return text;
}

// The first kQuotedContextChars code points of `text`, "…" when cut.
std::string Excerpt(std::string_view text) {
  size_t pos = 0;
  for (size_t n = 0; pos < text.size() && n < kQuotedContextChars; ++n) {
    ++pos;
    while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  }
  return std::string(text.substr(0, pos)) + (pos < text.size() ? "…" : "");
}

util::Result<std::vector<Token>> Lex(std::string_view text) {
  std::vector<Token> tokens;
  size_t pos = 0;
  while (pos < text.size()) {
    if (size_t n = SpaceAt(text, pos)) {
      pos += n;
    } else if (size_t open = OpenAt(text, pos)) {
      tokens.push_back({Token::Type::kOpen, {}});
      pos += open;
    } else if (size_t close = CloseAt(text, pos)) {
      tokens.push_back({Token::Type::kClose, {}});
      pos += close;
    } else if (size_t quote = QuoteAt(text, pos)) {
      size_t start = pos + quote;
      size_t end = start;
      while (end < text.size() && !QuoteAt(text, end)) ++end;
      if (end == text.size()) {
        return tl::unexpected(util::Error{
            util::ErrorCode::kUsage,
            "the quote before " + Excerpt(TrimSpaces(text.substr(start))) + " is not closed"});
      }
      std::string_view phrase = TrimSpaces(text.substr(start, end - start));
      if (phrase.empty()) {
        return tl::unexpected(
            util::Error{util::ErrorCode::kUsage, "empty quotes (\"\") have nothing to find"});
      }
      tokens.push_back({Token::Type::kTerm, std::string(phrase)});
      pos = end + QuoteAt(text, end);
    } else if (text[pos] == '-') {
      // A '-' starting a token (a word's inner hyphens are its own) excludes what follows it.
      bool operand_next =
          pos + 1 < text.size() &&
          (!IsBreak(text, pos + 1) || OpenAt(text, pos + 1) || QuoteAt(text, pos + 1));
      if (!operand_next) {
        return tl::unexpected(
            util::Error{util::ErrorCode::kUsage,
                        "a '-' must be followed by the term to exclude, without a space (-广告)"});
      }
      tokens.push_back({Token::Type::kMinus, {}});
      ++pos;
    } else {
      size_t end = pos;
      while (end < text.size() && !IsBreak(text, end)) ++end;
      std::string_view word = text.substr(pos, end - pos);
      if (word == "OR") {
        tokens.push_back({Token::Type::kOr, {}});
      } else if (word == "AND") {
        tokens.push_back({Token::Type::kAnd, {}});
      } else if (word == "NOT") {
        tokens.push_back({Token::Type::kNot, {}});
      } else {
        tokens.push_back({Token::Type::kTerm, std::string(word)});
      }
      pos = end;
    }
  }
  tokens.push_back({Token::Type::kEnd, {}});
  return tokens;
}

QueryExpr Combine(QueryExpr::Kind kind, std::vector<QueryExpr> children) {
  if (children.size() == 1) return std::move(children[0]);
  QueryExpr combined;
  combined.kind = kind;
  for (QueryExpr& child : children) {
    if (child.kind == kind) {
      for (QueryExpr& grandchild : child.children)
        combined.children.push_back(std::move(grandchild));
    } else {
      combined.children.push_back(std::move(child));
    }
  }
  return combined;
}

QueryExpr Negate(QueryExpr inner) {
  if (inner.kind == QueryExpr::Kind::kNot) return std::move(inner.children[0]);
  QueryExpr negated;
  negated.kind = QueryExpr::Kind::kNot;
  negated.children.push_back(std::move(inner));
  return negated;
}

// Whether every match must contain one of the expression's terms (a NOT alone matches almost
// everything, which is never what a search means).
bool Positive(const QueryExpr& expr) {
  switch (expr.kind) {
    case QueryExpr::Kind::kTerm:
      return true;
    case QueryExpr::Kind::kNot:
      return false;
    case QueryExpr::Kind::kAnd:
      for (const QueryExpr& child : expr.children) {
        if (Positive(child)) return true;
      }
      return false;
    case QueryExpr::Kind::kOr:
      for (const QueryExpr& child : expr.children) {
        if (!Positive(child)) return false;
      }
      return true;
  }
  return false;
}

void CollectPositive(const QueryExpr& expr, std::vector<std::string>& out) {
  if (expr.kind == QueryExpr::Kind::kTerm) out.push_back(expr.term);
  if (expr.kind == QueryExpr::Kind::kNot) return;
  for (const QueryExpr& child : expr.children) CollectPositive(child, out);
}

// Recursive descent over the tokens:
//   and_list := or_expr ([AND] or_expr)*
//   or_expr  := unary (OR unary)*
//   unary    := (NOT | -) unary | primary
//   primary  := term | ( and_list )
class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  util::Result<QueryExpr> Parse() {
    if (Peek() == Token::Type::kEnd) return UsageError("the query is empty");
    TRY_ASSIGN(QueryExpr expr, AndList(0));
    if (Peek() == Token::Type::kClose) return UsageError("a ')' has no matching '('");
    return expr;
  }

 private:
  Token::Type Peek() const { return tokens_[next_].type; }
  // Whether the next token cannot start an operand.
  bool NoOperandNext() const {
    Token::Type t = Peek();
    return t == Token::Type::kEnd || t == Token::Type::kClose || t == Token::Type::kOr ||
           t == Token::Type::kAnd;
  }

  util::Result<QueryExpr> AndList(int depth) {
    std::vector<QueryExpr> children;
    while (Peek() != Token::Type::kEnd && Peek() != Token::Type::kClose) {
      if (Peek() == Token::Type::kAnd) {
        ++next_;
        if (children.empty() || NoOperandNext()) {
          return UsageError("AND needs a term on each side");
        }
        continue;
      }
      TRY_ASSIGN(QueryExpr child, OrExpr(depth));
      children.push_back(std::move(child));
    }
    return Combine(QueryExpr::Kind::kAnd, std::move(children));
  }

  util::Result<QueryExpr> OrExpr(int depth) {
    std::vector<QueryExpr> alternatives;
    TRY_ASSIGN(QueryExpr first, Unary(depth));
    alternatives.push_back(std::move(first));
    while (Peek() == Token::Type::kOr) {
      ++next_;
      if (NoOperandNext()) return UsageError("OR needs a term on each side");
      TRY_ASSIGN(QueryExpr alternative, Unary(depth));
      alternatives.push_back(std::move(alternative));
    }
    return Combine(QueryExpr::Kind::kOr, std::move(alternatives));
  }

  util::Result<QueryExpr> Unary(int depth) {
    Token::Type type = Peek();
    if (type == Token::Type::kNot || type == Token::Type::kMinus) {
      ++next_;
      if (NoOperandNext()) {
        return UsageError(type == Token::Type::kNot
                              ? "NOT needs the term to exclude after it"
                              : "a '-' must be followed by the term to exclude (-广告)");
      }
      TRY_ASSIGN(QueryExpr inner, Unary(depth));
      return Negate(std::move(inner));
    }
    if (type == Token::Type::kOr) return UsageError("OR needs a term on each side");
    return Primary(depth);
  }

  util::Result<QueryExpr> Primary(int depth) {
    const Token& token = tokens_[next_++];
    if (token.type == Token::Type::kTerm) {
      if (++terms_ > kMaxQueryTerms) {
        return UsageError("the query has more than " + std::to_string(kMaxQueryTerms) + " terms");
      }
      QueryExpr term;
      term.term = token.text;
      return term;
    }
    if (token.type != Token::Type::kOpen) return UsageError("a ')' has no matching '('");
    if (depth + 1 > kMaxQueryNesting) {
      return UsageError("parentheses are nested more than " + std::to_string(kMaxQueryNesting) +
                        " deep");
    }
    if (Peek() == Token::Type::kClose)
      return UsageError("empty parentheses () have nothing to find");
    TRY_ASSIGN(QueryExpr inner, AndList(depth + 1));
    if (Peek() != Token::Type::kClose) return UsageError("a '(' is not closed");
    ++next_;
    return inner;
  }

  std::vector<Token> tokens_;
  size_t next_ = 0;
  size_t terms_ = 0;
};

}  // namespace

util::Result<QueryExpr> ParseSearchQuery(std::string_view text) {
  TRY_ASSIGN(std::vector<Token> tokens, Lex(text));
  TRY_ASSIGN(QueryExpr expr, Parser(std::move(tokens)).Parse());
  if (!Positive(expr)) {
    if (PositiveTerms(expr).empty()) {
      return UsageError("the query only excludes (NOT, -): add a term to find");
    }
    return UsageError("each side of OR needs a term to find, not only excluded ones");
  }
  return expr;
}

std::vector<std::string> PositiveTerms(const QueryExpr& expr) {
  std::vector<std::string> terms;
  CollectPositive(expr, terms);
  return terms;
}

std::string DescribeQuery(const QueryExpr& expr) {
  if (expr.kind == QueryExpr::Kind::kTerm) return expr.term;
  std::string out = expr.kind == QueryExpr::Kind::kAnd  ? "AND("
                    : expr.kind == QueryExpr::Kind::kOr ? "OR("
                                                        : "NOT(";
  for (size_t i = 0; i < expr.children.size(); ++i) {
    if (i > 0) out += ", ";
    out += DescribeQuery(expr.children[i]);
  }
  return out + ")";
}

}  // namespace storage
