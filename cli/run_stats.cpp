#include "cli/run_stats.h"

#include "cli/app_options.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {

int RunStats(const StatsCommandOptions&) {
  // TODO(#5): the archive and its statistics are the subject of issue #5.
  util::LogError("stats is not built yet (issue #5)");
  return util::kExitFailure;
}

void SetupStats(CLI::App& app, RunState& state) {
  auto options = std::make_shared<StatsCommandOptions>();
  CLI::App* sub = app.add_subcommand("stats", "Show what an archive holds");
  sub->add_option("--db", options->db, "Archive file (SQLite)")->required();
  sub->add_flag("--json", options->json, "Print JSON instead of a table");
  sub->callback([options, &state] { state.exit_code = RunStats(*options); });
}

}  // namespace cli
