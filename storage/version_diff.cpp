#include "storage/version_diff.h"

#include <utility>

namespace storage {
namespace {

std::string DatesText(const std::vector<extract::LabelledDate>& dates) {
  std::string text;
  for (const auto& d : dates) {
    if (!text.empty()) text += "; ";
    text += d.label.empty() ? d.value : d.label + " " + d.value;
  }
  return text;
}

std::string ImagesText(const std::vector<extract::Image>& images) {
  std::string text;
  for (const auto& image : images) text += (text.empty() ? "" : ", ") + image.url;
  return text;
}

std::optional<std::string> SiblingText(const std::optional<extract::SiblingLink>& link) {
  if (!link) return std::nullopt;
  if (!link->url) return std::string("none");
  return link->title ? *link->title + " <" + *link->url + ">" : "<" + *link->url + ">";
}

void Compare(std::vector<FieldChange>& out, const char* field, std::optional<std::string> before,
             std::optional<std::string> after) {
  if (before != after) out.push_back(FieldChange{field, std::move(before), std::move(after)});
}

std::optional<std::string> NonEmpty(std::string text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(std::move(text));
}

std::optional<std::string> ViewsText(const std::optional<int64_t>& views) {
  return views ? std::optional<std::string>(std::to_string(*views)) : std::nullopt;
}

}  // namespace

std::vector<FieldChange> FieldChanges(const extract::Article& before,
                                      const extract::Article& after) {
  std::vector<FieldChange> out;
  Compare(out, "title", before.title, after.title);
  Compare(out, "published_date", before.published_date, after.published_date);
  Compare(out, "published_at", before.published_at, after.published_at);
  Compare(out, "updated_at", before.updated_at, after.updated_at);
  Compare(out, "dates", NonEmpty(DatesText(before.dates)), NonEmpty(DatesText(after.dates)));
  Compare(out, "source", before.source, after.source);
  Compare(out, "author", before.author, after.author);
  Compare(out, "section", before.section, after.section);
  Compare(out, "views", ViewsText(before.views), ViewsText(after.views));
  Compare(out, "lang", before.lang, after.lang);
  Compare(out, "canonical_url", before.canonical_url, after.canonical_url);
  Compare(out, "images", NonEmpty(ImagesText(before.images)), NonEmpty(ImagesText(after.images)));
  Compare(out, "prev", SiblingText(before.prev), SiblingText(after.prev));
  Compare(out, "next", SiblingText(before.next), SiblingText(after.next));
  Compare(out, "kind", std::string(extract::PageKindName(before.kind)),
          std::string(extract::PageKindName(after.kind)));
  return out;
}

VersionDiff DiffVersions(const extract::Article& before, const extract::Article& after,
                         const util::DiffOptions& options) {
  VersionDiff diff;
  diff.fields = FieldChanges(before, after);
  diff.body = util::DiffParagraphs(before.body, after.body, options);
  BodyChange& c = diff.body_change;
  c.chars_before = util::CodePointCount(before.body);
  c.chars_after = util::CodePointCount(after.body);
  c.paragraphs_before = diff.body.old_paragraphs;
  c.paragraphs_after = diff.body.new_paragraphs;
  c.added = diff.body.added;
  c.removed = diff.body.removed;
  c.changed = diff.body.changed;
  c.moved = diff.body.moved;
  return diff;
}

}  // namespace storage
