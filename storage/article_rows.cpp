#include "storage/article_rows.h"

#include "storage/article_codec.h"

namespace storage {

util::Result<extract::Article> ArticleFromRow(const Statement& row, int first,
                                              extract::ArchiveStamp* stamp) {
  extract::Article a;
  int c = first;
  a.kind = extract::PageKind::kArticle;
  a.url = row.Text(c++);
  a.site = row.Text(c++);
  a.section = row.OptionalText(c++);
  a.title = row.OptionalText(c++);
  a.published_date = row.OptionalText(c++);
  a.published_at = row.OptionalText(c++);
  a.updated_at = row.OptionalText(c++);
  ArticleJsonColumns json;
  json.dates = row.Text(c++);
  a.source = row.OptionalText(c++);
  a.author = row.OptionalText(c++);
  a.views = row.OptionalInt(c++);
  a.body = row.Text(c++);
  json.images = row.Text(c++);
  json.prev = row.OptionalText(c++);
  json.next = row.OptionalText(c++);
  a.lang = row.OptionalText(c++);
  json.encoding = row.Text(c++);
  a.content_sha256 = row.Text(c++);
  if (stamp != nullptr) {
    stamp->first_seen_at = row.Text(c++);
    stamp->last_fetched_at = row.Text(c++);
    stamp->version = row.Int(c++);
  }
  TRY(DecodeJsonColumns(json, &a));
  return a;
}

}  // namespace storage
