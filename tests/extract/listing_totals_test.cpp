#include "extract/listing_totals.h"

#include <gtest/gtest.h>

#include <string>

namespace extract {
namespace {

// A TRS-style column page of a county government site, trimmed, in GB2312 (from
// `iconv -f utf-8 -t gbk`): 共 1,234 条记录 每页20条 第1/62页 下一页 尾页.
constexpr const char* kGbkListing =
    "<html><head><meta http-equiv=\x22"
    "Content-Type\x22 content=\x22text/html; charset=gb23"
    "12\x22><title>\xCD\xA8\xD6\xAA\xB9\xAB\xB8\xE6</title></head><body><ul><li><a href=\x22."
    "/202405/t20240501_1.html\x22>\xB9\xD8\xD3\xDA\xBF\xAA\xD5\xB9\xB0\xB2\xC8\xAB\xC9\xFA"
    "\xB2\xFA\xBC\xEC\xB2\xE9\xB5\xC4\xCD\xA8\xD6\xAA</a></li></ul><div class=\x22page\x22>"
    "\xB9\xB2 1,234 \xCC\xF5\xBC\xC7\xC2\xBC&nbsp;\xC3\xBF\xD2\xB3"
    "20\xCC\xF5&nbsp;\xB5\xDA"
    ""
    "1/62\xD2\xB3 <a href=\x22index_1.html\x22>\xCF\xC2\xD2\xBB\xD2\xB3</a> <a href=\x22index"
    "_61.html\x22>\xCE\xB2\xD2\xB3</a></div></body></html>";

TEST(ListingTotals, GbkListingFooterGivesItemsPagesAndPerPage) {
  ListingTotals totals = ListingTotalsOfPage(kGbkListing, "text/html");
  EXPECT_EQ(totals.items, 1234);
  EXPECT_EQ(totals.pages, 62);
  EXPECT_EQ(totals.per_page, 20);
}

TEST(ListingTotals, ChineseLexiconVariants) {
  EXPECT_EQ(FindListingTotals("共25条").items, 25);
  EXPECT_EQ(FindListingTotals("共 25 条记录").items, 25);
  EXPECT_EQ(FindListingTotals("总共有文章：共有 31 篇").items, 31);
  EXPECT_EQ(FindListingTotals("信息总数：480").items, 480);
  EXPECT_EQ(FindListingTotals("总数:480 当前页:1").items, 480);
  EXPECT_EQ(FindListingTotals("总记录数：96").items, 96);
  EXPECT_EQ(FindListingTotals("共找到 57 条结果").items, 57);
  EXPECT_EQ(FindListingTotals("共5页").pages, 5);
  EXPECT_EQ(FindListingTotals("当前第2页/共 17 页").pages, 17);
  EXPECT_EQ(FindListingTotals("第1/12页").pages, 12);
  EXPECT_EQ(FindListingTotals("页次：3/40 每页：15").pages, 40);
  EXPECT_EQ(FindListingTotals("页次：3/40 每页：15").per_page, 15);
  EXPECT_EQ(FindListingTotals("20条/页").per_page, 20);
  EXPECT_EQ(FindListingTotals("总页数：9").pages, 9);
}

TEST(ListingTotals, EnglishLexiconVariants) {
  ListingTotals shown = FindListingTotals("Showing 1-20 of 345 results");
  EXPECT_EQ(shown.items, 345);
  EXPECT_EQ(FindListingTotals("1 – 10 of 88").items, 88);
  EXPECT_EQ(FindListingTotals("Page 2 of 9").pages, 9);
  EXPECT_EQ(FindListingTotals("1,024 results").items, 1024);
  EXPECT_EQ(FindListingTotals("Total: 77").items, 77);
  EXPECT_EQ(FindListingTotals("12 items, 10 per page").per_page, 10);
}

TEST(ListingTotals, NumbersWithCommasSpacesAndFullWidthDigits) {
  EXPECT_EQ(FindListingTotals("共 12,345 条").items, 12345);
  EXPECT_EQ(FindListingTotals("共 1 234 条").items, 1234);
  EXPECT_EQ(FindListingTotals("共\u00a0\u00a0１２３\u3000条").items, 123);
  EXPECT_EQ(FindListingTotals("记录数：１，０００").items, 1000);
  EXPECT_EQ(FindListingTotals("共12条，每页20条").items, 12);
  EXPECT_EQ(FindListingTotals("第１／１２页").pages, 12);
  EXPECT_EQ(FindListingTotals("总数：９９").items, 99);
}

TEST(ListingTotals, ScriptPagersOfTrsSitesCountPages) {
  std::string html =
      "<div id=\"page\"><script>createPageHTML(27, 0, \"index\", \"html\");</script></div>";
  EXPECT_EQ(FindListingTotals(ListingPageText(html)).pages, 27);
  EXPECT_EQ(FindListingTotals("var countPage = 14//共多少页").pages, 14);
}

TEST(ListingTotals, LargestTotalWinsAndPagesWithoutTotalsGiveNone) {
  ListingTotals totals = FindListingTotals("热点 共3条 ... 栏目 共 240 条");
  EXPECT_EQ(totals.items, 240);
  EXPECT_TRUE(FindListingTotals("上一页 1 2 3 下一页 首页 尾页 2024年5月1日").IsEmpty());
  EXPECT_TRUE(FindListingTotals("共计划三条措施").IsEmpty());
  EXPECT_FALSE(FindListingTotals("共 99999999999999 条").items.has_value());
}

TEST(ListingTotals, PageTextDropsTagsAndCommentsAndDecodesSpaces) {
  std::string text = ListingPageText("<p>共<b>18</b>条<!-- 共 999 条 -->&nbsp;第&#160;1/2 页</p>");
  EXPECT_EQ(FindListingTotals(text).items, 18);
  EXPECT_EQ(FindListingTotals(text).pages, 2);
}

}  // namespace
}  // namespace extract
