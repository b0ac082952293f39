// The man page and completion scripts against the command-line app they are generated from:
// each test walks the app itself, so an option added to any subcommand is checked too.
#include "cli/cli_docs.h"

#include <gtest/gtest.h>

#include <sstream>

#include "cli/app_options.h"
#include "cli/exit_codes.h"

namespace {

struct App {
  CLI::App app;
  cli::GlobalOptions global;
  cli::RunState state;
  App() { cli::SetupApp(app, global, state); }
};

std::vector<const CLI::App*> VisibleCommands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
}

// Every name of every visible option: "-q", "--quiet"; a positional as "PATH".
std::vector<std::string> OptionNames(const CLI::App& app, bool with_help) {
  std::vector<std::string> names;
  for (const CLI::Option* option :
       app.get_options([](const CLI::Option* o) { return !o->get_group().empty(); })) {
    if (!with_help && option == app.get_help_ptr()) continue;
    if (!option->nonpositional()) {
      std::string name = option->get_name(true, false);
      for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      names.push_back(name);
    }
    for (const std::string& s : option->get_snames()) names.push_back("-" + s);
    for (const std::string& l : option->get_lnames()) names.push_back("--" + l);
  }
  return names;
}

// Roff source as a reader sees it: hyphen and zero-width escapes and font changes removed.
std::string Unroff(std::string text) {
  for (const char* escape : {"\\-", "\\&", "\\fB", "\\fI", "\\fR", "\\ "}) {
    std::string replacement = std::string(escape) == "\\-"   ? "-"
                              : std::string(escape) == "\\ " ? " "
                                                             : "";
    for (size_t at = text.find(escape); at != std::string::npos;
         at = text.find(escape, at + replacement.size())) {
      text.replace(at, std::string(escape).size(), replacement);
    }
  }
  return text;
}

// The text from the line `start` to the next line starting with one of `ends`.
std::string Section(const std::string& text, const std::string& start,
                    const std::vector<std::string>& ends) {
  size_t begin = text.find("\n" + start + "\n");
  if (begin == std::string::npos) return "";
  size_t end = text.size();
  for (const std::string& e : ends) end = std::min(end, text.find("\n" + e, begin + 1));
  return text.substr(begin, end - begin);
}

bool HasWord(const std::string& text, const std::string& word) {
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    auto boundary = [](char c) {
      return !(std::isalnum(static_cast<unsigned char>(c)) || c == '-');
    };
    bool before = at == 0 || boundary(text[at - 1]);
    bool after = at + word.size() == text.size() || boundary(text[at + word.size()]);
    if (before && after) return true;
  }
  return false;
}

TEST(CliDocs, ManPageDocumentsEveryCommandAndEveryOption) {
  App a;
  std::string man = Unroff(cli::ManPage(a.app));
  std::string global = Section(man, ".SH \"GLOBAL OPTIONS\"", {".SH"});
  ASSERT_FALSE(global.empty()) << man;
  for (const std::string& name : OptionNames(a.app, true)) {
    EXPECT_TRUE(HasWord(global, name)) << name;
  }
  ASSERT_GE(VisibleCommands(a.app).size(), 10u);
  for (const CLI::App* sub : VisibleCommands(a.app)) {
    std::string section = Section(man, ".SS " + sub->get_name(), {".SS", ".SH"});
    ASSERT_FALSE(section.empty()) << sub->get_name();
    EXPECT_NE(man.find(".SY \"newsarc " + sub->get_name() + "\""), std::string::npos)
        << sub->get_name();
    for (const std::string& name : OptionNames(*sub, false)) {
      EXPECT_TRUE(HasWord(section, name)) << sub->get_name() << " " << name;
    }
  }
}

TEST(CliDocs, ManPageHasTheUsualSectionsAndEveryExitCode) {
  App a;
  std::string man = cli::ManPage(a.app);
  EXPECT_EQ(man.find(".TH NEWSARC 1 "), man.find("\n.TH") + 1);
  for (const char* section : {".SH NAME\nnewsarc \\- a polite crawler", ".SH SYNOPSIS",
                              ".SH DESCRIPTION", ".SH \"GLOBAL OPTIONS\"", ".SH COMMANDS",
                              ".SH \"EXIT STATUS\"", ".SH EXAMPLES", ".SH \"SEE ALSO\""}) {
    EXPECT_NE(man.find(section), std::string::npos) << section;
  }
  std::string exits = Section(man, ".SH \"EXIT STATUS\"", {".SH"});
  for (const cli::ExitCodeDoc& exit : cli::kExitCodeDocs) {
    EXPECT_NE(exits.find(".B " + std::to_string(exit.code) + "\n" + exit.meaning),
              std::string::npos)
        << exit.code;
  }
  // Subcommand footers keep their example lines unfilled.
  EXPECT_NE(Unroff(man).find(".nf\nnewsarc extract page.html --url"), std::string::npos);
  // The hidden generator is no command of the page.
  EXPECT_EQ(man.find(".SS manpage"), std::string::npos);
}

// The examples are hand-picked, so each is checked: its command exists and every option it
// uses is one of that command's (or a global one), its required options included.
TEST(CliDocs, ExamplesUseOnlyDefinedOptions) {
  App a;
  ASSERT_FALSE(cli::CliExamples().empty());
  for (const cli::CliExample& example : cli::CliExamples()) {
    std::istringstream in(example.command);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    ASSERT_GE(words.size(), 2u) << example.command;
    EXPECT_EQ(words[0], "newsarc") << example.command;
    auto named = a.app.get_subcommands([&](CLI::App* s) { return s->get_name() == words[1]; });
    ASSERT_EQ(named.size(), 1u) << example.command;
    CLI::App* sub = named.front();
    for (const std::string& word : words) {
      if (word.rfind("-", 0) != 0) continue;
      EXPECT_TRUE(sub->get_option_no_throw(word) != nullptr ||
                  a.app.get_option_no_throw(word) != nullptr)
          << example.command << ": " << word;
    }
    for (const CLI::Option* option : sub->get_options()) {
      if (option->get_required() && option->nonpositional()) {
        EXPECT_TRUE(HasWord(example.command, option->get_name())) << example.command;
      }
    }
  }
}

// The line of the bash script listing a command's options: `      crawl) options="..."`.
std::string BashOptionsLine(const std::string& script, const std::string& command) {
  size_t at = script.find("\n      " + command + ") options=\"");
  if (at == std::string::npos) return "";
  return script.substr(at + 1, script.find('\n', at + 1) - at - 1);
}

TEST(CliDocs, BashCompletionOffersEveryCommandAndOption) {
  App a;
  std::string script = cli::BashCompletion(a.app);
  EXPECT_NE(script.find("complete -F _newsarc newsarc\n"), std::string::npos);
  std::string commands;
  for (const CLI::App* sub : VisibleCommands(a.app)) {
    commands += (commands.empty() ? "" : " ") + sub->get_name();
    std::string line = BashOptionsLine(script, sub->get_name());
    ASSERT_FALSE(line.empty()) << sub->get_name();
    for (const std::string& name : OptionNames(*sub, false)) {
      if (name[0] == '-') {
        EXPECT_TRUE(HasWord(line, name)) << sub->get_name() << " " << name;
      }
    }
    // ... and the global ones after them.
    EXPECT_EQ(line.substr(line.size() - 12), "$options\" ;;") << line;
  }
  EXPECT_NE(script.find("    \"\") _newsarc_words \"" + commands + "\" ;;"), std::string::npos)
      << script;
  EXPECT_EQ(commands.find("manpage"), std::string::npos);
  // Values: choices, files and directories.
  EXPECT_NE(script.find("'export --format') _newsarc_words \"jsonl json csv wacz\" ;;"),
            std::string::npos);
  EXPECT_NE(script.find("--log-format) _newsarc_words \"text json\" ;;"), std::string::npos);
  EXPECT_NE(script.find("--log-file) _newsarc_files ;;"), std::string::npos) << script;
  EXPECT_NE(script.find("'crawl --db') _newsarc_files ;;"), std::string::npos);
  EXPECT_NE(script.find("'crawl --warc') _newsarc_dirs ;;"), std::string::npos);
  EXPECT_NE(script.find("    extract) _newsarc_files ;;"), std::string::npos);
  EXPECT_NE(script.find("    completion) _newsarc_words \"bash zsh\" ;;"), std::string::npos);
}

TEST(CliDocs, ZshCompletionDescribesEveryCommandAndOption) {
  App a;
  std::string script = cli::ZshCompletion(a.app);
  EXPECT_EQ(script.rfind("#compdef newsarc\n", 0), 0u);
  for (const CLI::App* sub : VisibleCommands(a.app)) {
    size_t begin = script.find("\n        (" + sub->get_name() + ")\n");
    ASSERT_NE(begin, std::string::npos) << sub->get_name();
    std::string block = script.substr(begin, script.find(";;", begin) - begin);
    for (const std::string& name : OptionNames(*sub, false)) {
      if (name[0] != '-') continue;
      bool found = block.find(name + "[") != std::string::npos ||
                   block.find(name + "=[") != std::string::npos;
      EXPECT_TRUE(found) << sub->get_name() << " " << name;
    }
    EXPECT_NE(script.find("        '" + sub->get_name() + ":"), std::string::npos)
        << sub->get_name();
  }
  EXPECT_NE(script.find("'--format=[Output format]:format:(jsonl json csv wacz)'"),
            std::string::npos);
  EXPECT_NE(script.find("'--db=[Archive file (SQLite)]:file:_files'"), std::string::npos);
  EXPECT_NE(script.find(":directory:_files -/'"), std::string::npos);
  EXPECT_NE(script.find("'1:shell:(bash zsh)'"), std::string::npos);
  EXPECT_NE(script.find("'*-v[More detail"), std::string::npos);
  EXPECT_EQ(script.find("(manpage)"), std::string::npos);
}

// Text that means something to roff or to the shells is escaped.
TEST(CliDocs, EscapesWhatRoffAndTheShellsWouldRead) {
  CLI::App app("newsarc: a test app. More.");
  std::string value;
  app.add_option("--odd", value, "Finds [brackets], it's a back\\slash, 招商");
  CLI::App* sub = app.add_subcommand("sub", ".dot at the start");
  sub->add_option("--pick", value, "Pick")->check(CLI::IsMember({"a", "b"}));
  std::string man = cli::ManPage(app);
  EXPECT_NE(man.find("Finds [brackets], it's a back\\eslash, \\[u62DB]\\[u5546]."),
            std::string::npos)
      << man;
  EXPECT_NE(man.find("\n\\&.dot at the start.\n"), std::string::npos) << man;
  EXPECT_NE(man.find("\\fB\\-\\-pick\\fR \\fIa\\fR|\\fIb\\fR"), std::string::npos) << man;
  std::string zsh = cli::ZshCompletion(app);
  EXPECT_NE(zsh.find("'--odd=[Finds \\[brackets\\], it'\\''s a back\\\\slash, 招商]"),
            std::string::npos)
      << zsh;
  EXPECT_NE(cli::BashCompletion(app).find("'sub --pick') _newsarc_words \"a b\" ;;"),
            std::string::npos);
}

}  // namespace
