// An AuditReport is the completeness audit of an archive (`newsarc audit`, and the /audit and
// /site pages of `newsarc serve`): per site and section the chains its articles' previous/next
// links form, the holes with why each linked article is missing, breaks, cycles and orphans,
// the totals its listing pages print against the articles archived, and the articles per month
// with silent gaps. Plain structs; ReadAuditReport reads them over a borrowed Archive.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "extract/listing_totals.h"
#include "storage/archive.h"
#include "storage/audit_input.h"
#include "storage/chain_audit.h"
#include "storage/month_gaps.h"
#include "storage/pager_family.h"
#include "util/error.h"

namespace cli {

// The largest items total printed by the listings compared, against the articles archived.
struct ListingComparison {
  std::string url;  // the listing printing the largest items total (or pages, without items)
  extract::ListingTotals totals;
  int64_t archived = 0;
  // The listing pages of its pager fetched against the pages it prints (共N页), when the pager's
  // pages are told apart by their URLs without doubt (storage/pager_family.h).
  std::optional<storage::PagerCoverage> pager;

  // Items printed but not archived (0 when the archive holds as many or more).
  std::optional<int64_t> Shortfall() const {
    if (!totals.items) return std::nullopt;
    return std::max<int64_t>(0, *totals.items - archived);
  }
  // Listing pages of its pager not fetched (0 when not compared).
  int64_t PagesMissing() const { return pager ? pager->pages_missing : 0; }
};

// "3 of 5 listing pages fetched (http://a.cn/xwzx/index_{n}.html); missing pages 4, 5": how
// audit and serve word a pager's coverage.
std::string PagerText(const storage::PagerCoverage& pager);

struct SectionReport {
  std::optional<std::string> section;
  storage::ChainAudit chains;
  std::vector<storage::MissingReason> hole_reasons;  // one per chains.holes entry
  storage::MonthTable months;
  std::optional<ListingComparison> listing;

  size_t FlaggedMonths() const;
  bool HasProblems() const;
};

struct SiteReport {
  std::string site;
  int64_t articles = 0;
  std::vector<SectionReport> sections;
  std::optional<ListingComparison> listing;
  // Articles per month over every section of the site (storage::CountMonths of all their
  // published dates): the site's timeline.
  storage::MonthTable months;

  int64_t Holes() const;
};

struct AuditReport {
  std::vector<SiteReport> sites;

  int64_t Holes() const;
};

// Audits one site (ReadAuditSites names it). Listing pages are decoded one at a time (each
// capture once). `offsite` is storage::ReadOffsiteRefusals(archive). Call inside
// Archive::BeginRead() for one snapshot.
util::Result<SiteReport> AuditSite(storage::Archive& archive, const std::string& site,
                                   const std::vector<storage::OffsiteRefusal>& offsite);

// The audit of every site with articles, or only of `site` (no sites when it has none). Reads
// in the caller's read transaction (Archive::BeginRead) if any.
util::Result<AuditReport> ReadAuditReport(storage::Archive& archive,
                                          const std::optional<std::string>& site);

}  // namespace cli
