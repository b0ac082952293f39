// SHA-256 of a byte string as lower-case hex: content hashes of bodies and captures.
#pragma once

#include <string>
#include <string_view>

namespace util {

std::string Sha256Hex(std::string_view data);

// Streaming SHA-256, for a payload hashed as it is inflated (storage/fixity.h). Move-less and
// copy-less; not thread-safe.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view data);
  // Lower-case hex, as Sha256Hex; the object is finished afterwards.
  std::string FinishHex();

 private:
  void* ctx_;  // EVP_MD_CTX, kept opaque so OpenSSL stays out of this header
};

}  // namespace util
