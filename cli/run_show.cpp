#include "cli/run_show.h"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>

#include "cli/app_options.h"
#include "cli/archive_errors.h"
#include "cli/json_output.h"
#include "extract/article_json.h"
#include "storage/archive.h"
#include "storage/scope_refusals.h"
#include "storage/url_report.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {
namespace {

// How much of the body the text view shows.
constexpr size_t kBodyLinesShown = 3;
constexpr size_t kBodyLineBytes = 120;
// Hash prefix shown in the text view (the JSON view has the whole hash).
constexpr size_t kHashShown = 12;

std::string Or(const std::optional<std::string>& v, const char* fallback = "-") {
  return v && !v->empty() ? *v : fallback;
}

// `text` cut to at most `max_bytes` without splitting a UTF-8 sequence, "…" when cut.
std::string Clip(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

std::string ShortHash(const std::optional<std::string>& hash) {
  return hash ? hash->substr(0, kHashShown) : "-";
}

std::string RunText(const std::optional<int64_t>& run_id) {
  return run_id ? "run #" + std::to_string(*run_id) : "no run";
}

std::string StatusText(const std::optional<int64_t>& status) {
  return status ? std::to_string(*status) : "---";
}

const char* MatchText(storage::ArticleMatch match) {
  switch (match) {
    case storage::ArticleMatch::kUrl:
      return "archived under this URL";
    case storage::ArticleMatch::kCapture:
      return "archived under its canonical URL; this URL's fetch holds its capture";
    case storage::ArticleMatch::kRedirect:
      return "reached through this URL's redirect";
    case storage::ArticleMatch::kCanonical:
      return "this URL is its canonical URL; crawled at the URLs of the fetches below";
  }
  return "";
}

Json RedirectJson(const storage::UrlRedirect& r) {
  return Json{{"from", r.from}, {"to", r.to}, {"status", OrNull(r.status)}, {"at", r.at}};
}

Json ReportJson(const storage::UrlReport& report) {
  Json out;
  out["url"] = report.url;
  if (report.frontier) {
    const auto& f = *report.frontier;
    out["frontier"] = Json{{"state", f.state},
                           {"reason", f.reason},
                           {"kind", f.kind},
                           {"depth", f.depth},
                           {"attempts", f.attempts},
                           {"next_attempt_at", OrNull(f.next_attempt_at)},
                           {"priority", f.priority},
                           {"redirects", f.redirects},
                           {"discovered_from", OrNull(f.discovered_from)},
                           {"run_id", OrNull(f.run_id)},
                           {"updated_at", f.updated_at},
                           {"form_post", f.is_form_post}};
  } else {
    out["frontier"] = nullptr;
  }
  out["redirected_from"] =
      report.redirected_from ? RedirectJson(*report.redirected_from) : Json(nullptr);
  out["redirects"] = Json::array();
  for (const auto& r : report.redirects) out["redirects"].push_back(RedirectJson(r));
  if (report.article) {
    out["article_match"] = storage::ArticleMatchName(report.article->match);
    out["article"] =
        Json::parse(extract::ArticleToJson(report.article->article, report.article->stamp), nullptr,
                    /*allow_exceptions=*/false);
  } else {
    out["article_match"] = nullptr;
    out["article"] = nullptr;
  }
  const storage::RemovalState& removal = report.removal;
  Json sightings = Json::array();
  for (const auto& s : removal.sightings) {
    sightings.push_back(Json{{"seen_at", s.seen_at},
                             {"run_id", OrNull(s.run_id)},
                             {"reason", s.reason},
                             {"fetch_id", s.fetch_id},
                             {"url", s.url},
                             {"cleared_at", OrNull(s.cleared_at)}});
  }
  out["removal"] = Json{{"removed_at", OrNull(removal.removed_at)},
                        {"removed_reason", OrNull(removal.removed_reason)},
                        {"sightings", sightings}};
  out["versions"] = Json::array();
  for (const auto& v : report.versions) {
    out["versions"].push_back(Json{{"version", v.version},
                                   {"fetched_at", v.fetched_at},
                                   {"content_sha256", v.content_sha256},
                                   {"title", OrNull(v.title)},
                                   {"body_bytes", v.body_bytes},
                                   {"capture_id", OrNull(v.capture_id)},
                                   {"changed", v.changed}});
  }
  out["fetches"] = Json::array();
  for (const auto& f : report.fetches) {
    out["fetches"].push_back(Json{{"id", f.id},
                                  {"url", f.url},
                                  {"started_at", f.started_at},
                                  {"run_id", OrNull(f.run_id)},
                                  {"status", OrNull(f.status)},
                                  {"outcome", f.outcome},
                                  {"error", OrNull(f.error)},
                                  {"page_kind", OrNull(f.page_kind)},
                                  {"kind_reason", OrNull(f.kind_reason)},
                                  {"final_url", OrNull(f.final_url)},
                                  {"content_type", OrNull(f.content_type)},
                                  {"duration_ms", OrNull(f.duration_ms)},
                                  {"bytes", OrNull(f.bytes)},
                                  {"retry_after", OrNull(f.retry_after)},
                                  {"warc_record_id", OrNull(f.warc_record_id)},
                                  {"capture_id", OrNull(f.capture_id)},
                                  {"capture_size", OrNull(f.capture_size)},
                                  {"capture_sha256", OrNull(f.capture_sha256)}});
  }
  if (report.offsite) {
    const auto& o = *report.offsite;
    out["offsite"] = Json{{"run_id", o.run_id},
                          {"host", o.host.host},
                          {"links", o.host.links},
                          {"example", o.host.example_url},
                          {"discovered_from", o.host.discovered_from}};
  } else {
    out["offsite"] = nullptr;
  }
  return out;
}

void PrintFrontier(const storage::UrlReport& report, std::ostream& out) {
  if (!report.frontier) {
    out << "Frontier: not in the frontier (never queued by a crawl";
    out << (report.fetches.empty() ? ")\n" : "; imported, or archived under another URL)\n");
    return;
  }
  const auto& f = *report.frontier;
  out << "Frontier: " << f.state << " - " << f.reason << "\n";
  out << "  queued as " << f.kind << (f.is_form_post ? " (form post)" : "") << ", depth " << f.depth
      << ", from " << Or(f.discovered_from, "(seed)") << " (" << RunText(f.run_id) << ")\n";
  out << "  failed tries " << f.attempts << ", next attempt "
      << (f.next_attempt_at ? "not before " + *f.next_attempt_at
                            : std::string(f.state == "queued" ? "when its turn comes" : "-"))
      << ", updated " << f.updated_at << "\n";
}

void PrintRedirects(const storage::UrlReport& report, std::ostream& out) {
  if (report.redirected_from) {
    out << "Reached by redirect from " << report.redirected_from->from << " ("
        << StatusText(report.redirected_from->status) << ")\n";
  }
  if (report.redirects.empty()) return;
  out << "Redirects: " << report.url;
  for (const auto& r : report.redirects) out << " -> " << StatusText(r.status) << " -> " << r.to;
  out << "\n";
}

void PrintArticle(const storage::UrlArticle& found, std::ostream& out) {
  const extract::Article& a = found.article;
  out << "\nArticle (" << MatchText(found.match) << ")\n";
  out << "  url        " << a.url << "\n";
  out << "  title      " << Or(a.title) << "\n";
  out << "  published  " << Or(a.published_date);
  if (a.published_at) out << " (" << *a.published_at << ")";
  out << "\n";
  if (a.updated_at) out << "  updated    " << *a.updated_at << "\n";
  out << "  source     " << Or(a.source) << "\n";
  out << "  author     " << Or(a.author) << "\n";
  out << "  section    " << Or(a.section) << "\n";
  if (a.views) out << "  views      " << *a.views << "\n";
  out << "  version    " << found.stamp.version << " (since " << found.changed_at
      << "), first seen " << found.stamp.first_seen_at << ", last fetched "
      << found.stamp.last_fetched_at << "\n";
  out << "  body       " << a.body.size() << " bytes, sha256 "
      << a.content_sha256.substr(0, kHashShown) << "\n";
  size_t shown = 0;
  size_t start = 0;
  while (start < a.body.size() && shown < kBodyLinesShown) {
    size_t end = a.body.find('\n', start);
    if (end == std::string::npos) end = a.body.size();
    std::string_view line(a.body.data() + start, end - start);
    if (!line.empty()) {
      out << "  | " << Clip(line, kBodyLineBytes) << "\n";
      ++shown;
    }
    start = end + 1;
  }
  if (start < a.body.size()) out << "  | …\n";
}

void PrintVersions(const storage::UrlReport& report, std::ostream& out) {
  if (report.versions.empty()) return;
  out << "\nVersions (" << report.versions.size() << ")\n";
  for (const auto& v : report.versions) {
    out << "  " << v.version << "  " << v.fetched_at << "  sha256 "
        << v.content_sha256.substr(0, kHashShown) << "  " << v.body_bytes << " bytes  ";
    if (v.version == 1 && v.changed.empty()) {
      out << "first version";
    } else if (v.changed.empty()) {
      out << "changed: other fields";
    } else {
      out << "changed:";
      for (size_t i = 0; i < v.changed.size(); ++i) out << (i ? ", " : " ") << v.changed[i];
    }
    out << "\n";
  }
}

void PrintFetches(const storage::UrlReport& report, std::ostream& out) {
  out << "\nFetches (" << report.fetches.size() << ", oldest first)\n";
  if (report.fetches.empty()) {
    out << "  none\n";
    return;
  }
  for (const auto& f : report.fetches) {
    out << "  " << f.started_at << "  " << RunText(f.run_id) << "  " << StatusText(f.status) << "  "
        << f.outcome;
    if (f.page_kind) out << "  " << *f.page_kind;
    if (f.capture_id) {
      out << "  capture " << f.capture_size.value_or(0) << " bytes sha256 "
          << ShortHash(f.capture_sha256);
    }
    out << "\n";
    if (f.url != report.url) out << "      url     " << f.url << "\n";
    if (f.final_url && *f.final_url != f.url) out << "      to      " << *f.final_url << "\n";
    if (f.kind_reason && !f.kind_reason->empty()) out << "      why     " << *f.kind_reason << "\n";
    if (f.error && !f.error->empty()) out << "      error   " << *f.error << "\n";
    if (f.retry_after) out << "      retry-after " << *f.retry_after << "\n";
  }
}

// When the site removed the article and the fetches that showed it gone (storage/removal.h).
void PrintRemoval(const storage::RemovalState& removal, std::ostream& out) {
  if (removal.sightings.empty()) return;
  if (removal.removed_at) {
    out << "\nRemoved from the site: seen gone since " << *removal.removed_at << " ("
        << removal.removed_reason.value_or("?") << "); kept in the archive\n";
  } else {
    out << "\nSeen gone, not marked removed (it must be seen gone again after the grace)\n";
  }
  for (const auto& s : removal.sightings) {
    out << "  " << s.seen_at << "  " << RunText(s.run_id) << "  " << s.reason << "  fetch "
        << s.fetch_id;
    if (s.cleared_at) out << "  (answered again " << *s.cleared_at << ")";
    out << "\n";
  }
}

void PrintText(const storage::UrlReport& report, std::ostream& out) {
  out << report.url << "\n\n";
  PrintFrontier(report, out);
  PrintRedirects(report, out);
  if (report.offsite) {
    const auto& o = *report.offsite;
    out << "Off-site: run #" << o.run_id << " refused " << o.host.links << " link"
        << (o.host.links == 1 ? "" : "s") << " to host " << o.host.host << " (e.g. "
        << o.host.example_url << " from " << o.host.discovered_from << ")\n";
  }
  if (report.article) PrintArticle(*report.article, out);
  PrintRemoval(report.removal, out);
  PrintVersions(report, out);
  PrintFetches(report, out);
}

// The message for a URL the archive does not know, with what can be said about why.
std::string UnknownUrlMessage(const ShowCommandOptions& options, const storage::UrlReport& r,
                              const std::optional<storage::ScopeRefusal>& refusal) {
  std::string message =
      options.db + ": " + r.url + " is not in the archive (never queued, fetched or archived); ";
  if (refusal) {
    message += storage::ScopeRefusalText(*refusal);
    if (refusal->row.discovered_from) message += ", linked from " + *refusal->row.discovered_from;
    if (refusal->last_run_id) message += " in run #" + std::to_string(*refusal->last_run_id);
    message += ": widen the crawl's scope (--include, --exclude, --max-depth) to archive it";
  } else if (r.offsite) {
    message += "its host " + r.offsite->host.host + " is off-site (run #" +
               std::to_string(r.offsite->run_id) + " refused " +
               std::to_string(r.offsite->host.links) +
               " links to it): add it to the crawl's scope (a --seed on it, or hosts in the "
               "config) to archive it";
  } else {
    message += "check the URL (newsarc urls --db " + options.db + " lists what is known)";
  }
  return message;
}

}  // namespace

int RunShow(const ShowCommandOptions& options) {
  auto key = storage::UrlKeyOf(options.url);
  if (!key) {
    util::LogError("show: '" + options.url +
                   "' is not an http(s) URL; give the page's address as crawled, e.g. "
                   "http://www.example.org/news/1.html");
    return util::kExitUsage;
  }
  auto archive = storage::Archive::Open(options.db, {.read_only = true});
  if (!archive) return ReportArchiveOpenError(options.db, archive.error());
  auto report = storage::ReadUrlReport(*archive, *key);
  if (!report) return ReportArchiveReadError(options.db, report.error());
  if (!report->IsKnown()) {
    auto refusal = storage::FindScopeRefusal(*archive, *key);
    if (!refusal) return ReportArchiveReadError(options.db, refusal.error());
    util::LogError(UnknownUrlMessage(options, *report, *refusal));
    return util::kExitFailure;
  }
  if (options.format == "json") {
    std::cout << ReportJson(*report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    PrintText(*report, std::cout);
  }
  return util::kExitOk;
}

void SetupShow(CLI::App& app, RunState& state) {
  auto options = std::make_shared<ShowCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "show",
      "Show everything the archive knows about one URL: its article and versions, every\n"
      "fetch (status, outcome, page kind and why, capture), redirects, and its frontier\n"
      "state (why it was skipped or failed, tries, next attempt). The URL is looked up as the\n"
      "crawler keys it (canonical form); one reached by redirect or archived under its\n"
      "rel=canonical URL is found too. Exit 1 when the archive does not know the URL.");
  sub->add_option("--db", options->db, "Archive file (SQLite)")->required();
  sub->add_option("url", options->url, "The page's URL")->required();
  sub->add_option("--format", options->format, "Output format (json: the full article)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->callback([options, &state] { state.exit_code = RunShow(*options); });
}

}  // namespace cli
