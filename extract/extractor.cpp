#include "extract/extractor.h"

#include <ctime>

#include "extract/body.h"
#include "extract/charset.h"
#include "extract/dates.h"
#include "extract/document.h"
#include "extract/metadata.h"
#include "extract/page_kind.h"
#include "extract/prev_next.h"
#include "extract/text_normalize.h"
#include "extract/title.h"
#include "util/sha256.h"
#include "util/url.h"

namespace extract {
namespace {

// <base href> resolved against the page URL (HTML "document base URL"), else the page URL.
std::string BaseUrl(const Document& doc, const std::string& page_url) {
  NodeId base = doc.FindFirst("base");
  if (base != kNoNode) {
    if (auto href = doc.Attr(base, "href")) {
      if (auto resolved = util::ResolveUrl(page_url, *href)) return *resolved;
    }
  }
  return page_url;
}

std::optional<std::string> Nfc(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  std::string n = NormalizeNfc(*s);
  if (n.empty()) return std::nullopt;
  return n;
}

}  // namespace

util::Result<Article> ExtractArticle(const ExtractInput& input, const ExtractOptions& options) {
  Article article;
  article.url = input.url;
  article.site = util::SiteOfUrl(input.url).value_or("");

  // 1. Decode: charset sniffing in browser order.
  std::string_view bytes = input.bytes.substr(0, options.max_input_bytes);
  std::optional<std::string_view> content_type;
  if (input.content_type) content_type = *input.content_type;
  DecodedPage page = DecodeHtml(bytes, content_type);
  article.encoding = page.encoding;

  // 2. Parse.
  ParseOptions parse_options;
  parse_options.max_input_bytes = options.max_input_bytes;
  TRY_ASSIGN(ParsedHtml parsed, ParseHtml(page.utf8, parse_options));
  const Document& doc = parsed.document;
  PageContext ctx{doc, BaseUrl(doc, input.url), options, input.fetched_at};

  // 3. Fields. The body goes first: its container anchors the header area where the title,
  // dates and metadata are printed.
  BodyResult body = ExtractBody(ctx);
  article.title = Nfc(ExtractTitle(ctx, body.container));
  DateFields dates = ExtractDates(ctx, body.container);
  article.published_date = dates.published_date;
  article.published_at = dates.published_at;
  article.updated_at = dates.updated_at;
  article.dates = std::move(dates.dates);
  Metadata meta = ExtractMetadata(ctx, body.container);
  article.source = Nfc(meta.source);
  article.author = Nfc(meta.author);
  article.views = meta.views;
  article.section = Nfc(meta.section);
  article.lang = meta.lang;
  article.canonical_url = meta.canonical_url;
  SiblingLinks siblings = ExtractPrevNext(ctx, body.container);
  article.prev = siblings.prev;
  article.next = siblings.next;
  for (auto* link : {&article.prev, &article.next}) {
    if (*link && (*link)->title) (*link)->title = Nfc((*link)->title);
  }
  article.continuation_urls = std::move(siblings.continuation_urls);
  PageKindResult kind =
      ClassifyPage(ctx, body, article.title.has_value(), article.published_date.has_value());
  article.kind = kind.kind;
  article.article_links = std::move(kind.article_links);
  article.pagination_links = std::move(kind.pagination_links);

  // 4. Normalization and content hash.
  article.body = NormalizeNfc(body.text);
  article.images = std::move(body.images);
  article.content_sha256 = util::Sha256Hex(article.body);
  return article;
}

}  // namespace extract
