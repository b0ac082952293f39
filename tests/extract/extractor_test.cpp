#include "extract/extractor.h"

#include <gtest/gtest.h>

#include "tests/support/test_util.h"

namespace extract {
namespace {

constexpr const char* kOddPage =
    "<html><head><title>Odd site</title></head><body>"
    "<div class=x1>Headline from the profile</div>"
    "<div class=x2>First paragraph of the text.<br>Second paragraph.</div>"
    "<span class=x3>2021-03-05 08:30</span></body></html>";

TEST(ExtractArticle, SiteProfileSelectorsOverrideTheGenericChoice) {
  config::SiteProfile profile;
  profile.title_selector = "div.x1";
  profile.body_selector = ".x2";
  profile.date_selector = "span.x3";
  profile.utc_offset_minutes = 60;
  ExtractOptions options;
  options.profile = &profile;
  auto a = ExtractArticle({kOddPage, "http://odd.example/a", std::nullopt}, options);
  ASSERT_OK(a);
  EXPECT_EQ(a->title.value_or(""), "Headline from the profile");
  EXPECT_EQ(a->body, "First paragraph of the text.\nSecond paragraph.");
  EXPECT_EQ(a->published_date.value_or(""), "2021-03-05");
  EXPECT_EQ(a->published_at.value_or(""), "2021-03-05T08:30:00+01:00");
}

TEST(ExtractArticle, ProfileSelectorsThatMatchNothingFallBackToGeneric) {
  config::SiteProfile profile;
  profile.body_selector = "#absent";
  ExtractOptions options;
  options.profile = &profile;
  auto a = ExtractArticle({kOddPage, "http://odd.example/a", std::nullopt}, options);
  ASSERT_OK(a);
  EXPECT_NE(a->body.find("First paragraph"), std::string::npos);
}

TEST(ValidateProfile, NamesTheBadSelector) {
  config::SiteProfile profile;
  profile.title_selector = "h1:first-child";
  auto v = ValidateProfile(profile);
  ASSERT_FALSE(v.has_value());
  EXPECT_NE(v.error().message.find("h1:first-child"), std::string::npos);
}

TEST(ExtractArticle, SetsUrlSiteAndContentHash) {
  auto a = ExtractArticle({"<p>x</p>", "http://WWW.A.org:8080/n/1.html", std::nullopt});
  ASSERT_OK(a);
  EXPECT_EQ(a->site, "www.a.org:8080");
  EXPECT_EQ(a->content_sha256.size(), 64u);
}

}  // namespace
}  // namespace extract

namespace extract {
namespace {

TEST(ExtractArticle, CollectsOtherLinksResolvedAndDeduplicated) {
  const char* html =
      "<html><head><base href='http://b.example/dir/'></head><body>"
      "<a href='../index.html'>Home</a><a href='x.html#top'>X</a><a href='x.html'>X again</a>"
      "<a href='javascript:void(0)'>JS</a><a href='mailto:a@b'>Mail</a><a>no href</a>"
      "</body></html>";
  auto a = ExtractArticle({html, "http://a.example/page.html", std::nullopt});
  ASSERT_OK(a);
  std::vector<std::string> urls;
  for (const auto& l : a->other_links) urls.push_back(l.url);
  EXPECT_EQ(urls, (std::vector<std::string>{"http://b.example/index.html",
                                            "http://b.example/dir/x.html"}));
}

// Hostile input of every kind gives a result or a clear error, never a crash (ASan/UBSan in CI).
TEST(ExtractArticle, HostileInputGivesAResultOrAClearError) {
  std::string png = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(4000, '\xff');
  std::string gbk_cut =
      "<html><head><meta charset=\"gbk\"><title>\xc9\xcc\xbb\xe1</title></head>"
      "<body><p>\xc9\xcc\xbb\xe1\xc4\xea\xbb\xe1\xd5\xd9\xbf\xaa\xc1\xcb\xa1\xa3\xc9";
  std::string utf8_cut = "<html><body><p>商会年会召开了" + std::string("\xe5\x95", 2);
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "<div>";
  nested += "<p>深处的文字</p>";
  std::string nul = std::string("<html><body><p>a\0b\0c</p></body></html>", 36);
  struct Case {
    const char* name;
    std::string bytes;
  };
  const Case cases[] = {{"empty", ""},
                        {"png", png},
                        {"gbk cut mid-character", gbk_cut},
                        {"utf-8 cut", utf8_cut},
                        {"100k nested divs", nested},
                        {"NUL bytes", nul},
                        {"only tags", "<html><head></head><body></body></html>"}};
  for (const Case& c : cases) {
    auto article = ExtractArticle({c.bytes, "http://a.cn/1.html", std::nullopt});
    if (!article) {
      EXPECT_FALSE(article.error().message.empty()) << c.name;
      continue;
    }
    // A character cut at the end of the input costs at most one replacement character.
    size_t replacements = 0;
    for (size_t at = article->body.find("\uFFFD"); at != std::string::npos;
         at = article->body.find("\uFFFD", at + 1)) {
      ++replacements;
    }
    if (std::string(c.name).find("cut") != std::string::npos) {
      EXPECT_LE(replacements, 1u) << c.name;
    }
  }
  // The GBK page still decodes as GB18030 with its title.
  auto gbk = ExtractArticle({gbk_cut, "http://a.cn/2.html", std::nullopt});
  ASSERT_OK(gbk);
  EXPECT_EQ(gbk->encoding.used, "gb18030");
  EXPECT_EQ(gbk->title.value_or(""), "商会");
}

TEST(ExtractArticle, A50MegabytePageIsCutAtTheInputCap) {
  std::string para =
      "<p>" + std::string(300, 'x') + " 商会工作会议在本市召开，会议总结了过去一年的工作。</p>\n";
  std::string page = "<html><head><meta charset=\"utf-8\"><title>长页面</title></head><body>";
  while (page.size() < (50u << 20)) page += para;
  // A smaller cap than the default 16 MiB keeps the sanitizer build quick; the path is the same.
  ExtractOptions options;
  options.max_input_bytes = 2u << 20;
  auto article = ExtractArticle({page, "http://a.cn/big.html", std::nullopt}, options);
  ASSERT_OK(article);
  EXPECT_GT(article->body.size(), 1u << 20);
  EXPECT_LE(article->body.size(), options.max_input_bytes);  // never the whole 50 MB
}

}  // namespace
}  // namespace extract
