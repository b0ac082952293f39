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

// Issue #17 point 3: a truncated gzip member is one damaged stretch, not one for the member and
// one for the record it held; in the middle of the file the next member is still found.
TEST(WarcReader, ATruncatedGzipMemberIsCountedOnce) {
  std::string good1 = Gzip(Record("response", "http://a.test/1", kResponse));
  std::string cut = Gzip(Record("response", "http://a.test/2", kResponse + std::string(500, 'x')));
  cut.resize(cut.size() / 2);
  std::string good3 = Gzip(Record("response", "http://a.test/3", kResponse));
  std::string dir = testing_support::MakeTempDir();
  std::ofstream(dir + "/end.warc.gz", std::ios::binary) << good1 << cut;
  std::ofstream(dir + "/middle.warc.gz", std::ios::binary) << good1 << cut << good3;

  std::vector<WarcDamage> damage;
  auto records = ReadAll(dir + "/end.warc.gz", &damage);
  ASSERT_EQ(records.size(), 1u);
  ASSERT_EQ(damage.size(), 1u);
  EXPECT_EQ(damage[0].offset, good1.size());
  EXPECT_NE(damage[0].message.find("truncated"), std::string::npos) << damage[0].message;

  records = ReadAll(dir + "/middle.warc.gz", &damage);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].TargetUri(), "http://a.test/3");
  EXPECT_EQ(records[1].offset, good1.size() + cut.size());
  ASSERT_EQ(damage.size(), 1u);
  EXPECT_EQ(damage[0].offset, good1.size());
}

// Issue #17 point 2: offsets in a plain WARC are the file offsets of the records and of the
// damage, not 0.
TEST(WarcReader, PlainWarcOffsetsAreFileOffsets) {
  std::string rec1 = Record("response", "http://a.test/1", kResponse);
  std::string junk = "this line is not a record\r\n";
  std::string rec2 = Record("response", "http://a.test/2", kResponse);
  std::string rec3 = Record("response", "http://a.test/3", kResponse);
  std::string dir = testing_support::MakeTempDir();
  std::ofstream(dir + "/offsets.warc", std::ios::binary)
      << rec1 << junk << rec2 << rec3.substr(0, rec3.size() - 20);
  std::vector<WarcDamage> damage;
  auto records = ReadAll(dir + "/offsets.warc", &damage);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].offset, 0u);
  EXPECT_EQ(records[1].offset, rec1.size() + junk.size());
  EXPECT_EQ(records[1].TargetUri(), "http://a.test/2");
  ASSERT_EQ(damage.size(), 2u);
  EXPECT_EQ(damage[0].offset, rec1.size());
  EXPECT_EQ(damage[1].offset, rec1.size() + junk.size() + rec2.size());
  EXPECT_NE(damage[1].message.find("truncated"), std::string::npos) << damage[1].message;
}

// A record with its Content-Length replaced by `length`.
std::string LyingRecord(const std::string& uri, const std::string& block,
                        const std::string& length) {
  std::string record = Record("response", uri, block);
  std::string honest = "Content-Length: " + std::to_string(block.size()) + "\r\n";
  return record.replace(record.find(honest), honest.size(), "Content-Length: " + length + "\r\n");
}

// Issue #17 point 2: a Content-Length 100 bytes too long, 100 bytes too short or 10^15 does not
// take the next record with it (WARC 1.1 §4: the block is followed by CRLF CRLF). Each lie is
// reported once, at its record's offset, in a plain file, a file of one gzip member per
// record, and a file gzipped whole (one member: offset 0).
TEST(WarcReader, ALyingContentLengthCostsOnlyItsOwnRecord) {
  std::string block = kResponse + std::string(300, 'p');
  std::vector<std::string> records = {
      Record("response", "http://a.test/1", block),
      LyingRecord("http://a.test/long", block, std::to_string(block.size() + 100)),
      Record("response", "http://a.test/2", block),
      LyingRecord("http://a.test/short", block, std::to_string(block.size() - 100)),
      Record("response", "http://a.test/3", block),
      LyingRecord("http://a.test/huge", block, "1000000000000000"),
      Record("response", "http://a.test/4", block),
  };
  std::string dir = testing_support::MakeTempDir();
  for (const char* layout : {"plain", "member per record", "whole-file gzip"}) {
    SCOPED_TRACE(layout);
    std::string bytes;
    std::vector<uint64_t> offsets;
    for (const std::string& r : records) {
      offsets.push_back(bytes.size());
      bytes += std::string(layout) == "member per record" ? Gzip(r) : r;
    }
    if (std::string(layout) == "whole-file gzip") {
      bytes = Gzip(bytes);
      offsets.assign(offsets.size(), 0);
    }
    std::ofstream(dir + "/lies.warc", std::ios::binary | std::ios::trunc) << bytes;
    std::vector<WarcDamage> damage;
    auto read = ReadAll(dir + "/lies.warc", &damage);
    ASSERT_EQ(read.size(), 4u);
    for (size_t i = 0; i < 4; ++i) {
      EXPECT_EQ(read[i].TargetUri(), "http://a.test/" + std::to_string(i + 1));
      EXPECT_EQ(read[i].block, block);
      EXPECT_EQ(read[i].offset, offsets[2 * i]);
    }
    ASSERT_EQ(damage.size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(damage[i].offset, offsets[2 * i + 1]) << damage[i].message;
    }
  }
}

// Issue #17 point 2: a record over the cap is read through, not held; it comes back with the
// head of its block, and the records around it are whole.
TEST(WarcReader, ARecordOverTheCapKeepsOnlyItsHeadAndNotItsNeighbours) {
  std::string big = kResponse + std::string(50000, 'b') + "\nWARC/1.0 inside the body\n";
  std::string plain = Record("response", "http://a.test/1", kResponse) +
                      Record("response", "http://a.test/big", big) +
                      Record("response", "http://a.test/2", kResponse);
  std::string dir = testing_support::MakeTempDir();
  std::ofstream(dir + "/big.warc", std::ios::binary) << plain;
  std::ofstream(dir + "/big.warc.gz", std::ios::binary) << Gzip(plain);
  for (const char* name : {"/big.warc", "/big.warc.gz"}) {
    SCOPED_TRACE(name);
    auto reader = WarcReader::Open(dir + name, {.max_block_bytes = 1000});
    ASSERT_OK(reader);
    std::vector<WarcRecord> records;
    while (auto r = reader->Next()) records.push_back(std::move(*r));
    EXPECT_TRUE(reader->damage().empty());
    ASSERT_EQ(records.size(), 3u);
    EXPECT_FALSE(records[0].block_truncated);
    EXPECT_EQ(records[1].TargetUri(), "http://a.test/big");
    EXPECT_TRUE(records[1].block_truncated);
    EXPECT_EQ(records[1].block_bytes, big.size());
    EXPECT_EQ(records[1].block, big.substr(0, 1000));
    EXPECT_EQ(records[2].TargetUri(), "http://a.test/2");
    EXPECT_EQ(records[2].block, kResponse);
  }
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
