// An ArticleCursor streams the archive's articles for export, one row at a time in the stable
// export order (site, published_date, url[, version]): constant memory however large the
// archive. Articles without a title are skipped (article.schema.json requires one).
// Borrows the Archive, which must outlive it; call inside Archive::BeginRead() for a snapshot.
#pragma once

#include <optional>
#include <string>

#include "extract/article.h"
#include "extract/article_json.h"
#include "storage/archive.h"
#include "storage/sqlite_handles.h"
#include "util/error.h"

namespace storage {

// Which articles an export takes by removal state (storage/removal.h).
enum class RemovedFilter {
  kInclude,  // all, removed or not
  kOnly,     // only those marked removed
  kExclude,  // only those not marked removed
};

struct ExportQuery {
  std::optional<std::string> site;
  std::optional<std::string> since;  // YYYY-MM-DD, published_date on or after
  std::optional<std::string> until;  // YYYY-MM-DD, published_date on or before
  // RFC 3339 UTC as the archive writes it (NormalizeTimestamp): articles whose current version
  // (with all_versions: versions) was first fetched at or after this instant.
  std::optional<std::string> changed_since;
  // Every stored version of each article (in version order) instead of the current state.
  bool all_versions = false;
  // With all_versions, an article's every version follows the article's current state.
  RemovedFilter removed = RemovedFilter::kInclude;
};

class ArticleCursor {
 public:
  static util::Result<ArticleCursor> Open(const Archive& archive, const ExportQuery& query);

  // Moves to the next article: true when there is one.
  util::Result<bool> Next();
  const extract::Article& article() const { return article_; }
  const extract::ArchiveStamp& stamp() const { return stamp_; }

 private:
  explicit ArticleCursor(Statement stmt, bool all_versions)
      : stmt_(std::move(stmt)), all_versions_(all_versions) {}

  Statement stmt_;
  bool all_versions_;
  extract::Article article_;
  extract::ArchiveStamp stamp_;
};

}  // namespace storage
