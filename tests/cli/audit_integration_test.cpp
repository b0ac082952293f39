// `newsarc audit` end to end (issue #15): the binary run on an archive filled through the
// storage API as a crawl fills it. Two sections of a.cn: 新闻中心, one complete chain of three
// articles; 通知公告, two articles whose links lead to one page that failed (HTTP 500) and one
// robots.txt disallows, under a listing that prints 共 5 条.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "tests/storage/archive_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_util.h"

namespace {

using storage::testing::At;
using testing_support::RunNewsarc;

constexpr const char* kNews = "新闻中心";
constexpr const char* kNotices = "通知公告";
constexpr const char* kListUrl = "http://a.cn/tzgg/index.html";
constexpr const char* kFailedUrl = "http://a.cn/tzgg/12.html";
constexpr const char* kRobotsUrl = "http://a.cn/tzgg/14.html";

std::string News(int n) { return "http://a.cn/xwzx/" + std::to_string(n) + ".html"; }
std::string Notice(int n) { return "http://a.cn/tzgg/" + std::to_string(n) + ".html"; }

std::optional<extract::SiblingLink> Link(const std::optional<std::string>& url) {
  return extract::SiblingLink{url, url ? std::optional<std::string>("标题") : std::nullopt};
}

storage::PageRecord ArticlePage(int64_t run, int64_t at, const std::string& url,
                                const char* section, std::optional<std::string> prev,
                                std::optional<std::string> next, const std::string& date) {
  storage::PageRecord r = storage::testing::MakeRecord(url, "标题 " + url, "正文 " + url, at, date);
  r.run_id = run;
  r.article->section = section;
  r.article->prev = Link(prev);
  r.article->next = Link(next);
  r.page_kind = "article";
  r.kind_reason = "title, date and body";
  return r;
}

storage::FrontierRow Entry(const std::string& url, const std::string& kind,
                           std::optional<std::string> from) {
  storage::FrontierRow row;
  row.url = url;
  row.host = "a.cn";
  row.kind = kind;
  row.discovered_from = std::move(from);
  return row;
}

// Fills a fresh archive: the complete section always, the section with holes when asked.
void Fill(const std::string& db, bool with_holes) {
  auto archive = storage::Archive::Open(db, {.create_if_missing = true});
  ASSERT_OK(archive);
  auto run = archive->BeginRun("{}", At(1'714'550'400));
  ASSERT_OK(run);
  std::vector<storage::FrontierRow> entries = {Entry(News(1), "article", std::nullopt),
                                               Entry(News(2), "article", std::nullopt),
                                               Entry(News(3), "article", std::nullopt)};
  if (with_holes) {
    entries.push_back(Entry(kListUrl, "seed", std::nullopt));
    for (const std::string& url : {Notice(11), Notice(12), Notice(13), Notice(14)}) {
      entries.push_back(Entry(url, "article", kListUrl));
    }
  }
  ASSERT_OK(archive->FrontierAdd(entries, *run));
  auto taken = archive->FrontierTake("a.cn", 100, At(1'714'550'400));
  ASSERT_OK(taken);
  auto finish = [&](const std::string& url, storage::FrontierState state) {
    for (const auto& row : *taken) {
      if (row.url == url) {
        ASSERT_OK(archive->FrontierFinish(row.id, state));
        return;
      }
    }
    FAIL() << "not taken: " << url;
  };

  int64_t at = 1'714'550'500;
  // 新闻中心: 1 <-> 2 <-> 3, in January, February and March.
  ASSERT_OK(archive->RecordPage(
      ArticlePage(*run, at++, News(1), kNews, std::nullopt, News(2), "2024-01-10")));
  ASSERT_OK(
      archive->RecordPage(ArticlePage(*run, at++, News(2), kNews, News(1), News(3), "2024-02-10")));
  ASSERT_OK(archive->RecordPage(
      ArticlePage(*run, at++, News(3), kNews, News(2), std::nullopt, "2024-03-10")));
  for (int i = 1; i <= 3; ++i) finish(News(i), storage::FrontierState::kDone);
  if (!with_holes) return;

  storage::PageRecord list = storage::testing::MakeRecord(kListUrl, "", "", at++);
  list.run_id = *run;
  list.article.reset();
  list.body =
      "<html><body><ul><li>…</li></ul><div class=\"page\">共 5 条&nbsp;第1/1页</div>"
      "</body></html>";
  list.content_type = "text/html; charset=utf-8";
  list.page_kind = "listing";
  list.kind_reason = "4 article links";
  ASSERT_OK(archive->RecordPage(list));
  finish(kListUrl, storage::FrontierState::kDone);

  // 通知公告: 11 -> 12 (HTTP 500) <- 13 -> 14 (robots.txt).
  ASSERT_OK(archive->RecordPage(
      ArticlePage(*run, at++, Notice(11), kNotices, std::nullopt, Notice(12), "2024-05-06")));
  ASSERT_OK(archive->RecordPage(
      ArticlePage(*run, at++, Notice(13), kNotices, Notice(12), Notice(14), "2024-05-08")));
  finish(Notice(11), storage::FrontierState::kDone);
  finish(Notice(13), storage::FrontierState::kDone);

  storage::PageRecord failed = storage::testing::MakeRecord(kFailedUrl, "", "", at++);
  failed.run_id = *run;
  failed.article.reset();
  failed.body.reset();
  failed.status = 500;
  failed.outcome = "http_error";
  ASSERT_OK(archive->RecordPage(failed));
  finish(kFailedUrl, storage::FrontierState::kFailed);

  storage::PageRecord robots = storage::testing::MakeRecord(kRobotsUrl, "", "", at++);
  robots.run_id = *run;
  robots.article.reset();
  robots.body.reset();
  robots.status.reset();
  robots.outcome = "robots_disallowed";
  robots.error = "disallowed by robots.txt";
  ASSERT_OK(archive->RecordPage(robots));
  finish(kRobotsUrl, storage::FrontierState::kSkipped);
}

class AuditCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir();
    complete_ = dir_ + "/complete.db";
    holes_ = dir_ + "/holes.db";
    ASSERT_NO_FATAL_FAILURE(Fill(complete_, /*with_holes=*/false));
    ASSERT_NO_FATAL_FAILURE(Fill(holes_, /*with_holes=*/true));
  }

  std::string dir_;
  std::string complete_;
  std::string holes_;
};

TEST_F(AuditCommand, CompleteChainExitsZeroAndSaysSo) {
  auto r = RunNewsarc({"audit", "--db", complete_});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("a.cn: 3 articles in 1 section\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  section 新闻中心: 3 articles\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("    chains   1 (longest 3: " + News(1) + " ... " + News(3) + ")\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("    holes    0\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("    months   2024-01 to 2024-03, median 1 a month; no gaps\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("      2024  01:1  02:1  03:1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Complete: every previous/next link leads to an archived article."),
            std::string::npos)
      << r.out;

  auto quiet = RunNewsarc({"-q", "audit", "--db", complete_});
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.out, "");  // nothing wrong, nothing printed
}

TEST_F(AuditCommand, HolesAreListedWithWhyAndExitThree) {
  auto r = RunNewsarc({"audit", "--db", holes_});
  ASSERT_EQ(r.exit_code, 3) << r.out << r.err;
  const std::string& out = r.out;
  EXPECT_NE(out.find("a.cn: 5 articles in 2 sections\n"), std::string::npos) << out;
  EXPECT_NE(
      out.find("  listing  5 items, 1 page printed by " + std::string(kListUrl) + "; 5 archived\n"),
      std::string::npos)
      << out;
  EXPECT_NE(out.find("  section 通知公告: 2 articles\n"), std::string::npos) << out;
  EXPECT_NE(out.find("    holes    2\n"), std::string::npos) << out;
  EXPECT_NE(
      out.find("      " + std::string(kFailedUrl) +
               "  failed: gave up after 1 try: http_error 500  (next of " + Notice(11) + ")\n"),
      std::string::npos)
      << out;
  EXPECT_NE(out.find("      " + std::string(kRobotsUrl) +
                     "  refused: robots.txt disallows it  (next of " + Notice(13) + ")\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("    listing  5 items, 1 page printed by " + std::string(kListUrl) +
                     "; 2 archived: 3 missing\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("Incomplete: 2 holes"), std::string::npos) << out;
  // The complete section's lines are there too, without problems.
  EXPECT_NE(out.find("  section 新闻中心: 3 articles\n"), std::string::npos) << out;

  auto quiet = RunNewsarc({"-q", "audit", "--db", holes_});
  EXPECT_EQ(quiet.exit_code, 3);
  EXPECT_EQ(quiet.out.find("新闻中心"), std::string::npos) << quiet.out;
  EXPECT_NE(quiet.out.find("  section 通知公告: 2 articles\n"), std::string::npos) << quiet.out;
  EXPECT_NE(quiet.out.find(kFailedUrl), std::string::npos) << quiet.out;
  EXPECT_EQ(quiet.out.find("chains"), std::string::npos) << quiet.out;
  EXPECT_EQ(quiet.out.find("Incomplete"), std::string::npos) << quiet.out;
}

TEST_F(AuditCommand, JsonHasStableKeysPerSiteAndSection) {
  auto r = RunNewsarc({"audit", "--db", holes_, "--format", "json", "--site", "A.CN"});
  ASSERT_EQ(r.exit_code, 3) << r.err;
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["complete"], false);
  EXPECT_EQ(json["holes"], 2);
  ASSERT_EQ(json["sites"].size(), 1u);
  const auto& site = json["sites"][0];
  EXPECT_EQ(site["site"], "a.cn");
  EXPECT_EQ(site["articles"], 5);
  ASSERT_EQ(site["sections"].size(), 2u);
  const auto& news = site["sections"][0];
  EXPECT_EQ(news["section"], kNews);
  EXPECT_EQ(news["complete"], true);
  ASSERT_EQ(news["chains"].size(), 1u);
  EXPECT_EQ(news["chains"][0]["length"], 3);
  EXPECT_EQ(news["listing"], nullptr);
  ASSERT_EQ(news["months"].size(), 3u);
  EXPECT_EQ(news["months"][1]["month"], "2024-02");
  EXPECT_EQ(news["months"][1]["articles"], 1);
  EXPECT_EQ(news["months"][1]["flag"], nullptr);

  const auto& notices = site["sections"][1];
  EXPECT_EQ(notices["section"], kNotices);
  EXPECT_EQ(notices["complete"], false);
  ASSERT_EQ(notices["holes"].size(), 2u);
  EXPECT_EQ(notices["holes"][0]["url"], kFailedUrl);
  EXPECT_EQ(notices["holes"][0]["from"], Notice(11));
  EXPECT_EQ(notices["holes"][0]["direction"], "next");
  EXPECT_EQ(notices["holes"][0]["links"], 2);
  EXPECT_EQ(notices["holes"][0]["reason"], "failed");
  EXPECT_EQ(notices["holes"][0]["status"], 500);
  EXPECT_EQ(notices["holes"][1]["url"], kRobotsUrl);
  EXPECT_EQ(notices["holes"][1]["reason"], "refused");
  EXPECT_EQ(notices["holes"][1]["detail"], "robots.txt disallows it");
  EXPECT_EQ(notices["holes"][1]["status"], nullptr);
  // 11 and 13 are apart because of the holes, not orphans: the section has no chain to join.
  EXPECT_EQ(notices["orphans"], nlohmann::json::array());
  EXPECT_EQ(notices["listing"]["url"], kListUrl);
  EXPECT_EQ(notices["listing"]["items_printed"], 5);
  EXPECT_EQ(notices["listing"]["pages_printed"], 1);
  EXPECT_EQ(notices["listing"]["archived"], 2);
  EXPECT_EQ(notices["listing"]["shortfall"], 3);
  for (const char* key :
       {"breaks", "one_way", "cycles", "links_out_of_section", "month_median", "undated"}) {
    EXPECT_TRUE(notices.contains(key)) << key;
  }
}

// WAL: a crawl's open write transaction neither blocks the audit nor shows in it.
TEST_F(AuditCommand, ReadsItsSnapshotWhileACrawlWrites) {
  auto crawl = storage::Archive::Open(holes_);
  ASSERT_OK(crawl);
  ASSERT_OK(crawl->db().Exec("BEGIN IMMEDIATE"));
  ASSERT_OK(crawl->db().Exec("UPDATE articles SET section = 'x' WHERE url LIKE '%/xwzx/%'"));
  auto r = RunNewsarc({"audit", "--db", holes_, "--format", "json"});
  ASSERT_OK(crawl->db().Exec("COMMIT"));
  ASSERT_EQ(r.exit_code, 3) << r.err;
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["sites"][0]["sections"][0]["section"], kNews);
  EXPECT_EQ(json["holes"], 2);
}

TEST_F(AuditCommand, UnknownSiteAndMissingArchiveAreUsageErrors) {
  auto unknown = RunNewsarc({"audit", "--db", holes_, "--site", "b.cn"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find(holes_ + ": no articles of b.cn in the archive"), std::string::npos)
      << unknown.err;
  auto missing = RunNewsarc({"audit", "--db", dir_ + "/none.db"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find(dir_ + "/none.db"), std::string::npos) << missing.err;
  auto bad_format = RunNewsarc({"audit", "--db", holes_, "--format", "xml"});
  EXPECT_EQ(bad_format.exit_code, 2);
}

}  // namespace
