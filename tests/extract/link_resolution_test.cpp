// util::UrlResolver (behind PageContext::Resolve) resolves plain relative links by string
// concatenation and everything else through libcurl. Differential test: every href and src of
// every page of ../shared/corpus, and a page of awkward references, resolve exactly as
// util::ResolveUrl (always libcurl) resolves them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "extract/charset.h"
#include "extract/document.h"
#include "extract/page_context.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"
#include "util/url.h"

namespace extract {
namespace {

namespace fs = std::filesystem;

// Compares every href/src of the page; returns how many were compared.
size_t ExpectSameResolution(const Document& doc, const std::string& base) {
  ExtractOptions options;
  PageContext ctx(doc, base, options);
  size_t compared = 0;
  for (NodeId i = 0; i < static_cast<NodeId>(doc.size()); ++i) {
    for (std::string_view name : {"href", "src"}) {
      auto value = doc.Attr(i, name);
      if (!value) continue;
      ++compared;
      for (int round = 0; round < 2; ++round) {  // computed, then remembered
        EXPECT_EQ(ctx.Resolve(*value), util::ResolveUrl(base, *value))
            << "base " << base << " ref '" << *value << "'";
      }
    }
  }
  return compared;
}

TEST(LinkResolution, EveryLinkOfTheCorpusResolvesAsLibcurlResolvesIt) {
  fs::path corpus = fs::path(testing_support::SharedDir()) / "corpus";
  if (!fs::exists(corpus)) GTEST_SKIP() << "no ../shared/corpus";
  size_t links = 0, pages = 0;
  for (const auto& set : fs::directory_iterator(corpus)) {
    std::ifstream manifest(set.path() / "manifest.jsonl");
    std::string line;
    for (int n = 0; n < 10000 && std::getline(manifest, line); ++n) {
      auto entry = nlohmann::json::parse(line, nullptr, false);
      if (!entry.is_object() || !entry.contains("file") || !entry["url"].is_string()) continue;
      std::string bytes =
          testing_support::ReadFileOrFail((set.path() / entry["file"].get<std::string>()).string());
      auto parsed = ParseHtml(DecodeHtml(bytes, std::nullopt).utf8);
      ASSERT_TRUE(parsed.has_value());
      links += ExpectSameResolution(parsed->document, entry["url"].get<std::string>());
      ++pages;
    }
  }
  EXPECT_GT(pages, 100u);
  EXPECT_GT(links, 10000u);
}

TEST(LinkResolution, AwkwardReferencesResolveAsLibcurlResolvesThem) {
  const char* refs[] = {
      "a.html", "/a.html", "?page=2", "?", "a/b/c.asp?id=1&x=2", "./a.html", "../a.html", "a/./b",
      "a/../b", "a/..", ".", "..", "%2e%2e/x", "a%2Eb/c", "%zz", "%4", "a b", "新闻/1.html", "#top",
      "a#b", "a:b", "1:2/x", "x/a:b", "//other.org/x", "\\\\other.org\\x", "[x]", "a?b/../c",
      "a;jsessionid=1", "~user/", "a@b", "!$&'()*+,;=", "a\tb\nc", "  spaced.html  ",
      "http://Other.ORG/X", "HTTPS:x", "mailto:a@b", "javascript:x()", "", "/", "//", "///x",
      "a//b", "?a=/../b",
      // Absolute URLs: some kept as written, others normalized by libcurl.
      "http://b.org/x/y.html?id=1", "https://b.org/", "http://B.org/x", "http://b.org",
      "http://b.org?x=1", "http://b.org:80/x", "http://b.org/a/../c", "http://0x7f.1/x",
      "http://127.1/x", "http://1.2.3.4/x", "http://abc.de/x", "http://a..b/x", "http://-a.org/x",
      "http://a.org./x", "http://u@b.org/x", "http://b.org/x?", "http://b.org/%2e%2e/x",
      "http://b.org/新闻", "http://www.163.com/dy/article/J2.html"};
  const char* bases[] = {"http://a.org/news/view.asp?id=1#frag",
                         "http://a.org",
                         "https://user:pw@a.org:8443/dir/",
                         "http://a.org/x/y/../z/./w.html",
                         "http://[::1]:8080/p?q",
                         "http://A.ORG/Mixed/Case.HTML",
                         ""};
  std::string html = "<html><body>";
  for (const char* ref : refs) {
    html += "<a href=\"";
    for (const char* c = ref; *c != '\0'; ++c)
      html += *c == '"' ? std::string("&quot;") : std::string(1, *c);
    html += "\">x</a>";
  }
  // Host names longer than DNS allows, one label too long and the whole name too long.
  html += "<a href=\"http://" + std::string(70, 'a') + ".org/x\">x</a>";
  html += "<a href=\"http://" + std::string(300, 'a') + ".org/x\">x</a>";
  auto parsed = ParseHtml(html);
  ASSERT_TRUE(parsed.has_value());
  for (const char* base : bases) {
    EXPECT_EQ(ExpectSameResolution(parsed->document, base), std::size(refs) + 2);
  }
}

}  // namespace
}  // namespace extract
