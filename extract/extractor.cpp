#include "extract/extractor.h"

#include <ctime>
#include <set>

#include "extract/body.h"
#include "extract/boilerplate_patterns.h"
#include "extract/charset.h"
#include "extract/dates.h"
#include "extract/document.h"
#include "extract/form_posts.h"
#include "extract/metadata.h"
#include "extract/page_kind.h"
#include "extract/page_links.h"
#include "extract/prev_next.h"
#include "extract/script_link_patterns.h"
#include "extract/selector.h"
#include "extract/site_titles.h"
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

// Links written by scripts, meta refresh and frames, where they lead the crawler: entry links
// from any page; a pager script's pages are a listing's pagination, or an article's following
// pages when the article is among them and found no others; the rest join the other links.
void AddScriptedLinks(const PageContext& ctx, ScriptedLinks& links, Article& article) {
  article.entry_links = std::move(links.entry);
  if (article.kind != PageKind::kArticle) {
    std::set<std::string> known;
    for (const auto& l : article.pagination_links) known.insert(l.url);
    for (auto& l : links.pagination) {
      if (known.insert(l.url).second) article.pagination_links.push_back(std::move(l));
    }
  } else if (article.continuation_urls.empty()) {
    std::string self = ctx.base_url.substr(0, ctx.base_url.find('#'));
    bool after_self = false;
    for (const auto& l : links.pagination) {
      if (after_self) article.continuation_urls.push_back(l.url);
      after_self |= l.url == self;
    }
  }
}

// Form posts (ASP.NET pagers) of pages that are not articles: those that read as pagination are
// the listing's further pages, the others join the other links. An article's posts (votes,
// comment forms) lead nowhere worth archiving.
void AddFormPosts(std::vector<FormPost> posts, Article& article) {
  if (article.kind == PageKind::kArticle) return;
  for (FormPost& post : posts) {
    PageLink link{std::move(post.key_url), std::move(post.text), std::move(post.body)};
    if (IsPaginationText(link.text)) {
      article.pagination_links.push_back(std::move(link));
    } else {
      article.other_links.push_back(std::move(link));
    }
  }
}

// Every <a href> of the page not already classified, resolved and deduplicated, in page order,
// then the other links scripts name.
std::vector<PageLink> OtherLinks(const PageContext& ctx, const Article& article,
                                 const std::vector<PageLink>& scripted) {
  const Document& doc = ctx.doc;
  std::set<std::string> known;
  for (const auto* link : {&article.prev, &article.next}) {
    if (*link && (*link)->url) known.insert(*(*link)->url);
  }
  for (const auto& u : article.continuation_urls) known.insert(u);
  for (const auto* list : {&article.article_links, &article.pagination_links}) {
    for (const auto& l : *list) known.insert(l.url);
  }
  for (const auto& l : article.entry_links) known.insert(l.url);
  std::vector<PageLink> out;
  for (NodeId a : doc.FindAll("a")) {
    auto url = AnchorUrl(ctx, a);
    if (!url) continue;
    std::string without_fragment = url->substr(0, url->find('#'));
    if (!known.insert(without_fragment).second) continue;
    out.push_back({without_fragment, doc.CompactText(a)});
  }
  for (const auto& l : scripted) {
    if (known.insert(l.url).second) out.push_back(l);
  }
  return out;
}

// A site profile's selector, compiled; nullopt when absent. Profiles are validated when
// loaded (ValidateProfile), so a parse failure here means none.
std::optional<Selector> ProfileSelector(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto selector = Selector::Parse(*text);
  if (!selector) return std::nullopt;
  return std::move(*selector);
}

}  // namespace

util::Result<void> ValidateProfile(const config::SiteProfile& profile) {
  for (const auto* text :
       {&profile.title_selector, &profile.body_selector, &profile.date_selector}) {
    if (*text) TRY(Selector::Parse(**text));
  }
  return {};
}

util::Result<Article> ExtractArticle(const ExtractInput& input, const ExtractOptions& options) {
  ExtractOptions effective = options;
  const config::SiteProfile* profile = options.profile;
  if (profile != nullptr && profile->utc_offset_minutes) {
    effective.utc_offset_minutes = *profile->utc_offset_minutes;
  }
  Article article;
  article.url = input.url;
  article.site = util::SiteOfUrl(input.url).value_or("");

  // 1. Decode: charset sniffing in browser order.
  std::string_view bytes = input.bytes.substr(0, options.max_input_bytes);
  std::optional<std::string_view> content_type;
  if (input.content_type) content_type = *input.content_type;
  DecodedPage page = DecodeHtml(bytes, content_type);
  article.encoding = page.encoding;

  // 2. Parse, with the listing records a script would write into the page written there
  // (ExpandRecordStores); the script bodies stay readable for the link readers.
  ParseOptions parse_options;
  parse_options.max_input_bytes = options.max_input_bytes;
  parse_options.max_elements = options.max_parsed_elements;
  std::optional<std::string> expanded = ExpandRecordStores(page.utf8);
  std::string_view html = expanded ? std::string_view(*expanded) : std::string_view(page.utf8);
  TRY_ASSIGN(ParsedHtml parsed, ParseHtml(html, parse_options));
  const Document& doc = parsed.document;
  article.title_tag = TitleTagText(doc);
  // Of the decoded text the link readers need only the script bodies: they are kept, the rest
  // is let go (on a page of text it is as large as the page again, issue #17).
  std::vector<std::string> script_texts;
  script_texts.reserve(parsed.script_spans.size());
  for (const TextSpan& span : parsed.script_spans) {
    script_texts.emplace_back(html.substr(span.offset, span.size));
  }
  expanded.reset();
  std::string().swap(page.utf8);
  std::vector<std::string_view> scripts(script_texts.begin(), script_texts.end());
  PageContext ctx{doc,
                  BaseUrl(doc, input.url),
                  effective,
                  input.fetched_at,
                  page.encoding.used,
                  std::move(scripts)};

  // 3. Fields. The body goes first: its container anchors the header area where the title,
  // dates and metadata are printed. A site profile's selectors, when they match, replace the
  // generic choice for their field.
  std::optional<Selector> body_selector, title_selector, date_selector;
  if (profile != nullptr) {
    body_selector = ProfileSelector(profile->body_selector);
    title_selector = ProfileSelector(profile->title_selector);
    date_selector = ProfileSelector(profile->date_selector);
  }
  BodyResult body;
  NodeId body_node = body_selector ? body_selector->SelectFirst(doc) : kNoNode;
  if (body_node != kNoNode) {
    body.container = body_node;
    body.text = CleanParagraphs(doc.Text(body_node));
  } else {
    body = ExtractBody(ctx);
  }
  NodeId title_node = title_selector ? title_selector->SelectFirst(doc) : kNoNode;
  article.title = title_node != kNoNode ? Nfc(doc.CompactText(title_node))
                                        : Nfc(ExtractTitle(ctx, body.container, input.site_titles));
  DateFields dates = ExtractDates(ctx, body.container);
  NodeId date_node = date_selector ? date_selector->SelectFirst(doc) : kNoNode;
  if (date_node != kNoNode) {
    DateParseOptions date_options;
    date_options.min_year = effective.min_year;
    if (auto value = ParseDateTime(doc.CompactText(date_node), date_options)) {
      dates.published_date = value->DateString();
      dates.published_at = value->has_time
                               ? std::optional(value->Rfc3339(effective.utc_offset_minutes))
                               : std::nullopt;
    }
  }
  article.published_date = dates.published_date;
  article.published_at = dates.published_at;
  article.updated_at = dates.updated_at;
  article.dates = std::move(dates.dates);
  Metadata meta = ExtractMetadata(ctx, body.container, article.title.value_or(""));
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
      ClassifyPage(ctx, body, article.title.has_value(), article.published_date.has_value(),
                   {.reached_as_article = input.reached_as_article});
  article.kind = kind.kind;
  article.kind_confidence = kind.confidence;
  article.kind_reason = std::move(kind.reason);
  article.article_links = std::move(kind.article_links);
  article.pagination_links = std::move(kind.pagination_links);
  ScriptedLinks scripted = DiscoverScriptedLinks(ctx);
  AddScriptedLinks(ctx, scripted, article);
  article.other_links = OtherLinks(ctx, article, scripted.other);
  AddFormPosts(ReadFormPosts(ctx), article);
  CapPageLinks(article, options);

  // 4. Normalization and content hash.
  article.body = std::move(body.text);
  NormalizeNfcInPlace(article.body);
  article.images = std::move(body.images);
  article.content_sha256 = util::Sha256Hex(article.body);
  return article;
}

}  // namespace extract
