#include "storage/version_history.h"

namespace storage {

bool IsSameState(const VersionEntry& a, const VersionEntry& b) {
  return a.title == b.title && a.content_sha256 == b.content_sha256;
}

PlacedFetch PlaceLateFetch(const std::vector<VersionEntry>& history, const VersionEntry& current,
                           const VersionEntry& late) {
  // Every fetch known, in time order: the versions (each dated by its first fetch), the late
  // fetch (after the entries of its own time: a version first fetched then is not undone), and
  // the current state's latest fetch.
  std::vector<VersionEntry> fetches = history;
  size_t late_at = 0;
  while (late_at < fetches.size() && fetches[late_at].fetched_at <= late.fetched_at) ++late_at;
  fetches.insert(fetches.begin() + static_cast<std::ptrdiff_t>(late_at), late);
  fetches.push_back(current);

  PlacedFetch placed;
  for (size_t i = 0; i < fetches.size(); ++i) {
    if (!placed.versions.empty() && IsSameState(placed.versions.back(), fetches[i])) {
      if (i == late_at) placed.version_index = placed.versions.size() - 1;
      if (i == late_at + 1 && placed.added) {
        // The version after the late fetch was in its state already: that version, dated back.
        VersionEntry& version = placed.versions.back();
        version.capture_id = fetches[i].capture_id;
        version.article_json = fetches[i].article_json;
        placed.added = false;
      }
      continue;
    }
    if (i == late_at) {
      placed.version_index = placed.versions.size();
      placed.added = true;
    }
    placed.versions.push_back(fetches[i]);
  }

  placed.changed = placed.versions.size() != history.size();
  for (size_t i = 0; !placed.changed && i < history.size(); ++i) {
    placed.changed = placed.versions[i].fetched_at != history[i].fetched_at ||
                     !IsSameState(placed.versions[i], history[i]);
  }
  return placed;
}

}  // namespace storage
