#include "storage/wacz_writer.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "storage/warc_reader.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"
#include "util/sha256.h"

namespace storage {
namespace {

struct ZipEntry {
  std::string name;
  uint16_t method = 0xFFFF;
  std::string data;
};

// Reads a ZIP back with libzip: every entry's name, compression method and bytes.
std::vector<ZipEntry> ReadZip(const std::string& path) {
  std::vector<ZipEntry> entries;
  int code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  EXPECT_NE(archive, nullptr) << "libzip error " << code;
  if (archive == nullptr) return entries;
  zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    EXPECT_EQ(zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st), 0);
    ZipEntry entry{st.name, st.comp_method, std::string(st.size, '\0')};
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    EXPECT_NE(file, nullptr);
    if (file != nullptr) {
      EXPECT_EQ(zip_fread(file, entry.data.data(), st.size), static_cast<zip_int64_t>(st.size));
      zip_fclose(file);
    }
    entries.push_back(std::move(entry));
  }
  zip_discard(archive);
  return entries;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

constexpr const char* kGbUrl = "http://www.a.test/新闻/1.html";
constexpr const char* kGbUri = "http://www.a.test/%E6%96%B0%E9%97%BB/1.html";

class WaczWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir();
    db_ = dir_ + "/archive.db";
    out_ = dir_ + "/out/out.wacz";
    std::filesystem::create_directories(dir_ + "/out");
    auto archive = Archive::Open(db_, {.create_if_missing = true});
    ASSERT_OK(archive);
    // A GB2312 article under a URL with raw UTF-8 in its path.
    PageRecord first =
        testing::MakeRecord(kGbUrl, "商会召开会员大会", "会长在讲话中强调。", 1'714'550'400);
    first.body = std::string("<html><head><meta charset=gb2312><title>\xC9\xCC\xBB\xE1</title>");
    ASSERT_OK(archive->RecordPage(first));
    // The same payload fetched later under another URL: a revisit.
    PageRecord copy = first;
    copy.url = "http://www.a.test/copy.html?b=2&a=1";
    copy.final_url.reset();
    copy.article.reset();
    copy.started_at = copy.fetched_at = testing::At(1'714'550'500);
    ASSERT_OK(archive->RecordPage(copy));
    // A redirect, a 404 and another site's article.
    PageRecord redirect = testing::MakeRecord("http://www.a.test/old", "", "", 1'714'550'450);
    redirect.article.reset();
    redirect.body.reset();
    redirect.status = 301;
    redirect.outcome = "redirect";
    redirect.final_url = kGbUrl;
    ASSERT_OK(archive->RecordPage(redirect));
    PageRecord missing = redirect;
    missing.url = "http://www.a.test/missing";
    missing.status = 404;
    missing.outcome = "http_error";
    missing.final_url.reset();
    ASSERT_OK(archive->RecordPage(missing));
    ASSERT_OK(archive->RecordPage(
        testing::MakeRecord("http://b.test/2.html", "第二篇", "正文", 1'714'550'300)));
  }

  WaczOptions Options() {
    WaczOptions o;
    o.software = "newsarc test";
    o.title = "test archive";
    o.description = "for tests";
    return o;
  }

  std::map<std::string, ZipEntry> Write(const WaczOptions& options, WaczSummary* summary) {
    auto archive = Archive::Open(db_, {.read_only = true});
    EXPECT_TRUE(archive.has_value());
    auto written = WriteWacz(*archive, out_, options);
    EXPECT_TRUE(written.has_value()) << written.error().message;
    if (written && summary != nullptr) *summary = *written;
    std::map<std::string, ZipEntry> entries;
    for (auto& entry : ReadZip(out_)) entries[entry.name] = entry;
    return entries;
  }

  std::string dir_;
  std::string db_;
  std::string out_;
};

// WACZ 1.1.1: the five kinds of files, stored (not deflated) so replay tools can seek into them;
// datapackage.json lists each file with its SHA-256 and size; datapackage-digest.json hashes it.
TEST_F(WaczWriterTest, PackageHoldsStoredEntriesWhoseHashesMatchTheDatapackage) {
  WaczSummary summary;
  auto entries = Write(Options(), &summary);
  EXPECT_EQ(summary.responses, 3);  // two articles' pages and the redirect
  EXPECT_EQ(summary.revisits, 1);
  EXPECT_EQ(summary.pages, 2);
  EXPECT_EQ(summary.bytes, std::filesystem::file_size(out_));
  ASSERT_EQ(entries.size(), 5u);
  for (const auto& [name, entry] : entries) EXPECT_EQ(entry.method, ZIP_CM_STORE) << name;
  ASSERT_TRUE(entries.count("indexes/index.cdxj"));
  ASSERT_TRUE(entries.count("pages/pages.jsonl"));
  ASSERT_TRUE(entries.count("datapackage.json"));
  ASSERT_TRUE(entries.count("datapackage-digest.json"));

  auto package = nlohmann::json::parse(entries["datapackage.json"].data);
  EXPECT_EQ(package["profile"], "data-package");
  EXPECT_EQ(package["wacz_version"], "1.1.1");
  EXPECT_EQ(package["software"], "newsarc test");
  EXPECT_EQ(package["title"], "test archive");
  EXPECT_TRUE(package.contains("created"));
  ASSERT_EQ(package["resources"].size(), 3u);
  for (const auto& resource : package["resources"]) {
    std::string path = resource["path"];
    ASSERT_TRUE(entries.count(path)) << path;
    EXPECT_EQ(resource["hash"], "sha256:" + util::Sha256Hex(entries[path].data)) << path;
    EXPECT_EQ(resource["bytes"], entries[path].data.size()) << path;
    EXPECT_EQ(resource["name"], std::filesystem::path(path).filename().string());
  }
  EXPECT_EQ(std::string(package["resources"][0]["path"]).rfind("archive/", 0), 0u);
  EXPECT_TRUE(std::string(package["resources"][0]["path"]).ends_with(".warc.gz"));

  auto digest = nlohmann::json::parse(entries["datapackage-digest.json"].data);
  EXPECT_EQ(digest["path"], "datapackage.json");
  EXPECT_EQ(digest["hash"], "sha256:" + util::Sha256Hex(entries["datapackage.json"].data));
  // Nothing left beside the output: the temporary folder is gone.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_ + "/out"), {}), 1);
}

// WACZ 1.1.1 pages.jsonl: a header line, then one page per article with its title and text,
// at the time of its capture, its URL as in the WARC (percent-encoded).
TEST_F(WaczWriterTest, PagesListEachArticleWithTitleAndText) {
  auto entries = Write(Options(), nullptr);
  auto lines = Lines(entries["pages/pages.jsonl"].data);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(
      nlohmann::json::parse(lines[0]),
      nlohmann::json::parse(R"({"format":"json-pages-1.0","id":"pages","title":"All Pages"})"));
  // Export order: by site (b.test before www.a.test), published date, URL.
  EXPECT_EQ(nlohmann::json::parse(lines[1])["url"], "http://b.test/2.html");
  auto page = nlohmann::json::parse(lines[2]);
  EXPECT_EQ(page["url"], kGbUri);
  EXPECT_EQ(page["ts"], "2024-05-01T08:00:00Z");
  EXPECT_EQ(page["title"], "商会召开会员大会");
  EXPECT_EQ(page["text"], "会长在讲话中强调。");
  EXPECT_FALSE(std::string(page["id"]).empty());
}

// CDXJ: SURT-keyed lines in bytewise order, each locating its record in the WARC; the WARC read
// back with newsarc's reader has the revisit's WARC-Refers-To-Target-URI percent-encoded.
TEST_F(WaczWriterTest, IndexLocatesEachRecordOfTheWarc) {
  auto entries = Write(Options(), nullptr);
  auto lines = Lines(entries["indexes/index.cdxj"].data);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_TRUE(std::is_sorted(lines.begin(), lines.end()));
  auto key = [&lines](size_t i) { return lines[i].substr(0, lines[i].find(" {")); };
  EXPECT_EQ(key(0), "test,a)/%e6%96%b0%e9%97%bb/1.html 20240501080000");
  EXPECT_EQ(key(1), "test,a)/copy.html?a=1&b=2 20240501080140");
  EXPECT_EQ(key(2), "test,a)/old 20240501080050");
  EXPECT_EQ(key(3), "test,b)/2.html 20240501075820");

  std::string warc_name;
  for (const auto& [name, entry] : entries) {
    if (name.starts_with("archive/")) warc_name = name;
  }
  std::string warc_path = dir_ + "/x.warc.gz";
  std::ofstream(warc_path, std::ios::binary) << entries[warc_name].data;
  auto reader = WarcReader::Open(warc_path);
  ASSERT_OK(reader);
  std::map<uint64_t, WarcRecord> by_offset;
  while (auto record = reader->Next()) by_offset[record->offset] = *record;
  EXPECT_TRUE(reader->damage().empty());

  for (const auto& line : lines) {
    auto fields = nlohmann::json::parse(line.substr(line.find(" {") + 1));
    EXPECT_EQ("archive/" + std::string(fields["filename"]), warc_name);
    uint64_t offset = std::stoull(std::string(fields["offset"]));
    ASSERT_TRUE(by_offset.count(offset)) << line;
    const WarcRecord& record = by_offset[offset];
    EXPECT_EQ(record.TargetUri(), fields["url"]) << line;
    EXPECT_EQ(record.Header("warc-payload-digest"), fields["digest"]) << line;
    // The record's gzip member ends where the next one starts (or the file ends).
    auto next = by_offset.upper_bound(offset);
    uint64_t end = next == by_offset.end() ? entries[warc_name].data.size() : next->first;
    EXPECT_EQ(std::stoull(std::string(fields["length"])), end - offset) << line;
    auto http = ParseHttpResponse(record.block);
    ASSERT_TRUE(http.has_value()) << line;
    EXPECT_EQ(std::to_string(http->status), fields["status"]) << line;
  }
  auto fields_of = [&lines](size_t i) {
    return nlohmann::json::parse(lines[i].substr(lines[i].find(" {") + 1));
  };
  auto revisit = fields_of(1);
  EXPECT_EQ(revisit["mime"], "warc/revisit");
  const WarcRecord& record = by_offset[std::stoull(std::string(revisit["offset"]))];
  EXPECT_EQ(record.Type(), "revisit");
  EXPECT_EQ(record.Header("warc-refers-to-target-uri"), kGbUri);
  EXPECT_EQ(record.Header("warc-refers-to-date"), "2024-05-01T08:00:00Z");
  auto original = fields_of(0);
  EXPECT_EQ(original["mime"], "text/html");
  auto page = ParseHttpResponse(by_offset[std::stoull(std::string(original["offset"]))].block);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->HeaderValue("Content-Type"), "text/html; charset=gb2312");
  EXPECT_EQ(page->body.find("<meta charset=gb2312>"), 12u);
  auto moved = ParseHttpResponse(by_offset[std::stoull(std::string(fields_of(2)["offset"]))].block);
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->status, 301);
  EXPECT_EQ(moved->HeaderValue("Location"), kGbUri);

  // warcio.js, an independent reader, parses every record and recomputes its digests.
  std::string tools = testing_support::SourceDir() + "/tools/warc";
  auto verify = testing_support::RunProcess({"node", tools + "/verify_warc.mjs", warc_path});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find(std::string("\"refers_to\":\"") + kGbUri + "\""), std::string::npos)
      << verify.out;
}

TEST_F(WaczWriterTest, SiteSelectsOneHostsCapturesAndPages) {
  WaczOptions options = Options();
  options.site = "b.test";
  WaczSummary summary;
  auto entries = Write(options, &summary);
  EXPECT_EQ(summary.responses, 1);
  EXPECT_EQ(summary.revisits, 0);
  EXPECT_EQ(Lines(entries["indexes/index.cdxj"].data).size(), 1u);
  auto pages = Lines(entries["pages/pages.jsonl"].data);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_NE(pages[1].find("http://b.test/2.html"), std::string::npos);
}

TEST_F(WaczWriterTest, UnwritableOutputIsAnIoErrorAndWritesNothing) {
  auto archive = Archive::Open(db_, {.read_only = true});
  ASSERT_OK(archive);
  auto missing_dir = WriteWacz(*archive, dir_ + "/no/such/dir/out.wacz", Options());
  EXPECT_ERROR_CODE(missing_dir, kIo);
  if (!missing_dir) {
    EXPECT_NE(missing_dir.error().message.find("no/such/dir/out.wacz"), std::string::npos);
  }
  auto directory = WriteWacz(*archive, dir_, Options());
  EXPECT_ERROR_CODE(directory, kIo);
}

}  // namespace
}  // namespace storage
