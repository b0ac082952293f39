// Content-Type checks shared by the fetcher and the WARC importer: which responses are pages
// that the extractor should see.
#pragma once

#include <string_view>

namespace crawler {

// True for HTML and XHTML (and the XML types some old sites serve pages as), and for a missing
// or empty Content-Type (old servers omit it); parameters such as charset are ignored.
bool IsHtmlContentType(std::string_view content_type);

}  // namespace crawler
