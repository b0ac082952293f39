// The newsarc binary as users and cron lines call it.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace {

using testing_support::RunNewsarc;
using testing_support::RunProcess;

TEST(NewsarcCli, HelpListsSubcommandsAndExitCodes) {
  auto r = RunNewsarc({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* s : {"crawl", "extract", "export", "stats", "--quiet", "--verbose",
                        "--log-format", "Exit codes", "4  the archive is locked"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  }
}

TEST(NewsarcCli, EverySubcommandHasHelp) {
  for (const char* sub : {"crawl", "extract", "export", "stats"}) {
    auto r = RunNewsarc({sub, "--help"});
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << sub;
  }
}

TEST(NewsarcCli, VersionPrintsProjectVersion) {
  auto r = RunNewsarc({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("newsarc ", 0), 0u) << r.out;
}

TEST(NewsarcCli, UnknownCommandExitsTwoNamingIt) {
  auto r = RunNewsarc({"nonsense"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown command 'nonsense'"), std::string::npos) << r.err;
}

TEST(NewsarcCli, BadOptionsAreUsageErrors) {
  EXPECT_EQ(RunNewsarc({}).exit_code, 2);
  EXPECT_EQ(RunNewsarc({"extract", "--bogus"}).exit_code, 2);
  EXPECT_EQ(RunNewsarc({"--log-format", "xml", "extract", "-"}).exit_code, 2);
  EXPECT_EQ(RunNewsarc({"export"}).exit_code, 2);  // --db is required
}

// Issue #14: a number out of range is named with what is allowed, not CLI11's 310-digit range,
// and nothing is written.
TEST(NewsarcCli, NumbersOutOfRangeSayWhatIsAllowed) {
  std::string db = testing_support::MakeTempDir() + "/a.sqlite";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"crawl", "--db", db, "--seed", "http://a.test/", "--max-pages",
                                 "0"},
        std::vector<std::string>{"crawl", "--db", db, "--seed", "http://a.test/", "--delay", "-1"},
        std::vector<std::string>{"crawl", "--db", db, "--seed", "http://a.test/", "--max-pages",
                                 "ten"},
        std::vector<std::string>{"search", "--db", db, "商会", "--limit", "0"}}) {
    auto r = RunNewsarc(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("at least"), std::string::npos) << r.err;
    EXPECT_LT(r.err.size(), 300u) << r.err;
    EXPECT_FALSE(std::filesystem::exists(db));
  }
}

// Issue #14: extract refuses what cannot be a page, naming the file and what it is.
TEST(NewsarcCli, ExtractRefusesFilesThatAreNoPages) {
  std::string png = testing_support::WriteTempFile(
      "logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20));
  auto r = RunNewsarc({"extract", png});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("logo.png: not an HTML or text page: a PNG image"), std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  auto empty = RunNewsarc({"extract", "-"}, std::string());
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("standard input: not an HTML or text page: empty"), std::string::npos)
      << empty.err;
}

TEST(NewsarcCli, ExtractOfMissingFileNamesItAndExitsTwo) {
  auto r = RunNewsarc({"extract", "/nonexistent/page.html"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/page.html"), std::string::npos) << r.err;
}

TEST(NewsarcCli, ExtractReadsStdinAndPrintsSchemaValidJson) {
  std::string html = testing_support::ReadFileOrFail(testing_support::TestDataDir() +
                                                     "/extract/yushang-article.html");
  auto r =
      RunNewsarc({"extract", "-", "--url", "http://www.gzysw.com/news/ShowNews.asp?id=1052"}, html);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["site"], "www.gzysw.com");
  std::string path = testing_support::WriteTempFile("article.json", r.out);
  auto v =
      RunProcess({"/usr/bin/python3", testing_support::SourceDir() + "/tools/validate_articles.py",
                  testing_support::SharedDir() + "/spec/article.schema.json", path});
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
}

TEST(NewsarcCli, ExtractTextFormatIsReadable) {
  std::string path = testing_support::TestDataDir() + "/extract/yushang-article.html";
  auto r = RunNewsarc({"extract", path, "--format", "text"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Encoding: "), std::string::npos);
}

TEST(NewsarcCli, BatchWritesOneLinePerManifestEntryWithId) {
  std::string dir = testing_support::MakeTempDir();
  std::string page = testing_support::TestDataDir() + "/extract/yushang-article.html";
  std::string manifest = testing_support::WriteTempFile(
      "manifest.jsonl", "{\"id\":\"seed\",\"file\":\"" + page +
                            "\",\"url\":\"http://www.gzysw.com/a\"}\n{\"id\":\"missing\",\"file\":"
                            "\"/nonexistent.html\",\"url\":null}\n");
  std::string out = dir + "/out.jsonl";
  auto r = RunNewsarc({"extract", "--batch", manifest, "--out", out, "--jobs", "2"});
  EXPECT_EQ(r.exit_code, 3) << r.err;  // one page failed
  std::string text = testing_support::ReadFileOrFail(out);
  std::istringstream lines(text);
  std::string l1, l2;
  std::getline(lines, l1);
  std::getline(lines, l2);
  EXPECT_EQ(nlohmann::json::parse(l1)["id"], "seed");
  EXPECT_EQ(nlohmann::json::parse(l2)["id"], "missing");
  EXPECT_TRUE(nlohmann::json::parse(l2).contains("error"));
}

}  // namespace
