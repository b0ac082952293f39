#include "util/url.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <unordered_map>

namespace util {
namespace {

struct CurlUrlDeleter {
  void operator()(CURLU* h) const { curl_url_cleanup(h); }
};
using CurlUrl = std::unique_ptr<CURLU, CurlUrlDeleter>;

struct CurlStringDeleter {
  void operator()(char* s) const { curl_free(s); }
};
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// WHATWG URL parsing strips leading/trailing C0 controls and spaces and removes tabs and
// newlines anywhere; old CMS templates put both inside href attributes.
std::string CleanReference(std::string_view ref) {
  std::string out;
  out.reserve(ref.size());
  for (char c : ref) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    out.push_back(c);
  }
  size_t begin = 0;
  while (begin < out.size() && static_cast<unsigned char>(out[begin]) <= 0x20) ++begin;
  size_t end = out.size();
  while (end > begin && static_cast<unsigned char>(out[end - 1]) <= 0x20) --end;
  out = out.substr(begin, end - begin);
  // Backslashes are path separators for http(s) in browsers.
  std::replace(out.begin(), out.end(), '\\', '/');
  return out;
}

// Percent-encodes bytes that curl would reject or that are not valid in a URL (spaces, non-ASCII
// bytes), leaving existing escapes and reserved characters alone.
std::string EncodeUnsafe(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '`' || c == '{' ||
        c == '}' || c == '|' || c == '^') {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::optional<std::string> GetPart(CURLU* h, CURLUPart part, unsigned flags = 0) {
  char* raw = nullptr;
  if (curl_url_get(h, part, &raw, flags) != CURLUE_OK || raw == nullptr) return std::nullopt;
  CurlString owned(raw);
  return std::string(raw);
}

bool IsHttpScheme(CURLU* h) {
  auto scheme = GetPart(h, CURLUPART_SCHEME);
  return scheme && (*scheme == "http" || *scheme == "https");
}

CurlUrl ParseAbsolute(std::string_view url) {
  CurlUrl h(curl_url());
  if (!h) return nullptr;
  std::string cleaned = EncodeUnsafe(CleanReference(url));
  if (curl_url_set(h.get(), CURLUPART_URL, cleaned.c_str(), CURLU_NON_SUPPORT_SCHEME) !=
      CURLUE_OK) {
    return nullptr;
  }
  if (!IsHttpScheme(h.get())) return nullptr;
  return h;
}

bool IsSessionParam(std::string_view name, const CanonicalizeOptions& options) {
  std::string lower = Lower(name);
  for (const auto& p : options.session_params) {
    if (lower == Lower(p)) return true;
  }
  return false;
}

}  // namespace

namespace {

// True when a URL reference names its own scheme ("http:", "mailto:") or authority ("//host"):
// RFC 3986 scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) followed by ':'.
bool HasSchemeOrAuthority(std::string_view ref) {
  if (ref.starts_with("//")) return true;
  size_t i = 0;
  while (i < ref.size()) {
    char c = ref[i];
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (alpha || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
      ++i;
      continue;
    }
    return c == ':' && i > 0;
  }
  return false;
}

// `ref` resolved against an already parsed base (nullptr: no usable base).
std::optional<std::string> ResolveAgainst(CURLU* base, std::string_view ref) {
  std::string cleaned = CleanReference(ref);
  if (cleaned.empty()) return std::nullopt;
  if (base == nullptr) {
    // Without a usable base only an absolute http(s) reference resolves.
    CurlUrl h = ParseAbsolute(cleaned);
    if (!h) return std::nullopt;
    return GetPart(h.get(), CURLUPART_URL);
  }
  CurlUrl h(curl_url_dup(base));
  if (!h) return std::nullopt;
  std::string encoded = EncodeUnsafe(cleaned);
  if (curl_url_set(h.get(), CURLUPART_URL, encoded.c_str(), CURLU_NON_SUPPORT_SCHEME) !=
      CURLUE_OK) {
    return std::nullopt;
  }
  // A reference without a scheme or authority keeps the base's, which ParseAbsolute checked
  // (http or https, with a host): only other references need the checks.
  if (HasSchemeOrAuthority(encoded)) {
    if (!IsHttpScheme(h.get())) return std::nullopt;
    if (!GetPart(h.get(), CURLUPART_HOST)) return std::nullopt;
  }
  return GetPart(h.get(), CURLUPART_URL);
}

}  // namespace

std::optional<std::string> ResolveUrl(std::string_view base, std::string_view ref) {
  CurlUrl h = ParseAbsolute(base);
  return ResolveAgainst(h.get(), ref);
}

namespace {

bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// A path and query that libcurl keeps exactly as written: RFC 3986 characters and well-formed
// escapes, no fragment, no dot segments (which libcurl removes) and no empty query (which it
// drops).
bool IsPlainPathAndQuery(std::string_view ref) {
  size_t query = ref.find('?');
  if (query == ref.size() - 1) return false;
  std::string_view path = ref.substr(0, query);
  for (size_t i = 0; i < ref.size(); ++i) {
    char c = ref[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || std::string_view("-._~!$&'()*+,;=:@/?").find(c) != std::string_view::npos) {
      continue;
    }
    if (c != '%' || i + 2 >= ref.size() || !IsHexDigit(ref[i + 1]) || !IsHexDigit(ref[i + 2])) {
      return false;
    }
    if (i < path.size() && (ref[i + 1] == '2' && (ref[i + 2] == 'e' || ref[i + 2] == 'E'))) {
      return false;  // %2e: an encoded dot, which a dot segment may be made of
    }
  }
  for (size_t begin = 0; begin <= path.size();) {
    size_t end = path.find('/', begin);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(begin, end - begin);
    if (segment == "." || segment == "..") return false;
    begin = end + 1;
  }
  return true;
}

// A relative reference whose resolution is plain string concatenation with the base: a plain
// path or query with no scheme or authority of its own.
bool IsPlainRelativeReference(std::string_view ref) {
  if (ref.empty() || ref.starts_with("//")) return false;
  std::string_view path = ref.substr(0, ref.find('?'));
  if (path.substr(0, path.find('/')).find(':') != std::string_view::npos) return false;
  return IsPlainPathAndQuery(ref);
}

// An absolute http(s) URL that libcurl gives back exactly as written: lower-case scheme, a
// host name of lower-case letters, digits, dots and hyphens (no port, no user, nothing libcurl
// could read as an IPv4 number such as "0x7f.1"), and a plain path and query.
constexpr size_t kMaxPlainHostBytes = 253;  // a DNS name; longer ones are left to libcurl

bool IsPlainAbsoluteUrl(std::string_view url) {
  size_t host_begin = url.starts_with("http://") ? 7 : url.starts_with("https://") ? 8 : 0;
  if (host_begin == 0) return false;
  size_t slash = url.find('/', host_begin);
  if (slash == std::string_view::npos) return false;
  std::string_view host = url.substr(host_begin, slash - host_begin);
  if (host.empty() || host.size() > kMaxPlainHostBytes || host.front() == '.' ||
      host.front() == '-' || host.back() == '.' || host.back() == '-' ||
      host.find("..") != std::string_view::npos) {
    return false;
  }
  bool numeric_like = true;
  for (char c : host) {
    bool lower = c >= 'a' && c <= 'z';
    if (!lower && !(c >= '0' && c <= '9') && c != '.' && c != '-') return false;
    if (lower && !(c >= 'a' && c <= 'f') && c != 'x') numeric_like = false;
  }
  if (numeric_like) return false;
  return IsPlainPathAndQuery(url.substr(slash));
}

}  // namespace

struct UrlResolver::Impl {
  CurlUrl base;
  // libcurl's form of the base and where its parts end, for references resolved by
  // concatenation (IsPlainRelativeReference); empty when the base is unusable.
  std::string base_url;
  size_t origin_end = 0;  // "http://host:port"
  size_t path_end = 0;    // start of "?query" or "#fragment"
  size_t dir_end = 0;     // one past the last '/' of the path
  std::unordered_map<std::string, std::optional<std::string>> cache;

  std::optional<std::string> Concatenate(std::string_view ref) const {
    if (base_url.empty() || !IsPlainRelativeReference(ref)) return std::nullopt;
    size_t keep = ref.front() == '/' ? origin_end : ref.front() == '?' ? path_end : dir_end;
    std::string out;
    out.reserve(keep + ref.size());
    out.append(base_url, 0, keep);
    out.append(ref);
    return out;
  }
};

UrlResolver::UrlResolver(std::string_view base) : impl_(std::make_unique<Impl>()) {
  impl_->base = ParseAbsolute(base);
  if (!impl_->base) return;
  std::string url = GetPart(impl_->base.get(), CURLUPART_URL).value_or("");
  size_t authority = url.find("://");
  if (authority == std::string::npos) return;
  size_t origin_end = url.find_first_of("/?#", authority + 3);
  if (origin_end == std::string::npos || url[origin_end] != '/') return;
  size_t path_end = url.find_first_of("?#", origin_end);
  if (path_end == std::string::npos) path_end = url.size();
  impl_->origin_end = origin_end;
  impl_->path_end = path_end;
  impl_->dir_end = url.rfind('/', path_end - 1) + 1;
  impl_->base_url = std::move(url);
}
UrlResolver::~UrlResolver() = default;
UrlResolver::UrlResolver(UrlResolver&&) noexcept = default;
UrlResolver& UrlResolver::operator=(UrlResolver&&) noexcept = default;

std::optional<std::string> UrlResolver::Resolve(std::string_view ref) const {
  std::string key(ref);
  auto it = impl_->cache.find(key);
  if (it != impl_->cache.end()) return it->second;
  std::optional<std::string> resolved;
  std::string encoded = EncodeUnsafe(CleanReference(ref));
  if (IsPlainAbsoluteUrl(encoded)) {
    resolved = std::move(encoded);
  } else if (impl_->base) {
    resolved = impl_->Concatenate(encoded);
  }
  if (!resolved) resolved = ResolveAgainst(impl_->base.get(), ref);
  // Bounded: a hostile page with a million distinct links is resolved, not memoized whole.
  constexpr size_t kMaxRemembered = 65536;
  if (impl_->cache.size() < kMaxRemembered) impl_->cache.emplace(std::move(key), resolved);
  return resolved;
}

std::optional<std::string> CanonicalizeUrl(std::string_view url,
                                           const CanonicalizeOptions& options) {
  CurlUrl h = ParseAbsolute(url);
  if (!h) return std::nullopt;
  auto host = GetPart(h.get(), CURLUPART_HOST);
  if (!host || host->empty()) return std::nullopt;
  curl_url_set(h.get(), CURLUPART_HOST, Lower(*host).c_str(), 0);
  curl_url_set(h.get(), CURLUPART_FRAGMENT, nullptr, 0);
  curl_url_set(h.get(), CURLUPART_USER, nullptr, 0);
  curl_url_set(h.get(), CURLUPART_PASSWORD, nullptr, 0);

  // ";jsessionid=..." path parameters (Java servlet containers).
  if (auto path = GetPart(h.get(), CURLUPART_PATH)) {
    std::string p = *path;
    size_t semi = p.find(';');
    if (semi != std::string::npos) {
      size_t eq = p.find('=', semi);
      std::string name =
          p.substr(semi + 1, eq == std::string::npos ? std::string::npos : eq - semi - 1);
      if (IsSessionParam(name, options)) {
        size_t end = p.find('/', semi);
        p.erase(semi, end == std::string::npos ? std::string::npos : end - semi);
        curl_url_set(h.get(), CURLUPART_PATH, p.empty() ? "/" : p.c_str(), 0);
      }
    }
  }

  if (auto query = GetPart(h.get(), CURLUPART_QUERY)) {
    std::string kept;
    size_t start = 0;
    while (start <= query->size()) {
      size_t amp = query->find('&', start);
      if (amp == std::string::npos) amp = query->size();
      std::string_view param(query->data() + start, amp - start);
      std::string_view name = param.substr(0, param.find('='));
      if (!param.empty() && !IsSessionParam(name, options)) {
        if (!kept.empty()) kept.push_back('&');
        kept.append(param);
      }
      start = amp + 1;
    }
    curl_url_set(h.get(), CURLUPART_QUERY, kept.empty() ? nullptr : kept.c_str(), 0);
  }
  auto out = GetPart(h.get(), CURLUPART_URL, CURLU_NO_DEFAULT_PORT);
  // Escapes in upper case (RFC 3986 §6.2.2.1), as browsers send them: libcurl 7.88 writes those
  // of a query it is given in lower case, and a server's own comparison may be case-sensitive.
  if (out) {
    for (size_t i = 0; i + 2 < out->size(); ++i) {
      if ((*out)[i] != '%' || !IsHexDigit((*out)[i + 1]) || !IsHexDigit((*out)[i + 2])) continue;
      for (size_t k = i + 1; k <= i + 2; ++k) {
        (*out)[k] = static_cast<char>(std::toupper(static_cast<unsigned char>((*out)[k])));
      }
      i += 2;
    }
  }
  return out;
}

std::optional<UrlParts> SplitUrl(std::string_view url) {
  CurlUrl h = ParseAbsolute(url);
  if (!h) return std::nullopt;
  UrlParts parts;
  parts.scheme = GetPart(h.get(), CURLUPART_SCHEME).value_or("");
  auto host = GetPart(h.get(), CURLUPART_HOST);
  if (!host || host->empty()) return std::nullopt;
  parts.host = Lower(*host);
  auto port = GetPart(h.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  parts.port = port ? std::atoi(port->c_str()) : 0;
  parts.path = GetPart(h.get(), CURLUPART_PATH).value_or("/");
  parts.query = GetPart(h.get(), CURLUPART_QUERY).value_or("");
  return parts;
}

std::optional<std::string> SiteOfUrl(std::string_view url) {
  CurlUrl h = ParseAbsolute(url);
  if (!h) return std::nullopt;
  auto host = GetPart(h.get(), CURLUPART_HOST);
  if (!host || host->empty()) return std::nullopt;
  std::string site = Lower(*host);
  if (auto port = GetPart(h.get(), CURLUPART_PORT, CURLU_NO_DEFAULT_PORT)) {
    site += ":" + *port;
  }
  return site;
}

std::string PercentEncodeUri(std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  static constexpr std::string_view kUnsafe = "\"<>\\^`{|}";
  std::string out;
  out.reserve(url.size());
  for (char ch : url) {
    auto byte = static_cast<unsigned char>(ch);
    if (byte <= 0x20 || byte >= 0x7F || kUnsafe.find(ch) != std::string_view::npos) {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace util
