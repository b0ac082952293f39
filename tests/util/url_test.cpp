#include "util/url.h"

#include <gtest/gtest.h>

namespace util {
namespace {

struct ResolveCase {
  const char* base;
  const char* ref;
  const char* expected;  // nullptr: no result
};

// WHATWG URL: relative references resolve like a browser's href.
TEST(ResolveUrl, ResolvesReferencesLikeABrowser) {
  const ResolveCase cases[] = {
      {"http://a.org/news/view.asp?id=1", "view.asp?id=2", "http://a.org/news/view.asp?id=2"},
      {"http://a.org/news/view.asp?id=1", "../index.asp", "http://a.org/index.asp"},
      {"http://a.org/news/view.asp?id=1", "/list.asp", "http://a.org/list.asp"},
      {"http://a.org/news/", "//b.org/x", "http://b.org/x"},
      {"https://a.org/a/b", "https://c.org/", "https://c.org/"},
      {"http://a.org/a/b", "  \tc.html\n ", "http://a.org/a/c.html"},
      {"http://a.org/a/b", "x y.html", "http://a.org/a/x%20y.html"},
      {"http://a.org/a/b", "..\\up.html", "http://a.org/up.html"},
      {"http://a.org/a/b", "javascript:void(0)", nullptr},
      {"http://a.org/a/b", "mailto:x@a.org", nullptr},
      {"http://a.org/a/b", "", nullptr},
      {"", "relative.html", nullptr},
      {"", "http://a.org/x", "http://a.org/x"},
  };
  for (const auto& c : cases) {
    auto got = ResolveUrl(c.base, c.ref);
    if (c.expected == nullptr) {
      EXPECT_FALSE(got.has_value()) << c.base << " + " << c.ref << " -> " << got.value_or("");
    } else {
      ASSERT_TRUE(got.has_value()) << c.base << " + " << c.ref;
      EXPECT_EQ(*got, c.expected) << c.base << " + " << c.ref;
    }
  }
}

// A resolver answers exactly as ResolveUrl, asked once or again (its memo), with or without a
// usable base.
TEST(UrlResolver, AnswersAsResolveUrlAndRemembers) {
  const char* bases[] = {"http://a.org/news/view.asp?id=1", "", "not a base", "ftp://a.org/x"};
  const char* refs[] = {"view.asp?id=2",
                        "../index.asp",
                        "/list.asp",
                        "//b.org/x",
                        "  c.html\n ",
                        "x y.html",
                        "javascript:void(0)",
                        "",
                        "新闻/1.html",
                        "https://c.org/",
                        "#top",
                        "?page=2"};
  for (const char* base : bases) {
    UrlResolver resolver(base);
    for (int round = 0; round < 2; ++round) {
      for (const char* ref : refs) {
        EXPECT_EQ(resolver.Resolve(ref), ResolveUrl(base, ref))
            << "base '" << base << "' ref '" << ref << "' round " << round;
      }
    }
  }
}

// Past its memo's bound (a page of a million links) the resolver still answers, unremembered.
TEST(UrlResolver, KeepsAnsweringPastItsMemoBound) {
  UrlResolver resolver("http://a.org/news/");
  for (int i = 0; i < 70000; ++i) {
    std::string ref = "p" + std::to_string(i) + ".html";
    ASSERT_EQ(resolver.Resolve(ref).value_or(""), "http://a.org/news/" + ref);
  }
  EXPECT_EQ(resolver.Resolve("p69999.html").value_or(""), "http://a.org/news/p69999.html");
  EXPECT_EQ(resolver.Resolve("../x.html?id=1").value_or(""), "http://a.org/x.html?id=1");
}

TEST(ResolveUrl, PercentEncodesNonAsciiPaths) {
  auto got = ResolveUrl("http://a.org/", "新闻/1.html");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, "http://a.org/%E6%96%B0%E9%97%BB/1.html");
}

TEST(CanonicalizeUrl, LowercasesDropsDefaultPortFragmentAndDotSegments) {
  EXPECT_EQ(CanonicalizeUrl("HTTP://WWW.A.ORG:80/x/../News/1.html#top").value_or(""),
            "http://www.a.org/News/1.html");
  EXPECT_EQ(CanonicalizeUrl("https://a.org:443").value_or(""), "https://a.org/");
  EXPECT_EQ(CanonicalizeUrl("http://a.org:8080/x").value_or(""), "http://a.org:8080/x");
}

TEST(CanonicalizeUrl, PercentEscapesAreUpperCase) {
  // A GBK query as a browser sends it keeps its form (libcurl alone would lower-case it).
  EXPECT_EQ(CanonicalizeUrl("http://a.org/list.asp?lb=%CD%A8%D6%AA&page=2").value_or(""),
            "http://a.org/list.asp?lb=%CD%A8%D6%AA&page=2");
  EXPECT_EQ(CanonicalizeUrl("http://a.org/%e6%96%b0/x.asp?q=%e4%b8&r=%zz").value_or(""),
            "http://a.org/%E6%96%B0/x.asp?q=%E4%B8&r=%zz");
}

TEST(CanonicalizeUrl, DropsSessionParameters) {
  EXPECT_EQ(CanonicalizeUrl("http://a.org/v.asp?id=3&PHPSESSID=abc&x=1").value_or(""),
            "http://a.org/v.asp?id=3&x=1");
  EXPECT_EQ(CanonicalizeUrl("http://a.org/v.jsp;jsessionid=ABC123?id=3").value_or(""),
            "http://a.org/v.jsp?id=3");
  EXPECT_EQ(CanonicalizeUrl("http://a.org/v.asp?sid=1").value_or(""), "http://a.org/v.asp");
  CanonicalizeOptions custom;
  custom.session_params = {"token"};
  EXPECT_EQ(CanonicalizeUrl("http://a.org/v?token=1&sid=2", custom).value_or(""),
            "http://a.org/v?sid=2");
}

TEST(CanonicalizeUrl, RejectsNonHttpSchemes) {
  EXPECT_FALSE(CanonicalizeUrl("ftp://a.org/x").has_value());
  EXPECT_FALSE(CanonicalizeUrl("not a url").has_value());
}

TEST(SiteOfUrl, KeepsOnlyNonDefaultPorts) {
  EXPECT_EQ(SiteOfUrl("http://WWW.A.org/x").value_or(""), "www.a.org");
  EXPECT_EQ(SiteOfUrl("http://a.org:8080/x").value_or(""), "a.org:8080");
  EXPECT_EQ(SiteOfUrl("https://a.org:443/").value_or(""), "a.org");
  EXPECT_FALSE(SiteOfUrl("").has_value());
}

TEST(SplitUrl, GivesSchemeHostPortPathAndQuery) {
  auto parts = SplitUrl("http://A.org/p/q.asp?id=1");
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->scheme, "http");
  EXPECT_EQ(parts->host, "a.org");
  EXPECT_EQ(parts->port, 80);
  EXPECT_EQ(parts->path, "/p/q.asp");
  EXPECT_EQ(parts->query, "id=1");
}

}  // namespace
}  // namespace util

// RFC 3986 §2.1, §2.4: bytes outside the URI character set are percent-encoded, upper-case hex.
TEST(PercentEncodeUri, EncodesNonAsciiAndUnsafeBytesAndKeepsExistingEscapes) {
  EXPECT_EQ(util::PercentEncodeUri("http://a.test/新闻/1.html?q=商会&x=%BB%E1"),
            "http://a.test/%E6%96%B0%E9%97%BB/1.html?q=%E5%95%86%E4%BC%9A&x=%BB%E1");
  EXPECT_EQ(util::PercentEncodeUri("http://a.test/a b\"<>{}|\\^`"),
            "http://a.test/a%20b%22%3C%3E%7B%7D%7C%5C%5E%60");
  EXPECT_EQ(util::PercentEncodeUri("http://a.test/list.asp?lb=\xBB\xE1&page=2"),
            "http://a.test/list.asp?lb=%BB%E1&page=2");  // raw GBK bytes
  EXPECT_EQ(util::PercentEncodeUri("https://a.test:8443/p?a=1&b=~_.-#f"),
            "https://a.test:8443/p?a=1&b=~_.-#f");
}
