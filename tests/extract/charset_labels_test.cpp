#include "extract/charset_labels.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "extract/icu_converter.h"

namespace extract {
namespace {

struct EncodingLabels {
  const char* encoding;
  std::vector<const char*> labels;
};

// WHATWG Encoding §4.2 Names and labels: the table of the standard, encoding by encoding.
const std::vector<EncodingLabels>& StandardLabels() {
  static const auto* table = new std::vector<EncodingLabels>{
      {"utf-8",
       {"unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"}},
      {"ibm866", {"866", "cp866", "csibm866", "ibm866"}},
      {"iso-8859-2",
       {"csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2",
        "iso_8859-2:1987", "l2", "latin2"}},
      {"iso-8859-3",
       {"csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3",
        "iso_8859-3:1988", "l3", "latin3"}},
      {"iso-8859-4",
       {"csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4",
        "iso_8859-4:1988", "l4", "latin4"}},
      {"iso-8859-5",
       {"csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595",
        "iso_8859-5", "iso_8859-5:1988"}},
      {"iso-8859-6",
       {"arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114",
        "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596",
        "iso_8859-6", "iso_8859-6:1987"}},
      {"iso-8859-7",
       {"csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126",
        "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek"}},
      {"iso-8859-8",
       {"csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138",
        "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual"}},
      {"iso-8859-8-i", {"csiso88598i", "iso-8859-8-i", "logical"}},
      {"iso-8859-10",
       {"csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"}},
      {"iso-8859-13", {"iso-8859-13", "iso8859-13", "iso885913"}},
      {"iso-8859-14", {"iso-8859-14", "iso8859-14", "iso885914"}},
      {"iso-8859-15",
       {"csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"}},
      {"iso-8859-16", {"iso-8859-16"}},
      {"koi8-r", {"cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"}},
      {"koi8-u", {"koi8-ru", "koi8-u"}},
      {"macintosh", {"csmacintosh", "mac", "macintosh", "x-mac-roman"}},
      {"windows-874",
       {"dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"}},
      {"windows-1250", {"cp1250", "windows-1250", "x-cp1250"}},
      {"windows-1251", {"cp1251", "windows-1251", "x-cp1251"}},
      {"windows-1252",
       {"ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
        "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
        "us-ascii", "windows-1252", "x-cp1252"}},
      {"windows-1253", {"cp1253", "windows-1253", "x-cp1253"}},
      {"windows-1254",
       {"cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9",
        "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"}},
      {"windows-1255", {"cp1255", "windows-1255", "x-cp1255"}},
      {"windows-1256", {"cp1256", "windows-1256", "x-cp1256"}},
      {"windows-1257", {"cp1257", "windows-1257", "x-cp1257"}},
      {"windows-1258", {"cp1258", "windows-1258", "x-cp1258"}},
      {"x-mac-cyrillic", {"x-mac-cyrillic", "x-mac-ukrainian"}},
      {"gbk",
       {"chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
        "iso-ir-58", "x-gbk"}},
      {"gb18030", {"gb18030"}},
      {"big5", {"big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"}},
      {"euc-jp", {"cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"}},
      {"iso-2022-jp", {"csiso2022jp", "iso-2022-jp"}},
      {"shift_jis",
       {"csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j",
        "x-sjis"}},
      {"euc-kr",
       {"cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
        "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"}},
      {"replacement",
       {"csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr",
        "replacement"}},
      {"utf-16be", {"unicodefffe", "utf-16be"}},
      {"utf-16le",
       {"csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"}},
      {"x-user-defined", {"x-user-defined"}},
  };
  return *table;
}

// WHATWG Encoding §4.2 Names and labels.
TEST(WhatwgEncodingForLabel, ResolvesEveryLabelOfTheStandard) {
  size_t labels = 0;
  for (const auto& [encoding, names] : StandardLabels()) {
    for (const char* label : names) {
      EXPECT_EQ(WhatwgEncodingForLabel(label).value_or("<none>"), encoding) << label;
      ++labels;
    }
  }
  EXPECT_EQ(StandardLabels().size(), 40u);
  EXPECT_EQ(labels, 228u);
}

// WHATWG Encoding §4.2 "get an encoding": strip ASCII whitespace, match case-insensitively.
TEST(WhatwgEncodingForLabel, TrimsAsciiWhitespaceAndIgnoresCase) {
  EXPECT_EQ(WhatwgEncodingForLabel(" unicode-1-1-UTF-8\t").value_or(""), "utf-8");
  EXPECT_EQ(WhatwgEncodingForLabel("\n\fGB2312\r ").value_or(""), "gbk");
  EXPECT_EQ(WhatwgEncodingForLabel("X-GBK").value_or(""), "gbk");
  EXPECT_EQ(WhatwgEncodingForLabel("Latin1").value_or(""), "windows-1252");
}

// WHATWG Encoding §4.2: anything not in the table is failure.
TEST(WhatwgEncodingForLabel, RejectsLabelsOutsideTheTable) {
  for (const char* label :
       {"gb-2312", "utf-7", "", "   ", "utf 8", "euc-cn", "cp936", "iso-8859-1x", "big5\xE4"}) {
    EXPECT_FALSE(WhatwgEncodingForLabel(label).has_value()) << label;
  }
}

// WHATWG Encoding §10.1.1: the gbk decoder is the gb18030 decoder.
TEST(DecodingEncoding, GbkDecodesAsGb18030AndOthersAsThemselves) {
  EXPECT_EQ(DecodingEncoding("gbk"), "gb18030");
  EXPECT_EQ(DecodingEncoding("gb18030"), "gb18030");
  EXPECT_EQ(DecodingEncoding("big5"), "big5");
  EXPECT_EQ(DecodingEncoding("windows-1252"), "windows-1252");
}

TEST(IcuConverterName, EveryEncodingOpensAConverterOrHasAHandDecoder) {
  const std::vector<std::string> by_hand = {"utf-8", "replacement", "x-user-defined",
                                            "iso-8859-16"};
  for (const auto& entry : StandardLabels()) {
    std::string decoding = DecodingEncoding(entry.encoding);
    auto name = IcuConverterName(decoding);
    if (std::find(by_hand.begin(), by_hand.end(), decoding) != by_hand.end()) {
      EXPECT_FALSE(name.has_value()) << decoding;
      continue;
    }
    ASSERT_TRUE(name.has_value()) << decoding;
    EXPECT_TRUE(IcuConverter::Open(*name).has_value()) << decoding << " → " << *name;
  }
}

// WHATWG Encoding §9 Legacy single-byte encodings: one characteristic byte of each index.
TEST(IcuConverter, DecodesACharacteristicByteOfEachSingleByteEncoding) {
  struct Case {
    const char* encoding;
    const char* bytes;
    const char* utf8;
  };
  const Case cases[] = {
      {"ibm866", "\x80", "А"},       {"iso-8859-2", "\xA1", "Ą"},   {"iso-8859-3", "\xA1", "Ħ"},
      {"iso-8859-4", "\xA1", "Ą"},   {"iso-8859-5", "\xD0", "а"},   {"iso-8859-6", "\xC7", "ا"},
      {"iso-8859-7", "\xE1", "α"},   {"iso-8859-8", "\xE0", "א"},   {"iso-8859-8-i", "\xE0", "א"},
      {"iso-8859-10", "\xA1", "Ą"},  {"iso-8859-13", "\xA1", "”"},  {"iso-8859-14", "\xA1", "Ḃ"},
      {"iso-8859-15", "\xA4", "€"},  {"koi8-r", "\xC1", "а"},       {"koi8-u", "\xA4", "є"},
      {"macintosh", "\x80", "Ä"},    {"windows-874", "\xA1", "ก"},  {"windows-1250", "\x8A", "Š"},
      {"windows-1251", "\xC0", "А"}, {"windows-1252", "\x80", "€"}, {"windows-1253", "\xC1", "Α"},
      {"windows-1254", "\xD0", "Ğ"}, {"windows-1255", "\xE0", "א"}, {"windows-1256", "\xC7", "ا"},
      {"windows-1257", "\xC0", "Ą"}, {"windows-1258", "\xC3", "Ă"}, {"x-mac-cyrillic", "\x80", "А"},
  };
  for (const auto& c : cases) {
    auto converter = IcuConverter::Open(IcuConverterName(c.encoding).value_or("?"));
    ASSERT_TRUE(converter.has_value()) << c.encoding;
    DecodeOutput out = converter->Decode(std::string("a") + c.bytes + "b");
    EXPECT_EQ(out.utf8, std::string("a") + c.utf8 + "b") << c.encoding;
    EXPECT_EQ(out.errors, 0u) << c.encoding;
  }
}

// WHATWG index-windows-1252: 0x81, 0x8D, 0x8F, 0x90, 0x9D are C1 controls, not errors.
TEST(IcuConverter, UnassignedC1BytesOfWindowsEncodingsAreControls) {
  auto converter = IcuConverter::Open(*IcuConverterName("windows-1252"));
  ASSERT_TRUE(converter.has_value());
  DecodeOutput out = converter->Decode("\x81\x8D\x8F\x90\x9D");
  EXPECT_EQ(out.utf8, "\xC2\x81\xC2\x8D\xC2\x8F\xC2\x90\xC2\x9D");
  EXPECT_EQ(out.errors, 0u);
  // Holes outside 0x80-0x9F stay errors (index-windows-1253 has no 0xD2).
  auto greek = IcuConverter::Open(*IcuConverterName("windows-1253"));
  ASSERT_TRUE(greek.has_value());
  EXPECT_EQ(greek->Decode("\xD2").errors, 1u);
}

TEST(IcuConverter, CountsEachInvalidSequenceAndReplacesIt) {
  auto converter = IcuConverter::Open(*IcuConverterName("gb18030"));
  ASSERT_TRUE(converter.has_value());
  // "中" then a lead byte followed by '<' (no trail byte), then a lead byte cut by the end.
  DecodeOutput out = converter->Decode("\xD6\xD0\xB0<p>\xCE");
  EXPECT_EQ(out.utf8, "中\xEF\xBF\xBD<p>\xEF\xBF\xBD");
  EXPECT_EQ(out.errors, 2u);
  // The converter is reusable: a second call starts afresh.
  DecodeOutput again = converter->Decode("\xD6\xD0");
  EXPECT_EQ(again.utf8, "中");
  EXPECT_EQ(again.errors, 0u);
}

TEST(IcuConverter, UnknownConverterNameIsADecodeError) {
  auto converter = IcuConverter::Open("no-such-charset-xyz");
  ASSERT_FALSE(converter.has_value());
  EXPECT_EQ(converter.error().code, util::ErrorCode::kDecode);
}

// WHATWG Encoding index-iso-8859-16.
TEST(HandDecodedHighHalf, Iso885916FollowsTheWhatwgIndex) {
  const char16_t* table = HandDecodedHighHalf("iso-8859-16");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table[0x80 - 0x80], u'\u0080');
  EXPECT_EQ(table[0xA4 - 0x80], u'€');
  EXPECT_EQ(table[0xAA - 0x80], u'Ș');
  EXPECT_EQ(table[0xDE - 0x80], u'Ț');
  EXPECT_EQ(table[0xFF - 0x80], u'ÿ');
  EXPECT_EQ(HandDecodedHighHalf("windows-1252"), nullptr);
}

TEST(IsSingleByteEncoding, TellsTablesFromMultiByteEncodings) {
  for (const char* single : {"windows-1252", "koi8-r", "iso-8859-16", "x-user-defined"}) {
    EXPECT_TRUE(IsSingleByteEncoding(single)) << single;
  }
  for (const char* multi : {"gb18030", "utf-8", "big5", "shift_jis", "utf-16le", "replacement"}) {
    EXPECT_FALSE(IsSingleByteEncoding(multi)) << multi;
  }
}

TEST(IsAsciiCompatible, ExcludesUtf16Iso2022JpAndReplacement) {
  EXPECT_TRUE(IsAsciiCompatible("gb18030"));
  EXPECT_TRUE(IsAsciiCompatible("windows-1252"));
  for (const char* encoding : {"utf-16be", "utf-16le", "iso-2022-jp", "replacement"}) {
    EXPECT_FALSE(IsAsciiCompatible(encoding)) << encoding;
  }
}

}  // namespace
}  // namespace extract
