#include "crawler/frontier.h"

#include <gtest/gtest.h>

namespace crawler {
namespace {

TEST(LinkKind, NamesReadBackAsTheirKinds) {
  for (LinkKind k : {LinkKind::kSeed, LinkKind::kListing, LinkKind::kArticle, LinkKind::kSibling,
                     LinkKind::kContinuation, LinkKind::kRedirect, LinkKind::kSitemap,
                     LinkKind::kEntry, LinkKind::kOther}) {
    EXPECT_EQ(LinkKindFromName(LinkKindName(k)), k) << LinkKindName(k);
  }
  EXPECT_EQ(LinkKindFromName("no such kind"), LinkKind::kOther);
}

// A form post found again keeps the latest body (the view state the server issued last).
TEST(MemoryFrontier, FormPostFoundAgainKeepsTheFreshestBody) {
  MemoryFrontier frontier;
  FrontierEntry post;
  post.url = "http://a.test/list.aspx#__doPostBack(pager,2)";
  post.host = "a.test";
  post.kind = LinkKind::kListing;
  post.post_body = "__VIEWSTATE=old";
  EXPECT_EQ(frontier.Add({post}), 1u);
  post.post_body = "__VIEWSTATE=new";
  EXPECT_EQ(frontier.Add({post}), 0u);
  auto taken = frontier.Take("a.test", 5);
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].post_body.value_or(""), "__VIEWSTATE=new");
}

}  // namespace
}  // namespace crawler
