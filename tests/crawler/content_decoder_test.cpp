#include "crawler/content_decoder.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace crawler {
namespace {

// window_bits: 15 + 16 gzip, 15 zlib, -15 raw deflate.
std::string Compress(const std::string& data, int window_bits) {
  z_stream z{};
  deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, window_bits, 9, Z_DEFAULT_STRATEGY);
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

std::string DecodeInPieces(ContentDecoder& d, const std::string& encoded, size_t piece,
                           ContentDecoder::Status* status) {
  std::string out;
  *status = ContentDecoder::Status::kOk;
  for (size_t i = 0; i < encoded.size() && *status == ContentDecoder::Status::kOk; i += piece) {
    *status = d.Feed(std::string_view(encoded).substr(i, piece), out);
  }
  if (*status == ContentDecoder::Status::kOk) *status = d.Finish();
  return out;
}

// RFC 9110 §8.4.1: gzip, x-gzip and deflate codings.
TEST(ContentDecoder, DecodesGzipZlibAndRawDeflateInAnyPieceSize) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "商会新闻 " + std::to_string(i) + "\n";
  for (auto [encoding, bits] : {std::pair{"gzip", 31}, std::pair{"x-gzip", 31},
                                std::pair{"deflate", 15}, std::pair{"deflate", -15}}) {
    for (size_t piece : {size_t{1}, size_t{7}, size_t{4096}, size_t{1} << 20}) {
      ContentDecoder d(encoding, 1 << 20);
      ContentDecoder::Status status;
      std::string decoded = DecodeInPieces(d, Compress(text, bits), piece, &status);
      EXPECT_TRUE(decoded == text) << encoding << " " << bits << " piece " << piece << ": got "
                                   << decoded.size() << " bytes";
      EXPECT_EQ(status, ContentDecoder::Status::kOk);
    }
  }
}

TEST(ContentDecoder, StopsAGzipBombAtTheCap) {
  std::string zeros(64 << 20, '\0');  // 64 MiB of zeros compress to ~64 KiB
  std::string bomb = Compress(zeros, 31);
  ASSERT_LT(bomb.size(), 200u * 1024);
  ContentDecoder d("gzip", 1 << 20);
  ContentDecoder::Status status;
  std::string out = DecodeInPieces(d, bomb, 16384, &status);
  EXPECT_EQ(status, ContentDecoder::Status::kTooLarge);
  EXPECT_LE(out.size(), 1u << 20);
}

TEST(ContentDecoder, IdentityPassesThroughWithTheSameCap) {
  ContentDecoder d("", 10);
  EXPECT_TRUE(d.IsIdentity());
  std::string out;
  EXPECT_EQ(d.Feed("12345", out), ContentDecoder::Status::kOk);
  EXPECT_EQ(d.Feed("678901", out), ContentDecoder::Status::kTooLarge);
  EXPECT_EQ(out, "12345");
}

TEST(ContentDecoder, ReportsCorruptTruncatedAndUnsupportedBodies) {
  ContentDecoder garbage("gzip", 1 << 20);
  std::string out;
  EXPECT_EQ(garbage.Feed("this is not gzip at all", out), ContentDecoder::Status::kCorrupt);

  std::string gz = Compress(std::string(10000, 'x') + "tail", 31);
  ContentDecoder truncated("gzip", 1 << 20);
  EXPECT_EQ(truncated.Feed(std::string_view(gz).substr(0, gz.size() / 2), out),
            ContentDecoder::Status::kOk);
  EXPECT_EQ(truncated.Finish(), ContentDecoder::Status::kCorrupt);

  ContentDecoder br("br", 1 << 20);
  EXPECT_EQ(br.Feed("x", out), ContentDecoder::Status::kUnsupported);
}

}  // namespace
}  // namespace crawler
