// zlib compression of stored capture bodies (zlib format, RFC 1950). The only file that names
// zlib in storage/.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "util/error.h"

namespace storage {

std::string Compress(std::string_view data);

// Inflates `compressed`, which must hold exactly `size` bytes once decompressed (the size is
// stored next to the blob); anything else is kStorage (a damaged capture).
util::Result<std::string> Decompress(std::string_view compressed, size_t size);

// Inflates `compressed` a piece at a time (at most 64 KiB each), handing each piece to `sink`,
// and returns the decompressed length. Memory stays bounded whatever the blob or its stored
// size say. Fails with kStorage when the blob is not one whole zlib stream (damaged, cut short,
// or followed by other bytes), and with kTooLarge as soon as it inflates to more than
// `max_bytes` (what the stored size allows), without inflating the rest.
util::Result<uint64_t> InflateChunks(std::string_view compressed, uint64_t max_bytes,
                                     const std::function<void(std::string_view)>& sink);

}  // namespace storage
