#include "util/sha256.h"

#include <gtest/gtest.h>

namespace util {
namespace {

// FIPS 180-4 test vectors.
TEST(Sha256Hex, MatchesKnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// Fed in pieces, the streaming hash gives what the one-shot one gives for the whole.
TEST(Sha256, StreamedInPiecesMatchesTheOneShotHash) {
  std::string data(100'000, 'x');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 31 % 251);
  Sha256 hash;
  for (size_t i = 0; i < data.size(); i += 4096)
    hash.Update(std::string_view(data).substr(i, 4096));
  EXPECT_EQ(hash.FinishHex(), Sha256Hex(data));
  Sha256 empty;
  EXPECT_EQ(empty.FinishHex(), Sha256Hex(""));
}

}  // namespace
}  // namespace util
