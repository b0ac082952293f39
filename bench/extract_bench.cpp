// Extraction speed over the dev corpus (../shared/corpus/*/manifest.jsonl), single-threaded:
// bytes → Article end to end, and the HTML parse alone (Gumbo + our DOM copy) for the ratio the
// extraction issue asks for (end to end ≥ 75 % of parse speed). Reports bytes/s and pages/s;
// peak RSS is printed at exit.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "extract/body.h"
#include "extract/charset.h"
#include "extract/dates.h"
#include "extract/document.h"
#include "extract/extractor.h"
#include "extract/html_prescan.h"
#include "extract/metadata.h"
#include "extract/page_kind.h"
#include "extract/prev_next.h"
#include "extract/text_normalize.h"
#include "extract/title.h"

namespace {

struct Page {
  std::string bytes;
  std::string url;
};

const std::vector<Page>& Corpus() {
  static const std::vector<Page> pages = [] {
    std::vector<Page> out;
    std::filesystem::path root = std::filesystem::path(NEWSARC_SHARED_DIR) / "corpus";
    std::error_code ec;
    for (const auto& set : std::filesystem::directory_iterator(root, ec)) {
      std::ifstream manifest(set.path() / "manifest.jsonl");
      std::string line;
      while (std::getline(manifest, line)) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_object() || !j.contains("file")) continue;
        std::ifstream in(set.path() / j["file"].get<std::string>(), std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        Page p;
        p.bytes = ss.str();
        if (j.contains("url") && j["url"].is_string()) p.url = j["url"];
        out.push_back(std::move(p));
      }
    }
    return out;
  }();
  return pages;
}

int64_t CorpusBytes() {
  int64_t n = 0;
  for (const auto& p : Corpus()) n += static_cast<int64_t>(p.bytes.size());
  return n;
}

void BM_ExtractCorpus(benchmark::State& state) {
  const auto& pages = Corpus();
  if (pages.empty()) {
    state.SkipWithError("no corpus in ../shared/corpus");
    return;
  }
  for (auto _ : state) {
    for (const auto& p : pages) {
      extract::ExtractInput input{p.bytes, p.url, std::nullopt};
      auto article = extract::ExtractArticle(input);
      benchmark::DoNotOptimize(article);
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(pages.size()));
}
BENCHMARK(BM_ExtractCorpus)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// Decoding to UTF-8 plus the HTML parse: the floor under any extractor built on this parser.
void BM_DecodeAndParseCorpus(benchmark::State& state) {
  const auto& pages = Corpus();
  if (pages.empty()) {
    state.SkipWithError("no corpus in ../shared/corpus");
    return;
  }
  for (auto _ : state) {
    for (const auto& p : pages) {
      extract::DecodedPage decoded = extract::DecodeHtml(p.bytes, std::nullopt);
      auto parsed = extract::ParseHtml(decoded.utf8);
      benchmark::DoNotOptimize(parsed);
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(pages.size()));
}
BENCHMARK(BM_DecodeAndParseCorpus)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// Gumbo's parse alone on the pages already decoded to UTF-8: the reference of the issue's
// "at least 75 % of Gumbo's own parse speed" (bytes counted are the original page bytes).
// Arg 0: as newsarc runs it (arena, no error list); arg 1: stock gumbo_parse + destroy.
// Arg 0: Gumbo as ParseHtml runs it (arena, no error list) on the whole page; 1: stock
// gumbo_parse + gumbo_destroy_output on the whole page; 2: as 0, on the page as ParseHtml hands
// it over (script and style bodies dropped by PrescanHtml, which is not timed here), so the
// end-to-end time over this one is newsarc's own share of the work.
void BM_GumboOnlyCorpus(benchmark::State& state) {
  const bool stock = state.range(0) == 1;
  const auto& pages = Corpus();
  if (pages.empty()) {
    state.SkipWithError("no corpus in ../shared/corpus");
    return;
  }
  std::vector<std::string> utf8;
  for (const auto& p : pages) {
    utf8.push_back(extract::DecodeHtml(p.bytes, std::nullopt).utf8);
    if (state.range(0) == 2) {
      utf8.back() =
          extract::PrescanHtml(utf8.back(), extract::ParseOptions{}.max_nesting_depth).html;
    }
  }
  for (auto _ : state) {
    for (const auto& page : utf8) {
      benchmark::DoNotOptimize(extract::internal::GumboParseOnly(page, stock));
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(pages.size()));
}
BENCHMARK(BM_GumboOnlyCorpus)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// Where the time after the parse goes: each field extractor of ExtractArticle timed on its own
// over the corpus, reported as counters in milliseconds per corpus pass. The stages are run
// in ExtractArticle's order with the same inputs, so the sum is close to the end-to-end time
// minus decode and parse.
void BM_StageBreakdown(benchmark::State& state) {
  const auto& pages = Corpus();
  if (pages.empty()) {
    state.SkipWithError("no corpus in ../shared/corpus");
    return;
  }
  using Clock = std::chrono::steady_clock;
  enum { kDecode, kParse, kBody, kTitle, kDates, kMeta, kPrevNext, kKind, kNfc, kStages };
  static constexpr const char* kNames[kStages] = {"decode", "parse",    "body", "title", "dates",
                                                  "meta",   "prevnext", "kind", "nfc"};
  double total[kStages] = {};
  extract::ExtractOptions options;
  for (auto _ : state) {
    for (const auto& p : pages) {
      auto t0 = Clock::now();
      auto lap = [&](int stage) {
        auto now = Clock::now();
        total[stage] += std::chrono::duration<double, std::milli>(now - t0).count();
        t0 = now;
      };
      extract::DecodedPage decoded = extract::DecodeHtml(p.bytes, std::nullopt);
      lap(kDecode);
      auto parsed = extract::ParseHtml(decoded.utf8);
      lap(kParse);
      if (!parsed) continue;
      const extract::Document& doc = parsed->document;
      extract::PageContext ctx{doc, p.url, options, std::chrono::system_clock::now()};
      extract::BodyResult body = extract::ExtractBody(ctx);
      lap(kBody);
      auto title = extract::ExtractTitle(ctx, body.container);
      lap(kTitle);
      auto dates = extract::ExtractDates(ctx, body.container);
      lap(kDates);
      auto meta = extract::ExtractMetadata(ctx, body.container);
      lap(kMeta);
      auto siblings = extract::ExtractPrevNext(ctx, body.container);
      lap(kPrevNext);
      auto kind =
          extract::ClassifyPage(ctx, body, title.has_value(), dates.published_date.has_value());
      lap(kKind);
      auto nfc = extract::NormalizeNfc(body.text);
      lap(kNfc);
      benchmark::DoNotOptimize(title);
      benchmark::DoNotOptimize(meta);
      benchmark::DoNotOptimize(siblings);
      benchmark::DoNotOptimize(kind);
      benchmark::DoNotOptimize(nfc);
    }
  }
  for (int i = 0; i < kStages; ++i) {
    state.counters[kNames[i]] = total[i] / static_cast<double>(state.iterations());
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_StageBreakdown)->Unit(benchmark::kMillisecond)->MinTime(3.0);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  std::fprintf(stderr, "corpus: %zu pages, %.1f MB\n", Corpus().size(), CorpusBytes() / 1e6);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::fprintf(stderr, "peak RSS: %.1f MB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
