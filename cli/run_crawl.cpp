#include "cli/run_crawl.h"

#include "cli/app_options.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {

int RunCrawl(const CrawlCommandOptions&) {
  // TODO(#4): the crawler is the subject of issue #4.
  util::LogError("crawl is not built yet (issue #4); nothing was fetched");
  return util::kExitFailure;
}

void SetupCrawl(CLI::App& app, RunState& state) {
  auto options = std::make_shared<CrawlCommandOptions>();
  CLI::App* sub = app.add_subcommand("crawl", "Crawl seed URLs politely into an archive");
  sub->add_option("--db", options->db, "Archive file (SQLite), created if missing")->required();
  sub->add_option("--config", options->config, "Site configuration (TOML)")
      ->check(CLI::ExistingFile);
  sub->add_option("--seed", options->seeds, "Start URL (repeatable)");
  sub->add_option("--seeds-file", options->seeds_file, "File with one start URL per line")
      ->check(CLI::ExistingFile);
  sub->add_option("--delay", options->delay_seconds,
                  "Minimum seconds between requests to one host (default 1)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--max-pages", options->max_pages, "Stop after this many fetches")
      ->check(CLI::PositiveNumber);
  sub->add_option("--max-time", options->max_time, "Stop after this long, e.g. 90s, 30m, 2h");
  sub->add_option("--warc", options->warc_dir, "Also write WARC 1.1 files into this directory");
  sub->add_option("--resolve", options->resolve,
                  "HOST:PORT:ADDR: connect to ADDR for HOST:PORT, like curl (repeatable)");
  sub->callback([options, &state] { state.exit_code = RunCrawl(*options); });
}

}  // namespace cli
