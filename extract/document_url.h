// How a browser writes a link's URL in a document of a legacy encoding (WHATWG URL parsing
// with the document's encoding): the query is percent-encoded in the document's encoding, the
// path and fragment in UTF-8. A GBK page's `list.asp?lb=通知公告` is requested as
// `list.asp?lb=%CD%A8%D6%AA%B9%AB%B8%E6`; servers of such pages answer only that form.
// Pure function; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace extract {

// `ref` with the non-ASCII characters of its query percent-encoded in `encoding` (a WHATWG
// name, as EncodingInfo::used), characters the encoding lacks as "&#N;" percent-encoded; or
// nullopt when that changes nothing (no non-ASCII byte in the query, or a UTF-8, UTF-16 or
// unknown encoding, whose queries are UTF-8).
std::optional<std::string> EncodeQueryForDocument(std::string_view ref,
                                                  const std::string& encoding);

// `text` serialized as application/x-www-form-urlencoded (WHATWG URL §5.2, the byte serializer)
// in `encoding` (a WHATWG name), as a browser submits a form of the document: ASCII
// alphanumerics and *-._ as they are, space as '+', every other byte percent-encoded;
// characters the encoding lacks as "&#N;". UTF-8 for UTF-8, UTF-16 and unknown encodings.
std::string FormUrlEncode(std::string_view text, const std::string& encoding);

}  // namespace extract
