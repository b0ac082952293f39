#include "util/registrable_domain.h"

#include <libpsl.h>

#include <algorithm>
#include <memory>

namespace util {
namespace {

// Owns the loaded list. psl_latest() returns a context to free; psl_builtin() a static one
// that must not be freed, so only the former is owned.
class PublicSuffixList {
 public:
  PublicSuffixList() : loaded_(psl_latest(nullptr)) {
    // psl_latest(NULL) picks the newest of the built-in list and the distribution's file; it
    // returns NULL only when neither can be read. Debian's built-in copy comes from the same
    // publicsuffix package, so the fallback is the list of the libpsl build.
    list_ = loaded_ ? loaded_.get() : psl_builtin();
  }
  PublicSuffixList(const PublicSuffixList&) = delete;
  PublicSuffixList& operator=(const PublicSuffixList&) = delete;

  // nullptr when the host has no registrable domain (it is a public suffix, or no list).
  const char* RegistrableDomainOf(const std::string& host) const {
    return list_ ? psl_registrable_domain(list_, host.c_str()) : nullptr;
  }

 private:
  struct Free {
    void operator()(psl_ctx_t* p) const { psl_free(p); }
  };
  std::unique_ptr<psl_ctx_t, Free> loaded_;
  const psl_ctx_t* list_ = nullptr;
};

const PublicSuffixList& List() {
  static const PublicSuffixList list;  // initialised once, thread-safe (C++11 statics)
  return list;
}

// "host:port" → "host"; "[v6]:port" → "[v6]"; a bare IPv6 address is left whole.
std::string_view WithoutPort(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    size_t close = host.find(']');
    return close == std::string_view::npos ? host : host.substr(0, close + 1);
  }
  size_t colon = host.find(':');
  if (colon != std::string_view::npos && host.find(':', colon + 1) == std::string_view::npos) {
    return host.substr(0, colon);
  }
  return host;
}

// An IP literal: IPv6 (has ':' or brackets) or a name whose last label is all digits. No
// top-level domain is numeric, and without this the list's default rule "*" would make
// "0.1" the registrable domain of 127.0.0.1 and of 10.0.0.1 alike.
bool IsIpLiteral(std::string_view host) {
  if (host.find(':') != std::string_view::npos || host.find('[') != std::string_view::npos) {
    return true;
  }
  size_t dot = host.rfind('.');
  std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  return !last.empty() &&
         std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string RegistrableDomain(std::string_view host) {
  std::string name(WithoutPort(host));
  // psl_registrable_domain() wants lower case; a fully qualified "example.org." is the same
  // name as "example.org".
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  if (!name.empty() && name.back() == '.') name.pop_back();
  if (name.empty() || IsIpLiteral(name) || name.find('.') == std::string::npos) return name;
  const char* domain = List().RegistrableDomainOf(name);
  return domain ? std::string(domain) : name;
}

bool SameRegistrableDomain(std::string_view a, std::string_view b) {
  return RegistrableDomain(a) == RegistrableDomain(b);
}

}  // namespace util
