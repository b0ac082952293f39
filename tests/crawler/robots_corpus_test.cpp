// The robots.txt parser over the 4,230 real files of ../shared/robots-corpus: every file
// parses, and IsAllowed agrees with Debian's python3-protego on sample paths except where a
// known, RFC 9309-justified difference explains it (tests/data/crawler/robots/
// protego_disagreements.md lists them). tools/robots_protego.py runs Protego over the whole
// corpus in one process and re-asks each disagreement with Protego quirks corrected, one at a
// time: a disagreement belongs to a category when correcting that quirk alone makes Protego
// give our answer (or, failing that, to a minimal set of quirks, "a+b"). Any disagreement no
// known correction explains fails the test, so a new bug on either side shows up.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "crawler/robots.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace crawler {
namespace {

namespace fs = std::filesystem;
using testing_support::ReadFileOrFail;
using testing_support::RunProcess;
using testing_support::SharedDir;
using testing_support::SourceDir;

constexpr const char* kProductToken = "newsarc";
constexpr const char* kPython = "/usr/bin/python3";  // Debian's, which has python3-protego
// Rules of a file's applying group that sample paths are derived from (spread over the group).
constexpr size_t kMaxRulesSampledPerFile = 12;
constexpr std::chrono::seconds kProtegoTimeout{300};
constexpr const char* kWildcardFill = "abc";  // what a probe puts where a pattern has '*'
constexpr const char* kDisagreementsDoc = "/tests/data/crawler/robots/protego_disagreements.md";

std::string CorpusDir() { return SharedDir() + "/robots-corpus"; }

std::vector<fs::path> CorpusFiles() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(CorpusDir(), ec)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name == "README.md" || name.starts_with("LICENSE")) continue;
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Paths that probe a rule: the literal part of its pattern, a longer and a shorter one, the
// wildcards filled in, a query added, and a needlessly percent-encoded letter.
void AddProbesForPattern(const std::string& pattern, std::set<std::string>& paths) {
  std::string literal;
  std::string filled;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '$' && i + 1 == pattern.size()) break;
    if (c == '*') {
      filled += kWildcardFill;
      continue;
    }
    literal += c;
    filled += c;
  }
  if (literal.empty() || literal.front() != '/') literal.insert(0, "/");
  if (filled.empty() || filled.front() != '/') filled.insert(0, "/");
  paths.insert(literal);
  paths.insert(literal + "x");
  paths.insert(literal + "?id=1");
  paths.insert(filled);
  // One character shorter (a whole %-escape, not half of one).
  const size_t cut = literal.size() >= 3 && literal[literal.size() - 3] == '%' ? 3 : 1;
  if (literal.size() > cut) paths.insert(literal.substr(0, literal.size() - cut));
  for (size_t i = 1; i < literal.size(); ++i) {
    const char c = literal[i];
    if (c == '%') {
      i += 2;  // an escape stays as it is
      continue;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      char escape[sizeof("%xx")];
      std::snprintf(escape, sizeof(escape), "%%%02x", static_cast<unsigned char>(c));
      paths.insert(literal.substr(0, i) + escape + literal.substr(i + 1));
      break;
    }
  }
}

std::vector<std::string> SamplePaths(const RobotsRules& rules) {
  std::set<std::string> paths = {"/", "/index.html", "/robots.txt", "/news/2024/0101/c1.html?id=7",
                                 "/%E6%96%B0%E9%97%BB/"};
  const size_t n = rules.rules.size();
  const size_t step = n <= kMaxRulesSampledPerFile ? 1 : n / kMaxRulesSampledPerFile;
  for (size_t i = 0; i < n; i += step) AddProbesForPattern(rules.rules[i].pattern, paths);
  return {paths.begin(), paths.end()};
}

struct Probe {
  std::string file;
  std::vector<std::string> paths;
  std::vector<bool> ours;
};

// Runs tools/robots_protego.py once over all probes; returns its JSON answers.
nlohmann::json AskProtego(const std::vector<Probe>& probes) {
  nlohmann::json queries = nlohmann::json::array();
  for (const Probe& p : probes) {
    queries.push_back({{"file", p.file}, {"paths", p.paths}, {"ours", p.ours}});
  }
  auto result = RunProcess({kPython, SourceDir() + "/tools/robots_protego.py", kProductToken},
                           queries.dump(), kProtegoTimeout);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  if (result.exit_code != 0) return nlohmann::json::array();
  return nlohmann::json::parse(result.out);
}

// Categories of disagreement with Protego 0.2.1, each a correction tools/robots_protego.py
// can apply to Protego (the RFC 9309 reason is given there and in protego_disagreements.md).
constexpr const char* kKnownCategories[] = {
    "size_limit",
    "utf8_bom",
    "octets",
    "unicode_space",
    "missing_colon",
    "empty_agent_line",
    "agent_product_token",
    "robots_txt_allowed",
    "leading_star",
    "path_not_url",
    "query_escapes",
    "anchor_at_end",
    "reserved_kept",
    "rfc_length",
    "no_extra_rules",
    "agent_run_other_lines",
};

bool IsKnownCategory(const std::string& name) {
  return std::any_of(std::begin(kKnownCategories), std::end(kKnownCategories),
                     [&](const char* known) { return name == known; });
}

// "a+b+c" → {"a", "b", "c"}.
std::vector<std::string> CorrectionsOf(const std::string& category) {
  std::vector<std::string> names;
  for (size_t start = 0; start <= category.size();) {
    size_t plus = category.find('+', start);
    if (plus == std::string::npos) plus = category.size();
    names.push_back(category.substr(start, plus - start));
    start = plus + 1;
  }
  return names;
}

// The first explanation whose corrections are all known; "" when none is.
std::string CategoryOf(const nlohmann::json& explained_by) {
  for (const auto& e : explained_by) {
    const std::string category = e.get<std::string>();
    const auto names = CorrectionsOf(category);
    if (std::all_of(names.begin(), names.end(), IsKnownCategory)) return category;
  }
  return "";
}

struct Tally {
  size_t count = 0;
  std::string example;
};

TEST(RobotsCorpus, EveryFileParses) {
  const auto files = CorpusFiles();
  if (files.empty()) GTEST_SKIP() << "no corpus at " << CorpusDir();
  size_t with_rules = 0;
  for (const fs::path& file : files) {
    const std::string body = ReadFileOrFail(file.string());
    RobotsRules rules = ParseRobots(body, kProductToken);
    if (!rules.rules.empty()) ++with_rules;
    for (const RobotsRule& r : rules.rules) ASSERT_FALSE(r.pattern.empty()) << file;
    if (rules.crawl_delay_seconds) {
      ASSERT_GE(*rules.crawl_delay_seconds, 0.0) << file;
    }
  }
  EXPECT_GT(with_rules, files.size() / 2);
}

// RFC 9309 throughout: each known category names the section Protego departs from.
TEST(RobotsCorpus, DisagreementsWithProtegoAreAllExplained) {
  const auto files = CorpusFiles();
  if (files.empty()) GTEST_SKIP() << "no corpus at " << CorpusDir();
  if (!fs::exists(kPython)) GTEST_SKIP() << "no " << kPython;

  std::vector<Probe> probes;
  for (const fs::path& file : files) {
    const RobotsRules rules = ParseRobots(ReadFileOrFail(file.string()), kProductToken);
    Probe p{file.string(), SamplePaths(rules), {}};
    for (const auto& path : p.paths) p.ours.push_back(IsAllowed(rules, path));
    probes.push_back(std::move(p));
  }
  const nlohmann::json answers = AskProtego(probes);
  ASSERT_EQ(answers.size(), probes.size());

  std::map<std::string, Tally> tallies;  // by category
  size_t answered = 0;
  size_t unexplained = 0;
  for (size_t i = 0; i < probes.size(); ++i) {
    const Probe& p = probes[i];
    const std::string host = fs::path(p.file).filename().string();
    ASSERT_TRUE(answers[i].contains("allowed")) << host << ": " << answers[i].dump();
    const auto& theirs = answers[i]["allowed"];
    const auto& explained_by = answers[i]["explained_by"];
    for (size_t k = 0; k < p.paths.size(); ++k) {
      ++answered;
      if (theirs[k].get<bool>() == p.ours[k]) continue;
      const std::string example = host + " " + p.paths[k] + ": we " +
                                  (p.ours[k] ? "allow" : "disallow") + ", Protego does not";
      const std::string category = CategoryOf(explained_by[k]);
      if (category.empty()) {
        ++unexplained;
        ADD_FAILURE() << "unexplained disagreement: " << example
                      << " (corrections that would explain it: " << explained_by[k].dump() << ")";
        continue;
      }
      Tally& t = tallies[category];
      if (t.count++ == 0 || example.size() < t.example.size()) t.example = example;
    }
  }
  std::cout << answered << " answers compared with Protego; disagreements by category "
            << "(see tests/data/crawler/robots/protego_disagreements.md):\n";
  for (const auto& [category, t] : tallies) {
    std::cout << "  " << category << ": " << t.count << ", e.g. " << t.example << "\n";
  }
  EXPECT_EQ(unexplained, 0u);

  // The document explains every category seen.
  const std::string doc = ReadFileOrFail(SourceDir() + kDisagreementsDoc);
  for (const auto& [category, t] : tallies) {
    for (const std::string& name : CorrectionsOf(category)) {
      EXPECT_NE(doc.find("`" + name + "`"), std::string::npos)
          << name << " is not in " << kDisagreementsDoc;
    }
  }
}

}  // namespace
}  // namespace crawler
