#include "storage/fixity.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

#include "storage/compression.h"
#include "storage/migrations.h"
#include "storage/warc_writer.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"
#include "util/sha256.h"

namespace storage {
namespace {

using testing::MakeRecord;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A fresh archive file with `n` captures (ids 1..n).
std::string ArchiveWithCaptures(int n) {
  std::string path = testing_support::MakeTempDir() + "/a.db";
  auto archive = Archive::Open(path, {.create_if_missing = true});
  EXPECT_TRUE(archive.has_value());
  for (int i = 1; i <= n; ++i) {
    std::string url = "http://a.cn/" + std::to_string(i) + ".html";
    EXPECT_TRUE(archive
                    ->RecordPage(MakeRecord(url, "标题" + std::to_string(i),
                                            "正文第" + std::to_string(i) + "段"))
                    .has_value());
  }
  return path;
}

std::vector<FixityCheck> VerifyAll(const Archive& archive, FixitySample sample = {}) {
  std::vector<FixityCheck> checks;
  auto verified = VerifyCaptures(archive, sample, [&](const FixityCheck& check) {
    checks.push_back(check);
    return util::Result<void>();
  });
  EXPECT_TRUE(verified.has_value()) << verified.error().message;
  return checks;
}

std::string Blob(const Archive& archive, int64_t id) {
  auto stmt = Statement::Prepare(archive.db(), "SELECT body FROM captures WHERE id = ?1");
  EXPECT_TRUE(stmt.has_value());
  stmt->Bind(1, id);
  EXPECT_TRUE(stmt->Step().value_or(false));
  return stmt->Blob(0);
}

void SetBlob(const Archive& archive, int64_t id, const std::string& blob) {
  auto stmt = Statement::Prepare(archive.db(), "UPDATE captures SET body = ?2 WHERE id = ?1");
  ASSERT_OK(stmt);
  stmt->Bind(1, id).BindBlob(2, blob);
  ASSERT_OK(stmt->Run());
}

TEST(Fixity, IntactCapturesAreOk) {
  auto archive = Archive::Open(ArchiveWithCaptures(3), {});
  ASSERT_OK(archive);
  std::vector<FixityCheck> checks = VerifyAll(*archive);
  ASSERT_EQ(checks.size(), 3u);
  for (size_t i = 0; i < checks.size(); ++i) {
    EXPECT_EQ(checks[i].kind, FixityKind::kCapture);
    EXPECT_EQ(checks[i].capture_id, static_cast<int64_t>(i + 1));
    EXPECT_EQ(checks[i].result, FixityResult::kOk) << checks[i].detail;
  }
}

TEST(Fixity, ABodyThatInflatesToOtherBytesIsAMismatchNamingBothHashes) {
  auto archive = Archive::Open(ArchiveWithCaptures(2), {});
  ASSERT_OK(archive);
  auto stored = archive->LoadCapture(2);
  ASSERT_OK(stored);
  ASSERT_TRUE(stored->has_value());
  std::string altered = (*stored)->body;
  altered[altered.size() / 2] ^= 0x20;  // same size, one byte changed
  SetBlob(*archive, 2, Compress(altered));
  std::vector<FixityCheck> checks = VerifyAll(*archive);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].result, FixityResult::kOk);
  EXPECT_EQ(checks[1].result, FixityResult::kMismatch);
  EXPECT_NE(checks[1].detail.find(util::Sha256Hex(altered)), std::string::npos) << checks[1].detail;
  EXPECT_NE(checks[1].detail.find((*stored)->sha256), std::string::npos) << checks[1].detail;
}

TEST(Fixity, AFlippedByteOfTheCompressedBlobIsAFailure) {
  auto archive = Archive::Open(ArchiveWithCaptures(1), {});
  ASSERT_OK(archive);
  std::string blob = Blob(*archive, 1);
  blob[blob.size() / 2] ^= 0x01;
  SetBlob(*archive, 1, blob);
  std::vector<FixityCheck> checks = VerifyAll(*archive);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_TRUE(checks[0].IsFailure());
  EXPECT_FALSE(checks[0].detail.empty());
}

TEST(Fixity, AStoredSizeThatDiffersIsAMismatchEitherWay) {
  auto archive = Archive::Open(ArchiveWithCaptures(2), {});
  ASSERT_OK(archive);
  ASSERT_OK(archive->db().Exec("UPDATE captures SET size = size + 1 WHERE id = 1"));
  ASSERT_OK(archive->db().Exec("UPDATE captures SET size = size - 10 WHERE id = 2"));
  std::vector<FixityCheck> checks = VerifyAll(*archive);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].result, FixityResult::kMismatch);
  EXPECT_NE(checks[0].detail.find("stored size"), std::string::npos) << checks[0].detail;
  EXPECT_EQ(checks[1].result, FixityResult::kMismatch);
  EXPECT_NE(checks[1].detail.find("longer than the stored size"), std::string::npos)
      << checks[1].detail;
}

TEST(Fixity, ABlobThatDoesNotDecompressIsUnreadable) {
  auto archive = Archive::Open(ArchiveWithCaptures(1), {});
  ASSERT_OK(archive);
  ASSERT_OK(archive->db().Exec("UPDATE captures SET body = x'00010203' WHERE id = 1"));
  std::vector<FixityCheck> checks = VerifyAll(*archive);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].result, FixityResult::kUnreadable);
  EXPECT_NE(checks[0].detail.find("does not decompress"), std::string::npos) << checks[0].detail;
}

// A stored size of 2^40 must not make the check allocate it: it inflates what is there.
TEST(Fixity, AHugeStoredSizeIsAMismatchWithoutAllocatingIt) {
  FixityCheck check =
      CheckCaptureBody(7, util::Sha256Hex("abc"), int64_t{1} << 40, Compress("abc"));
  EXPECT_EQ(check.result, FixityResult::kMismatch);
  EXPECT_NE(check.detail.find("body is 3 bytes"), std::string::npos) << check.detail;
}

TEST(Fixity, SampleFractionIsAFractionOrAPercentage) {
  EXPECT_EQ(ParseSampleFraction("0.25"), 0.25);
  EXPECT_EQ(ParseSampleFraction("25%"), 0.25);
  EXPECT_EQ(ParseSampleFraction("1"), 1.0);
  EXPECT_EQ(ParseSampleFraction("100%"), 1.0);
  for (const char* bad : {"0", "0%", "1.5", "101%", "-0.5", "x", "", "%", "0.2.5", "1e-1"}) {
    EXPECT_FALSE(ParseSampleFraction(bad).has_value()) << bad;
  }
}

// Monthly sampled runs cover everything: each run takes the captures never checked first, so
// four quarter-sized runs check each of eight captures exactly once, and a fifth starts over.
TEST(Fixity, SampledRunsTakeCapturesNeverCheckedFirst) {
  auto archive = Archive::Open(ArchiveWithCaptures(8), {});
  ASSERT_OK(archive);
  std::multiset<int64_t> checked;
  auto start = std::chrono::system_clock::from_time_t(1'767'225'600);
  for (int run = 0; run < 4; ++run) {
    auto at = start + std::chrono::hours(24 * 30 * run);
    auto log = FixityLog::Begin(*archive, 0.25, at);
    ASSERT_OK(log);
    FixityTotals totals;
    for (const FixityCheck& check :
         VerifyAll(*archive, {0.25, static_cast<uint64_t>(run) * 7919})) {
      checked.insert(*check.capture_id);
      totals.Count(check);
      ASSERT_OK(log->Add(check, at));
    }
    EXPECT_EQ(totals.captures_checked, 2);
    ASSERT_OK(log->Finish(totals, at));
  }
  EXPECT_EQ(checked, (std::multiset<int64_t>{1, 2, 3, 4, 5, 6, 7, 8}));
  // The fifth run: every capture checked once, the first run's are the longest ago.
  std::set<int64_t> fifth;
  for (const FixityCheck& check : VerifyAll(*archive, {0.25, 1})) {
    fifth.insert(*check.capture_id);
  }
  std::set<int64_t> first;
  for (const FixityCheck& check : VerifyAll(*archive, {0.25, 0})) first.insert(*check.capture_id);
  EXPECT_EQ(fifth, first);
  EXPECT_EQ(fifth.size(), 2u);
}

TEST(Fixity, TheSameSeedTakesTheSameSample) {
  auto archive = Archive::Open(ArchiveWithCaptures(20), {});
  ASSERT_OK(archive);
  auto ids = [&](uint64_t seed) {
    std::vector<int64_t> out;
    for (const FixityCheck& c : VerifyAll(*archive, {0.3, seed})) out.push_back(*c.capture_id);
    return out;
  };
  EXPECT_EQ(ids(42).size(), 6u);
  EXPECT_EQ(ids(42), ids(42));
  EXPECT_NE(ids(42), ids(43));
}

TEST(Fixity, TheLogRecordsEachCheckAndTheRunTotals) {
  auto archive = Archive::Open(ArchiveWithCaptures(3), {});
  ASSERT_OK(archive);
  ASSERT_OK(archive->db().Exec("UPDATE captures SET body = x'00' WHERE id = 2"));
  auto at = std::chrono::system_clock::from_time_t(1'767'225'600);
  auto log = FixityLog::Begin(*archive, 1.0, at);
  ASSERT_OK(log);
  FixityTotals totals;
  for (const FixityCheck& check : VerifyAll(*archive)) {
    totals.Count(check);
    ASSERT_OK(log->Add(check, at));
  }
  ASSERT_OK(log->Finish(totals, at));
  auto stmt = Statement::Prepare(archive->db(),
                                 "SELECT capture_id, kind, result, checked_at, detail IS NULL "
                                 "FROM fixity_checks ORDER BY id");
  ASSERT_OK(stmt);
  std::vector<std::string> rows;
  while (stmt->Step().value_or(false)) {
    rows.push_back(std::to_string(stmt->Int(0)) + " " + stmt->Text(1) + " " + stmt->Text(2) + " " +
                   stmt->Text(3) + " " + std::to_string(stmt->Int(4)));
  }
  EXPECT_EQ(rows, (std::vector<std::string>{"1 capture ok 2026-01-01T00:00:00Z 1",
                                            "2 capture unreadable 2026-01-01T00:00:00Z 0",
                                            "3 capture ok 2026-01-01T00:00:00Z 1"}));
  auto last = LastFixityRun(*archive);
  ASSERT_OK(last);
  ASSERT_TRUE(last->has_value());
  EXPECT_EQ((*last)->totals.captures_checked, 3);
  EXPECT_EQ((*last)->totals.captures_failed, 1);
  EXPECT_EQ((*last)->finished_at, "2026-01-01T00:00:00Z");
}

// Issue #15: schema 12 adds the fixity tables to a version 11 archive, whose captures keep
// verifying; read-only and not upgraded, a version 11 archive is verified (sampled too) without
// them.
TEST(Fixity, AVersionElevenArchiveIsVerifiedReadOnlyAndRecordsOnceUpgraded) {
  std::string path = testing_support::MakeTempDir() + "/v11.db";
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(*db, path, 11));
    auto insert = Statement::Prepare(
        *db, "INSERT INTO captures (sha256, size, content_type, body) VALUES (?1, ?2, NULL, ?3)");
    ASSERT_OK(insert);
    insert->Bind(1, util::Sha256Hex("<p>正文</p>")).Bind(2, int64_t{13});
    insert->BindBlob(3, Compress("<p>正文</p>"));
    ASSERT_OK(insert->Run());
  }
  {
    auto read_only = Archive::Open(path, {.read_only = true});
    ASSERT_OK(read_only);
    std::vector<FixityCheck> checks = VerifyAll(*read_only, {0.5, 3});
    ASSERT_EQ(checks.size(), 1u);
    EXPECT_EQ(checks[0].result, FixityResult::kOk) << checks[0].detail;
    auto last = LastFixityRun(*read_only);
    ASSERT_OK(last);
    EXPECT_FALSE(last->has_value());
    auto files = SelectWarcFiles(*read_only, {"a.warc.gz", "b.warc.gz"}, {0.5, 3});
    ASSERT_OK(files);
    EXPECT_EQ(files->size(), 1u);
  }
  auto archive = Archive::Open(path, {});
  ASSERT_OK(archive);
  EXPECT_EQ(SchemaVersionOf(archive->db()).value_or(0), kSchemaVersion);
  auto log = FixityLog::Begin(*archive, 1.0, std::chrono::system_clock::now());
  ASSERT_OK(log);
  FixityTotals totals;
  for (const FixityCheck& check : VerifyAll(*archive)) {
    totals.Count(check);
    ASSERT_OK(log->Add(check, std::chrono::system_clock::now()));
  }
  ASSERT_OK(log->Finish(totals, std::chrono::system_clock::now()));
  auto last = LastFixityRun(*archive);
  ASSERT_OK(last);
  ASSERT_TRUE(last->has_value());
  EXPECT_EQ((*last)->totals.captures_checked, 1);
  EXPECT_EQ((*last)->totals.captures_failed, 0);
}

// WAL: verify reads the committed captures while a crawl's write transaction is open on
// another connection, and records its checks once that transaction ends.
TEST(Fixity, CapturesAreVerifiedWhileAnotherConnectionWrites) {
  std::string path = ArchiveWithCaptures(2);
  auto crawl = Archive::Open(path, {});
  ASSERT_OK(crawl);
  auto verify = Archive::Open(path, {});
  ASSERT_OK(verify);
  ASSERT_OK(crawl->db().Exec("BEGIN IMMEDIATE"));
  ASSERT_OK(crawl->db().Exec(
      "INSERT INTO captures (sha256, size, body) VALUES ('ff', 1, x'00')"));  // not committed
  std::vector<FixityCheck> checks = VerifyAll(*verify);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_FALSE(checks[0].IsFailure());
  EXPECT_FALSE(checks[1].IsFailure());
  ASSERT_OK(crawl->db().Exec("COMMIT"));
  auto log = FixityLog::Begin(*verify, 1.0, std::chrono::system_clock::now());
  ASSERT_OK(log);
  FixityTotals totals;
  for (const FixityCheck& check : checks) {
    totals.Count(check);
    ASSERT_OK(log->Add(check, std::chrono::system_clock::now()));
  }
  ASSERT_OK(log->Finish(totals, std::chrono::system_clock::now()));
  EXPECT_EQ(VerifyAll(*verify).size(), 3u);  // the crawl's capture, now committed
}

// --- WARC files ---

std::string Gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// The gzip members of a .warc.gz, decompressed, each with its offset.
std::vector<std::pair<size_t, std::string>> Members(const std::string& data) {
  std::vector<std::pair<size_t, std::string>> members;
  size_t pos = 0;
  while (pos < data.size() && members.size() < 1000) {
    z_stream z{};
    inflateInit2(&z, 15 + 16);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + pos));
    z.avail_in = static_cast<uInt>(data.size() - pos);
    std::string out;
    char buf[65536];
    int rc;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      rc = inflate(&z, Z_NO_FLUSH);
      out.append(buf, sizeof buf - z.avail_out);
    } while (rc == Z_OK);
    EXPECT_EQ(rc, Z_STREAM_END);
    members.emplace_back(pos, out);
    pos += z.total_in;
    inflateEnd(&z);
    if (rc != Z_STREAM_END) break;
  }
  return members;
}

struct WrittenWarc {
  std::string dir;
  std::string file;
  WarcWriteResult first;  // the response record of http://a.test/1
};

WrittenWarc WriteWarc() {
  WrittenWarc w;
  w.dir = testing_support::MakeTempDir();
  WarcWriterOptions o;
  o.directory = w.dir;
  o.software = "newsarc/test";
  o.user_agent = "newsarc/test";
  auto writer = WarcWriter::Open(o);
  EXPECT_TRUE(writer.has_value());
  for (int i = 1; i <= 2; ++i) {
    WarcExchange ex;
    ex.target_uri = "http://a.test/" + std::to_string(i);
    ex.date = std::chrono::system_clock::from_time_t(1'767'225'600);
    ex.request_head = "GET /" + std::to_string(i) + " HTTP/1.1\r\nHost: a.test\r\n\r\n";
    ex.response_head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n";
    ex.payload = "<html><body>第" + std::to_string(i) + "篇正文，足够长的一段文字。</body></html>";
    auto written = writer->Write(ex);
    EXPECT_TRUE(written.has_value());
    if (i == 1) w.first = *written;
  }
  EXPECT_TRUE(writer->Close().has_value());
  w.file = w.dir + "/" + std::filesystem::path(writer->files().back()).filename().string();
  return w;
}

std::vector<FixityCheck> VerifyFile(const std::string& file, bool* whole = nullptr) {
  std::vector<FixityCheck> checks;
  auto verified = VerifyWarcFile(file, [&](const FixityCheck& check) {
    checks.push_back(check);
    return util::Result<void>();
  });
  EXPECT_TRUE(verified.has_value());
  if (whole && verified) *whole = *verified;
  return checks;
}

TEST(WarcFixity, AFileWrittenByTheWarcWriterVerifies) {
  WrittenWarc w = WriteWarc();
  auto listed = ListWarcFiles(w.dir);
  ASSERT_OK(listed);
  ASSERT_EQ(*listed, std::vector<std::string>{w.file});
  bool whole = false;
  std::vector<FixityCheck> checks = VerifyFile(w.file, &whole);
  EXPECT_TRUE(whole);
  // warcinfo, then request and response per exchange, then the file itself.
  ASSERT_EQ(checks.size(), 6u);
  for (size_t i = 0; i + 1 < checks.size(); ++i) {
    EXPECT_EQ(checks[i].kind, FixityKind::kWarcRecord);
    EXPECT_EQ(checks[i].result, FixityResult::kOk) << checks[i].detail;
  }
  EXPECT_EQ(checks.back().kind, FixityKind::kWarcFile);
  EXPECT_EQ(checks.back().result, FixityResult::kOk);
}

// A payload byte flipped and the member recompressed: the gzip layer is sound, the digests are
// not.
TEST(WarcFixity, AFlippedPayloadByteIsAMismatchOfBothDigestsWithFileOffsetIdAndUri) {
  WrittenWarc w = WriteWarc();
  std::string data = Slurp(w.file);
  std::string rebuilt;
  std::optional<uint64_t> flipped_at;  // the record's offset in the rebuilt file
  for (auto& [offset, member] : Members(data)) {
    if (offset == w.first.offset) {
      size_t at = member.find("第1篇");
      ASSERT_NE(at, std::string::npos);
      member[at + 3] = '2';  // 第1篇 -> 第2篇
      flipped_at = rebuilt.size();
    }
    rebuilt += Gzip(member);
  }
  ASSERT_TRUE(flipped_at.has_value());
  std::ofstream(w.file, std::ios::binary | std::ios::trunc) << rebuilt;
  std::vector<FixityCheck> failures;
  for (const FixityCheck& check : VerifyFile(w.file)) {
    if (check.IsFailure()) failures.push_back(check);
  }
  ASSERT_EQ(failures.size(), 1u);
  const FixityCheck& f = failures[0];
  EXPECT_EQ(f.kind, FixityKind::kWarcRecord);
  EXPECT_EQ(f.result, FixityResult::kMismatch);
  EXPECT_EQ(f.file, w.file);
  EXPECT_EQ(f.offset, flipped_at);
  EXPECT_EQ(f.record_id, w.first.record_id);
  EXPECT_EQ(f.target_uri, "http://a.test/1");
  EXPECT_NE(f.detail.find("WARC-Block-Digest is sha1:"), std::string::npos) << f.detail;
  EXPECT_NE(f.detail.find("WARC-Payload-Digest is " + w.first.payload_digest), std::string::npos)
      << f.detail;
}

TEST(WarcFixity, ATruncatedGzipMemberIsAnUnreadableFileAtItsOffset) {
  WrittenWarc w = WriteWarc();
  std::string data = Slurp(w.file);
  auto members = Members(data);
  ASSERT_GE(members.size(), 3u);
  size_t last = members.back().first;
  std::ofstream(w.file, std::ios::binary | std::ios::trunc)
      << data.substr(0, last + (data.size() - last) / 2);
  bool whole = true;
  std::vector<FixityCheck> checks = VerifyFile(w.file, &whole);
  EXPECT_FALSE(whole);
  ASSERT_FALSE(checks.empty());
  const FixityCheck& damage = checks.back();
  EXPECT_EQ(damage.kind, FixityKind::kWarcFile);
  EXPECT_EQ(damage.result, FixityResult::kUnreadable);
  EXPECT_EQ(damage.offset, last);
  EXPECT_FALSE(damage.detail.empty());
  for (size_t i = 0; i + 1 < checks.size(); ++i) {
    EXPECT_EQ(checks[i].result, FixityResult::kOk) << checks[i].detail;
  }
}

TEST(WarcFixity, AFileThatIsNoWarcIsUnreadable) {
  std::string file = testing_support::WriteTempFile("notes.warc", "just some notes\n");
  bool whole = true;
  std::vector<FixityCheck> checks = VerifyFile(file, &whole);
  EXPECT_FALSE(whole);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].kind, FixityKind::kWarcFile);
  EXPECT_EQ(checks[0].result, FixityResult::kUnreadable);
}

// Digests in hex and in sha256 are read as well as newsarc's sha1 base32.
TEST(WarcFixity, Sha256AndHexDigestsAreChecked) {
  std::string block = "hello";
  auto record_with = [&](const std::string& digest) {
    WarcRecord r;
    r.headers["warc-type"] = "resource";
    r.headers["warc-block-digest"] = digest;
    r.block = block;
    r.block_bytes = block.size();
    return CheckWarcRecord(r, "f.warc");
  };
  std::string hex = util::Sha256Hex(block);
  EXPECT_EQ(record_with("sha256:" + hex).result, FixityResult::kOk);
  EXPECT_EQ(record_with("sha256:" + util::Sha256Hex("other")).result, FixityResult::kMismatch);
  // sha1("hello") in hex.
  EXPECT_EQ(record_with("sha1:aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d").result, FixityResult::kOk);
  EXPECT_EQ(record_with("sha1:VL2MMHO4YXUKFWV63YHTWSBM3GXKSQ2N").result, FixityResult::kOk);
  EXPECT_EQ(record_with("md5:5d41402abc4b2a76b9719d911017c592").result, FixityResult::kOk);
  EXPECT_EQ(record_with("sha1:not-a-digest").result, FixityResult::kMismatch);
}

// Sampled WARC files: those never checked first, by the warc_file checks recorded.
TEST(WarcFixity, SampledFilesTakeThoseNeverCheckedFirst) {
  auto archive = Archive::Open(ArchiveWithCaptures(0), {});
  ASSERT_OK(archive);
  std::vector<std::string> files = {"d/a.warc.gz", "d/b.warc.gz", "d/c.warc.gz", "d/d.warc.gz"};
  std::set<std::string> seen;
  for (int run = 0; run < 2; ++run) {
    auto selected = SelectWarcFiles(*archive, files, {0.5, static_cast<uint64_t>(run)});
    ASSERT_OK(selected);
    ASSERT_EQ(selected->size(), 2u);
    auto at = std::chrono::system_clock::from_time_t(1'767'225'600 + run * 86400);
    auto log = FixityLog::Begin(*archive, 0.5, at);
    ASSERT_OK(log);
    for (const std::string& file : *selected) {
      seen.insert(file);
      FixityCheck check;
      check.kind = FixityKind::kWarcFile;
      check.file = file;
      ASSERT_OK(log->Add(check, at));
    }
    ASSERT_OK(log->Finish({}, at));
  }
  EXPECT_EQ(seen.size(), 4u);
}

}  // namespace
}  // namespace storage
