// The archive's schema, as numbered migrations keyed on `PRAGMA user_version`. Version N is
// reached by applying every migration above the file's version, in order, inside one
// transaction; an archive newer than this program is refused.
#pragma once

#include <string>

#include "storage/sqlite_handles.h"
#include "util/error.h"

namespace storage {

// The schema version this build writes.
inline constexpr int kSchemaVersion = 14;
// The oldest schema a read-only Archive accepts without an upgrade: what export, stats and
// search read (articles, versions, fetches, runs, the FTS index) is there since version 2.
inline constexpr int kOldestReadOnlySchemaVersion = 2;
// The first schema whose search index holds folded text (storage/text_fold.h); search reads
// the unfolded index of an older archive opened read-only as well as it can.
inline constexpr int kFoldedSearchSchemaVersion = 11;
// The first schema with fixity_runs and fixity_checks (`newsarc verify` records its checks).
inline constexpr int kFixitySchemaVersion = 12;
// The first schema with removal tracking (articles.removed_at, removal_sightings); readers of
// an older archive opened read-only take every article for online.
inline constexpr int kRemovalSchemaVersion = 13;
// The first version recording the links the crawl's scope refused (scope_refusals).
inline constexpr int kScopeRefusalSchemaVersion = 14;

// The file's `PRAGMA user_version`.
util::Result<int> SchemaVersionOf(const Db& db);

// Defines the SQL functions the schema's triggers call (newsarc_fold) on `db`. Migrate does it
// first thing, so every read-write Archive connection has them.
util::Result<void> DefineSchemaFunctions(const Db& db);

// Brings `db` (opened read-write) up to `target_version`: 0 → target for a new file, N → target
// for an older archive, nothing when already there. Fails (kStorage, naming `path` and both
// versions) when the file is newer than this build, or when it is an SQLite database with
// user_version 0 that already has tables (someone else's database).
// REQUIRES: no transaction open on `db`.
util::Result<void> Migrate(const Db& db, const std::string& path,
                           int target_version = kSchemaVersion);

}  // namespace storage
