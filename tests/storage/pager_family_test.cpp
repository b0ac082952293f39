#include "storage/pager_family.h"

#include <gtest/gtest.h>

namespace storage {
namespace {

using internal::PagerShape;
using internal::PagerSlotOf;

std::vector<PagerPage> Pages(std::initializer_list<std::pair<const char*, bool>> pages) {
  std::vector<PagerPage> out;
  for (const auto& [url, fetched] : pages) out.push_back({url, fetched});
  return out;
}

TEST(PagerSlot, ReadsTheShapesPagersNumberTheirPagesWith) {
  auto suffix = PagerSlotOf("http://a.cn/xwzx/index_2.html");
  ASSERT_TRUE(suffix);
  EXPECT_EQ(suffix->shape, PagerShape::kSuffix);
  EXPECT_EQ(suffix->key, "http://a.cn/xwzx/index.html");
  EXPECT_EQ(suffix->url_template, "http://a.cn/xwzx/index_{n}.html");
  EXPECT_EQ(suffix->number, 2);

  auto query = PagerSlotOf("http://a.cn/list.asp?id=5&page=3");
  ASSERT_TRUE(query);
  EXPECT_EQ(query->shape, PagerShape::kQuery);
  EXPECT_EQ(query->key, "http://a.cn/list.asp?id=5");
  EXPECT_EQ(query->url_template, "http://a.cn/list.asp?id=5&page={n}");
  EXPECT_EQ(query->number, 3);

  auto page_no = PagerSlotOf("http://a.cn/news.jsp?pageNo=4&type=2");
  ASSERT_TRUE(page_no);
  EXPECT_EQ(page_no->key, "http://a.cn/news.jsp?type=2");
  EXPECT_EQ(page_no->number, 4);

  auto file = PagerSlotOf("http://a.cn/list/12/5.html");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->shape, PagerShape::kNumberFile);
  EXPECT_EQ(file->key, "http://a.cn/list/12/");
  EXPECT_EQ(file->url_template, "http://a.cn/list/12/{n}.html");

  // The last number is the page: List_12_3.htm is page 3 of List_12.htm.
  auto last = PagerSlotOf("http://a.cn/List_12_3.htm");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->key, "http://a.cn/List_12.htm");
  EXPECT_EQ(last->number, 3);

  EXPECT_FALSE(PagerSlotOf("http://a.cn/xwzx/index.html"));
  EXPECT_FALSE(PagerSlotOf("http://a.cn/list.asp?id=5"));
  // Two page parameters: no telling which one pages.
  EXPECT_FALSE(PagerSlotOf("http://a.cn/list.asp?page=2&pn=3"));
  // A form post's fragment names the post, not a page.
  EXPECT_FALSE(PagerSlotOf("http://a.cn/list.aspx#__doPostBack('pager','2')"));
}

// index.html, index_2.html … index_5.html: page 1 unnumbered, page N numbered N.
TEST(PagerCoverage, UnnumberedFirstPageAndSuffixNumbers) {
  auto c = PagerCoverageOf("http://a.cn/xwzx/index.html", 5,
                           Pages({{"http://a.cn/xwzx/index.html", true},
                                  {"http://a.cn/xwzx/index_2.html", true},
                                  {"http://a.cn/xwzx/index_3.html", false},
                                  {"http://a.cn/xwzx/index_5.html", true}}));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->url_template, "http://a.cn/xwzx/index_{n}.html");
  EXPECT_EQ(c->pages_printed, 5);
  EXPECT_EQ(c->pages_fetched, 3);
  EXPECT_EQ(c->pages_missing, 2);
  EXPECT_EQ(c->missing, (std::vector<int64_t>{3, 4}));
}

// index.html, index_1.html … index_4.html: numbering starts at 1 for page 2.
TEST(PagerCoverage, SuffixNumberingFromOneIsPageTwo) {
  auto c = PagerCoverageOf("http://a.cn/xwzx/index.html", 5,
                           Pages({{"http://a.cn/xwzx/index_1.html", true},
                                  {"http://a.cn/xwzx/index_2.html", true},
                                  {"http://a.cn/xwzx/index_4.html", true}}));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->pages_fetched, 4);
  EXPECT_EQ(c->missing, (std::vector<int64_t>{4}));
}

TEST(PagerCoverage, QueryParameterPagesOfOneColumn) {
  auto c = PagerCoverageOf("http://a.cn/list.asp?id=5", 4,
                           Pages({{"http://a.cn/list.asp?id=5&page=2", true},
                                  {"http://a.cn/list.asp?id=5&page=3", false},
                                  {"http://a.cn/list.asp?id=5&page=4", true}}));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->url_template, "http://a.cn/list.asp?id=5&page={n}");
  EXPECT_EQ(c->pages_fetched, 3);
  EXPECT_EQ(c->missing, (std::vector<int64_t>{3}));

  auto page_no = PagerCoverageOf("http://a.cn/news.jsp?pageNo=1", 3,
                                 Pages({{"http://a.cn/news.jsp?pageNo=1", true},
                                        {"http://a.cn/news.jsp?pageNo=2", true},
                                        {"http://a.cn/news.jsp?pageNo=3", true}}));
  ASSERT_TRUE(page_no);
  EXPECT_EQ(page_no->pages_fetched, 3);
  EXPECT_EQ(page_no->pages_missing, 0);
}

TEST(PagerCoverage, NumberedFilesUnderTheColumnsFolder) {
  auto c = PagerCoverageOf(
      "http://a.cn/list/12/index.html", 3,
      Pages({{"http://a.cn/list/12/2.html", false}, {"http://a.cn/list/12/3.html", true}}));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->url_template, "http://a.cn/list/12/{n}.html");
  EXPECT_EQ(c->missing, (std::vector<int64_t>{2}));

  auto numbered_first = PagerCoverageOf(
      "http://a.cn/List_12_1.htm", 3,
      Pages({{"http://a.cn/List_12_1.htm", true}, {"http://a.cn/List_12_2.htm", true}}));
  ASSERT_TRUE(numbered_first);
  EXPECT_EQ(numbered_first->missing, (std::vector<int64_t>{3}));
}

// Two columns on one host: list.asp?id=5 and list.asp?id=6, index.html in two folders, and
// List_12 / List_13 are counted apart.
TEST(PagerCoverage, TwoColumnsPagersOnOneHostAreKeptApart) {
  auto pages = Pages({{"http://a.cn/list.asp?id=5&page=2", true},
                      {"http://a.cn/list.asp?id=6", true},
                      {"http://a.cn/list.asp?id=6&page=2", true},
                      {"http://a.cn/list.asp?id=6&page=3", true},
                      {"http://a.cn/xwzx/index_2.html", true},
                      {"http://a.cn/tzgg/index_2.html", true},
                      {"http://a.cn/tzgg/index_3.html", true},
                      {"http://a.cn/List_12_2.htm", true},
                      {"http://a.cn/List_13.htm", true},
                      {"http://a.cn/List_13_2.htm", true},
                      {"http://a.cn/List_13_3.htm", true}});
  auto five = PagerCoverageOf("http://a.cn/list.asp?id=5", 3, pages);
  ASSERT_TRUE(five);
  EXPECT_EQ(five->pages_fetched, 2);
  EXPECT_EQ(five->missing, (std::vector<int64_t>{3}));
  auto xwzx = PagerCoverageOf("http://a.cn/xwzx/index.html", 3, pages);
  ASSERT_TRUE(xwzx);
  EXPECT_EQ(xwzx->missing, (std::vector<int64_t>{3}));
  auto list12 = PagerCoverageOf("http://a.cn/List_12.htm", 3, pages);
  ASSERT_TRUE(list12);
  EXPECT_EQ(list12->url_template, "http://a.cn/List_12_{n}.htm");
  EXPECT_EQ(list12->missing, (std::vector<int64_t>{3}));
}

TEST(PagerCoverage, SaysNothingWhenTheFamilyIsInDoubt) {
  // Nothing else of the pager known: the shape of page 2 is unknown.
  EXPECT_FALSE(PagerCoverageOf("http://a.cn/xwzx/index.html", 4,
                               Pages({{"http://a.cn/tzgg/index.html", true}})));
  // Two URL shapes numbering from one first page.
  EXPECT_FALSE(PagerCoverageOf("http://a.cn/xwzx/index.html", 4,
                               Pages({{"http://a.cn/xwzx/index_2.html", true},
                                      {"http://a.cn/xwzx/index.html?page=3", true}})));
  // A page number beyond the printed total: numbering not understood (index_1 and index_4
  // with 4 pages printed cannot both be page N+1).
  EXPECT_FALSE(PagerCoverageOf(
      "http://a.cn/xwzx/index.html", 4,
      Pages({{"http://a.cn/xwzx/index_1.html", true}, {"http://a.cn/xwzx/index_4.html", true}})));
  EXPECT_FALSE(PagerCoverageOf("http://a.cn/list.asp?id=5", 3,
                               Pages({{"http://a.cn/list.asp?id=5&page=9", true}})));
  // A first page whose URL carries no page and no pages of its own: a one-page column's
  // numbered neighbour (List_13.htm, id 13 of List.htm) is not its pager.
  EXPECT_FALSE(PagerCoverageOf("http://a.cn/List_13.htm", 20,
                               Pages({{"http://a.cn/List_12.htm", true},
                                      {"http://a.cn/List_12_2.htm", true},
                                      {"http://a.cn/List_14.htm", true}})));
  EXPECT_FALSE(
      PagerCoverageOf("http://a.cn/List_13.htm", 20, Pages({{"http://a.cn/List_14.htm", true}})));
}

TEST(PagerCoverage, ListsAtMostABoundedNumberOfMissingPages) {
  auto c = PagerCoverageOf("http://a.cn/list.asp?id=5", 500,
                           Pages({{"http://a.cn/list.asp?id=5&page=2", false}}));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->pages_fetched, 1);
  EXPECT_EQ(c->pages_missing, 499);
  EXPECT_EQ(c->missing.size(), kMaxMissingPagesListed);
  EXPECT_EQ(c->missing.front(), 2);
}

}  // namespace
}  // namespace storage
