#include "storage/cdxj.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "util/url.h"

namespace storage {
namespace {

// The keys warcio.js's getSurt gives (wabac.js looks URLs up with it): www dropped, host
// reversed, default port dropped, query arguments sorted, fragment dropped.
TEST(SurtKey, MatchesWarcioGetSurt) {
  EXPECT_EQ(SurtKey("http://www.A.gov.cn/News/1.html"), "cn,gov,a)/news/1.html");
  EXPECT_EQ(SurtKey("https://www2.a.gov.cn:443/"), "cn,gov,a)/");
  EXPECT_EQ(SurtKey("http://a.gov.cn"), "cn,gov,a)/");
  EXPECT_EQ(SurtKey("http://a.test:8080/x?b=2&a=1&c#frag"), "test,a:8080)/x?a=1&b=2&c");
  EXPECT_EQ(SurtKey("http://user:pw@www.a.test:80/p?"), "test,a)/p");
  EXPECT_EQ(SurtKey("http://127.0.0.1:3000/a"), "1,0,0,127:3000)/a");
  EXPECT_EQ(SurtKey("dns:a.test"), "dns:a.test");
}

// Non-ASCII URLs are keyed by their percent-encoded form, escapes lower-cased as warcio does.
TEST(SurtKey, KeysPercentEncodedNonAsciiUrlsWithLowerCaseEscapes) {
  std::string uri = util::PercentEncodeUri("http://www.a.test/list.asp?page=2&lb=会员风采");
  EXPECT_EQ(uri, "http://www.a.test/list.asp?page=2&lb=%E4%BC%9A%E5%91%98%E9%A3%8E%E9%87%87");
  EXPECT_EQ(SurtKey(uri), "test,a)/list.asp?lb=%e4%bc%9a%e5%91%98%e9%a3%8e%e9%87%87&page=2");
  EXPECT_EQ(SurtKey("http://a.test/%BB%E1?lb=%BB%E1"), "test,a)/%bb%e1?lb=%bb%e1");
}

TEST(CdxjLine, HoldsKeyTimestampAndTheFieldsReplayToolsRead) {
  CdxjRecord record;
  record.uri = "http://www.a.test/1.html?b=1&a=2";
  record.date = std::chrono::system_clock::time_point(std::chrono::seconds(1714550400));
  record.mime = "text/html";
  record.status = 200;
  record.digest = "sha1:ABC";
  record.length = 512;
  record.offset = 1024;
  record.filename = "newsarc-export-1.warc.gz";
  std::string line = CdxjLine(record);
  ASSERT_EQ(line.substr(0, 39), "test,a)/1.html?a=2&b=1 20240501080000 {") << line;
  auto fields = nlohmann::json::parse(line.substr(38));
  EXPECT_EQ(fields["url"], record.uri);
  EXPECT_EQ(fields["mime"], "text/html");
  EXPECT_EQ(fields["status"], "200");
  EXPECT_EQ(fields["digest"], "sha1:ABC");
  EXPECT_EQ(fields["length"], "512");
  EXPECT_EQ(fields["offset"], "1024");
  EXPECT_EQ(fields["filename"], "newsarc-export-1.warc.gz");
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

// CDXJ: lines in bytewise (LC_ALL=C) order, so that '%' (0x25) sorts before '/' (0x2F) and
// upper case before lower case, and an older capture of a URL before a newer one.
TEST(SortCdxjLines, SortsBytewise) {
  std::vector<std::string> lines = {
      "test,a)/b 20240501000000 {}",    "test,a)/a 20240502000000 {}",
      "test,a)/a 20240501000000 {}",    "test,a)/%e4 20240501000000 {}",
      "test,a)/\xE4 20240501000000 {}", "test,a)/a?x=1 20240501000000 {}",
      "test,a)/a/b 20240501000000 {}",  "test,a)/A 20240501000000 {}"};
  SortCdxjLines(lines);
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "test,a)/%e4 20240501000000 {}", "test,a)/A 20240501000000 {}",
                       "test,a)/a 20240501000000 {}", "test,a)/a 20240502000000 {}",
                       "test,a)/a/b 20240501000000 {}", "test,a)/a?x=1 20240501000000 {}",
                       "test,a)/b 20240501000000 {}", "test,a)/\xE4 20240501000000 {}"}));
}

}  // namespace
}  // namespace storage
