#include "extract/article_stitch.h"

#include <algorithm>
#include <set>

#include "util/sha256.h"

namespace extract {

Article StitchPages(Article first, const std::vector<Article>& following) {
  std::set<std::string> image_urls;
  for (const Image& image : first.images) image_urls.insert(image.url);
  std::vector<std::string> urls;
  for (const Article& page : following) {
    if (!page.url.empty() && page.url != first.url &&
        std::find(urls.begin(), urls.end(), page.url) == urls.end()) {
      urls.push_back(page.url);
    }
    if (!page.body.empty()) {
      if (!first.body.empty()) first.body += '\n';
      first.body += page.body;
    }
    for (const Image& image : page.images) {
      if (image_urls.insert(image.url).second) first.images.push_back(image);
    }
    if (!first.prev && page.prev) first.prev = page.prev;
    if (!first.next && page.next) first.next = page.next;
  }
  // The first page's own list may name pages that were not found; keep the ones stitched.
  if (!urls.empty()) first.continuation_urls = std::move(urls);
  first.content_sha256 = util::Sha256Hex(first.body);
  return first;
}

}  // namespace extract
