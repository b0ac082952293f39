#include "util/sha1.h"

#include <gtest/gtest.h>

namespace util {
namespace {

// RFC 4648 §10 test vectors.
TEST(Base32, MatchesRfc4648Vectors) {
  EXPECT_EQ(Base32(""), "");
  EXPECT_EQ(Base32("f"), "MY======");
  EXPECT_EQ(Base32("fo"), "MZXQ====");
  EXPECT_EQ(Base32("foo"), "MZXW6===");
  EXPECT_EQ(Base32("foob"), "MZXW6YQ=");
  EXPECT_EQ(Base32("fooba"), "MZXW6YTB");
  EXPECT_EQ(Base32("foobar"), "MZXW6YTBOI======");
}

TEST(WarcSha1Digest, IsBase32OfSha1AndStreamsTheSame) {
  // SHA-1("abc") = a9993e364706816aba3e25717850c26c9cd0d89d.
  EXPECT_EQ(WarcSha1Digest("abc"), "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
  Sha1 h;
  h.Update("a");
  h.Update("bc");
  EXPECT_EQ(h.FinishWarcDigest(), WarcSha1Digest("abc"));
}

TEST(RandomUuidUrn, IsAVersion4Uuid) {
  std::string a = RandomUuidUrn(), b = RandomUuidUrn();
  EXPECT_NE(a, b);
  ASSERT_EQ(a.size(), 45u);
  EXPECT_EQ(a.substr(0, 9), "urn:uuid:");
  EXPECT_EQ(a[23], '4');
}

}  // namespace
}  // namespace util
