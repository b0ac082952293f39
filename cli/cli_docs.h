// The CLI docs are newsarc's man page and its bash and zsh completion scripts, generated from the
// command-line app itself (the CLI::App tree cli::SetupApp builds), so that no subcommand or
// option can be missing from them. Pure functions of the tree: no I/O. Subcommands and options
// hidden from --help (empty group) are left out of all three.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace cli {

// newsarc(1) in roff with the man(7) macros: NAME, SYNOPSIS, DESCRIPTION, GLOBAL OPTIONS,
// COMMANDS (one subsection per subcommand with its options and footer), EXIT STATUS,
// EXAMPLES, SEE ALSO.
std::string ManPage(const CLI::App& app);

// A bash completion script defining `_newsarc` and registering it with `complete`: subcommands,
// each subcommand's options and the global ones, the choices of options with a fixed set of
// values, files and directories for options that take a path. Needs bash 4, not the
// bash-completion package.
std::string BashCompletion(const CLI::App& app);

// A zsh completion function (`#compdef newsarc`, for a file `_newsarc` in $fpath), with the
// descriptions of subcommands and options.
std::string ZshCompletion(const CLI::App& app);

// One example of the man page's EXAMPLES section.
struct CliExample {
  std::string what;     // one sentence
  std::string command;  // a shell command line starting with "newsarc "
};

// The man page's examples (taken from the README).
const std::vector<CliExample>& CliExamples();

}  // namespace cli
