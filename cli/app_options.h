// Global options shared by every subcommand (-q, -v, --log-format, --log-file), and the hook each
// subcommand file uses to hand its exit code back to main.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace cli {

struct GlobalOptions {
  bool quiet = false;
  int verbose = 0;
  std::string log_format = "text";
  std::string log_file;  // empty: no log file
};

// Where a subcommand's Run function leaves its exit code for main.
struct RunState {
  int exit_code = 0;
};

// Option checks with messages a person can act on (CLI11's own number checks print their range
// as a 310-digit number): "must be a whole number of at least 1 (got '0')".
CLI::Validator WholeNumberAtLeast(long minimum);
CLI::Validator NumberAtLeastZero();
// A number n with minimum <= n < below; otherwise "must be " + requirement + " (got '…')".
// `shown` is the option's type in --help ("0<=NUM<1").
CLI::Validator NumberInRange(double minimum, double below, const std::string& requirement,
                             const std::string& shown);

// Registers -q/--quiet, -v/--verbose, --log-format and --log-file on the top-level app.
void SetupGlobalOptions(CLI::App& app, GlobalOptions& options);
// Applies the global options to the logger (call after parsing). stderr: errors with -q,
// warnings by default, info with -v, debug with -vv. The log file: info unless -vv (debug),
// whatever -q says, so `-q --log-file FILE` is a quiet terminal and a useful log. A log file
// that cannot be opened throws util::Fatal (usage error, exit 2) naming it.
void ApplyGlobalOptions(const GlobalOptions& options);

void SetupCrawl(CLI::App& app, RunState& state);
void SetupExtract(CLI::App& app, RunState& state);
void SetupExport(CLI::App& app, RunState& state);
void SetupStats(CLI::App& app, RunState& state);
void SetupSearch(CLI::App& app, RunState& state);
void SetupReextract(CLI::App& app, RunState& state);
void SetupImportWarc(CLI::App& app, RunState& state);
void SetupMerge(CLI::App& app, RunState& state);
void SetupShow(CLI::App& app, RunState& state);
void SetupHistory(CLI::App& app, RunState& state);
void SetupDiff(CLI::App& app, RunState& state);
void SetupUrls(CLI::App& app, RunState& state);
void SetupAudit(CLI::App& app, RunState& state);
void SetupVerify(CLI::App& app, RunState& state);
void SetupServe(CLI::App& app, RunState& state);
void SetupCompletion(CLI::App& app, RunState& state);
void SetupManpage(CLI::App& app, RunState& state);

// Builds the whole command-line app (used by main and by tests).
void SetupApp(CLI::App& app, GlobalOptions& global, RunState& state);

// Runs newsarc with these arguments and returns the exit code; all output goes to the usual
// streams. This is main() minus the process-wide guards.
int RunNewsarc(int argc, char** argv);

}  // namespace cli
