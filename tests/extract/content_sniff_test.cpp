#include "extract/content_sniff.h"

#include <gtest/gtest.h>

#include <random>

namespace extract {
namespace {

TEST(NotAPageReason, RefusesFilesThatAreNoPages) {
  using namespace std::string_literals;
  EXPECT_EQ(NotAPageReason("").value_or(""), "empty");
  EXPECT_EQ(NotAPageReason("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s).value_or(""), "a PNG image");
  EXPECT_EQ(NotAPageReason("%PDF-1.7\n%\xE2\xE3").value_or(""), "a PDF document");
  EXPECT_EQ(NotAPageReason("\x1F\x8B\x08\0\0\0\0\0"s).value_or(""), "gzip-compressed data");
  EXPECT_EQ(NotAPageReason("WARC/1.1\r\nWARC-Type: warcinfo\r\n").value_or(""),
            "a WARC file (use import-warc)");
  std::mt19937 random(1);
  std::string noise(2000, ' ');
  for (char& c : noise) c = static_cast<char>(random());
  EXPECT_EQ(NotAPageReason(noise).value_or("").rfind("binary data", 0), 0u);
}

TEST(NotAPageReason, AcceptsPagesInAnyEncoding) {
  EXPECT_FALSE(NotAPageReason("<html><body>商会</body></html>"));
  EXPECT_FALSE(NotAPageReason("\xC9\xCC\xBB\xE1 plain GBK text without markup"));
  EXPECT_FALSE(NotAPageReason("\xEF\xBB\xBF<!DOCTYPE html>"));
  // UTF-16 with its byte order mark: every other byte is NUL.
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("<html>page</html>")) {
    utf16 += c;
    utf16 += '\0';
  }
  EXPECT_FALSE(NotAPageReason(utf16));
  EXPECT_FALSE(NotAPageReason("MZ is how this plain text page happens to begin."));
}

}  // namespace
}  // namespace extract
