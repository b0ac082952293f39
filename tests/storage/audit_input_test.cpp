#include "storage/audit_input.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/archive.h"
#include "tests/storage/url_report_fixture.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

using namespace storage::testing;  // NOLINT: the fixture's URLs

constexpr const char* kLinkingUrl = "http://a.cn/news/9.html";

class AuditInput : public ::testing::Test {
 protected:
  void SetUp() override {
    auto archive = Archive::Open(":memory:", {.create_if_missing = true});
    ASSERT_OK(archive);
    archive_.emplace(std::move(*archive));
    ASSERT_NO_FATAL_FAILURE(FillUrlFixture(*archive_));
    ASSERT_OK(offsite_ = ReadOffsiteRefusals(*archive_));
  }

  // An article found on the listing whose previous link is the URL that redirects to
  // kArticleUrl and whose next link is the page archived under its rel=canonical URL.
  void AddLinkingArticle() {
    ASSERT_OK(archive_->FrontierAdd({Entry(kLinkingUrl, "article", kListUrl)}));
    PageRecord r = MakeRecord(kLinkingUrl, "第九篇", "正文九。", 7000, "2024-05-09");
    r.article->prev = extract::SiblingLink{"HTTP://A.CN/old/../old/1.html", "上一篇"};
    r.article->next = extract::SiblingLink{kPrintUrl, "下一篇"};
    ASSERT_OK(archive_->RecordPage(r));
  }

  MissingReason Explain(const std::string& url) {
    auto reason = ExplainMissing(*archive_, url, offsite_.value());
    EXPECT_TRUE(reason.has_value()) << url;
    return reason.value_or(MissingReason{});
  }

  std::optional<Archive> archive_;
  util::Result<std::vector<OffsiteRefusal>> offsite_;
};

TEST_F(AuditInput, LinksAreResolvedThroughRedirectsAndCanonicalUrls) {
  ASSERT_NO_FATAL_FAILURE(AddLinkingArticle());
  auto articles = ReadAuditArticles(*archive_, "a.cn");
  ASSERT_OK(articles);
  const AuditArticle* linking = nullptr;
  for (const auto& a : *articles) {
    if (a.url == kLinkingUrl) linking = &a;
  }
  ASSERT_NE(linking, nullptr);
  EXPECT_EQ(linking->section, "新闻中心");
  EXPECT_EQ(linking->published_date, "2024-05-09");
  EXPECT_EQ(linking->prev.kind, ChainLink::Kind::kUrl);
  EXPECT_EQ(linking->prev.url, kArticleUrl);  // keyed, then through the 301
  EXPECT_EQ(linking->next.kind, ChainLink::Kind::kUrl);
  EXPECT_EQ(linking->next.url, kCanonicalUrl);  // crawled at kPrintUrl
}

TEST_F(AuditInput, NoLinkAndNoneAreToldApart) {
  auto articles = ReadAuditArticles(*archive_, "a.cn");
  ASSERT_OK(articles);
  ASSERT_FALSE(articles->empty());
  for (const auto& a : *articles) {
    // MakeArticle: the page says there is no previous article; its next link is not archived.
    EXPECT_EQ(a.prev.kind, ChainLink::Kind::kNone) << a.url;
    EXPECT_EQ(a.next.kind, ChainLink::Kind::kUrl) << a.url;
  }
}

TEST_F(AuditInput, MissingUrlsSayWhyFromTheFrontierAndFetches) {
  MissingReason robots = Explain(kRobotsUrl);
  EXPECT_EQ(robots.kind, MissingKind::kRefused);
  EXPECT_EQ(robots.detail, "robots.txt disallows it");

  MissingReason failed = Explain(kFailedUrl);
  EXPECT_EQ(failed.kind, MissingKind::kFailed);
  EXPECT_EQ(failed.status, 503);
  EXPECT_EQ(failed.detail, "gave up after 3 tries: http_error 503");

  EXPECT_EQ(Explain(kRetryUrl).kind, MissingKind::kQueued);
  MissingReason queued = Explain(kQueuedUrl);
  EXPECT_EQ(queued.kind, MissingKind::kQueued);
  EXPECT_EQ(queued.detail, "not fetched yet");

  MissingReason listing = Explain(kListUrl);
  EXPECT_EQ(listing.kind, MissingKind::kNotArticle);
  EXPECT_EQ(listing.detail, "listing: 12 article links");

  EXPECT_EQ(Explain(kOldUrl).kind, MissingKind::kRedirected);
  EXPECT_EQ(Explain("http://a.cn/never.html").kind, MissingKind::kNeverDiscovered);

  MissingReason offsite = Explain("http://other.org/x.html");
  EXPECT_EQ(offsite.kind, MissingKind::kRefused);
  EXPECT_NE(offsite.detail.find("host other.org is off-site"), std::string::npos) << offsite.detail;
}

TEST_F(AuditInput, ListingMapsToTheSectionOfTheArticlesFoundOnIt) {
  auto before = ReadAuditListings(*archive_, "a.cn");
  ASSERT_OK(before);
  ASSERT_EQ(before->size(), 1u);
  EXPECT_EQ((*before)[0].url, kListUrl);
  EXPECT_GT((*before)[0].capture_id, 0);
  EXPECT_EQ((*before)[0].section, std::nullopt);  // no archived article was first found on it

  ASSERT_NO_FATAL_FAILURE(AddLinkingArticle());
  auto after = ReadAuditListings(*archive_, "a.cn");
  ASSERT_OK(after);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].section, "新闻中心");
  EXPECT_EQ((*after)[0].articles_linked, 1);
}

TEST_F(AuditInput, SitesAreThoseWithArticles) {
  auto all = ReadAuditSites(*archive_, std::nullopt);
  ASSERT_OK(all);
  EXPECT_EQ(*all, (std::vector<std::string>{"a.cn"}));
  auto none = ReadAuditSites(*archive_, std::string("b.cn"));
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace storage
