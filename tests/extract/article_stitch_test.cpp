#include "extract/article_stitch.h"

#include <gtest/gtest.h>

#include "util/sha256.h"

namespace extract {
namespace {

Article Page(const std::string& url, const std::string& body,
             std::vector<std::string> images = {}) {
  Article a;
  a.url = url;
  a.kind = PageKind::kArticle;
  a.title = "标题";
  a.body = body;
  for (auto& i : images) a.images.push_back({i, std::nullopt});
  a.content_sha256 = util::Sha256Hex(body);
  return a;
}

TEST(StitchPages, JoinsBodiesInPageOrderAndKeepsTheFirstPagesFields) {
  Article first = Page("http://a.cn/1.html", "第一段\n第二段", {"http://a.cn/a.jpg"});
  first.published_date = "2021-03-05";
  first.source = "本会";
  first.continuation_urls = {"http://a.cn/1_2.html", "http://a.cn/1_3.html",
                             "http://a.cn/1_4.html"};
  Article second =
      Page("http://a.cn/1_2.html", "第三段", {"http://a.cn/a.jpg", "http://a.cn/b.jpg"});
  second.title = "标题（2）";
  second.published_date = "2021-03-06";
  Article third = Page("http://a.cn/1_3.html", "第四段");
  third.next = SiblingLink{"http://a.cn/2.html", "下一篇的标题"};

  Article a = StitchPages(first, {second, third});
  EXPECT_EQ(a.body, "第一段\n第二段\n第三段\n第四段");
  EXPECT_EQ(a.title, "标题");
  EXPECT_EQ(a.published_date, "2021-03-05");
  EXPECT_EQ(a.source, "本会");
  EXPECT_EQ(a.content_sha256, util::Sha256Hex(a.body));
  ASSERT_EQ(a.images.size(), 2u);  // a.jpg once
  EXPECT_EQ(a.images[1].url, "http://a.cn/b.jpg");
  // 下一篇 printed on the last page only.
  ASSERT_TRUE(a.next);
  EXPECT_EQ(a.next->url, "http://a.cn/2.html");
  EXPECT_FALSE(a.prev);
  // The pages stitched, not the 4th page the first one announced but that was not found.
  EXPECT_EQ(a.continuation_urls,
            (std::vector<std::string>{"http://a.cn/1_2.html", "http://a.cn/1_3.html"}));
}

TEST(StitchPages, EmptyFollowingPagesAddNothing) {
  Article first = Page("http://a.cn/1.html", "正文");
  Article a = StitchPages(first, {Page("http://a.cn/1_2.html", "")});
  EXPECT_EQ(a.body, "正文");
  EXPECT_EQ(a.content_sha256, first.content_sha256);
  EXPECT_EQ(StitchPages(first, {}).body, "正文");
}

}  // namespace
}  // namespace extract
