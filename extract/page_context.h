// A PageContext is what every field extractor reads besides the Document: the page URL (for
// resolving links), the options, and when the page was fetched; and what they share, worked
// out once per page on first use (resolved links, the page's lines, its JSON-LD, its page
// functions). One context
// per page and thread: those memos are not synchronized.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/article_zones.h"
#include "extract/document.h"
#include "extract/document_url.h"
#include "extract/extract_options.h"
#include "extract/json_ld.h"
#include "extract/script_link_patterns.h"
#include "util/url.h"

namespace extract {

struct PageContext {
  PageContext(const Document& document, std::string base, const ExtractOptions& extract_options,
              std::chrono::system_clock::time_point fetch_time = {},
              std::string document_encoding = "utf-8",
              std::vector<std::string_view> script_texts = {})
      : doc(document),
        base_url(std::move(base)),
        options(extract_options),
        fetched_at(fetch_time),
        encoding(std::move(document_encoding)),
        scripts(std::move(script_texts)),
        links_(base_url) {}

  const Document& doc;
  const std::string base_url;  // <base href> resolved against the page URL, else the page URL
  const ExtractOptions& options;
  std::chrono::system_clock::time_point fetched_at;
  // The encoding the page was decoded with (WHATWG name): a link's query is percent-encoded in
  // it, as a browser does (document_url.h).
  const std::string encoding;
  // The page's <script> bodies (they are not in `doc`), pointing into the decoded page.
  const std::vector<std::string_view> scripts;

  // An href (or src) of the page resolved against base_url, as util::ResolveUrl, its query
  // encoded in the page's encoding; memoized, as several extractors look at the same links.
  std::optional<std::string> Resolve(std::string_view ref) const {
    if (auto encoded = EncodeQueryForDocument(ref, encoding)) return links_.Resolve(*encoded);
    return links_.Resolve(ref);
  }

  // The page functions its scripts define (script_link_patterns.h), read on first use.
  const std::vector<UrlFunction>& UrlFunctions() const {
    if (!url_functions_) {
      url_functions_.emplace();
      for (std::string_view script : scripts) {
        for (auto& f : ReadUrlFunctions(script)) url_functions_->push_back(std::move(f));
      }
    }
    return *url_functions_;
  }

  // The visible lines of the page's <body> (of the whole document without one), as BuildLines;
  // built on first use and shared by the extractors that read the page line by line.
  const std::vector<Line>& BodyLines() const {
    if (!body_lines_) {
      NodeId body = doc.empty() ? kNoNode : doc.FindFirst("body");
      body_lines_ =
          doc.empty() ? std::vector<Line>{} : BuildLines(doc, body != kNoNode ? body : doc.root());
    }
    return *body_lines_;
  }

  // The page's JSON-LD article (ReadJsonLd), parsed on first use.
  const JsonLdArticle& JsonLd() const {
    if (!json_ld_) json_ld_ = ReadJsonLd(doc);
    return *json_ld_;
  }

 private:
  util::UrlResolver links_;
  mutable std::optional<std::vector<Line>> body_lines_;
  mutable std::optional<JsonLdArticle> json_ld_;
  mutable std::optional<std::vector<UrlFunction>> url_functions_;
};

}  // namespace extract
