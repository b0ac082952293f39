// The generated man page and completion scripts as man, groff, bash and zsh read them, and
// `cmake --install` of this build into a temporary prefix.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace {

namespace fs = std::filesystem;
using testing_support::ReadFileOrFail;
using testing_support::RunNewsarc;
using testing_support::RunProcess;

// The files the build generated (the custom target newsarc_docs).
std::string DocsFile(const std::string& name) { return std::string(NEWSARC_DOCS_DIR) + "/" + name; }

bool HaveProgram(const std::string& name) {
  return RunProcess({"sh", "-c", "command -v " + name}).exit_code == 0;
}

std::set<std::string> Lines(const std::string& text) {
  std::set<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.insert(line);
  return lines;
}

TEST(CliDocsInstalled, TheBuildGeneratesWhatTheBinaryPrints) {
  auto man = RunNewsarc({"manpage"});
  ASSERT_EQ(man.exit_code, 0) << man.err;
  EXPECT_EQ(ReadFileOrFail(DocsFile("newsarc.1")), man.out);
  auto bash = RunNewsarc({"completion", "bash"});
  ASSERT_EQ(bash.exit_code, 0) << bash.err;
  EXPECT_EQ(ReadFileOrFail(DocsFile("newsarc.bash")), bash.out);
  auto zsh = RunNewsarc({"completion", "zsh"});
  ASSERT_EQ(zsh.exit_code, 0) << zsh.err;
  EXPECT_EQ(ReadFileOrFail(DocsFile("_newsarc")), zsh.out);
}

TEST(CliDocsInstalled, CompletionIsACommandAndManpageIsHidden) {
  auto help = RunNewsarc({"--help"});
  EXPECT_NE(help.out.find("completion"), std::string::npos) << help.out;
  EXPECT_EQ(help.out.find("manpage"), std::string::npos) << help.out;
  auto fish = RunNewsarc({"completion", "fish"});
  EXPECT_EQ(fish.exit_code, 2);
  EXPECT_TRUE(fish.out.empty());
  auto unknown = RunNewsarc({"complete"});
  EXPECT_NE(unknown.err.find("commands: crawl, extract"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find(", completion)"), std::string::npos) << unknown.err;
}

TEST(CliDocsInstalled, ManPageRendersWithoutWarnings) {
  std::string page = DocsFile("newsarc.1");
  if (HaveProgram("groff")) {
    auto groff = RunProcess({"groff", "-man", "-Tutf8", "-ww", "-z", page});
    EXPECT_EQ(groff.exit_code, 0);
    EXPECT_EQ(groff.err, "");
  }
  if (HaveProgram("mandoc")) {
    auto lint = RunProcess({"mandoc", "-Tlint", "-Wwarning", page});
    EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err;
  }
  if (!HaveProgram("man")) GTEST_SKIP() << "man is not installed";
  auto man = RunProcess({"env", "MANWIDTH=80", "man", "-l", page});
  EXPECT_EQ(man.exit_code, 0) << man.err;
  EXPECT_EQ(man.err, "");
  for (const char* text : {"NAME", "newsarc - a polite crawler", "GLOBAL OPTIONS", "EXIT STATUS",
                           "newsarc export --db FILE [OPTIONS]", "--format jsonl|json|csv",
                           "newsarc search --db xh.sqlite 招商"}) {
    EXPECT_NE(man.out.find(text), std::string::npos) << text << "\n" << man.out;
  }
}

// Runs `script` in a bash with the completion script sourced; $1 is the script's path.
testing_support::ProcessResult Bash(const std::string& script) {
  return RunProcess({"bash", "--norc", "--noprofile", "-c", "source \"$1\" || exit 9\n" + script,
                     "bash", DocsFile("newsarc.bash")});
}

// COMPREPLY for the command line `words`, the cursor in the last word.
std::set<std::string> Complete(const std::vector<std::string>& words,
                               const std::string& cwd = ".") {
  std::string array;
  for (const std::string& w : words) array += " '" + w + "'";
  auto r = Bash("cd '" + cwd + "' || exit 8\nCOMP_WORDS=(" + array +
                ")\nCOMP_CWORD=" + std::to_string(words.size() - 1) +
                "\n_newsarc\nprintf '%s\\n' \"${COMPREPLY[@]}\"");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::set<std::string> replies = Lines(r.out);
  replies.erase("");
  return replies;
}

using Words = std::set<std::string>;

TEST(CliDocsInstalled, BashCompletesCommandsOptionsAndValues) {
  auto syntax = RunProcess({"bash", "-n", DocsFile("newsarc.bash")});
  EXPECT_EQ(syntax.exit_code, 0) << syntax.err;
  auto registered = Bash("complete -p newsarc");
  EXPECT_EQ(registered.out, "complete -F _newsarc newsarc\n") << registered.err;

  EXPECT_EQ(Complete({"newsarc", "ex"}), (Words{"export", "extract"}));
  EXPECT_EQ(Complete({"newsarc", "export", "--format", ""}),
            (Words{"jsonl", "json", "csv", "wacz"}));
  EXPECT_EQ(Complete({"newsarc", "export", "--format", "=", "j"}), (Words{"jsonl", "json"}));
  EXPECT_EQ(Complete({"newsarc", "--log-format", "j"}), (Words{"json"}));
  EXPECT_EQ(Complete({"newsarc", "--log-format", "json", "sta"}), (Words{"stats"}));
  EXPECT_EQ(Complete({"newsarc", "-q", "export", "--ex"}), (Words{"--excel"}));
  EXPECT_EQ(Complete({"newsarc", "crawl", "--no-sub"}), (Words{"--no-subdomains"}));
  EXPECT_EQ(Complete({"newsarc", "stats", "--"}),
            (Words{"--db", "--json", "--quiet", "--verbose", "--log-format", "--log-file",
                   "--version", "--help"}));
  EXPECT_EQ(Complete({"newsarc", "completion", ""}), (Words{"bash", "zsh"}));
  EXPECT_EQ(Complete({"newsarc", "crawl", "--seed", ""}), Words{});

  std::string dir = testing_support::MakeTempDir();
  fs::create_directory(dir + "/archives");
  std::ofstream(dir + "/a.sqlite") << "x";
  EXPECT_EQ(Complete({"newsarc", "stats", "--db", "a"}, dir), (Words{"a.sqlite", "archives"}));
  EXPECT_EQ(Complete({"newsarc", "crawl", "--warc", "a"}, dir), (Words{"archives"}));
  EXPECT_EQ(Complete({"newsarc", "extract", "a."}, dir), (Words{"a.sqlite"}));
}

TEST(CliDocsInstalled, ZshReadsItsCompletion) {
  if (!HaveProgram("zsh")) GTEST_SKIP() << "zsh is not installed";
  auto syntax = RunProcess({"zsh", "-n", DocsFile("_newsarc")});
  EXPECT_EQ(syntax.exit_code, 0) << syntax.err;
  auto loaded = RunProcess({"zsh", "-f", "-c",
                            "fpath=(\"$1\" $fpath); autoload -U compinit; compinit -u -D; "
                            "print -r -- ${_comps[newsarc]}",
                            "zsh", std::string(NEWSARC_DOCS_DIR)});
  EXPECT_EQ(loaded.out, "_newsarc\n") << loaded.err;
}

TEST(CliDocsInstalled, CmakeInstallPutsBinaryManPageAndCompletionsUnderThePrefix) {
  std::string prefix = testing_support::MakeTempDir() + "/usr";
  auto install =
      RunProcess({NEWSARC_CMAKE_COMMAND, "--install", NEWSARC_BUILD_DIR, "--prefix", prefix});
  ASSERT_EQ(install.exit_code, 0) << install.out << install.err;
  for (const char* file :
       {"bin/newsarc", "share/man/man1/newsarc.1", "share/bash-completion/completions/newsarc",
        "share/zsh/site-functions/_newsarc"}) {
    EXPECT_TRUE(fs::is_regular_file(prefix + "/" + file)) << file;
  }
  EXPECT_EQ(ReadFileOrFail(prefix + "/share/man/man1/newsarc.1"),
            ReadFileOrFail(DocsFile("newsarc.1")));
  auto version = RunProcess({prefix + "/bin/newsarc", "--version"});
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_EQ(version.out.rfind("newsarc ", 0), 0u) << version.out;

  // DESTDIR stages the same tree below it, as packagers use it.
  std::string stage = testing_support::MakeTempDir() + "/stage";
  auto staged = RunProcess({"env", "DESTDIR=" + stage, NEWSARC_CMAKE_COMMAND, "--install",
                            NEWSARC_BUILD_DIR, "--prefix", "/opt/newsarc"});
  ASSERT_EQ(staged.exit_code, 0) << staged.out << staged.err;
  EXPECT_TRUE(fs::is_regular_file(stage + "/opt/newsarc/bin/newsarc"));
  EXPECT_TRUE(fs::is_regular_file(stage + "/opt/newsarc/share/man/man1/newsarc.1"));
}

// `make install` builds the release tree and installs it with PREFIX and DESTDIR; `make
// uninstall` removes what the manifest lists. (Dry runs: the release build is not made here.)
TEST(CliDocsInstalled, MakeInstallHonoursPrefixAndDestdir) {
  if (!HaveProgram("make")) GTEST_SKIP() << "make is not installed";
  auto install = RunProcess({"make", "-n", "-C", testing_support::SourceDir(), "install",
                             "PREFIX=/opt/x", "DESTDIR=/tmp/stage"});
  ASSERT_EQ(install.exit_code, 0) << install.err;
  EXPECT_NE(install.out.find("cmake --build build/release"), std::string::npos) << install.out;
  EXPECT_NE(install.out.find("DESTDIR=\"/tmp/stage\" cmake --install build/release --prefix "
                             "\"/opt/x\""),
            std::string::npos)
      << install.out;
  auto defaults = RunProcess({"make", "-n", "-C", testing_support::SourceDir(), "install"});
  EXPECT_NE(defaults.out.find("--prefix \"/usr/local\""), std::string::npos) << defaults.out;
  auto uninstall = RunProcess({"make", "-n", "-C", testing_support::SourceDir(), "uninstall"});
  EXPECT_EQ(uninstall.exit_code, 0) << uninstall.err;
  EXPECT_NE(uninstall.out.find("build/release/install_manifest.txt"), std::string::npos)
      << uninstall.out;
}

}  // namespace
