#include "cli/run_extract.h"

#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

#include "cli/app_options.h"
#include "cli/fetch_page.h"
#include "cli/site_profiles.h"
#include "config/defaults.h"
#include "crawler/curl_multi_fetcher.h"
#include "crawler/user_agent.h"
#include "extract/article_json.h"
#include "extract/content_sniff.h"
#include "extract/extractor.h"
#include "extract/site_titles.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/log.h"
#include "util/time_format.h"
#include "util/url.h"
#include "version.h"

namespace cli {
namespace {

util::Result<std::string> ReadInput(const std::string& path) {
  std::ostringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return util::MakeError(util::ErrorCode::kIo, path + ": is a directory, not a page");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return util::MakeError(util::ErrorCode::kIo, path + ": cannot open file");
  ss << in.rdbuf();
  if (in.bad()) return util::MakeError(util::ErrorCode::kIo, path + ": read error");
  return ss.str();
}

// An input that names a page on the web rather than a file: http:// or https://, and no file of
// that name (a saved page may be called anything).
bool IsUrlInput(const std::string& input) {
  std::string lower = input.substr(0, 8);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.rfind("http://", 0) != 0 && lower.rfind("https://", 0) != 0) return false;
  std::error_code ec;
  return !std::filesystem::exists(input, ec);
}

struct ManifestEntry {
  std::string id;
  std::string path;
  std::string url;
  // The manifest's "site" when given, else the URL's host: pages of one site lend each other
  // their <title>s (site_titles.h).
  std::string site;
};

util::Result<std::vector<ManifestEntry>> ReadManifest(const std::string& manifest_path) {
  std::ifstream in(manifest_path);
  if (!in) return util::MakeError(util::ErrorCode::kIo, manifest_path + ": cannot open manifest");
  std::filesystem::path dir = std::filesystem::path(manifest_path).parent_path();
  std::vector<ManifestEntry> entries;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return util::MakeError(util::ErrorCode::kParse,
                             manifest_path + ":" + std::to_string(line_no) + ": not a JSON object");
    }
    ManifestEntry e;
    if (j.contains("id") && j["id"].is_string())
      e.id = j["id"].get<std::string>();
    else if (j.contains("id") && j["id"].is_number())
      e.id = j["id"].dump();
    std::string file = j.value("file", std::string());
    if (file.empty() && j.contains("path") && j["path"].is_string()) file = j["path"];
    if (file.empty()) {
      return util::MakeError(util::ErrorCode::kParse,
                             manifest_path + ":" + std::to_string(line_no) + ": no \"file\" field");
    }
    e.path = std::filesystem::path(file).is_absolute() ? file : (dir / file).string();
    if (e.id.empty()) e.id = file;
    if (j.contains("url") && j["url"].is_string()) e.url = j["url"];
    if (j.contains("site") && j["site"].is_string()) {
      e.site = j["site"].get<std::string>();
    } else {
      e.site = util::SiteOfUrl(e.url).value_or("");
    }
    entries.push_back(std::move(e));
  }
  return entries;
}

// At most this many other pages of a site lend a page their <title>s: the nearest in the
// manifest, as a crawl remembers a host's last pages.
constexpr size_t kSiteTitlesPerPage = 32;

// The entries' <title>s (pass 1 of a batch): "" for unreadable entries and those with no site.
std::vector<std::string> PeekTitles(const std::vector<ManifestEntry>& entries, unsigned jobs) {
  std::vector<std::string> titles(entries.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < entries.size(); i = next++) {
      if (entries[i].site.empty()) continue;
      auto bytes = ReadInput(entries[i].path);
      if (bytes && !extract::NotAPageReason(*bytes)) {
        titles[i] = extract::PeekTitleTag(*bytes, std::nullopt);
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  return titles;
}

// The <title>s of entry i's site that it may compare its own with: up to kSiteTitlesPerPage of
// the nearest other entries of the same site. `site_entries` holds each site's entry indices in
// manifest order.
std::vector<std::string> SiteTitlesFor(
    size_t i, const std::vector<ManifestEntry>& entries, const std::vector<std::string>& titles,
    const std::map<std::string, std::vector<size_t>>& site_entries) {
  std::vector<std::string> out;
  auto group = site_entries.find(entries[i].site);
  if (entries[i].site.empty() || group == site_entries.end()) return out;
  const std::vector<size_t>& same = group->second;
  size_t pos = std::lower_bound(same.begin(), same.end(), i) - same.begin();
  for (size_t d = 1; d <= same.size() && out.size() < kSiteTitlesPerPage; ++d) {
    if (pos >= d && !titles[same[pos - d]].empty()) out.push_back(titles[same[pos - d]]);
    if (pos + d < same.size() && !titles[same[pos + d]].empty() &&
        out.size() < kSiteTitlesPerPage) {
      out.push_back(titles[same[pos + d]]);
    }
  }
  return out;
}

// One output line for a manifest entry: the article JSON with "id" first, or an error object.
std::string ExtractEntry(const ManifestEntry& entry, const std::string& now,
                         const std::vector<config::SiteConfig>& sites,
                         std::span<const std::string> site_titles) {
  nlohmann::ordered_json error_line;
  error_line["id"] = entry.id;
  auto bytes = ReadInput(entry.path);
  if (!bytes) {
    error_line["error"] = bytes.error().message;
    return error_line.dump();
  }
  if (auto reason = extract::NotAPageReason(*bytes)) {
    error_line["error"] = entry.path + ": not an HTML or text page: " + *reason;
    return error_line.dump();
  }
  extract::ExtractInput input{*bytes, entry.url, std::nullopt};
  input.site_titles = site_titles;
  extract::ExtractOptions extract_options;
  extract_options.profile = ProfileForUrl(sites, entry.url);
  auto article = extract::ExtractArticle(input, extract_options);
  if (!article) {
    error_line["error"] = article.error().message;
    return error_line.dump();
  }
  std::string json = extract::ArticleToJson(*article, {now, now, 1});
  nlohmann::json id = entry.id;
  nlohmann::json reason = article->kind_reason;
  return "{\"id\":" + id.dump() + ",\"kind\":\"" + extract::PageKindName(article->kind) +
         "\",\"kind_reason\":" + reason.dump() + "," + json.substr(1);
}

int RunBatch(const ExtractCommandOptions& options) {
  if (!options.out) {
    util::LogError("extract --batch needs --out FILE (or --out - for stdout)");
    return util::kExitUsage;
  }
  std::vector<config::SiteConfig> sites = LoadSiteConfigsOrDie(options.config_files);
  auto entries = ReadManifest(*options.batch_manifest);
  if (!entries) {
    util::LogError(entries.error().message);
    return util::kExitUsage;
  }
  unsigned jobs = options.jobs > 0 ? static_cast<unsigned>(options.jobs)
                                   : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, static_cast<unsigned>(std::max<size_t>(1, entries->size())));
  // Pass 1 reads every page's <title>, pass 2 extracts each page with its site's titles.
  std::vector<std::string> titles = options.independent_pages
                                        ? std::vector<std::string>(entries->size())
                                        : PeekTitles(*entries, jobs);
  std::map<std::string, std::vector<size_t>> site_entries;
  for (size_t i = 0; i < entries->size(); ++i) site_entries[(*entries)[i].site].push_back(i);
  std::vector<std::string> lines(entries->size());
  std::atomic<size_t> next{0};
  std::string now = util::FormatUtcNow();
  auto worker = [&] {
    for (size_t i = next++; i < entries->size(); i = next++) {
      std::vector<std::string> site_titles = SiteTitlesFor(i, *entries, titles, site_entries);
      lines[i] = ExtractEntry((*entries)[i], now, sites, site_titles);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();

  size_t failed = 0;
  std::string output;
  for (const auto& l : lines) {
    if (l.find("\"error\":") != std::string::npos && l.find("\"body\":") == std::string::npos) {
      ++failed;
    }
    output += l;
    output += '\n';
  }
  if (*options.out == "-") {
    std::cout << output;
    std::cout.flush();
  } else if (auto written = util::WriteFileAtomically(*options.out, output); !written) {
    util::LogError(written.error().message);
    return util::kExitFailure;
  }
  util::LogInfo("batch extraction done", {{"pages", std::to_string(entries->size())},
                                          {"failed", std::to_string(failed)},
                                          {"jobs", std::to_string(jobs)}});
  return failed == 0 ? util::kExitOk : util::kExitPartial;
}

}  // namespace

int RunExtract(const ExtractCommandOptions& options) {
  if (options.batch_manifest) return RunBatch(options);
  if (options.input.empty()) {
    util::LogError("extract needs a PATH (or - for stdin), or --batch MANIFEST.jsonl");
    return util::kExitUsage;
  }
  std::optional<std::string> page_url = options.url;
  std::optional<std::string> content_type = options.content_type;
  util::Result<std::string> bytes = std::string();
  if (IsUrlInput(options.input)) {
    // One page, fetched as the crawler would: robots.txt first, redirects followed.
    crawler::CurlFetcherOptions fetch;
    fetch.user_agent = crawler::UserAgent(NEWSARC_VERSION, config::defaults::kUserAgentContact);
    fetch.resolve = options.resolve;
    crawler::CurlMultiFetcher fetcher(fetch);
    auto page = FetchOnePage(options.input, fetcher);
    if (!page) {
      util::LogError(page.error().message);
      return page.error().code == util::ErrorCode::kUsage ? util::kExitUsage : util::kExitFailure;
    }
    util::LogInfo("fetched", {{"url", page->url},
                              {"status", std::to_string(page->status)},
                              {"requests", std::to_string(page->requests)}});
    if (!page_url) page_url = page->url;
    if (!content_type) content_type = page->content_type;
    bytes = std::move(page->body);
  } else {
    bytes = ReadInput(options.input);
  }
  if (!bytes) {
    util::LogError(bytes.error().message);
    return util::kExitUsage;
  }
  if (auto reason = extract::NotAPageReason(*bytes)) {
    util::LogError((options.input == "-" ? std::string("standard input") : options.input) +
                   ": not an HTML or text page: " + *reason);
    return util::kExitUsage;
  }
  std::vector<config::SiteConfig> sites = LoadSiteConfigsOrDie(options.config_files);
  extract::ExtractInput input{*bytes, page_url.value_or(""), content_type};
  extract::ExtractOptions extract_options;
  extract_options.profile = ProfileForUrl(sites, input.url);
  auto article = extract::ExtractArticle(input, extract_options);
  if (!article) {
    util::LogError(options.input + ": " + article.error().message);
    return util::kExitFailure;
  }
  if (options.format == "text") {
    std::cout << extract::ArticleToText(*article);
  } else {
    std::string now = util::FormatUtcNow();
    extract::ArticleJsonOptions json_options;
    json_options.pretty = options.pretty;
    json_options.include_links = options.include_links;
    std::cout << extract::ArticleToJson(*article, {now, now, 1}, json_options) << '\n';
  }
  std::cout.flush();
  return util::kExitOk;
}

void SetupExtract(CLI::App& app, RunState& state) {
  auto options = std::make_shared<ExtractCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "extract", "Extract the article from one saved page (or every page of a manifest)");
  sub->add_option("path", options->input,
                  "HTML file to read, - for standard input, or an http(s) URL to fetch once "
                  "(its host's robots.txt is checked first)");
  sub->add_option("--url", options->url,
                  "URL the page was fetched from (resolves links; default for a fetched page: "
                  "its URL after redirects)");
  sub->add_option("--content-type", options->content_type,
                  "HTTP Content-Type the page was served with, e.g. \"text/html; charset=gbk\"");
  sub->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  sub->add_flag("--pretty", options->pretty, "Indent the JSON output");
  sub->add_flag("--links", options->include_links,
                "Also print page kind, listing links and continuation pages");
  sub->add_option("--resolve", options->resolve,
                  "HOST:PORT:ADDR: for a URL, connect to ADDR for HOST:PORT, like curl "
                  "(repeatable)");
  sub->add_option("--config", options->config_files,
                  "Site config (TOML) whose [extract] profile applies to its hosts (repeatable)")
      ->check(CLI::ExistingFile);
  auto* batch = sub->add_option("--batch", options->batch_manifest,
                                "Corpus manifest (JSONL with id, file, url): extract every page");
  sub->add_option("--out", options->out, "With --batch: output JSONL file, or - for stdout")
      ->needs(batch);
  sub->add_option("--jobs", options->jobs, "With --batch: worker threads (default: all cores)")
      ->check(CLI::Range(0, 256))
      ->needs(batch);
  sub->add_flag("--independent", options->independent_pages,
                "With --batch: extract each page on its own, not comparing its <title> with the "
                "same site's other pages (the result is then that of `extract PAGE`)")
      ->needs(batch);
  sub->footer(
      "Examples:\n"
      "  newsarc extract page.html --url http://example.org/news/1.html\n"
      "  newsarc extract http://example.org/news/1.html --format text\n"
      "  curl -s URL | newsarc extract - --url URL --format text\n"
      "  newsarc extract --batch corpus/manifest.jsonl --out out.jsonl --jobs 2");
  sub->callback([options, &state] { state.exit_code = RunExtract(*options); });
}

}  // namespace cli
