// Stitching joins the pages of an article split over several pages (下一页 inside the article)
// into one Article: the first page's title, dates and metadata, every page's text in page
// order. Pure function; the crawler and reextract find and extract the pages.
#pragma once

#include <vector>

#include "extract/article.h"

namespace extract {

// `first` with the bodies and images of `following` (pages 2, 3, … in order) appended, one
// paragraph per line; prev/next links come from the first page that has them (some sites print
// 上一篇/下一篇 on the last page only); content_sha256 is recomputed; continuation_urls lists
// every following page's URL.
Article StitchPages(Article first, const std::vector<Article>& following);

}  // namespace extract
