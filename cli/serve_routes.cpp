#include "cli/serve_routes.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>
#include <utility>
#include <variant>

#include "cli/archive_errors.h"
#include "cli/audit_report.h"
#include "cli/serve_pages.h"
#include "storage/archive_search.h"
#include "storage/archive_stats.h"
#include "storage/article_history.h"
#include "storage/article_list.h"
#include "storage/url_report.h"
#include "storage/version_diff.h"
#include "util/html_escape.h"
#include "util/log.h"

namespace cli::serve {
namespace {

// A request that cannot be answered as asked: its status and why, for the error page.
struct Refusal {
  Refusal(int status_code, std::string why, std::string shown = "")
      : status(status_code), message(std::move(why)), page(std::move(shown)) {}

  int status = 400;
  std::string message;
  std::string page;  // the page to show; empty: the error page with `message`
};

// What a route answers: a page, a refusal (4xx) or an archive fault (500).
using RouteResult = util::Result<std::variant<std::string, Refusal>>;

std::optional<std::string> Param(const ServeRequest& request, const std::string& name) {
  auto it = request.params.find(name);
  if (it == request.params.end()) return std::nullopt;
  return it->second;
}

// A whole number in [minimum, maximum], or nullopt.
std::optional<int64_t> ParseNumber(std::string_view text, int64_t minimum, int64_t maximum) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < minimum || n > maximum) {
    return std::nullopt;
  }
  return n;
}

// The page=N parameter (1 when absent), or a refusal naming it.
std::variant<int64_t, Refusal> PageParam(const ServeRequest& request, int64_t maximum) {
  std::optional<std::string> page = Param(request, "page");
  if (!page) return int64_t{1};
  std::optional<int64_t> n = ParseNumber(*page, 1, maximum);
  if (!n) {
    return Refusal{400, "page must be a whole number from 1 to " + std::to_string(maximum) +
                            " (got '" + *page + "')"};
  }
  return *n;
}

// The archive key of the url parameter, or a refusal.
std::variant<std::string, Refusal> UrlParam(const ServeRequest& request) {
  std::optional<std::string> url = Param(request, "url");
  if (!url || url->empty()) return Refusal{400, "url is missing: /article?url=http://…"};
  std::optional<std::string> key = storage::UrlKeyOf(*url);
  if (!key) return Refusal{400, "'" + *url + "' is not an http(s) URL"};
  return *key;
}

constexpr int64_t kMaxPage = 1'000'000;

RouteResult Index(storage::Archive& archive, const std::string& name) {
  TRY_ASSIGN(storage::ArchiveStats stats, storage::ReadArchiveStats(archive, 1));
  return RenderIndexPage(name, stats);
}

// Whether the archive has articles of `site`.
util::Result<bool> HasSite(storage::Archive& archive, const std::string& site) {
  TRY_ASSIGN(std::vector<std::string> sites, storage::ReadAuditSites(archive, site));
  return !sites.empty();
}

RouteResult Site(storage::Archive& archive, const std::string& name, const std::string& site) {
  TRY_ASSIGN(bool known, HasSite(archive, site));
  if (!known) return Refusal{404, "the archive has no articles of " + site};
  TRY_ASSIGN(std::vector<storage::OffsiteRefusal> offsite, storage::ReadOffsiteRefusals(archive));
  TRY_ASSIGN(SiteReport audit, AuditSite(archive, site, offsite));
  TRY_ASSIGN(std::vector<storage::SectionSummary> sections, storage::ReadSections(archive, site));
  return RenderSitePage(name, audit, sections);
}

RouteResult List(storage::Archive& archive, const std::string& name, const ServeRequest& request,
                 const std::string& site, bool by_section) {
  auto page = PageParam(request, kMaxPage);
  if (auto* refusal = std::get_if<Refusal>(&page)) return *refusal;
  TRY_ASSIGN(bool known, HasSite(archive, site));
  if (!known) return Refusal{404, "the archive has no articles of " + site};
  storage::ArticleListQuery query;
  query.site = site;
  std::string href = AllArticlesHref(site);
  if (by_section) {
    std::optional<std::string> section = Param(request, "name");
    if (section && section->empty()) section.reset();
    query.section = section;
    href = SectionHref(site, section);
  }
  Pagination pagination{std::get<int64_t>(page), kRowsPerPage, 0};
  query.offset = pagination.Offset();
  query.limit = pagination.per_page;
  TRY_ASSIGN(storage::ArticleList list, storage::ReadArticleList(archive, query));
  pagination.total = list.total;
  if (by_section && list.total == 0) {
    return Refusal{404,
                   site + " has no articles in section " + query.section->value_or("(no section)")};
  }
  if (pagination.page > pagination.Pages()) {
    return Refusal{404, "page " + std::to_string(pagination.page) +
                            " does not exist: the list has " + std::to_string(pagination.Pages()) +
                            " pages"};
  }
  return RenderArticleListPage(name, site, query.section, list, pagination, href);
}

// What an article's previous or next link leads to.
util::Result<NeighbourLink> Neighbour(storage::Archive& archive,
                                      const std::optional<extract::SiblingLink>& link) {
  NeighbourLink out;
  if (!link) return out;
  out.title = link->title;
  if (!link->url) {
    out.kind = NeighbourLink::Kind::kNone;
    return out;
  }
  out.url = link->url;
  out.kind = NeighbourLink::Kind::kMissing;
  std::optional<std::string> key = storage::UrlKeyOf(*link->url);
  if (!key) return out;
  TRY_ASSIGN(std::optional<storage::UrlArticleRef> ref, storage::FindUrlArticle(archive, *key));
  if (ref) out.kind = NeighbourLink::Kind::kArchived;
  return out;
}

RouteResult Article(storage::Archive& archive, const std::string& name,
                    const ServeRequest& request) {
  auto key = UrlParam(request);
  if (auto* refusal = std::get_if<Refusal>(&key)) return *refusal;
  const std::string& url = std::get<std::string>(key);
  TRY_ASSIGN(storage::UrlReport report, storage::ReadUrlReport(archive, url));
  if (!report.article) {
    std::string why = report.IsKnown()
                          ? url + " is known to the archive but no article was archived from it" +
                                (report.frontier ? " (" + report.frontier->state + ": " +
                                                       report.frontier->reason + ")"
                                                 : std::string())
                          : url + " is not in the archive";
    return Refusal{404, why};
  }
  TRY_ASSIGN(NeighbourLink prev, Neighbour(archive, report.article->article.prev));
  TRY_ASSIGN(NeighbourLink next, Neighbour(archive, report.article->article.next));
  TRY_ASSIGN(std::optional<storage::ArticleRemoval> removal,
             storage::ReadArticleRemoval(archive, report.article->article.url));
  return RenderArticlePage(name, report, prev, next, removal);
}

RouteResult Diff(storage::Archive& archive, const std::string& name, const ServeRequest& request) {
  auto key = UrlParam(request);
  if (auto* refusal = std::get_if<Refusal>(&key)) return *refusal;
  const std::string& url = std::get<std::string>(key);
  TRY_ASSIGN(std::optional<storage::ArticleHistory> history,
             storage::ReadArticleHistory(archive, url));
  if (!history || history->versions.empty()) {
    return Refusal{404, url + " has no archived article"};
  }
  auto count = static_cast<int64_t>(history->versions.size());
  auto version = [&](const char* param, int64_t fallback) -> std::variant<int64_t, Refusal> {
    std::optional<std::string> text = Param(request, param);
    if (!text) return fallback;
    std::optional<int64_t> n = ParseNumber(*text, 1, count);
    if (!n) {
      return Refusal{400, std::string(param) + ": no version '" + *text + "' (versions 1 to " +
                              std::to_string(count) + ")"};
    }
    return *n;
  };
  auto b = version("b", count);
  if (auto* refusal = std::get_if<Refusal>(&b)) return *refusal;
  auto a = version("a", std::max<int64_t>(1, std::get<int64_t>(b) - 1));
  if (auto* refusal = std::get_if<Refusal>(&a)) return *refusal;
  int64_t from = std::get<int64_t>(a), to = std::get<int64_t>(b);
  storage::VersionDiff diff =
      storage::DiffVersions(history->versions[static_cast<size_t>(from - 1)].article,
                            history->versions[static_cast<size_t>(to - 1)].article);
  return RenderDiffPage(name, *history, from, to, diff);
}

RouteResult Search(storage::Archive& archive, const std::string& name,
                   const ServeRequest& request) {
  auto page = PageParam(request, kMaxSearchPage);
  if (auto* refusal = std::get_if<Refusal>(&page)) return *refusal;
  std::string text = Param(request, "q").value_or("");
  std::optional<std::string> site = Param(request, "site");
  if (site && site->empty()) site.reset();
  Pagination pagination{std::get<int64_t>(page), kSearchHitsPerPage, 0};
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return RenderSearchPage(name, text, site, std::nullopt, pagination, std::nullopt);
  }
  storage::SearchQuery query;
  query.text = text;
  query.site = site;
  query.limit = static_cast<size_t>(pagination.page * pagination.per_page);
  query.highlight_open = kSnippetMarkOpen;
  query.highlight_close = kSnippetMarkClose;
  auto results = storage::SearchArticles(archive, query);
  if (!results) {
    if (results.error().code != util::ErrorCode::kUsage) return tl::unexpected(results.error());
    // A malformed query is the reader's to fix: the form again, with why.
    return Refusal{
        400, results.error().message,
        RenderSearchPage(name, text, site, std::nullopt, pagination, results.error().message)};
  }
  pagination.total = results->total;
  auto offset = static_cast<size_t>(pagination.Offset());
  if (offset >= results->hits.size() && pagination.page > 1) {
    return Refusal{404, "page " + std::to_string(pagination.page) +
                            " does not exist: " + std::to_string(results->total) + " matches"};
  }
  results->hits.erase(
      results->hits.begin(),
      results->hits.begin() + static_cast<std::ptrdiff_t>(std::min(offset, results->hits.size())));
  return RenderSearchPage(name, text, site, *results, pagination, std::nullopt);
}

RouteResult Audit(storage::Archive& archive, const std::string& name, const ServeRequest& request) {
  std::optional<std::string> site = Param(request, "site");
  if (site && site->empty()) site.reset();
  TRY_ASSIGN(AuditReport report, ReadAuditReport(archive, site));
  if (site && report.sites.empty()) return Refusal{404, "the archive has no articles of " + *site};
  return RenderAuditPage(name, report);
}

RouteResult Removed(storage::Archive& archive, const std::string& name,
                    const ServeRequest& request) {
  auto page = PageParam(request, kMaxPage);
  if (auto* refusal = std::get_if<Refusal>(&page)) return *refusal;
  std::optional<std::string> site = Param(request, "site");
  if (site && site->empty()) site.reset();
  if (site) {
    TRY_ASSIGN(bool known, HasSite(archive, *site));
    if (!known) return Refusal{404, "the archive has no articles of " + *site};
  }
  TRY_ASSIGN(bool tracked, storage::HasRemovalTracking(archive));
  Pagination pagination{std::get<int64_t>(page), kRowsPerPage, 0};
  storage::ArticleListQuery query;
  query.site = site;
  query.removed_only = true;
  query.offset = pagination.Offset();
  query.limit = pagination.per_page;
  TRY_ASSIGN(storage::ArticleList list, storage::ReadArticleList(archive, query));
  pagination.total = list.total;
  if (pagination.page > pagination.Pages()) {
    return Refusal{404, "page " + std::to_string(pagination.page) + " does not exist"};
  }
  return RenderRemovedPage(name, site, tracked, list, pagination, RemovedHref(site));
}

RouteResult Route(storage::Archive& archive, const std::string& name, const ServeRequest& request) {
  const std::string& path = request.path;
  if (path == "/") return Index(archive, name);
  if (path == "/article") return Article(archive, name, request);
  if (path == "/diff") return Diff(archive, name, request);
  if (path == "/search") return Search(archive, name, request);
  if (path == "/audit") return Audit(archive, name, request);
  if (path == "/removed") return Removed(archive, name, request);
  constexpr std::string_view kSite = "/site/";
  if (path.rfind(kSite, 0) == 0) {
    std::string rest = path.substr(kSite.size());
    size_t slash = rest.find('/');
    std::string site = rest.substr(0, slash);
    if (!site.empty()) {
      if (slash == std::string::npos) return Site(archive, name, site);
      std::string page = rest.substr(slash);
      if (page == "/section") return List(archive, name, request, site, true);
      if (page == "/articles") return List(archive, name, request, site, false);
    }
  }
  return Refusal{404, "no page at " + path};
}

}  // namespace

ServeResponse HandleServeRequest(storage::Archive& archive, const std::string& archive_name,
                                 const ServeRequest& request) {
  auto read = archive.BeginRead();
  RouteResult result =
      read ? Route(archive, archive_name, request) : RouteResult(tl::unexpected(read.error()));
  if (!result) {
    util::LogError(ArchiveReadErrorMessage(archive.path(), result.error()));
    return {500, RenderErrorPage(archive_name, 500,
                                 ArchiveReadErrorMessage(archive.path(), result.error()))};
  }
  if (auto* refusal = std::get_if<Refusal>(&*result)) {
    if (!refusal->page.empty()) return {refusal->status, std::move(refusal->page)};
    return {refusal->status, RenderErrorPage(archive_name, refusal->status, refusal->message)};
  }
  return {200, std::move(std::get<std::string>(*result))};
}

}  // namespace cli::serve
