// Which links of an extracted page the crawler follows, and as what: the link policy of
// `newsarc crawl` (issue #4 "What gets followed"). Articles lead to their previous/next
// articles and to their own following pages; listings to their articles, their pagination and
// the site's other columns; other pages (home, indexes) to everything they link to; every page
// to where it sends the browser (meta refresh, script redirect, frames). Scope and
// robots.txt are checked later by the crawl loop. Also the URL an archived article is keyed by.
// Pure functions.
#pragma once

#include <string>
#include <vector>

#include "crawler/page_handler.h"
#include "extract/article.h"

namespace cli {

struct LinkPolicy {
  // Also follow every other in-scope link of article pages (wget-style recursion), not only
  // their previous/next and continuation links.
  bool follow_all_from_articles = false;
};

std::vector<crawler::DiscoveredLink> LinksToFollow(const extract::Article& article,
                                                   const LinkPolicy& policy = {});

// Whether a link of this kind names an article (a listing's entry, a previous/next article, a
// page a sitemap lists): evidence the extractor weighs when classifying the page it leads to.
bool ReachedAsArticle(crawler::LinkKind kind);

// The URL an article is archived under: its rel=canonical when that points inside the same
// site (canonicalized like every crawled URL), else `page_url` (the URL fetched, after
// redirects). A canonical on another site is ignored (a page cannot claim another site's URL),
// and so is one naming the site's home page (a template error that would merge every page).
std::string ArticleUrl(const extract::Article& article, const std::string& page_url);

}  // namespace cli
