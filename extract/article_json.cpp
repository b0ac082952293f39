#include "extract/article_json.h"

#include <nlohmann/json.hpp>

namespace extract {
namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json SiblingJson(const std::optional<SiblingLink>& link) {
  if (!link) return nullptr;
  return Json{{"url", OrNull(link->url)}, {"title", OrNull(link->title)}};
}

Json LinksJson(const std::vector<PageLink>& links) {
  Json out = Json::array();
  for (const auto& l : links) {
    Json link{{"url", l.url}, {"text", l.text}};
    if (l.post_body) link["post_body"] = *l.post_body;
    out.push_back(std::move(link));
  }
  return out;
}

}  // namespace

std::string ArticleToJson(const Article& a, const ArchiveStamp& stamp,
                          const ArticleJsonOptions& options) {
  Json j;
  j["url"] = a.url;
  j["site"] = a.site;
  j["section"] = OrNull(a.section);
  j["title"] = OrNull(a.title);
  j["published_date"] = OrNull(a.published_date);
  j["published_at"] = OrNull(a.published_at);
  j["updated_at"] = OrNull(a.updated_at);
  Json dates = Json::array();
  for (const auto& d : a.dates) {
    dates.push_back(Json{{"label", d.label}, {"value", d.value}, {"role", DateRoleName(d.role)}});
  }
  j["dates"] = std::move(dates);
  j["source"] = OrNull(a.source);
  j["author"] = OrNull(a.author);
  j["views"] = OrNull(a.views);
  j["body"] = a.body;
  Json images = Json::array();
  for (const auto& img : a.images)
    images.push_back(Json{{"url", img.url}, {"alt", OrNull(img.alt)}});
  j["images"] = std::move(images);
  j["prev"] = SiblingJson(a.prev);
  j["next"] = SiblingJson(a.next);
  j["lang"] = OrNull(a.lang);
  j["encoding"] = Json{{"declared", OrNull(a.encoding.declared)},
                       {"detected", OrNull(a.encoding.detected)},
                       {"used", a.encoding.used}};
  j["content_sha256"] = a.content_sha256;
  j["first_seen_at"] = stamp.first_seen_at;
  j["last_fetched_at"] = stamp.last_fetched_at;
  j["version"] = stamp.version;
  if (options.include_links) {
    j["kind"] = PageKindName(a.kind);
    j["kind_confidence"] = a.kind_confidence;
    j["kind_reason"] = a.kind_reason;
    j["canonical_url"] = OrNull(a.canonical_url);
    j["continuation_urls"] = a.continuation_urls;
    j["article_links"] = LinksJson(a.article_links);
    j["pagination_links"] = LinksJson(a.pagination_links);
    j["entry_links"] = LinksJson(a.entry_links);
    j["other_links"] = LinksJson(a.other_links);
  }
  return j.dump(options.pretty ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ArticleToText(const Article& a) {
  std::string out;
  auto line = [&out](const char* label, const std::optional<std::string>& v) {
    if (!v) return;
    out += label;
    out += ": ";
    out += *v;
    out += '\n';
  };
  out += a.title.value_or("(no title)");
  out += "\n";
  out += std::string(40, '=') + "\n";
  line("URL", a.url.empty() ? std::nullopt : std::optional<std::string>(a.url));
  line("Section", a.section);
  line("Published", a.published_at ? a.published_at : a.published_date);
  line("Updated", a.updated_at);
  line("Source", a.source);
  line("Author", a.author);
  if (a.views) line("Views", std::to_string(*a.views));
  line("Encoding", a.encoding.used);
  out += "\n";
  out += a.body;
  out += "\n";
  auto sibling = [&out](const char* label, const std::optional<SiblingLink>& s) {
    if (!s) return;
    out += label;
    out += ": ";
    out += s->title.value_or("");
    out += s->url ? " <" + *s->url + ">" : std::string(" (none)");
    out += '\n';
  };
  if (a.prev || a.next) out += "\n";
  sibling("Previous", a.prev);
  sibling("Next", a.next);
  return out;
}

}  // namespace extract
