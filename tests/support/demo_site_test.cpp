#include "tests/support/demo_site.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/process.h"

namespace testing_support {
namespace {

void Write(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// As tools/demo_server.py: a page with a query is the file PATH@QUERY, the query as sent.
TEST(DemoSite, APageWithAQueryIsTheFileNamedWithTheQuery) {
  std::string root = MakeTempDir();
  Write(root + "/index.html", "home");
  Write(root + "/news/list.asp@page=2", "page 2");
  Write(root + "/news/list.asp", "page 1");
  Write(root + "/news/1.html", "article");
  auto home = FindDemoSitePage(root, "/");
  ASSERT_TRUE(home);
  EXPECT_EQ(home->path, "/index.html");
  EXPECT_EQ(home->body, "home");
  auto second = FindDemoSitePage(root, "/news/list.asp?page=2");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->path, "/news/list.asp@page=2");
  EXPECT_EQ(second->body, "page 2");
  // No file for the query: the page itself (a session parameter, a cache buster).
  auto article = FindDemoSitePage(root, "/news/1.html?from=list");
  ASSERT_TRUE(article);
  EXPECT_EQ(article->body, "article");
  EXPECT_FALSE(FindDemoSitePage(root, "/news/9.html"));
  EXPECT_FALSE(FindDemoSitePage(root, "/news/9.html?page=2"));
  EXPECT_FALSE(FindDemoSitePage(root, "/news/../index.html"));
}

TEST(DemoSite, TextFilesArePlainTextUnlessAskedForHtml) {
  EXPECT_EQ(DemoSiteContentType("/robots.txt"), "text/plain");
  EXPECT_EQ(DemoSiteContentType("/robots.txt", DemoTextFiles::kHtml), "text/html");
  EXPECT_EQ(DemoSiteContentType("/news/list.asp@page=2"), "text/html");
}

}  // namespace
}  // namespace testing_support
