#include "storage/warc_writer.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "storage/warc_reader.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"
#include "util/sha1.h"

namespace storage {
namespace {

// Decompresses every gzip member of a .warc.gz, checking each member ends a record.
std::vector<std::string> ReadMembers(const std::string& path) {
  std::string data = testing_support::ReadFileOrFail(path);
  std::vector<std::string> members;
  size_t pos = 0;
  while (pos < data.size()) {
    z_stream z{};
    inflateInit2(&z, 15 + 16);
    z.next_in = reinterpret_cast<Bytef*>(data.data() + pos);
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
    pos += z.total_in;
    inflateEnd(&z);
    members.push_back(out);
    if (rc != Z_STREAM_END) break;
  }
  return members;
}

std::string Header(const std::string& record, const std::string& name) {
  size_t p = record.find("\r\n" + name + ": ");
  if (p == std::string::npos) return "";
  p += name.size() + 4;
  return record.substr(p, record.find("\r\n", p) - p);
}

WarcExchange Exchange(const std::string& uri, const std::string& payload) {
  WarcExchange ex;
  ex.target_uri = uri;
  ex.ip_address = "127.0.0.1";
  ex.date = std::chrono::system_clock::from_time_t(1767225600);
  ex.request_head = "GET / HTTP/1.1\r\nHost: a.test\r\nUser-Agent: newsarc/test\r\n\r\n";
  ex.response_head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=gb2312\r\nTransfer-Encoding: "
      "chunked\r\n\r\n";
  ex.payload = payload;
  return ex;
}

class WarcWriterTest : public ::testing::Test {
 protected:
  WarcWriterOptions Options() {
    WarcWriterOptions o;
    o.directory = dir_;
    o.software = "newsarc/test";
    o.user_agent = "newsarc/test (+mailto:x@a.test)";
    return o;
  }
  std::string dir_ = testing_support::MakeTempDir();
};

// WARC 1.1 §5, §6: warcinfo first, request+response linked, digests over block and payload.
TEST_F(WarcWriterTest, WritesWarcinfoThenResponseAndRequestRecordsOneGzipMemberEach) {
  std::string file;
  {
    auto w = WarcWriter::Open(Options());
    ASSERT_OK(w);
    auto r = w->Write(Exchange("http://a.test/1.html", "<html>正文</html>"));
    ASSERT_OK(r);
    EXPECT_FALSE(r->revisit);
    file = r->file;
  }
  EXPECT_TRUE(std::filesystem::exists(file)) << file;
  EXPECT_FALSE(std::filesystem::exists(file + ".open"));
  EXPECT_NE(file.find("newsarc-"), std::string::npos);
  auto members = ReadMembers(file);
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(Header(members[0], "WARC-Type"), "warcinfo");
  const std::string& response = members[1];
  const std::string& request = members[2];
  EXPECT_EQ(Header(response, "WARC-Type"), "response");
  EXPECT_EQ(Header(response, "WARC-Target-URI"), "http://a.test/1.html");  // no <>
  EXPECT_EQ(Header(request, "WARC-Type"), "request");
  EXPECT_EQ(Header(request, "WARC-Concurrent-To"), Header(response, "WARC-Record-ID"));
  EXPECT_EQ(Header(response, "WARC-Payload-Digest"), util::WarcSha1Digest("<html>正文</html>"));
  size_t block_start = response.find("\r\n\r\n") + 4;
  std::string block = response.substr(block_start, response.size() - block_start - 4);
  EXPECT_EQ(Header(response, "WARC-Block-Digest"), util::WarcSha1Digest(block));
  EXPECT_EQ(std::to_string(block.size()), Header(response, "Content-Length"));
  // The stored payload is de-chunked, so the chunked header is renamed.
  EXPECT_NE(block.find("X-Newsarc-Orig-Transfer-Encoding: chunked"), std::string::npos);
}

// WARC 1.1 §6.4: a request record's block is the request as sent, a POST's body included.
TEST_F(WarcWriterTest, PostRequestRecordHoldsTheBody) {
  std::string file;
  {
    auto w = WarcWriter::Open(Options());
    ASSERT_OK(w);
    WarcExchange ex = Exchange("http://a.test/list.aspx", "<html>第2页</html>");
    ex.request_head =
        "POST /list.aspx HTTP/1.1\r\nHost: a.test\r\nContent-Length: 43\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n\r\n";
    ex.request_body = "__VIEWSTATE=abc&__EVENTTARGET=p&__EVENTARGUMENT=2";
    auto r = w->Write(ex);
    ASSERT_OK(r);
    file = r->file;
  }
  auto members = ReadMembers(file);
  ASSERT_EQ(members.size(), 3u);
  const std::string& request = members[2];
  size_t block_start = request.find("\r\n\r\n") + 4;
  std::string block = request.substr(block_start, request.size() - block_start - 4);
  EXPECT_EQ(block.substr(block.size() - 49), "__VIEWSTATE=abc&__EVENTTARGET=p&__EVENTARGUMENT=2");
  EXPECT_EQ(Header(request, "Content-Length"), std::to_string(block.size()));
  EXPECT_EQ(Header(request, "WARC-Block-Digest"), util::WarcSha1Digest(block));
}

// Issue #17 point 1: a write that fails part way (a full disk; here a file size limit set in
// a child process) leaves the file ending at the last whole record, and an error.
TEST_F(WarcWriterTest, FailedWriteLeavesTheFileAtARecordBoundary) {
  std::string path_file = dir_ + "/path";
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    signal(SIGXFSZ, SIG_IGN);
    auto w = WarcWriter::Open(Options());
    if (!w || !w->Write(Exchange("http://a.test/1.html", "<html>first</html>"))) _exit(2);
    struct stat st {};
    if (stat((w->files().back() + ".open").c_str(), &st) != 0) _exit(3);
    struct rlimit limit {};
    limit.rlim_cur = limit.rlim_max = static_cast<rlim_t>(st.st_size) + 3000;
    setrlimit(RLIMIT_FSIZE, &limit);
    std::string big(200000, 'x');
    std::mt19937 random(7);  // incompressible, so that the gzip member passes the limit
    for (char& c : big) c = static_cast<char>(random());
    auto failed = w->Write(Exchange("http://a.test/2.html", big));
    std::ofstream(path_file) << w->files().back();
    _exit(failed ? 4 : 0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  std::string file = testing_support::ReadFileOrFail(path_file) + ".open";
  auto members = ReadMembers(file);  // fails on a cut member
  ASSERT_EQ(members.size(), 3u);     // warcinfo, the first response and its request
  EXPECT_EQ(Header(members[1], "WARC-Target-URI"), "http://a.test/1.html");
}

// Issue #13 point 7: the directory is created when missing, as wget --warc-file creates its file.
TEST_F(WarcWriterTest, CreatesAMissingDirectory) {
  WarcWriterOptions o = Options();
  o.directory = dir_ + "/new/warc";
  auto w = WarcWriter::Open(o);
  ASSERT_OK(w);
  EXPECT_TRUE(std::filesystem::is_directory(o.directory));
}

// Issue #17 point 4: a killed run leaves "*.warc.gz.open" files, one maybe empty, one ending
// in a cut record. The next writer finishes them: cut to whole members and renamed, or removed.
TEST_F(WarcWriterTest, FinishesFilesAKilledRunLeftOpen) {
  std::string left;
  {
    auto w = WarcWriter::Open(Options());
    ASSERT_OK(w);
    ASSERT_OK(w->Write(Exchange("http://a.test/1.html", "<html>first</html>")));
    left = w->files().back() + ".open";
    std::string whole = testing_support::ReadFileOrFail(left);
    // As a kill leaves it: the file still open, its last record cut in half.
    std::filesystem::copy_file(left, dir_ + "/x.bak");
    ASSERT_OK(w->Write(Exchange("http://a.test/2.html", std::string(5000, 'y'))));
    ASSERT_OK(w->Close());
    std::string two = testing_support::ReadFileOrFail(w->files().back());
    std::ofstream(left, std::ios::binary)
        << two.substr(0, whole.size() + (two.size() - whole.size()) / 2);
    std::filesystem::remove(w->files().back());
  }
  std::ofstream(dir_ + "/empty.warc.gz.open").close();
  WarcRecovery recovery;
  auto w = WarcWriter::Open(Options(), &recovery);
  ASSERT_OK(w);
  ASSERT_EQ(recovery.finished.size(), 1u);
  EXPECT_EQ(recovery.finished[0] + ".open", left);
  ASSERT_EQ(recovery.removed.size(), 1u);
  EXPECT_FALSE(std::filesystem::exists(left));
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/empty.warc.gz.open"));
  auto members = ReadMembers(recovery.finished[0]);  // whole members only
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(Header(members[1], "WARC-Target-URI"), "http://a.test/1.html");
}

// WARC 1.1 §6.7.2: identical-payload-digest revisit profile.
TEST_F(WarcWriterTest, IdenticalPayloadBecomesARevisitRecord) {
  auto w = WarcWriter::Open(Options());
  ASSERT_OK(w);
  ASSERT_OK(w->Write(Exchange("http://a.test/1.html", "same bytes")));
  auto second = w->Write(Exchange("http://a.test/1.html?again", "same bytes"));
  ASSERT_OK(second);
  EXPECT_TRUE(second->revisit);
  ASSERT_OK(w->Close());
  auto members = ReadMembers(w->files().back());
  ASSERT_EQ(members.size(), 5u);
  EXPECT_EQ(Header(members[3], "WARC-Type"), "revisit");
  EXPECT_EQ(Header(members[3], "WARC-Refers-To-Target-URI"), "http://a.test/1.html");
  EXPECT_EQ(Header(members[3], "WARC-Profile"),
            "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest");
}

TEST_F(WarcWriterTest, TruncatedPayloadIsMarkedAndNeverARevisitSource) {
  auto w = WarcWriter::Open(Options());
  ASSERT_OK(w);
  WarcExchange cut = Exchange("http://a.test/sitemap.xml", "first 50 MB of it");
  cut.truncated = true;
  ASSERT_OK(w->Write(cut));
  auto again = w->Write(Exchange("http://a.test/other", "first 50 MB of it"));
  ASSERT_OK(again);
  EXPECT_FALSE(again->revisit);  // a cut payload cannot stand in for a whole one
  ASSERT_OK(w->Close());
  auto members = ReadMembers(w->files().back());
  ASSERT_EQ(members.size(), 5u);
  EXPECT_EQ(Header(members[1], "WARC-Truncated"), "length");
  EXPECT_EQ(Header(members[3], "WARC-Truncated"), "");
}

TEST_F(WarcWriterTest, RotatesFilesAtTheSizeLimitWithWarcinfoInEach) {
  WarcWriterOptions o = Options();
  o.max_file_bytes = 1;  // every record after the first starts a new file
  auto w = WarcWriter::Open(o);
  ASSERT_OK(w);
  for (int i = 0; i < 3; ++i) {
    ASSERT_OK(w->Write(Exchange("http://a.test/" + std::to_string(i), "p" + std::to_string(i))));
  }
  ASSERT_OK(w->Close());
  EXPECT_EQ(w->files().size(), 3u);
  for (const auto& f : w->files()) {
    auto members = ReadMembers(f);
    ASSERT_FALSE(members.empty());
    EXPECT_EQ(Header(members[0], "WARC-Type"), "warcinfo") << f;
  }
}

TEST_F(WarcWriterTest, DirectoryThatCannotBeMadeIsAnIoError) {
  WarcWriterOptions o = Options();
  std::ofstream(dir_ + "/a-file") << "x";
  o.directory = dir_ + "/a-file/warcs";  // under a regular file: no directory can be made
  auto w = WarcWriter::Open(o);
  EXPECT_ERROR_CODE(w, kIo);
  if (!w) {
    EXPECT_NE(w.error().message.find("a-file/warcs"), std::string::npos);
  }
}

// Issue #15 point 5: WARC 1.1 §5.6 and §5.13 want URIs; a URL with raw non-ASCII bytes (UTF-8
// or GBK from a page's link) is written percent-encoded, in a revisit's
// WARC-Refers-To-Target-URI too, and the result gives the record's extent for a CDXJ index.
TEST_F(WarcWriterTest, NonAsciiTargetUrisArePercentEncodedInResponsesAndRevisits) {
  auto w = WarcWriter::Open(Options());
  ASSERT_OK(w);
  auto first = w->Write(Exchange("http://a.test/新闻/1.html?lb=\xBB\xE1", "<html>同一正文</html>"));
  ASSERT_OK(first);
  auto again = w->Write(Exchange("http://a.test/新闻/2.html", "<html>同一正文</html>"));
  ASSERT_OK(again);
  ASSERT_OK(w->Close());
  EXPECT_EQ(first->target_uri, "http://a.test/%E6%96%B0%E9%97%BB/1.html?lb=%BB%E1");
  EXPECT_TRUE(again->revisit);

  auto reader = WarcReader::Open(w->files().back());
  ASSERT_OK(reader);
  std::vector<WarcRecord> records;
  while (auto record = reader->Next()) records.push_back(std::move(*record));
  EXPECT_TRUE(reader->damage().empty());
  ASSERT_EQ(records.size(), 5u);  // warcinfo, response, request, revisit, request
  EXPECT_EQ(records[1].TargetUri(), first->target_uri);
  EXPECT_EQ(records[2].TargetUri(), first->target_uri);
  EXPECT_EQ(records[3].Type(), "revisit");
  EXPECT_EQ(records[3].TargetUri(), "http://a.test/%E6%96%B0%E9%97%BB/2.html");
  EXPECT_EQ(records[3].Header("warc-refers-to-target-uri"), first->target_uri);
  EXPECT_EQ(records[3].offset, again->offset);
  // The record's member ends where the next (its request) starts.
  EXPECT_EQ(again->offset + again->length, records[4].offset);
  EXPECT_EQ(first->offset + first->length, records[2].offset);
}

// Round trip through warcio.js, an independent reader: every record parses, every digest
// recomputes, and it builds a CDXJ index.
TEST_F(WarcWriterTest, IndependentReaderParsesRecordsAndAgreesOnDigests) {
  std::string tools = testing_support::SourceDir() + "/tools/warc";
  if (!std::filesystem::exists(tools + "/node_modules/warcio")) {
    GTEST_FAIL() << "warcio.js missing: run scripts/setup.sh";
  }
  auto w = WarcWriter::Open(Options());
  ASSERT_OK(w);
  ASSERT_OK(w->Write(Exchange("http://a.test/1.html", "<html>一</html>")));
  ASSERT_OK(w->Write(Exchange("http://a.test/2.html", std::string(100000, 'x'))));
  ASSERT_OK(w->Write(Exchange("http://a.test/1.html", "<html>一</html>")));  // revisit
  ASSERT_OK(w->Close());
  std::string file = w->files().back();
  auto verify = testing_support::RunProcess({"node", tools + "/verify_warc.mjs", file});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("\"type\":\"revisit\""), std::string::npos) << verify.out;
  auto cdx = testing_support::RunProcess(
      {"node", tools + "/node_modules/warcio/dist/cli.js", "cdx-index", file});
  EXPECT_EQ(cdx.exit_code, 0) << cdx.err;
  EXPECT_NE(cdx.out.find("http://a.test/2.html"), std::string::npos) << cdx.out;
}

}  // namespace
}  // namespace storage
