#include "storage/warc_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>

#include "storage/warc_writer.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

std::string Record(const std::string& type, const std::string& uri, const std::string& block,
                   const std::string& version = "WARC/1.0") {
  return version + "\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

std::string Gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::vector<WarcRecord> ReadAll(const std::string& path, std::vector<WarcDamage>* damage) {
  auto reader = WarcReader::Open(path);
  EXPECT_TRUE(reader.has_value());
  std::vector<WarcRecord> out;
  if (!reader) return out;
  for (int i = 0; i < 10000; ++i) {
    auto r = reader->Next();
    if (!r) break;
    out.push_back(std::move(*r));
  }
  if (damage) *damage = reader->damage();
  return out;
}

const std::string kResponse = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>";

TEST(WarcReader, ReadsWhatTheWriterWrote) {
  std::string dir = testing_support::MakeTempDir();
  WarcWriterOptions o;
  o.directory = dir;
  o.software = "newsarc/test";
  std::string file;
  {
    auto w = WarcWriter::Open(o);
    ASSERT_OK(w);
    WarcExchange ex;
    ex.target_uri = "http://a.test/x";
    ex.request_head = "GET /x HTTP/1.1\r\nHost: a.test\r\n\r\n";
    ex.response_head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
    ex.payload = "<p>正文</p>";
    ASSERT_OK(w->Write(ex));
    file = w->files().back();
  }
  std::vector<WarcDamage> damage;
  auto records = ReadAll(file, &damage);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_TRUE(damage.empty());
  EXPECT_EQ(records[0].Type(), "warcinfo");
  EXPECT_EQ(records[1].Type(), "response");
  EXPECT_EQ(records[1].TargetUri(), "http://a.test/x");
  auto http = ParseHttpResponse(records[1].block);
  ASSERT_TRUE(http.has_value());
  EXPECT_EQ(http->status, 200);
  EXPECT_EQ(http->body, "<p>正文</p>");
  EXPECT_EQ(records[2].Type(), "request");
}

TEST(WarcReader, ReadsUncompressedAndWholeFileGzipWarcs) {
  std::string plain = Record("warcinfo", "", "software: wget\r\n") +
                      Record("response", "<http://a.test/>", kResponse);
  std::string dir = testing_support::MakeTempDir();
  std::ofstream(dir + "/plain.warc", std::ios::binary) << plain;
  std::ofstream(dir + "/whole.warc.gz", std::ios::binary) << Gzip(plain);
  for (const char* name : {"/plain.warc", "/whole.warc.gz"}) {
    auto records = ReadAll(dir + name, nullptr);
    ASSERT_EQ(records.size(), 2u) << name;
    EXPECT_EQ(records[1].TargetUri(), "http://a.test/") << name;  // brackets of WARC 1.0 dropped
  }
}

TEST(WarcReader, SkipsACorruptMemberAndReportsItsOffset) {
  std::string good1 = Gzip(Record("response", "http://a.test/1", kResponse));
  std::string bad = Gzip(Record("response", "http://a.test/2", kResponse));
  for (size_t i = 12; i < bad.size() - 8; ++i) bad[i] = static_cast<char>(bad[i] ^ 0x5a);
  std::string good3 = Gzip(Record("response", "http://a.test/3", kResponse));
  std::string dir = testing_support::MakeTempDir();
  std::ofstream(dir + "/damaged.warc.gz", std::ios::binary) << good1 << bad << good3;
  std::vector<WarcDamage> damage;
  auto records = ReadAll(dir + "/damaged.warc.gz", &damage);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].TargetUri(), "http://a.test/1");
  EXPECT_EQ(records[1].TargetUri(), "http://a.test/3");
  EXPECT_EQ(records[1].offset, good1.size() + bad.size());
  ASSERT_FALSE(damage.empty());
  EXPECT_EQ(damage[0].offset, good1.size());
}

TEST(WarcReader, ReportsATruncatedLastRecord) {
  std::string whole = Record("response", "http://a.test/1", kResponse) +
                      Record("response", "http://a.test/2", kResponse);
  std::string dir = testing_support::MakeTempDir();
  std::ofstream(dir + "/cut.warc", std::ios::binary) << whole.substr(0, whole.size() - 20);
  std::vector<WarcDamage> damage;
  auto records = ReadAll(dir + "/cut.warc", &damage);
  ASSERT_EQ(records.size(), 1u);
  ASSERT_EQ(damage.size(), 1u);
  EXPECT_NE(damage[0].message.find("truncated"), std::string::npos);
}

TEST(WarcReader, RefusesFilesThatAreNotWarc) {
  std::string dir = testing_support::MakeTempDir();
  std::ofstream(dir + "/x.txt") << "hello";
  EXPECT_ERROR_CODE(WarcReader::Open(dir + "/x.txt"), kParse);
  EXPECT_ERROR_CODE(WarcReader::Open(dir + "/missing.warc"), kIo);
}

// RFC 9112 §7.1: chunked transfer coding.
TEST(ParseHttpResponse, DechunksChunkedBodies) {
  auto m = ParseHttpResponse(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->body, "Wikipedia");
  EXPECT_FALSE(ParseHttpResponse("GET / HTTP/1.1\r\n\r\n").has_value());
}

}  // namespace
}  // namespace storage
