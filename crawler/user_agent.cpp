#include "crawler/user_agent.h"

#include <algorithm>
#include <cctype>

#include "config/defaults.h"
#include "util/url.h"

namespace crawler {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

// local@domain.tld, nothing fancier: the point is to catch a name or a typo, not to parse
// RFC 5322.
bool IsEmailAddress(std::string_view s) {
  size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view domain = s.substr(at + 1);
  size_t dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && domain.back() != '.' &&
         domain.find('/') == std::string_view::npos && domain.find(':') == std::string_view::npos;
}

}  // namespace

std::optional<std::string> NormalizeContact(std::string_view contact) {
  // A comment in a User-Agent (RFC 9110 §5.6.5) ends at ')'; a CR or LF would end the header.
  for (unsigned char c : contact) {
    if (c <= 0x20 || c >= 0x7f || c == '(' || c == ')' || c == '\\' || c == '"') {
      return std::nullopt;
    }
  }
  if (StartsWith(contact, "http://") || StartsWith(contact, "https://")) {
    if (!util::SplitUrl(contact)) return std::nullopt;
    return std::string(contact);
  }
  if (StartsWith(contact, "mailto:")) {
    if (!IsEmailAddress(contact.substr(7))) return std::nullopt;
    return std::string(contact);
  }
  if (IsEmailAddress(contact)) return "mailto:" + std::string(contact);
  return std::nullopt;
}

std::string UserAgent(std::string_view version, std::string_view contact) {
  return std::string(config::defaults::kUserAgentProduct) + "/" + std::string(version) + " (+" +
         std::string(contact) + ")";
}

bool UserAgentHasContact(std::string_view user_agent) {
  std::string lower(user_agent);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view marker : {"http://", "https://", "mailto:"}) {
    if (lower.find(marker) != std::string::npos) return true;
  }
  // A bare address anywhere: a space- or parenthesis-delimited word that is one.
  size_t start = 0;
  while (start < user_agent.size()) {
    size_t end = user_agent.find_first_of(" ();,", start);
    if (end == std::string_view::npos) end = user_agent.size();
    std::string_view word = user_agent.substr(start, end - start);
    if (!word.empty() && word.front() == '+') word.remove_prefix(1);
    if (IsEmailAddress(word)) return true;
    start = end + 1;
  }
  return false;
}

bool IsValidUserAgent(std::string_view user_agent) {
  if (user_agent.find_first_not_of(' ') == std::string_view::npos) return false;
  return std::all_of(user_agent.begin(), user_agent.end(),
                     [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
}

}  // namespace crawler
