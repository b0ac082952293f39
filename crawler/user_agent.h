// The User-Agent is how newsarc names itself to a site: "newsarc/VERSION (+CONTACT)", the
// product token that robots.txt groups are matched against, then a way for the site's owner to
// reach whoever runs the crawl (an https:// page or a mailto: address). Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace crawler {

// A contact as it goes inside the User-Agent's parentheses: an http(s) URL or a mailto: address
// unchanged, a bare e-mail address as mailto:ADDRESS. nullopt when it is none of these, or holds
// what a header comment cannot carry (spaces, control characters, parentheses, non-ASCII).
std::optional<std::string> NormalizeContact(std::string_view contact);

// "newsarc/VERSION (+CONTACT)". REQUIRES: contact came from NormalizeContact.
std::string UserAgent(std::string_view version, std::string_view contact);

// Whether a User-Agent set whole carries a way to reach its sender (a URL or an e-mail address).
bool UserAgentHasContact(std::string_view user_agent);

// Whether a User-Agent set whole is a valid header value: printable ASCII, not empty.
bool IsValidUserAgent(std::string_view user_agent);

}  // namespace crawler
