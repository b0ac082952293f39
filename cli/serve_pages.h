// The serve pages are the HTML of `newsarc serve`'s read-only view of an archive: pure functions
// from what the archive holds (plain structs read by storage/ and cli/audit_report.h) to a whole
// UTF-8 page. Every text from the archive is HTML-escaped (titles, bodies and URLs are whatever
// the crawled sites printed); no page loads anything from elsewhere: styles are inline, the
// timeline is inline SVG, article images are listed as links, never loaded. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/audit_report.h"
#include "storage/archive_search.h"
#include "storage/archive_stats.h"
#include "storage/article_history.h"
#include "storage/article_list.h"
#include "storage/month_gaps.h"
#include "storage/url_report.h"
#include "storage/version_diff.h"

namespace cli::serve {

// What the search page asks storage::SearchArticles to wrap matches in: control characters
// that the page turns into <mark> and </mark> after escaping the snippet. (Should an article's
// text hold one, the page shows a stray mark element: markup of ours, never of the text.)
inline constexpr const char* kSnippetMarkOpen = "\x01";
inline constexpr const char* kSnippetMarkClose = "\x02";

// Links between pages.
std::string SiteHref(std::string_view site);
// The articles of one section of `site` (nullopt: those with no section).
std::string SectionHref(std::string_view site, const std::optional<std::string>& section);
std::string AllArticlesHref(std::string_view site);
std::string ArticleHref(std::string_view url);
std::string DiffHref(std::string_view url, int64_t a, int64_t b);
std::string AuditHref(const std::optional<std::string>& site);
std::string RemovedHref(const std::optional<std::string>& site);

// One page of a paginated list: 1-based `page`, `per_page` rows, `total` rows in all.
struct Pagination {
  int64_t page = 1;
  int64_t per_page = 50;
  int64_t total = 0;

  // The number of pages, at least 1 (an empty list has one, empty, page).
  int64_t Pages() const;
  int64_t Offset() const { return (page - 1) * per_page; }
};

// Links to the first, previous, next and last pages around "page N of M". `href` is the list's
// address with its other parameters, to which "page=N" is added; nothing for a single page.
std::string RenderPager(std::string_view href, const Pagination& pagination);

// Articles per month as an inline <svg> bar chart: one <rect class="bar"> per month (a gap month
// full height in a colour of its own, class "bar gap"; a low month class "bar low"), each with a
// <title> tooltip ("2024-03: 0 articles, gap") and a data-month attribute, a tick and label at
// each year's first month, and an accessible title and description. Empty when no month has
// articles. `label` names what is counted ("www.example.org", a section).
std::string RenderTimelineSvg(const storage::MonthTable& months, std::string_view label);

// A whole page with the common header (the archive's name, links home, to the audit and to
// search). `title` is text (escaped here); `body_html` is markup.
std::string RenderLayout(std::string_view archive_name, std::string_view title,
                         std::string_view body_html);

// The page for a 4xx or 5xx answer: its status and `message` (text).
std::string RenderErrorPage(std::string_view archive_name, int status, std::string_view message);

// /: the sites with their counts and last fetch, and the last crawl run.
std::string RenderIndexPage(std::string_view archive_name, const storage::ArchiveStats& stats);

// /site/HOST: the site's timeline, its holes count from the audit, and its sections.
std::string RenderSitePage(std::string_view archive_name, const SiteReport& audit,
                           const std::vector<storage::SectionSummary>& sections);

// /site/HOST/section and /site/HOST/articles: one page of a section's (or the whole site's)
// articles, newest first. `section` as in storage::ArticleListQuery; `href` is the list's own
// address without its page parameter (for the pager).
std::string RenderArticleListPage(std::string_view archive_name, std::string_view site,
                                  const std::optional<std::optional<std::string>>& section,
                                  const storage::ArticleList& list, const Pagination& pagination,
                                  std::string_view href);

// What an article's previous or next link leads to in the archive.
struct NeighbourLink {
  enum class Kind {
    kNotFound,  // the page shows no such link
    kNone,      // the page says there is none (没有了)
    kArchived,  // a URL whose article is archived
    kMissing,   // a URL no archived article is found for
  };
  Kind kind = Kind::kNotFound;
  std::optional<std::string> url;
  std::optional<std::string> title;
};

// /article?url=U: the article's fields, dates and provenance, its previous and next articles,
// its versions (each linked to its diff with the one before) and body, and its fetches.
// REQUIRES: report.article.
// `removal` says when the site stopped serving it (schema 13 archives), shown at the top.
std::string RenderArticlePage(std::string_view archive_name, const storage::UrlReport& report,
                              const NeighbourLink& prev, const NeighbourLink& next,
                              const std::optional<storage::ArticleRemoval>& removal = std::nullopt);

// /removed[?site=HOST]: the articles their sites no longer serve, most recently removed first,
// with when and why; `tracked` false says the archive predates removal tracking (schema 13).
std::string RenderRemovedPage(std::string_view archive_name, const std::optional<std::string>& site,
                              bool tracked, const storage::ArticleList& list,
                              const Pagination& pagination, std::string_view href);

// /diff?url=U&a=V1&b=V2: what differs from version `a` to version `b` (1-based, both stored):
// each changed field, then the body paragraph by paragraph, removed text in <del>, added text
// in <ins>.
std::string RenderDiffPage(std::string_view archive_name, const storage::ArticleHistory& history,
                           int64_t a, int64_t b, const storage::VersionDiff& diff);

// /search?q=Q: the form, and the page of results when there are some (nullopt: no query yet).
// `error` is a malformed query's message, shown instead of results.
std::string RenderSearchPage(std::string_view archive_name, std::string_view query,
                             const std::optional<std::string>& site,
                             const std::optional<storage::SearchResults>& results,
                             const Pagination& pagination, const std::optional<std::string>& error);

// /audit?site=HOST: per site and section the chains, holes with why, breaks, cycles, orphans,
// listing totals and month timelines.
std::string RenderAuditPage(std::string_view archive_name, const AuditReport& report);

}  // namespace cli::serve
