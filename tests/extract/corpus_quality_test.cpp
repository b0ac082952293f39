// Regression guard for extraction quality: runs ExtractArticle over every page of each labelled
// corpus set in ../shared/corpus and scores the output with ../shared/tools/score_extract.py
// (the project's scorer: body bag-of-tokens F1, exact title, dates, source, author, prev/next).
// Fails when a set drops below the floors in tests/data/extract/quality_floors.json; skipped
// when the corpus is absent.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "extract/article_json.h"
#include "extract/extractor.h"
#include "tests/support/test_paths.h"

namespace extract {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Writes one output line per manifest page: the article JSON with its "id".
void ExtractSet(const fs::path& set_dir, const fs::path& out_path) {
  std::ifstream manifest(set_dir / "manifest.jsonl");
  std::ofstream out(out_path);
  std::string line;
  while (std::getline(manifest, line)) {
    if (line.empty()) continue;
    json entry = json::parse(line);
    std::string bytes = testing_support::ReadFileOrFail((set_dir / entry["file"]).string());
    std::string url = entry["url"].is_string() ? entry["url"].get<std::string>() : "";
    auto article = ExtractArticle({bytes, url, std::nullopt});
    json o = {{"id", entry["id"]}};
    if (article) {
      // The article object, as `newsarc extract --batch` writes it: every scored field.
      o = json::parse(ArticleToJson(*article, {"2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", 1}));
      o["id"] = entry["id"];
    }
    out << o.dump() << '\n';
  }
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(CorpusQuality, ScoresStayAboveTheRecordedFloors) {
  fs::path corpus = fs::path(testing_support::SharedDir()) / "corpus";
  fs::path scorer = fs::path(testing_support::SharedDir()) / "tools" / "score_extract.py";
  if (!fs::exists(corpus) || !fs::exists(scorer)) GTEST_SKIP() << "no ../shared/corpus";
  if (std::system("python3 -c pass >/dev/null 2>&1") != 0) GTEST_SKIP() << "no python3";
  json floors = json::parse(
      ReadAll(fs::path(testing_support::TestDataDir()) / "extract" / "quality_floors.json"));
  fs::path tmp = fs::temp_directory_path() /
                 ("newsarc_corpus_quality_" +
                  std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                  std::to_string(std::rand()));
  fs::create_directories(tmp);
  for (const auto& [set, floor] : floors.items()) {
    fs::path set_dir = corpus / set;
    if (!fs::exists(set_dir / "manifest.jsonl")) {
      ADD_FAILURE() << "corpus set missing: " << set;
      continue;
    }
    fs::path out = tmp / (set + ".jsonl");
    fs::path scores = tmp / (set + ".score.json");
    ExtractSet(set_dir, out);
    std::string command = "python3 '" + scorer.string() + "' '" +
                          (set_dir / "manifest.jsonl").string() + "' '" + out.string() +
                          "' --json > '" + scores.string() + "'";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    json result = json::parse(ReadAll(scores))[set];
    for (const auto& [metric, minimum] : floor.items()) {
      ASSERT_TRUE(result.contains(metric) && result[metric].is_number()) << set << " " << metric;
      double value = result[metric].get<double>();
      EXPECT_GE(value, minimum.get<double>()) << set << " " << metric << " fell to " << value;
      std::printf("%s %s = %.4f (floor %.4f)\n", set.c_str(), metric.c_str(), value,
                  minimum.get<double>());
    }
  }
  fs::remove_all(tmp);
}

}  // namespace
}  // namespace extract
