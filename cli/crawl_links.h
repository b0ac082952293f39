// Which links of an extracted page the crawler follows, and as what: the link policy of
// `newsarc crawl` (issue #4 "What gets followed"). Articles lead to their previous/next
// articles and to their own following pages; listings to their articles, their pagination and
// the site's other columns; other pages (home, indexes) to everything they link to. Scope and
// robots.txt are checked later by the crawl loop. Pure function.
#pragma once

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

}  // namespace cli
