#include "storage/removal.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "storage/archive.h"
#include "storage/migrations.h"
#include "util/time_format.h"
#include "util/url.h"

namespace storage {
namespace {

// Root pages servers answer for "/": a redirect to one of them is a redirect to the home page.
constexpr std::array<std::string_view, 11> kRootIndexPages = {
    "index.htm",  "index.html",  "index.shtml",  "index.php",   "index.jsp",   "index.asp",
    "index.aspx", "default.htm", "default.html", "default.asp", "default.aspx"};

// What the extractor's kind_reason starts with for the pages taken as evidence
// (extract/page_kind.cpp): an error page names its phrase, ("error page (\"该信息已删除\"); …").
constexpr std::string_view kErrorPageReason = "error page (\"";
constexpr std::string_view kNoArticleReason = "other: too little text";

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view WithoutFragment(std::string_view url) { return url.substr(0, url.find('#')); }

}  // namespace

bool IsHomePageUrl(std::string_view url, const std::vector<std::string>& home_urls) {
  url = WithoutFragment(url);
  for (const std::string& home : home_urls) {
    if (WithoutFragment(home) == url) return true;
  }
  auto parts = util::SplitUrl(url);
  if (!parts || !parts->query.empty()) return false;
  if (parts->path == "/") return true;
  std::string page = Lower(std::string_view(parts->path).substr(1));
  return std::find(kRootIndexPages.begin(), kRootIndexPages.end(), page) != kRootIndexPages.end();
}

std::optional<std::string> GoneReason(const PageRecord& record, const RemovalPolicy& policy) {
  if (!record.status) return std::nullopt;  // no answer: the network's trouble
  int status = *record.status;
  if (status == 404 || status == 410) return "http_" + std::to_string(status);
  if (status >= 300 && status < 400 && record.outcome == "redirect" && record.final_url &&
      IsHomePageUrl(*record.final_url, policy.home_urls) &&
      !IsHomePageUrl(record.url, policy.home_urls)) {
    return "redirect_home: " + *record.final_url;
  }
  if (status < 200 || status >= 300 || record.outcome != "ok") return std::nullopt;
  if (record.article || record.page_kind != "other" || !record.kind_reason) return std::nullopt;
  std::string_view reason = *record.kind_reason;
  if (reason.starts_with(kErrorPageReason)) {
    std::string_view phrase = reason.substr(kErrorPageReason.size());
    phrase = phrase.substr(0, phrase.find('"'));
    return "error_page: " + std::string(phrase);
  }
  if (reason.starts_with(kNoArticleReason)) return std::string("no_article");
  return std::nullopt;
}

const char* RemovalChangeName(RemovalChange change) {
  switch (change) {
    case RemovalChange::kNone:
      return "none";
    case RemovalChange::kSighted:
      return "sighted";
    case RemovalChange::kConfirmed:
      return "confirmed";
    case RemovalChange::kStillGone:
      return "still_gone";
    case RemovalChange::kCleared:
      return "cleared";
    case RemovalChange::kRestored:
      return "restored";
  }
  return "unknown";
}

util::Result<RemovalOutcome> RecordGoneSighting(const Db& db, int64_t article_id,
                                                const std::string& url,
                                                std::optional<int64_t> run_id,
                                                std::chrono::system_clock::time_point seen_at,
                                                const std::string& reason, int64_t fetch_id,
                                                std::chrono::milliseconds grace) {
  RemovalOutcome outcome;
  std::string seen = util::FormatUtc(seen_at);
  TRY_ASSIGN(Statement article,
             Statement::Prepare(
                 db, "SELECT url, last_fetched_at, removed_at FROM articles WHERE id = ?1"));
  TRY_ASSIGN(bool found, article.Bind(1, article_id).Step());
  if (!found) return outcome;
  outcome.article_url = article.Text(0);
  std::string last_fetched_at = article.Text(1);
  outcome.removed_at = article.OptionalText(2);
  article.Reset();
  if (seen < last_fetched_at) return RemovalOutcome{};

  TRY_ASSIGN(Statement insert,
             Statement::Prepare(db,
                                "INSERT INTO removal_sightings "
                                "(article_id, url, run_id, seen_at, reason, fetch_id) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  TRY(insert.Bind(1, article_id)
          .Bind(2, url)
          .Bind(3, run_id)
          .Bind(4, seen)
          .Bind(5, reason)
          .Bind(6, fetch_id)
          .Run());
  outcome.reason = reason;
  if (outcome.removed_at) {
    outcome.change = RemovalChange::kStillGone;
    return outcome;
  }
  // Confirmed when an open sighting of another run is at least `grace` older than this one.
  // Times are stored to the second, so the comparison is too.
  TRY_ASSIGN(Statement streak,
             Statement::Prepare(db,
                                "SELECT min(seen_at), "
                                "max(run_id IS NOT NULL AND run_id IS NOT ?2 AND seen_at <= ?3) "
                                "FROM removal_sightings "
                                "WHERE article_id = ?1 AND cleared_at IS NULL"));
  TRY(streak.Bind(1, article_id).Bind(2, run_id).Bind(3, util::FormatUtc(seen_at - grace)).Step());
  std::string first = streak.Text(0);
  bool confirmed = run_id.has_value() && streak.Int(1) == 1;
  streak.Reset();
  if (!confirmed) {
    outcome.change = RemovalChange::kSighted;
    return outcome;
  }
  TRY_ASSIGN(Statement mark,
             Statement::Prepare(
                 db, "UPDATE articles SET removed_at = ?1, removed_reason = ?2 WHERE id = ?3"));
  TRY(mark.Bind(1, first).Bind(2, reason).Bind(3, article_id).Run());
  outcome.change = RemovalChange::kConfirmed;
  outcome.removed_at = first;
  return outcome;
}

util::Result<RemovalOutcome> RecordArticleAnswered(
    const Db& db, int64_t article_id, std::chrono::system_clock::time_point fetched_at) {
  std::string fetched = util::FormatUtc(fetched_at);
  TRY_ASSIGN(Statement state,
             Statement::Prepare(db,
                                "SELECT url, removed_at, (SELECT max(seen_at) FROM "
                                "removal_sightings WHERE article_id = ?1 AND cleared_at IS NULL) "
                                "FROM articles WHERE id = ?1"));
  TRY_ASSIGN(bool found, state.Bind(1, article_id).Step());
  if (!found) return RemovalOutcome{};
  RemovalOutcome outcome;
  outcome.article_url = state.Text(0);
  bool was_removed = !state.IsNull(1);
  std::optional<std::string> last_sighting = state.OptionalText(2);
  state.Reset();
  // An older fetch (a WARC imported later) does not outweigh a newer sighting.
  if (!last_sighting && !was_removed) return RemovalOutcome{};
  if (last_sighting && fetched < *last_sighting) return RemovalOutcome{};
  TRY_ASSIGN(Statement clear, Statement::Prepare(db,
                                                 "UPDATE removal_sightings SET cleared_at = ?1 "
                                                 "WHERE article_id = ?2 AND cleared_at IS NULL"));
  TRY(clear.Bind(1, fetched).Bind(2, article_id).Run());
  if (was_removed) {
    TRY_ASSIGN(Statement restore,
               Statement::Prepare(db,
                                  "UPDATE articles SET removed_at = NULL, removed_reason = NULL "
                                  "WHERE id = ?1"));
    TRY(restore.Bind(1, article_id).Run());
  }
  outcome.change = was_removed ? RemovalChange::kRestored : RemovalChange::kCleared;
  return outcome;
}

util::Result<RemovalState> ReadRemovalState(const Archive& archive,
                                            const std::string& article_url) {
  RemovalState state;
  TRY_ASSIGN(int version, SchemaVersionOf(archive.db()));
  if (version < kRemovalSchemaVersion) return state;
  TRY_ASSIGN(Statement article,
             Statement::Prepare(archive.db(),
                                "SELECT id, removed_at, removed_reason FROM articles "
                                "WHERE url = ?1"));
  TRY_ASSIGN(bool found, article.Bind(1, article_url).Step());
  if (!found) return state;
  int64_t id = article.Int(0);
  state.removed_at = article.OptionalText(1);
  state.removed_reason = article.OptionalText(2);
  article.Reset();
  TRY_ASSIGN(Statement sightings,
             Statement::Prepare(archive.db(),
                                "SELECT url, run_id, seen_at, reason, fetch_id, cleared_at "
                                "FROM removal_sightings WHERE article_id = ?1 "
                                "ORDER BY seen_at, id"));
  sightings.Bind(1, id);
  while (true) {
    TRY_ASSIGN(bool has_row, sightings.Step());
    if (!has_row) break;
    state.sightings.push_back({sightings.Text(0), sightings.OptionalInt(1), sightings.Text(2),
                               sightings.Text(3), sightings.Int(4), sightings.OptionalText(5)});
  }
  return state;
}

util::Result<std::map<std::string, RemovalCounts>> ReadRemovalCounts(const Archive& archive) {
  std::map<std::string, RemovalCounts> counts;
  TRY_ASSIGN(int version, SchemaVersionOf(archive.db()));
  if (version < kRemovalSchemaVersion) return counts;
  TRY_ASSIGN(Statement stmt,
             Statement::Prepare(archive.db(),
                                "SELECT a.site, count(a.removed_at), "
                                "sum(a.removed_at IS NULL AND EXISTS (SELECT 1 FROM "
                                "removal_sightings s WHERE s.article_id = a.id AND "
                                "s.cleared_at IS NULL)) "
                                "FROM articles a WHERE a.removed_at IS NOT NULL OR a.id IN "
                                "(SELECT article_id FROM removal_sightings "
                                "WHERE cleared_at IS NULL) GROUP BY a.site"));
  while (true) {
    TRY_ASSIGN(bool has_row, stmt.Step());
    if (!has_row) break;
    counts[stmt.Text(0)] = RemovalCounts{stmt.Int(1), stmt.Int(2)};
  }
  return counts;
}

}  // namespace storage
