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

}  // namespace
}  // namespace extract
