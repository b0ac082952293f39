// Sample texts for tests of large inputs: deterministic, shaped like what newsarc archives.
#pragma once

#include <cstddef>
#include <string>

namespace testing_support {

// About `bytes` bytes of paragraphs of Chinese with some ASCII words and numbers (the shape of a
// long report served as text/plain), paragraphs separated by a blank line; the same every run.
std::string LongChineseReport(size_t bytes);

// About `bytes` bytes of Chinese text drawn from 6,000 common characters, with punctuation and
// paragraph breaks: nearly every run of three characters is new, as in a long real text (a
// trigram index of it grows with its size, unlike one of LongChineseReport's twelve words).
std::string VariedChineseText(size_t bytes);

}  // namespace testing_support
