#include "cli/audit_report.h"

#include <utility>

namespace cli {
namespace {

// A listing's totals, kept when it prints more items (or, printing none, more pages) than `best`.
void KeepLargest(std::optional<ListingComparison>& best, const std::string& url,
                 const extract::ListingTotals& totals) {
  if (!totals.items && !totals.pages) return;
  auto rank = [](const extract::ListingTotals& t) {
    return std::make_pair(t.items.value_or(-1), t.pages.value_or(-1));
  };
  if (!best || rank(totals) > rank(best->totals))
    best = ListingComparison{url, totals, 0, std::nullopt};
}

}  // namespace

size_t SectionReport::FlaggedMonths() const {
  return static_cast<size_t>(std::count_if(
      months.months.begin(), months.months.end(),
      [](const storage::MonthCount& m) { return m.flag != storage::MonthFlag::kNone; }));
}

bool SectionReport::HasProblems() const {
  return !chains.holes.empty() || !chains.breaks.empty() || !chains.cycles.empty() ||
         !chains.orphans.empty() || (listing && listing->Shortfall().value_or(0) > 0) ||
         (listing && listing->PagesMissing() > 0) || FlaggedMonths() > 0;
}

int64_t SiteReport::Holes() const {
  int64_t holes = 0;
  for (const auto& s : sections) holes += static_cast<int64_t>(s.chains.holes.size());
  return holes;
}

int64_t AuditReport::Holes() const {
  int64_t holes = 0;
  for (const auto& site : sites) holes += site.Holes();
  return holes;
}

util::Result<SiteReport> AuditSite(storage::Archive& archive, const std::string& site,
                                   const std::vector<storage::OffsiteRefusal>& offsite) {
  SiteReport report;
  report.site = site;
  TRY_ASSIGN(std::vector<storage::AuditArticle> articles,
             storage::ReadAuditArticles(archive, site));
  report.articles = static_cast<int64_t>(articles.size());
  std::vector<std::string> site_urls;
  site_urls.reserve(articles.size());
  std::vector<std::optional<std::string>> site_dates;
  site_dates.reserve(articles.size());
  for (const auto& a : articles) {
    site_urls.push_back(a.url);
    site_dates.push_back(a.published_date);
  }
  std::sort(site_urls.begin(), site_urls.end());
  report.months = storage::CountMonths(site_dates);

  // Articles come ordered by section: each run of one section is audited on its own.
  for (size_t begin = 0; begin < articles.size();) {
    size_t end = begin;
    while (end < articles.size() && articles[end].section == articles[begin].section) ++end;
    SectionReport section;
    section.section = articles[begin].section;
    std::vector<storage::ChainArticle> chain_input;
    std::vector<std::optional<std::string>> dates;
    for (size_t i = begin; i < end; ++i) {
      chain_input.push_back({articles[i].url, articles[i].prev, articles[i].next});
      dates.push_back(articles[i].published_date);
    }
    section.chains = storage::AuditChains(chain_input, site_urls);
    for (const auto& hole : section.chains.holes) {
      TRY_ASSIGN(storage::MissingReason why, storage::ExplainMissing(archive, hole.url, offsite));
      section.hole_reasons.push_back(std::move(why));
    }
    section.months = storage::CountMonths(dates);
    report.sections.push_back(std::move(section));
    begin = end;
  }

  TRY_ASSIGN(std::vector<storage::AuditListing> listings,
             storage::ReadAuditListings(archive, site));
  for (const auto& listing : listings) {
    TRY_ASSIGN(std::optional<storage::StoredCapture> capture,
               archive.LoadCapture(listing.capture_id));
    if (!capture) continue;
    std::optional<std::string_view> content_type;
    if (capture->content_type) content_type = *capture->content_type;
    extract::ListingTotals totals = extract::ListingTotalsOfPage(capture->body, content_type);
    KeepLargest(report.listing, listing.url, totals);
    if (!listing.section) continue;
    for (auto& section : report.sections) {
      if (section.section == listing.section) KeepLargest(section.listing, listing.url, totals);
    }
  }
  TRY_ASSIGN(std::vector<storage::PagerPage> pager_pages, storage::ReadPagerPages(archive, site));
  auto compare_pager = [&pager_pages](ListingComparison& listing) {
    if (listing.totals.pages) {
      listing.pager = storage::PagerCoverageOf(listing.url, *listing.totals.pages, pager_pages);
    }
  };
  if (report.listing) {
    report.listing->archived = report.articles;
    compare_pager(*report.listing);
  }
  for (auto& section : report.sections) {
    if (!section.listing) continue;
    section.listing->archived = section.chains.articles;
    compare_pager(*section.listing);
  }
  return report;
}

util::Result<AuditReport> ReadAuditReport(storage::Archive& archive,
                                          const std::optional<std::string>& site) {
  TRY_ASSIGN(std::vector<std::string> sites, storage::ReadAuditSites(archive, site));
  TRY_ASSIGN(std::vector<storage::OffsiteRefusal> offsite, storage::ReadOffsiteRefusals(archive));
  AuditReport report;
  for (const std::string& name : sites) {
    TRY_ASSIGN(SiteReport audited, AuditSite(archive, name, offsite));
    report.sites.push_back(std::move(audited));
  }
  return report;
}

std::string PagerText(const storage::PagerCoverage& p) {
  std::string text = std::to_string(p.pages_fetched) + " of " + std::to_string(p.pages_printed) +
                     " listing pages fetched (" + p.url_template + ")";
  if (p.pages_missing == 0) return text;
  text += p.pages_missing == 1 ? "; missing page " : "; missing pages ";
  for (size_t i = 0; i < p.missing.size(); ++i) {
    text += (i == 0 ? "" : ", ") + std::to_string(p.missing[i]);
  }
  if (p.pages_missing > static_cast<int64_t>(p.missing.size())) {
    text += ", ... (" + std::to_string(p.pages_missing) + " in all)";
  }
  return text;
}

}  // namespace cli
