// URL helpers over libcurl's URL API (this is the one wrapper of CURLU): resolving a reference
// against a base, canonicalising for deduplication, and taking a URL apart.
// All functions are pure and thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace util {

// Resolves `ref` (absolute, scheme-relative, absolute-path or relative) against `base`, as a
// browser resolves an href. Returns nullopt when the result is not an http(s) URL or either
// input is unusable ("javascript:", "mailto:", empty base with a relative ref, garbage).
std::optional<std::string> ResolveUrl(std::string_view base, std::string_view ref);

// ResolveUrl for many references against one base, as an extractor resolves a page's links:
// the base is parsed once and each distinct reference resolved once (pages repeat links, and
// several extractors look at the same ones). Results are exactly ResolveUrl's.
// Not thread-safe: one resolver per page and thread.
class UrlResolver {
 public:
  explicit UrlResolver(std::string_view base);
  ~UrlResolver();
  UrlResolver(UrlResolver&&) noexcept;
  UrlResolver& operator=(UrlResolver&&) noexcept;

  std::optional<std::string> Resolve(std::string_view ref) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct CanonicalizeOptions {
  // Query parameters dropped as session identifiers (compared case-insensitively).
  std::vector<std::string> session_params = {"jsessionid",   "phpsessid", "sid",
                                             "aspsessionid", "cfid",      "cftoken"};
};

// Canonical form of an absolute http(s) URL: lower-case scheme and host, default port dropped,
// dot segments resolved, fragment dropped, session parameters (query and ";jsessionid=" path
// parameters) removed, empty path as "/". Returns nullopt for anything that is not http(s).
std::optional<std::string> CanonicalizeUrl(std::string_view url,
                                           const CanonicalizeOptions& options = {});

struct UrlParts {
  std::string scheme;  // "http" or "https"
  std::string host;    // lower-case
  int port = 0;        // explicit or default port
  std::string path;    // starts with '/'
  std::string query;   // without '?', may be empty
};

std::optional<UrlParts> SplitUrl(std::string_view url);

// "host" or "host:port" when the port is not the scheme's default; the `site` of an article.
std::optional<std::string> SiteOfUrl(std::string_view url);

// `url` as a URI (RFC 3986) for WARC headers (WARC-Target-URI, WARC-Refers-To-Target-URI) and
// CDXJ indexes: every byte a URI cannot hold (non-ASCII, so raw UTF-8 or GBK from a page's
// link; controls, space and "<>\^`{|}) becomes %XX with upper-case hex; escapes already there
// and every other character are kept. Readers such as pywb and wabac.js fail on raw non-ASCII.
std::string PercentEncodeUri(std::string_view url);

}  // namespace util
