// AuditInput is what the completeness audit (`newsarc audit`) reads from an archive: a site's
// articles with their previous/next links keyed as the archive keys URLs, why a linked URL was
// never archived (from the frontier and the fetches), and the site's listing pages with the
// section their articles belong to. Read-only queries over a borrowed Archive; plain structs out.
// Safe while a crawl writes (WAL): call inside Archive::BeginRead() for one snapshot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "storage/chain_audit.h"
#include "storage/pager_family.h"
#include "storage/url_report.h"
#include "util/error.h"

namespace storage {

// One current article, without its text.
struct AuditArticle {
  std::string url;
  std::optional<std::string> section;
  std::optional<std::string> published_date;
  // Linked URLs keyed with UrlKeyOf, then mapped to the article archived for them when it is
  // archived under another URL: reached through a redirect (up to kMaxRedirectHops), or crawled
  // at the linked URL and archived under its rel=canonical URL.
  ChainLink prev;
  ChainLink next;
};

// Sites with current articles (articles.site), sorted; only `site` when given (and known).
util::Result<std::vector<std::string>> ReadAuditSites(const Archive& archive,
                                                      const std::optional<std::string>& site);

// The articles of `site`, ordered by section, published date and URL.
util::Result<std::vector<AuditArticle>> ReadAuditArticles(const Archive& archive,
                                                          const std::string& site);

// Why a URL an article links to is not archived.
enum class MissingKind {
  kNeverDiscovered,  // not in the frontier, never fetched
  kQueued,           // in the frontier, not fetched yet (or waiting for a retry)
  kFailed,           // fetched and failed: HTTP error, network, timeout, too large
  kRefused,          // robots.txt, the trap guard, an off-site host, or the crawl's scope
  kNotArticle,       // fetched, but the extractor did not take it for an article (page kind)
  kRedirected,       // redirects to a page that is not archived either
};
const char* MissingKindName(MissingKind kind);

struct MissingReason {
  MissingKind kind = MissingKind::kNeverDiscovered;
  std::string detail;             // in a few words ("gave up after 1 try: http_error 500")
  std::optional<int64_t> status;  // the latest fetch's HTTP status
  // Why the crawl's scope refused it (ScopeDecisionName: excluded, not_included, too_deep, …),
  // when it did (storage/scope_refusals.h).
  std::optional<std::string> scope_reason;
};

// Why `url` (a UrlKeyOf key) is not archived. `offsite` is ReadOffsiteRefusals(archive).
util::Result<MissingReason> ExplainMissing(const Archive& archive, const std::string& url,
                                           const std::vector<OffsiteRefusal>& offsite);

// A listing page of the site with a stored capture (its latest), and the section of the
// articles discovered from it when they agree on one.
struct AuditListing {
  std::string url;
  int64_t capture_id = 0;
  std::optional<std::string> section;
  int64_t articles_linked = 0;  // archived articles first discovered from this page
};

// A listing maps to a section when at least this share of its archived articles belong to it.
inline constexpr double kListingSectionShare = 0.9;

// Pages of `site` whose latest extraction called them listings, in URL order.
util::Result<std::vector<AuditListing>> ReadAuditListings(const Archive& archive,
                                                          const std::string& site);

// The site's pages a pager may hold (pager_family.h): URLs queued as a listing's pages or as
// seeds, and pages the extractor took for listings, each with whether a fetch of it answered
// (2xx, or 304), in URL order.
util::Result<std::vector<PagerPage>> ReadPagerPages(const Archive& archive,
                                                    const std::string& site);

}  // namespace storage
