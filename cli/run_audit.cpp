#include "cli/run_audit.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/app_options.h"
#include "cli/archive_errors.h"
#include "cli/audit_report.h"
#include "cli/json_output.h"
#include "storage/archive.h"
#include "storage/url_report.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {
namespace {

// How many entries of each list the text report shows (JSON lists them all).
constexpr size_t kListedInText = 20;

// --- JSON ---

Json PagerJson(const std::optional<storage::PagerCoverage>& pager) {
  if (!pager) return nullptr;
  return Json{{"first_url", pager->first_url},         {"url_template", pager->url_template},
              {"pages_printed", pager->pages_printed}, {"pages_fetched", pager->pages_fetched},
              {"pages_missing", pager->pages_missing}, {"missing", pager->missing}};
}

Json ListingJson(const std::optional<ListingComparison>& listing) {
  if (!listing) return nullptr;
  return Json{{"url", listing->url},
              {"items_printed", OrNull(listing->totals.items)},
              {"pages_printed", OrNull(listing->totals.pages)},
              {"per_page_printed", OrNull(listing->totals.per_page)},
              {"archived", listing->archived},
              {"shortfall", OrNull(listing->Shortfall())},
              {"pager", PagerJson(listing->pager)}};
}

Json SectionJson(const SectionReport& s) {
  Json chains = Json::array();
  for (const auto& c : s.chains.chains) {
    chains.push_back(Json{{"first", c.first}, {"last", c.last}, {"length", c.length}});
  }
  Json holes = Json::array();
  for (size_t i = 0; i < s.chains.holes.size(); ++i) {
    const auto& h = s.chains.holes[i];
    const auto& why = s.hole_reasons[i];
    holes.push_back(Json{{"url", h.url},
                         {"from", h.from},
                         {"direction", storage::ChainDirectionName(h.direction)},
                         {"links", h.links},
                         {"reason", storage::MissingKindName(why.kind)},
                         {"detail", why.detail},
                         {"scope_reason", OrNull(why.scope_reason)},
                         {"status", OrNull(why.status)}});
  }
  Json breaks = Json::array();
  for (const auto& b : s.chains.breaks) {
    breaks.push_back(Json{{"from", b.from},
                          {"to", b.to},
                          {"via", storage::ChainDirectionName(b.via)},
                          {"kind", storage::BreakKindName(b.kind)},
                          {"other", OrNull(b.other)}});
  }
  Json cycles = Json::array();
  for (const auto& c : s.chains.cycles) cycles.push_back(Json{{"urls", c.urls}});
  Json months = Json::array();
  for (const auto& m : s.months.months) {
    months.push_back(
        Json{{"month", m.month},
             {"articles", m.articles},
             {"flag", m.flag == storage::MonthFlag::kNone ? Json(nullptr)
                                                          : Json(storage::MonthFlagName(m.flag))}});
  }
  return Json{{"section", OrNull(s.section)},
              {"articles", s.chains.articles},
              {"complete", s.chains.holes.empty()},
              {"chains", std::move(chains)},
              {"holes", std::move(holes)},
              {"breaks", std::move(breaks)},
              {"one_way", s.chains.one_way ? Json(storage::ChainDirectionName(*s.chains.one_way))
                                           : Json(nullptr)},
              {"cycles", std::move(cycles)},
              {"orphans", s.chains.orphans},
              {"links_out_of_section", s.chains.links_out_of_section},
              {"listing", ListingJson(s.listing)},
              {"months", std::move(months)},
              {"month_median", s.months.median},
              {"undated", s.months.undated}};
}

Json ReportJson(const AuditReport& report) {
  Json sites = Json::array();
  for (const auto& site : report.sites) {
    Json sections = Json::array();
    for (const auto& s : site.sections) sections.push_back(SectionJson(s));
    sites.push_back(Json{{"site", site.site},
                         {"articles", site.articles},
                         {"listing", ListingJson(site.listing)},
                         {"sections", std::move(sections)}});
  }
  return Json{
      {"complete", report.Holes() == 0}, {"holes", report.Holes()}, {"sites", std::move(sites)}};
}

// --- Text ---

std::string SectionName(const std::optional<std::string>& section) {
  return section && !section->empty() ? *section : "(no section)";
}

std::string Plural(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void PrintMore(size_t total, std::ostream& out) {
  if (total > kListedInText) {
    out << "      ... and " << total - kListedInText << " more (--format json lists all)\n";
  }
}

std::string BreakText(const storage::ChainBreak& b) {
  std::string claim = b.via == storage::ChainDirection::kNext
                          ? b.from + " -> " + b.to + " (its next link), but " + b.to + " "
                          : b.to + " <- " + b.from + " (its previous link), but " + b.from + " ";
  const char* side = b.via == storage::ChainDirection::kNext ? "previous" : "next";
  switch (b.kind) {
    case storage::BreakKind::kPointsElsewhere:
      return claim + "names " + b.other.value_or("") + " as its " + side + " article";
    case storage::BreakKind::kSaysNone:
      return claim + "says it has no " + side + " article";
    case storage::BreakKind::kNoBackLink:
      return claim + "shows no " + side + " link";
    case storage::BreakKind::kSecondLink:
      return b.from + " -> " + b.to + " (its next link), but " + b.to + " already follows " +
             b.other.value_or("");
  }
  return claim;
}

std::string ListingText(const ListingComparison& l) {
  std::string text;
  if (l.totals.items) text += Plural(*l.totals.items, "item", "items");
  if (l.totals.pages) text += (text.empty() ? "" : ", ") + Plural(*l.totals.pages, "page", "pages");
  text += " printed by " + l.url + "; " + std::to_string(l.archived) + " archived";
  if (auto shortfall = l.Shortfall(); shortfall && *shortfall > 0) {
    text += ": " + std::to_string(*shortfall) + " missing";
  }
  return text;
}

void PrintMonths(const storage::MonthTable& table, bool problems_only, std::ostream& out) {
  std::string flagged;
  for (const auto& m : table.months) {
    if (m.flag == storage::MonthFlag::kNone) continue;
    flagged += (flagged.empty() ? "" : ", ") + m.month + " " + std::to_string(m.articles) + " (" +
               storage::MonthFlagName(m.flag) + ")";
  }
  if (problems_only && flagged.empty()) return;
  out << "    months   ";
  if (table.months.empty()) {
    out << "no dated articles\n";
    return;
  }
  out << table.months.front().month << " to " << table.months.back().month << ", median "
      << table.median << " a month";
  if (table.undated > 0) out << ", " << table.undated << " undated";
  out << (flagged.empty() ? "; no gaps" : "; " + flagged) << "\n";
  if (problems_only) return;
  // One line a year: "      2024  01:5  02:0 gap  03:6".
  std::string year;
  for (const auto& m : table.months) {
    if (m.month.substr(0, 4) != year) {
      if (!year.empty()) out << "\n";
      year = m.month.substr(0, 4);
      out << "      " << year;
    }
    out << "  " << m.month.substr(5) << ":" << m.articles;
    if (m.flag != storage::MonthFlag::kNone) out << " " << storage::MonthFlagName(m.flag);
  }
  out << "\n";
}

void PrintSection(const SectionReport& s, bool problems_only, std::ostream& out) {
  if (problems_only && !s.HasProblems()) return;
  const auto& c = s.chains;
  out << "  section " << SectionName(s.section) << ": " << Plural(c.articles, "article", "articles")
      << "\n";
  if (!problems_only) {
    out << "    chains   " << c.chains.size();
    if (!c.chains.empty()) {
      const auto& longest = c.chains.front();
      out << " (longest " << longest.length << ": " << longest.first << " ... " << longest.last
          << ")";
    }
    if (c.links_out_of_section > 0) {
      out << ", " << Plural(c.links_out_of_section, "link", "links") << " to other sections";
    }
    out << "\n";
  }
  if (!problems_only || !c.holes.empty()) {
    out << "    holes    " << c.holes.size() << "\n";
    for (size_t i = 0; i < c.holes.size() && i < kListedInText; ++i) {
      const auto& h = c.holes[i];
      out << "      " << h.url << "  " << storage::MissingKindName(s.hole_reasons[i].kind) << ": "
          << s.hole_reasons[i].detail << "  (" << storage::ChainDirectionName(h.direction) << " of "
          << h.from << ")\n";
    }
    PrintMore(c.holes.size(), out);
  }
  if (!problems_only || !c.breaks.empty()) {
    out << "    breaks   " << c.breaks.size();
    // A template printing one direction only: pages without a link back are not counted.
    if (c.one_way) {
      out << " (pages link " << storage::ChainDirectionName(*c.one_way)
          << " only: no link back expected)";
    }
    out << "\n";
    for (size_t i = 0; i < c.breaks.size() && i < kListedInText; ++i) {
      out << "      " << BreakText(c.breaks[i]) << "\n";
    }
    PrintMore(c.breaks.size(), out);
  }
  if (!problems_only || !c.cycles.empty()) {
    out << "    cycles   " << c.cycles.size() << "\n";
    for (size_t i = 0; i < c.cycles.size() && i < kListedInText; ++i) {
      out << "      "
          << Plural(static_cast<int64_t>(c.cycles[i].urls.size()), "article", "articles")
          << " from " << c.cycles[i].urls.front() << " back to it\n";
    }
    PrintMore(c.cycles.size(), out);
  }
  if (!problems_only || !c.orphans.empty()) {
    out << "    orphans  " << c.orphans.size() << "\n";
    for (size_t i = 0; i < c.orphans.size() && i < kListedInText; ++i) {
      out << "      " << c.orphans[i] << "\n";
    }
    PrintMore(c.orphans.size(), out);
  }
  if (s.listing && (!problems_only || s.listing->Shortfall().value_or(0) > 0)) {
    out << "    listing  " << ListingText(*s.listing) << "\n";
  }
  if (s.listing && s.listing->pager && (!problems_only || s.listing->PagesMissing() > 0)) {
    out << "    pager    " << PagerText(*s.listing->pager) << "\n";
  }
  PrintMonths(s.months, problems_only, out);
}

void PrintText(const AuditReport& report, bool problems_only, std::ostream& out) {
  for (const auto& site : report.sites) {
    bool site_problem = site.listing && (site.listing->Shortfall().value_or(0) > 0 ||
                                         site.listing->PagesMissing() > 0);
    bool any_section = std::any_of(site.sections.begin(), site.sections.end(),
                                   [](const SectionReport& s) { return s.HasProblems(); });
    if (problems_only && !site_problem && !any_section) continue;
    out << site.site << ": " << Plural(site.articles, "article", "articles") << " in "
        << Plural(static_cast<int64_t>(site.sections.size()), "section", "sections") << "\n";
    if (site.listing && (!problems_only || site_problem)) {
      out << "  listing  " << ListingText(*site.listing) << "\n";
      if (site.listing->pager) out << "  pager    " << PagerText(*site.listing->pager) << "\n";
    }
    for (const auto& s : site.sections) PrintSection(s, problems_only, out);
  }
  if (problems_only) return;
  int64_t holes = report.Holes();
  if (holes == 0) {
    out << "Complete: every previous/next link leads to an archived article.\n";
  } else {
    out << "Incomplete: " << Plural(holes, "hole", "holes")
        << " (linked articles never archived; newsarc show URL tells more).\n";
  }
}

}  // namespace

int RunAudit(const AuditCommandOptions& options) {
  auto archive = storage::Archive::Open(options.db, {.read_only = true});
  if (!archive) return ReportArchiveOpenError(options.db, archive.error());
  if (auto schema = storage::CheckUrlReportSchema(*archive); !schema) {
    return ReportArchiveReadError(options.db, schema.error());
  }
  auto read = archive->BeginRead();
  if (!read) return ReportArchiveReadError(options.db, read.error());
  auto report = ReadAuditReport(*archive, options.site);
  if (!report) return ReportArchiveReadError(options.db, report.error());
  if (options.site && report->sites.empty()) {
    util::LogError(options.db + ": no articles of " + *options.site +
                   " in the archive; newsarc stats --db " + options.db + " lists its sites");
    return util::kExitUsage;
  }
  if (options.format == "json") {
    std::cout << ReportJson(*report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    PrintText(*report, options.problems_only, std::cout);
  }
  return report->Holes() > 0 ? util::kExitPartial : util::kExitOk;
}

void SetupAudit(CLI::App& app, RunState& state) {
  auto options = std::make_shared<AuditCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "audit",
      "Check how complete the archive is, per site and section: the chains its articles'\n"
      "previous/next (上一条/下一条) links form, holes (a linked article never archived, with\n"
      "why: never discovered, queued, failed, refused, not an article), breaks, cycles and\n"
      "orphans; the totals listing pages print (共N条, 共N页) against the articles archived;\n"
      "articles per month with silent gaps. -q prints only problems. Exit 3 while holes remain.");
  sub->add_option("--db", options->db, "Archive file (SQLite)")->required();
  sub->add_option("--site", options->site, "Only this host (host or host:port)")
      ->transform([](std::string host) {
        std::transform(host.begin(), host.end(), host.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return host;
      });
  sub->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->callback([options, &state, &app] {
    options->problems_only = app.count("--quiet") > 0;
    state.exit_code = RunAudit(*options);
  });
}

}  // namespace cli
