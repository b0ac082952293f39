#include "cli/serve_pages.h"

#include <algorithm>
#include <cstdio>

#include "util/html_escape.h"
#include "util/paragraph_diff.h"

namespace cli::serve {
namespace {

using util::HtmlEscape;
using util::PercentEncode;

// Entries listed per kind on the audit page (holes, breaks, orphans of one section).
constexpr size_t kListedPerKind = 200;

// The timeline's geometry, in SVG user units (pixels at 100 %).
constexpr int kPlotHeight = 120;
constexpr int kTopMargin = 8;
constexpr int kAxisHeight = 22;
constexpr int kLeftMargin = 36;
constexpr int kRightMargin = 8;
constexpr int kMaxPlotWidth = 960;
constexpr int kMaxBarStep = 24;
constexpr int kMinBarStep = 3;

constexpr const char* kStyle = R"(
body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#2c3e50;color:#fff;padding:.5em 1em;display:flex;gap:1.5em;align-items:center;flex-wrap:wrap}
header a{color:#fff;text-decoration:none}header .name{font-weight:bold}
header form{margin-left:auto}
main{padding:1em 1.5em;max-width:72em}
table{border-collapse:collapse;margin:.5em 0}
th,td{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#eef}
td.num{text-align:right}
dl.fields{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}
dl.fields dt{font-weight:bold;color:#555}dl.fields dd{margin:0}
.body p{line-height:1.7;max-width:40em}
.missing{color:#b00}.none{color:#777}.note{color:#666;font-size:90%}
.pager{margin:.8em 0}.pager a,.pager span{margin-right:.8em}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
p.removed{background:#fee}p.added{background:#efe}p.equal{color:#666}
svg.timeline{background:#fff;border:1px solid #ddd;max-width:100%;height:auto}
svg.timeline rect.bar{fill:#4a7ab5}svg.timeline rect.bar.low{fill:#e0a030}
svg.timeline rect.bar.gap{fill:#d9534f;fill-opacity:.55}svg.timeline rect.bar.empty{fill:#bbb}
svg.timeline text{font-size:10px;fill:#555}svg.timeline line{stroke:#999}
.legend span{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 1em;vertical-align:middle}
.problem{color:#b00;font-weight:bold}
)";

std::string Text(const std::optional<std::string>& value, std::string_view absent = "—") {
  return value ? HtmlEscape(*value) : HtmlEscape(absent);
}

std::string Link(std::string_view href, std::string_view text_html) {
  return "<a href=\"" + HtmlEscape(href) + "\">" + std::string(text_html) + "</a>";
}

std::string SectionLabel(const std::optional<std::string>& section) {
  return section ? *section : "(no section)";
}

std::string TitleOf(const std::optional<std::string>& title) {
  return title && !title->empty() ? *title : "(no title)";
}

std::string Plural(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// A <dt>/<dd> pair; nothing when the value is absent.
std::string Field(std::string_view name, const std::optional<std::string>& value_html) {
  if (!value_html) return "";
  return "<dt>" + std::string(name) + "</dt><dd>" + *value_html + "</dd>";
}

std::optional<std::string> Escaped(const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  return HtmlEscape(*value);
}

std::string Paragraphs(std::string_view body) {
  std::string html;
  for (std::string_view p : util::SplitParagraphs(body)) html += "<p>" + HtmlEscape(p) + "</p>\n";
  return html;
}

std::string NeighbourHtml(const NeighbourLink& link, std::string_view side) {
  switch (link.kind) {
    case NeighbourLink::Kind::kNotFound:
      return "<span class=\"none\">no " + std::string(side) + " link on the page</span>";
    case NeighbourLink::Kind::kNone:
      return "<span class=\"none\">none (the page says there is no " + std::string(side) +
             " article)</span>";
    case NeighbourLink::Kind::kArchived:
      return Link(ArticleHref(*link.url), HtmlEscape(link.title.value_or(*link.url)));
    case NeighbourLink::Kind::kMissing:
      return "<span class=\"missing\">missing: " + HtmlEscape(link.title.value_or("")) + " " +
             HtmlEscape(*link.url) + " is not archived</span>";
  }
  return "";
}

std::string MonthFlagSuffix(storage::MonthFlag flag) {
  return flag == storage::MonthFlag::kNone ? "" : std::string(", ") + storage::MonthFlagName(flag);
}

// The snippet escaped, its matches (between kSnippetMarkOpen and kSnippetMarkClose) in <mark>.
std::string MarkedSnippet(std::string_view snippet) {
  std::string html;
  for (char c : HtmlEscape(snippet)) {
    if (c == kSnippetMarkOpen[0]) {
      html += "<mark>";
    } else if (c == kSnippetMarkClose[0]) {
      html += "</mark>";
    } else {
      html += c;
    }
  }
  return html;
}

std::string TimelineLegend() {
  return "<p class=\"legend note\">Articles per month by published date:"
         "<span style=\"background:#4a7ab5\"></span>articles"
         "<span style=\"background:#d9534f;opacity:.55\"></span>gap (no article where the usual "
         "month has several)"
         "<span style=\"background:#e0a030\"></span>low month"
         "<span style=\"background:#bbb\"></span>empty month</p>";
}

}  // namespace

std::string SiteHref(std::string_view site) { return "/site/" + PercentEncode(site); }

std::string SectionHref(std::string_view site, const std::optional<std::string>& section) {
  std::string href = SiteHref(site) + "/section";
  if (section) href += "?name=" + PercentEncode(*section);
  return href;
}

std::string AllArticlesHref(std::string_view site) { return SiteHref(site) + "/articles"; }

std::string ArticleHref(std::string_view url) { return "/article?url=" + PercentEncode(url); }

std::string DiffHref(std::string_view url, int64_t a, int64_t b) {
  return "/diff?url=" + PercentEncode(url) + "&a=" + std::to_string(a) + "&b=" + std::to_string(b);
}

std::string AuditHref(const std::optional<std::string>& site) {
  return site ? "/audit?site=" + PercentEncode(*site) : "/audit";
}

std::string RemovedHref(const std::optional<std::string>& site) {
  return site ? "/removed?site=" + PercentEncode(*site) : "/removed";
}

int64_t Pagination::Pages() const {
  if (per_page <= 0 || total <= 0) return 1;
  return (total + per_page - 1) / per_page;
}

std::string RenderPager(std::string_view href, const Pagination& pagination) {
  int64_t pages = pagination.Pages();
  if (pages <= 1) return "";
  std::string base(href);
  base += base.find('?') == std::string::npos ? "?page=" : "&page=";
  auto page_link = [&](int64_t page, std::string_view text, std::string_view rel) {
    return "<a href=\"" + HtmlEscape(base + std::to_string(page)) + "\"" +
           (rel.empty() ? "" : " rel=\"" + std::string(rel) + "\"") + ">" + std::string(text) +
           "</a>";
  };
  std::string html = "<nav class=\"pager\" aria-label=\"pages\">";
  int64_t page = pagination.page;
  if (page > 1) {
    html += page_link(1, "« first", "first") + page_link(page - 1, "‹ previous", "prev");
  }
  html += "<span>page " + std::to_string(page) + " of " + std::to_string(pages) + "</span>";
  if (page < pages) {
    html += page_link(page + 1, "next ›", "next") + page_link(pages, "last »", "last");
  }
  return html + "</nav>\n";
}

std::string RenderTimelineSvg(const storage::MonthTable& months, std::string_view label) {
  const auto& m = months.months;
  if (m.empty()) return "";
  int64_t n = static_cast<int64_t>(m.size());
  int64_t step = std::clamp<int64_t>(kMaxPlotWidth / n, kMinBarStep, kMaxBarStep);
  int64_t bar_width = std::max<int64_t>(1, step - (step >= 6 ? 2 : 1));
  int64_t width = kLeftMargin + n * step + kRightMargin;
  int64_t height = kTopMargin + kPlotHeight + kAxisHeight;
  int64_t max_articles = 1;
  int64_t gaps = 0, lows = 0;
  for (const auto& month : m) {
    max_articles = std::max(max_articles, month.articles);
    gaps += month.flag == storage::MonthFlag::kGap;
    lows += month.flag == storage::MonthFlag::kLow;
  }
  std::string id = "tl-" + PercentEncode(label);
  std::replace(id.begin(), id.end(), '%', '_');
  std::string description = std::to_string(n) + " months from " + m.front().month + " to " +
                            m.back().month + ", at most " + std::to_string(max_articles) +
                            " articles a month, median " + std::to_string(months.median) + "; " +
                            Plural(gaps, "gap", "gaps") + ", " +
                            Plural(lows, "low month", "low months");
  std::string svg =
      "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" +
      std::to_string(width) + "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " +
      std::to_string(width) + " " + std::to_string(height) + "\" aria-labelledby=\"" + id + "-t " +
      id + "-d\" data-months=\"" + std::to_string(n) + "\" data-gaps=\"" + std::to_string(gaps) +
      "\">\n";
  svg += "<title id=\"" + id + "-t\">Articles per month, " + HtmlEscape(label) + "</title>\n";
  svg += "<desc id=\"" + id + "-d\">" + HtmlEscape(description) + "</desc>\n";
  int64_t baseline = kTopMargin + kPlotHeight;
  // The y axis: the largest month at the top, 0 at the baseline.
  svg += "<line x1=\"" + std::to_string(kLeftMargin - 2) + "\" y1=\"" + std::to_string(kTopMargin) +
         "\" x2=\"" + std::to_string(kLeftMargin - 2) + "\" y2=\"" + std::to_string(baseline) +
         "\"/>\n";
  svg += "<text x=\"" + std::to_string(kLeftMargin - 5) + "\" y=\"" +
         std::to_string(kTopMargin + 8) + "\" text-anchor=\"end\">" + std::to_string(max_articles) +
         "</text>\n";
  svg += "<text x=\"" + std::to_string(kLeftMargin - 5) + "\" y=\"" + std::to_string(baseline) +
         "\" text-anchor=\"end\">0</text>\n";
  for (int64_t i = 0; i < n; ++i) {
    const storage::MonthCount& month = m[static_cast<size_t>(i)];
    int64_t x = kLeftMargin + i * step;
    int64_t bar_height = month.articles * kPlotHeight / max_articles;
    std::string cls = "bar";
    if (month.flag == storage::MonthFlag::kGap) {
      cls += " gap";
      bar_height = kPlotHeight;  // a gap is marked over the whole height
    } else if (month.flag == storage::MonthFlag::kLow) {
      cls += " low";
    } else if (month.articles == 0) {
      cls += " empty";
    }
    bar_height = std::max<int64_t>(bar_height, 1);
    svg += "<rect class=\"" + cls + "\" data-month=\"" + HtmlEscape(month.month) +
           "\" data-articles=\"" + std::to_string(month.articles) + "\" x=\"" + std::to_string(x) +
           "\" y=\"" + std::to_string(baseline - bar_height) + "\" width=\"" +
           std::to_string(bar_width) + "\" height=\"" + std::to_string(bar_height) + "\"><title>" +
           HtmlEscape(month.month) + ": " + Plural(month.articles, "article", "articles") +
           MonthFlagSuffix(month.flag) + "</title></rect>\n";
    // A tick and the year under each year's first month shown.
    if (i == 0 || month.month.compare(5, 2, "01") == 0) {
      svg += "<line class=\"tick\" x1=\"" + std::to_string(x) + "\" y1=\"" +
             std::to_string(baseline) + "\" x2=\"" + std::to_string(x) + "\" y2=\"" +
             std::to_string(baseline + 5) + "\"/><text class=\"year\" x=\"" + std::to_string(x) +
             "\" y=\"" + std::to_string(baseline + 16) + "\">" +
             HtmlEscape(month.month.substr(0, 4)) + "</text>\n";
    }
  }
  svg += "</svg>\n";
  return svg;
}

std::string RenderLayout(std::string_view archive_name, std::string_view title,
                         std::string_view body_html) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // No icon: a browser would otherwise ask for /favicon.ico.
  html += "<link rel=\"icon\" href=\"data:,\">\n";
  html += "<title>" + HtmlEscape(title) + " · newsarc</title>\n<style>" + kStyle + "</style>\n";
  html += "</head>\n<body>\n<header><a class=\"name\" href=\"/\">newsarc · " +
          HtmlEscape(archive_name) +
          "</a><a href=\"/audit\">audit</a><a href=\"/removed\">removed</a><a "
          "href=\"/search\">search</a>";
  html +=
      "<form action=\"/search\" method=\"get\" role=\"search\"><input name=\"q\" type=\"search\" "
      "placeholder=\"search titles and bodies\" aria-label=\"search\"> <button>search</button>"
      "</form></header>\n<main>\n";
  html += "<h1>" + HtmlEscape(title) + "</h1>\n";
  html += body_html;
  html += "</main>\n</body>\n</html>\n";
  return html;
}

std::string RenderErrorPage(std::string_view archive_name, int status, std::string_view message) {
  const char* reason = status == 400   ? "Bad request"
                       : status == 404 ? "Not found"
                       : status == 405 ? "Method not allowed"
                                       : "Error";
  return RenderLayout(
      archive_name, std::to_string(status) + " " + reason,
      "<p>" + HtmlEscape(message) + "</p>\n<p>" + Link("/", "The archive's sites") + "</p>\n");
}

std::string RenderIndexPage(std::string_view archive_name, const storage::ArchiveStats& stats) {
  std::string body;
  if (stats.sites.empty()) {
    body += "<p>The archive holds no site yet.</p>\n";
  } else {
    body +=
        "<table>\n<tr><th>site</th><th>articles</th><th>versions</th><th>first published</th>"
        "<th>last published</th><th>last fetch</th><th>errors</th><th></th></tr>\n";
    for (const storage::SiteStats& site : stats.sites) {
      body += "<tr><td>" + Link(SiteHref(site.site), HtmlEscape(site.site)) +
              "</td><td class=\"num\">" + std::to_string(site.articles) +
              "</td><td class=\"num\">" + std::to_string(site.versions) + "</td><td>" +
              Text(site.first_published) + "</td><td>" + Text(site.last_published) + "</td><td>" +
              Text(site.last_fetch_at) + "</td><td class=\"num\">" + std::to_string(site.errors) +
              "</td><td>" + Link(AuditHref(site.site), "audit") + "</td></tr>\n";
    }
    body += "</table>\n";
  }
  if (!stats.runs.empty()) {
    const storage::RunSummary& run = stats.runs.front();
    body += "<h2>Last run</h2>\n<p>" + HtmlEscape(run.kind) + " " + std::to_string(run.id) +
            ", started " + HtmlEscape(run.started_at) + ", " + HtmlEscape(run.status) + ": " +
            std::to_string(run.counts.fetched) + " fetched, " +
            std::to_string(run.counts.articles_new) + " new articles, " +
            std::to_string(run.counts.articles_changed) + " changed, " +
            std::to_string(run.counts.errors) + " errors</p>\n";
  }
  body += "<p class=\"note\">" + std::to_string(stats.captures) + " captures, " +
          std::to_string(stats.fetches) + " fetches. Read-only view.</p>\n";
  return RenderLayout(archive_name, "Sites", body);
}

std::string RenderSitePage(std::string_view archive_name, const SiteReport& audit,
                           const std::vector<storage::SectionSummary>& sections) {
  std::string body = "<p>" + Plural(audit.articles, "article", "articles") + " in " +
                     Plural(static_cast<int64_t>(sections.size()), "section", "sections") + "; " +
                     Link(AllArticlesHref(audit.site), "all articles, newest first") + ", " +
                     Link(RemovedHref(audit.site), "removed articles") + "</p>\n";
  int64_t holes = audit.Holes();
  body += "<p>Audit: " +
          std::string(holes > 0 ? "<span class=\"problem\">" + Plural(holes, "hole", "holes") +
                                      "</span> (linked articles never archived)"
                                : "no holes: every previous/next link leads to an archived "
                                  "article") +
          " — " + Link(AuditHref(audit.site), "the site's audit") + "</p>\n";
  body += "<h2>Timeline</h2>\n" + RenderTimelineSvg(audit.months, audit.site);
  if (audit.months.months.empty()) body += "<p>No dated articles.</p>\n";
  body += TimelineLegend();
  if (audit.months.undated > 0) {
    body += "<p class=\"note\">" + Plural(audit.months.undated, "article", "articles") +
            " without a published date.</p>\n";
  }
  body +=
      "<h2>Sections</h2>\n<table>\n<tr><th>section</th><th>articles</th><th>first published</th>"
      "<th>last published</th><th>holes</th><th>flagged months</th></tr>\n";
  for (const storage::SectionSummary& s : sections) {
    const SectionReport* report = nullptr;
    for (const SectionReport& r : audit.sections) {
      std::optional<std::string> name = r.section && !r.section->empty() ? r.section : std::nullopt;
      if (name == s.section) report = &r;
    }
    body +=
        "<tr><td>" + Link(SectionHref(audit.site, s.section), HtmlEscape(SectionLabel(s.section))) +
        "</td><td class=\"num\">" + std::to_string(s.articles) + "</td><td>" +
        Text(s.first_published) + "</td><td>" + Text(s.last_published) + "</td><td class=\"num\">" +
        (report ? std::to_string(report->chains.holes.size()) : "—") + "</td><td class=\"num\">" +
        (report ? std::to_string(report->FlaggedMonths()) : "—") + "</td></tr>\n";
  }
  body += "</table>\n";
  return RenderLayout(archive_name, audit.site, body);
}

std::string RenderArticleListPage(std::string_view archive_name, std::string_view site,
                                  const std::optional<std::optional<std::string>>& section,
                                  const storage::ArticleList& list, const Pagination& pagination,
                                  std::string_view href) {
  std::string title =
      std::string(site) + (section ? " · " + SectionLabel(*section) : " · all articles");
  std::string body = "<p>" + Link(SiteHref(site), HtmlEscape(site)) + " · " +
                     Plural(list.total, "article", "articles") + ", newest first</p>\n";
  body += RenderPager(href, pagination);
  if (list.rows.empty()) {
    body += "<p>No articles.</p>\n";
  } else {
    body += "<table>\n<tr><th>published</th><th>title</th>";
    if (!section) body += "<th>section</th>";
    body += "<th>views</th><th>versions</th></tr>\n";
    for (const storage::ArticleListRow& row : list.rows) {
      body += "<tr><td>" + Text(row.published_date) + "</td><td>" +
              Link(ArticleHref(row.url), HtmlEscape(TitleOf(row.title))) +
              (row.removed_at
                   ? " <span class=\"missing\">removed " + HtmlEscape(*row.removed_at) + "</span>"
                   : std::string()) +
              "</td>";
      if (!section) body += "<td>" + HtmlEscape(SectionLabel(row.section)) + "</td>";
      body += "<td class=\"num\">" + (row.views ? std::to_string(*row.views) : "—") +
              "</td><td class=\"num\">" + std::to_string(row.version) + "</td></tr>\n";
    }
    body += "</table>\n";
  }
  body += RenderPager(href, pagination);
  return RenderLayout(archive_name, title, body);
}

std::string RenderRemovedPage(std::string_view archive_name, const std::optional<std::string>& site,
                              bool tracked, const storage::ArticleList& list,
                              const Pagination& pagination, std::string_view href) {
  std::string body;
  if (site) body += "<p>" + Link(SiteHref(*site), HtmlEscape(*site)) + "</p>\n";
  if (!tracked) {
    body +=
        "<p>This archive does not record removed articles: it was last written by a newsarc "
        "before removal tracking (archive schema 13). A crawl by a newer newsarc upgrades "
        "it.</p>\n";
    return RenderLayout(archive_name, "Removed articles", body);
  }
  body += "<p>" + Plural(list.total, "article", "articles") +
          " no longer served by their site, most recently removed first</p>\n";
  body += RenderPager(href, pagination);
  if (!list.rows.empty()) {
    body += "<table>\n<tr><th>removed</th><th>why</th><th>title</th><th>published</th>";
    if (!site) body += "<th>site</th>";
    body += "</tr>\n";
    for (const storage::ArticleListRow& row : list.rows) {
      body += "<tr><td>" + Text(row.removed_at) + "</td><td>" + Text(row.removed_reason) +
              "</td><td>" + Link(ArticleHref(row.url), HtmlEscape(TitleOf(row.title))) +
              "</td><td>" + Text(row.published_date) + "</td>";
      if (!site) body += "<td>" + Link(SiteHref(row.site), HtmlEscape(row.site)) + "</td>";
      body += "</tr>\n";
    }
    body += "</table>\n";
  }
  body += RenderPager(href, pagination);
  return RenderLayout(archive_name, "Removed articles", body);
}

std::string RenderArticlePage(std::string_view archive_name, const storage::UrlReport& report,
                              const NeighbourLink& prev, const NeighbourLink& next,
                              const std::optional<storage::ArticleRemoval>& removal) {
  const storage::UrlArticle& found = *report.article;
  const extract::Article& a = found.article;
  std::string body;
  if (removal) {
    body += "<p class=\"problem\">Removed from the site: gone since " +
            HtmlEscape(removal->removed_at) +
            (removal->reason ? " (" + HtmlEscape(*removal->reason) + ")" : std::string()) +
            "; this is the archived copy.</p>\n";
  }
  body += "<dl class=\"fields\">\n";
  body += Field("URL", "<a rel=\"noreferrer\" href=\"" + HtmlEscape(a.url) + "\">" +
                           HtmlEscape(a.url) + "</a>");
  if (a.url != report.url) {
    body += Field("asked for",
                  HtmlEscape(report.url) + " (" + storage::ArticleMatchName(found.match) + ")");
  }
  body += Field("site", Link(SiteHref(a.site), HtmlEscape(a.site)));
  body +=
      Field("section",
            Link(SectionHref(a.site, a.section && !a.section->empty() ? a.section : std::nullopt),
                 HtmlEscape(SectionLabel(a.section))));
  body += Field("published", Escaped(a.published_date));
  body += Field("published at", Escaped(a.published_at));
  body += Field("updated at", Escaped(a.updated_at));
  for (const extract::LabelledDate& d : a.dates) {
    body +=
        Field("date", HtmlEscape(d.label) + ": " + HtmlEscape(d.value) + " <span class=\"note\">(" +
                          extract::DateRoleName(d.role) + ")</span>");
  }
  body += Field("source", Escaped(a.source));
  body += Field("author", Escaped(a.author));
  if (a.views) body += Field("views", std::to_string(*a.views));
  body += Field("previous", NeighbourHtml(prev, "previous"));
  body += Field("next", NeighbourHtml(next, "next"));
  body += Field("language", Escaped(a.lang));
  body += Field("canonical URL", Escaped(a.canonical_url));
  body += Field("encoding", HtmlEscape(a.encoding.used) + " <span class=\"note\">(declared " +
                                Text(a.encoding.declared, "none") + ", detected " +
                                Text(a.encoding.detected, "none") + ")</span>");
  body += Field("first seen", HtmlEscape(found.stamp.first_seen_at));
  body += Field("last fetched", HtmlEscape(found.stamp.last_fetched_at));
  body += Field("version",
                std::to_string(found.stamp.version) + " since " + HtmlEscape(found.changed_at));
  body += "</dl>\n";

  if (!a.images.empty()) {
    // Listed, never loaded: the view makes no request beyond this server.
    body += "<h2>Images</h2>\n<ul>\n";
    for (const extract::Image& image : a.images) {
      body += "<li>" + HtmlEscape(image.url) +
              (image.alt ? " <span class=\"note\">" + HtmlEscape(*image.alt) + "</span>" : "") +
              "</li>\n";
    }
    body += "</ul>\n";
  }

  body +=
      "<h2>Versions</h2>\n<table>\n<tr><th>version</th><th>first fetched</th><th>capture</th>"
      "<th>title</th><th>changed</th><th></th></tr>\n";
  for (const storage::UrlVersion& v : report.versions) {
    std::string changed;
    for (const std::string& field : v.changed) changed += (changed.empty() ? "" : ", ") + field;
    body += "<tr><td class=\"num\">" + std::to_string(v.version) + "</td><td>" +
            HtmlEscape(v.fetched_at) + "</td><td class=\"num\">" +
            (v.capture_id ? std::to_string(*v.capture_id) : "—") + "</td><td>" +
            HtmlEscape(TitleOf(v.title)) + "</td><td>" +
            (v.version == 1 ? "first version" : HtmlEscape(changed)) + "</td><td>" +
            (v.version > 1 ? Link(DiffHref(a.url, v.version - 1, v.version), "diff") : "") +
            "</td></tr>\n";
  }
  body += "</table>\n";

  body += "<h2>Text</h2>\n<div class=\"body\">\n" + Paragraphs(a.body) + "</div>\n";

  body +=
      "<h2>Fetches</h2>\n<table>\n<tr><th>started</th><th>URL</th><th>status</th>"
      "<th>outcome</th><th>page kind</th><th>bytes</th></tr>\n";
  for (const storage::UrlFetch& f : report.fetches) {
    body +=
        "<tr><td>" + HtmlEscape(f.started_at) + "</td><td>" + HtmlEscape(f.url) +
        "</td><td class=\"num\">" + (f.status ? std::to_string(*f.status) : "—") + "</td><td>" +
        HtmlEscape(f.outcome) + "</td><td>" + Text(f.page_kind) +
        (f.kind_reason ? " <span class=\"note\">" + HtmlEscape(*f.kind_reason) + "</span>" : "") +
        "</td><td class=\"num\">" + (f.capture_size ? std::to_string(*f.capture_size) : "—") +
        "</td></tr>\n";
  }
  body += "</table>\n";
  return RenderLayout(archive_name, TitleOf(a.title), body);
}

std::string RenderDiffPage(std::string_view archive_name, const storage::ArticleHistory& history,
                           int64_t a, int64_t b, const storage::VersionDiff& diff) {
  const storage::StoredVersion& from = history.versions[static_cast<size_t>(a - 1)];
  const storage::StoredVersion& to = history.versions[static_cast<size_t>(b - 1)];
  std::string body =
      "<p>" + Link(ArticleHref(history.article_url), HtmlEscape(TitleOf(to.article.title))) +
      "</p>\n<p>From <del>version " + std::to_string(a) + "</del> (" + HtmlEscape(from.fetched_at) +
      ") to <ins>version " + std::to_string(b) + "</ins> (" + HtmlEscape(to.fetched_at) + ").";
  // Every version pair of the history is one click away.
  body += " Versions:";
  for (const storage::StoredVersion& v : history.versions) {
    if (v.version == 1) continue;
    body += " " + Link(DiffHref(history.article_url, v.version - 1, v.version),
                       std::to_string(v.version - 1) + "→" + std::to_string(v.version));
  }
  body += "</p>\n";
  if (diff.IsIdentical()) {
    body += "<p>No differences between version " + std::to_string(a) + " and version " +
            std::to_string(b) + ".</p>\n";
    return RenderLayout(archive_name, "Diff", body);
  }
  if (!diff.fields.empty()) {
    body += "<h2>Fields</h2>\n<table>\n<tr><th>field</th><th>before</th><th>after</th></tr>\n";
    for (const storage::FieldChange& f : diff.fields) {
      body += "<tr><td>" + HtmlEscape(f.field) + "</td><td><del>" + Text(f.before, "(none)") +
              "</del></td><td><ins>" + Text(f.after, "(none)") + "</ins></td></tr>\n";
    }
    body += "</table>\n";
  }
  const storage::BodyChange& c = diff.body_change;
  body += "<h2>Text</h2>\n<p class=\"note\">" + std::to_string(c.chars_before) + " → " +
          std::to_string(c.chars_after) + " characters, " + std::to_string(c.paragraphs_before) +
          " → " + std::to_string(c.paragraphs_after) +
          " paragraphs: " + std::to_string(c.added - c.moved) + " added, " +
          std::to_string(c.removed - c.moved) + " removed, " + std::to_string(c.changed) +
          " changed, " + std::to_string(c.moved) + " moved" +
          (diff.body.minimal ? "" : " (too different to align exactly)") + "</p>\n";
  body += "<div class=\"body\">\n";
  for (const util::ParagraphEdit& e : diff.body.edits) {
    std::string moved = e.moved ? " <span class=\"note\">[moved]</span>" : "";
    switch (e.op) {
      case util::ParagraphOp::kEqual:
        body += "<p class=\"equal\">" + HtmlEscape(e.new_text) + "</p>\n";
        break;
      case util::ParagraphOp::kRemoved:
        body += "<p class=\"removed\"><del>" + HtmlEscape(e.old_text) + "</del>" + moved + "</p>\n";
        break;
      case util::ParagraphOp::kAdded:
        body += "<p class=\"added\"><ins>" + HtmlEscape(e.new_text) + "</ins>" + moved + "</p>\n";
        break;
      case util::ParagraphOp::kChanged: {
        body += "<p class=\"changed\">";
        for (const util::TextSpan& span : e.spans) {
          if (span.op == util::EditOp::kEqual) {
            body += HtmlEscape(span.text);
          } else if (span.op == util::EditOp::kDelete) {
            body += "<del>" + HtmlEscape(span.text) + "</del>";
          } else {
            body += "<ins>" + HtmlEscape(span.text) + "</ins>";
          }
        }
        body += "</p>\n";
        break;
      }
    }
  }
  body += "</div>\n";
  return RenderLayout(archive_name, "Diff", body);
}

std::string RenderSearchPage(std::string_view archive_name, std::string_view query,
                             const std::optional<std::string>& site,
                             const std::optional<storage::SearchResults>& results,
                             const Pagination& pagination,
                             const std::optional<std::string>& error) {
  std::string body =
      "<form action=\"/search\" method=\"get\"><input name=\"q\" type=\"search\" size=\"40\" "
      "aria-label=\"query\" value=\"" +
      HtmlEscape(query) + "\">";
  if (site) body += "<input type=\"hidden\" name=\"site\" value=\"" + HtmlEscape(*site) + "\">";
  body +=
      " <button>search</button></form>\n<p class=\"note\">Words separated by spaces must all "
      "match; OR, NOT or -word, \"a phrase\" and (parentheses) as in newsarc search. "
      "Traditional and simplified characters find each other.</p>\n";
  if (error) body += "<p class=\"problem\">" + HtmlEscape(*error) + "</p>\n";
  if (results) {
    if (results->note) body += "<p class=\"note\">" + HtmlEscape(*results->note) + "</p>\n";
    body += "<p>" + Plural(results->total, "match", "matches") + "</p>\n";
    std::string href = "/search?q=" + PercentEncode(query);
    if (site) href += "&site=" + PercentEncode(*site);
    body += RenderPager(href, pagination);
    body += "<ol start=\"" + std::to_string(pagination.Offset() + 1) + "\">\n";
    for (const storage::SearchHit& hit : results->hits) {
      body += "<li>" + Link(ArticleHref(hit.url), HtmlEscape(TitleOf(hit.title))) +
              " <span class=\"note\">" + HtmlEscape(hit.site) + " " + Text(hit.published_date, "") +
              "</span><br>" + MarkedSnippet(hit.snippet) + "</li>\n";
    }
    body += "</ol>\n" + RenderPager(href, pagination);
  }
  return RenderLayout(archive_name, "Search", body);
}

namespace {

// "; 3 of 4 listing pages fetched (…); missing page 3", flagged when pages are missing.
std::string PagerHtml(const storage::PagerCoverage& pager) {
  std::string text = HtmlEscape(PagerText(pager));
  return pager.pages_missing > 0 ? "; <span class=\"problem\">" + text + "</span>" : "; " + text;
}

}  // namespace

std::string RenderAuditPage(std::string_view archive_name, const AuditReport& report) {
  std::string body;
  int64_t holes = report.Holes();
  body += holes == 0 ? "<p>Complete: every previous/next link leads to an archived article.</p>\n"
                     : "<p class=\"problem\">Incomplete: " + Plural(holes, "hole", "holes") +
                           " (linked articles never archived).</p>\n";
  if (report.sites.empty()) body += "<p>No articles.</p>\n";
  for (const SiteReport& site : report.sites) {
    body += "<h2>" + Link(SiteHref(site.site), HtmlEscape(site.site)) + "</h2>\n<p>" +
            Plural(site.articles, "article", "articles") + " in " +
            Plural(static_cast<int64_t>(site.sections.size()), "section", "sections");
    if (site.listing) {
      body += "; listing " + HtmlEscape(site.listing->url) + " prints " +
              (site.listing->totals.items ? Plural(*site.listing->totals.items, "item", "items")
                                          : std::string("no item total")) +
              ", " + std::to_string(site.listing->archived) + " archived";
      if (site.listing->pager) body += PagerHtml(*site.listing->pager);
    }
    body += "</p>\n";
    for (const SectionReport& s : site.sections) {
      std::optional<std::string> name = s.section && !s.section->empty() ? s.section : std::nullopt;
      const storage::ChainAudit& c = s.chains;
      body +=
          "<h3>" + Link(SectionHref(site.site, name), HtmlEscape(SectionLabel(name))) + "</h3>\n";
      body += "<p>" + Plural(c.articles, "article", "articles") + "; " +
              Plural(static_cast<int64_t>(c.chains.size()), "chain", "chains") + ", " +
              Plural(static_cast<int64_t>(c.holes.size()), "hole", "holes") + ", " +
              Plural(static_cast<int64_t>(c.breaks.size()), "break", "breaks") + ", " +
              Plural(static_cast<int64_t>(c.cycles.size()), "cycle", "cycles") + ", " +
              Plural(static_cast<int64_t>(c.orphans.size()), "orphan", "orphans");
      if (s.listing && s.listing->Shortfall().value_or(0) > 0) {
        body += "; <span class=\"problem\">the listing prints " +
                std::to_string(*s.listing->totals.items) + " items, " +
                std::to_string(*s.listing->Shortfall()) + " missing</span>";
      }
      if (s.listing && s.listing->pager) body += PagerHtml(*s.listing->pager);
      body += "</p>\n";
      if (!c.holes.empty()) {
        body += "<table>\n<tr><th>missing article</th><th>why</th><th>linked from</th></tr>\n";
        for (size_t i = 0; i < c.holes.size() && i < kListedPerKind; ++i) {
          const storage::ChainHole& h = c.holes[i];
          body += "<tr><td class=\"missing\">" + HtmlEscape(h.url) + "</td><td>" +
                  storage::MissingKindName(s.hole_reasons[i].kind) + ": " +
                  HtmlEscape(s.hole_reasons[i].detail) + "</td><td>" +
                  storage::ChainDirectionName(h.direction) + " of " +
                  Link(ArticleHref(h.from), HtmlEscape(h.from)) + "</td></tr>\n";
        }
        body += "</table>\n";
      }
      if (!c.breaks.empty()) {
        body +=
            "<table>\n<tr><th>from</th><th>to</th><th>via</th><th>kind</th><th>other</th></tr>\n";
        for (size_t i = 0; i < c.breaks.size() && i < kListedPerKind; ++i) {
          const storage::ChainBreak& b = c.breaks[i];
          body += "<tr><td>" + Link(ArticleHref(b.from), HtmlEscape(b.from)) + "</td><td>" +
                  Link(ArticleHref(b.to), HtmlEscape(b.to)) + "</td><td>" +
                  storage::ChainDirectionName(b.via) + "</td><td>" +
                  storage::BreakKindName(b.kind) + "</td><td>" + Text(b.other, "") + "</td></tr>\n";
        }
        body += "</table>\n";
      }
      if (!c.orphans.empty()) {
        body += "<p>Orphans:</p>\n<ul>\n";
        for (size_t i = 0; i < c.orphans.size() && i < kListedPerKind; ++i) {
          body += "<li>" + Link(ArticleHref(c.orphans[i]), HtmlEscape(c.orphans[i])) + "</li>\n";
        }
        body += "</ul>\n";
      }
      body += RenderTimelineSvg(s.months, site.site + " " + SectionLabel(name));
    }
  }
  if (!report.sites.empty()) body += TimelineLegend();
  return RenderLayout(archive_name, "Audit", body);
}

}  // namespace cli::serve
