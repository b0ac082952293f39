#include "storage/audit_input.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "storage/scope_refusals.h"
#include "util/url.h"

namespace storage {
namespace {

// articles.prev / articles.next: NULL (the page shows no link), {"url": null} (it says there is
// none) or {"url": "…"}.
ChainLink LinkFromJson(const std::optional<std::string>& text) {
  if (!text) return ChainLink::Unknown();
  auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return ChainLink::Unknown();
  auto url = json.find("url");
  if (url == json.end() || url->is_null()) return ChainLink::None();
  if (!url->is_string()) return ChainLink::Unknown();
  std::string typed = url->get<std::string>();
  return ChainLink::To(UrlKeyOf(typed).value_or(typed));
}

// URLs of `site` that lead to an article archived under another URL: pages crawled at one URL
// and archived under their rel=canonical URL, and redirects (their stored Location, keyed).
struct Aliases {
  std::unordered_map<std::string, std::string> article_of;   // crawled URL → article URL
  std::unordered_map<std::string, std::string> redirect_to;  // URL → redirect target
};

util::Result<Aliases> ReadAliases(const Db& db, const std::string& site) {
  Aliases aliases;
  {
    TRY_ASSIGN(Statement stmt,
               Statement::Prepare(db,
                                  "SELECT DISTINCT f.url, a.url FROM articles a JOIN fetches f ON "
                                  "f.capture_id = a.capture_id WHERE a.site = ?1 AND f.url != "
                                  "a.url"));
    stmt.Bind(1, site);
    while (true) {
      TRY_ASSIGN(bool has_row, stmt.Step());
      if (!has_row) break;
      aliases.article_of.emplace(stmt.Text(0), stmt.Text(1));
    }
  }
  // A crawl keeps a redirect's Location as final_url (older crawls did not: their target is
  // the frontier entry the redirect queued, with a redirect count).
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db,
                                "SELECT url, final_url FROM fetches WHERE site = ?1 AND outcome = "
                                "'redirect' AND final_url IS NOT NULL AND final_url != url "
                                "UNION ALL SELECT discovered_from, url FROM frontier WHERE host = "
                                "?1 AND redirects > 0 AND discovered_from IS NOT NULL"));
  stmt.Bind(1, site);
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    std::string to = stmt.Text(1);
    aliases.redirect_to.emplace(stmt.Text(0), UrlKeyOf(to).value_or(to));
  }
  return aliases;
}

// The article URL `link` leads to when it is not an article URL itself.
void Resolve(ChainLink& link, const std::unordered_set<std::string>& article_urls,
             const Aliases& aliases) {
  if (link.kind != ChainLink::Kind::kUrl) return;
  std::string at = link.url;
  for (int hop = 0; hop <= kMaxRedirectHops; ++hop) {
    if (article_urls.count(at)) break;
    if (auto it = aliases.article_of.find(at); it != aliases.article_of.end()) {
      at = it->second;
      break;
    }
    auto next = aliases.redirect_to.find(at);
    if (next == aliases.redirect_to.end()) break;
    at = next->second;
  }
  if (article_urls.count(at)) link.url = at;
}

// The latest fetch of `url` as a UrlListRow with its frontier entry, for FrontierReason.
util::Result<std::optional<UrlListRow>> ReadRow(const Db& db, const std::string& url) {
  UrlListRow row;
  row.url = url;
  bool known = false;
  {
    TRY_ASSIGN(Statement stmt, Statement::Prepare(db,
                                                  "SELECT state, kind, attempts, next_attempt_at "
                                                  "FROM frontier WHERE url = ?1"));
    TRY_ASSIGN(bool found, stmt.Bind(1, url).Step());
    if (found) {
      known = true;
      row.state = stmt.Text(0);
      row.kind = stmt.Text(1);
      // As UrlFrontierEntry::attempts: the try that made the crawler give up is not counted.
      row.attempts = stmt.Int(2) + (row.state == "failed" ? 1 : 0);
      row.next_attempt_at = stmt.OptionalText(3);
    }
  }
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db,
                                "SELECT started_at, status, outcome, error, page_kind, "
                                "kind_reason FROM fetches WHERE url = ?1 "
                                "ORDER BY started_at DESC, id DESC LIMIT 1"));
  TRY_ASSIGN(bool fetched, stmt.Bind(1, url).Step());
  if (fetched) {
    known = true;
    row.last_fetched_at = stmt.Text(0);
    row.last_status = stmt.OptionalInt(1);
    row.last_outcome = stmt.Text(2);
    row.last_error = stmt.OptionalText(3);
    row.last_page_kind = stmt.OptionalText(4);
    if (auto reason = stmt.OptionalText(5); reason && !reason->empty() && row.last_page_kind) {
      *row.last_page_kind += ": " + *reason;
    }
  }
  if (!known) return std::optional<UrlListRow>();
  if (row.state.empty()) row.state = "done";  // fetched outside a crawl (import-warc)
  row.reason = FrontierReason(row);
  return std::optional<UrlListRow>(std::move(row));
}

bool IsFailure(const std::string& outcome) {
  return outcome == "http_error" || outcome == "network" || outcome == "timeout" ||
         outcome == "too_large" || outcome == "aborted";
}

}  // namespace

const char* MissingKindName(MissingKind kind) {
  switch (kind) {
    case MissingKind::kNeverDiscovered:
      return "never_discovered";
    case MissingKind::kQueued:
      return "queued";
    case MissingKind::kFailed:
      return "failed";
    case MissingKind::kRefused:
      return "refused";
    case MissingKind::kNotArticle:
      return "not_article";
    case MissingKind::kRedirected:
      return "redirected";
  }
  return "never_discovered";
}

util::Result<std::vector<std::string>> ReadAuditSites(const Archive& archive,
                                                      const std::optional<std::string>& site) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                "SELECT DISTINCT site FROM articles WHERE ?1 IS NULL OR site = ?1 "
                                "ORDER BY site"));
  stmt.Bind(1, site);
  std::vector<std::string> sites;
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) return sites;
    sites.push_back(stmt.Text(0));
  }
}

util::Result<std::vector<AuditArticle>> ReadAuditArticles(const Archive& archive,
                                                          const std::string& site) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                "SELECT url, section, published_date, prev, next FROM articles "
                                "WHERE site = ?1 ORDER BY section, published_date, url"));
  stmt.Bind(1, site);
  std::vector<AuditArticle> articles;
  std::unordered_set<std::string> urls;
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    AuditArticle a;
    a.url = stmt.Text(0);
    a.section = stmt.OptionalText(1);
    a.published_date = stmt.OptionalText(2);
    a.prev = LinkFromJson(stmt.OptionalText(3));
    a.next = LinkFromJson(stmt.OptionalText(4));
    urls.insert(a.url);
    articles.push_back(std::move(a));
  }
  TRY_ASSIGN(Aliases aliases, ReadAliases(archive.db(), site));
  for (AuditArticle& a : articles) {
    Resolve(a.prev, urls, aliases);
    Resolve(a.next, urls, aliases);
  }
  return articles;
}

util::Result<MissingReason> ExplainMissing(const Archive& archive, const std::string& url,
                                           const std::vector<OffsiteRefusal>& offsite) {
  const Db& db = archive.db();
  TRY_ASSIGN(std::optional<UrlListRow> row, ReadRow(db, url));
  MissingReason reason;
  if (!row) {
    TRY_ASSIGN(std::optional<ScopeRefusal> refusal, FindScopeRefusal(archive, url));
    if (refusal) {
      reason.kind = MissingKind::kRefused;
      reason.detail = ScopeRefusalText(*refusal);
      reason.scope_reason = refusal->row.reason;
      return reason;
    }
    std::string host = util::SiteOfUrl(url).value_or("");
    for (const OffsiteRefusal& r : offsite) {
      if (r.host.host == host) {
        reason.kind = MissingKind::kRefused;
        reason.detail = "host " + host + " is off-site (run #" + std::to_string(r.run_id) +
                        " refused " + std::to_string(r.host.links) +
                        (r.host.links == 1 ? " link" : " links") + " to it)";
        return reason;
      }
    }
    reason.kind = MissingKind::kNeverDiscovered;
    reason.detail = "never queued, fetched or refused by a crawl's scope";
    return reason;
  }
  reason.detail = row->reason;
  reason.status = row->last_status;
  const std::string outcome = row->last_outcome.value_or("");
  if (row->state == "queued" || row->state == "in_flight") {
    reason.kind = MissingKind::kQueued;
  } else if (row->state == "failed" || IsFailure(outcome)) {
    reason.kind = MissingKind::kFailed;
  } else if (row->state == "skipped" || outcome == "robots_disallowed" ||
             outcome == "trap_template") {
    reason.kind = MissingKind::kRefused;
  } else if (outcome == "redirect") {
    reason.kind = MissingKind::kRedirected;
  } else {
    reason.kind = MissingKind::kNotArticle;
  }
  return reason;
}

util::Result<std::vector<AuditListing>> ReadAuditListings(const Archive& archive,
                                                          const std::string& site) {
  const Db& db = archive.db();
  // The sections of the articles each page led to, in one pass over the site's articles.
  std::map<std::string, std::map<std::string, int64_t>> sections_of;
  {
    TRY_ASSIGN(Statement stmt,
               Statement::Prepare(db,
                                  "SELECT fr.discovered_from, coalesce(a.section, ''), count(*) "
                                  "FROM articles a JOIN frontier fr ON fr.url = a.url WHERE "
                                  "a.site = ?1 AND fr.discovered_from IS NOT NULL GROUP BY 1, 2"));
    stmt.Bind(1, site);
    while (true) {
      TRY_ASSIGN(bool has_row, stmt.Step());
      if (!has_row) break;
      sections_of[stmt.Text(0)][stmt.Text(1)] += stmt.Int(2);
    }
  }
  // SQLite takes the bare columns of a max() aggregate from the row holding the maximum.
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db,
                                "SELECT url, capture_id, page_kind, max(started_at) FROM fetches "
                                "WHERE site = ?1 AND capture_id IS NOT NULL AND page_kind IS NOT "
                                "NULL AND outcome = 'ok' GROUP BY url ORDER BY url"));
  stmt.Bind(1, site);
  std::vector<AuditListing> listings;
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    if (stmt.Text(2) != "listing") continue;
    AuditListing listing;
    listing.url = stmt.Text(0);
    listing.capture_id = stmt.Int(1);
    if (auto it = sections_of.find(listing.url); it != sections_of.end()) {
      int64_t best = 0;
      std::string best_section;
      for (const auto& [section, n] : it->second) {
        listing.articles_linked += n;
        if (n > best) {
          best = n;
          best_section = section;
        }
      }
      if (!best_section.empty() &&
          static_cast<double>(best) >= kListingSectionShare * listing.articles_linked) {
        listing.section = best_section;
      }
    }
    listings.push_back(std::move(listing));
  }
  return listings;
}

util::Result<std::vector<PagerPage>> ReadPagerPages(const Archive& archive,
                                                    const std::string& site) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(
                 archive.db(),
                 "WITH pager(url) AS (SELECT url FROM frontier WHERE host = ?1 AND kind IN "
                 "('listing', 'seed') UNION SELECT url FROM fetches WHERE site = ?1 AND page_kind "
                 "= 'listing') SELECT p.url, EXISTS (SELECT 1 FROM fetches f WHERE f.url = p.url "
                 "AND f.outcome IN ('ok', 'not_modified') AND coalesce(f.status, 200) < 400) "
                 "FROM pager p ORDER BY p.url"));
  stmt.Bind(1, site);
  std::vector<PagerPage> pages;
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) return pages;
    pages.push_back({stmt.Text(0), stmt.Int(1) != 0});
  }
}

}  // namespace storage
