// An article list is a page of a site's current articles, newest first, as a reader browses
// them (`newsarc serve`): a site's sections with their counts, and one page of a section's (or
// the whole site's) articles with the total to paginate by. Read-only queries over a borrowed
// Archive; plain structs out. Safe while a crawl writes (WAL): call inside Archive::BeginRead()
// for one snapshot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "util/error.h"

namespace storage {

// A section of a site, as its articles' breadcrumbs name it; nullopt for the articles that
// name none (an empty name counts as none).
struct SectionSummary {
  std::optional<std::string> section;
  int64_t articles = 0;
  std::optional<std::string> first_published;  // YYYY-MM-DD
  std::optional<std::string> last_published;
};

// The sections of `site`, most articles first, then by name.
util::Result<std::vector<SectionSummary>> ReadSections(const Archive& archive,
                                                       const std::string& site);

struct ArticleListQuery {
  std::optional<std::string> site;  // nullopt: every site
  // Only this section: the inner nullopt selects the articles with no section; the outer
  // nullopt every article of the site.
  std::optional<std::optional<std::string>> section = std::nullopt;
  // Only the articles the site no longer serves (articles.removed_at set); none in an archive
  // that does not track removals (HasRemovalTracking).
  bool removed_only = false;
  int64_t offset = 0;
  int64_t limit = 50;
};

// One article of a list, without its text.
struct ArticleListRow {
  std::string url;
  std::string site;
  std::optional<std::string> title;
  std::optional<std::string> section;
  std::optional<std::string> published_date;
  std::optional<int64_t> views;
  int64_t version = 1;          // its current version: how many versions are stored
  std::string last_fetched_at;  // RFC 3339 UTC
  // When a crawl found the article gone from its site, and why; nullopt while it is served (and
  // always in an archive that does not track removals).
  std::optional<std::string> removed_at;
  std::optional<std::string> removed_reason;
};

struct ArticleList {
  std::vector<ArticleListRow> rows;  // newest published first, undated last, then by URL
  int64_t total = 0;                 // every article the query selects
};

util::Result<ArticleList> ReadArticleList(const Archive& archive, const ArticleListQuery& query);

// Whether the archive records removed articles (the articles.removed_at and removed_reason
// columns of schema 13). Older archives are read as they are: nothing is removed in them.
util::Result<bool> HasRemovalTracking(const Archive& archive);

struct ArticleRemoval {
  std::string removed_at;
  std::optional<std::string> reason;
};

// The removal of the article archived under `article_url`; nullopt when it is still served, is
// not archived, or the archive does not track removals.
util::Result<std::optional<ArticleRemoval>> ReadArticleRemoval(const Archive& archive,
                                                               const std::string& article_url);

}  // namespace storage
