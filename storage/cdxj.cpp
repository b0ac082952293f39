#include "storage/cdxj.h"

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>

namespace storage {
namespace {

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

// The length of a leading "www" plus digits plus '.' label (warcio's /^www\d*\./), or 0.
size_t WwwLabelLength(std::string_view host) {
  if (host.substr(0, 3) != "www") return 0;
  size_t i = 3;
  while (i < host.size() && host[i] >= '0' && host[i] <= '9') ++i;
  return i < host.size() && host[i] == '.' ? i + 1 : 0;
}

}  // namespace

std::string SurtKey(std::string_view uri) {
  // warcio.js lower-cases the whole URL (escapes included) before parsing it.
  std::string url = LowerAscii(uri);
  std::string_view rest = url;
  bool https = rest.starts_with("https://");
  if (!https && !rest.starts_with("http://")) return std::string(uri);
  rest.remove_prefix(https ? 8 : 7);
  size_t fragment = rest.find('#');
  if (fragment != std::string_view::npos) rest = rest.substr(0, fragment);
  size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view path_and_query =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority, port;
  if (size_t colon = authority.rfind(':');
      colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  // The www label goes whether it is the whole host or not, as getSurt's regular expression has
  // it; an empty or default port goes as the WHATWG URL parser drops it.
  host.remove_prefix(WwwLabelLength(host));
  if (port == (https ? "443" : "80")) port = {};

  std::vector<std::string_view> labels;
  size_t pos = 0;
  while (true) {
    size_t dot = host.find('.', pos);
    labels.push_back(host.substr(pos, dot - pos));
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  std::string key;
  for (auto label = labels.rbegin(); label != labels.rend(); ++label) {
    if (label != labels.rbegin()) key += ',';
    key.append(*label);
  }
  if (!port.empty()) key += ":" + std::string(port);
  key += ')';

  size_t query_start = path_and_query.find('?');
  std::string_view path = path_and_query.substr(0, query_start);
  key += path.empty() ? "/" : std::string(path);
  if (query_start != std::string_view::npos && query_start + 1 < path_and_query.size()) {
    std::string_view query = path_and_query.substr(query_start + 1);
    std::vector<std::string_view> args;
    pos = 0;
    while (true) {
      size_t amp = query.find('&', pos);
      args.push_back(query.substr(pos, amp - pos));
      if (amp == std::string_view::npos) break;
      pos = amp + 1;
    }
    std::sort(args.begin(), args.end());
    key += '?';
    for (size_t i = 0; i < args.size(); ++i) {
      if (i > 0) key += '&';
      key.append(args[i]);
    }
  }
  return key;
}

std::string CdxjTimestamp(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &tm);
  return buf;
}

std::string CdxjLine(const CdxjRecord& record) {
  // Key order as cdxj-indexer writes it; nlohmann::ordered_json keeps insertion order.
  nlohmann::ordered_json fields;
  fields["url"] = record.uri;
  fields["mime"] = record.mime;
  fields["status"] = std::to_string(record.status);
  fields["digest"] = record.digest;
  fields["length"] = std::to_string(record.length);
  fields["offset"] = std::to_string(record.offset);
  fields["filename"] = record.filename;
  return SurtKey(record.uri) + " " + CdxjTimestamp(record.date) + " " +
         fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void SortCdxjLines(std::vector<std::string>& lines) {
  // std::string compares with char_traits<char>, which orders bytes as unsigned char (memcmp).
  std::sort(lines.begin(), lines.end());
}

}  // namespace storage
