// A multi-page article (下一页 inside the article) is fetched page by page like any other URL;
// StitchArticle assembles it from its pages' captures once each page is archived or known to be
// unavailable. The pages are found through a PageLookup (the archive, plus the page being
// handled), so the same code serves the crawl and reextract. App layer; pure given the lookup.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "extract/article.h"
#include "extract/extractor.h"
#include "storage/archive.h"

namespace cli {

// A page's payload as archived.
struct PageSource {
  std::string body;
  std::optional<std::string> content_type;
  std::chrono::system_clock::time_point fetched_at{};
};

class PageLookup {
 public:
  virtual ~PageLookup() = default;
  // The page's latest successful capture, or nullopt.
  virtual std::optional<PageSource> Capture(const std::string& url) = 0;
  // True when a page without a capture is still to be fetched (queued, in flight, or about to
  // be queued): the article waits for it. False when it will not come (failed, skipped).
  virtual bool Pending(const std::string& url) = 0;
};

// The PageLookup of an archive: captures from its fetches, pending from its frontier. The page
// being handled (not archived yet) can be supplied; URLs the frontier does not know count as
// pending when `unknown_is_pending` (links the crawl loop is about to queue).
class ArchivePageLookup final : public PageLookup {
 public:
  struct Options {
    bool unknown_is_pending = false;
    bool wait_for_queued = true;  // false: never wait (reextract, end of a run)
  };
  ArchivePageLookup(storage::Archive& archive, Options options)
      : archive_(archive), options_(options) {}
  void SetCurrentPage(std::string url, PageSource page) {
    current_url_ = std::move(url);
    current_ = std::move(page);
  }
  // The page being handled answered for good without a page (404, 410, not HTML): the article
  // does not wait for it (its frontier entry is still in flight until the answer is archived).
  void SetCurrentPageGone(std::string url) {
    current_url_ = std::move(url);
    current_.reset();
    current_gone_ = true;
  }
  std::optional<PageSource> Capture(const std::string& url) override;
  bool Pending(const std::string& url) override;

 private:
  storage::Archive& archive_;
  Options options_;
  std::string current_url_;
  std::optional<PageSource> current_;
  bool current_gone_ = false;
};

struct StitchOutcome {
  bool complete = false;             // every page archived or given up
  extract::Article article;          // the stitched article (when complete)
  std::vector<std::string> missing;  // pages given up on, in page order
  size_t pages = 1;                  // pages stitched, the first included
};

// Extracts the following pages of `first` (continuation_urls, then the pages later pages
// announce) in page order, up to max_pages pages in all, and joins them (extract/article_stitch.h).
StitchOutcome StitchArticle(const extract::Article& first, PageLookup& pages,
                            const extract::ExtractOptions& options = {}, size_t max_pages = 50);

// The first page of a multi-page article as archived: its latest capture, extracted.
struct FirstPage {
  extract::Article article;
  int64_t capture_id = 0;
  std::chrono::system_clock::time_point fetched_at{};
};

// nullopt when `url` has no archived capture or it no longer extracts as a titled article.
// `site_titles` are the site's other <title>s, as for any page (ExtractInput::site_titles).
util::Result<std::optional<FirstPage>> LoadFirstPage(storage::Archive& archive,
                                                     const std::string& url,
                                                     const extract::ExtractOptions& options,
                                                     std::span<const std::string> site_titles = {});

// Stitches the article whose first page is archived at `url` from its archived pages and stores
// it (no fetch row: it comes from the first page's capture, keyed by its ArticleUrl). nullopt
// when there is nothing to store: no first page, or a page the lookup says is still pending.
util::Result<std::optional<storage::RecordResult>> StoreStitchedArticle(
    storage::Archive& archive, const std::string& url, const extract::ExtractOptions& options,
    ArchivePageLookup::Options lookup, std::optional<int64_t> run_id,
    std::span<const std::string> site_titles = {});

}  // namespace cli
