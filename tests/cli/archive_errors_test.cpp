// How an archive that cannot be opened is reported (cli/archive_errors.h), for the cases the
// integration tests cannot make quickly: a locked archive, a newer schema, a damaged file.
#include "cli/archive_errors.h"

#include <gtest/gtest.h>

#include <string>

#include "util/error.h"

namespace {

util::Error StorageError(const std::string& message) {
  return util::Error{util::ErrorCode::kStorage, message};
}

// SQLITE_BUSY after the busy timeout, as Archive::Open reports it read-only and read-write.
TEST(ArchiveOpenErrorMessage, ALockedArchiveSaysSoAndExitsFour) {
  for (const char* why : {"/d/a.sqlite is not a newsarc archive (database is locked)",
                          "/d/a.sqlite is not a newsarc archive or cannot be written "
                          "(database is locked)"}) {
    util::Error error = StorageError(why);
    EXPECT_EQ(cli::ArchiveOpenErrorMessage("/d/a.sqlite", error),
              "/d/a.sqlite: the archive is locked (database is locked); another program is "
              "writing it: run the command again when it is done");
    EXPECT_EQ(cli::ArchiveOpenExitCode(error), util::kExitLocked);
  }
}

TEST(ArchiveOpenErrorMessage, MissingAndNotAnArchiveSayWhatToCheck) {
  EXPECT_EQ(cli::ArchiveOpenErrorMessage("a.db", StorageError("a.db does not exist (no archive)")),
            "a.db: no such archive; check the --db path (crawl or import-warc creates one)");
  EXPECT_EQ(cli::ArchiveOpenErrorMessage(
                "a.db", StorageError("a.db is not a newsarc archive (no archive schema)")),
            "a.db is not a newsarc archive (no archive schema); check the --db path");
  EXPECT_EQ(cli::ArchiveOpenExitCode(StorageError("a.db does not exist (no archive)")),
            util::kExitUsage);
}

// SQLite's words once, not inside Archive::Open's sentence.
TEST(ArchiveOpenErrorMessage, ADamagedArchiveIsToldToBeChecked) {
  for (const char* why :
       {"a.db is not a newsarc archive (file is not a database)",
        "a.db is not a newsarc archive or cannot be written (file is not a database)"}) {
    util::Error error = StorageError(why);
    EXPECT_EQ(cli::ArchiveOpenErrorMessage("a.db", error),
              "a.db: cannot read the archive (file is not a database); it is damaged or not a "
              "newsarc archive: check it with sqlite3 a.db 'PRAGMA integrity_check' or use a "
              "backup");
    EXPECT_EQ(cli::ArchiveOpenExitCode(error), util::kExitUsage);
  }
}

// Messages that already name the file and say what to do are kept as they are.
TEST(ArchiveOpenErrorMessage, ANewerSchemaOrAReadOnlyFileKeepsArchiveOpensWords) {
  for (const char* why :
       {"a.db has archive schema version 99, newer than version 13 that this newsarc "
        "understands; use a newer newsarc",
        "a.db: cannot be written (permission denied); copy it to a writable folder to crawl, "
        "import or re-extract into it (export, stats and search read it where it is)"}) {
    EXPECT_EQ(cli::ArchiveOpenErrorMessage("a.db", StorageError(why)), why);
    EXPECT_EQ(cli::ArchiveOpenExitCode(StorageError(why)), util::kExitUsage);
  }
}

}  // namespace
