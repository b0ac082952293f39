// SHA-1 as WARC digests want it: "sha1:" + RFC 4648 base32 of the 20-byte digest.
#pragma once

#include <string>
#include <string_view>

namespace util {

// Streaming SHA-1 (the payload of a large record need not be in one piece).
class Sha1 {
 public:
  Sha1();
  ~Sha1();
  Sha1(const Sha1&) = delete;
  Sha1& operator=(const Sha1&) = delete;
  void Update(std::string_view data);
  // "sha1:" + base32 digest; the object is finished afterwards.
  std::string FinishWarcDigest();

 private:
  void* ctx_;  // EVP_MD_CTX, kept opaque so OpenSSL stays out of this header
};

inline std::string WarcSha1Digest(std::string_view data) {
  Sha1 h;
  h.Update(data);
  return h.FinishWarcDigest();
}

// RFC 4648 §6 base32 (upper case, '=' padding).
std::string Base32(std::string_view bytes);

// A random RFC 4122 version-4 UUID, "urn:uuid:..." form, for WARC-Record-ID.
std::string RandomUuidUrn();

}  // namespace util
