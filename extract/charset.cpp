// Charset choice, after WHATWG HTML §13.2.3.2 "Determining the character encoding", with one
// deliberate addition: a declaration is validated against the bytes. Old Chinese sites often
// declare one charset and serve another (meta gb2312 on UTF-8 bytes, header utf-8 on GBK
// bytes, iso-8859-1 on anything); a browser shows mojibake there, an archive must not.
//
// Cost: one fast UTF-8 scan of the whole input, then one decode in the common case (a
// declaration that holds, or valid UTF-8). Only a declaration that fails, or none on bytes
// that are not UTF-8, costs more: candidates are ranked on a bounded prefix, then the winner
// decodes the whole input. Output is at most 3 bytes per input byte.
#include "extract/charset.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <vector>

#include "extract/charset_detector.h"
#include "extract/charset_labels.h"
#include "extract/icu_converter.h"

namespace extract {
namespace {

// WHATWG prescan looks at the first 1024 bytes. Pages with a wrapper or a long comment before
// <head> put their meta later; we look further, and since every declaration is validated
// against the bytes, a late one is as safe as an early one.
constexpr size_t kPrescanBytes = 1024;
constexpr size_t kLatePrescanBytes = 8192;
// Visible text fed to uchardet: enough for a stable guess, bounded for speed.
constexpr size_t kDetectorSampleBytes = 64 * 1024;
// Fewer non-ASCII bytes than this in the visible text: uchardet's guess on it is noise (it
// calls 8 bytes of Chinese ISO-8859-7), so it sees the raw bytes instead.
constexpr size_t kMinDetectorHighBytes = 64;
// How much of the raw bytes uchardet sees when the visible text is too thin.
constexpr size_t kDetectorRawBytes = 4 * kDetectorSampleBytes;
// A multi-byte decoding of bytes declared single-byte replaces the declaration only when at
// least this share of its non-ASCII characters are CJK.
constexpr double kMinCjkShare = 0.6;
// Valid UTF-8 with at least this many multi-byte sequences is UTF-8 whatever a legacy
// multi-byte declaration says: Chinese in UTF-8 often decodes "cleanly" as GB18030 (its byte
// pairs are GBK codes), while GBK text is valid UTF-8 only by accident, for a character or two.
constexpr size_t kMinUtf8SequencesOverDeclaration = 4;
// A declaration that fails on some bytes is kept (when no candidate decodes cleanly) while it
// fails on at most one non-ASCII byte in this many: sites cut titles mid-character.
constexpr size_t kNonAsciiBytesPerToleratedError = 200;
// Candidates are ranked on a prefix of this size; only the winner decodes everything.
constexpr size_t kCandidateSampleBytes = 1 << 20;
// A UTF-16 declaration (from the HTTP header; meta ones mean UTF-8) is believed only when this
// prefix holds a NUL byte, as any UTF-16 HTML does.
constexpr size_t kUtf16ProbeBytes = 1024;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string LowerTrim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), Lower);
  return out;
}

// `prefix` must be lower-case.
bool StartsWithNoCase(std::string_view s, size_t at, std::string_view prefix) {
  if (at + prefix.size() > s.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(s[at + i]) != prefix[i]) return false;
  }
  return true;
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// WHATWG HTML "extract a character encoding from a meta element" (the content attribute).
std::optional<std::string> CharsetFromMetaContent(std::string_view s) {
  size_t pos = 0;
  while (true) {
    size_t found = std::string_view::npos;
    for (size_t i = pos; i + 7 <= s.size(); ++i) {
      if (StartsWithNoCase(s, i, "charset")) {
        found = i;
        break;
      }
    }
    if (found == std::string_view::npos) return std::nullopt;
    size_t i = found + 7;
    while (i < s.size() && IsSpace(s[i])) ++i;
    if (i >= s.size() || s[i] != '=') {
      pos = found + 7;
      continue;
    }
    ++i;
    while (i < s.size() && IsSpace(s[i])) ++i;
    if (i >= s.size()) return std::nullopt;
    if (s[i] == '"' || s[i] == '\'') {
      char q = s[i];
      size_t end = s.find(q, i + 1);
      if (end == std::string_view::npos) return std::nullopt;
      return LowerTrim(s.substr(i + 1, end - i - 1));
    }
    size_t end = i;
    while (end < s.size() && !IsSpace(s[end]) && s[end] != ';') ++end;
    return LowerTrim(s.substr(i, end - i));
  }
}

// WHATWG HTML prescan "get an attribute": reads one attribute at `pos`, advancing it; false
// when there is none (at '>' or the end).
bool GetAttribute(std::string_view b, size_t& pos, std::string& name, std::string& value) {
  while (pos < b.size() && (IsSpace(b[pos]) || b[pos] == '/')) ++pos;
  if (pos >= b.size() || b[pos] == '>') return false;
  name.clear();
  value.clear();
  bool has_value = false;
  while (pos < b.size()) {
    char c = b[pos];
    if (c == '=' && !name.empty()) {
      ++pos;
      has_value = true;
      break;
    }
    if (IsSpace(c)) break;
    if (c == '/' || c == '>') return true;
    name.push_back(Lower(c));
    ++pos;
  }
  if (!has_value) {
    while (pos < b.size() && IsSpace(b[pos])) ++pos;
    if (pos >= b.size() || b[pos] != '=') return true;
    ++pos;
  }
  while (pos < b.size() && IsSpace(b[pos])) ++pos;
  if (pos >= b.size()) return true;
  if (b[pos] == '"' || b[pos] == '\'') {
    char q = b[pos++];
    while (pos < b.size() && b[pos] != q) value.push_back(Lower(b[pos++]));
    if (pos < b.size()) ++pos;
    return true;
  }
  while (pos < b.size() && !IsSpace(b[pos]) && b[pos] != '>') value.push_back(Lower(b[pos++]));
  return true;
}

// The charset of one <meta> whose attributes start at `pos` (WHATWG prescan, steps for
// "<meta"): a label that resolves, or nullopt.
std::optional<std::string> MetaElementCharset(std::string_view b, size_t& pos) {
  bool got_pragma = false;
  std::optional<bool> need_pragma;
  std::optional<std::string> charset;
  std::vector<std::string> seen;
  std::string name, value;
  while (GetAttribute(b, pos, name, value)) {
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
    seen.push_back(name);
    if (name == "http-equiv") {
      if (value == "content-type") got_pragma = true;
    } else if (name == "content") {
      if (charset) continue;
      auto c = CharsetFromMetaContent(value);
      if (c && WhatwgEncodingForLabel(*c)) {
        charset = c;
        need_pragma = true;
      }
    } else if (name == "charset") {
      if (charset) continue;
      std::string label = LowerTrim(value);
      if (WhatwgEncodingForLabel(label)) charset = label;
      need_pragma = false;
    }
  }
  if (!need_pragma || !charset) return std::nullopt;
  if (*need_pragma && !got_pragma) return std::nullopt;
  return charset;
}

// WHATWG "prescan a byte stream to determine its encoding", over the first `limit` bytes.
// Returns the label as written (the UTF-16 and x-user-defined rules apply in ResolveDeclared).
std::optional<std::string> Prescan(std::string_view bytes, size_t limit) {
  std::string_view b = bytes.substr(0, limit);
  size_t pos = 0;
  std::string name, value;
  while (pos < b.size()) {
    if (b.compare(pos, 4, "<!--") == 0) {
      // The "-->" may share its dashes with the "<!--" ("<!-->").
      size_t end = b.find("-->", pos + 2);
      if (end == std::string_view::npos) return std::nullopt;
      pos = end + 3;
      continue;
    }
    if (StartsWithNoCase(b, pos, "<meta") && pos + 5 < b.size() &&
        (IsSpace(b[pos + 5]) || b[pos + 5] == '/')) {
      pos += 6;
      if (auto charset = MetaElementCharset(b, pos)) return charset;
      continue;
    }
    if (b[pos] == '<' && pos + 1 < b.size() &&
        (IsAsciiAlpha(b[pos + 1]) ||
         (b[pos + 1] == '/' && pos + 2 < b.size() && IsAsciiAlpha(b[pos + 2])))) {
      // Another tag: skip its name and attributes.
      pos += b[pos + 1] == '/' ? 2 : 1;
      while (pos < b.size() && !IsSpace(b[pos]) && b[pos] != '>') ++pos;
      while (GetAttribute(b, pos, name, value)) {
      }
      if (pos < b.size()) ++pos;
      continue;
    }
    if (b.compare(pos, 2, "<!") == 0 || b.compare(pos, 2, "</") == 0 ||
        b.compare(pos, 2, "<?") == 0) {
      size_t end = b.find('>', pos);
      if (end == std::string_view::npos) return std::nullopt;
      pos = end + 1;
      continue;
    }
    ++pos;
  }
  return std::nullopt;
}

struct Utf8Stats {
  size_t errors = 0;     // invalid bytes (each would become one U+FFFD)
  size_t multibyte = 0;  // valid sequences of 2-4 bytes
  size_t non_ascii = 0;  // bytes >= 0x80
};

// Length of a valid UTF-8 sequence at s[i] (Unicode §3.9 Table 3-7), or 0 when invalid.
size_t ValidUtf8Length(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = at(i);
  size_t n = s.size();
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return (i + 1 < n && (at(i + 1) & 0xC0) == 0x80) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (i + 2 >= n) return 0;
    unsigned char c1 = at(i + 1);
    unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return (c1 >= lo && c1 <= hi && (at(i + 2) & 0xC0) == 0x80) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (i + 3 >= n) return 0;
    unsigned char c1 = at(i + 1);
    unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return (c1 >= lo && c1 <= hi && (at(i + 2) & 0xC0) == 0x80 && (at(i + 3) & 0xC0) == 0x80) ? 4
                                                                                              : 0;
  }
  return 0;
}

// Skips ASCII 8 bytes at a time; returns the first index >= i holding a non-ASCII byte (or
// near it: the caller re-checks byte by byte).
size_t SkipAscii(std::string_view s, size_t i) {
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  while (i + sizeof(uint64_t) <= s.size()) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, sizeof(word));
    if (word & kHighBits) break;
    i += sizeof(word);
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

Utf8Stats ScanUtf8(std::string_view s) {
  Utf8Stats st;
  size_t i = 0;
  while ((i = SkipAscii(s, i)) < s.size()) {
    size_t len = ValidUtf8Length(s, i);
    if (len == 0) {
      ++st.errors;
      ++st.non_ascii;
      ++i;
    } else {
      ++st.multibyte;
      st.non_ascii += len;
      i += len;
    }
  }
  return st;
}

// UTF-8 with each invalid byte replaced by U+FFFD. Valid input is copied as is.
DecodeOutput DecodeUtf8(std::string_view s, const Utf8Stats& stats) {
  DecodeOutput out;
  if (stats.errors == 0) {
    out.utf8.assign(s);
    return out;
  }
  out.utf8.reserve(s.size() + 2 * stats.errors);
  size_t run = 0;  // start of the pending run of valid bytes
  size_t i = 0;
  while ((i = SkipAscii(s, i)) < s.size()) {
    size_t len = ValidUtf8Length(s, i);
    if (len == 0) {
      out.utf8.append(s.substr(run, i - run));
      out.utf8.append(kReplacementUtf8);
      ++out.errors;
      run = ++i;
    } else {
      i += len;
    }
  }
  out.utf8.append(s.substr(run));
  return out;
}

void AppendCodePoint(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// A single-byte encoding from a table of its upper half (x-user-defined, iso-8859-16).
template <typename HighHalf>
DecodeOutput DecodeSingleByte(std::string_view bytes, HighHalf high_half) {
  DecodeOutput out;
  out.utf8.reserve(bytes.size() + bytes.size() / 2);
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.utf8.push_back(ch);
    } else {
      AppendCodePoint(high_half(c), out.utf8);
    }
  }
  return out;
}

// WHATWG gb18030 decodes a lone 0x80 as U+20AC; ICU does not. Rewrite it as the GB18030
// two-byte form of € (A2 E3) where it stands as a character of its own.
std::string FixGb18030Euro(std::string_view s) {
  constexpr std::string_view kEuro = "\xA2\xE3";
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(s[i++]);
    } else if (c == 0x80) {
      out.append(kEuro);
      ++i;
    } else {
      // A two-byte character, or a four-byte one when the second byte is a digit.
      size_t len = 2;
      if (i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') len = 4;
      len = std::min(len, s.size() - i);
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

DecodeOutput DecodeWith(std::string_view bytes, const std::string& decoding) {
  if (decoding == "utf-8") return DecodeUtf8(bytes, ScanUtf8(bytes));
  if (decoding == "replacement") {
    // WHATWG §14.1: the whole input is one error.
    DecodeOutput out;
    if (!bytes.empty()) {
      out.utf8 = kReplacementUtf8;
      out.errors = 1;
    }
    return out;
  }
  if (decoding == "x-user-defined") {
    // WHATWG §14.5: 0x80-0xFF map to U+F780-U+F7FF.
    constexpr char32_t kUserDefinedBase = 0xF780 - 0x80;
    return DecodeSingleByte(bytes, [](unsigned char c) { return kUserDefinedBase + c; });
  }
  if (const char16_t* table = HandDecodedHighHalf(decoding)) {
    return DecodeSingleByte(bytes, [table](unsigned char c) { return table[c - 0x80]; });
  }
  auto icu_name = IcuConverterName(decoding);
  auto converter = IcuConverter::Open(icu_name.value_or(decoding));
  if (!converter) {
    // No converter: fall back to windows-1252, which every ICU build has.
    auto fallback = IcuConverter::Open("windows-1252");
    if (!fallback) return DecodeUtf8(bytes, ScanUtf8(bytes));
    return fallback->Decode(bytes);
  }
  if (decoding == "gb18030" && bytes.find('\x80') != std::string_view::npos) {
    return converter->Decode(FixGb18030Euro(bytes));
  }
  return converter->Decode(bytes);
}

// Text outside tags, scripts and styles (up to `max` bytes): what uchardet should see.
std::string VisibleBytes(std::string_view b, size_t max) {
  std::string out;
  size_t i = 0;
  while (i < b.size() && out.size() < max) {
    if (b[i] != '<') {
      out.push_back(b[i++]);
      continue;
    }
    for (std::string_view raw : {std::string_view("script"), std::string_view("style")}) {
      if (StartsWithNoCase(b, i + 1, raw)) {
        std::string close = "</" + std::string(raw);
        size_t j = i + 1;
        while (j < b.size() && !StartsWithNoCase(b, j, close)) ++j;
        i = j;
        break;
      }
    }
    size_t end = b.find('>', i);
    if (end == std::string_view::npos) break;
    i = end + 1;
    out.push_back(' ');
  }
  return out;
}

size_t CountHighBytes(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
}

std::optional<std::string> Detect(std::string_view bytes) {
  std::string visible = VisibleBytes(bytes, kDetectorSampleBytes);
  if (CountHighBytes(visible) >= kMinDetectorHighBytes) return DetectCharset(visible);
  return DetectCharset(bytes.substr(0, kDetectorRawBytes));
}

bool IsCjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK Unified Ideographs
         (cp >= 0x3400 && cp <= 0x4DBF) ||  // Extension A
         (cp >= 0x3000 && cp <= 0x303F) ||  // CJK punctuation
         (cp >= 0xFF00 && cp <= 0xFFEF);    // full-width forms
}

// Share of CJK characters among the non-ASCII characters of valid UTF-8 text.
double CjkShare(std::string_view utf8) {
  size_t non_ascii = 0, cjk = 0;
  for (size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (c >= 0x80) {
      ++non_ascii;
      if (len == 3 && i + 2 < utf8.size()) {
        char32_t cp = ((c & 0x0F) << 12) | ((utf8[i + 1] & 0x3F) << 6) | (utf8[i + 2] & 0x3F);
        if (IsCjk(cp)) ++cjk;
      }
    }
    i += len;
  }
  return non_ascii == 0 ? 0.0 : static_cast<double>(cjk) / static_cast<double>(non_ascii);
}

// The decoding encoding for a declared label: meta declarations of UTF-16 mean UTF-8 and
// x-user-defined means windows-1252 (WHATWG prescan, "If charset is UTF-16BE/LE").
std::optional<std::string> ResolveDeclared(const std::string& label, bool from_meta) {
  auto whatwg = WhatwgEncodingForLabel(label);
  if (!whatwg) return std::nullopt;
  if (from_meta && (*whatwg == "utf-16be" || *whatwg == "utf-16le")) return "utf-8";
  if (from_meta && *whatwg == "x-user-defined") return "windows-1252";
  return DecodingEncoding(*whatwg);
}

bool IsUtf16(const std::string& decoding) {
  return decoding == "utf-16be" || decoding == "utf-16le";
}

// The first `max` bytes, cut back to an ASCII byte so no candidate pays for a character split
// by the cut.
std::string_view Prefix(std::string_view bytes, size_t max) {
  if (bytes.size() <= max) return bytes;
  size_t end = max;
  while (end > 0 && static_cast<unsigned char>(bytes[end - 1]) >= 0x80) --end;
  return bytes.substr(0, end == 0 ? max : end);
}

bool ToleratedErrors(size_t errors, const Utf8Stats& stats) {
  return errors * kNonAsciiBytesPerToleratedError <= stats.non_ascii;
}

// The choice for one page. Holds the lazily run detector so that it runs at most once.
class Chooser {
 public:
  Chooser(std::string_view bytes, DecodedPage& page)
      : bytes_(bytes), page_(page), utf8_(ScanUtf8(bytes)) {}

  void Choose(const std::optional<std::string>& declared);

 private:
  struct Candidate {
    std::string encoding;
    size_t errors = 0;
  };

  void Finish(const std::string& encoding, DecodeOutput output) {
    page_.encoding.used = encoding;
    page_.had_invalid_bytes = output.errors > 0;
    page_.utf8 = std::move(output.utf8);
  }
  void FinishWith(const std::string& encoding) {
    Finish(encoding,
           encoding == "utf-8" ? DecodeUtf8(bytes_, utf8_) : DecodeWith(bytes_, encoding));
  }
  // The detector's guess as a decoding encoding, when it is one we can trust as a candidate
  // (UTF-16 without a BOM and "replacement" never are).
  std::optional<std::string> DetectedDecoding() {
    if (!detection_run_) {
      detection_run_ = true;
      page_.encoding.detected = Detect(bytes_);
    }
    if (!page_.encoding.detected) return std::nullopt;
    auto whatwg = WhatwgEncodingForLabel(*page_.encoding.detected);
    if (!whatwg) return std::nullopt;
    std::string decoding = DecodingEncoding(*whatwg);
    if (IsUtf16(decoding) || decoding == "replacement") return std::nullopt;
    return decoding;
  }
  void ChooseForSingleByteDeclaration(const std::string& declared);
  void ChooseAmongCandidates(const std::optional<std::string>& declared,
                             std::optional<DecodeOutput> declared_output);

  std::string_view bytes_;
  DecodedPage& page_;
  Utf8Stats utf8_;
  bool detection_run_ = false;
};

void Chooser::Choose(const std::optional<std::string>& declared) {
  // Only ASCII: every ASCII-compatible encoding reads it the same, so it is what was declared.
  if (utf8_.non_ascii == 0 && (!declared || IsAsciiCompatible(*declared))) {
    return Finish(declared.value_or("utf-8"), DecodeUtf8(bytes_, utf8_));
  }
  // Valid UTF-8 with multi-byte sequences is the strongest evidence there is (see
  // kMinUtf8SequencesOverDeclaration), stronger than uchardet and than most declarations.
  if (utf8_.errors == 0 && utf8_.multibyte > 0 &&
      (!declared || *declared == "utf-8" || IsSingleByteEncoding(*declared) ||
       utf8_.multibyte >= kMinUtf8SequencesOverDeclaration)) {
    return Finish("utf-8", DecodeUtf8(bytes_, utf8_));
  }
  if (declared && IsSingleByteEncoding(*declared)) return ChooseForSingleByteDeclaration(*declared);
  std::optional<DecodeOutput> declared_output;
  if (declared && *declared != "utf-8") {
    DecodeOutput out = DecodeWith(bytes_, *declared);
    if (out.errors == 0) return Finish(*declared, std::move(out));
    declared_output = std::move(out);
  }
  ChooseAmongCandidates(declared, std::move(declared_output));
}

// Single-byte tables accept (nearly) any bytes, so decoding errors cannot refute them: GBK
// bytes under iso-8859-1 are the usual case. A multi-byte reading replaces the declaration
// only when the detector proposes it, it decodes cleanly, and it reads as Chinese.
void Chooser::ChooseForSingleByteDeclaration(const std::string& declared) {
  // UTF-8 with a stray broken byte: Latin text in a single-byte charset is almost never valid
  // UTF-8 (an accented letter followed by ASCII is an invalid sequence), so a tolerated error
  // rate means UTF-8. (Valid UTF-8 never gets here.)
  if (utf8_.multibyte > 0 && ToleratedErrors(utf8_.errors, utf8_)) {
    return Finish("utf-8", DecodeUtf8(bytes_, utf8_));
  }
  auto detected = DetectedDecoding();
  if (detected && !IsSingleByteEncoding(*detected) && *detected != "utf-8") {
    DecodeOutput out = DecodeWith(bytes_, *detected);
    if (out.errors == 0 && CjkShare(out.utf8) >= kMinCjkShare) {
      return Finish(*detected, std::move(out));
    }
  }
  FinishWith(declared);
}

// The declaration failed on the bytes (or there is none and they are not UTF-8). The candidate
// with the fewest invalid sequences wins, earlier ones winning ties (the declaration first); a
// declaration that fails only on a tolerated few bytes stays unless a candidate is clean.
void Chooser::ChooseAmongCandidates(const std::optional<std::string>& declared,
                                    std::optional<DecodeOutput> declared_output) {
  std::string_view sample = Prefix(bytes_, kCandidateSampleBytes);
  bool whole = sample.size() == bytes_.size();
  Utf8Stats sample_utf8 = whole ? utf8_ : ScanUtf8(sample);
  std::vector<Candidate> candidates;
  // The current best candidate's output when the sample is the whole input, so that the
  // winner is not decoded twice. With the declaration's, at most two outputs are alive.
  std::optional<std::pair<std::string, DecodeOutput>> best_output;
  auto consider = [&](const std::string& encoding) {
    for (const auto& c : candidates) {
      // A clean candidate already won: later ones can only tie.
      if (c.encoding == encoding || c.errors == 0) return;
    }
    size_t errors = 0;
    std::optional<DecodeOutput> out;
    if (encoding == "utf-8") {
      errors = sample_utf8.errors;
    } else if (whole && declared_output && encoding == *declared) {
      errors = declared_output->errors;
    } else {
      out = DecodeWith(sample, encoding);
      errors = out->errors;
    }
    bool better = std::all_of(candidates.begin(), candidates.end(),
                              [&](const Candidate& c) { return errors < c.errors; });
    candidates.push_back({encoding, errors});
    if (better && whole && out) best_output.emplace(encoding, std::move(*out));
  };
  if (declared && !IsUtf16(*declared) && *declared != "replacement") consider(*declared);
  consider("utf-8");
  if (auto d = DetectedDecoding(); d && !IsSingleByteEncoding(*d)) consider(*d);
  consider("gb18030");
  consider("big5");

  const Candidate* best = &candidates.front();
  for (const auto& c : candidates) {
    if (c.errors < best->errors) best = &c;
  }
  if (best->errors > 0) {
    if (declared && candidates.front().encoding == *declared &&
        ToleratedErrors(candidates.front().errors, sample_utf8)) {
      // A declaration failing on only a few bytes is still the page's encoding.
      best = &candidates.front();
    } else if (!ToleratedErrors(best->errors, sample_utf8)) {
      // Nothing multi-byte fits: a single-byte guess of the detector is the better reading.
      if (auto d = DetectedDecoding(); d && IsSingleByteEncoding(*d)) return FinishWith(*d);
    }
  }
  const std::string& encoding = best->encoding;
  if (declared_output && declared && encoding == *declared) {
    return Finish(encoding, std::move(*declared_output));
  }
  if (best_output && best_output->first == encoding) {
    return Finish(encoding, std::move(best_output->second));
  }
  FinishWith(encoding);
}

}  // namespace

std::optional<std::string> ResolveEncodingLabel(std::string_view label) {
  return WhatwgEncodingForLabel(label);
}

std::optional<std::string> CharsetFromContentType(std::string_view content_type) {
  // RFC 9110 §8.3: type/subtype *( OWS ";" OWS parameter ), parameter = name "=" value, value a
  // token or a quoted string. Names are case-insensitive.
  size_t pos = content_type.find(';');
  while (pos != std::string_view::npos) {
    size_t start = pos + 1;
    size_t eq = content_type.find('=', start);
    size_t next = content_type.find(';', start);
    if (eq == std::string_view::npos) return std::nullopt;
    if (next != std::string_view::npos && next < eq) {
      pos = next;
      continue;
    }
    std::string name = LowerTrim(content_type.substr(start, eq - start));
    size_t v = eq + 1;
    while (v < content_type.size() && IsSpace(content_type[v])) ++v;
    std::string value;
    if (v < content_type.size() && (content_type[v] == '"' || content_type[v] == '\'')) {
      char q = content_type[v];
      size_t end = content_type.find(q, v + 1);
      if (end == std::string_view::npos) end = content_type.size();
      value = LowerTrim(content_type.substr(v + 1, end - v - 1));
      next = content_type.find(';', end);
    } else {
      size_t end = v;
      while (end < content_type.size() && content_type[end] != ';' && content_type[end] != ',' &&
             !IsSpace(content_type[end])) {
        ++end;
      }
      value = LowerTrim(content_type.substr(v, end - v));
    }
    if (name == "charset") {
      if (value.empty()) return std::nullopt;
      return value;
    }
    pos = next;
  }
  return std::nullopt;
}

std::optional<std::string> PrescanMetaCharset(std::string_view bytes) {
  return Prescan(bytes, kPrescanBytes);
}

DecodedPage DecodeHtml(std::string_view bytes, std::optional<std::string_view> content_type) {
  DecodedPage page;
  std::optional<std::string> header_label =
      content_type ? CharsetFromContentType(*content_type) : std::nullopt;
  std::optional<std::string> meta_label = Prescan(bytes, kLatePrescanBytes);
  page.encoding.declared = header_label ? header_label : meta_label;

  // 1. Byte order mark: it beats every declaration (WHATWG "BOM sniff").
  auto finish_bom = [&](const std::string& encoding, std::string_view rest) {
    DecodeOutput out = DecodeWith(rest, encoding);
    page.encoding.used = encoding;
    page.had_invalid_bytes = out.errors > 0;
    page.utf8 = std::move(out.utf8);
    return page;
  };
  if (bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    return finish_bom("utf-8", bytes.substr(kUtf8Bom.size()));
  }
  if (bytes.substr(0, kUtf16BeBom.size()) == kUtf16BeBom) {
    return finish_bom("utf-16be", bytes.substr(kUtf16BeBom.size()));
  }
  if (bytes.substr(0, kUtf16LeBom.size()) == kUtf16LeBom) {
    return finish_bom("utf-16le", bytes.substr(kUtf16LeBom.size()));
  }

  // 2. HTTP header, 3. meta prescan (an unknown header label falls through to the meta).
  std::optional<std::string> declared;
  if (header_label) declared = ResolveDeclared(*header_label, /*from_meta=*/false);
  if (declared && IsUtf16(*declared) &&
      bytes.substr(0, kUtf16ProbeBytes).find('\0') == std::string_view::npos) {
    declared.reset();  // ASCII-looking bytes are not UTF-16, whatever the header says
  }
  if (!declared && meta_label) declared = ResolveDeclared(*meta_label, /*from_meta=*/true);

  // 4. Validation against the bytes and detection, 5. UTF-8.
  Chooser(bytes, page).Choose(declared);
  return page;
}

}  // namespace extract
