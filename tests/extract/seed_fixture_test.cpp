// The seed page (tests/data/extract/yushang-article.html, rebuilt from
// ../shared/seed/yushang-article.txt) must extract exactly to its expected article.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "extract/article_json.h"
#include "extract/extractor.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace extract {
namespace {

using testing_support::ReadFileOrFail;
using testing_support::TestDataDir;

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

nlohmann::json ExtractSeed() {
  std::string html = ReadFileOrFail(TestDataDir() + "/extract/yushang-article.html");
  std::string url = Trim(ReadFileOrFail(TestDataDir() + "/extract/yushang-article.url"));
  // Served as old ASP sites do: no charset in the HTTP header.
  ExtractInput input{html, url, std::string("text/html")};
  auto article = ExtractArticle(input);
  EXPECT_TRUE(article.has_value());
  if (!article) return nullptr;
  return nlohmann::json::parse(
      ArticleToJson(*article, {"2026-11-26T00:00:00Z", "2026-11-26T00:00:00Z", 1}));
}

TEST(SeedFixture, FixtureIsGb2312BytesDeclaredOnlyInMeta) {
  std::string html = ReadFileOrFail(TestDataDir() + "/extract/yushang-article.html");
  EXPECT_NE(html.find("charset=gb2312"), std::string::npos);
  // 精 in GB2312 is 0xBE 0xAB; the page must not be UTF-8.
  EXPECT_NE(html.find("\xbe\xab"), std::string::npos);
  EXPECT_EQ(html.find("\xe7\xb2\xbe"), std::string::npos);
}

TEST(SeedFixture, ExtractsEveryFieldOfTheExpectedArticle) {
  nlohmann::json expected = nlohmann::json::parse(
      ReadFileOrFail(TestDataDir() + "/extract/yushang-article.expected.json"));
  nlohmann::json got = ExtractSeed();
  ASSERT_FALSE(got.is_null());
  for (const char* field :
       {"url", "site", "section", "title", "published_date", "published_at", "updated_at", "source",
        "author", "views", "body", "images", "prev", "next", "lang", "content_sha256"}) {
    EXPECT_EQ(got[field], expected[field]) << "field " << field;
  }
  EXPECT_EQ(got["encoding"]["declared"], expected["encoding"]["declared"]);
  EXPECT_EQ(got["encoding"]["used"], expected["encoding"]["used"]);
}

TEST(SeedFixture, BodyHasFiveParagraphsAndNoBoilerplate) {
  nlohmann::json got = ExtractSeed();
  ASSERT_FALSE(got.is_null());
  std::string body = got["body"];
  EXPECT_EQ(std::count(body.begin(), body.end(), '\n'), 4);
  for (const char* banned :
       {"上一条", "下一条", "来源", "浏览量", "Copyright", "ICP", "\u3000", "\u00a0"}) {
    EXPECT_EQ(body.find(banned), std::string::npos) << banned;
  }
}

}  // namespace
}  // namespace extract
