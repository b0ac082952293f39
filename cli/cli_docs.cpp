#include "cli/cli_docs.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string_view>

#include "cli/exit_codes.h"
#include "version.h"

namespace cli {

namespace {

// What an option's value is, for completion: a fixed set of words, a path, or anything.
enum class ValueKind { kNone, kChoice, kFile, kDirectory, kOther };

// Options and positionals whose value is a path although their definition has no
// CLI::ExistingFile/ExistingDirectory check (the file may not exist yet). Every other value
// without a set of choices completes to nothing.
constexpr struct {
  const char* name;
  ValueKind kind;
} kPathOptions[] = {
    {"--db", ValueKind::kFile},       {"--out", ValueKind::kFile},
    {"--config", ValueKind::kFile},   {"--seeds-file", ValueKind::kFile},
    {"--batch", ValueKind::kFile},    {"--warc", ValueKind::kDirectory},
    {"path", ValueKind::kFile},       {"files", ValueKind::kFile},
    {"--log-file", ValueKind::kFile}, {"sources", ValueKind::kFile},
};

// One option or positional, read from the CLI::App tree.
struct OptionDoc {
  std::vector<std::string> names;  // "-q", "--quiet"; empty for a positional
  std::string positional;          // "path"; empty for a named option
  std::string metavar;             // "FILE", "jsonl|json|csv", "TEXT"; empty for a flag
  std::string description;         // on one line
  std::string default_value;
  std::vector<std::string> choices;
  ValueKind kind = ValueKind::kNone;
  bool required = false;
  bool repeatable = false;
};

// The top-level app or one subcommand.
struct CommandDoc {
  std::string name;         // "crawl"; "newsarc" for the top level
  std::string description;  // as defined, line breaks included
  std::string footer;
  std::vector<OptionDoc> options;  // named options, --help last
  std::vector<OptionDoc> positionals;
};

std::string Join(const std::vector<std::string>& words) {
  std::string joined;
  for (const std::string& word : words) joined += (joined.empty() ? "" : " ") + word;
  return joined;
}

std::string OneLine(std::string_view text) {
  std::string line;
  for (char c : text) {
    if (c == '\n') c = ' ';
    if (c == ' ' && !line.empty() && line.back() == ' ') continue;
    line += c;
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

// The first sentence or clause of a description, without its final period: a command's summary.
std::string Summary(std::string_view description) {
  std::string text = OneLine(description);
  size_t end = text.size();
  for (const char* stop : {". ", ": ", "; "}) {
    for (size_t at = text.find(stop); at != std::string::npos; at = text.find(stop, at + 1)) {
      bool abbreviation =
          at >= 3 && (text.compare(at - 3, 3, "e.g") == 0 || text.compare(at - 3, 3, "i.e") == 0);
      if (!abbreviation) {
        end = std::min(end, at);
        break;
      }
    }
  }
  text.resize(end);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

// "TEXT:{jsonl,json,csv}" -> {"TEXT", "{jsonl,json,csv}"}: the type and its checks' names.
std::vector<std::string> TypeParts(const std::string& type_name) {
  std::vector<std::string> parts;
  size_t start = 0;
  int depth = 0;
  for (size_t i = 0; i <= type_name.size(); ++i) {
    if (i < type_name.size() && type_name[i] == '{') ++depth;
    if (i < type_name.size() && type_name[i] == '}') --depth;
    if (i == type_name.size() || (type_name[i] == ':' && depth == 0)) {
      parts.push_back(type_name.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::vector<std::string> SplitChoices(const std::string& set) {
  std::vector<std::string> choices;
  std::string inner = set.substr(1, set.size() - 2);
  std::istringstream in(inner);
  for (std::string choice; std::getline(in, choice, ',');) choices.push_back(choice);
  return choices;
}

OptionDoc DescribeOption(const CLI::Option& option) {
  OptionDoc doc;
  for (const std::string& s : option.get_snames()) doc.names.push_back("-" + s);
  for (const std::string& l : option.get_lnames()) doc.names.push_back("--" + l);
  if (doc.names.empty()) doc.positional = option.get_name(true, false);
  doc.description = OneLine(option.get_description());
  doc.required = option.get_required();
  doc.repeatable = option.get_expected_max() > 1 ||
                   option.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
  if (option.get_items_expected_max() == 0) return doc;  // a flag

  doc.default_value = option.get_default_str();
  std::vector<std::string> parts = TypeParts(option.get_type_name());
  doc.kind = ValueKind::kOther;
  for (size_t i = 1; i < parts.size(); ++i) {
    const std::string& check = parts[i];
    if (check.size() >= 2 && check.front() == '{' && check.back() == '}') {
      doc.kind = ValueKind::kChoice;
      doc.choices = SplitChoices(check);
    } else if (check == "FILE" || check == "PATH(existing)") {
      doc.kind = ValueKind::kFile;
    } else if (check == "DIR") {
      doc.kind = ValueKind::kDirectory;
    }
  }
  if (doc.kind == ValueKind::kOther) {
    for (const auto& path : kPathOptions) {
      bool named = path.name == doc.positional ||
                   std::find(doc.names.begin(), doc.names.end(), path.name) != doc.names.end();
      if (named) doc.kind = path.kind;
    }
  }
  switch (doc.kind) {
    case ValueKind::kChoice:
      for (const std::string& choice : doc.choices) {
        doc.metavar += (doc.metavar.empty() ? "" : "|") + choice;
      }
      break;
    case ValueKind::kFile:
      doc.metavar = "FILE";
      break;
    case ValueKind::kDirectory:
      doc.metavar = "DIR";
      break;
    default:
      doc.metavar = parts.empty() || parts[0].empty() ? "VALUE" : parts[0];
  }
  return doc;
}

bool Hidden(const CLI::App& command) { return command.get_group().empty(); }

CommandDoc DescribeCommand(const CLI::App& app) {
  CommandDoc doc;
  doc.name = app.get_name().empty() ? "newsarc" : app.get_name();
  doc.description = app.get_description();
  doc.footer = app.get_footer();
  // --version and --help last, as conventional, the others in the order they were defined.
  const CLI::Option* last[] = {app.get_version_ptr(), app.get_help_ptr()};
  for (const CLI::Option* option :
       app.get_options([](const CLI::Option* o) { return !o->get_group().empty(); })) {
    if (std::find(std::begin(last), std::end(last), option) != std::end(last)) continue;
    OptionDoc described = DescribeOption(*option);
    (described.names.empty() ? doc.positionals : doc.options).push_back(std::move(described));
  }
  for (const CLI::Option* option : last) {
    if (option != nullptr && !option->get_group().empty()) {
      doc.options.push_back(DescribeOption(*option));
    }
  }
  return doc;
}

std::vector<CommandDoc> DescribeSubcommands(const CLI::App& app) {
  std::vector<CommandDoc> commands;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (Hidden(*sub)) continue;
    commands.push_back(DescribeCommand(*sub));
    // A subcommand inherits the app's footer (the exit codes) unless it has its own.
    if (commands.back().footer == app.get_footer()) commands.back().footer.clear();
  }
  return commands;
}

bool IsHelp(const OptionDoc& option) {
  return std::find(option.names.begin(), option.names.end(), "--help") != option.names.end();
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// ---- roff ----

// Text for a roff text line or macro argument: backslashes, hyphen-minus (so that options can
// be copied and searched for) and every non-ASCII character escaped.
std::string Roff(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == '\\') {
        out += "\\e";
      } else if (c == '-') {
        out += "\\-";
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    uint32_t code = length == 4 ? c & 0x07u : length == 3 ? c & 0x0Fu : c & 0x1Fu;
    bool valid = length > 1 && i + length <= text.size();
    for (int k = 1; valid && k < length; ++k) {
      unsigned char next = static_cast<unsigned char>(text[i + k]);
      valid = (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3Fu);
    }
    if (valid) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "\\[u%04X]", static_cast<unsigned>(code));
      out += hex;
      i += length;
    } else {
      out += '?';
      ++i;
    }
  }
  return out;
}

// A filled text line: escaped, and kept from being read as a request.
std::string RoffLine(std::string_view text) {
  std::string line = Roff(text);
  if (!line.empty() && (line[0] == '.' || line[0] == '\'')) line = "\\&" + line;
  return line + "\n";
}

// Text with its own line structure (a footer): runs of lines indented by the author are kept
// as they are (examples), the other lines are filled into paragraphs.
void RoffBlock(std::ostringstream& out, std::string_view text) {
  std::vector<std::string> lines;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  bool in_paragraph = false;
  for (size_t i = 0; i < lines.size();) {
    const std::string& line = lines[i];
    if (line.find_first_not_of(' ') == std::string::npos) {
      in_paragraph = false;
      ++i;
    } else if (line[0] == ' ') {
      out << ".RS 4\n.nf\n";
      for (; i < lines.size() && !lines[i].empty() && lines[i][0] == ' '; ++i) {
        out << "\\&" << Roff(lines[i].substr(lines[i].find_first_not_of(' '))) << "\n";
      }
      out << ".fi\n.RE\n";
      in_paragraph = false;
    } else {
      if (!in_paragraph) out << ".PP\n";
      out << RoffLine(line);
      in_paragraph = true;
      ++i;
    }
  }
}

std::string RoffNames(const OptionDoc& option) {
  std::string names;
  for (const std::string& name : option.names) {
    names += (names.empty() ? "" : ", ") + std::string("\\fB") + Roff(name) + "\\fR";
  }
  return names;
}

std::string RoffMetavar(const OptionDoc& option) {
  if (option.kind == ValueKind::kChoice) {
    std::string choices;
    for (const std::string& choice : option.choices) {
      choices += (choices.empty() ? "" : "|") + std::string("\\fI") + Roff(choice) + "\\fR";
    }
    return choices;
  }
  return "\\fI" + Roff(option.metavar) + "\\fR";
}

void RoffOption(std::ostringstream& out, const OptionDoc& option) {
  out << ".TP\n";
  if (option.positional.empty()) {
    out << RoffNames(option);
    if (!option.metavar.empty()) out << " " << RoffMetavar(option);
  } else {
    out << "\\fI" << Roff(Upper(option.positional)) << "\\fR";
  }
  out << (option.repeatable ? "\\&..." : "") << "\n";
  std::string text = option.description;
  if (!text.empty() && text.back() != '.') text += '.';
  if (!option.positional.empty() && option.kind == ValueKind::kChoice) {
    std::string choices;
    for (const std::string& choice : option.choices) {
      choices += (choices.empty() ? "" : ", ") + choice;
    }
    text += " One of: " + choices + ".";
  }
  if (option.required) text += " Required.";
  if (!option.default_value.empty()) text += " Default: " + option.default_value + ".";
  out << RoffLine(OneLine(text));
}

// "newsarc crawl --db FILE [OPTIONS]": the required options, the positionals and a hint of the
// others.
void RoffSynopsis(std::ostringstream& out, const CommandDoc& command) {
  out << ".SY \"newsarc " << Roff(command.name) << "\"\n";
  bool optional = false;
  for (const OptionDoc& option : command.options) {
    if (!option.required) {
      optional = optional || !IsHelp(option);
      continue;
    }
    out << "\\fB" << Roff(option.names.back()) << "\\fR";
    if (!option.metavar.empty()) out << " " << RoffMetavar(option);
    out << (option.repeatable ? "\\&...\n" : "\n");
  }
  if (optional) out << "[\\fIOPTIONS\\fR]\n";
  for (const OptionDoc& positional : command.positionals) {
    std::string name = "\\fI" + Roff(Upper(positional.positional)) + "\\fR";
    if (positional.repeatable) name += "\\&...";
    out << (positional.required ? name : "[" + name + "]") << "\n";
  }
  out << ".YS\n";
}

// ---- shells ----

// "a|b|c": the words as the alternatives of a case pattern.
std::string Alternatives(const std::vector<std::string>& words) {
  std::string alternatives;
  for (const std::string& word : words) alternatives += (alternatives.empty() ? "" : "|") + word;
  return alternatives;
}

// Quoted for a POSIX shell, in single quotes when it needs quoting at all.
std::string ShellQuote(const std::string& word) {
  bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == '|';
  });
  if (plain) return word;
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::vector<std::string> AllNames(const std::vector<OptionDoc>& options) {
  std::vector<std::string> names;
  for (const OptionDoc& option : options) {
    names.insert(names.end(), option.names.begin(), option.names.end());
  }
  return names;
}

// The bash statement completing a value of this kind from "$cur".
std::string BashValue(const OptionDoc& option) {
  switch (option.kind) {
    case ValueKind::kChoice:
      return "_newsarc_words \"" + Join(option.choices) + "\"";
    case ValueKind::kFile:
      return "_newsarc_files";
    case ValueKind::kDirectory:
      return "_newsarc_dirs";
    default:
      return "COMPREPLY=()";
  }
}

// Text inside single quotes in a zsh spec, with the brackets _arguments ends a description at
// escaped. (Command names, metavars and choices hold no colons.)
std::string ZshText(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else if (c == '[' || c == ']' || c == '\\') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string ZshAction(const OptionDoc& option) {
  // The message zsh shows above the matches: "file", "directory", else the value's name.
  std::string message = option.positional;
  if (option.kind == ValueKind::kFile) {
    message = "file";
  } else if (option.kind == ValueKind::kDirectory) {
    message = "directory";
  } else if (message.empty()) {
    message = option.names.back().substr(option.names.back().find_first_not_of('-'));
  }
  switch (option.kind) {
    case ValueKind::kChoice:
      return ":" + message + ":(" + Join(option.choices) + ")";
    case ValueKind::kFile:
      return ":" + message + ":_files";
    case ValueKind::kDirectory:
      return ":" + message + ":_files -/";
    default:
      return ":" + message + ": ";
  }
}

// The _arguments specs of a command's options, each in single quotes on its own line.
void ZshOptionSpecs(std::ostringstream& out, const std::vector<OptionDoc>& options,
                    const std::string& indent) {
  for (const OptionDoc& option : options) {
    bool ends_all = IsHelp(option) || option.names == std::vector<std::string>{"--version"};
    std::string exclusions;
    if (ends_all) {
      exclusions = "(- *)";
    } else if (!option.repeatable && option.names.size() > 1) {
      exclusions = "(" + Join(option.names) + ")";
    }
    for (const std::string& name : option.names) {
      std::string spec = exclusions + (option.repeatable ? "*" : "") + name;
      if (option.kind != ValueKind::kNone && name.rfind("--", 0) == 0) spec += "=";
      spec += "[" + ZshText(option.description) + "]";
      if (option.kind != ValueKind::kNone) spec += ZshAction(option);
      out << indent << "'" << spec << "'\n";
    }
  }
}

void ZshPositionalSpecs(std::ostringstream& out, const std::vector<OptionDoc>& positionals,
                        const std::string& indent) {
  int position = 1;
  for (const OptionDoc& positional : positionals) {
    std::string spec = positional.repeatable ? "*" : std::to_string(position++);
    if (!positional.required && !positional.repeatable) spec += ":";
    out << indent << "'" << spec << ZshAction(positional) << "'\n";
  }
}

}  // namespace

const std::vector<CliExample>& CliExamples() {
  static const std::vector<CliExample> examples = {
      {"Crawl a site's news column for at most 30 minutes, then see what the archive holds:",
       "newsarc crawl --db xh.sqlite --seed http://www.example.org/news/list.asp --max-time 30m"},
      {"", "newsarc stats --db xh.sqlite"},
      {"Export every article as JSON lines, and search the archive:",
       "newsarc export --db xh.sqlite --out articles.jsonl"},
      {"", "newsarc search --db xh.sqlite 招商"},
      {"Extract the article from one saved page:",
       "newsarc extract page.html --url http://www.example.org/news/1.html --format text"},
      {"A nightly cron job, quiet unless something fails (exit 3: work left for the next run, "
       "exit 4: the previous run still holds the archive):",
       "newsarc crawl --db /srv/archive/xh.sqlite --config /srv/archive/xh.toml --max-time 50m"},
      {"Export one site's articles of 2021 on, or everything as CSV for Excel:",
       "newsarc export --db xh.sqlite --since 2021-01-01 --site www.example.org --out 2021.jsonl"},
      {"", "newsarc export --db xh.sqlite --format csv --excel --out articles.csv"},
      {"Import the pages of WARC files written by wget or Heritrix:",
       "newsarc import-warc crawl-*.warc.gz --db xh.sqlite"},
      {"Merge the archives of several crawl workers into one (again later: only what is new):",
       "newsarc merge --db all.sqlite worker-*.sqlite"},
      {"Read the archive in a browser (read-only, on this machine only: http://127.0.0.1:8080/):",
       "newsarc serve --db xh.sqlite"},
  };
  return examples;
}

std::string ManPage(const CLI::App& app) {
  CommandDoc top = DescribeCommand(app);
  std::vector<CommandDoc> commands = DescribeSubcommands(app);
  std::ostringstream out;
  out << ".\\\" newsarc(1), generated by `newsarc manpage` from the command-line definitions in\n"
         ".\\\" cli/ (cli/cli_docs.cpp). Do not edit: change the definitions.\n";
  out << ".TH NEWSARC 1 \"\" \"newsarc " << Roff(NEWSARC_VERSION) << "\" \"User Commands\"\n"
      << ".\\\" Options and URLs are neither hyphenated nor spread out.\n.nh\n.ad l\n";

  std::string description = OneLine(top.description);
  std::string_view name_prefix = "newsarc: ";
  std::string summary = Summary(description.rfind(name_prefix, 0) == 0
                                    ? std::string_view(description).substr(name_prefix.size())
                                    : std::string_view(description));
  out << ".SH NAME\nnewsarc \\- " << Roff(summary) << "\n";

  out << ".SH SYNOPSIS\n.SY newsarc\n[\\fIGLOBAL\\ OPTIONS\\fR]\n\\fICOMMAND\\fR\n"
         "[\\fIOPTIONS\\fR]\n.YS\n";
  for (const CommandDoc& command : commands) RoffSynopsis(out, command);

  out << ".SH DESCRIPTION\n" << RoffLine(description);
  if (app.get_fallthrough()) {
    out << ".PP\n"
        << RoffLine(
               "The global options may be given before or after the command. Every command "
               "takes --help.");
  }
  out << ".SH \"GLOBAL OPTIONS\"\n";
  for (const OptionDoc& option : top.options) RoffOption(out, option);

  out << ".SH COMMANDS\n";
  for (const CommandDoc& command : commands) {
    out << ".SS " << Roff(command.name) << "\n";
    std::string about = command.description;
    if (!about.empty() &&
        (std::isalnum(static_cast<unsigned char>(about.back())) || about.back() == ')')) {
      about += '.';  // "Crawl seed URLs politely into an archive" is a sentence here
    }
    RoffBlock(out, about);
    for (const OptionDoc& positional : command.positionals) RoffOption(out, positional);
    for (const OptionDoc& option : command.options) {
      if (!IsHelp(option)) RoffOption(out, option);
    }
    RoffBlock(out, command.footer);
  }

  out << ".SH \"EXIT STATUS\"\n";
  for (const ExitCodeDoc& exit : kExitCodeDocs) {
    out << ".TP\n.B " << exit.code << "\n"
        << RoffLine(std::string(exit.meaning) + " (" + exit.detail + ").");
  }

  out << ".SH EXAMPLES\n";
  for (const CliExample& example : CliExamples()) {
    if (!example.what.empty()) out << ".PP\n" << RoffLine(example.what);
    out << ".RS 4\n.nf\n\\&" << Roff(example.command) << "\n.fi\n.RE\n";
  }
  out << ".SH \"SEE ALSO\"\n.BR sqlite3 (1),\n.BR jq (1),\n.BR wget (1)\n";
  return out.str();
}

std::string BashCompletion(const CLI::App& app) {
  CommandDoc top = DescribeCommand(app);
  std::vector<CommandDoc> commands = DescribeSubcommands(app);
  std::vector<std::string> command_names;
  for (const CommandDoc& command : commands) command_names.push_back(command.name);
  std::vector<std::string> global_with_value;
  for (const OptionDoc& option : top.options) {
    if (option.kind != ValueKind::kNone) {
      global_with_value.insert(global_with_value.end(), option.names.begin(), option.names.end());
    }
  }

  std::ostringstream out;
  out << "# bash completion for newsarc                              -*- shell-script -*-\n"
         "# Generated by `newsarc completion bash` from its command-line definitions; do not "
         "edit.\n"
         "# Use: source <(newsarc completion bash), or save it as\n"
         "# ~/.local/share/bash-completion/completions/newsarc.\n\n"
         "_newsarc_words() {\n"
         "  mapfile -t COMPREPLY < <(compgen -W \"$1\" -- \"$cur\")\n"
         "}\n\n"
         "_newsarc_files() {\n"
         "  compopt -o filenames 2>/dev/null\n"
         "  mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n"
         "}\n\n"
         "_newsarc_dirs() {\n"
         "  compopt -o filenames 2>/dev/null\n"
         "  mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")\n"
         "}\n\n";

  // 1. The value of an option: per command, then the global options.
  out << "# Completes the value of option $2 of command $1 (\"\" before the command); fails when\n"
         "# $2 takes no value.\n"
         "_newsarc_value() {\n"
         "  case \"$1 $2\" in\n";
  for (const CommandDoc& command : commands) {
    for (const OptionDoc& option : command.options) {
      if (option.kind == ValueKind::kNone) continue;
      std::vector<std::string> patterns;
      for (const std::string& name : option.names) {
        patterns.push_back(ShellQuote(command.name + " " + name));
      }
      out << "    " << Alternatives(patterns) << ") " << BashValue(option) << " ;;\n";
    }
  }
  out << "    *)\n"
         "      case \"$2\" in\n";
  for (const OptionDoc& option : top.options) {
    if (option.kind == ValueKind::kNone) continue;
    out << "        " << Alternatives(option.names) << ") " << BashValue(option) << " ;;\n";
  }
  out << "        *) return 1 ;;\n"
         "      esac\n"
         "      ;;\n"
         "  esac\n"
         "}\n\n";

  // 2. The command is the first known command word, global options' values skipped.
  out << "_newsarc() {\n"
         "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"\"\n"
         "  ((COMP_CWORD > 0)) && prev=\"${COMP_WORDS[COMP_CWORD - 1]}\"\n"
         "  # bash splits --option=value at the '='.\n"
         "  if [[ $cur == \"=\" ]]; then\n"
         "    cur=\"\"\n"
         "  elif [[ $prev == \"=\" ]] && ((COMP_CWORD > 1)); then\n"
         "    prev=\"${COMP_WORDS[COMP_CWORD - 2]}\"\n"
         "  fi\n\n"
         "  local cmd=\"\" i\n"
         "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "    case \"${COMP_WORDS[i]}\" in\n";
  if (!global_with_value.empty()) {
    out << "      " << Alternatives(global_with_value)
        << ")\n"
           "        if [[ ${COMP_WORDS[i + 1]} == \"=\" ]]; then ((i += 2)); else ((i++)); fi ;;\n";
  }
  out << "      " << Alternatives(command_names)
      << ")\n"
         "        cmd=\"${COMP_WORDS[i]}\"\n"
         "        break\n"
         "        ;;\n"
         "    esac\n"
         "  done\n\n";

  // 3. Then an option's value, an option, a command or a positional.
  out << "  if [[ $prev == -* ]] && _newsarc_value \"$cmd\" \"$prev\"; then\n"
         "    return 0\n"
         "  fi\n"
         "  if [[ $cur == -* ]]; then\n"
         "    local options=\""
      << Join(AllNames(top.options))
      << "\"\n"
         "    case \"$cmd\" in\n";
  for (const CommandDoc& command : commands) {
    std::vector<std::string> names;
    for (const OptionDoc& option : command.options) {
      if (!IsHelp(option)) names.insert(names.end(), option.names.begin(), option.names.end());
    }
    names.push_back("$options");
    out << "      " << command.name << ") options=\"" << Join(names) << "\" ;;\n";
  }
  out << "    esac\n"
         "    _newsarc_words \"$options\"\n"
         "    return 0\n"
         "  fi\n"
         "  case \"$cmd\" in\n"
         "    \"\") _newsarc_words \""
      << Join(command_names) << "\" ;;\n";
  for (const CommandDoc& command : commands) {
    if (command.positionals.empty()) continue;
    // The first positional's completion; a later one (a query, a URL) has none.
    out << "    " << command.name << ") " << BashValue(command.positionals.front()) << " ;;\n";
  }
  out << "    *) COMPREPLY=() ;;\n"
         "  esac\n"
         "}\n\n"
         "complete -F _newsarc newsarc\n";
  return out.str();
}

std::string ZshCompletion(const CLI::App& app) {
  CommandDoc top = DescribeCommand(app);
  std::vector<CommandDoc> commands = DescribeSubcommands(app);
  std::ostringstream out;
  out << "#compdef newsarc\n"
         "# zsh completion for newsarc.\n"
         "# Generated by `newsarc completion zsh` from its command-line definitions; do not "
         "edit.\n"
         "# Use: save it as _newsarc in a directory of $fpath, then run compinit.\n\n"
         "_newsarc() {\n"
         "  local curcontext=\"$curcontext\" state state_descr line ret=1\n"
         "  typeset -A opt_args\n"
         "  local -a global_opts\n"
         "  global_opts=(\n";
  ZshOptionSpecs(out, top.options, "    ");
  out << "  )\n\n"
         "  _arguments -C -s : $global_opts \\\n"
         "    '1: :->command' \\\n"
         "    '*:: :->args' && ret=0\n\n"
         "  case $state in\n"
         "    (command)\n"
         "      local -a commands\n"
         "      commands=(\n";
  for (const CommandDoc& command : commands) {
    out << "        '" << ZshText(command.name) << ":" << ZshText(Summary(command.description))
        << "'\n";
  }
  out << "      )\n"
         "      _describe -t commands 'newsarc command' commands && ret=0\n"
         "      ;;\n"
         "    (args)\n"
         "      curcontext=\"${curcontext%:*:*}:newsarc-$words[1]:\"\n"
         "      case $words[1] in\n";
  for (const CommandDoc& command : commands) {
    out << "        (" << command.name << ")\n"
        << "          _arguments -s : $global_opts \\\n";
    std::vector<OptionDoc> options;
    for (const OptionDoc& option : command.options) {
      if (!IsHelp(option)) options.push_back(option);
    }
    std::ostringstream specs;
    ZshOptionSpecs(specs, options, "            ");
    ZshPositionalSpecs(specs, command.positionals, "            ");
    std::string lines = specs.str();
    for (size_t at = lines.find('\n'); at != std::string::npos; at = lines.find('\n', at + 3)) {
      lines.replace(at, 1, " \\\n");
    }
    out << lines << "            && ret=0\n"
        << "          ;;\n";
  }
  out << "      esac\n"
         "      ;;\n"
         "  esac\n"
         "  return ret\n"
         "}\n\n"
         "_newsarc \"$@\"\n";
  return out.str();
}

}  // namespace cli
