#include "extract/charset_labels.h"

#include <gtest/gtest.h>

namespace extract {
namespace {

// WHATWG Encoding §4.2 Names and labels.
TEST(WhatwgEncodingForLabel, ResolvesLabelsAsBrowsersDo) {
  const std::pair<const char*, const char*> cases[] = {
      {"utf-8", "utf-8"},
      {"UTF8", "utf-8"},
      {" unicode-1-1-utf-8\t", "utf-8"},
      {"gb2312", "gbk"},
      {"GB2312", "gbk"},
      {"gbk", "gbk"},
      {"chinese", "gbk"},
      {"csgb2312", "gbk"},
      {"csiso58gb231280", "gbk"},
      {"gb_2312", "gbk"},
      {"gb_2312-80", "gbk"},
      {"iso-ir-58", "gbk"},
      {"x-gbk", "gbk"},
      {"gb18030", "gb18030"},
      {"big5", "big5"},
      {"big5-hkscs", "big5"},
      {"iso-8859-1", "windows-1252"},
      {"latin1", "windows-1252"},
      {"ascii", "windows-1252"},
      {"us-ascii", "windows-1252"},
      {"iso-8859-9", "windows-1254"},
      {"shift_jis", "shift_jis"},
      {"sjis", "shift_jis"},
      {"euc-kr", "euc-kr"},
      {"ks_c_5601-1987", "euc-kr"},
      {"utf-16", "utf-16le"},
      {"unicodefffe", "utf-16be"},
      {"hz-gb-2312", "replacement"},
      {"iso-2022-kr", "replacement"},
      {"koi8-u", "koi8-u"},
      {"x-user-defined", "x-user-defined"},
      {"tis-620", "windows-874"},
      {"x-mac-ukrainian", "x-mac-cyrillic"},
  };
  for (const auto& [label, expected] : cases) {
    EXPECT_EQ(WhatwgEncodingForLabel(label).value_or("<none>"), expected) << label;
  }
  EXPECT_FALSE(WhatwgEncodingForLabel("gb-2312").has_value());
  EXPECT_FALSE(WhatwgEncodingForLabel("utf-7").has_value());
  EXPECT_FALSE(WhatwgEncodingForLabel("").has_value());
}

// WHATWG Encoding §10.1.1: the gbk decoder is the gb18030 decoder.
TEST(DecodingEncoding, GbkDecodesAsGb18030) {
  EXPECT_EQ(DecodingEncoding("gbk"), "gb18030");
  EXPECT_EQ(DecodingEncoding("big5"), "big5");
}

TEST(IcuConverterName, EveryDecodingEncodingHasAConverterOrAHandDecoder) {
  for (const char* label :
       {"ibm866", "iso-8859-2", "iso-8859-16", "koi8-r", "koi8-u", "macintosh", "windows-874",
        "windows-1252", "x-mac-cyrillic", "gbk", "gb18030", "big5", "euc-jp", "iso-2022-jp",
        "shift_jis", "euc-kr", "utf-16be", "utf-16le"}) {
    auto name = IcuConverterName(DecodingEncoding(*WhatwgEncodingForLabel(label)));
    EXPECT_TRUE(name.has_value()) << label;
  }
  EXPECT_FALSE(IcuConverterName("utf-8").has_value());
}

TEST(IsSingleByteEncoding, TellsTablesFromMultiByteEncodings) {
  EXPECT_TRUE(IsSingleByteEncoding("windows-1252"));
  EXPECT_TRUE(IsSingleByteEncoding("koi8-r"));
  EXPECT_FALSE(IsSingleByteEncoding("gb18030"));
  EXPECT_FALSE(IsSingleByteEncoding("utf-8"));
}

}  // namespace
}  // namespace extract
