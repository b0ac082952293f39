// Sitemaps: https://www.sitemaps.org/protocol.html (protocol 0.9), Google News sitemaps:
// https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap
//
// XML goes through expat (libexpat1-dev): a streaming parser, so a 50 MB sitemap costs its
// entries and not a tree, and CDATA, character references, the predefined entities, UTF-16
// and the byte order mark are handled by a real parser rather than by a scanner's guesses.
// Expat's namespace processing is left off on purpose: real sitemaps use <news:news> or
// <image:image> without declaring the prefix, which is fatal in namespace mode; elements are
// matched by their local name instead.
#include "crawler/sitemap.h"

#include <expat.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>
#include <string>

#include "util/url.h"

namespace crawler {
namespace {

constexpr size_t kChunkBytes = 1 << 20;  // gzip output and expat input are handled in chunks

// ---- gzip ----------------------------------------------------------------------------------

bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

enum class GunzipStatus { kOk, kTruncated, kCorrupt };

// Owns a zlib inflate stream.
class Inflater {
 public:
  Inflater() { ok_ = inflateInit2(&z_, 15 + 16) == Z_OK; }  // 15 + 16: gzip wrapper only
  ~Inflater() {
    if (ok_) inflateEnd(&z_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  bool ok() const { return ok_; }
  z_stream& z() { return z_; }

 private:
  z_stream z_{};
  bool ok_ = false;
};

// Inflates gzip `in` (several members one after another, as RFC 1952 allows) into `out`,
// keeping at most `cap` bytes: a gzip bomb costs `cap` plus one chunk, never more.
GunzipStatus Gunzip(std::string_view in, size_t cap, std::string& out) {
  Inflater inflater;
  if (!inflater.ok()) return GunzipStatus::kCorrupt;
  z_stream& z = inflater.z();
  auto buffer = std::make_unique<char[]>(kChunkBytes);
  size_t offset = 0;
  while (true) {
    if (z.avail_in == 0 && offset < in.size()) {
      size_t n = std::min(kChunkBytes, in.size() - offset);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + offset));
      z.avail_in = static_cast<uInt>(n);
      offset += n;
    }
    z.next_out = reinterpret_cast<Bytef*>(buffer.get());
    z.avail_out = static_cast<uInt>(kChunkBytes);
    int rc = inflate(&z, Z_NO_FLUSH);
    size_t produced = kChunkBytes - z.avail_out;
    if (out.size() + produced > cap) {
      out.append(buffer.get(), cap - out.size());
      return GunzipStatus::kTruncated;
    }
    out.append(buffer.get(), produced);
    if (rc == Z_STREAM_END) {
      // Another member follows? Anything else after the end is ignored, as gzip(1) warns and
      // ignores trailing garbage.
      size_t rest = z.avail_in + (in.size() - offset);
      std::string_view next = in.substr(in.size() - rest);
      if (!IsGzip(next)) return GunzipStatus::kOk;
      if (inflateReset(&z) != Z_OK) return GunzipStatus::kCorrupt;
      continue;
    }
    // Z_BUF_ERROR: no progress without more input, and there is none: the stream was cut.
    if (rc == Z_BUF_ERROR && z.avail_in == 0 && offset == in.size()) return GunzipStatus::kCorrupt;
    if (rc != Z_OK && rc != Z_BUF_ERROR) return GunzipStatus::kCorrupt;
  }
}

// ---- text ----------------------------------------------------------------------------------

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  size_t b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(kSpace);
  return s.substr(b, e - b + 1);
}

// An http(s) URL alone on its (trimmed) line: no spaces or control bytes inside.
bool IsUrlLine(std::string_view line) {
  if (!StartsWithNoCase(line, "http://") && !StartsWithNoCase(line, "https://")) return false;
  return std::none_of(line.begin(), line.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
  });
}

std::string_view FirstNonBlankLine(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view line = Trim(text.substr(pos, end == std::string_view::npos ? end : end - pos));
    if (!line.empty()) return line;
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return {};
}

// sitemaps.org "Text file": one URL per line, UTF-8. Lines that are not a URL are skipped
// rather than failing the file. When the bytes were cut at a cap, the last line may be a
// fragment of a URL and is dropped.
void ParseText(std::string_view text, bool cut, const SitemapLimits& limits, SitemapParse& out) {
  out.kind = SitemapKind::kText;
  if (cut) {
    size_t last_newline = text.rfind('\n');
    text =
        last_newline == std::string_view::npos ? std::string_view() : text.substr(0, last_newline);
  }
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view line = Trim(text.substr(pos, end == std::string_view::npos ? end : end - pos));
    pos = end == std::string_view::npos ? text.size() : end + 1;
    if (line.empty()) continue;
    if (!IsUrlLine(line) || line.size() > limits.max_loc_bytes) {
      ++out.skipped_entries;
      continue;
    }
    if (out.entries.size() >= limits.max_entries) {
      out.truncated = true;
      return;
    }
    out.entries.push_back(
        SitemapEntry{std::string(line), std::nullopt, std::nullopt, std::nullopt});
  }
}

// ---- XML -----------------------------------------------------------------------------------

struct ParserDeleter {
  void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};
using ParserPtr = std::unique_ptr<XML_ParserStruct, ParserDeleter>;

std::string_view LocalName(const XML_Char* name) {
  std::string_view n(name);
  size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

// What the expat callbacks build. Depths count elements from the root (1). Only the elements
// that matter are tracked, by depth, so a deeply nested document costs no stack of ours.
struct XmlReader {
  enum class Field { kNone, kLoc, kLastmod, kNewsDate, kNewsTitle };

  XmlReader(const SitemapLimits& l, SitemapParse& o, XML_Parser p, bool bytes_as_latin1)
      : limits(l), out(o), parser(p), latin1(bytes_as_latin1) {}

  const SitemapLimits& limits;
  SitemapParse& out;
  XML_Parser parser;
  // The document was read as ISO-8859-1 because expat does not know its declared encoding:
  // characters are turned back into the original bytes (see ParseXml).
  bool latin1;
  int depth = 0;
  int item_depth = 0;  // depth of the open <url>/<sitemap>, 0 when none
  int news_depth = 0;  // depth of the open <news:news> inside it, 0 when none
  Field field = Field::kNone;
  int field_depth = 0;
  std::string text;
  bool text_too_long = false;
  SitemapEntry entry;
  bool loc_too_long = false;
  std::string stop_reason;  // why a callback stopped the parser, when it is an error

  void Stop(std::string reason) {
    stop_reason = std::move(reason);
    XML_StopParser(parser, XML_FALSE);
  }

  void OnStart(std::string_view name) {
    ++depth;
    if (depth == 1) {
      if (name == "urlset") {
        out.kind = SitemapKind::kUrlset;
      } else if (name == "sitemapindex") {
        out.kind = SitemapKind::kSitemapIndex;
      } else {
        Stop("");  // not a sitemap (HTML, RSS, Atom ...): nothing to read
      }
      return;
    }
    if (depth == 2 && (name == "url" || name == "sitemap")) {
      item_depth = depth;
      entry = SitemapEntry{};
      loc_too_long = false;
      return;
    }
    if (item_depth == 0 || field != Field::kNone) return;
    Field f = Field::kNone;
    if (depth == item_depth + 1) {
      if (name == "loc") f = Field::kLoc;
      if (name == "lastmod") f = Field::kLastmod;
      if (name == "news") news_depth = depth;
    } else if (news_depth != 0 && depth == news_depth + 1) {
      if (name == "publication_date") f = Field::kNewsDate;
      if (name == "title") f = Field::kNewsTitle;
    }
    if (f != Field::kNone) {
      field = f;
      field_depth = depth;
      text.clear();
      text_too_long = false;
    }
  }

  void OnText(const XML_Char* s, int len) {
    if (field == Field::kNone) return;
    std::string_view chars(s, static_cast<size_t>(len));
    if (text.size() + chars.size() > limits.max_loc_bytes) {
      text_too_long = true;
      return;
    }
    if (!latin1) {
      text.append(chars);
      return;
    }
    // Expat gives UTF-8 of code points U+0000..U+00FF here: one byte each, as in the file.
    for (size_t i = 0; i < chars.size(); ++i) {
      auto c = static_cast<unsigned char>(chars[i]);
      if ((c & 0xE0) == 0xC0 && i + 1 < chars.size()) {
        c = static_cast<unsigned char>(((c & 0x1F) << 6) | (chars[++i] & 0x3F));
      }
      text.push_back(static_cast<char>(c));
    }
  }

  void OnEnd() {
    if (field != Field::kNone && depth == field_depth) {
      std::string value(Trim(text));
      switch (field) {
        case Field::kLoc:
          if (text_too_long) {
            loc_too_long = true;
          } else if (entry.loc.empty()) {
            entry.loc = std::move(value);
          }
          break;
        case Field::kLastmod:
          if (!text_too_long && !value.empty()) entry.lastmod = std::move(value);
          break;
        case Field::kNewsDate:
          if (!text_too_long && !value.empty()) entry.news_publication_date = std::move(value);
          break;
        case Field::kNewsTitle:
          if (!text_too_long && !value.empty()) entry.news_title = std::move(value);
          break;
        case Field::kNone:
          break;
      }
      field = Field::kNone;
    }
    if (depth == news_depth) news_depth = 0;
    if (depth == item_depth) {
      item_depth = 0;
      if (entry.loc.empty() || loc_too_long) {
        ++out.skipped_entries;
      } else if (out.entries.size() >= limits.max_entries) {
        out.truncated = true;
        Stop("");
      } else {
        out.entries.push_back(std::move(entry));
      }
    }
    --depth;
  }

  // Expat callbacks: C code calls them, so nothing may throw out of them.
  static void StartHandler(void* user, const XML_Char* name, const XML_Char**) {
    auto* r = static_cast<XmlReader*>(user);
    try {
      r->OnStart(LocalName(name));
    } catch (...) {
      r->Stop("out of memory");
    }
  }
  static void EndHandler(void* user, const XML_Char*) {
    auto* r = static_cast<XmlReader*>(user);
    try {
      r->OnEnd();
    } catch (...) {
      r->Stop("out of memory");
    }
  }
  static void TextHandler(void* user, const XML_Char* s, int len) {
    auto* r = static_cast<XmlReader*>(user);
    try {
      r->OnText(s, len);
    } catch (...) {
      r->Stop("out of memory");
    }
  }
  // Sitemaps have no DTD. An internal subset can only define entities, the stuff of
  // "billion laughs" documents: refuse it rather than rely on expat's amplification limit.
  static void DoctypeHandler(void* user, const XML_Char*, const XML_Char*, const XML_Char*,
                             int has_internal_subset) {
    auto* r = static_cast<XmlReader*>(user);
    if (has_internal_subset) r->Stop("DOCTYPE with an internal subset is not read");
  }
};

enum class XmlStatus { kDone, kUnknownEncoding };

// `complete` is false when the bytes were cut at a cap or by a corrupt gzip stream: expat is
// then never told the document ended, so the cut is not reported as an XML error.
XmlStatus ParseXml(std::string_view xml, bool complete, bool latin1, const SitemapLimits& limits,
                   SitemapParse& out) {
  // With an encoding given, expat ignores the document's declaration (expat.h: XML_ParserCreate).
  ParserPtr parser(XML_ParserCreate(latin1 ? "ISO-8859-1" : nullptr));
  if (!parser) {
    out.error = "cannot create an XML parser";
    return XmlStatus::kDone;
  }
  XmlReader reader(limits, out, parser.get(), latin1);
  XML_SetUserData(parser.get(), &reader);
  XML_SetElementHandler(parser.get(), &XmlReader::StartHandler, &XmlReader::EndHandler);
  XML_SetCharacterDataHandler(parser.get(), &XmlReader::TextHandler);
  XML_SetStartDoctypeDeclHandler(parser.get(), &XmlReader::DoctypeHandler);
  size_t offset = 0;
  while (true) {
    size_t n = std::min(kChunkBytes, xml.size() - offset);
    bool last = offset + n == xml.size();
    if (XML_Parse(parser.get(), xml.data() + offset, static_cast<int>(n),
                  last && complete ? XML_TRUE : XML_FALSE) == XML_STATUS_ERROR) {
      XML_Error code = XML_GetErrorCode(parser.get());
      if (code == XML_ERROR_ABORTED) {
        if (!reader.stop_reason.empty()) out.error = reader.stop_reason;
      } else if (code == XML_ERROR_UNKNOWN_ENCODING && !latin1) {
        return XmlStatus::kUnknownEncoding;
      } else {
        out.error = std::string("XML error at line ") +
                    std::to_string(XML_GetCurrentLineNumber(parser.get())) + ": " +
                    XML_ErrorString(code);
      }
      break;
    }
    offset += n;
    if (last) break;
  }
  return XmlStatus::kDone;
}

bool StartsWithUtf16Bom(std::string_view s) {
  return s.size() >= 2 &&
         ((static_cast<unsigned char>(s[0]) == 0xFE && static_cast<unsigned char>(s[1]) == 0xFF) ||
          (static_cast<unsigned char>(s[0]) == 0xFF && static_cast<unsigned char>(s[1]) == 0xFE));
}

}  // namespace

const char* SitemapKindName(SitemapKind kind) {
  switch (kind) {
    case SitemapKind::kUrlset:
      return "urlset";
    case SitemapKind::kSitemapIndex:
      return "sitemapindex";
    case SitemapKind::kText:
      return "text";
    case SitemapKind::kUnknown:
      return "unknown";
  }
  return "unknown";
}

SitemapParse ParseSitemap(std::string_view bytes, const SitemapLimits& limits) {
  SitemapParse out;
  std::string inflated;
  std::string_view data = bytes;
  if (IsGzip(bytes)) {
    out.gzipped = true;
    switch (Gunzip(bytes, limits.max_decoded_bytes, inflated)) {
      case GunzipStatus::kOk:
        break;
      case GunzipStatus::kTruncated:
        out.truncated = true;
        break;
      case GunzipStatus::kCorrupt:
        out.error = "corrupt or cut gzip data";
        break;
    }
    data = inflated;
  } else if (data.size() > limits.max_decoded_bytes) {
    data = data.substr(0, limits.max_decoded_bytes);
    out.truncated = true;
  }
  const bool complete = !out.truncated && out.error.empty();

  constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  std::string_view body = data.substr(0, kUtf8Bom.size()) == kUtf8Bom ? data.substr(3) : data;
  std::string_view start = Trim(body.substr(0, 1024));
  if (StartsWithUtf16Bom(body) || (!start.empty() && start.front() == '<')) {
    // Expat reads the byte order marks itself (and UTF-16 without a declaration).
    if (ParseXml(data, complete, false, limits, out) == XmlStatus::kUnknownEncoding) {
      // An encoding expat lacks (GBK, Shift_JIS ...): URLs are ASCII in practice, so read the
      // bytes one for one and hand them back unchanged.
      SitemapParse retry;
      retry.gzipped = out.gzipped;
      retry.truncated = out.truncated;
      retry.error = out.error;
      out = std::move(retry);
      ParseXml(data, complete, true, limits, out);
    }
  } else if (IsUrlLine(FirstNonBlankLine(body.substr(0, 64 * 1024)))) {
    ParseText(body, !complete, limits, out);
  }
  if (out.kind == SitemapKind::kUnknown) out.entries.clear();
  return out;
}

SitemapFollowPlan PlanSitemapFollow(const SitemapParse& parse, std::string_view sitemap_url,
                                    int depth, size_t child_sitemaps_queued,
                                    const SitemapFollowOptions& options) {
  SitemapFollowPlan plan;
  switch (parse.kind) {
    case SitemapKind::kUnknown:
      return plan;
    case SitemapKind::kUrlset:
    case SitemapKind::kText:
      for (const SitemapEntry& e : parse.entries) {
        if (util::SplitUrl(e.loc)) {
          plan.pages.push_back(e);
        } else {
          ++plan.skipped_pages;
        }
      }
      return plan;
    case SitemapKind::kSitemapIndex:
      break;
  }
  const std::optional<util::UrlParts> parent = util::SplitUrl(sitemap_url);
  std::set<std::string> seen;
  if (auto canonical = util::CanonicalizeUrl(sitemap_url)) seen.insert(*canonical);
  for (const SitemapEntry& e : parse.entries) {
    bool wanted = depth + 1 <= options.max_depth &&
                  child_sitemaps_queued + plan.child_sitemaps.size() < options.max_child_sitemaps;
    std::optional<util::UrlParts> child = wanted ? util::SplitUrl(e.loc) : std::nullopt;
    if (child && options.same_host_only) {
      wanted = parent && parent->host == child->host && parent->port == child->port;
    }
    std::optional<std::string> canonical;
    if (child && wanted) canonical = util::CanonicalizeUrl(e.loc);
    if (!canonical || !seen.insert(*canonical).second) {
      ++plan.skipped_child_sitemaps;
      continue;
    }
    plan.child_sitemaps.push_back(e.loc);
  }
  return plan;
}

}  // namespace crawler
