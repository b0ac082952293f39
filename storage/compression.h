// zlib compression of stored capture bodies (zlib format, RFC 1950). The only file that names
// zlib in storage/.
#pragma once

#include <string>
#include <string_view>

#include "util/error.h"

namespace storage {

std::string Compress(std::string_view data);

// Inflates `compressed`, which must hold exactly `size` bytes once decompressed (the size is
// stored next to the blob); anything else is kStorage (a damaged capture).
util::Result<std::string> Decompress(std::string_view compressed, size_t size);

}  // namespace storage
