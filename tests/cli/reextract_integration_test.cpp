// `newsarc reextract` end to end: an archive whose articles were extracted by an older (here:
// deliberately wrong) extractor is improved from its stored captures, without any fetch.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "storage/archive.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace {

using storage::testing::At;
using storage::testing::MakeRecord;

std::string SeedPage() {
  return testing_support::ReadFileOrFail(testing_support::TestDataDir() +
                                         "/extract/yushang-article.html");
}

// Articles of the export (url → title), all versions when `all_versions`.
std::multimap<std::string, nlohmann::json> Exported(const std::string& db, bool all_versions) {
  std::vector<std::string> args = {"export", "--db", db};
  if (all_versions) {
    args.push_back("--versions");
    args.push_back("all");
  }
  auto r = testing_support::RunNewsarc(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::multimap<std::string, nlohmann::json> out;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    auto a = nlohmann::json::parse(line);
    out.emplace(a["url"].get<std::string>(), a);
  }
  return out;
}

TEST(ReextractCommand, ImprovesOldExtractionsFromCapturesAndOnlyOnce) {
  std::string dir = testing_support::MakeTempDir();
  std::string db = dir + "/archive.sqlite";
  const std::string stale = "http://www.gzysw.com/news/ShowNews.asp?id=1052";
  const std::string other_site = "http://other.example.org/news/1.htm";
  const std::string current = "http://www.gzysw.com/news/ShowNews.asp?id=7";
  const std::string not_article = "http://www.gzysw.com/news/list.asp";
  {
    auto archive = storage::Archive::Open(db, {.create_if_missing = true});
    ASSERT_OK(archive);
    // What an older extractor made of the seed page: a column name as title, a cut body.
    for (const std::string& url : {stale, other_site}) {
      storage::PageRecord old = MakeRecord(url, "新闻中心", "精心谋划大招商", 1'374'634'479);
      old.body = SeedPage();
      old.content_type = "text/html";
      ASSERT_OK(archive->RecordPage(old));
    }
    // An article whose stored extraction is what today's extractor gives: no new version.
    storage::PageRecord same = MakeRecord(current, "x", "y", 1'374'634'479);
    same.body = SeedPage();
    same.content_type = "text/html";
    auto extracted = testing_support::RunNewsarc(
        {"extract", testing_support::TestDataDir() + "/extract/yushang-article.html", "--url",
         current});
    ASSERT_EQ(extracted.exit_code, 0) << extracted.err;
    auto now = nlohmann::json::parse(extracted.out);
    same.article->title = now["title"].get<std::string>();
    same.article->body = now["body"].get<std::string>();
    same.article->content_sha256 = now["content_sha256"].get<std::string>();
    ASSERT_OK(archive->RecordPage(same));
    // A capture that no longer extracts as an article keeps its archived state.
    storage::PageRecord gone = MakeRecord(not_article, "旧标题", "旧的正文", 1'374'634'479);
    gone.body = "\x89PNG\r\n\x1a\n not a page";
    ASSERT_OK(archive->RecordPage(gone));
  }

  auto first = testing_support::RunNewsarc({"reextract", "--db", db, "--site", "www.gzysw.com"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("examined 3, new versions 1, unchanged 1, not re-extracted 1"),
            std::string::npos)
      << first.out;

  auto latest = Exported(db, false);
  ASSERT_EQ(latest.count(stale), 1u);
  EXPECT_EQ(latest.find(stale)->second["title"], "精心谋划大招商 全力以赴办盛会");
  EXPECT_GT(latest.find(stale)->second["body"].get<std::string>().size(), 500u);
  EXPECT_EQ(latest.find(other_site)->second["title"], "新闻中心");  // --site left it alone
  EXPECT_EQ(latest.find(not_article)->second["title"], "旧标题");
  auto all = Exported(db, true);
  EXPECT_EQ(all.count(stale), 2u);  // the old version is kept
  EXPECT_EQ(all.count(current), 1u);
  EXPECT_EQ(all.count(other_site), 1u);

  auto second = testing_support::RunNewsarc({"reextract", "--db", db});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("new versions 1, unchanged 2"), std::string::npos) << second.out;
  auto third = testing_support::RunNewsarc({"reextract", "--db", db});
  EXPECT_NE(third.out.find("new versions 0"), std::string::npos) << third.out;
  EXPECT_EQ(Exported(db, true).size(), all.size() + 1);  // only other_site's new version

  // Bad archives are usage errors and are left untouched.
  std::string junk = dir + "/junk.sqlite";
  std::ofstream(junk) << "not a database";
  auto bad = testing_support::RunNewsarc({"reextract", "--db", junk});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("junk.sqlite"), std::string::npos) << bad.err;
  EXPECT_EQ(testing_support::ReadFileOrFail(junk), "not a database");
}

// Issue #11: reextract reconsiders pages of every kind. A short notice an older extractor
// called `other` (its fetch has no article) is archived as an article once, with the kind and
// reason recorded on its fetch; a listing and a continuation page are not made articles.
TEST(ReextractCommand, ArchivesPagesOfOtherKindsThatAreArticlesNow) {
  std::string dir = testing_support::MakeTempDir();
  std::string db = dir + "/archive.sqlite";
  const std::string notice = "http://www.assoc.example/tzgg/202103/t20210305_1001.html";
  const std::string listing = "http://www.assoc.example/tzgg/";
  const std::string following = "http://www.assoc.example/news/7_2.html";
  const std::string notice_page =
      "<html><head><meta charset=utf-8><title>关于调整办公时间的通知</title></head><body>"
      "<h2>关于调整办公时间的通知</h2><div class=text><p>各会员单位：自下周一起，协会秘书处"
      "办公时间调整为上午9:00至12:00，下午13:30至17:30。节假日另行通知。如有急事，请拨打"
      "值班电话。</p><p>特此通知。</p></div></body></html>";
  std::string listing_page = "<html><head><title>通知公告</title></head><body><ul>";
  for (int i = 1; i <= 12; ++i) {
    listing_page += "<li><a href=\"/tzgg/" + std::to_string(i) + ".html\">关于开展第" +
                    std::to_string(i) + "批会员年度检查的通知</a> 2021-03-05</li>";
  }
  listing_page += "</ul><a href=?page=2>下一页</a></body></html>";
  {
    auto archive = storage::Archive::Open(db, {.create_if_missing = true});
    ASSERT_OK(archive);
    ASSERT_OK(
        archive->FrontierAdd({{0, notice, "www.assoc.example", 1, "article", 0, listing},
                              {0, listing, "www.assoc.example", 0, "seed", 0, {}},
                              {0, following, "www.assoc.example", 2, "continuation", 0, {}}}));
    int64_t t = 1'614'900'000;
    for (const auto& [url, body] : std::vector<std::pair<std::string, std::string>>{
             {notice, notice_page}, {listing, listing_page}, {following, notice_page + " "}}) {
      storage::PageRecord page = MakeRecord(url, "", "", t++);
      page.article.reset();
      page.body = body;
      page.content_type = "text/html";
      page.page_kind = "other";
      ASSERT_OK(archive->RecordPage(page));
    }
  }
  EXPECT_TRUE(Exported(db, false).empty());

  auto first = testing_support::RunNewsarc({"reextract", "--db", db});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("other pages examined 2, archived as new articles 1"), std::string::npos)
      << first.out;
  auto latest = Exported(db, false);
  ASSERT_EQ(latest.size(), 1u);
  ASSERT_EQ(latest.count(notice), 1u);
  EXPECT_EQ(latest.find(notice)->second["title"], "关于调整办公时间的通知");
  EXPECT_EQ(latest.find(notice)->second["published_date"], "2021-03-05");  // from its URL
  EXPECT_EQ(latest.find(notice)->second["first_seen_at"], "2021-03-04T23:20:00Z");

  {
    auto archive = storage::Archive::Open(db, {.read_only = true});
    ASSERT_OK(archive);
    auto stmt = storage::Statement::Prepare(
        archive->db(), "SELECT url, page_kind, kind_reason FROM fetches ORDER BY id");
    ASSERT_OK(stmt);
    std::map<std::string, std::pair<std::string, std::string>> kinds;
    while (stmt->Step().value_or(false)) kinds[stmt->Text(0)] = {stmt->Text(1), stmt->Text(2)};
    EXPECT_EQ(kinds[notice].first, "article");
    EXPECT_NE(kinds[notice].second.find("reached as an article link"), std::string::npos);
    EXPECT_EQ(kinds[listing].first, "listing");
    EXPECT_EQ(kinds[following].first, "other");  // never reconsidered
  }

  // Once archived, the notice is an article like the others: nothing new the second time.
  auto second = testing_support::RunNewsarc({"reextract", "--db", db});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("examined 1, new versions 0, unchanged 1"), std::string::npos)
      << second.out;
  EXPECT_NE(second.out.find("other pages examined 1, archived as new articles 0"),
            std::string::npos)
      << second.out;
}

}  // namespace
