#include "cli/run_export.h"

#include "cli/app_options.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {

int RunExport(const ExportCommandOptions&) {
  // TODO(#5): the archive and its exports are the subject of issue #5.
  util::LogError("export is not built yet (issue #5); nothing was written");
  return util::kExitFailure;
}

void SetupExport(CLI::App& app, RunState& state) {
  auto options = std::make_shared<ExportCommandOptions>();
  CLI::App* sub = app.add_subcommand("export", "Export archived articles (JSONL, JSON or CSV)");
  sub->add_option("--db", options->db, "Archive file (SQLite)")->required();
  sub->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"jsonl", "json", "csv"}))
      ->capture_default_str();
  sub->add_option("--out", options->out, "Output file, or - for stdout")->capture_default_str();
  sub->add_option("--site", options->site, "Only articles of this host");
  sub->add_option("--since", options->since, "Only articles published on or after YYYY-MM-DD");
  sub->add_option("--until", options->until, "Only articles published on or before YYYY-MM-DD");
  sub->callback([options, &state] { state.exit_code = RunExport(*options); });
}

}  // namespace cli
