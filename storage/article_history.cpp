#include "storage/article_history.h"

#include <utility>

#include "storage/article_codec.h"
#include "storage/sqlite_handles.h"

namespace storage {

util::Result<std::optional<ArticleHistory>> ReadArticleHistory(const Archive& archive,
                                                               const std::string& url_key) {
  TRY_ASSIGN(Transaction read, archive.BeginRead());
  TRY_ASSIGN(std::optional<UrlArticleRef> ref, FindUrlArticle(archive, url_key));
  if (!ref) return std::optional<ArticleHistory>();
  ArticleHistory history;
  history.url = url_key;
  history.match = ref->match;
  TRY_ASSIGN(Statement url,
             Statement::Prepare(archive.db(), "SELECT url FROM articles WHERE id = ?1"));
  TRY_ASSIGN(bool found, url.Bind(1, ref->article_id).Step());
  if (found) history.article_url = url.Text(0);
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                "SELECT version, fetched_at, capture_id, article FROM "
                                "article_versions WHERE article_id = ?1 ORDER BY version"));
  stmt.Bind(1, ref->article_id);
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    StoredVersion v;
    v.version = stmt.Int(0);
    v.fetched_at = stmt.Text(1);
    v.capture_id = stmt.OptionalInt(2);
    TRY_ASSIGN(v.article, ArticleFromJson(stmt.Text(3), nullptr));
    history.versions.push_back(std::move(v));
  }
  return std::optional<ArticleHistory>(std::move(history));
}

}  // namespace storage
