// An archive merge brings everything one archive holds (a crawl worker's `--db worker-N.sqlite`)
// into another: its crawl runs, fetches with their captures (deduplicated by SHA-256), articles
// and their versions, removal sightings and state, and its bookkeeping (frontier, robots cache,
// URL template yields, host health). Fetches are replayed, in fetch-time order, through the
// target's own write path (Archive::RecordPage), so an article's versions, its current version
// and its removal state follow the same rules as in a crawl: a URL fetched by several workers
// gets one article whose versions are in fetch-time order, and identical content fetched twice
// makes no new version. Merging a source again adds nothing. Not thread-safe; the merge of one
// source is one write transaction on the target (all or nothing).
#pragma once

#include <cstdint>
#include <string>

#include "storage/archive.h"
#include "util/error.h"

namespace storage {

// What merging one source did to the target.
struct MergeCounts {
  int64_t runs = 0;                   // crawl runs copied (not already in the target)
  int64_t fetches = 0;                // fetches copied
  int64_t fetches_present = 0;        // fetches already in the target (merged before)
  int64_t captures_new = 0;           // payloads the target did not hold
  int64_t captures_deduplicated = 0;  // payloads the target held already (same SHA-256)
  int64_t articles_new = 0;           // URLs the target had no article for
  int64_t articles_updated = 0;       // articles that got a version (newer or older)
  int64_t removals = 0;               // articles marked removed by the merge
};

MergeCounts& operator+=(MergeCounts& total, const MergeCounts& one);

// Merges `source` into `target` in one write transaction on `target` (nothing of `source` is
// kept when it fails), reading `source` in one read transaction (a consistent snapshot, safe
// while a crawl writes it: WAL). Fails (kStorage, naming the source) when the source is not at
// kSchemaVersion (SnapshotArchive then Archive::Open upgrades a copy), when a capture's payload
// does not match its SHA-256, or when either file cannot be read or written.
// REQUIRES: `target` is writable and the caller holds its lock (cli/archive_lock.h); `source`
// and `target` are different files.
util::Result<MergeCounts> MergeArchive(Archive& target, const Archive& source);

// Checks `archive`'s file with SQLite's PRAGMA quick_check (every page and index entry read,
// no write): kStorage "PATH is damaged (what quick_check found first)" when it fails.
util::Result<void> QuickCheckArchive(const Archive& archive);

// Writes a consistent copy of `source` to `path` (SQLite's VACUUM INTO), which must not exist:
// an older source is upgraded there, never in place. Works on a read-only source.
util::Result<void> SnapshotArchive(const Archive& source, const std::string& path);

}  // namespace storage
