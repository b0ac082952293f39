#include "extract/charset.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/support/test_paths.h"

namespace extract {
namespace {

// "中文新闻" and a longer sentence in GBK bytes.
constexpr const char* kGbkNews = "\xD6\xD0\xCE\xC4\xD0\xC2\xCE\xC5";
constexpr const char* kGbkSentence =
    "\xBE\xAB\xD0\xC4\xC4\xB1\xBB\xAE\xB4\xF3\xD5\xD0\xC9\xCC\xC8\xAB\xC1\xA6\xD2\xD4\xB8\xB0"
    "\xB0\xEC\xCA\xA2\xBB\xE1\xA3\xAC\xE4\xF0\xBA\xD3\xCA\xD0\xD5\xD9\xBF\xAA\xC8\xAB\xCA\xD0"
    "\xB4\xF3\xD5\xD0\xC9\xCC\xB6\xAF\xD4\xB1\xBB\xE1\xA1\xA3";
constexpr const char* kUtf8Sentence = "精心谋划大招商全力以赴办盛会，漯河市召开全市大招商动员会。";

std::string Page(const std::string& head, const std::string& text, int repeat = 20) {
  std::string body;
  for (int i = 0; i < repeat; ++i) body += "<p>" + text + "</p>\n";
  return "<html><head>" + head + "<title>t</title></head><body>" + body + "</body></html>";
}

bool ValidUtf8NoReplacement(const std::string& s) {
  return s.find("\xEF\xBF\xBD") == std::string::npos;
}

TEST(CharsetFromContentType, ReadsTheCharsetParameter) {
  EXPECT_EQ(CharsetFromContentType("text/html; charset=GB2312").value_or(""), "gb2312");
  EXPECT_EQ(CharsetFromContentType("text/html;charset=\"utf-8\"").value_or(""), "utf-8");
  EXPECT_EQ(CharsetFromContentType("text/html; q=1; Charset='gbk' ").value_or(""), "gbk");
  EXPECT_FALSE(CharsetFromContentType("text/html").has_value());
  EXPECT_FALSE(CharsetFromContentType("text/html; charset=").has_value());
}

// WHATWG HTML §13.2.3.2 "prescan a byte stream to determine its encoding".
TEST(PrescanMetaCharset, FindsMetaCharsetAndHttpEquiv) {
  EXPECT_EQ(PrescanMetaCharset("<meta charset=gbk>").value_or(""), "gbk");
  EXPECT_EQ(PrescanMetaCharset("<html><head><META CHARSET=\"UTF-8\">").value_or(""), "utf-8");
  EXPECT_EQ(PrescanMetaCharset("<meta http-equiv=\"Content-Type\" content=\"text/html; "
                               "charset=gb2312\">")
                .value_or(""),
            "gb2312");
  EXPECT_EQ(PrescanMetaCharset("<meta content='text/html; charset=big5' "
                               "http-equiv='content-type'>")
                .value_or(""),
            "big5");
  // content= without http-equiv is not a declaration.
  EXPECT_FALSE(PrescanMetaCharset("<meta content=\"text/html; charset=gbk\">").has_value());
  // Inside a comment: ignored.
  EXPECT_FALSE(PrescanMetaCharset("<!-- <meta charset=gbk> -->").has_value());
  // Past the first 1024 bytes: ignored by the prescan.
  EXPECT_FALSE(PrescanMetaCharset(std::string(1100, ' ') + "<meta charset=gbk>").has_value());
  // Unknown labels are not declarations.
  EXPECT_FALSE(PrescanMetaCharset("<meta charset=klingon>").has_value());
}

TEST(DecodeHtml, Gb2312LabelDecodesGbkOnlyCharactersAsGb18030) {
  // 镕 喆 堃 昇 are in GBK but not in GB2312; pages labelled gb2312 use them all the time.
  std::string bytes = Page("<meta http-equiv='Content-Type' content='text/html; charset=gb2312'>",
                           std::string("\xE9\x46\x86\xB4\x88\xD2\x95\x4E") + kGbkSentence);
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.declared.value_or(""), "gb2312");
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_NE(page.utf8.find("镕喆堃昇"), std::string::npos);
  EXPECT_TRUE(ValidUtf8NoReplacement(page.utf8));
  EXPECT_FALSE(page.had_invalid_bytes);
}

// WHATWG Encoding §10.2.1: gb18030 decoder, byte 0x80 → U+20AC.
TEST(DecodeHtml, Gb18030ByteEightyIsTheEuroSign) {
  DecodedPage page = DecodeHtml(std::string("<meta charset=gbk><p>\x80") + "100</p>", std::nullopt);
  EXPECT_NE(page.utf8.find("€100"), std::string::npos) << page.utf8;
}

TEST(DecodeHtml, HeaderSaysUtf8ButBytesAreGbk) {
  std::string bytes = Page("", kGbkSentence);
  DecodedPage page = DecodeHtml(bytes, "text/html; charset=utf-8");
  EXPECT_EQ(page.encoding.declared.value_or(""), "utf-8");
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_NE(page.utf8.find(kUtf8Sentence), std::string::npos);
}

TEST(DecodeHtml, MetaSaysGb2312ButBytesAreUtf8) {
  std::string bytes = Page("<meta charset=gb2312>", kUtf8Sentence);
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.declared.value_or(""), "gb2312");
  EXPECT_EQ(page.encoding.used, "utf-8");
  EXPECT_NE(page.utf8.find(kUtf8Sentence), std::string::npos);
}

TEST(DecodeHtml, HeaderBeatsMeta) {
  std::string bytes = Page("<meta charset=big5>", kGbkSentence);
  DecodedPage page = DecodeHtml(bytes, "text/html; charset=GBK");
  EXPECT_EQ(page.encoding.declared.value_or(""), "gbk");
  EXPECT_EQ(page.encoding.used, "gb18030");
}

TEST(DecodeHtml, UndeclaredGbkIsDetected) {
  std::string bytes = "<text id=http://x.example/a.html>\n" + Page("", kGbkSentence);
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_FALSE(page.encoding.declared.has_value());
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_NE(page.utf8.find(kUtf8Sentence), std::string::npos);
}

TEST(DecodeHtml, ShortChineseUnderAValidDeclarationIsNotOverriddenByTheDetector) {
  // uchardet calls these 8 bytes ISO-8859-7; the declaration decodes them cleanly.
  std::string bytes = std::string("<meta charset=gbk><p>") + kGbkNews + "</p>";
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_NE(page.utf8.find("中文新闻"), std::string::npos);
}

TEST(DecodeHtml, Latin1LabelOnGbkBytesIsReadAsChinese) {
  std::string bytes = Page("<meta charset=iso-8859-1>", kGbkSentence);
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.used, "gb18030");
  EXPECT_NE(page.utf8.find(kUtf8Sentence), std::string::npos);
}

TEST(DecodeHtml, Latin1LabelOnWesternTextStaysWindows1252) {
  std::string bytes = Page("<meta charset=iso-8859-1>",
                           "caf\xE9 cr\xE8"
                           "me br\xFBl\xE9"
                           "e");
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.used, "windows-1252");
  EXPECT_NE(page.utf8.find("café crème brûlée"), std::string::npos);
}

TEST(DecodeHtml, ByteOrderMarksWin) {
  DecodedPage utf8 = DecodeHtml("\xEF\xBB\xBF<meta charset=gbk><p>\xE4\xB8\xAD</p>", std::nullopt);
  EXPECT_EQ(utf8.encoding.used, "utf-8");
  EXPECT_EQ(utf8.utf8.rfind("<meta", 0), 0u);  // BOM removed
  EXPECT_NE(utf8.utf8.find("中"), std::string::npos);
  DecodedPage le = DecodeHtml(std::string("\xFF\xFE<\0p\0>\0-N", 10), std::nullopt);
  EXPECT_EQ(le.encoding.used, "utf-16le");
  EXPECT_NE(le.utf8.find("<p>中"), std::string::npos);
}

TEST(DecodeHtml, MetaUtf16MeansUtf8) {
  DecodedPage page = DecodeHtml("<meta charset=utf-16><p>\xE4\xB8\xAD</p>", std::nullopt);
  EXPECT_EQ(page.encoding.used, "utf-8");
}

TEST(DecodeHtml, TruncatedMultibyteAtTheEndOnlyBreaksTheLastCharacter) {
  std::string bytes = Page("<meta charset=utf-8>", kUtf8Sentence) + "\xE4\xB8";
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.used, "utf-8");
  EXPECT_TRUE(page.had_invalid_bytes);
  size_t first = page.utf8.find("\xEF\xBF\xBD");
  ASSERT_NE(first, std::string::npos);
  EXPECT_GT(first, page.utf8.size() - 10);
}

TEST(DecodeHtml, StrayInvalidByteInALongUtf8PageKeepsUtf8) {
  std::string bytes = Page("<meta charset=utf-8>", kUtf8Sentence, 50) + "\xFF";
  DecodedPage page = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(page.encoding.used, "utf-8");
}

TEST(DecodeHtml, BinaryGarbageAndEmptyInputGiveValidUtf8) {
  std::string garbage;
  for (int i = 0; i < 5000; ++i) garbage.push_back(static_cast<char>((i * 7919) % 256));
  for (const std::string& input : {garbage, std::string(), std::string("\x89PNG\r\n\x1a\n", 8)}) {
    DecodedPage page = DecodeHtml(input, std::nullopt);
    // Valid UTF-8: every byte sequence decodes without error.
    std::string copy = page.utf8;
    DecodedPage again = DecodeHtml(copy, "text/html; charset=utf-8");
    EXPECT_FALSE(again.had_invalid_bytes);
  }
}

// Every labelled corpus page decodes without U+FFFD, except pages whose bytes are broken.
TEST(DecodeHtml, CorpusPagesDecodeWithoutReplacementCharacters) {
  std::filesystem::path corpus = std::filesystem::path(testing_support::SharedDir()) / "corpus";
  if (!std::filesystem::exists(corpus)) GTEST_SKIP() << "no ../shared/corpus";
  // Genuinely broken bytes: titles cut in the middle of a GB2312 character by the site itself.
  const std::set<std::string> broken = {"6dc2d508-abb9-467c-bbea-1fedfcec5f9d"};
  int pages = 0;
  for (const auto& set : std::filesystem::directory_iterator(corpus)) {
    std::ifstream manifest(set.path() / "manifest.jsonl");
    std::string line;
    while (std::getline(manifest, line)) {
      auto j = nlohmann::json::parse(line);
      std::string bytes = testing_support::ReadFileOrFail((set.path() / j["file"]).string());
      DecodedPage page = DecodeHtml(bytes, std::nullopt);
      ++pages;
      std::string id = j["id"];
      if (broken.count(id)) continue;
      // A few pages were saved with U+FFFD already in them (broken at the source).
      if (bytes.find("\xEF\xBF\xBD") != std::string::npos) continue;
      EXPECT_TRUE(ValidUtf8NoReplacement(page.utf8))
          << set.path().filename() << "/" << id << " decoded as " << page.encoding.used;
    }
  }
  EXPECT_GT(pages, 100);
}

}  // namespace
}  // namespace extract
