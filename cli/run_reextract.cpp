#include "cli/run_reextract.h"

#include <iostream>

#include "cli/app_options.h"
#include "cli/article_stitcher.h"
#include "extract/extractor.h"
#include "storage/archive.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {

int RunReextract(const ReextractCommandOptions& options) {
  auto archive = storage::Archive::Open(options.db, {});
  if (!archive) {
    util::LogError(archive.error().message);
    return util::kExitUsage;
  }
  auto ids = archive->ArticleIdsWithCaptures(options.site);
  if (!ids) {
    util::LogError("reextract failed: " + ids.error().message);
    return util::kExitFailure;
  }
  size_t examined = 0, unchanged = 0, changed = 0, failed = 0;
  for (int64_t id : *ids) {
    auto source = archive->LoadArticleSource(id);
    if (!source) {
      util::LogError("reextract failed: " + source.error().message);
      return util::kExitFailure;
    }
    if (!*source) continue;
    ++examined;
    const storage::ArticleSource& s = **source;
    auto article =
        extract::ExtractArticle({s.capture.body, s.url, s.capture.content_type, s.last_fetched_at});
    // A page that no longer extracts as an article keeps its archived state.
    if (!article || article->kind != extract::PageKind::kArticle || !article->title) {
      ++failed;
      util::LogWarning("not re-extracted", {{"url", s.url}});
      continue;
    }
    if (!article->continuation_urls.empty()) {
      // A multi-page article: its following pages are stitched from their archived captures.
      ArchivePageLookup lookup(*archive, {.wait_for_queued = false});
      article = StitchArticle(*article, lookup).article;
    }
    auto result = archive->UpdateReextracted(id, *article);
    if (!result) {
      util::LogError("reextract failed: " + result.error().message);
      return util::kExitFailure;
    }
    if (*result == storage::ArticleChange::kChanged) {
      ++changed;
    } else {
      ++unchanged;
    }
  }
  std::cout << "examined " << examined << ", new versions " << changed << ", unchanged "
            << unchanged << ", not re-extracted " << failed << "\n";
  return util::kExitOk;
}

void SetupReextract(CLI::App& app, RunState& state) {
  auto options = std::make_shared<ReextractCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "reextract", "Run the extractor again on archived pages and update their articles");
  sub->add_option("--db", options->db, "Archive file (SQLite)")->required();
  sub->add_option("--site", options->site, "Only articles of this host");
  sub->callback([options, &state] { state.exit_code = RunReextract(*options); });
}

}  // namespace cli
