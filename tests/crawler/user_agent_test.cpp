#include "crawler/user_agent.h"

#include <gtest/gtest.h>

namespace crawler {
namespace {

TEST(UserAgent, IsTheProductTokenVersionAndContact) {
  EXPECT_EQ(UserAgent("0.1.0", "https://github.com/newsarc/newsarc"),
            "newsarc/0.1.0 (+https://github.com/newsarc/newsarc)");
  EXPECT_EQ(UserAgent("0.1.0", "mailto:a@b.org"), "newsarc/0.1.0 (+mailto:a@b.org)");
}

TEST(NormalizeContact, KeepsUrlsAndMailtoAndAddsMailtoToAnAddress) {
  EXPECT_EQ(NormalizeContact("https://example.org/crawler"), "https://example.org/crawler");
  EXPECT_EQ(NormalizeContact("http://example.org/"), "http://example.org/");
  EXPECT_EQ(NormalizeContact("mailto:ops@example.org"), "mailto:ops@example.org");
  EXPECT_EQ(NormalizeContact("ops@example.org.cn"), "mailto:ops@example.org.cn");
}

TEST(NormalizeContact, RefusesWhatIsNoContactOrWouldBreakTheHeader) {
  for (const char* bad :
       {"", "the archive team", "example.org", "ftp://example.org/", "mailto:nobody",
        "ops@localhost", "a@b@c.org", "https://", "ops@example.org)", "ops@example.org\r\nX: y",
        "张三@example.org", "https://exa mple.org/"}) {
    EXPECT_EQ(NormalizeContact(bad), std::nullopt) << bad;
  }
}

TEST(UserAgentHasContact, FindsAUrlOrAnAddressAnywhere) {
  EXPECT_TRUE(UserAgentHasContact("Archive/2.0 (+https://example.org/bot)"));
  EXPECT_TRUE(UserAgentHasContact("Archive/2.0 (+HTTP://example.org/bot)"));
  EXPECT_TRUE(UserAgentHasContact("Archive/2.0 (mailto:a@b.org)"));
  EXPECT_TRUE(UserAgentHasContact("Archive/2.0 (+ops@example.org)"));
  EXPECT_TRUE(UserAgentHasContact("Archive/2.0; contact ops@example.org"));
  EXPECT_FALSE(UserAgentHasContact("Archive/2.0"));
  EXPECT_FALSE(UserAgentHasContact("Mozilla/5.0 (X11; Linux x86_64)"));
}

TEST(IsValidUserAgent, IsPrintableAsciiAndNotBlank) {
  EXPECT_TRUE(IsValidUserAgent("Archive/2.0 (+https://example.org/bot)"));
  EXPECT_FALSE(IsValidUserAgent(""));
  EXPECT_FALSE(IsValidUserAgent("  "));
  EXPECT_FALSE(IsValidUserAgent("a\r\nX-Injected: 1"));
  EXPECT_FALSE(IsValidUserAgent("档案/1.0"));
}

}  // namespace
}  // namespace crawler
