#include "cli/app_options.h"

#include <iostream>
#include <optional>

#include "cli/exit_codes.h"
#include "util/error.h"
#include "util/log.h"
#include "version.h"

namespace cli {

CLI::Validator WholeNumberAtLeast(long minimum) {
  return CLI::Validator(
      [minimum](std::string& value) -> std::string {
        size_t used = 0;
        long n = 0;
        try {
          n = std::stol(value, &used);
        } catch (...) {
          used = 0;
        }
        if (used != value.size() || used == 0 || n < minimum) {
          return "must be a whole number of at least " + std::to_string(minimum) + " (got '" +
                 value + "')";
        }
        return {};
      },
      "INT>=" + std::to_string(minimum));
}

CLI::Validator NumberInRange(double minimum, double below, const std::string& requirement,
                             const std::string& shown) {
  return CLI::Validator(
      [minimum, below, requirement](std::string& value) -> std::string {
        size_t used = 0;
        double n = -1;
        try {
          n = std::stod(value, &used);
        } catch (...) {
          used = 0;
        }
        if (used != value.size() || used == 0 || !(n >= minimum) || !(n < below)) {
          return "must be " + requirement + " (got '" + value + "')";
        }
        return {};
      },
      shown);
}

CLI::Validator NumberAtLeastZero() {
  return NumberInRange(0, 1e9, "a number of at least 0", "NUM>=0");
}

void SetupGlobalOptions(CLI::App& app, GlobalOptions& options) {
  app.add_flag("-q,--quiet", options.quiet, "Print only errors");
  app.add_flag("-v,--verbose", options.verbose,
               "More detail: every fetch; repeat (-vv) for every decision");
  app.add_option("--log-format", options.log_format, "Log line format (stderr and --log-file)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--log-file", options.log_file,
                 "Also append log records to FILE, with times: every fetch (-vv: every "
                 "decision), whatever -q says")
      ->type_name("FILE");
}

void ApplyGlobalOptions(const GlobalOptions& options) {
  util::LogConfig config;
  if (options.quiet) {
    config.min_level = util::LogLevel::kError;
  } else if (options.verbose >= 2) {
    config.min_level = util::LogLevel::kDebug;
  } else if (options.verbose == 1) {
    config.min_level = util::LogLevel::kInfo;
  } else {
    config.min_level = util::LogLevel::kWarning;
  }
  config.format = options.log_format == "json" ? util::LogFormat::kJson : util::LogFormat::kText;
  util::ConfigureLogging(config);
  if (options.log_file.empty()) {
    util::CloseLogFile();
    return;
  }
  auto opened = util::OpenLogFile(
      options.log_file, options.verbose >= 2 ? util::LogLevel::kDebug : util::LogLevel::kInfo);
  if (!opened) throw util::Fatal(util::kExitUsage, "--log-file " + opened.error().message);
}

void SetupApp(CLI::App& app, GlobalOptions& global, RunState& state) {
  app.description(
      "newsarc: a polite crawler and archiver for the news columns of institutional sites.\n"
      "It fetches pages gently, decodes them correctly, extracts each article and keeps a\n"
      "versioned SQLite archive with JSON/CSV export.");
  app.footer(ExitCodeHelp());
  app.set_version_flag("--version", "newsarc " NEWSARC_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  SetupGlobalOptions(app, global);
  SetupCrawl(app, state);
  SetupExtract(app, state);
  SetupExport(app, state);
  SetupStats(app, state);
  SetupSearch(app, state);
  SetupReextract(app, state);
  SetupImportWarc(app, state);
  SetupMerge(app, state);
  SetupShow(app, state);
  SetupHistory(app, state);
  SetupDiff(app, state);
  SetupUrls(app, state);
  SetupVerify(app, state);
  SetupAudit(app, state);
  SetupServe(app, state);
  SetupCompletion(app, state);
  SetupManpage(app, state);
  app.parse_complete_callback([&global] { ApplyGlobalOptions(global); });
}

namespace {

// The first bare word before any known subcommand: what the user meant as a command.
std::optional<std::string> FirstUnknownCommand(const CLI::App& app, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--log-format" || arg == "--log-file") {
      ++i;
      continue;
    }
    if (arg.empty() || arg[0] == '-') continue;
    for (const CLI::App* sub : app.get_subcommands({})) {
      if (sub->get_name() == arg) return std::nullopt;
    }
    return arg;
  }
  return std::nullopt;
}

}  // namespace

int RunNewsarc(int argc, char** argv) {
  CLI::App app;
  GlobalOptions global;
  RunState state;
  SetupApp(app, global, state);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Every parse error is a usage error (exit 2). An unknown subcommand gets a message that
    // names it rather than CLI11's "A subcommand is required".
    if (auto unknown = FirstUnknownCommand(app, argc, argv)) {
      std::string commands;
      for (const CLI::App* sub : app.get_subcommands({})) {
        if (!sub->get_group().empty()) commands += (commands.empty() ? "" : ", ") + sub->get_name();
      }
      std::cerr << "newsarc: unknown command '" << *unknown << "' (commands: " << commands << ")\n"
                << "Run with --help for more information.\n";
    } else {
      app.exit(e);
    }
    return util::kExitUsage;
  } catch (const util::Fatal& e) {
    util::LogError(e.what());
    return e.exit_code();
  } catch (const std::exception& e) {
    util::LogError(std::string("unexpected failure: ") + e.what());
    return util::kExitFailure;
  }
  return state.exit_code;
}

}  // namespace cli
