#include "cli/warc_import.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "tests/support/fixture_server_response.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace cli {
namespace {

std::string Chunked(const std::string& body) {
  std::string out;
  for (size_t i = 0; i < body.size(); i += 100) {
    std::string part = body.substr(i, 100);
    char size[16];
    std::snprintf(size, sizeof size, "%zx", part.size());
    out += std::string(size) + "\r\n" + part + "\r\n";
  }
  return out + "0\r\n\r\n";
}

// A WARC record as wget 1.21 and Heritrix 3 write them (WARC/1.0, bare target URI).
std::string Record(const std::string& type, const std::string& uri, const std::string& block,
                   const std::string& id, const std::string& extra = "",
                   const std::string& date = "2013-07-24T02:54:39Z") {
  std::string head = "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:" + id +
                     ">\r\nWARC-Date: " + date + "\r\n";
  if (!uri.empty()) head += "WARC-Target-URI: " + uri + "\r\n";
  return head + extra + "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block +
         "\r\n\r\n";
}

storage::WarcRecord Parsed(const std::string& type, const std::string& uri,
                           const std::string& block, const std::string& id = "1") {
  storage::WarcRecord r;
  r.version = "WARC/1.0";
  r.headers["warc-type"] = type;
  r.headers["warc-target-uri"] = uri;
  r.headers["warc-record-id"] = "<urn:uuid:" + id + ">";
  r.headers["warc-date"] = "2013-07-24T02:54:39Z";
  r.block = block;
  return r;
}

// The seed article page (GB2312, an article of the kind newsarc archives).
std::string SeedPage() {
  return testing_support::ReadFileOrFail(testing_support::TestDataDir() +
                                         "/extract/yushang-article.html");
}

TEST(PageFromWarcRecord, GzipAndChunkedResponseIsDecodedWithItsHeaders) {
  std::string html = "<html><body><p>你好</p></body></html>";
  std::string block =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n"
      "Transfer-Encoding: chunked\r\nETag: \"abc\"\r\nLast-Modified: Wed, 24 Jul 2013 02:54:39 "
      "GMT\r\n\r\n" +
      Chunked(testing_support::GzipCompress(html));
  WarcPage p =
      PageFromWarcRecord(Parsed("response", "HTTP://Example.ORG:80/a/../news.htm#x", block), {});
  ASSERT_TRUE(p.page) << p.skip;
  EXPECT_TRUE(p.extract);
  EXPECT_EQ(p.page->url, "http://example.org/news.htm");
  EXPECT_EQ(p.page->status, 200);
  EXPECT_EQ(p.page->outcome, "ok");
  EXPECT_EQ(p.page->body, html);
  EXPECT_EQ(p.page->etag, "\"abc\"");
  EXPECT_EQ(p.page->last_modified, "Wed, 24 Jul 2013 02:54:39 GMT");
  EXPECT_EQ(p.page->warc_record_id, "urn:uuid:1");
  EXPECT_EQ(p.page->fetched_at,
            std::chrono::system_clock::time_point(std::chrono::seconds(1374634479)));
}

TEST(PageFromWarcRecord, EachKindOfRecordBecomesTheRightOutcome) {
  struct Case {
    const char* name;
    storage::WarcRecord record;
    const char* skip;     // "" when archived
    const char* outcome;  // when archived
    bool has_body;
  };
  std::string gzip_bomb_head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n";
  WarcImportOptions small;
  small.max_body_bytes = 1000;
  std::vector<Case> cases = {
      {"request", Parsed("request", "http://a.org/", "GET / HTTP/1.1\r\n\r\n"), "other_record", "",
       false},
      {"warcinfo", Parsed("warcinfo", "", "software: wget\r\n"), "other_record", "", false},
      {"metadata", Parsed("metadata", "http://a.org/", "outlinks: x\r\n"), "other_record", "",
       false},
      {"dns", Parsed("response", "dns:a.org", "20130724025439\na.org. 300 IN A 1.2.3.4\n"),
       "not_http", "", false},
      {"image",
       Parsed("response", "http://a.org/x.png",
              "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"),
       "not_html", "", false},
      {"not found", Parsed("response", "http://a.org/gone", "HTTP/1.1 404 Not Found\r\n\r\nno"), "",
       "http_error", false},
      {"redirect",
       Parsed("response", "http://a.org/old", "HTTP/1.1 301 Moved\r\nLocation: /new\r\n\r\n"), "",
       "redirect", false},
      {"revisit",
       Parsed("revisit", "http://a.org/p", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"),
       "", "not_modified", false},
      {"no content type",
       Parsed("response", "http://a.org/p", "HTTP/1.0 200 OK\r\n\r\n<p>old server</p>"), "", "ok",
       true},
      {"corrupt gzip", Parsed("response", "http://a.org/p", gzip_bomb_head + "not gzip at all"), "",
       "network", false},
  };
  for (const Case& c : cases) {
    WarcPage p = PageFromWarcRecord(c.record, {});
    EXPECT_EQ(p.skip, c.skip) << c.name;
    EXPECT_EQ(p.page.has_value(), std::string(c.skip).empty()) << c.name;
    if (!p.page) continue;
    EXPECT_EQ(p.page->outcome, c.outcome) << c.name;
    EXPECT_EQ(p.page->body.has_value(), c.has_body) << c.name;
    EXPECT_EQ(p.extract, c.has_body) << c.name;
  }
  // A gzip bomb stops at the cap on decoded bytes.
  WarcPage bomb = PageFromWarcRecord(
      Parsed("response", "http://a.org/bomb",
             gzip_bomb_head + testing_support::GzipCompress(std::string(100000, 'a'))),
      small);
  ASSERT_TRUE(bomb.page);
  EXPECT_EQ(bomb.page->outcome, "too_large");
  EXPECT_FALSE(bomb.page->body);
  // The redirect's target is resolved against the record's URI.
  WarcPage moved = PageFromWarcRecord(cases[6].record, {});
  EXPECT_EQ(moved.page->final_url, "http://a.org/new");
  // --site keeps one host.
  WarcImportOptions one_site;
  one_site.site = "b.org";
  EXPECT_EQ(PageFromWarcRecord(cases[8].record, one_site).skip, "other_site");
}

class WarcImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir();
    auto archive = storage::Archive::Open(":memory:", {.create_if_missing = true});
    ASSERT_TRUE(archive) << archive.error().message;
    archive_.emplace(std::move(*archive));
  }

  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  int64_t Count(const std::string& sql) {
    auto stmt = storage::Statement::Prepare(archive_->db(), sql);
    EXPECT_TRUE(stmt);
    auto row = stmt->Step();
    EXPECT_TRUE(row && *row);
    return stmt->Int(0);
  }

  std::string dir_;
  std::optional<storage::Archive> archive_;
};

TEST_F(WarcImportTest, WgetStyleFileGivesTheArticleAndASecondImportAddsNothing) {
  std::string url = "http://www.gzysw.org/news/show.asp?id=1";
  std::string response =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" +
      Chunked(SeedPage());
  std::string file =
      Record("warcinfo", "", "software: Wget/1.21.3\r\nformat: WARC File Format 1.0\r\n", "w") +
      Record("request", url, "GET /news/show.asp?id=1 HTTP/1.1\r\n\r\n", "q1") +
      Record("response", url, response, "r1", "WARC-Concurrent-To: <urn:uuid:q1>\r\n") +
      Record("response", "http://www.gzysw.org/logo.png",
             "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG", "r2") +
      Record("metadata", "metadata://gnu.org/software/wget/warc/wget_arguments.txt", "-r\n", "m");
  std::string path = Write("wget.warc", file);

  WarcImporter importer(*archive_, {});
  ASSERT_OK(importer.ImportFile(path));
  const WarcImportCounts& counts = importer.counts();
  EXPECT_EQ(counts.records, 5);
  EXPECT_EQ(counts.pages, 1);
  EXPECT_EQ(counts.articles_new, 1);
  EXPECT_EQ(counts.not_html, 1);
  EXPECT_EQ(counts.other_records, 3);
  EXPECT_EQ(counts.damaged, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM articles WHERE url = '" + url +
                  "' AND title = '精心谋划大招商 全力以赴办盛会'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM fetches WHERE warc_record_id = 'urn:uuid:r1' AND "
                  "capture_id IS NOT NULL AND started_at = '2013-07-24T02:54:39Z'"),
            1);

  WarcImporter second(*archive_, {});
  ASSERT_OK(second.ImportFile(path));
  const WarcImportCounts& again = second.counts();
  EXPECT_EQ(again.pages, 0);
  EXPECT_EQ(again.already_imported, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM fetches"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM article_versions"), 1);
}

TEST_F(WarcImportTest, HeritrixStyleGzipRecordsWithDnsAndARevisit) {
  std::string url = "http://www.gzysw.org/news/show.asp?id=1";
  std::string file =
      testing_support::GzipCompress(Record("warcinfo", "", "software: Heritrix/3.4.0\r\n", "w")) +
      testing_support::GzipCompress(Record("response", "dns:www.gzysw.org",
                                           "20130724025439\nwww.gzysw.org. 300 IN A 1.2.3.4\n",
                                           "d")) +
      testing_support::GzipCompress(
          Record("response", url,
                 "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=gb2312\r\n\r\n" + SeedPage(),
                 "r1")) +
      testing_support::GzipCompress(
          Record("request", url, "GET /news/show.asp?id=1 HTTP/1.1\r\n\r\n", "q1")) +
      testing_support::GzipCompress(Record(
          "revisit", url, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", "v1",
          "WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n"
          "WARC-Date: 2013-08-01T00:00:00Z\r\n"));
  WarcImporter importer(*archive_, {});
  ASSERT_OK(importer.ImportFile(Write("heritrix.warc.gz", file)));
  const WarcImportCounts& counts = importer.counts();
  EXPECT_EQ(counts.pages, 2);  // the response and the revisit
  EXPECT_EQ(counts.articles_new, 1);
  EXPECT_EQ(counts.articles_unchanged, 1);  // the revisit refreshed it
  EXPECT_EQ(Count("SELECT count(*) FROM fetches WHERE outcome = 'not_modified'"), 1);
  EXPECT_EQ(Count("SELECT version FROM articles"), 1);
}

TEST_F(WarcImportTest, DamagedRecordsAreSkippedAndTheOthersImported) {
  std::string page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + SeedPage();
  std::string good1 =
      testing_support::GzipCompress(Record("response", "http://a.org/1", page, "1"));
  std::string good2 =
      testing_support::GzipCompress(Record("response", "http://a.org/2", page, "2"));
  std::string bad =
      testing_support::GzipCompress(Record("response", "http://a.org/bad", page, "3"));
  bad[bad.size() / 2] ^= 0x5a;  // corrupt the member's deflate stream
  std::string truncated =
      testing_support::GzipCompress(Record("response", "http://a.org/cut", page, "4"));
  truncated.resize(truncated.size() / 3);
  WarcImporter importer(*archive_, {});
  ASSERT_OK(importer.ImportFile(Write("damaged.warc.gz", good1 + bad + good2 + truncated)));
  const WarcImportCounts& counts = importer.counts();
  EXPECT_EQ(counts.pages, 2);
  EXPECT_GE(counts.damaged, 2);
  EXPECT_EQ(Count("SELECT count(*) FROM fetches WHERE url IN ('http://a.org/1', "
                  "'http://a.org/2')"),
            2);
}

TEST_F(WarcImportTest, AMultiPageArticleBecomesOneArticle) {
  auto html = [](const std::string& text, const std::string& pager) {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
           "<html><head><title>商会年会召开</title></head><body><div class=\"article\">"
           "<h1>商会年会召开</h1><p>日期：2021-03-05</p><div class=\"content\"><p>" +
           text + "</p></div>" + pager + "</div></body></html>";
  };
  std::string sentence =
      "会议听取了理事会工作报告，审议通过了财务报告和章程修正案，选举产生了新一届理事会。";
  std::string text = sentence + "</p><p>" + sentence + "</p><p>" + sentence + "</p><p>" + sentence;
  std::string file =
      Record("response", "http://a.org/n/1.html",
             html("第一页：" + text,
                  "<div class=\"pages\">1 <a href=\"1_2.html\">2</a> <a "
                  "href=\"1_2.html\">下一页</a></div>"),
             "p1") +
      Record("response", "http://a.org/n/1_2.html",
             html("第二页：" + text, "<div class=\"pages\"><a href=\"1.html\">1</a> 2</div>"),
             "p2");
  WarcImporter importer(*archive_, {});
  ASSERT_OK(importer.ImportFile(Write("pages.warc", file)));
  EXPECT_EQ(Count("SELECT count(*) FROM articles"), 0);  // waits for the last file
  ASSERT_OK(importer.Finish());
  EXPECT_EQ(importer.counts().pages, 2);
  EXPECT_EQ(importer.counts().articles_new, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM articles WHERE url = 'http://a.org/n/1.html' AND "
                  "body LIKE '%第一页%第二页%'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM articles"), 1);
}

// Regression: `import-warc NEW.warc OLD.warc` made the old capture the article's current version.
TEST_F(WarcImportTest, AnOlderCrawlImportedAfterANewerOneDoesNotRollTheArticleBack) {
  auto response = [](const std::string& text, const std::string& etag) {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nETag: " + etag +
           "\r\n\r\n<html><head><title>商会年会召开</title></head><body><div class=\"article\">"
           "<h1>商会年会召开</h1><p>日期：2021-03-05</p><div class=\"content\"><p>" +
           text + "</p></div></div></body></html>";
  };
  std::string sentence =
      "会议听取了理事会工作报告，审议通过了财务报告和章程修正案，选举产生了新一届理事会。";
  std::string text = sentence + "</p><p>" + sentence + "</p><p>" + sentence + "</p><p>" + sentence;
  std::string url = "http://a.org/n/1.html";
  std::string newer =
      Write("2022.warc", Record("response", url, response("更正：" + text, "\"v2\""), "new", "",
                                "2022-01-10T00:00:00Z"));
  std::string older =
      Write("2021.warc", Record("response", url, response("原文：" + text, "\"v1\""), "old", "",
                                "2021-03-05T00:00:00Z"));

  WarcImporter importer(*archive_, {});
  ASSERT_OK(importer.ImportFile(newer));  // the files in the order given: newest first
  ASSERT_OK(importer.ImportFile(older));
  ASSERT_OK(importer.Finish());
  EXPECT_EQ(importer.counts().articles_new, 1);
  EXPECT_EQ(importer.counts().articles_changed, 0);
  EXPECT_EQ(importer.counts().articles_older, 1);

  // Current: the 2022 text, version 2, last fetched in 2022, first seen in 2021.
  EXPECT_EQ(Count("SELECT count(*) FROM articles WHERE body LIKE '更正：%' AND version = 2 "
                  "AND last_fetched_at = '2022-01-10T00:00:00Z' "
                  "AND first_seen_at = '2021-03-05T00:00:00Z' AND etag = '\"v2\"'"),
            1);
  // History: both, in the order they were fetched.
  EXPECT_EQ(Count("SELECT count(*) FROM article_versions WHERE version = 1 "
                  "AND fetched_at = '2021-03-05T00:00:00Z' "
                  "AND json_extract(article, '$.body') LIKE '原文：%'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM article_versions WHERE version = 2 "
                  "AND fetched_at = '2022-01-10T00:00:00Z' "
                  "AND json_extract(article, '$.body') LIKE '更正：%'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM article_versions"), 2);
  auto validators = archive_->FindArticleValidators(url);
  ASSERT_OK(validators);
  ASSERT_TRUE(validators->has_value());
  EXPECT_EQ((*validators)->etag, "\"v2\"");

  // Importing both again, in either order, adds nothing.
  WarcImporter again(*archive_, {});
  ASSERT_OK(again.ImportFile(older));
  ASSERT_OK(again.ImportFile(newer));
  EXPECT_EQ(again.counts().already_imported, 2);
  EXPECT_EQ(Count("SELECT count(*) FROM article_versions"), 2);
}

// One gzip member of `head`, `zero_bytes` zero bytes, then `tail`, deflated piece by piece so
// that a member inflating to gigabytes is built in little memory.
std::string GzipMemberWithZeros(const std::string& head, uint64_t zero_bytes,
                                const std::string& tail) {
  z_stream z{};
  deflateInit2(&z, 1, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
  std::string out;
  char buffer[1 << 16];
  auto feed = [&](const char* data, size_t size, int flush) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
    z.avail_in = static_cast<uInt>(size);
    do {
      z.next_out = reinterpret_cast<Bytef*>(buffer);
      z.avail_out = sizeof buffer;
      deflate(&z, flush);
      out.append(buffer, sizeof buffer - z.avail_out);
    } while (z.avail_out == 0);
  };
  feed(head.data(), head.size(), Z_NO_FLUSH);
  const std::string zeros(1 << 20, '\0');
  for (uint64_t left = zero_bytes; left > 0;) {
    size_t n = static_cast<size_t>(std::min<uint64_t>(left, zeros.size()));
    feed(zeros.data(), n, Z_NO_FLUSH);
    left -= n;
  }
  feed(tail.data(), tail.size(), Z_FINISH);
  deflateEnd(&z);
  return out;
}

// Virtual memory of this process now, from /proc/self/status.
uint64_t VirtualMemoryBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmSize:", 0) == 0) return std::stoull(line.substr(7)) * 1024;
  }
  return 0;
}

// Issue #17 point 2: a 1 MB member whose response record inflates to 1 GiB, between two good
// records, imported in a child process that may map only 512 MiB more than it has (RLIMIT_AS
// on top of what ASan already reserved). Before, the reader held the whole record (and the
// import two more copies): the child ran out of memory and imported nothing.
TEST_F(WarcImportTest, ARecordInflatingFarOverTheCapCostsNoMemoryNorItsNeighbours) {
  constexpr uint64_t kInflatedBytes = uint64_t{1} << 30;
  constexpr uint64_t kHeadroomBytes = uint64_t{512} << 20;
  std::string page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + SeedPage();
  std::string http_head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
  std::string bomb_header =
      "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:bomb>\r\n"
      "WARC-Date: 2013-07-24T02:54:39Z\r\nWARC-Target-URI: http://a.org/bomb\r\n"
      "Content-Length: " +
      std::to_string(http_head.size() + kInflatedBytes) + "\r\n\r\n" + http_head;
  std::string file =
      testing_support::GzipCompress(Record("response", "http://a.org/1", page, "1")) +
      GzipMemberWithZeros(bomb_header, kInflatedBytes, "\r\n\r\n") +
      testing_support::GzipCompress(Record("response", "http://a.org/2", page, "2"));
  std::string path = Write("bomb.warc.gz", file);

  WarcImportOptions options;
  options.max_body_bytes = 1 << 20;
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    struct rlimit limit {};
    limit.rlim_cur = limit.rlim_max = VirtualMemoryBytes() + kHeadroomBytes;
    if (setrlimit(RLIMIT_AS, &limit) != 0) _exit(10);
    WarcImporter importer(*archive_, options);
    if (!importer.ImportFile(path)) _exit(11);
    const WarcImportCounts& counts = importer.counts();
    if (counts.records != 3 || counts.pages != 3 || counts.articles_new != 2) _exit(12);
    if (counts.errors != 1 || counts.damaged != 0) _exit(13);
    if (Count("SELECT count(*) FROM fetches WHERE url = 'http://a.org/bomb' AND "
              "outcome = 'too_large' AND capture_id IS NULL") != 1) {
      _exit(14);
    }
    if (Count("SELECT count(*) FROM articles WHERE url IN ('http://a.org/1', "
              "'http://a.org/2')") != 2) {
      _exit(15);
    }
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status)) << "child killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// Issue #17 point 2: a record whose Content-Length is too long no longer swallows the next
// record (its header used to end up in this page's stored copy).
TEST_F(WarcImportTest, ARecordWithALyingContentLengthLeavesTheNextRecordWhole) {
  std::string page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + SeedPage();
  std::string liar = Record("response", "http://a.org/liar", page, "liar");
  std::string honest = "Content-Length: " + std::to_string(page.size());
  liar.replace(liar.find(honest), honest.size(),
               "Content-Length: " + std::to_string(page.size() + 100));
  std::string good1 = Record("response", "http://a.org/1", page, "1");
  std::string file = good1 + liar + Record("response", "http://a.org/2", page, "2");
  WarcImporter importer(*archive_, {});
  ASSERT_OK(importer.ImportFile(Write("liar.warc", file)));
  EXPECT_EQ(importer.counts().pages, 2);
  EXPECT_EQ(importer.counts().damaged, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM fetches WHERE url IN ('http://a.org/1', "
                  "'http://a.org/2')"),
            2);
  EXPECT_EQ(Count("SELECT count(*) FROM fetches WHERE url = 'http://a.org/liar'"), 0);
}

// Issue #17 point 4: a killed crawl leaves an empty "*.warc.gz.open"; `import-warc dir/*`
// skips it (and an empty .warc) with a warning naming it and imports the other files. A file
// that is not a WARC is unreadable input: exit 2 (README "Exit codes"), the others imported.
TEST(ImportWarcCommand, EmptyFilesAreSkippedWithAWarningAndTheOthersImported) {
  std::string dir = testing_support::MakeTempDir();
  std::string good = dir + "/good.warc";
  std::ofstream(good, std::ios::binary)
      << Record("response", "http://www.gzysw.org/news/show.asp?id=1",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + SeedPage(), "r1");
  std::string open_leftover = dir + "/crawl-00001.warc.gz.open";
  std::ofstream(open_leftover).close();
  std::string empty = dir + "/empty.warc";
  std::ofstream(empty).close();

  auto r = testing_support::RunNewsarc(
      {"import-warc", open_leftover, good, empty, "--db", dir + "/a.db", "--jobs", "1"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("crawl-00001.warc.gz.open"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty.warc"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("1 pages archived (1 new articles"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 empty files"), std::string::npos) << r.out;

  std::string junk = dir + "/junk.warc";
  std::ofstream(junk) << "<html>not a warc</html>";
  std::string other = dir + "/other.warc";
  std::ofstream(other, std::ios::binary)
      << Record("response", "http://www.gzysw.org/news/show.asp?id=2",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + SeedPage(), "r2");
  auto bad = testing_support::RunNewsarc(
      {"import-warc", junk, other, "--db", dir + "/a.db", "--jobs", "1"});
  EXPECT_EQ(bad.exit_code, 2) << bad.out << bad.err;
  EXPECT_NE(bad.err.find("junk.warc"), std::string::npos) << bad.err;
  EXPECT_NE(bad.out.find("1 pages archived"), std::string::npos) << bad.out;
}

TEST_F(WarcImportTest, NotAWarcFileIsAnErrorNamingIt) {
  WarcImporter importer(*archive_, {});
  auto r = importer.ImportFile(Write("x.warc", "<html>not a warc</html>"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("x.warc"), std::string::npos) << r.error().message;
  EXPECT_EQ(Count("SELECT count(*) FROM fetches"), 0);
}

}  // namespace
}  // namespace cli
