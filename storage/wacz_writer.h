// A WACZ file (WACZ 1.1.1, https://specs.webrecorder.net/wacz/1.1.1/) packs an archive's
// captures for replay in ReplayWeb.page or pywb: archive/*.warc.gz (the captures as WARC
// response and revisit records, written by WarcWriter), indexes/index.cdxj (storage/cdxj.h),
// pages/pages.jsonl (one page per article, with its title and text), datapackage.json (every
// file's SHA-256 and size) and datapackage-digest.json (the SHA-256 of datapackage.json), each
// entry stored uncompressed in a ZIP (storage/zip_writer.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "storage/archive.h"
#include "util/error.h"

namespace storage {

struct WaczOptions {
  std::optional<std::string> site;  // only this host's captures and articles
  std::string software;             // "newsarc 0.1.0", for datapackage.json and warcinfo
  std::string title;                // datapackage.json title
  std::string description;          // datapackage.json description
  std::chrono::system_clock::time_point created = std::chrono::system_clock::now();
};

struct WaczSummary {
  int64_t responses = 0;  // response records (redirects included)
  int64_t revisits = 0;   // revisit records: a payload already written under another fetch
  int64_t pages = 0;
  uint64_t bytes = 0;  // of the WACZ file
};

// Writes the archive's captures (of options.site, or all) to a WACZ at `out_path`. What goes
// in: every fetch with a 2xx capture as a response record (or, when its payload was written
// before, a revisit record pointing at the first one), every redirect with its target as a
// response with a Location header, oldest fetch first; form posts (their URL carries a
// '#' key) are left out, since replay looks resources up by GET. The archive keeps decoded
// payloads and a few response headers, not the raw response, so each response head is rebuilt
// from the fetch row: status line, Content-Type, Content-Length, ETag, Last-Modified, Location
// (the warcinfo record says so). Pages are the articles with a title, in export order, each at
// the time of its latest capture.
//
// Reads in one read transaction: a consistent snapshot, also while a crawl writes. Streams:
// one capture in memory at a time; the WARC files, index and pages are written to a temporary
// folder beside `out_path` (removed afterwards) and copied into the ZIP from there; the CDXJ
// lines (a few hundred bytes per capture) are held for sorting. The file appears at `out_path`
// only when complete (temporary file and rename). Errors: kIo (the output), kStorage (the
// archive).
util::Result<WaczSummary> WriteWacz(const Archive& archive, const std::string& out_path,
                                    const WaczOptions& options);

}  // namespace storage
