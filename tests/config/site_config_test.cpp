#include "config/site_config.h"

#include <gtest/gtest.h>

#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace config {
namespace {

TEST(ParseSiteConfig, ReadsEveryTable) {
  auto c = ParseSiteConfig(R"(
[site]
name = "Demo"
hosts = ["WWW.A.org", "b.org"]
seeds = ["http://www.a.org/news/"]
timezone = "+09:00"
[crawl]
delay = 2
max_pages = 100
max_depth = 3
include = ["/news"]
exclude = ["/admin"]
user_agent_contact = "mailto:x@a.org"
revalidate_after = "7d"
removal_grace = "36h"
jitter = 0.2
subdomains = false
park_after = 2
[extract]
body_selector = "td.content"
)",
                           "demo.toml");
  ASSERT_OK(c);
  EXPECT_EQ(c->name.value_or(""), "Demo");
  EXPECT_EQ(c->hosts, (std::vector<std::string>{"www.a.org", "b.org"}));
  EXPECT_EQ(c->seeds.size(), 1u);
  EXPECT_EQ(c->profile.utc_offset_minutes.value_or(0), 9 * 60);
  EXPECT_EQ(c->crawl.delay_seconds.value_or(0), 2.0);
  EXPECT_EQ(c->crawl.max_pages.value_or(0), 100);
  EXPECT_EQ(c->crawl.max_depth.value_or(0), 3);
  EXPECT_EQ(c->crawl.include_patterns, std::vector<std::string>{"/news"});
  EXPECT_EQ(c->crawl.revalidate_after, std::chrono::hours(24 * 7));
  EXPECT_EQ(c->crawl.removal_grace, std::chrono::hours(36));
  EXPECT_EQ(c->crawl.jitter, 0.2);
  EXPECT_EQ(c->crawl.same_registrable_domain, false);
  EXPECT_EQ(c->crawl.park_after, 2);
  EXPECT_EQ(c->profile.body_selector.value_or(""), "td.content");
  EXPECT_EQ(c->profile.hosts, c->hosts);
}

TEST(ParseSiteConfig, UnknownKeyIsAConfigErrorNamingKeyAndLine) {
  auto c = ParseSiteConfig("[crawl]\ndelay = 1\ndelya = 2\n", "s.toml");
  EXPECT_ERROR_CODE(c, kConfig);
  ASSERT_FALSE(c.has_value());
  EXPECT_NE(c.error().message.find("s.toml:3"), std::string::npos) << c.error().message;
  EXPECT_NE(c.error().message.find("crawl.delya"), std::string::npos) << c.error().message;
}

TEST(ParseSiteConfig, WrongTypesAndValuesAreConfigErrors) {
  EXPECT_ERROR_CODE(ParseSiteConfig("[crawl]\ndelay = \"fast\"\n", "s"), kConfig);
  EXPECT_ERROR_CODE(ParseSiteConfig("[crawl]\ndelay = -1\n", "s"), kConfig);
  EXPECT_ERROR_CODE(ParseSiteConfig("[site]\nhosts = \"a.org\"\n", "s"), kConfig);
  EXPECT_ERROR_CODE(ParseSiteConfig("[site]\nhosts = [1]\n", "s"), kConfig);
  EXPECT_ERROR_CODE(ParseSiteConfig("[site]\ntimezone = \"Asia/Shanghai\"\n", "s"), kConfig);
  EXPECT_ERROR_CODE(ParseSiteConfig("site = 3\n", "s"), kConfig);
  EXPECT_ERROR_CODE(ParseSiteConfig("[crawl]\njitter = 1.5\n", "s"), kConfig);
  EXPECT_ERROR_CODE(ParseSiteConfig("[crawl]\nsubdomains = \"no\"\n", "s"), kConfig);
  EXPECT_ERROR_CODE(ParseSiteConfig("[crawl]\npark_after = 1.5\n", "s"), kConfig);
  EXPECT_ERROR_CODE(ParseSiteConfig("[crawl]\npark_after = -1\n", "s"), kConfig);
  EXPECT_ERROR_CODE(ParseSiteConfig("[crawl]\nremoval_grace = \"a week\"\n", "s"), kConfig);
  auto bad = ParseSiteConfig("[crawl]\nrevalidate_after = \"monthly\"\n", "r.toml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("r.toml:2"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("monthly"), std::string::npos) << bad.error().message;
}

TEST(ParseSiteConfig, SyntaxErrorNamesFileAndLine) {
  auto c = ParseSiteConfig("[site]\nname = \"unterminated\n", "bad.toml");
  ASSERT_FALSE(c.has_value());
  EXPECT_NE(c.error().message.find("bad.toml:2"), std::string::npos) << c.error().message;
}

TEST(ParseSiteConfig, EmptyFileIsAllDefaults) {
  auto c = ParseSiteConfig("", "empty.toml");
  ASSERT_OK(c);
  EXPECT_TRUE(c->hosts.empty());
  EXPECT_FALSE(c->crawl.delay_seconds.has_value());
}

TEST(LoadSiteConfig, BundledExampleParses) {
  auto c = LoadSiteConfig(testing_support::SourceDir() + "/config/sites/example.toml");
  ASSERT_OK(c);
  EXPECT_FALSE(c->hosts.empty());
}

TEST(LoadSiteConfig, MissingFileIsAConfigError) {
  EXPECT_ERROR_CODE(LoadSiteConfig("/nonexistent.toml"), kConfig);
}

TEST(ParseUtcOffset, AcceptsOffsetsAndUtc) {
  EXPECT_EQ(ParseUtcOffset("+08:00").value_or(-1), 480);
  EXPECT_EQ(ParseUtcOffset("-05:30").value_or(-1), -330);
  EXPECT_EQ(ParseUtcOffset("Z").value_or(-1), 0);
  EXPECT_FALSE(ParseUtcOffset("+8").has_value());
  EXPECT_FALSE(ParseUtcOffset("+25:00").has_value());
}

}  // namespace
}  // namespace config
