// The registrable domain of a host is its public suffix plus one label, the "eTLD+1" of the
// Public Suffix List (https://publicsuffix.org/): news.example.org.cn and www.example.org.cn
// both have example.org.cn, www.bbc.co.uk has bbc.co.uk. Two hosts with the same registrable
// domain belong to the same registrant, which is what a crawl's scope wants to know.
//
// This is the one wrapper of libpsl. The list is loaded once per process, on first use: the
// newer of libpsl's built-in copy and the system's /usr/share/publicsuffix (Debian package
// `publicsuffix`). Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace util {

// The registrable domain of `host` ("host" or "host:port"; a port is dropped), lower-case.
// Hosts without one are their own registrable domain, so they only ever match themselves:
// IP addresses ("127.0.0.2", "[::1]"), single-label names ("localhost") and public suffixes
// themselves ("org.cn", "github.io").
std::string RegistrableDomain(std::string_view host);

// True when the two hosts ("host" or "host:port", ports ignored) have the same registrable
// domain.
bool SameRegistrableDomain(std::string_view a, std::string_view b);

}  // namespace util
