// Search folding is the form in which article text is indexed and queries are matched, so that
// variants a reader takes for the same text find each other: Traditional Chinese characters
// become Simplified (ICU's "Traditional-Simplified" transliterator, 商會 → 商会), full-width
// Latin letters, digits and punctuation become ASCII (２０２４ → 2024), and letters become lower
// case. Each code point folds to exactly one code point, whatever its neighbours: a text and its
// folding have the same code point offsets, and folding a substring gives a substring of the
// folding (so a folded query term is found in folded text exactly where the term is). Bytes that
// are not UTF-8 are kept as they are.
//
// Thread-safe: each thread keeps its own transliterator and its cache of folded Han characters
// (ICU transliterators are slow and not shareable between threads).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace storage {

// The folding of `text` (UTF-8 in, UTF-8 out).
std::string FoldForSearch(std::string_view text);

// A text's folding as code points, with where each came from: folded[i] is the folding of the
// code point at bytes [offsets[i], offsets[i + 1]) of the text (offsets has one more entry, the
// text's size). A byte that is not UTF-8 is one entry whose value is above U+10FFFF, so that it
// never equals a code point of a query.
struct FoldedText {
  std::u32string folded;
  std::vector<size_t> offsets;
};
FoldedText FoldWithOffsets(std::string_view text);

// The most of an article's text the search index takes, in bytes of UTF-8: 1 MiB, some
// 350,000 Chinese characters, beyond any news article. Indexing a text costs memory in
// proportion to it all at once (SQLite's trigram index of one 9 MB body took some 460 MB), so a
// page that is megabytes of text is searchable by its first MiB and still archived whole.
inline constexpr size_t kMaxIndexedTextBytes = size_t{1} << 20;

// What the search index holds of a text: the folding of its first kMaxIndexedTextBytes, cut
// before a code point that would not fit.
std::string FoldForIndex(std::string_view text);

// The name of the SQL function (on the archive's connections) that applies FoldForIndex: the
// schema's triggers index with it.
inline constexpr const char* kFoldSqlFunction = "newsarc_fold";

}  // namespace storage
