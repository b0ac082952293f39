#include "storage/text_fold.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>
#include <unordered_map>

namespace storage {
namespace {

// Marks a byte that is not UTF-8 in FoldedText (above every code point).
constexpr char32_t kInvalidByteBase = 0x110000;

// The Han blocks: CJK Unified Ideographs and Extension A (dense, cached in an array), the
// radicals, the iteration and numeral marks, compatibility ideographs and Extensions B to H.
constexpr char32_t kDenseHanFirst = 0x3400;
constexpr char32_t kDenseHanLast = 0x9FFF;

bool IsHan(char32_t c) {
  return (c >= kDenseHanFirst && c <= kDenseHanLast) || (c >= 0x2E80 && c <= 0x2FDF) ||
         c == 0x3005 || c == 0x3007 || (c >= 0x3021 && c <= 0x3029) ||
         (c >= 0x3038 && c <= 0x303B) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x323AF);
}

// One thread's Traditional → Simplified folding of single Han characters. Each character is
// transliterated alone, once, then cached. Alone, because 169 of the transliterator's phrase
// rules fold a character by its neighbours (甚麼 → 什么 while 甚 stays 甚; 規畫 → 规划 while
// 畫 → 画), and a query term cut out of a sentence must fold as it does inside it. Once,
// because a call costs about 2 µs per character: a 1,000-character article would take 2 ms,
// ten times what archiving it costs otherwise.
class HanFolder {
 public:
  HanFolder() : dense_(kDenseHanLast - kDenseHanFirst + 1, 0) {
    UErrorCode status = U_ZERO_ERROR;
    transliterator_.reset(
        icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
    // Without ICU's data (never in our builds: ICU::data is linked in) Han text is kept as is.
    if (U_FAILURE(status)) transliterator_.reset();
  }

  char32_t Fold(char32_t c) {
    if (c >= kDenseHanFirst && c <= kDenseHanLast) {
      char32_t& slot = dense_[c - kDenseHanFirst];
      if (slot == 0) slot = Transliterate(c);
      return slot;
    }
    auto [it, inserted] = sparse_.try_emplace(c, c);
    if (inserted) it->second = Transliterate(c);
    return it->second;
  }

 private:
  char32_t Transliterate(char32_t c) const {
    if (!transliterator_) return c;
    icu::UnicodeString text(static_cast<UChar32>(c));
    transliterator_->transliterate(text);
    // Every rule of the transliterator maps one character to one; anything else is kept.
    return text.countChar32() == 1 ? static_cast<char32_t>(text.char32At(0)) : c;
  }

  std::unique_ptr<icu::Transliterator> transliterator_;
  std::vector<char32_t> dense_;  // 0: not folded yet
  std::unordered_map<char32_t, char32_t> sparse_;
};

HanFolder& ThreadHanFolder() {
  thread_local HanFolder folder;
  return folder;
}

char32_t FoldCodePoint(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
  if (c >= 0xFF01 && c <= 0xFF5E) {  // full-width ASCII: ！ to ～
    char32_t ascii = c - 0xFEE0;
    return (ascii >= 'A' && ascii <= 'Z') ? ascii + ('a' - 'A') : ascii;
  }
  if (IsHan(c)) return ThreadHanFolder().Fold(c);
  if (c >= kInvalidByteBase) return c;
  // Simple (one code point to one) lower-case mapping.
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

// Decodes the code point at text[pos], strictly (no overlong forms, surrogates or values above
// U+10FFFF). Returns its length in bytes, or 0 when text[pos] does not start one.
size_t DecodeUtf8(std::string_view text, size_t pos, char32_t* out) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(pos);
  size_t length = 0;
  char32_t c = 0;
  char32_t min = 0;
  if (lead < 0x80) {
    *out = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, c = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, c = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, c = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 0;
    c = (c << 6) | (byte(pos + i) & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *out = c;
  return length;
}

void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    unsigned char lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) {  // the common case in Latin text, punctuation and digits
      out += static_cast<char>((lead >= 'A' && lead <= 'Z') ? lead + ('a' - 'A') : lead);
      ++pos;
      continue;
    }
    char32_t c = 0;
    size_t length = DecodeUtf8(text, pos, &c);
    if (length == 0) {
      out += static_cast<char>(lead);
      ++pos;
      continue;
    }
    AppendUtf8(FoldCodePoint(c), out);
    pos += length;
  }
  return out;
}

std::string FoldForIndex(std::string_view text) {
  if (text.size() <= kMaxIndexedTextBytes) return FoldForSearch(text);
  size_t end = kMaxIndexedTextBytes;
  // Back to the start of the code point the limit falls in (at most three continuation bytes).
  for (int i = 0; i < 3 && end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80; ++i)
    --end;
  return FoldForSearch(text.substr(0, end));
}

FoldedText FoldWithOffsets(std::string_view text) {
  FoldedText result;
  result.folded.reserve(text.size());
  result.offsets.reserve(text.size() + 1);
  size_t pos = 0;
  while (pos < text.size()) {
    result.offsets.push_back(pos);
    char32_t c = 0;
    size_t length = DecodeUtf8(text, pos, &c);
    if (length == 0) {
      result.folded += kInvalidByteBase + static_cast<unsigned char>(text[pos]);
      ++pos;
      continue;
    }
    result.folded += FoldCodePoint(c);
    pos += length;
  }
  result.offsets.push_back(text.size());
  return result;
}

}  // namespace storage
