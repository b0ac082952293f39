// `newsarc completion bash|zsh` prints a shell completion script, and the hidden
// `newsarc manpage` the man page: both generated from the app's own definitions
// (cli/cli_docs.h). The build runs them to make the installed files.
#include <iostream>
#include <memory>

#include "cli/app_options.h"
#include "cli/cli_docs.h"
#include "util/error.h"

namespace cli {

void SetupCompletion(CLI::App& app, RunState& state) {
  auto shell = std::make_shared<std::string>();
  CLI::App* sub =
      app.add_subcommand("completion", "Print the shell completion script for bash or zsh");
  sub->add_option("shell", *shell, "The shell")->required()->check(CLI::IsMember({"bash", "zsh"}));
  sub->footer(
      "Installed with newsarc (make install). To use it without installing:\n"
      "  source <(newsarc completion bash)          # in ~/.bashrc\n"
      "  newsarc completion zsh > ~/.zfunc/_newsarc  # with ~/.zfunc in $fpath");
  sub->callback([shell, &app, &state] {
    std::cout << (*shell == "bash" ? BashCompletion(app) : ZshCompletion(app));
    std::cout.flush();
    state.exit_code = std::cout ? util::kExitOk : util::kExitFailure;
  });
}

void SetupManpage(CLI::App& app, RunState& state) {
  CLI::App* sub = app.add_subcommand("manpage", "Print the man page newsarc(1) in roff");
  sub->group("");  // hidden: the build's tool, not a user's command
  sub->callback([&app, &state] {
    std::cout << ManPage(app);
    std::cout.flush();
    state.exit_code = std::cout ? util::kExitOk : util::kExitFailure;
  });
}

}  // namespace cli
