// Archive speed (wall-clock rates) on synthetic articles (~1 KB of Chinese text each): batched
// ingest through Archive::RecordPages (fetch + capture + article + version + FTS, 1,000 per
// transaction) in articles/s, and in batches of 16 as the crawl's writer commits them (one
// RecordPages call, or a RecordPage per page inside a WriteBatch); streaming JSONL export of
// 100,000 articles to /dev/null in articles/s; and searches over those 100,000 articles (median and
// p95 latency of single queries): terms the FTS5 trigram index answers, two-character terms it
// cannot (every article read), and the query language's mixes; and search folding of one article's
// body. The export reports the process's peak RSS during the export (VmHWM after resetting it
// through /proc/self/clear_refs), which stays flat however many articles stream. Archives are temp
// files in WAL mode, as in a real crawl. The merge of two workers' archives (#16), in fetches/s:
// 10,000 fetches each, half of the second's the first's URLs fetched again later (one in two with
// another text: a new version; the others a capture deduplicated and no version).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "storage/archive_merge.h"
#include "storage/archive_search.h"
#include "storage/article_cursor.h"
#include "storage/export_writer.h"
#include "storage/text_fold.h"
#include "util/sha256.h"

namespace {

constexpr int kBatch = 1000;
constexpr int kExportArticles = 100'000;

const char* const kWords[] = {"会议", "指出", "招商引资", "优化", "营商环境", "推动", "项目",
                              "落地", "见效", "各部门",   "加强", "协作",     "全市", "经济",
                              "发展", "质量", "提升",     "服务", "群众",     "改革", "创新",
                              "工作", "部署", "要求",     "切实", "做好",     "安全", "生产"};

// kWords as a Hong Kong or Taiwan site prints them.
const char* const kTraditionalWords[] = {
    "會議", "指出", "招商引資", "優化", "營商環境", "推動", "項目", "落地", "見效", "各部門",
    "加強", "協作", "全市",     "經濟", "發展",     "質量", "提升", "服務", "群眾", "改革",
    "創新", "工作", "部署",     "要求", "切實",     "做好", "安全", "生產"};
static_assert(sizeof(kTraditionalWords) == sizeof(kWords));

std::string Body(uint64_t seed, bool traditional = false) {
  std::string body;
  uint64_t x = seed * 6364136223846793005ULL + 1442695040888963407ULL;
  for (int i = 0; i < 120; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    body += (traditional ? kTraditionalWords
                         : kWords)[(x >> 33) % (sizeof(kWords) / sizeof(kWords[0]))];
    if (i % 30 == 29) body += "。\n";
  }
  return body;
}

storage::PageRecord Record(int64_t n) {
  storage::PageRecord r;
  r.url = "http://www.site" + std::to_string(n % 20) + ".gov.cn/art/" + std::to_string(n) + ".html";
  r.final_url = r.url;
  r.status = 200;
  r.content_type = "text/html; charset=utf-8";
  r.fetched_at = r.started_at = std::chrono::system_clock::time_point(std::chrono::seconds(n));
  extract::Article a;
  a.url = r.url;
  a.kind = extract::PageKind::kArticle;
  a.title = "第" + std::to_string(n) + "号通知";
  a.body = Body(static_cast<uint64_t>(n));
  a.published_date = "2024-0" + std::to_string(1 + n % 9) + "-1" + std::to_string(n % 10);
  a.content_sha256 = util::Sha256Hex(a.body);
  r.body = "<html><body><h1>" + *a.title + "</h1><p>" + a.body + "</p></body></html>";
  r.bytes = static_cast<int64_t>(r.body->size());
  r.article = std::move(a);
  return r;
}

// Linux: writing 5 to clear_refs resets VmHWM (peak resident set) to the current RSS.
void ResetPeakRss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
}

// Peak resident set size in MiB since the last reset (0 when /proc is unavailable).
double PeakRssMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

std::string TempPath(const char* name) {
  auto dir = std::filesystem::temp_directory_path() / "newsarc-storage-bench";
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix);
  }
  return path.string();
}

void BM_IngestBatched(benchmark::State& state) {
  auto archive = storage::Archive::Open(TempPath("ingest.db"), {.create_if_missing = true});
  if (!archive) {
    state.SkipWithError(archive.error().message.c_str());
    return;
  }
  int64_t next = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<storage::PageRecord> batch;
    for (int i = 0; i < kBatch; ++i) batch.push_back(Record(next++));
    state.ResumeTiming();
    auto result = archive->RecordPages(batch);
    if (!result) state.SkipWithError(result.error().message.c_str());
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  state.counters["articles/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kBatch), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IngestBatched)->Unit(benchmark::kMillisecond)->UseRealTime();

// Batches of 16 pages, as the crawl's writer commits them: argument 0 records each batch with
// one RecordPages call (no savepoints), 1 with a RecordPage per page inside a WriteBatch (the
// writer's way: each page a savepoint, so a page that fails rolls back alone). The ratio of
// their CPU times is what the per-page savepoints cost.
void BM_IngestInBatchesOf16(benchmark::State& state) {
  constexpr size_t kPagesPerBatch = 16;
  const bool page_by_page = state.range(0) == 1;
  auto archive = storage::Archive::Open(TempPath("ingest-16.db"), {.create_if_missing = true});
  if (!archive) {
    state.SkipWithError(archive.error().message.c_str());
    return;
  }
  int64_t next = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<storage::PageRecord> pages;
    for (int i = 0; i < kBatch; ++i) pages.push_back(Record(next++));
    state.ResumeTiming();
    for (size_t i = 0; i < pages.size(); i += kPagesPerBatch) {
      const size_t end = std::min(pages.size(), i + kPagesPerBatch);
      if (!page_by_page) {
        std::vector<storage::PageRecord> slice(pages.begin() + static_cast<ptrdiff_t>(i),
                                               pages.begin() + static_cast<ptrdiff_t>(end));
        if (auto r = archive->RecordPages(slice); !r) {
          state.SkipWithError(r.error().message.c_str());
          return;
        }
        continue;
      }
      auto batch = archive->BeginWrite();
      if (!batch) {
        state.SkipWithError(batch.error().message.c_str());
        return;
      }
      for (size_t j = i; j < end; ++j) {
        if (auto r = archive->RecordPage(pages[j]); !r) {
          state.SkipWithError(r.error().message.c_str());
          return;
        }
      }
      if (auto done = batch->Commit(); !done) {
        state.SkipWithError(done.error().message.c_str());
        return;
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  state.counters["articles/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kBatch), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IngestInBatchesOf16)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// The 100,000-article archive shared by the export and search benchmarks, built once.
const std::string& BigArchive() {
  static const std::string path = [] {
    std::string p = TempPath("big.db");
    auto archive = storage::Archive::Open(p, {.create_if_missing = true});
    for (int64_t start = 0; archive && start < kExportArticles; start += kBatch) {
      std::vector<storage::PageRecord> batch;
      for (int64_t n = start; n < start + kBatch; ++n) batch.push_back(Record(n));
      if (!archive->RecordPages(batch)) break;
    }
    return p;
  }();
  return path;
}

void BM_ExportJsonlToDevNull(benchmark::State& state) {
  auto archive = storage::Archive::Open(BigArchive(), {.read_only = true});
  std::unique_ptr<FILE, int (*)(FILE*)> null(std::fopen("/dev/null", "wb"), &std::fclose);
  if (!archive || !null) {
    state.SkipWithError("cannot open the archive or /dev/null");
    return;
  }
  size_t written = 0;
  ResetPeakRss();
  for (auto _ : state) {
    auto read = archive->BeginRead();
    auto cursor = storage::ArticleCursor::Open(*archive, {});
    storage::ExportWriter writer({storage::ExportFormat::kJsonl, false},
                                 [&null](std::string_view data) -> util::Result<void> {
                                   std::fwrite(data.data(), 1, data.size(), null.get());
                                   return {};
                                 });
    (void)writer.Begin();
    while (cursor) {
      auto next = cursor->Next();
      if (!next || !*next) break;
      (void)writer.Write(cursor->article(), cursor->stamp());
    }
    (void)writer.End();
    written += writer.written();
  }
  state.SetItemsProcessed(static_cast<int64_t>(written));
  state.counters["articles/s"] =
      benchmark::Counter(static_cast<double>(written), benchmark::Counter::kIsRate);
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}
BENCHMARK(BM_ExportJsonlToDevNull)->Unit(benchmark::kMillisecond)->UseRealTime();

// Runs `queries` in turn over the big archive and reports the median and p95 latency.
void RunSearches(benchmark::State& state, const std::vector<std::string>& queries) {
  auto archive = storage::Archive::Open(BigArchive(), {.read_only = true});
  if (!archive) {
    state.SkipWithError(archive.error().message.c_str());
    return;
  }
  size_t i = 0;
  std::vector<double> latencies_ms;
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    auto hits =
        storage::SearchArticles(*archive, {queries[i++ % queries.size()], std::nullopt, 20});
    latencies_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    if (!hits) state.SkipWithError(hits.error().message.c_str());
    benchmark::DoNotOptimize(hits);
  }
  if (latencies_ms.empty()) return;
  std::sort(latencies_ms.begin(), latencies_ms.end());
  state.counters["median_ms"] = latencies_ms[latencies_ms.size() / 2];
  state.counters["p95_ms"] = latencies_ms[latencies_ms.size() * 95 / 100];
}

void BM_SearchTrigram(benchmark::State& state) {
  RunSearches(state, {"招商引资", "营商环境推动", "安全生产", "改革创新工作"});
}
BENCHMARK(BM_SearchTrigram)->Unit(benchmark::kMillisecond);

// Search folding (storage/text_fold.h) of one article's body, as the write path does for
// each new article: in simplified characters (the common case), and in traditional ones.
void BM_FoldForSearch(benchmark::State& state) {
  std::string text = Body(7, /*traditional=*/state.range(0) == 1);
  for (auto _ : state) benchmark::DoNotOptimize(storage::FoldForSearch(text));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_FoldForSearch)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// A two-character term, which the trigram index cannot answer: every article is read.
void BM_SearchShortTerm(benchmark::State& state) { RunSearches(state, {"招商", "群众"}); }
BENCHMARK(BM_SearchShortTerm)->Unit(benchmark::kMillisecond);

// The query language (#14): terms in traditional characters, OR, exclusions, and short terms
// filtered on the rows a long term found.
void BM_SearchQueryLanguage(benchmark::State& state) {
  RunSearches(state,
              {"營商環境 項目", "安全生产 -改革创新", "质量提升 OR 服務群眾", "招商引资 会议"});
}
BENCHMARK(BM_SearchQueryLanguage)->Unit(benchmark::kMillisecond);

constexpr int kWorkerFetches = 10'000;
constexpr int64_t kSecondWorkerLater = 1'000'000;  // seconds

// Worker 1 fetched URLs 0..N-1; worker 2 URLs N/2..3N/2-1 later, every other one changed.
const std::string& WorkerArchive(int worker) {
  static const std::string paths[2] = {TempPath("worker-1.db"), TempPath("worker-2.db")};
  static bool built[2] = {false, false};
  const std::string& path = paths[worker - 1];
  if (built[worker - 1]) return path;
  built[worker - 1] = true;
  auto archive = storage::Archive::Open(path, {.create_if_missing = true});
  int64_t first = worker == 1 ? 0 : kWorkerFetches / 2;
  for (int64_t start = first; archive && start < first + kWorkerFetches; start += kBatch) {
    std::vector<storage::PageRecord> batch;
    for (int64_t n = start; n < start + kBatch; ++n) {
      storage::PageRecord r = Record(n);
      if (worker == 2) {
        r.fetched_at = r.started_at += std::chrono::seconds(kSecondWorkerLater);
        if (n % 2 == 1 && n < kWorkerFetches) {
          r.article->body += "（更新）";
          r.article->content_sha256 = util::Sha256Hex(r.article->body);
          *r.body += "<!-- updated -->";
        }
      }
      batch.push_back(std::move(r));
    }
    if (!archive->RecordPages(batch)) break;
  }
  return path;
}

void BM_MergeTwoWorkers(benchmark::State& state) {
  auto one = storage::Archive::Open(WorkerArchive(1), {.read_only = true});
  auto two = storage::Archive::Open(WorkerArchive(2), {.read_only = true});
  if (!one || !two) {
    state.SkipWithError("cannot open the worker archives");
    return;
  }
  int64_t fetches = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto target = storage::Archive::Open(TempPath("merged.db"), {.create_if_missing = true});
    state.ResumeTiming();
    if (!target) {
      state.SkipWithError(target.error().message.c_str());
      return;
    }
    for (const storage::Archive* source : {&*one, &*two}) {
      auto merged = storage::MergeArchive(*target, *source);
      if (!merged) {
        state.SkipWithError(merged.error().message.c_str());
        return;
      }
      fetches += merged->fetches;
    }
  }
  state.counters["fetches/s"] =
      benchmark::Counter(static_cast<double>(fetches), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MergeTwoWorkers)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
