// The newsarc binary as users and cron lines call it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
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

// Batch extraction lends each page its site's other <title>s (manifest "site", else the URL's
// host): a <title> every page of the site carries is the site's name, not a headline. With
// --independent each page stands alone, as `extract PAGE` does.
TEST(NewsarcCli, BatchComparesEachTitleWithItsSitesOtherPages) {
  std::string dir = testing_support::MakeTempDir();
  std::string manifest;
  for (int i = 1; i <= 4; ++i) {
    std::string headline = "商会召开第" + std::to_string(i) + "次会长办公会议";
    std::string html =
        "<html><head><meta charset=utf-8><title>中国XX商会</title></head><body><table>"
        "<tr><td><a href=/>首页</a></td></tr><tr><td><b>" +
        headline +
        "</b></td></tr><tr><td>日期：2021-03-05</td></tr><tr><td><p>会议听取了秘书处关于上季度"
        "工作的汇报，研究部署了下一阶段的重点工作，审议了新会员入会申请。</p><p>会长在讲话中"
        "要求各部门加强协作，做好会员服务。</p></td></tr><tr><td>版权所有：中国XX商会</td></tr>"
        "</table></body></html>";
    std::string file = dir + "/p" + std::to_string(i) + ".html";
    std::ofstream(file, std::ios::binary) << html;
    manifest += "{\"id\":\"p" + std::to_string(i) + "\",\"file\":\"" + file +
                "\",\"url\":\"http://www.xxsh.org.cn/news/" + std::to_string(i) + ".html\"}\n";
  }
  std::string manifest_path = dir + "/manifest.jsonl";
  std::ofstream(manifest_path, std::ios::binary) << manifest;
  auto titles = [&](bool independent) {
    std::vector<std::string> args = {"extract", "--batch", manifest_path, "--out",
                                     dir + "/out.jsonl"};
    if (independent) args.push_back("--independent");
    auto r = RunNewsarc(args);
    EXPECT_EQ(r.exit_code, 0) << r.err << testing_support::ReadFileOrFail(dir + "/out.jsonl");
    std::vector<std::string> out;
    std::istringstream lines(testing_support::ReadFileOrFail(dir + "/out.jsonl"));
    for (std::string line; std::getline(lines, line);) {
      out.push_back(nlohmann::json::parse(line)["title"].get<std::string>());
    }
    return out;
  };
  EXPECT_EQ(titles(false),
            (std::vector<std::string>{"商会召开第1次会长办公会议", "商会召开第2次会长办公会议",
                                      "商会召开第3次会长办公会议", "商会召开第4次会长办公会议"}));
  EXPECT_EQ(titles(true), std::vector<std::string>(4, "中国XX商会"));
}

// Cron runs with -q: import-warc and reextract print nothing when all went well (issue #14),
// and their summaries without -q.
TEST(NewsarcCli, QuietImportAndReextractPrintNothingWhenAllIsWell) {
  std::string dir = testing_support::MakeTempDir();
  std::string warc = dir + "/info.warc";
  std::ofstream(warc, std::ios::binary)
      << "WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
         "WARC-Date: 2021-01-01T00:00:00Z\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
  std::string db = dir + "/archive.sqlite";
  auto import = RunNewsarc({"-q", "import-warc", "--db", db, warc});
  EXPECT_EQ(import.exit_code, 0) << import.err;
  EXPECT_EQ(import.out, "");
  EXPECT_EQ(import.err, "");
  auto reextract = RunNewsarc({"-q", "reextract", "--db", db});
  EXPECT_EQ(reextract.exit_code, 0) << reextract.err;
  EXPECT_EQ(reextract.out, "");
  EXPECT_EQ(reextract.err, "");
  auto loud = RunNewsarc({"reextract", "--db", db});
  EXPECT_NE(loud.out.find("examined 0"), std::string::npos) << loud.out;
  auto again = RunNewsarc({"import-warc", "--db", db, warc});
  EXPECT_NE(again.out.find("import-warc finished"), std::string::npos) << again.out;
}

}  // namespace
