#include "util/html_escape.h"

#include <gtest/gtest.h>

namespace {

TEST(HtmlEscape, ReplacesTheFiveSpecialCharactersAndKeepsUtf8) {
  EXPECT_EQ(util::HtmlEscape("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
  EXPECT_EQ(util::HtmlEscape("商会动态"), "商会动态");
  EXPECT_EQ(util::HtmlEscape(""), "");
}

// RFC 3986 section 2.3: only ALPHA, DIGIT and -._~ stay as they are.
TEST(PercentEncode, EncodesEveryByteButTheUnreservedOnes) {
  EXPECT_EQ(util::PercentEncode("http://a.cn/x?y=1&z=2#f"),
            "http%3A%2F%2Fa.cn%2Fx%3Fy%3D1%26z%3D2%23f");
  EXPECT_EQ(util::PercentEncode("Az09-._~"), "Az09-._~");
  EXPECT_EQ(util::PercentEncode("商"), "%E5%95%86");
  EXPECT_EQ(util::PercentEncode("a b+"), "a%20b%2B");
}

}  // namespace
