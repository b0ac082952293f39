#include "cli/run_reextract.h"

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>

#include "cli/app_options.h"
#include "cli/archive_errors.h"
#include "cli/archive_lock.h"
#include "cli/article_stitcher.h"
#include "cli/crawl_links.h"
#include "extract/extractor.h"
#include "extract/site_titles.h"
#include "storage/archive.h"
#include "util/error.h"
#include "util/log.h"
#include "util/url.h"

namespace cli {
namespace {

// Whether the crawl queued `url` as an article link (the frontier remembers the link kind).
bool QueuedAsArticle(storage::Archive& archive, const std::string& url) {
  auto row = archive.FrontierEntryOf(url);
  return row && *row && ReachedAsArticle(crawler::LinkKindFromName((*row)->kind));
}

// A multi-page article's following pages are stitched from their archived captures.
extract::Article StitchIfMultiPage(storage::Archive& archive, extract::Article article) {
  if (article.continuation_urls.empty()) return article;
  ArchivePageLookup lookup(archive, {.wait_for_queued = false});
  return StitchArticle(article, lookup).article;
}

struct Tally {
  size_t examined = 0, unchanged = 0, changed = 0, failed = 0;
  size_t pages_examined = 0, pages_new = 0;
  std::optional<util::Error> fault;  // the storage error that stopped the run
};

// A sample of each host's <title>s for the site-decoration evidence (site_titles.h): those of
// its first archived articles, up to the memory's bound, read before any page is extracted
// again, so that every page sees the same evidence whatever the order. `own` maps each sampled
// article to its <title>, which must not count as evidence for itself.
struct TitleSample {
  extract::SiteTitleMemory memory;
  std::map<int64_t, std::string> own;
  std::map<std::string, size_t> per_host;
};

std::optional<util::Error> SampleSiteTitles(storage::Archive& archive,
                                            const std::vector<int64_t>& ids, TitleSample& sample) {
  constexpr size_t kPerHost = 32;  // SiteTitleMemory's default bound
  for (int64_t id : ids) {
    auto source = archive.LoadArticleSource(id);
    if (!source) return source.error();
    if (!*source) continue;
    std::string host = util::SiteOfUrl((*source)->url).value_or("");
    if (sample.per_host[host] >= kPerHost) continue;
    std::string title =
        extract::PeekTitleTag((*source)->capture.body, (*source)->capture.content_type);
    if (title.empty()) continue;
    ++sample.per_host[host];
    sample.memory.Remember(host, title);
    sample.own[id] = std::move(title);
  }
  return std::nullopt;
}

// The sampled titles of `url`'s host, without the page's own.
std::vector<std::string> SiteTitlesFor(const TitleSample& sample, const std::string& url,
                                       std::optional<int64_t> id) {
  std::vector<std::string> titles = sample.memory.Recall(util::SiteOfUrl(url).value_or(""));
  if (auto own = id ? sample.own.find(*id) : sample.own.end(); own != sample.own.end()) {
    if (auto at = std::find(titles.begin(), titles.end(), own->second); at != titles.end()) {
      titles.erase(at);
    }
  }
  return titles;
}

// The archived articles: extracted again, updated where the extractor now reads them
// differently. False on a storage error (kept in t.fault).
bool ReextractArticles(storage::Archive& archive, const std::optional<std::string>& site,
                       TitleSample& sample, Tally& t) {
  auto ids = archive.ArticleIdsWithCaptures(site);
  if (!ids) {
    t.fault = ids.error();
    return false;
  }
  if (auto fault = SampleSiteTitles(archive, *ids, sample)) {
    t.fault = std::move(*fault);
    return false;
  }
  for (int64_t id : *ids) {
    auto source = archive.LoadArticleSource(id);
    if (!source) {
      t.fault = source.error();
      return false;
    }
    if (!*source) continue;
    ++t.examined;
    const storage::ArticleSource& s = **source;
    extract::ExtractInput input{s.capture.body, s.url, s.capture.content_type, s.last_fetched_at,
                                QueuedAsArticle(archive, s.url)};
    std::vector<std::string> titles = SiteTitlesFor(sample, s.url, id);
    input.site_titles = titles;
    auto article = extract::ExtractArticle(input);
    // A page that no longer extracts as an article keeps its archived state.
    if (!article || article->kind != extract::PageKind::kArticle || !article->title) {
      ++t.failed;
      util::LogWarning(
          "not re-extracted",
          {{"url", s.url}, {"reason", article ? article->kind_reason : article.error().message}});
      continue;
    }
    auto result = archive.UpdateReextracted(id, StitchIfMultiPage(archive, std::move(*article)));
    if (!result) {
      t.fault = result.error();
      return false;
    }
    if (*result == storage::ArticleChange::kChanged) {
      ++t.changed;
    } else {
      ++t.unchanged;
    }
  }
  return true;
}

// Fetched pages of every other kind: a page the extractor now takes for an article (a short
// notice once called `other`, an article once called a listing) is archived as one, and every
// page's fetch records the kind it is now given. False on a storage error (kept in t.fault).
bool ReconsiderOtherPages(storage::Archive& archive, const std::optional<std::string>& site,
                          const TitleSample& sample, Tally& t) {
  auto pages = archive.PagesWithoutArticle(site);
  if (!pages) {
    t.fault = pages.error();
    return false;
  }
  for (const storage::UnarchivedPage& page : *pages) {
    auto capture = archive.LoadCapture(page.capture_id);
    if (!capture) {
      t.fault = capture.error();
      return false;
    }
    if (!*capture) continue;
    ++t.pages_examined;
    extract::ExtractInput input{(*capture)->body, page.url, (*capture)->content_type,
                                page.fetched_at,
                                ReachedAsArticle(crawler::LinkKindFromName(page.link_kind))};
    std::vector<std::string> titles = SiteTitlesFor(sample, page.url, std::nullopt);
    input.site_titles = titles;
    auto article = extract::ExtractArticle(input);
    if (!article) continue;
    if (auto r = archive.SetFetchPageKind(page.fetch_id, extract::PageKindName(article->kind),
                                          article->kind_reason);
        !r) {
      t.fault = r.error();
      return false;
    }
    if (article->kind != extract::PageKind::kArticle || !article->title) continue;
    storage::PageRecord record;
    record.url = ArticleUrl(*article, page.url);
    record.fetched_at = page.fetched_at;
    record.article_capture_id = page.capture_id;
    record.article = StitchIfMultiPage(archive, std::move(*article));
    record.article->url = record.url;
    auto stored = archive.StoreArticle(record);
    if (!stored) {
      t.fault = stored.error();
      return false;
    }
    if (stored->change == storage::ArticleChange::kNew) {
      ++t.pages_new;
      util::LogInfo("archived as an article",
                    {{"url", page.url}, {"reason", record.article->kind_reason}});
    }
  }
  return true;
}

}  // namespace

int RunReextract(const ReextractCommandOptions& options) {
  // It writes the archive: one writing run at a time, as crawl and import-warc.
  auto lock = LockArchive(options.db);
  if (!lock) return util::kExitLocked;
  auto archive = OpenLockedArchive(options.db, *lock, {});
  if (!archive) return ReportArchiveOpenError(options.db, archive.error());
  Tally t;
  TitleSample sample;
  if (!ReextractArticles(*archive, options.site, sample, t) ||
      !ReconsiderOtherPages(*archive, options.site, sample, t)) {
    return ReportArchiveFault(options.db, t.fault.value_or(util::Error{}), "reextract",
                              "(what it re-extracted so far is kept)");
  }
  // -q (cron) prints nothing but errors.
  if (util::CurrentLogConfig().min_level < util::LogLevel::kError) {
    std::cout << "examined " << t.examined << ", new versions " << t.changed << ", unchanged "
              << t.unchanged << ", not re-extracted " << t.failed << "; other pages examined "
              << t.pages_examined << ", archived as new articles " << t.pages_new << "\n";
  }
  return util::kExitOk;
}

void SetupReextract(CLI::App& app, RunState& state) {
  auto options = std::make_shared<ReextractCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "reextract",
      "Run the extractor again on archived pages of every kind: update their articles, and "
      "archive pages it now takes for articles");
  sub->add_option("--db", options->db, "Archive file (SQLite)")->required();
  sub->add_option("--site", options->site, "Only pages of this host");
  sub->callback([options, &state] { state.exit_code = RunReextract(*options); });
}

}  // namespace cli
