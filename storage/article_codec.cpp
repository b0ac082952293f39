#include "storage/article_codec.h"

#include <nlohmann/json.hpp>

namespace storage {
namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

std::optional<std::string> OptString(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::string Dump(const Json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

extract::DateRole RoleFromName(const std::string& name) {
  if (name == "published") return extract::DateRole::kPublished;
  if (name == "updated") return extract::DateRole::kUpdated;
  return extract::DateRole::kOther;
}

std::optional<extract::SiblingLink> SiblingFromJson(const Json& j) {
  if (!j.is_object()) return std::nullopt;
  return extract::SiblingLink{OptString(j, "url"), OptString(j, "title")};
}

std::optional<std::string> SiblingToJson(const std::optional<extract::SiblingLink>& link) {
  if (!link) return std::nullopt;
  return Dump(Json{{"url", OrNull(link->url)}, {"title", OrNull(link->title)}});
}

void FillNested(const Json& dates, const Json& images, const Json& prev, const Json& next,
                const Json& encoding, extract::Article* a) {
  a->dates.clear();
  if (dates.is_array()) {
    for (const auto& d : dates) {
      a->dates.push_back(extract::LabelledDate{OptString(d, "label").value_or(""),
                                               OptString(d, "value").value_or(""),
                                               RoleFromName(OptString(d, "role").value_or(""))});
    }
  }
  a->images.clear();
  if (images.is_array()) {
    for (const auto& i : images) {
      a->images.push_back(extract::Image{OptString(i, "url").value_or(""), OptString(i, "alt")});
    }
  }
  a->prev = SiblingFromJson(prev);
  a->next = SiblingFromJson(next);
  if (encoding.is_object()) {
    a->encoding.declared = OptString(encoding, "declared");
    a->encoding.detected = OptString(encoding, "detected");
    a->encoding.used = OptString(encoding, "used").value_or("utf-8");
  }
}

}  // namespace

ArticleJsonColumns EncodeJsonColumns(const extract::Article& a) {
  ArticleJsonColumns c;
  Json dates = Json::array();
  for (const auto& d : a.dates) {
    dates.push_back(
        Json{{"label", d.label}, {"value", d.value}, {"role", extract::DateRoleName(d.role)}});
  }
  c.dates = Dump(dates);
  Json images = Json::array();
  for (const auto& img : a.images)
    images.push_back(Json{{"url", img.url}, {"alt", OrNull(img.alt)}});
  c.images = Dump(images);
  c.prev = SiblingToJson(a.prev);
  c.next = SiblingToJson(a.next);
  c.encoding = Dump(Json{{"declared", OrNull(a.encoding.declared)},
                         {"detected", OrNull(a.encoding.detected)},
                         {"used", a.encoding.used}});
  return c;
}

util::Result<void> DecodeJsonColumns(const ArticleJsonColumns& c, extract::Article* article) {
  try {
    Json prev = c.prev ? Json::parse(*c.prev) : Json(nullptr);
    Json next = c.next ? Json::parse(*c.next) : Json(nullptr);
    FillNested(Json::parse(c.dates), Json::parse(c.images), prev, next, Json::parse(c.encoding),
               article);
  } catch (const nlohmann::json::exception& e) {
    return util::MakeError(util::ErrorCode::kStorage,
                           "damaged JSON column of article " + article->url + ": " + e.what());
  }
  return {};
}

util::Result<extract::Article> ArticleFromJson(std::string_view json,
                                               extract::ArchiveStamp* stamp) {
  extract::Article a;
  try {
    Json j = Json::parse(json);
    a.url = OptString(j, "url").value_or("");
    a.site = OptString(j, "site").value_or("");
    a.kind = extract::PageKind::kArticle;
    a.section = OptString(j, "section");
    a.title = OptString(j, "title");
    a.published_date = OptString(j, "published_date");
    a.published_at = OptString(j, "published_at");
    a.updated_at = OptString(j, "updated_at");
    a.source = OptString(j, "source");
    a.author = OptString(j, "author");
    if (auto it = j.find("views"); it != j.end() && it->is_number_integer()) {
      a.views = it->get<int64_t>();
    }
    a.body = OptString(j, "body").value_or("");
    a.lang = OptString(j, "lang");
    a.content_sha256 = OptString(j, "content_sha256").value_or("");
    auto field = [&j](const char* key) { return j.contains(key) ? j[key] : Json(nullptr); };
    FillNested(field("dates"), field("images"), field("prev"), field("next"), field("encoding"),
               &a);
    if (stamp != nullptr) {
      stamp->first_seen_at = OptString(j, "first_seen_at").value_or("");
      stamp->last_fetched_at = OptString(j, "last_fetched_at").value_or("");
      if (auto it = j.find("version"); it != j.end() && it->is_number_integer()) {
        stamp->version = it->get<int64_t>();
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return util::MakeError(util::ErrorCode::kStorage,
                           std::string("damaged article version JSON: ") + e.what());
  }
  return a;
}

}  // namespace storage
