#include "util/registrable_domain.h"

#include <gtest/gtest.h>

namespace util {
namespace {

// Public Suffix List rules (https://publicsuffix.org/list/): the registrable domain is the
// longest matching public suffix plus one label.
TEST(RegistrableDomain, IsThePublicSuffixPlusOneLabel) {
  EXPECT_EQ(RegistrableDomain("news.example.org.cn"), "example.org.cn");
  EXPECT_EQ(RegistrableDomain("www.example.org.cn"), "example.org.cn");
  EXPECT_EQ(RegistrableDomain("example.org.cn"), "example.org.cn");
  EXPECT_EQ(RegistrableDomain("a.b.www.miit.gov.cn"), "miit.gov.cn");
  EXPECT_EQ(RegistrableDomain("www.chamber.com.cn"), "chamber.com.cn");
  EXPECT_EQ(RegistrableDomain("www.bbc.co.uk"), "bbc.co.uk");
  EXPECT_EQ(RegistrableDomain("www.example.org"), "example.org");
  EXPECT_EQ(RegistrableDomain("news.example.cn"), "example.cn");
}

TEST(RegistrableDomain, MultiLevelSuffixesKeepRegistrantsApart) {
  EXPECT_TRUE(SameRegistrableDomain("news.example.org.cn", "www.example.org.cn"));
  EXPECT_TRUE(SameRegistrableDomain("news.example.org.cn", "example.org.cn"));
  EXPECT_FALSE(SameRegistrableDomain("news.example.org.cn", "www.example2.org.cn"));
  EXPECT_FALSE(SameRegistrableDomain("www.a.gov.cn", "www.b.gov.cn"));
  EXPECT_FALSE(SameRegistrableDomain("www.a.com.cn", "www.b.com.cn"));
  EXPECT_FALSE(SameRegistrableDomain("www.a.co.uk", "www.b.co.uk"));
  // The private section of the list counts too: two github.io sites are two registrants.
  EXPECT_FALSE(SameRegistrableDomain("alice.github.io", "bob.github.io"));
}

TEST(RegistrableDomain, APublicSuffixIsItsOwnAndMatchesOnlyItself) {
  EXPECT_EQ(RegistrableDomain("org.cn"), "org.cn");
  EXPECT_EQ(RegistrableDomain("gov.cn"), "gov.cn");
  EXPECT_FALSE(SameRegistrableDomain("org.cn", "example.org.cn"));
}

TEST(RegistrableDomain, IpAddressesAndSingleLabelHostsAreTheirOwn) {
  EXPECT_EQ(RegistrableDomain("127.0.0.2"), "127.0.0.2");
  EXPECT_FALSE(SameRegistrableDomain("127.0.0.2", "127.0.0.3"));
  EXPECT_FALSE(SameRegistrableDomain("10.0.0.1", "192.168.0.1"));
  EXPECT_EQ(RegistrableDomain("[::1]"), "[::1]");
  EXPECT_EQ(RegistrableDomain("::1"), "::1");
  EXPECT_EQ(RegistrableDomain("localhost"), "localhost");
  EXPECT_FALSE(SameRegistrableDomain("localhost", "intranet"));
}

TEST(RegistrableDomain, PortsAreIgnored) {
  EXPECT_EQ(RegistrableDomain("news.example.org.cn:8080"), "example.org.cn");
  EXPECT_TRUE(SameRegistrableDomain("news.example.org.cn:8080", "www.example.org.cn:8081"));
  EXPECT_TRUE(SameRegistrableDomain("news.example.org.cn:8080", "www.example.org.cn"));
  EXPECT_EQ(RegistrableDomain("127.0.0.2:8080"), "127.0.0.2");
  EXPECT_EQ(RegistrableDomain("[::1]:8080"), "[::1]");
  EXPECT_EQ(RegistrableDomain("localhost:3000"), "localhost");
}

TEST(RegistrableDomain, CaseAndATrailingDotAreNormalised) {
  EXPECT_EQ(RegistrableDomain("WWW.Example.ORG.CN"), "example.org.cn");
  EXPECT_EQ(RegistrableDomain("www.example.org.cn."), "example.org.cn");
  EXPECT_EQ(RegistrableDomain(""), "");
}

// Internationalised names: the list holds both the Unicode and the punycode form.
TEST(RegistrableDomain, InternationalisedNames) {
  EXPECT_EQ(RegistrableDomain("www.例子.中国"), "例子.中国");
  EXPECT_EQ(RegistrableDomain("www.xn--fsqu00a.xn--fiqs8s"), "xn--fsqu00a.xn--fiqs8s");
}

}  // namespace
}  // namespace util
