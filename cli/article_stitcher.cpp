#include "cli/article_stitcher.h"

#include <algorithm>

#include "extract/article_stitch.h"
#include "util/log.h"

namespace cli {

std::optional<PageSource> ArchivePageLookup::Capture(const std::string& url) {
  if (current_ && url == current_url_) return current_;
  auto page = archive_.LatestCapture(url);
  if (!page) {
    util::LogWarning("cannot read an archived page: " + page.error().message, {{"url", url}});
    return std::nullopt;
  }
  if (!*page) return std::nullopt;
  return PageSource{std::move((*page)->capture.body), std::move((*page)->capture.content_type),
                    (*page)->fetched_at};
}

bool ArchivePageLookup::Pending(const std::string& url) {
  if (!options_.wait_for_queued) return false;
  auto entry = archive_.FrontierEntryOf(url);
  if (!entry) return false;
  if (!*entry) return options_.unknown_is_pending;
  return (*entry)->state == storage::FrontierState::kQueued ||
         (*entry)->state == storage::FrontierState::kInFlight;
}

StitchOutcome StitchArticle(const extract::Article& first, PageLookup& pages,
                            const extract::ExtractOptions& options, size_t max_pages) {
  StitchOutcome outcome;
  std::vector<std::string> order;
  auto announce = [&](const std::vector<std::string>& urls) {
    for (const std::string& url : urls) {
      if (url == first.url || std::find(order.begin(), order.end(), url) != order.end()) continue;
      if (order.size() + 1 >= max_pages) {
        util::LogWarning("multi-page article longer than the page limit; the rest is left out",
                         {{"url", first.url}, {"max_pages", std::to_string(max_pages)}});
        return;
      }
      order.push_back(url);
    }
  };
  announce(first.continuation_urls);
  std::vector<extract::Article> following;
  for (size_t i = 0; i < order.size(); ++i) {
    const std::string url = order[i];  // a copy: announce() may grow `order`
    auto source = pages.Capture(url);
    if (!source) {
      if (pages.Pending(url)) return outcome;  // not complete yet
      outcome.missing.push_back(url);
      continue;
    }
    auto page = extract::ExtractArticle(
        {source->body, url, source->content_type, source->fetched_at}, options);
    if (!page) {
      outcome.missing.push_back(url);
      continue;
    }
    announce(page->continuation_urls);
    following.push_back(std::move(*page));
  }
  outcome.complete = true;
  outcome.pages = following.size() + 1;
  outcome.article = extract::StitchPages(first, following);
  return outcome;
}

}  // namespace cli
