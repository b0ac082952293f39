#include "cli/article_stitcher.h"

#include <algorithm>

#include "cli/crawl_links.h"
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
  if (current_gone_ && url == current_url_) return false;
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

util::Result<std::optional<FirstPage>> LoadFirstPage(storage::Archive& archive,
                                                     const std::string& url,
                                                     const extract::ExtractOptions& options,
                                                     std::span<const std::string> site_titles) {
  TRY_ASSIGN(std::optional<storage::PageCapture> page, archive.LatestCapture(url));
  if (!page) return std::optional<FirstPage>();
  extract::ExtractInput input{page->capture.body, url, page->capture.content_type,
                              page->fetched_at};
  input.site_titles = site_titles;
  auto article = extract::ExtractArticle(input, options);
  if (!article || article->kind != extract::PageKind::kArticle || !article->title) {
    return std::optional<FirstPage>();
  }
  return std::optional<FirstPage>(
      FirstPage{std::move(*article), page->capture.id, page->fetched_at});
}

util::Result<std::optional<storage::RecordResult>> StoreStitchedArticle(
    storage::Archive& archive, const std::string& url, const extract::ExtractOptions& options,
    ArchivePageLookup::Options lookup_options, std::optional<int64_t> run_id,
    std::span<const std::string> site_titles) {
  TRY_ASSIGN(std::optional<FirstPage> first, LoadFirstPage(archive, url, options, site_titles));
  if (!first) return std::optional<storage::RecordResult>();
  ArchivePageLookup lookup(archive, lookup_options);
  StitchOutcome outcome = StitchArticle(first->article, lookup, options);
  if (!outcome.complete) return std::optional<storage::RecordResult>();
  if (!outcome.missing.empty()) {
    util::LogWarning("multi-page article archived without some of its pages",
                     {{"url", url}, {"missing", std::to_string(outcome.missing.size())}});
  }
  storage::PageRecord record;
  record.run_id = run_id;
  record.url = url;
  record.fetched_at = first->fetched_at;
  record.article = std::move(outcome.article);
  record.article->url = ArticleUrl(*record.article, url);
  record.article_capture_id = first->capture_id;
  TRY_ASSIGN(storage::RecordResult stored, archive.StoreArticle(record));
  return std::optional<storage::RecordResult>(stored);
}

}  // namespace cli
