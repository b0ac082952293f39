#include "extract/charset.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/support/test_paths.h"

namespace extract {
namespace {

// "中文新闻" in GBK.
constexpr const char* kGbkNews = "\xD6\xD0\xCE\xC4\xD0\xC2\xCE\xC5";
// A sentence in GBK (from `iconv -f utf-8 -t gbk`) and the same in UTF-8.
constexpr const char* kGbkSentence =
    "\xBE\xAB\xD0\xC4\xC4\xB1\xBB\xAE\xB4\xF3\xD5\xD0\xC9\xCC\xC8\xAB\xC1\xA6\xD2\xD4\xB8\xB0"
    "\xB0\xEC\xCA\xA2\xBB\xE1\xA3\xAC\xE4\xF0\xBA\xD3\xCA\xD0\xD5\xD9\xBF\xAA\xC8\xAB\xCA\xD0"
    "\xB4\xF3\xD5\xD0\xC9\xCC\xB6\xAF\xD4\xB1\xBB\xE1\xA1\xA3";
constexpr const char* kUtf8Sentence = "精心谋划大招商全力以赴办盛会，漯河市召开全市大招商动员会。";
// 镕 喆 堃 昇: in GBK, not in GB2312 (`iconv -f utf-8 -t gbk`: E946 86B4 88D2 954E).
constexpr const char* kGbkOnlyCharacters = "\xE9\x46\x86\xB4\x88\xD2\x95\x4E";
// "臺灣新聞報導" in Big5.
constexpr const char* kBig5News = "\xBB\x4F\xC6\x57\xB7\x73\xBB\x44\xB3\xF8\xBE\xC9";
constexpr const char* kReplacement = "\xEF\xBF\xBD";

std::string Page(const std::string& head, const std::string& text, int paragraphs = 20) {
  std::string body;
  for (int i = 0; i < paragraphs; ++i) body += "<p>" + text + "</p>\n";
  return "<html><head>" + head + "<title>t</title></head><body>" + body + "</body></html>";
}

bool HasReplacement(const std::string& s) { return s.find(kReplacement) != std::string::npos; }

// Strict UTF-8 check (Unicode §3.9 Table 3-7), written independently of the decoder.
bool IsValidUtf8(const std::string& s) {
  size_t i = 0;
  auto cont = [&](size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    if (k >= s.size()) return false;
    auto c = static_cast<unsigned char>(s[k]);
    return c >= lo && c <= hi;
  };
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      i += 1;
    } else if (c >= 0xC2 && c <= 0xDF && cont(i + 1)) {
      i += 2;
    } else if (c >= 0xE0 && c <= 0xEF &&
               cont(i + 1, c == 0xE0 ? 0xA0 : 0x80, c == 0xED ? 0x9F : 0xBF) && cont(i + 2)) {
      i += 3;
    } else if (c >= 0xF0 && c <= 0xF4 &&
               cont(i + 1, c == 0xF0 ? 0x90 : 0x80, c == 0xF4 ? 0x8F : 0xBF) && cont(i + 2) &&
               cont(i + 3)) {
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

// --- Content-Type ---------------------------------------------------------------------------

// RFC 9110 §8.3.1 Media type: parameters, case-insensitive names, quoted values.
TEST(CharsetFromContentType, ReadsTheCharsetParameterLowerCased) {
  EXPECT_EQ(CharsetFromContentType("text/html; charset=GB2312").value_or(""), "gb2312");
  EXPECT_EQ(CharsetFromContentType("text/html;charset=utf-8").value_or(""), "utf-8");
  EXPECT_EQ(CharsetFromContentType("TEXT/HTML; CHARSET=Big5").value_or(""), "big5");
}

// RFC 9110 §5.6.4 quoted-string and §5.6.6 parameters.
TEST(CharsetFromContentType, AcceptsQuotesSpacesAndOtherParameters) {
  EXPECT_EQ(CharsetFromContentType("text/html;charset=\"utf-8\"").value_or(""), "utf-8");
  EXPECT_EQ(CharsetFromContentType("text/html; q=1; Charset='gbk' ").value_or(""), "gbk");
  EXPECT_EQ(
      CharsetFromContentType("text/html ; boundary=x ; charset = gb2312 ; foo=bar").value_or(""),
      "gb2312");
  EXPECT_EQ(CharsetFromContentType("text/html; charset=utf-8, text/html").value_or(""), "utf-8");
}

TEST(CharsetFromContentType, EmptyOrMissingCharsetIsNone) {
  EXPECT_FALSE(CharsetFromContentType("text/html").has_value());
  EXPECT_FALSE(CharsetFromContentType("").has_value());
  EXPECT_FALSE(CharsetFromContentType("text/html; charset=").has_value());
  EXPECT_FALSE(CharsetFromContentType("text/html; charset=\"\"").has_value());
  EXPECT_FALSE(CharsetFromContentType("text/html;").has_value());
}

TEST(CharsetFromContentType, OnlyAParameterNamedCharsetCounts) {
  EXPECT_FALSE(CharsetFromContentType("text/html; xcharset=gbk").has_value());
  EXPECT_FALSE(CharsetFromContentType("text/html; name=\"charset=gbk\"").has_value());
  EXPECT_FALSE(CharsetFromContentType("text/html-charset=gbk").has_value());
}

// --- Meta prescan ---------------------------------------------------------------------------

// WHATWG HTML §13.2.3.2 prescan: <meta charset>.
TEST(PrescanMetaCharset, FindsTheCharsetAttribute) {
  EXPECT_EQ(PrescanMetaCharset("<meta charset=gbk>").value_or(""), "gbk");
  EXPECT_EQ(PrescanMetaCharset("<html><head><META CHARSET=\"UTF-8\">").value_or(""), "utf-8");
  EXPECT_EQ(PrescanMetaCharset("<meta charset=' GB2312 '/>").value_or(""), "gb2312");
  EXPECT_EQ(PrescanMetaCharset("<meta\ncharset=big5>").value_or(""), "big5");
}

// WHATWG HTML §13.2.3.2 prescan: http-equiv + content, attributes in any order.
TEST(PrescanMetaCharset, FindsHttpEquivContentInAnyAttributeOrder) {
  EXPECT_EQ(PrescanMetaCharset("<meta http-equiv=\"Content-Type\" content=\"text/html; "
                               "charset=gb2312\">")
                .value_or(""),
            "gb2312");
  EXPECT_EQ(PrescanMetaCharset("<meta content='text/html; charset=big5' "
                               "http-equiv='content-type'>")
                .value_or(""),
            "big5");
  EXPECT_EQ(PrescanMetaCharset("<META HTTP-EQUIV=Content-Type CONTENT=\"text/html; "
                               "charset=GBK\">")
                .value_or(""),
            "gbk");
}

// WHATWG HTML §13.2.3.2 prescan "get an attribute": unquoted values end at space or '>'.
TEST(PrescanMetaCharset, ReadsUnquotedValues) {
  EXPECT_EQ(PrescanMetaCharset("<meta charset=gb2312><title>x</title>").value_or(""), "gb2312");
  EXPECT_EQ(PrescanMetaCharset("<meta http-equiv=content-type content=text/html;charset=gbk>")
                .value_or(""),
            "gbk");
}

// WHATWG HTML §13.2.3.2 prescan: content without http-equiv leaves need pragma unmet.
TEST(PrescanMetaCharset, IgnoresContentWithoutHttpEquiv) {
  EXPECT_FALSE(PrescanMetaCharset("<meta content=\"text/html; charset=gbk\">").has_value());
  EXPECT_FALSE(
      PrescanMetaCharset("<meta http-equiv=refresh content=\"0; charset=gbk\">").has_value());
}

// WHATWG HTML §13.2.3.2 prescan: comments are skipped whole.
TEST(PrescanMetaCharset, IgnoresMetaInsideComments) {
  EXPECT_FALSE(PrescanMetaCharset("<!-- <meta charset=gbk> -->").has_value());
  EXPECT_EQ(PrescanMetaCharset("<!-- <meta charset=gbk> --><meta charset=big5>").value_or(""),
            "big5");
  EXPECT_EQ(PrescanMetaCharset("<!--><meta charset=big5>").value_or(""), "big5");
}

// WHATWG HTML §13.2.3.2 prescan: other tags' attributes are skipped, not scanned.
TEST(PrescanMetaCharset, IgnoresMetaTextInsideOtherTagsAttributes) {
  EXPECT_FALSE(PrescanMetaCharset("<div title=\"<meta charset=gbk>\">x</div>").has_value());
}

// WHATWG HTML §13.2.3.2: the prescan reads at most 1024 bytes.
TEST(PrescanMetaCharset, IgnoresMetaAfterTheFirst1024Bytes) {
  EXPECT_FALSE(PrescanMetaCharset(std::string(1100, ' ') + "<meta charset=gbk>").has_value());
  EXPECT_EQ(PrescanMetaCharset(std::string(1000, ' ') + "<meta charset=gbk>").value_or(""), "gbk");
}

// WHATWG HTML §13.2.3.2 prescan: a charset that is no encoding is no declaration.
TEST(PrescanMetaCharset, SkipsUnknownLabelsAndKeepsLooking) {
  EXPECT_FALSE(PrescanMetaCharset("<meta charset=klingon>").has_value());
  EXPECT_EQ(PrescanMetaCharset("<meta charset=klingon><meta charset=gbk>").value_or(""), "gbk");
  // The first charset attribute counts; repeated attributes are ignored.
  EXPECT_EQ(PrescanMetaCharset("<meta charset=gbk charset=big5>").value_or(""), "gbk");
}

// --- Byte order marks -----------------------------------------------------------------------

// WHATWG Encoding §6 "decode": a BOM wins over every declaration and is removed.
TEST(DecodeHtml, Utf8ByteOrderMarkWinsAndIsRemoved) {
  DecodedPage page = DecodeHtml("\xEF\xBB\xBF<meta charset=gbk><p>\xE4\xB8\xAD</p>", "text/html");
  EXPECT_EQ(page.encoding.used, "utf-8");
  EXPECT_EQ(page.encoding.declared.value_or(""), "gbk");
  EXPECT_EQ(page.utf8, "<meta charset=gbk><p>中</p>");
}

// WHATWG Encoding §6 "decode": FF FE is UTF-16LE.
TEST(DecodeHtml, Utf16LeByteOrderMarkDecodesUtf16Le) {
  DecodedPage page = DecodeHtml(std::string("\xFF\xFE<\0p\0>\0\x2DN", 10), std::nullopt);
  EXPECT_EQ(page.encoding.used, "utf-16le");
  EXPECT_EQ(page.utf8, "<p>中");
  EXPECT_FALSE(page.had_invalid_bytes);
}

// WHATWG Encoding §6 "decode": FE FF is UTF-16BE.
TEST(DecodeHtml, Utf16BeByteOrderMarkDecodesUtf16Be) {
  DecodedPage page =
      DecodeHtml(std::string("\xFE\xFF\0<\0p\0>N\x2D", 10), "text/html; charset=gbk");
  EXPECT_EQ(page.encoding.used, "utf-16be");
  EXPECT_EQ(page.utf8, "<p>中");
}

// --- Declarations ---------------------------------------------------------------------------

// WHATWG HTML §13.2.3.2 prescan: a meta declaring UTF-16 means UTF-8.
TEST(DecodeHtml, MetaDeclaringUtf16MeansUtf8) {
  DecodedPage page = DecodeHtml("<meta charset=utf-16><p>\xE4\xB8\xAD</p>", std::nullopt);
  EXPECT_EQ(page.encoding.declared.value_or(""), "utf-16");
  EXPECT_EQ(page.encoding.used, "utf-8");
  EXPECT_EQ(page.utf8, "<meta charset=utf-16><p>中</p>");
}

// WHATWG HTML §13.2.3.2 prescan: a meta declaring x-user-defined means windows-1252.
TEST(DecodeHtml, MetaDeclaringXUserDefinedMeansWindows1252) {
  DecodedPage page = DecodeHtml("<meta charset=x-user-defined><p>caf\xE9 </p>", std::nullopt);
  EXPECT_EQ(page.encoding.used, "windows-1252");
  EXPECT_NE(page.utf8.find("café"), std::string::npos);
}

TEST(DecodeHtml, HeaderUtf16OnBytesWithoutNulIsNotBelieved) {
  DecodedPage page = DecodeHtml(Page("", kUtf8Sentence), "text/html; charset=utf-16");
  EXPECT_EQ(page.encoding.declared.value_or(""), "utf-16");
  EXPECT_EQ(page.encoding.used, "utf-8");
  EXPECT_NE(page.utf8.find(kUtf8Sentence), std::string::npos);
}

// WHATWG Encoding §4.2: gb2312 is a label of gbk, whose decoder is gb18030 (§10.1.1).
TEST(DecodeHtml, Gb2312LabelDecodesGbkOnlyCharactersAsGb18030) {
  // Pages labelled gb2312 use GBK characters (镕 喆 堃 昇, traditional forms) all the time.
  std::string bytes = Page("<meta http-equiv='Content-Type' content='text/html; charset=gb2312'>",
                           std::string(kGbkOnlyCharacters) + kGbkSentence);
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.declared.value_or(""), "gb2312");
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_FALSE(page.encoding.detected.has_value());  // a clean declaration needs no detector
  EXPECT_NE(page.utf8.find(std::string("镕喆堃昇") + kUtf8Sentence), std::string::npos);
  EXPECT_FALSE(HasReplacement(page.utf8));
  EXPECT_FALSE(page.had_invalid_bytes);
}

// WHATWG Encoding §10.2.1 gb18030 decoder: byte 0x80 is U+20AC.
TEST(DecodeHtml, Gb18030ByteEightyIsTheEuroSign) {
  DecodedPage page = DecodeHtml(
      std::string("<meta charset=gbk><p>\x80") + "100 " + kGbkNews + "\x80</p>", std::nullopt);
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_NE(page.utf8.find("€100 中文新闻€"), std::string::npos) << page.utf8;
  EXPECT_FALSE(page.had_invalid_bytes);
}

TEST(DecodeHtml, HeaderBeatsMeta) {
  std::string bytes = Page("<meta charset=big5>", kGbkSentence);
  DecodedPage page = DecodeHtml(bytes, "text/html; charset=GBK");
  EXPECT_EQ(page.encoding.declared.value_or(""), "gbk");
  EXPECT_EQ(page.encoding.used, "gb18030");
}

TEST(DecodeHtml, UnknownHeaderLabelFallsThroughToTheMeta) {
  std::string bytes = Page("<meta charset=gbk>", kGbkSentence);
  DecodedPage page = DecodeHtml(bytes, "text/html; charset=x-klingon");
  EXPECT_EQ(page.encoding.declared.value_or(""), "x-klingon");
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_NE(page.utf8.find(kUtf8Sentence), std::string::npos);
}

TEST(DecodeHtml, PureAsciiDecodesAsTheDeclaredEncoding) {
  DecodedPage page = DecodeHtml("<meta charset=gb2312><p>hello</p>", std::nullopt);
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_EQ(page.utf8, "<meta charset=gb2312><p>hello</p>");
  DecodedPage latin = DecodeHtml("<p>hello</p>", "text/html; charset=iso-8859-1");
  EXPECT_EQ(latin.encoding.used, "windows-1252");
  DecodedPage undeclared = DecodeHtml("<p>hello</p>", std::nullopt);
  EXPECT_EQ(undeclared.encoding.used, "utf-8");
  EXPECT_FALSE(undeclared.encoding.declared.has_value());
  EXPECT_FALSE(undeclared.encoding.detected.has_value());
}

// --- Validation: declarations that fail on the bytes ----------------------------------------

TEST(DecodeHtml, HeaderSaysUtf8ButBytesAreGbk) {
  std::string bytes = Page("", kGbkSentence);
  DecodedPage page = DecodeHtml(bytes, "text/html; charset=utf-8");
  EXPECT_EQ(page.encoding.declared.value_or(""), "utf-8");
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_NE(page.utf8.find(kUtf8Sentence), std::string::npos);
  EXPECT_FALSE(page.had_invalid_bytes);
}

TEST(DecodeHtml, MetaSaysGb2312ButBytesAreUtf8) {
  std::string bytes = Page("<meta charset=gb2312>", kUtf8Sentence);
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.declared.value_or(""), "gb2312");
  EXPECT_EQ(page.encoding.used, "utf-8");
  EXPECT_NE(page.utf8.find(kUtf8Sentence), std::string::npos);
}

TEST(DecodeHtml, MetaSaysGb2312ButOneUtf8ParagraphIsUtf8) {
  // One paragraph of UTF-8 Chinese can decode "cleanly" as GB18030; valid UTF-8 wins anyway.
  std::string bytes = Page("<meta charset=gb2312>", "大招商动员会", 1);
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.used, "utf-8");
  EXPECT_NE(page.utf8.find("大招商动员会"), std::string::npos);
}

TEST(DecodeHtml, Latin1LabelOnGbkBytesIsReadAsChinese) {
  std::string bytes = Page("<meta charset=iso-8859-1>", kGbkSentence);
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.declared.value_or(""), "iso-8859-1");
  EXPECT_EQ(page.encoding.detected.value_or(""), "gb18030");
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_NE(page.utf8.find(kUtf8Sentence), std::string::npos);
}

TEST(DecodeHtml, Latin1LabelOnWesternTextStaysWindows1252) {
  std::string bytes = Page("<meta charset=iso-8859-1>",
                           "caf\xE9 cr\xE8"
                           "me br\xFBl\xE9"
                           "e \x80 5");
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.used, "windows-1252");
  EXPECT_NE(page.utf8.find("café crème brûlée € 5"), std::string::npos);
}

TEST(DecodeHtml, Latin1LabelOnUtf8BytesIsUtf8) {
  DecodedPage page = DecodeHtml(Page("<meta charset=iso-8859-1>", "café crème"), std::nullopt);
  EXPECT_EQ(page.encoding.used, "utf-8");
  EXPECT_NE(page.utf8.find("café crème"), std::string::npos);
}

TEST(DecodeHtml, Latin1LabelOnUtf8WithAStrayByteIsUtf8) {
  std::string bytes = Page("<meta charset=iso-8859-1>", kUtf8Sentence, 40) + "\xE9 ";
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.used, "utf-8");
  EXPECT_TRUE(page.had_invalid_bytes);
  EXPECT_NE(page.utf8.find(kUtf8Sentence), std::string::npos);
}

// WHATWG Encoding §4.2: hz-gb-2312 is a label of "replacement", which would lose the page.
TEST(DecodeHtml, ReplacementLabelDoesNotLoseThePage) {
  DecodedPage page = DecodeHtml(Page("", kUtf8Sentence), "text/html; charset=hz-gb-2312");
  EXPECT_EQ(page.encoding.used, "utf-8");
  EXPECT_NE(page.utf8.find(kUtf8Sentence), std::string::npos);
}

TEST(DecodeHtml, GbkPageWithACharacterCutBySiteKeepsItsDeclaration) {
  // The site cut a title in the middle of a character: one broken byte among many good ones.
  std::string bytes = Page("<meta charset=gb2312>", kGbkSentence, 40);
  bytes.insert(bytes.find("</title>"), "\xB4");
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_TRUE(page.had_invalid_bytes);
  EXPECT_NE(page.utf8.find(kUtf8Sentence), std::string::npos);
}

TEST(DecodeHtml, StrayInvalidByteInALongUtf8PageKeepsUtf8) {
  std::string bytes = Page("<meta charset=utf-8>", kUtf8Sentence, 50) + "\xFF";
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.used, "utf-8");
  EXPECT_TRUE(page.had_invalid_bytes);
  EXPECT_NE(page.utf8.find(kUtf8Sentence), std::string::npos);
}

// --- No declaration -------------------------------------------------------------------------

TEST(DecodeHtml, UndeclaredGbkBehindAWrapperLineIsDetected) {
  // The cwced collection wraps pages in a <text id=URL> line before the HTML.
  std::string bytes = "<text id=http://x.example/a.html>\n" + Page("", kGbkSentence);
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_FALSE(page.encoding.declared.has_value());
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_NE(page.utf8.find(kUtf8Sentence), std::string::npos);
  EXPECT_FALSE(page.had_invalid_bytes);
}

TEST(DecodeHtml, ShortUndeclaredChineseIsNotReadAsGreek) {
  // uchardet calls these 8 bytes ISO-8859-7; only GB18030 decodes them cleanly.
  DecodedPage page = DecodeHtml(std::string("<p>") + kGbkNews + "</p>", std::nullopt);
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_EQ(page.utf8, "<p>中文新闻</p>");
}

TEST(DecodeHtml, ShortChineseUnderAValidDeclarationIsNotOverriddenByTheDetector) {
  DecodedPage page =
      DecodeHtml(std::string("<meta charset=gbk><p>") + kGbkNews + "</p>", std::nullopt);
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_NE(page.utf8.find("中文新闻"), std::string::npos);
}

TEST(DecodeHtml, UndeclaredBig5IsDetected) {
  DecodedPage page = DecodeHtml(Page("", kBig5News, 40), std::nullopt);
  EXPECT_EQ(page.encoding.used, "big5");
  EXPECT_NE(page.utf8.find("臺灣新聞報導"), std::string::npos);
}

TEST(DecodeHtml, UndeclaredUtf8NeedsNoDetector) {
  DecodedPage page = DecodeHtml(Page("", kUtf8Sentence), std::nullopt);
  EXPECT_EQ(page.encoding.used, "utf-8");
  EXPECT_FALSE(page.encoding.detected.has_value());
  EXPECT_FALSE(page.had_invalid_bytes);
}

TEST(DecodeHtml, LargeUndeclaredGbkPageDecodesWhole) {
  // Bigger than the prefix that candidates are ranked on.
  std::string bytes = Page("", kGbkSentence, 40000);
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_FALSE(page.had_invalid_bytes);
  EXPECT_EQ(page.utf8, Page("", kUtf8Sentence, 40000));
}

// --- Broken and hostile input ---------------------------------------------------------------

TEST(DecodeHtml, TruncatedUtf8CharacterAtTheEndBreaksOnlyThatCharacter) {
  std::string bytes = Page("<meta charset=utf-8>", kUtf8Sentence) + "\xE4\xB8";
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.used, "utf-8");
  EXPECT_TRUE(page.had_invalid_bytes);
  std::string expected = Page("<meta charset=utf-8>", kUtf8Sentence);
  ASSERT_EQ(page.utf8.substr(0, expected.size()), expected);
  EXPECT_EQ(page.utf8.substr(expected.size()), std::string(kReplacement) + kReplacement);
}

TEST(DecodeHtml, TruncatedGbkCharacterAtTheEndBreaksOnlyThatCharacter) {
  std::string bytes = Page("<meta charset=gbk>", kGbkSentence) + "\xD6";
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_TRUE(page.had_invalid_bytes);
  std::string expected = Page("<meta charset=gbk>", kUtf8Sentence);
  ASSERT_EQ(page.utf8.substr(0, expected.size()), expected);
  EXPECT_EQ(page.utf8.substr(expected.size()), kReplacement);
}

TEST(DecodeHtml, BinaryGarbageGivesValidUtf8OfBoundedSize) {
  std::string garbage;
  for (int i = 0; i < 5000; ++i) garbage.push_back(static_cast<char>((i * 7919 + i / 7) % 256));
  for (std::optional<std::string_view> header :
       {std::optional<std::string_view>(),
        std::optional<std::string_view>("text/html; charset=utf-8"),
        std::optional<std::string_view>("text/html; charset=gbk"),
        std::optional<std::string_view>("text/html; charset=utf-16"),
        std::optional<std::string_view>("text/html; charset=x-user-defined")}) {
    for (const std::string& input : {garbage, std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16),
                                     std::string(3000, '\x80'), std::string(3000, '\xFF')}) {
      DecodedPage page = DecodeHtml(input, header);
      EXPECT_TRUE(IsValidUtf8(page.utf8)) << header.value_or("none");
      EXPECT_LE(page.utf8.size(), 3 * input.size()) << header.value_or("none");
    }
  }
}

TEST(DecodeHtml, EmptyInputIsEmptyUtf8) {
  DecodedPage page = DecodeHtml("", std::nullopt);
  EXPECT_EQ(page.utf8, "");
  EXPECT_EQ(page.encoding.used, "utf-8");
  EXPECT_FALSE(page.had_invalid_bytes);
  DecodedPage declared = DecodeHtml("", "text/html; charset=gbk");
  EXPECT_EQ(declared.utf8, "");
  EXPECT_EQ(declared.encoding.declared.value_or(""), "gbk");
}

// WHATWG Encoding index-windows-1252: no byte is an error.
TEST(DecodeHtml, Windows1252HolesAreControlCharactersNotReplacements) {
  DecodedPage page = DecodeHtml(
      "<p>a\x81"
      "b\x9D</p>",
      "text/html; charset=windows-1252");
  EXPECT_EQ(page.encoding.used, "windows-1252");
  EXPECT_EQ(page.utf8,
            "<p>a\xC2\x81"
            "b\xC2\x9D</p>");
  EXPECT_FALSE(page.had_invalid_bytes);
}

// WHATWG Encoding index-iso-8859-16 (decoded by hand: ICU's data lacks it).
TEST(DecodeHtml, Iso885916IsDecodedFromItsIndex) {
  DecodedPage page = DecodeHtml("<p>\xAA\x74i \xA4</p>", "text/html; charset=latin10");
  // "latin10" is not a WHATWG label; the standard one is "iso-8859-16".
  EXPECT_NE(page.encoding.used, "iso-8859-16");
  DecodedPage romanian = DecodeHtml("<p>\xAA\x74i \xA4</p>", "text/html; charset=iso-8859-16");
  EXPECT_EQ(romanian.encoding.used, "iso-8859-16");
  EXPECT_EQ(romanian.utf8, "<p>Ști €</p>");
}

// --- The corpus -----------------------------------------------------------------------------

// The decoding a page's charset_hint calls for.
std::string ExpectedDecoding(const std::string& hint) {
  auto whatwg = ResolveEncodingLabel(hint);
  if (!whatwg) return "?";
  return *whatwg == "gbk" ? "gb18030" : *whatwg;
}

// Every page of ../shared/corpus decodes to valid UTF-8; pages with a charset_hint decode with
// that charset and without U+FFFD, except pages whose bytes are broken at the source.
TEST(DecodeHtml, CorpusPagesDecodeAsTheirHintSays) {
  std::filesystem::path corpus = std::filesystem::path(testing_support::SharedDir()) / "corpus";
  if (!std::filesystem::exists(corpus)) GTEST_SKIP() << "no ../shared/corpus";
  // Genuinely broken bytes (checked with Python's decoders as well):
  const std::map<std::string, std::string> broken = {
      // Two link titles cut by the site in the middle of a GBK character, each followed by
      // "...": 花季少女疯狂性幻想/激<cut>... and 【DVD-RMVB】【<cut>...
      {"cwced/6dc2d508-abb9-467c-bbea-1fedfcec5f9d", "gb18030"},
  };
  int pages = 0, hinted = 0;
  for (const auto& set : std::filesystem::directory_iterator(corpus)) {
    std::ifstream manifest(set.path() / "manifest.jsonl");
    std::string line;
    while (std::getline(manifest, line)) {
      auto j = nlohmann::json::parse(line);
      std::string id = set.path().filename().string() + "/" + j["id"].get<std::string>();
      std::string bytes =
          testing_support::ReadFileOrFail((set.path() / j["file"].get<std::string>()).string());
      DecodedPage page = DecodeHtml(bytes, std::nullopt);
      ++pages;
      EXPECT_TRUE(IsValidUtf8(page.utf8)) << id;
      if (!j["charset_hint"].is_string()) continue;
      ++hinted;
      std::string expected = ExpectedDecoding(j["charset_hint"].get<std::string>());
      EXPECT_EQ(page.encoding.used, expected) << id;
      if (auto it = broken.find(id); it != broken.end()) {
        EXPECT_TRUE(page.had_invalid_bytes) << id << " is listed as broken";
        continue;
      }
      EXPECT_FALSE(page.had_invalid_bytes) << id;
      EXPECT_FALSE(HasReplacement(page.utf8)) << id << " decoded as " << page.encoding.used;
    }
  }
  EXPECT_GT(pages, 150);
  EXPECT_GT(hinted, 100);
}

}  // namespace
}  // namespace extract
