// Charset choice, after WHATWG HTML §13.2.3.2 "Determining the character encoding", with one
// deliberate addition: a declaration is validated against the bytes. Old Chinese sites often
// declare one charset and serve another (meta gb2312 on UTF-8 bytes, header utf-8 on GBK
// bytes, iso-8859-1 on anything); a browser shows mojibake there, an archive must not.
#include "extract/charset.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

#include "extract/charset_detector.h"
#include "extract/charset_labels.h"
#include "extract/icu_converter.h"

namespace extract {
namespace {

// WHATWG prescan looks at the first 1024 bytes. Pages with a wrapper or a long comment before
// <head> put their meta later; we look further, but such a late declaration is only a
// candidate that must decode cleanly (see DecodeHtml).
constexpr size_t kPrescanBytes = 1024;
constexpr size_t kLatePrescanBytes = 8192;
// Visible text fed to uchardet: enough for a stable guess, bounded for speed.
constexpr size_t kDetectorSampleBytes = 64 * 1024;
// Fewer non-ASCII bytes than this in the visible text: uchardet's guess is noise (it calls
// 8 bytes of Chinese ISO-8859-7), so the whole buffer is fed instead.
constexpr size_t kMinDetectorHighBytes = 64;
// A multi-byte decoding of bytes declared single-byte replaces the declaration only when at
// least this share of its non-ASCII characters are CJK.
constexpr double kMinCjkShare = 0.6;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string LowerTrim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), Lower);
  return out;
}

bool StartsWithNoCase(std::string_view s, size_t at, std::string_view prefix) {
  if (at + prefix.size() > s.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(s[at + i]) != prefix[i]) return false;
  }
  return true;
}

// WHATWG "extract a character encoding from a meta element" (the content attribute).
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

// WHATWG "get an attribute" for the prescan: reads one attribute at `pos`, advancing it.
bool GetAttribute(std::string_view b, size_t& pos, std::string& name, std::string& value) {
  while (pos < b.size() && (IsSpace(b[pos]) || b[pos] == '/')) ++pos;
  if (pos >= b.size() || b[pos] == '>') return false;
  name.clear();
  value.clear();
  while (pos < b.size()) {
    char c = b[pos];
    if (c == '=' && !name.empty()) {
      ++pos;
      goto value;
    }
    if (IsSpace(c)) break;
    if (c == '/' || c == '>') return true;
    name.push_back(Lower(c));
    ++pos;
  }
  while (pos < b.size() && IsSpace(b[pos])) ++pos;
  if (pos >= b.size() || b[pos] != '=') return true;
  ++pos;
value:
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

// WHATWG "prescan a byte stream to determine its encoding", over the first `limit` bytes.
std::optional<std::string> Prescan(std::string_view bytes, size_t limit) {
  std::string_view b = bytes.substr(0, limit);
  size_t pos = 0;
  while (pos < b.size()) {
    if (b.compare(pos, 4, "<!--") == 0) {
      size_t end = b.find("-->", pos + 2);
      if (end == std::string_view::npos) return std::nullopt;
      pos = end + 3;
      continue;
    }
    if (StartsWithNoCase(b, pos, "<meta") && pos + 5 < b.size() &&
        (IsSpace(b[pos + 5]) || b[pos + 5] == '/')) {
      pos += 6;
      bool got_pragma = false;
      bool need_pragma_set = false, need_pragma = false;
      std::optional<std::string> charset;
      std::vector<std::string> seen;
      std::string name, value;
      while (GetAttribute(b, pos, name, value)) {
        if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
        seen.push_back(name);
        if (name == "http-equiv") {
          if (value == "content-type") got_pragma = true;
        } else if (name == "content") {
          if (!charset) {
            if (auto c = CharsetFromMetaContent(value)) {
              charset = c;
              need_pragma_set = true;
              need_pragma = true;
            }
          }
        } else if (name == "charset") {
          charset = LowerTrim(value);
          need_pragma_set = true;
          need_pragma = false;
        }
      }
      if (need_pragma_set && charset && !charset->empty() && (!need_pragma || got_pragma)) {
        if (WhatwgEncodingForLabel(*charset)) return charset;
      }
      continue;
    }
    if (b[pos] == '<' && pos + 1 < b.size() &&
        (std::isalpha(static_cast<unsigned char>(b[pos + 1])) ||
         (b[pos + 1] == '/' && pos + 2 < b.size() &&
          std::isalpha(static_cast<unsigned char>(b[pos + 2]))))) {
      // Another tag: skip its name and attributes.
      pos += b[pos + 1] == '/' ? 2 : 1;
      while (pos < b.size() && !IsSpace(b[pos]) && b[pos] != '>') ++pos;
      std::string name, value;
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
  size_t errors = 0;
  size_t multibyte = 0;
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

Utf8Stats ScanUtf8(std::string_view s) {
  Utf8Stats st;
  size_t i = 0;
  while (i < s.size()) {
    // Fast path over ASCII, 8 bytes at a time.
    while (i + 8 <= s.size()) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= s.size()) break;
    size_t len = ValidUtf8Length(s, i);
    if (len == 0) {
      ++st.errors;
      ++i;
    } else {
      if (len > 1) ++st.multibyte;
      i += len;
    }
  }
  return st;
}

// UTF-8 with invalid bytes replaced by U+FFFD (one per invalid byte).
DecodeOutput DecodeUtf8(std::string_view s) {
  DecodeOutput out;
  out.utf8.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t len = ValidUtf8Length(s, i);
    if (len == 0) {
      out.utf8 += "\xEF\xBF\xBD";
      ++out.errors;
      ++i;
    } else {
      out.utf8.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

// WHATWG gb18030 decodes a lone 0x80 as U+20AC; ICU does not. Rewrite it as the GB18030
// two-byte form of € (A2 E3) when it stands where a character starts.
std::string FixGb18030Euro(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (c == 0x80) {
      out += "\xA2\xE3";
      ++i;
    } else {
      size_t len = 2;
      if (i + 1 < s.size()) {
        unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
        if (c1 >= 0x30 && c1 <= 0x39) len = 4;
      }
      len = std::min(len, s.size() - i);
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

DecodeOutput DecodeWith(std::string_view bytes, const std::string& decoding) {
  if (decoding == "utf-8") return DecodeUtf8(bytes);
  if (decoding == "replacement") {
    DecodeOutput out;
    if (!bytes.empty()) {
      out.utf8 = "\xEF\xBF\xBD";
      out.errors = 1;
    }
    return out;
  }
  if (decoding == "x-user-defined") {
    // WHATWG §14.5: 0x80-0xFF map to U+F780-U+F7FF.
    DecodeOutput out;
    for (unsigned char c : bytes) {
      if (c < 0x80) {
        out.utf8.push_back(static_cast<char>(c));
      } else {
        char32_t cp = 0xF780 + (c - 0x80);
        out.utf8.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.utf8.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.utf8.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      }
    }
    return out;
  }
  auto icu_name = IcuConverterName(decoding);
  auto converter = icu_name ? IcuConverter::Open(*icu_name)
                            : util::Result<IcuConverter>(tl::unexpected(util::Error{}));
  if (!converter) {
    // No converter: fall back to windows-1252, which every ICU build has.
    auto fallback = IcuConverter::Open("windows-1252");
    if (!fallback) return DecodeUtf8(bytes);
    return fallback->Decode(bytes);
  }
  if (decoding == "gb18030" && bytes.find('\x80') != std::string_view::npos) {
    return converter->Decode(FixGb18030Euro(bytes));
  }
  return converter->Decode(bytes);
}

// Text outside tags, scripts and styles: what uchardet should see.
std::string VisibleBytes(std::string_view b, size_t max) {
  std::string out;
  size_t i = 0;
  while (i < b.size() && out.size() < max) {
    if (b[i] == '<') {
      if (StartsWithNoCase(b, i, "<script") || StartsWithNoCase(b, i, "<style")) {
        bool script = StartsWithNoCase(b, i, "<script");
        std::string_view close = script ? "</script" : "</style";
        size_t j = i + 1;
        while (j < b.size() && !StartsWithNoCase(b, j, close)) ++j;
        i = j;
      }
      size_t end = b.find('>', i);
      if (end == std::string_view::npos) break;
      i = end + 1;
      out.push_back(' ');
      continue;
    }
    out.push_back(b[i++]);
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
  return DetectCharset(bytes.substr(0, kDetectorSampleBytes * 4));
}

// Share of CJK ideographs among the non-ASCII characters of UTF-8 text.
double CjkShare(std::string_view utf8) {
  size_t non_ascii = 0, cjk = 0;
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (c >= 0x80) {
      ++non_ascii;
      if (len == 3 && i + 2 < utf8.size()) {
        char32_t cp = ((c & 0x0F) << 12) | ((utf8[i + 1] & 0x3F) << 6) | (utf8[i + 2] & 0x3F);
        if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x303F) ||
            (cp >= 0xFF00 && cp <= 0xFFEF)) {
          ++cjk;
        }
      }
    }
    i += len;
  }
  return non_ascii == 0 ? 0.0 : static_cast<double>(cjk) / static_cast<double>(non_ascii);
}

// The decoding encoding for a declared label: meta declarations of UTF-16 mean UTF-8 and
// x-user-defined means windows-1252 (WHATWG prescan, step "If charset is UTF-16BE/LE").
std::optional<std::string> ResolveDeclared(const std::string& label, bool from_meta) {
  auto whatwg = WhatwgEncodingForLabel(label);
  if (!whatwg) return std::nullopt;
  if (from_meta && (*whatwg == "utf-16be" || *whatwg == "utf-16le")) return "utf-8";
  if (from_meta && *whatwg == "x-user-defined") return "windows-1252";
  return DecodingEncoding(*whatwg);
}

struct Candidate {
  std::string encoding;
  DecodeOutput output;
};

}  // namespace

std::optional<std::string> ResolveEncodingLabel(std::string_view label) {
  return WhatwgEncodingForLabel(label);
}

std::optional<std::string> CharsetFromContentType(std::string_view content_type) {
  size_t semi = content_type.find(';');
  if (semi == std::string_view::npos) return std::nullopt;
  auto charset = CharsetFromMetaContent(content_type.substr(semi));
  if (!charset || charset->empty()) return std::nullopt;
  return charset;
}

std::optional<std::string> PrescanMetaCharset(std::string_view bytes) {
  return Prescan(bytes, kPrescanBytes);
}

DecodedPage DecodeHtml(std::string_view bytes, std::optional<std::string_view> content_type) {
  DecodedPage page;
  std::optional<std::string> header_label =
      content_type ? CharsetFromContentType(*content_type) : std::nullopt;
  std::optional<std::string> meta_label = PrescanMetaCharset(bytes);
  bool late_meta = false;
  if (!meta_label) {
    meta_label = Prescan(bytes, kLatePrescanBytes);
    late_meta = meta_label.has_value();
  }
  page.encoding.declared = header_label ? header_label : meta_label;

  auto finish = [&page](const std::string& encoding, DecodeOutput output) {
    page.encoding.used = encoding;
    page.had_invalid_bytes = output.errors > 0;
    page.utf8 = std::move(output.utf8);
    return page;
  };

  // 1. Byte order mark.
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    return finish("utf-8", DecodeUtf8(bytes.substr(3)));
  }
  if (bytes.size() >= 2 && bytes.compare(0, 2, "\xFE\xFF") == 0) {
    return finish("utf-16be", DecodeWith(bytes.substr(2), "utf-16be"));
  }
  if (bytes.size() >= 2 && bytes.compare(0, 2, "\xFF\xFE") == 0) {
    return finish("utf-16le", DecodeWith(bytes.substr(2), "utf-16le"));
  }

  // 2. HTTP header, 3. meta prescan (an unknown header label falls through to the meta).
  std::optional<std::string> declared;
  if (header_label) declared = ResolveDeclared(*header_label, false);
  if (!declared && meta_label) declared = ResolveDeclared(*meta_label, true);

  Utf8Stats utf8 = ScanUtf8(bytes);
  std::optional<std::optional<std::string>> detection;  // run lazily, once
  auto detect = [&]() -> std::optional<std::string> {
    if (!detection) {
      detection = Detect(bytes);
      page.encoding.detected = *detection;
    }
    return *detection;
  };
  auto detected_decoding = [&]() -> std::optional<std::string> {
    auto d = detect();
    if (!d) return std::nullopt;
    auto whatwg = WhatwgEncodingForLabel(*d);
    if (!whatwg) return std::nullopt;
    return DecodingEncoding(*whatwg);
  };

  if (declared && !late_meta) {
    if (*declared == "utf-8") {
      if (utf8.errors == 0) return finish("utf-8", DecodeUtf8(bytes));
    } else if (IsSingleByteEncoding(*declared)) {
      // Single-byte tables accept any bytes, so errors cannot refute them; look at the bytes.
      if (utf8.errors == 0 && utf8.multibyte > 0) return finish("utf-8", DecodeUtf8(bytes));
      if (utf8.multibyte > 0 || CountHighBytes(bytes) > 0) {
        auto d = detected_decoding();
        if (d && !IsSingleByteEncoding(*d)) {
          DecodeOutput out = DecodeWith(bytes, *d);
          if (out.errors == 0 && CjkShare(out.utf8) >= kMinCjkShare) return finish(*d, out);
        }
      }
      return finish(*declared, DecodeWith(bytes, *declared));
    } else {
      DecodeOutput out = DecodeWith(bytes, *declared);
      if (out.errors == 0) return finish(*declared, std::move(out));
    }
  } else if (!declared && utf8.errors == 0) {
    // 5. Nothing declared and the bytes are valid UTF-8 (or ASCII): UTF-8.
    return finish("utf-8", DecodeUtf8(bytes));
  }

  // The declaration failed on the bytes (or there is none): the candidate with the fewest
  // invalid sequences wins; the declaration wins ties. Single-byte encodings are only a last
  // resort, since they never fail.
  std::vector<Candidate> candidates;
  auto consider = [&](const std::string& encoding) {
    for (const auto& c : candidates) {
      if (c.encoding == encoding) return;
    }
    if (encoding == "utf-8") {
      candidates.push_back({encoding, DecodeUtf8(bytes)});
    } else {
      candidates.push_back({encoding, DecodeWith(bytes, encoding)});
    }
  };
  if (declared && !IsSingleByteEncoding(*declared)) consider(*declared);
  consider("utf-8");
  if (auto d = detected_decoding(); d && !IsSingleByteEncoding(*d)) consider(*d);
  consider("gb18030");
  consider("big5");
  const Candidate* best = &candidates.front();
  for (const auto& c : candidates) {
    if (c.output.errors < best->output.errors) best = &c;
  }
  if (best->output.errors > 0) {
    // Nothing multi-byte decodes cleanly. A single-byte declaration or detection is then the
    // better reading (it is what the page asked for, or what the bytes look like).
    std::optional<std::string> single;
    if (declared && IsSingleByteEncoding(*declared)) single = declared;
    if (!single) {
      if (auto d = detected_decoding(); d && IsSingleByteEncoding(*d)) single = d;
    }
    if (single && best->output.errors * 100 > utf8.multibyte + 1) {
      return finish(*single, DecodeWith(bytes, *single));
    }
  }
  std::string encoding = best->encoding;
  return finish(encoding, candidates[static_cast<size_t>(best - candidates.data())].output);
}

}  // namespace extract
