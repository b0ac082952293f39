// The url_templates table: what the first fetches of each URL template of a host produced (the
// crawler's trap guard by yield, crawler/yield_guard.h), kept so that a resumed or later run
// remembers a template that stopped yielding anything new. Free functions on an open Archive.
#pragma once

#include <string>
#include <vector>

#include "storage/archive.h"
#include "util/error.h"

namespace storage {

struct UrlTemplateRow {
  std::string host;
  std::string url_template;
  long fetched = 0;
  long productive = 0;
  int barren_streak = 0;
  bool given_up = false;
};

// The rows of `host` (every host when empty), by template.
util::Result<std::vector<UrlTemplateRow>> LoadUrlTemplates(const Archive& archive,
                                                           const std::string& host);
// Inserts or replaces the row of (host, template); given_up_at keeps the first time the
// template was given up until it is followed again.
util::Result<void> StoreUrlTemplate(const Archive& archive, const UrlTemplateRow& row);

}  // namespace storage
