#include "storage/archive_search.h"

#include <algorithm>

#include "storage/migrations.h"
#include "storage/text_fold.h"

namespace storage {
namespace {

// Characters of context on each side of the first match in snippets.
constexpr size_t kSnippetContextChars = 24;
// A trigram index finds only substrings of at least three characters.
constexpr size_t kMinTrigramChars = 3;
constexpr const char* kEllipsis = "…";
// ?1 is the FTS5 expression, ?2 the site, ?3 the limit; terms follow.
constexpr int kFirstTermParam = 4;

size_t CodePoints(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string LowerAscii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// Builds the plan of a parsed query (see SearchPlan).
class Planner {
 public:
  explicit Planner(bool folded_index) : folded_index_(folded_index) {}

  internal::SearchPlan Plan(const QueryExpr& expr) {
    internal::SearchPlan plan;
    Candidates candidates = FtsOf(expr);
    plan.fts = std::move(candidates.fts);
    plan.exact = plan.fts && candidates.exact;
    plan.residual = Residual(expr);
    plan.params = std::move(params_);
    return plan;
  }

 private:
  // An FTS5 expression that every row matching an expression satisfies (nullopt: none narrower
  // than all rows), and whether it matches exactly those rows.
  struct Candidates {
    std::optional<std::string> fts;
    bool exact = false;
  };

  // The strings to look for for a term: its folding; in an unfolded index also the term as
  // typed (ASCII in lower case, as the residual compares lower(text)).
  std::vector<std::string> Forms(const std::string& term) const {
    std::string folded = FoldForSearch(term);
    if (folded_index_) return {folded};
    std::string typed = LowerAscii(term);
    if (typed == folded) return {folded};
    return {typed, folded};
  }

  Candidates FtsOf(const QueryExpr& expr) const {
    switch (expr.kind) {
      case QueryExpr::Kind::kTerm: {
        std::vector<std::string> forms = Forms(expr.term);
        // Folding keeps the number of characters, so every form has the same length.
        if (CodePoints(forms[0]) < kMinTrigramChars) return {};
        std::string fts = internal::FtsPhrase(forms[0]);
        for (size_t i = 1; i < forms.size(); ++i) fts += " OR " + internal::FtsPhrase(forms[i]);
        return {forms.size() > 1 ? "(" + fts + ")" : fts, true};
      }
      case QueryExpr::Kind::kNot:
        return {};  // alone it narrows nothing; an AND applies it
      case QueryExpr::Kind::kOr: {
        std::string fts;
        bool exact = true;
        for (const QueryExpr& child : expr.children) {
          Candidates part = FtsOf(child);
          if (!part.fts) return {};
          fts += (fts.empty() ? "" : " OR ") + *part.fts;
          exact = exact && part.exact;
        }
        return {"(" + fts + ")", exact};
      }
      case QueryExpr::Kind::kAnd: {
        std::string fts;
        bool exact = true;
        for (const QueryExpr& child : expr.children) {
          if (child.kind == QueryExpr::Kind::kNot) continue;
          Candidates part = FtsOf(child);
          if (!part.fts) {
            exact = false;
            continue;
          }
          fts += (fts.empty() ? "" : " AND ") + *part.fts;
          exact = exact && part.exact;
        }
        if (fts.empty()) return {};
        fts = "(" + fts + ")";
        // FTS5's NOT is binary (a NOT b): exclusions the index can answer exactly join it.
        for (const QueryExpr& child : expr.children) {
          if (child.kind != QueryExpr::Kind::kNot) continue;
          Candidates excluded = FtsOf(child.children[0]);
          if (excluded.fts && excluded.exact) {
            fts = "(" + fts + " NOT " + *excluded.fts + ")";
          } else {
            exact = false;
          }
        }
        return {fts, exact};
      }
    }
    return {};
  }

  // An SQL condition true exactly for the rows matching `expr`, on the folded text of the
  // index (or, in an unfolded index, on the articles' text in lower case).
  std::string Residual(const QueryExpr& expr) {
    switch (expr.kind) {
      case QueryExpr::Kind::kTerm: {
        std::string sql;
        for (const std::string& form : Forms(expr.term)) {
          std::string param = Param(form);
          if (!sql.empty()) sql += " OR ";
          sql += folded_index_
                     ? "instr(articles_fts.body, " + param +
                           ") > 0 OR instr(coalesce(articles_fts.title, ''), " + param + ") > 0"
                     : "instr(lower(a.body), " + param +
                           ") > 0 OR instr(lower(coalesce(a.title, '')), " + param + ") > 0";
        }
        return "(" + sql + ")";
      }
      case QueryExpr::Kind::kNot:
        return "(NOT " + Residual(expr.children[0]) + ")";
      case QueryExpr::Kind::kAnd:
      case QueryExpr::Kind::kOr: {
        std::string sql;
        for (const QueryExpr& child : expr.children) {
          if (!sql.empty()) sql += expr.kind == QueryExpr::Kind::kAnd ? " AND " : " OR ";
          sql += Residual(child);
        }
        return "(" + sql + ")";
      }
    }
    return "0";
  }

  std::string Param(const std::string& value) {
    auto at = std::find(params_.begin(), params_.end(), value);
    if (at == params_.end()) at = params_.insert(params_.end(), value);
    return "?" + std::to_string(kFirstTermParam + (at - params_.begin()));
  }

  bool folded_index_;
  std::vector<std::string> params_;
};

// Whether the search must read the articles table, not only the index: for the site, to rank
// by date when every article is read, or for the residual of an unfolded index (which checks
// the articles' text). Joining the articles for nothing doubles the time of a search matching
// most of them.
bool NeedsArticles(const internal::SearchPlan& plan, const SearchQuery& query, bool folded_index) {
  return query.site || !plan.fts || (!plan.exact && !folded_index);
}

// The statement listing every match (`count`: counting them): through the index when the plan
// has an FTS expression (CROSS JOIN keeps it the outer loop), its rows ranked by bm25; else
// every article is read, newest first.
std::string MatchSql(const internal::SearchPlan& plan, bool folded_index, bool need_articles,
                     bool count) {
  std::string sql;
  if (plan.fts) {
    sql = count ? "SELECT count(*)" : "SELECT articles_fts.rowid, bm25(articles_fts)";
    sql += " FROM articles_fts";
    if (need_articles) sql += " CROSS JOIN articles a ON a.id = articles_fts.rowid";
    sql += " WHERE articles_fts MATCH ?1";
    if (!plan.exact) sql += " AND " + plan.residual;
  } else {
    sql = count ? "SELECT count(*)" : "SELECT a.id, a.published_date, a.url";
    if (folded_index) {
      // The folded text is in the index's own table; the dates and URLs come from the covering
      // export index (site, published_date, url), not from the articles' rows: half the time.
      sql +=
          " FROM articles a INDEXED BY articles_export_order WHERE a.id IN "
          "(SELECT rowid FROM articles_fts WHERE " +
          plan.residual + ")";
    } else {
      sql += " FROM articles a WHERE " + plan.residual;
    }
  }
  if (need_articles) sql += " AND (?2 IS NULL OR a.site = ?2)";
  return sql;
}

// Binds what MatchSql(plan, _, need_articles, _) refers to.
void BindPlan(Statement& stmt, const internal::SearchPlan& plan, const SearchQuery& query,
              bool need_articles) {
  if (plan.fts) stmt.Bind(1, *plan.fts);
  if (need_articles) stmt.Bind(2, query.site);
  if (plan.exact) return;
  for (size_t i = 0; i < plan.params.size(); ++i) {
    stmt.Bind(kFirstTermParam + static_cast<int>(i), plan.params[i]);
  }
}

util::Result<int64_t> CountMatches(const Archive& archive, const internal::SearchPlan& plan,
                                   const SearchQuery& query, bool folded_index) {
  bool need_articles = NeedsArticles(plan, query, folded_index);
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(), MatchSql(plan, folded_index, need_articles, true)));
  BindPlan(stmt, plan, query, need_articles);
  TRY(stmt.Step());
  return stmt.Int(0);
}

// A match and what ranks it.
struct Ranked {
  int64_t id = 0;
  double score = 0;                           // bm25, lower is better (index searches)
  std::optional<std::string> published_date;  // newer is better (scans), then
  std::string url;                            // the URL
};

// Every match, counted, and the best `limit` of them, best first: one pass over the matches
// (counting them apart would run the search twice).
util::Result<std::vector<Ranked>> RankMatches(const Archive& archive,
                                              const internal::SearchPlan& plan,
                                              const SearchQuery& query, bool folded_index,
                                              int64_t* total) {
  bool need_articles = NeedsArticles(plan, query, folded_index);
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(), MatchSql(plan, folded_index, need_articles, false)));
  BindPlan(stmt, plan, query, need_articles);
  bool by_score = plan.fts.has_value();
  // Equal scores keep the archive's order; a missing date ranks after every date.
  auto better = [by_score](const Ranked& a, const Ranked& b) {
    if (by_score) return a.score != b.score ? a.score < b.score : a.id < b.id;
    if (a.published_date != b.published_date) {
      if (!a.published_date || !b.published_date) return a.published_date.has_value();
      return *a.published_date > *b.published_date;
    }
    return a.url < b.url;
  };
  // A heap of the best so far, the worst of them on top.
  std::vector<Ranked> best;
  *total = 0;
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    ++*total;
    if (query.limit == 0) continue;
    Ranked match;
    match.id = stmt.Int(0);
    if (by_score) {
      match.score = stmt.Double(1);
    } else {
      match.published_date = stmt.OptionalText(1);
      match.url = stmt.Text(2);
    }
    if (best.size() == query.limit) {
      if (!better(match, best.front())) continue;
      std::pop_heap(best.begin(), best.end(), better);
      best.back() = std::move(match);
    } else {
      best.push_back(std::move(match));
    }
    std::push_heap(best.begin(), best.end(), better);
  }
  std::sort_heap(best.begin(), best.end(), better);
  return best;
}

util::Result<std::vector<SearchHit>> LoadHits(const Archive& archive,
                                              const std::vector<Ranked>& ranked,
                                              const std::vector<std::string>& terms,
                                              const std::string& open, const std::string& close) {
  TRY_ASSIGN(Statement row, Statement::Prepare(archive.db(),
                                               "SELECT url, site, title, published_date, body "
                                               "FROM articles WHERE id = ?1"));
  std::vector<SearchHit> hits;
  for (const Ranked& match : ranked) {
    row.Reset();
    TRY_ASSIGN(bool found, row.Bind(1, match.id).Step());
    if (!found) continue;
    SearchHit hit;
    hit.url = row.Text(0);
    hit.site = row.Text(1);
    hit.title = row.OptionalText(2);
    hit.published_date = row.OptionalText(3);
    hit.score = match.score;
    std::string body = row.Text(4);
    std::optional<std::string> snippet = internal::Snippet(body, terms, open, close);
    if (!snippet && hit.title) snippet = internal::Snippet(*hit.title, terms, open, close);
    // Not reached: a match holds one of its terms in its body or title.
    hit.snippet = snippet ? *snippet : internal::Snippet(body, {}).value_or("");
    hits.push_back(std::move(hit));
  }
  return hits;
}

std::u32string FoldedCodePoints(const std::string& text) { return FoldWithOffsets(text).folded; }

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

}  // namespace

namespace internal {

SearchPlan PlanSearch(const QueryExpr& expr, bool folded_index) {
  return Planner(folded_index).Plan(expr);
}

std::string FtsPhrase(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::optional<std::string> Snippet(const std::string& text, const std::vector<std::string>& terms,
                                   const std::string& open, const std::string& close) {
  FoldedText folded = FoldWithOffsets(text);
  const std::u32string& haystack = folded.folded;
  std::vector<std::u32string> needles;
  for (const std::string& term : terms) {
    std::u32string needle = FoldedCodePoints(term);
    if (!needle.empty()) needles.push_back(std::move(needle));
  }
  // Longest first: where terms overlap, the longest is highlighted.
  std::stable_sort(needles.begin(), needles.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  auto match_at = [&](size_t i) -> size_t {
    for (const std::u32string& needle : needles) {
      if (haystack.compare(i, needle.size(), needle) == 0) return needle.size();
    }
    return 0;
  };
  size_t n = haystack.size();
  size_t first = std::u32string::npos;
  for (const std::u32string& needle : needles) first = std::min(first, haystack.find(needle));
  if (first == std::u32string::npos && !needles.empty()) return std::nullopt;
  size_t start = 0;
  size_t end = std::min(n, 2 * kSnippetContextChars);  // no terms: the text's beginning
  if (first != std::u32string::npos) {
    start = first > kSnippetContextChars ? first - kSnippetContextChars : 0;
    end = std::min(n, first + match_at(first) + kSnippetContextChars);
  }
  std::string out = start > 0 ? kEllipsis : "";
  auto append_original = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      size_t begin = folded.offsets[i];
      size_t size = folded.offsets[i + 1] - begin;
      if (size == 1 && IsSpace(text[begin])) {
        // Line breaks and runs of blanks read as one space on a result line.
        if (!out.empty() && out.back() != ' ') out += ' ';
        continue;
      }
      out.append(text, begin, size);
    }
  };
  size_t i = start;
  while (i < end) {
    size_t length = match_at(i);
    if (length == 0) {
      append_original(i, i + 1);
      ++i;
      continue;
    }
    out += open;
    append_original(i, i + length);  // a match running past the end is shown whole
    out += close;
    i += length;
  }
  if (i < n) out += kEllipsis;
  return out;
}

}  // namespace internal

util::Result<SearchResults> SearchArticles(const Archive& archive, const SearchQuery& query) {
  TRY_ASSIGN(QueryExpr expr, ParseSearchQuery(query.text));
  TRY_ASSIGN(Transaction read, archive.BeginRead());
  TRY_ASSIGN(int version, SchemaVersionOf(archive.db()));
  bool folded_index = version >= kFoldedSearchSchemaVersion;
  internal::SearchPlan plan = internal::PlanSearch(expr, folded_index);
  SearchResults results;
  if (!folded_index) {
    results.note = archive.path() + " has archive schema version " + std::to_string(version) +
                   ", whose search index predates traditional/simplified folding: terms are "
                   "found as typed and in simplified characters, not in traditional ones (商会 "
                   "misses 商會); open it read-write once (crawl, import-warc or reextract) to "
                   "upgrade it";
  }
  if (query.count_only) {
    TRY_ASSIGN(results.total, CountMatches(archive, plan, query, folded_index));
    return results;
  }
  TRY_ASSIGN(std::vector<Ranked> ranked,
             RankMatches(archive, plan, query, folded_index, &results.total));
  TRY_ASSIGN(results.hits, LoadHits(archive, ranked, PositiveTerms(expr), query.highlight_open,
                                    query.highlight_close));
  return results;
}

}  // namespace storage
