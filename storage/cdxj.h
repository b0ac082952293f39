// A CDXJ index line locates one WARC record for replay tools (pywb, wabac.js/ReplayWeb.page):
// "<SURT key> <14-digit timestamp> {json}", the lines sorted bytewise (LC_ALL=C sort order), as
// the WACZ 1.1.1 indexes/index.cdxj wants. Pure functions.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace storage {

// The SURT sort key of a URI as warcio.js's getSurt (which wabac.js looks URLs up with) makes
// it: "www" (and "www2" …) dropped, lower-cased, host labels reversed and joined with ',', a
// non-default port after ':', then ')' and the path, then the query's '&'-separated arguments
// sorted; scheme, user info and fragment dropped. "http://www.A.gov.cn/x?b=2&a=1" becomes
// "cn,gov,a)/x?a=1&b=2". REQUIRES: `uri` percent-encoded (util::PercentEncodeUri); anything
// that is not an http(s) URI is its own key.
std::string SurtKey(std::string_view uri);

// "YYYYMMDDhhmmss" in UTC.
std::string CdxjTimestamp(std::chrono::system_clock::time_point t);

// The fields of one response or revisit record's line.
struct CdxjRecord {
  std::string uri;  // WARC-Target-URI as written
  std::chrono::system_clock::time_point date{};
  std::string mime;  // media type without parameters; "warc/revisit" for a revisit
  int status = 0;
  std::string digest;    // WARC-Payload-Digest
  uint64_t length = 0;   // of the record's gzip member
  uint64_t offset = 0;   // of that member in its file
  std::string filename;  // the WARC file's name inside the WACZ's archive/ folder
};

// One line, without its newline. The json holds url, mime, status, digest, length, offset and
// filename, the numbers as strings as cdxj-indexer (py-wacz) writes them.
std::string CdxjLine(const CdxjRecord& record);

// Sorts lines bytewise, the order binary searches over a CDXJ file assume.
void SortCdxjLines(std::vector<std::string>& lines);

}  // namespace storage
