#include "storage/archive_search.h"

namespace storage {
namespace {

// Characters of context on each side of a match in snippets (FTS5 counts tokens, which for
// the trigram tokenizer are characters).
constexpr int kSnippetContextChars = 24;
constexpr int kMinTrigramChars = 3;
constexpr const char* kEllipsis = "…";

size_t CodePoints(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Moves `pos` back (or forward) over `count` code points.
size_t Back(const std::string& text, size_t pos, int count) {
  while (count > 0 && pos > 0) {
    --pos;
    while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
    --count;
  }
  return pos;
}

size_t Forward(const std::string& text, size_t pos, int count) {
  while (count > 0 && pos < text.size()) {
    ++pos;
    while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
    --count;
  }
  return pos;
}

std::string EscapeLike(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

util::Result<std::vector<SearchHit>> Collect(Statement& stmt, const SearchQuery& query, bool fts) {
  std::vector<SearchHit> hits;
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    SearchHit hit;
    hit.url = stmt.Text(0);
    hit.site = stmt.Text(1);
    hit.title = stmt.OptionalText(2);
    hit.published_date = stmt.OptionalText(3);
    if (fts) {
      hit.snippet = stmt.Text(4);
      hit.score = stmt.Double(5);
    } else {
      std::string body = stmt.Text(4);
      hit.snippet = body.find(query.text) != std::string::npos
                        ? internal::SnippetAround(body, query.text)
                        : internal::SnippetAround(hit.title.value_or(""), query.text);
    }
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace

namespace internal {

std::string FtsPhrase(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string SnippetAround(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  if (at == std::string::npos) {
    return text.substr(0, Forward(text, 0, 2 * kSnippetContextChars));
  }
  size_t start = Back(text, at, kSnippetContextChars);
  size_t end = Forward(text, at + needle.size(), kSnippetContextChars);
  std::string out;
  if (start > 0) out += kEllipsis;
  out += text.substr(start, at - start);
  out += kHighlightOpen;
  out += needle;
  out += kHighlightClose;
  out += text.substr(at + needle.size(), end - at - needle.size());
  if (end < text.size()) out += kEllipsis;
  return out;
}

}  // namespace internal

util::Result<std::vector<SearchHit>> SearchArticles(const Archive& archive,
                                                    const SearchQuery& query) {
  TRY_ASSIGN(Transaction read, archive.BeginRead());
  bool fts = CodePoints(query.text) >= kMinTrigramChars;
  std::string sql;
  if (fts) {
    // snippet(-1): the column (title or body) with the best match.
    sql =
        "SELECT a.url, a.site, a.title, a.published_date, "
        "snippet(articles_fts, -1, ?4, ?5, ?6, " +
        std::to_string(kSnippetContextChars) +
        "), bm25(articles_fts) "
        "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
        "WHERE articles_fts MATCH ?1 AND (?2 IS NULL OR a.site = ?2) "
        "ORDER BY bm25(articles_fts), a.url LIMIT ?3";
  } else {
    sql =
        "SELECT a.url, a.site, a.title, a.published_date, a.body FROM articles a "
        "WHERE (a.title LIKE ?1 ESCAPE '\\' OR a.body LIKE ?1 ESCAPE '\\') "
        "AND (?2 IS NULL OR a.site = ?2) "
        "ORDER BY a.published_date DESC, a.url LIMIT ?3";
  }
  TRY_ASSIGN(Statement stmt, Statement::Prepare(archive.db(), sql));
  stmt.Bind(1, fts ? internal::FtsPhrase(query.text) : "%" + EscapeLike(query.text) + "%")
      .Bind(2, query.site)
      .Bind(3, static_cast<int64_t>(query.limit));
  if (fts) stmt.Bind(4, kHighlightOpen).Bind(5, kHighlightClose).Bind(6, kEllipsis);
  return Collect(stmt, query, fts);
}

}  // namespace storage
