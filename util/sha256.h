// SHA-256 of a byte string as lower-case hex: content hashes of bodies and captures.
#pragma once

#include <string>
#include <string_view>

namespace util {

std::string Sha256Hex(std::string_view data);

}  // namespace util
