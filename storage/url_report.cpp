#include "storage/url_report.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "storage/article_codec.h"
#include "storage/article_rows.h"
#include "storage/migrations.h"
#include "storage/removal.h"
#include "util/url.h"

namespace storage {
namespace {

util::Error StorageError(std::string message) {
  return util::Error{util::ErrorCode::kStorage, std::move(message)};
}

// The fragment of a form post's key (extract/form_posts.cpp): the only fragment a key keeps.
constexpr std::string_view kPostFragment = "#__doPostBack(";

constexpr const char* kFetchColumns =
    "f.id, f.run_id, f.url, f.started_at, f.status, f.outcome, f.error, f.final_url, "
    "f.content_type, f.duration_ms, f.bytes, f.retry_after, f.page_kind, f.kind_reason, "
    "f.warc_record_id, f.capture_id, c.size, c.sha256";

UrlFetch FetchFromRow(const Statement& row) {
  UrlFetch f;
  int c = 0;
  f.id = row.Int(c++);
  f.run_id = row.OptionalInt(c++);
  f.url = row.Text(c++);
  f.started_at = row.Text(c++);
  f.status = row.OptionalInt(c++);
  f.outcome = row.Text(c++);
  f.error = row.OptionalText(c++);
  f.final_url = row.OptionalText(c++);
  f.content_type = row.OptionalText(c++);
  f.duration_ms = row.OptionalInt(c++);
  f.bytes = row.OptionalInt(c++);
  f.retry_after = row.OptionalText(c++);
  f.page_kind = row.OptionalText(c++);
  f.kind_reason = row.OptionalText(c++);
  f.warc_record_id = row.OptionalText(c++);
  f.capture_id = row.OptionalInt(c++);
  f.capture_size = row.OptionalInt(c++);
  f.capture_sha256 = row.OptionalText(c++);
  return f;
}

// Appends the rows of a fetches query (columns kFetchColumns) whose id is not in `seen`.
util::Result<void> AppendFetches(Statement& stmt, std::set<int64_t>& seen,
                                 std::vector<UrlFetch>& out) {
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) return {};
    UrlFetch f = FetchFromRow(stmt);
    if (seen.insert(f.id).second) out.push_back(std::move(f));
  }
}

util::Result<std::optional<UrlFrontierEntry>> ReadFrontierEntry(const Db& db,
                                                                const std::string& url) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db,
                                "SELECT url, host, state, kind, depth, redirects, attempts, "
                                "priority, discovered_from, next_attempt_at, updated_at, run_id, "
                                "post_body IS NOT NULL FROM frontier WHERE url = ?1"));
  TRY_ASSIGN(bool found, stmt.Bind(1, url).Step());
  if (!found) return std::optional<UrlFrontierEntry>();
  UrlFrontierEntry e;
  e.url = stmt.Text(0);
  e.host = stmt.Text(1);
  e.state = stmt.Text(2);
  e.kind = stmt.Text(3);
  e.depth = stmt.Int(4);
  e.redirects = stmt.Int(5);
  e.attempts = stmt.Int(6) + (e.state == "failed" ? 1 : 0);
  e.priority = stmt.Int(7);
  e.discovered_from = stmt.OptionalText(8);
  e.next_attempt_at = stmt.OptionalText(9);
  e.updated_at = stmt.Text(10);
  e.run_id = stmt.OptionalInt(11);
  e.is_form_post = stmt.Int(12) != 0;
  return std::optional<UrlFrontierEntry>(std::move(e));
}

// The latest fetch of `url` with this outcome.
util::Result<std::optional<UrlFetch>> LatestFetch(const Db& db, const std::string& url,
                                                  std::optional<std::string_view> outcome) {
  std::string sql = std::string("SELECT ") + kFetchColumns +
                    " FROM fetches f LEFT JOIN captures c ON c.id = f.capture_id "
                    "WHERE f.url = ?1 AND (?2 IS NULL OR f.outcome = ?2) "
                    "ORDER BY f.started_at DESC, f.id DESC LIMIT 1";
  TRY_ASSIGN(Statement stmt, Statement::Prepare(db, sql));
  stmt.Bind(1, url);
  if (outcome) {
    stmt.Bind(2, *outcome);
  } else {
    stmt.BindNull(2);
  }
  TRY_ASSIGN(bool found, stmt.Step());
  if (!found) return std::optional<UrlFetch>();
  return std::optional<UrlFetch>(FetchFromRow(stmt));
}

// Where `url` redirects to, as far as the archive knows: its latest redirect fetch's stored
// target (the crawl and import-warc keep the Location as final_url), or else, for fetches
// archived before crawls kept it, the frontier entry that redirect queued (the target names
// `url` as where it was discovered, with a redirect count); nullopt when neither is known.
util::Result<std::optional<UrlRedirect>> RedirectOutOf(const Db& db, const std::string& url) {
  TRY_ASSIGN(std::optional<UrlFetch> fetch, LatestFetch(db, url, "redirect"));
  if (!fetch) return std::optional<UrlRedirect>();
  UrlRedirect hop{url, "", fetch->status, fetch->started_at};
  if (fetch->final_url && *fetch->final_url != url) {
    hop.to = UrlKeyOf(*fetch->final_url).value_or(*fetch->final_url);
    return std::optional<UrlRedirect>(std::move(hop));
  }
  // No index on discovered_from: a scan of the frontier, made only for a URL that redirected.
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db,
                                "SELECT url FROM frontier WHERE discovered_from = ?1 AND "
                                "redirects > 0 ORDER BY id LIMIT 1"));
  TRY_ASSIGN(bool found, stmt.Bind(1, url).Step());
  if (!found) return std::optional<UrlRedirect>();
  hop.to = stmt.Text(0);
  return std::optional<UrlRedirect>(std::move(hop));
}

struct FoundArticle {
  UrlArticle article;
  int64_t id = 0;
};

util::Result<std::optional<FoundArticle>> ArticleFromQuery(Statement& stmt, ArticleMatch match) {
  TRY_ASSIGN(bool found, stmt.Step());
  if (!found) return std::optional<FoundArticle>();
  FoundArticle out;
  out.article.match = match;
  TRY_ASSIGN(out.article.article, ArticleFromRow(stmt, 0, &out.article.stamp));
  out.article.changed_at = stmt.Text(kArticleRowColumnCount);
  out.article.capture_id = stmt.OptionalInt(kArticleRowColumnCount + 1);
  out.id = stmt.Int(kArticleRowColumnCount + 2);
  return std::optional<FoundArticle>(std::move(out));
}

// The article archived under `url`, or else the one whose current capture the latest fetch of
// `url` holds (archived under its rel=canonical URL), as Archive::ArticleCrawledAt finds it.
util::Result<std::optional<FoundArticle>> ArticleAt(const Db& db, const std::string& url,
                                                    bool via_redirect) {
  const std::string tail = ", a.changed_at, a.capture_id, a.id";
  {
    TRY_ASSIGN(Statement stmt,
               Statement::Prepare(db, std::string("SELECT ") + kArticleRowColumns + tail +
                                          " FROM articles a WHERE a.url = ?1"));
    stmt.Bind(1, url);
    TRY_ASSIGN(std::optional<FoundArticle> found,
               ArticleFromQuery(stmt, via_redirect ? ArticleMatch::kRedirect : ArticleMatch::kUrl));
    if (found) return found;
  }
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db, std::string("SELECT ") + kArticleRowColumns + tail +
                                        " FROM fetches f JOIN articles a ON a.capture_id = "
                                        "f.capture_id WHERE f.url = ?1 "
                                        "ORDER BY f.started_at DESC, f.id DESC LIMIT 1"));
  stmt.Bind(1, url);
  return ArticleFromQuery(stmt, via_redirect ? ArticleMatch::kRedirect : ArticleMatch::kCapture);
}

// The Location chain out of `url_key`: the URL itself, then each redirect target the archive
// records (at most kMaxRedirectHops, stopping at a loop); the hops go to `hops`.
util::Result<std::vector<std::string>> RedirectChain(const Db& db, const std::string& url_key,
                                                     std::vector<UrlRedirect>* hops) {
  std::vector<std::string> chain = {url_key};
  std::set<std::string> in_chain = {url_key};
  for (int hop_count = 0; hop_count < kMaxRedirectHops; ++hop_count) {
    TRY_ASSIGN(std::optional<UrlRedirect> hop, RedirectOutOf(db, chain.back()));
    if (!hop || !in_chain.insert(hop->to).second) break;
    chain.push_back(hop->to);
    hops->push_back(std::move(*hop));
  }
  return chain;
}

// The article of the first URL of the chain that has one (ArticleAt).
util::Result<std::optional<FoundArticle>> ArticleOnChain(const Db& db,
                                                         const std::vector<std::string>& chain) {
  std::optional<FoundArticle> found;
  for (size_t i = 0; i < chain.size() && !found; ++i) {
    TRY_ASSIGN(found, ArticleAt(db, chain[i], i > 0));
  }
  return found;
}

// The fields a version's "what changed" compares, in the order they are named.
std::vector<std::string> ChangedFields(const extract::Article& before,
                                       const extract::Article& after) {
  std::vector<std::string> changed;
  if (before.title != after.title) changed.push_back("title");
  if (before.body != after.body) changed.push_back("body");
  if (before.published_date != after.published_date) changed.push_back("published_date");
  if (before.source != after.source) changed.push_back("source");
  if (before.author != after.author) changed.push_back("author");
  if (before.section != after.section) changed.push_back("section");
  return changed;
}

util::Result<std::vector<UrlVersion>> ReadVersions(const Db& db, int64_t article_id) {
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(db,
                                "SELECT version, fetched_at, capture_id, article FROM "
                                "article_versions WHERE article_id = ?1 ORDER BY version"));
  stmt.Bind(1, article_id);
  std::vector<UrlVersion> versions;
  std::optional<extract::Article> previous;
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    UrlVersion v;
    v.version = stmt.Int(0);
    v.fetched_at = stmt.Text(1);
    v.capture_id = stmt.OptionalInt(2);
    TRY_ASSIGN(extract::Article a, ArticleFromJson(stmt.Text(3), nullptr));
    v.content_sha256 = a.content_sha256;
    v.title = a.title;
    v.body_bytes = a.body.size();
    if (previous) v.changed = ChangedFields(*previous, a);
    previous = std::move(a);
    versions.push_back(std::move(v));
  }
  return versions;
}

// crawl_runs.offsite_hosts as written by Archive::FinishRun; a damaged value reads as none.
std::vector<OffsiteHostCount> ParseOffsiteHosts(const std::string& text) {
  std::vector<OffsiteHostCount> hosts;
  auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_array()) return hosts;
  for (const auto& h : json) {
    if (!h.is_object()) continue;
    auto text_of = [&h](const char* key) {
      auto it = h.find(key);
      return it != h.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    auto links = h.find("links");
    hosts.push_back(OffsiteHostCount{
        text_of("host"), links != h.end() && links->is_number_integer() ? links->get<int64_t>() : 0,
        text_of("example"), text_of("discovered_from")});
  }
  return hosts;
}

std::string LastFetchText(const UrlListRow& row) {
  if (!row.last_outcome) return "";
  std::string text = *row.last_outcome;
  if (row.last_status && *row.last_status > 0) text += " " + std::to_string(*row.last_status);
  if ((text == "network" || text == "timeout") && row.last_error && !row.last_error->empty()) {
    text += " (" + *row.last_error + ")";
  }
  return text;
}

}  // namespace

std::optional<std::string> UrlKeyOf(std::string_view typed) {
  while (!typed.empty() && (typed.front() == ' ' || typed.front() == '\t')) typed.remove_prefix(1);
  while (!typed.empty() && (typed.back() == ' ' || typed.back() == '\t' || typed.back() == '\n' ||
                            typed.back() == '\r')) {
    typed.remove_suffix(1);
  }
  auto canonical = util::CanonicalizeUrl(typed);
  if (!canonical) return std::nullopt;
  size_t fragment = typed.find(kPostFragment);
  if (fragment != std::string_view::npos) *canonical += typed.substr(fragment);
  return canonical;
}

const char* ArticleMatchName(ArticleMatch match) {
  switch (match) {
    case ArticleMatch::kUrl:
      return "url";
    case ArticleMatch::kCapture:
      return "capture";
    case ArticleMatch::kRedirect:
      return "redirect";
    case ArticleMatch::kCanonical:
      return "canonical";
  }
  return "url";
}

util::Result<void> CheckUrlReportSchema(const Archive& archive) {
  TRY_ASSIGN(int version, SchemaVersionOf(archive.db()));
  if (version >= kUrlReportSchemaVersion) return {};
  return tl::unexpected(StorageError(
      archive.path() + " has archive schema version " + std::to_string(version) +
      ", older than version " + std::to_string(kUrlReportSchemaVersion) +
      " that records page kinds; open it read-write once (crawl or reextract) to upgrade it"));
}

std::string FrontierReason(const UrlListRow& row) {
  std::string last = LastFetchText(row);
  if (row.state == "skipped") {
    if (row.last_outcome == "robots_disallowed") return "robots.txt disallows it";
    if (row.last_outcome == "trap_template") {
      return "trap guard: " + (row.last_error ? *row.last_error : std::string("template given up"));
    }
    return last.empty() ? "skipped" : last;
  }
  if (row.state == "failed") {
    std::string text =
        "gave up after " + std::to_string(row.attempts) + (row.attempts == 1 ? " try" : " tries");
    return last.empty() ? text : text + ": " + last;
  }
  if (row.state == "in_flight") return "being fetched (or left by a killed run: queued again)";
  if (row.state == "queued") {
    if (row.attempts > 0) {
      std::string text = "retry";
      if (row.next_attempt_at) text += " not before " + *row.next_attempt_at;
      text += " after " + std::to_string(row.attempts) +
              (row.attempts == 1 ? " failed try" : " failed tries");
      return last.empty() ? text : text + ": " + last;
    }
    return last.empty() ? "not fetched yet" : "queued again (last: " + last + ")";
  }
  if (row.state == "done") {
    if (row.last_outcome == "ok" && row.last_page_kind) return *row.last_page_kind;
    return last.empty() ? "done" : last;
  }
  return last;
}

util::Result<UrlReport> ReadUrlReport(const Archive& archive, const std::string& url_key) {
  TRY(CheckUrlReportSchema(archive));
  const Db& db = archive.db();
  TRY_ASSIGN(Transaction read, archive.BeginRead());
  UrlReport report;
  report.url = url_key;
  TRY_ASSIGN(report.frontier, ReadFrontierEntry(db, url_key));
  if (report.frontier && report.frontier->redirects > 0 && report.frontier->discovered_from) {
    const std::string& from = *report.frontier->discovered_from;
    TRY_ASSIGN(std::optional<UrlFetch> hop, LatestFetch(db, from, "redirect"));
    report.redirected_from = UrlRedirect{from, url_key, hop ? hop->status : std::nullopt,
                                         hop ? hop->started_at : std::string()};
  }

  TRY_ASSIGN(std::vector<std::string> chain, RedirectChain(db, url_key, &report.redirects));

  std::set<int64_t> seen_fetches;
  for (const std::string& url : chain) {
    TRY_ASSIGN(Statement stmt, Statement::Prepare(db, std::string("SELECT ") + kFetchColumns +
                                                          " FROM fetches f LEFT JOIN captures c "
                                                          "ON c.id = f.capture_id WHERE f.url = "
                                                          "?1 ORDER BY f.started_at, f.id"));
    stmt.Bind(1, url);
    TRY(AppendFetches(stmt, seen_fetches, report.fetches));
  }
  bool url_fetched = !report.fetches.empty();

  TRY_ASSIGN(std::optional<FoundArticle> found, ArticleOnChain(db, chain));
  if (found) {
    TRY_ASSIGN(report.versions, ReadVersions(db, found->id));
    // The fetches holding the article's captures: where an article kept under its canonical
    // URL was crawled, and the fetches of the URL crawled when it is that canonical URL.
    std::set<int64_t> captures;
    if (found->article.capture_id) captures.insert(*found->article.capture_id);
    for (const UrlVersion& v : report.versions) {
      if (v.capture_id) captures.insert(*v.capture_id);
    }
    TRY_ASSIGN(Statement stmt, Statement::Prepare(db, std::string("SELECT ") + kFetchColumns +
                                                          " FROM fetches f LEFT JOIN captures c "
                                                          "ON c.id = f.capture_id WHERE f.site = "
                                                          "?1 AND f.capture_id = ?2"));
    size_t before = report.fetches.size();
    for (int64_t capture : captures) {
      stmt.Reset();
      stmt.Bind(1, found->article.article.site).Bind(2, capture);
      TRY(AppendFetches(stmt, seen_fetches, report.fetches));
    }
    if (found->article.match == ArticleMatch::kUrl && !url_fetched &&
        report.fetches.size() > before) {
      found->article.match = ArticleMatch::kCanonical;
    }
    TRY_ASSIGN(report.removal, ReadRemovalState(archive, found->article.article.url));
    report.article = std::move(found->article);
  }
  std::sort(report.fetches.begin(), report.fetches.end(), [](const UrlFetch& a, const UrlFetch& b) {
    return a.started_at != b.started_at ? a.started_at < b.started_at : a.id < b.id;
  });

  if (report.frontier) {
    UrlListRow row;
    row.state = report.frontier->state;
    row.attempts = report.frontier->attempts;
    row.next_attempt_at = report.frontier->next_attempt_at;
    TRY_ASSIGN(std::optional<UrlFetch> last, LatestFetch(db, url_key, std::nullopt));
    if (last) {
      row.last_status = last->status;
      row.last_outcome = last->outcome;
      row.last_error = last->error;
      row.last_page_kind = last->page_kind;
    }
    report.frontier->reason = FrontierReason(row);
  }

  if (auto site = util::SiteOfUrl(url_key)) {
    TRY_ASSIGN(std::vector<OffsiteRefusal> refusals, ReadOffsiteRefusals(archive, *site));
    if (!refusals.empty()) report.offsite = std::move(refusals.front());
  }
  return report;
}

util::Result<std::optional<UrlArticleRef>> FindUrlArticle(const Archive& archive,
                                                          const std::string& url_key) {
  TRY(CheckUrlReportSchema(archive));
  std::vector<UrlRedirect> hops;
  TRY_ASSIGN(std::vector<std::string> chain, RedirectChain(archive.db(), url_key, &hops));
  TRY_ASSIGN(std::optional<FoundArticle> found, ArticleOnChain(archive.db(), chain));
  if (!found) return std::optional<UrlArticleRef>();
  return std::optional<UrlArticleRef>(UrlArticleRef{found->id, found->article.match});
}

util::Result<UrlCursor> UrlCursor::Open(const Archive& archive, const UrlListQuery& query) {
  TRY(CheckUrlReportSchema(archive));
  // Streams in frontier id order: the unary '+' keeps SQLite from answering the filters
  // through frontier_ready (state, host, …), whose order would need a sort of every matching
  // row before the first is returned.
  const char* state_filter = "1";
  switch (query.state) {
    case UrlStateFilter::kAll:
      break;
    case UrlStateFilter::kQueued:
      state_filter = "+e.state IN ('queued', 'in_flight')";
      break;
    case UrlStateFilter::kDone:
      state_filter = "+e.state = 'done'";
      break;
    case UrlStateFilter::kFailed:
      state_filter = "+e.state = 'failed'";
      break;
    case UrlStateFilter::kSkipped:
      state_filter = "+e.state = 'skipped'";
      break;
    case UrlStateFilter::kTrap:
      // Skipped because the trap guard gave their URL template up (crawler/yield_guard.h).
      state_filter = "+e.state = 'skipped' AND l.outcome = 'trap_template'";
      break;
  }
  std::string sql =
      std::string(
          "SELECT e.url, e.host, e.state, e.kind, e.attempts, e.next_attempt_at, "
          "e.discovered_from, l.started_at, l.status, l.outcome, l.error, l.page_kind "
          "FROM frontier e LEFT JOIN fetches l ON l.id = (SELECT id FROM fetches WHERE url = "
          "e.url ORDER BY started_at DESC, id DESC LIMIT 1) WHERE (?1 IS NULL OR +e.host = ?1) "
          "AND ") +
      state_filter + " ORDER BY e.id";
  TRY_ASSIGN(Statement stmt, Statement::Prepare(archive.db(), sql));
  stmt.Bind(1, query.host);
  return UrlCursor(std::move(stmt));
}

util::Result<bool> UrlCursor::Next() {
  TRY_ASSIGN(bool has_row, stmt_.Step());
  if (!has_row) return false;
  UrlListRow r;
  r.url = stmt_.Text(0);
  r.host = stmt_.Text(1);
  r.state = stmt_.Text(2);
  r.kind = stmt_.Text(3);
  r.attempts = stmt_.Int(4) + (r.state == "failed" ? 1 : 0);
  r.next_attempt_at = stmt_.OptionalText(5);
  r.discovered_from = stmt_.OptionalText(6);
  r.last_fetched_at = stmt_.OptionalText(7);
  r.last_status = stmt_.OptionalInt(8);
  r.last_outcome = stmt_.OptionalText(9);
  r.last_error = stmt_.OptionalText(10);
  r.last_page_kind = stmt_.OptionalText(11);
  r.reason = FrontierReason(r);
  row_ = std::move(r);
  return true;
}

util::Result<std::vector<OffsiteRefusal>> ReadOffsiteRefusals(
    const Archive& archive, const std::optional<std::string>& host) {
  TRY(CheckUrlReportSchema(archive));
  TRY_ASSIGN(Statement stmt, Statement::Prepare(archive.db(),
                                                "SELECT id, offsite_hosts FROM crawl_runs WHERE "
                                                "offsite_hosts IS NOT NULL ORDER BY id DESC"));
  std::vector<OffsiteRefusal> refusals;
  std::set<std::string> hosts_seen;
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    for (OffsiteHostCount& h : ParseOffsiteHosts(stmt.Text(1))) {
      if (host && h.host != *host) continue;
      if (!hosts_seen.insert(h.host).second) continue;
      refusals.push_back(OffsiteRefusal{stmt.Int(0), std::move(h)});
    }
  }
  return refusals;
}

}  // namespace storage
