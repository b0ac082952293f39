// An ArticleHistory is every stored version of the article a URL leads to, found as `newsarc
// show` finds it (storage/url_report.h: the URL itself, its rel=canonical URL or its redirect
// target), oldest first, each with its full article. Read in one snapshot over a borrowed
// Archive: safe while a crawl writes (WAL).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "extract/article.h"
#include "storage/archive.h"
#include "storage/url_report.h"
#include "util/error.h"

namespace storage {

// One row of article_versions.
struct StoredVersion {
  int64_t version = 0;
  std::string fetched_at;  // when the article was first fetched in this state
  std::optional<int64_t> capture_id;
  extract::Article article;
};

struct ArticleHistory {
  std::string url;          // the key asked about (UrlKeyOf)
  std::string article_url;  // the URL the article is archived under
  ArticleMatch match = ArticleMatch::kUrl;
  std::vector<StoredVersion> versions;  // oldest first, numbered from 1
};

// The history of the article `url_key` leads to, or nullopt when it leads to none. Fails
// (kStorage) on an archive it cannot read, as ReadUrlReport does.
util::Result<std::optional<ArticleHistory>> ReadArticleHistory(const Archive& archive,
                                                               const std::string& url_key);

}  // namespace storage
