// A version history is the sequence of distinct states (title and body) an article has been
// fetched in, oldest first, each with the time it was first fetched in that state; the last
// one is the article's current state. Fetches can reach the archive out of order (an old WARC
// imported after a newer crawl, a clock set back): PlaceLateFetch puts such a fetch at its
// place in time without making it current. Pure functions on plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace storage {

// One state of an article and when it was first fetched in it.
struct VersionEntry {
  std::string fetched_at;  // RFC 3339 UTC as the archive writes it: compares as text
  std::optional<std::string> title;
  std::string content_sha256;  // of the body
  std::optional<int64_t> capture_id;
  std::string article_json;  // the version's export object
};

// Same title and body: the same version (the archive's test for a new version).
bool IsSameState(const VersionEntry& a, const VersionEntry& b);

struct PlacedFetch {
  std::vector<VersionEntry> versions;  // the new history, oldest first
  size_t version_index = 0;            // the entry of `versions` holding the late fetch's state
  bool added = false;                  // the late fetch's state is a version of its own
  bool changed = false;                // versions differ from the history given
};

// Places `late`, a fetch older than the latest fetch of the current state, in `history`.
// `current` is that latest fetch: the current state (history.back()'s) and its time, which is
// not before any time in history. Consecutive fetches in the same state are one version, dated
// by the earliest, so:
//  - a late fetch in the state of the version before it adds nothing;
//  - one in the state of the version after it dates that version back to the late fetch;
//  - otherwise it becomes a version between the two. When that is after the current version
//    was first fetched, the current state, seen again at `current.fetched_at`, follows it as a
//    version of its own: the last version is always the current state.
// REQUIRES: late.fetched_at < current.fetched_at; history sorted by fetched_at.
PlacedFetch PlaceLateFetch(const std::vector<VersionEntry>& history, const VersionEntry& current,
                           const VersionEntry& late);

}  // namespace storage
