// A VersionDiff is what differs between two stored versions of an article: each field whose
// value changed (old -> new, as text) and the body paragraph by paragraph
// (util/paragraph_diff.h). Pure functions on extract::Article values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "extract/article.h"
#include "util/paragraph_diff.h"

namespace storage {

// One field that differs, named as in article.schema.json, with its values as text: a date
// list as "label value; …", images as their URLs, prev/next as "title <url>" ("none" when the
// page says there is none); nullopt when the version has no value.
struct FieldChange {
  std::string field;
  std::optional<std::string> before;
  std::optional<std::string> after;
};

// The fields other than the body that differ, in this order: title, published_date,
// published_at, updated_at, dates, source, author, section, views, lang, canonical_url,
// images, prev, next, kind. (url, site, encoding and content_sha256 are left out: the first
// two name the article, the last two follow from the page's bytes and the body.)
std::vector<FieldChange> FieldChanges(const extract::Article& before,
                                      const extract::Article& after);

// The body's size in both versions and how its paragraphs changed.
struct BodyChange {
  size_t chars_before = 0;  // code points
  size_t chars_after = 0;
  size_t paragraphs_before = 0;
  size_t paragraphs_after = 0;
  size_t added = 0;  // paragraphs, as util::ParagraphDiff counts them
  size_t removed = 0;
  size_t changed = 0;
  size_t moved = 0;

  bool IsUnchanged() const { return added == 0 && removed == 0 && changed == 0; }
};

struct VersionDiff {
  std::vector<FieldChange> fields;
  util::ParagraphDiff body;
  BodyChange body_change;

  bool IsIdentical() const { return fields.empty() && body.IsIdentical(); }
};

VersionDiff DiffVersions(const extract::Article& before, const extract::Article& after,
                         const util::DiffOptions& options = {});

}  // namespace storage
