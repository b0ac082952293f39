#include "cli/warc_import.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <set>
#include <thread>

#include "cli/article_stitcher.h"
#include "cli/crawl_links.h"
#include "cli/site_profiles.h"
#include "crawler/content_decoder.h"
#include "crawler/content_type.h"
#include "extract/extractor.h"
#include "storage/timestamps.h"
#include "util/log.h"
#include "util/url.h"

namespace cli {
namespace {

std::string Unbracket(std::string id) {
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  return id;
}

// Removes the Content-Encoding; sets outcome/error on the page when that fails. Takes the body
// out of `http` when it has none.
std::optional<std::string> DecodeBody(storage::HttpMessage& http, size_t max_bytes,
                                      storage::PageRecord& page) {
  std::string encoding = http.HeaderValue("content-encoding").value_or("");
  crawler::ContentDecoder decoder(encoding, max_bytes);
  if (decoder.IsIdentity()) {
    if (http.body.size() > max_bytes) {
      page.outcome = "too_large";
      page.error = "payload of " + std::to_string(http.body.size()) + " bytes is over the cap";
      return std::nullopt;
    }
    return std::move(http.body);
  }
  std::string decoded;
  auto status = decoder.Feed(http.body, decoded);
  if (status == crawler::ContentDecoder::Status::kOk) status = decoder.Finish();
  switch (status) {
    case crawler::ContentDecoder::Status::kOk:
      return decoded;
    case crawler::ContentDecoder::Status::kTooLarge:
      page.outcome = "too_large";
      page.error = "decoded payload is over the cap of " + std::to_string(max_bytes) + " bytes";
      return std::nullopt;
    case crawler::ContentDecoder::Status::kCorrupt:
      page.outcome = "network";
      page.error = "corrupt " + encoding + " content encoding";
      return std::nullopt;
    case crawler::ContentDecoder::Status::kUnsupported:
      page.outcome = "network";
      page.error = "unsupported content encoding: " + encoding;
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

uint64_t MaxWarcBlockBytes(size_t max_body_bytes) {
  // A body under the cap stays whole with its framing: gzip and brotli add well under 1 % to
  // incompressible data, chunking a few bytes per chunk. Twice the cap covers both with
  // room to spare, and the HTTP head gets 1 MiB.
  return 2 * static_cast<uint64_t>(max_body_bytes) + (uint64_t{1} << 20);
}

WarcPage PageFromWarcRecord(const storage::WarcRecord& record, const WarcImportOptions& options) {
  WarcPage out;
  std::string type = record.Type();
  if (type != "response" && type != "revisit") {
    out.skip = "other_record";
    return out;
  }
  auto url = util::CanonicalizeUrl(record.TargetUri());
  if (!url) {
    out.skip = "not_http";  // dns:, ftp:, whois:, or an unparsable URI
    return out;
  }
  if (options.site && util::SiteOfUrl(*url) != *options.site) {
    out.skip = "other_site";
    return out;
  }
  auto http = storage::ParseHttpResponse(record.block);
  if (!http && type == "response") {
    out.skip = "not_http";
    return out;
  }

  storage::PageRecord page;
  page.run_id = options.run_id;
  page.url = *url;
  page.fetched_at = storage::ParseTimestamp(record.Header("warc-date"))
                        .value_or(std::chrono::system_clock::time_point{});
  page.started_at = page.fetched_at;
  page.warc_record_id = Unbracket(record.Header("warc-record-id"));
  if (page.warc_record_id->empty()) page.warc_record_id.reset();
  page.bytes =
      static_cast<int64_t>(record.block_truncated ? record.block_bytes : record.block.size());
  if (http) {
    page.status = http->status;
    page.content_type = http->HeaderValue("content-type");
    page.etag = http->HeaderValue("etag");
    page.last_modified = http->HeaderValue("last-modified");
    page.retry_after = http->HeaderValue("retry-after");
  }

  if (type == "revisit") {
    // The payload is the one of an earlier record (identical-payload-digest or
    // server-not-modified profile): the page was seen again, unchanged.
    page.outcome = "not_modified";
    out.page = std::move(page);
    return out;
  }

  auto location = http->HeaderValue("location");
  page.outcome = storage::OutcomeOfHttpStatus(http->status, location.has_value());
  if (location) {
    if (auto target = util::ResolveUrl(*url, *location)) page.final_url = *target;
  }
  bool success = http->status >= 200 && http->status < 300;
  if (success && page.content_type && !crawler::IsHtmlContentType(*page.content_type)) {
    out.skip = "not_html";
    return out;
  }
  if (success && record.block_truncated) {
    // Only the head of the block was read (warc_reader.h): the body is over any cap we keep.
    page.outcome = "too_large";
    page.error =
        "WARC record block of " + std::to_string(record.block_bytes) + " bytes is over the cap";
  } else if (success) {
    page.body = DecodeBody(*http, options.max_body_bytes, page);
    out.extract = page.body.has_value();
  }
  out.page = std::move(page);
  return out;
}

util::Result<void> WarcImporter::Flush(std::vector<WarcPage>& batch) {
  if (batch.empty()) return {};
  // Extraction is the expensive part: run it on the worker threads. Each page compares its
  // <title> with those of its host's pages in this batch and earlier ones (site_titles.h), read
  // first, so that the evidence does not depend on the number of jobs.
  unsigned threads = std::max(1u, std::min<unsigned>(options_.jobs, batch.size()));
  auto run_parallel = [&](auto&& work) {
    std::atomic<size_t> next_page{0};
    auto loop = [&] {
      for (size_t i = next_page++; i < batch.size(); i = next_page++) work(i);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(loop);
    loop();
    for (auto& t : pool) t.join();
  };
  std::vector<std::string> title_tags(batch.size()), hosts(batch.size());
  run_parallel([&](size_t i) {
    if (!batch[i].extract) return;
    hosts[i] = util::SiteOfUrl(batch[i].page->url).value_or("");
    title_tags[i] = extract::PeekTitleTag(*batch[i].page->body, batch[i].page->content_type);
  });
  std::vector<std::vector<std::string>> site_titles(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!batch[i].extract) continue;
    site_titles[i] = site_titles_.Recall(hosts[i]);
    for (size_t j = 0; j < batch.size(); ++j) {
      if (j != i && hosts[j] == hosts[i] && !title_tags[j].empty()) {
        site_titles[i].push_back(title_tags[j]);
      }
    }
  }
  run_parallel([&](size_t i) {
    WarcPage& p = batch[i];
    if (!p.extract) return;
    storage::PageRecord& page = *p.page;
    extract::ExtractOptions extract_options;
    if (options_.sites != nullptr) {
      extract_options.profile = ProfileForUrl(*options_.sites, page.url);
    }
    extract::ExtractInput input{*page.body, page.url, page.content_type, page.fetched_at};
    input.site_titles = site_titles[i];
    auto article = extract::ExtractArticle(input, extract_options);
    if (!article) {
      util::LogWarning("extraction failed: " + article.error().message, {{"url", page.url}});
    } else if (article->kind == extract::PageKind::kArticle && article->title) {
      article->url = ArticleUrl(*article, page.url);
      page.article = std::move(*article);
    }
  });
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!title_tags[i].empty()) site_titles_.Remember(hosts[i], title_tags[i]);
  }

  std::vector<storage::PageRecord> records;
  records.reserve(batch.size());
  for (WarcPage& p : batch) {
    storage::PageRecord& page = *p.page;
    // Pages of a multi-page article are archived as pages; the article is stitched at the end.
    if (page.article && continuation_head_.count(page.url)) {
      page.article.reset();
    } else if (page.article && !page.article->continuation_urls.empty()) {
      pending_heads_.insert(page.url);
      for (const auto& url : page.article->continuation_urls) continuation_head_[url] = page.url;
      page.article.reset();
    }
    records.push_back(std::move(page));
  }
  TRY_ASSIGN(auto results, archive_.RecordPages(records));
  for (const storage::RecordResult& r : results) {
    ++counts_.pages;
    if (r.change == storage::ArticleChange::kNew) ++counts_.articles_new;
    if (r.change == storage::ArticleChange::kChanged) ++counts_.articles_changed;
    if (r.change == storage::ArticleChange::kUnchanged) ++counts_.articles_unchanged;
    if (r.change == storage::ArticleChange::kOlderVersion) ++counts_.articles_older;
  }
  batch.clear();
  return {};
}

util::Result<void> WarcImporter::ImportFile(const std::string& path) {
  // A killed writer can leave a 0-byte "*.warc.gz.open": nothing to import, nothing damaged.
  std::error_code size_error;
  if (std::filesystem::is_regular_file(path, size_error) &&
      std::filesystem::file_size(path, size_error) == 0 && !size_error) {
    util::LogWarning("empty WARC file skipped", {{"file", path}});
    ++counts_.empty_files;
    return {};
  }
  auto reader = storage::WarcReader::Open(
      path, {.max_block_bytes = MaxWarcBlockBytes(options_.max_body_bytes)});
  if (!reader) return tl::unexpected(reader.error());

  size_t damage_reported = 0;
  auto report_damage = [&] {
    for (; damage_reported < reader->damage().size(); ++damage_reported) {
      const storage::WarcDamage& d = reader->damage()[damage_reported];
      ++counts_.damaged;
      util::LogWarning("damaged WARC record skipped: " + d.message,
                       {{"file", path}, {"offset", std::to_string(d.offset)}});
    }
  };

  std::set<std::string> in_batch;  // record ids of the batch being built (not committed yet)
  std::vector<WarcPage> batch;
  size_t batch_body_bytes = 0;
  while (auto record = reader->Next()) {
    ++counts_.records;
    report_damage();
    WarcPage page = PageFromWarcRecord(*record, options_);
    uint64_t offset = record->offset;
    record.reset();  // the page holds what it needs of the block (a large page: its size again)
    if (!page.page) {
      if (page.skip == "not_html") {
        ++counts_.not_html;
      } else {
        ++counts_.other_records;
      }
      continue;
    }
    if (const auto& id = page.page->warc_record_id) {
      TRY_ASSIGN(bool known, archive_.HasWarcRecord(*id));
      if (known || !in_batch.insert(*id).second) {
        ++counts_.already_imported;
        continue;
      }
    }
    if (page.page->error) {
      ++counts_.errors;
      util::LogWarning(
          "response not decoded: " + *page.page->error,
          {{"file", path}, {"offset", std::to_string(offset)}, {"url", page.page->url}});
    }
    if (page.page->body) batch_body_bytes += page.page->body->size();
    batch.push_back(std::move(page));
    if (batch.size() >= options_.batch_size || batch_body_bytes >= options_.max_batch_body_bytes) {
      TRY(Flush(batch));
      in_batch.clear();
      batch_body_bytes = 0;
    }
  }
  report_damage();
  return Flush(batch);
}

util::Result<void> WarcImporter::Finish() {
  for (const std::string& head_url : pending_heads_) {
    extract::ExtractOptions extract_options;
    if (options_.sites != nullptr) {
      extract_options.profile = ProfileForUrl(*options_.sites, head_url);
    }
    TRY_ASSIGN(std::optional<storage::RecordResult> stored,
               StoreStitchedArticle(archive_, head_url, extract_options, {.wait_for_queued = false},
                                    options_.run_id,
                                    site_titles_.Recall(util::SiteOfUrl(head_url).value_or(""))));
    if (!stored) continue;
    if (stored->change == storage::ArticleChange::kNew) ++counts_.articles_new;
    if (stored->change == storage::ArticleChange::kChanged) ++counts_.articles_changed;
    if (stored->change == storage::ArticleChange::kUnchanged) ++counts_.articles_unchanged;
    if (stored->change == storage::ArticleChange::kOlderVersion) ++counts_.articles_older;
  }
  pending_heads_.clear();
  return {};
}

}  // namespace cli
