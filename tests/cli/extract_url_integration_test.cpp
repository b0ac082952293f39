// `newsarc extract URL` (issue #14): one page fetched as the crawler would — the host's
// robots.txt first, redirects followed and checked, newsarc's User-Agent — then extracted.
// What was requested is read from the loopback server's log.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/fixture_server.h"
#include "tests/support/process.h"
#include "tests/support/test_util.h"

namespace {

using testing_support::FixtureResponse;
using testing_support::FixtureServer;

constexpr const char* kHost = "assoc.test";
constexpr const char* kOther = "other.test";

std::string Article(const std::string& title) {
  std::string p =
      "本会召开第三届会员大会，听取并审议了理事会工作报告和财务报告，选举产生了新一届理事会。"
      "会议强调，要进一步加强商会自身建设，更好地服务会员企业，推动区域经济高质量发展。";
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title +
         "_示范协会</title></head><body><div class=\"article\"><h1>" + title +
         "</h1><div class=\"info\">发布时间：2024-05-01 09:30 来源：秘书处</div><p>" + p +
         "</p><p>" + p + "</p></div></body></html>";
}

class ExtractUrlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.AddHost(kHost);
    server_.AddHost(kOther);
    ASSERT_OK(server_.Start());
    server_.Route(kHost, "/robots.txt",
                  FixtureResponse::Text("User-agent: newsarc\nDisallow: /members/\n\n"
                                        "User-agent: *\nDisallow:\n"));
    server_.Route(kHost, "/news/1.html", FixtureResponse::Html(Article("协会召开会员大会")));
    server_.Route(kHost, "/members/1.html", FixtureResponse::Html(Article("会员专区")));
    server_.Route(kHost, "/logo.png",
                  FixtureResponse::Html(std::string("\x89PNG\r\n\x1a\n", 8), "image/png"));
    server_.Route(kHost, "/old/1.html", FixtureResponse::Redirect(Url(kHost, "/news/1.html")));
    server_.Route(kHost, "/moved.html", FixtureResponse::Redirect(Url(kOther, "/closed.html")));
    server_.Route(kOther, "/robots.txt", FixtureResponse::Text("User-agent: *\nDisallow: /\n"));
  }

  testing_support::ProcessResult Extract(const std::string& url,
                                         std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"extract", url};
    for (const auto& r : server_.ResolveEntries()) args.insert(args.end(), {"--resolve", r});
    args.insert(args.end(), extra.begin(), extra.end());
    return testing_support::RunNewsarc(args);
  }

  std::string Url(const char* host, const std::string& target) const {
    return server_.Url(host, target);
  }

  std::vector<std::string> Targets(const char* host) const {
    std::vector<std::string> out;
    for (const auto& r : server_.RequestsFor(host)) out.push_back(r.target);
    return out;
  }

  FixtureServer server_;
};

TEST_F(ExtractUrlTest, FetchesRobotsThenThePageOnceAndExtractsIt) {
  auto r = Extract(Url(kHost, "/news/1.html"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["title"], "协会召开会员大会");
  EXPECT_EQ(j["url"], Url(kHost, "/news/1.html"));
  EXPECT_EQ(j["published_date"], "2024-05-01");
  EXPECT_EQ(Targets(kHost), (std::vector<std::string>{"/robots.txt", "/news/1.html"}));
  for (const auto& req : server_.RequestsFor(kHost)) {
    EXPECT_EQ(req.Header("User-Agent").value_or("").rfind("newsarc/", 0), 0u);
  }
}

TEST_F(ExtractUrlTest, FollowsARedirectAndNamesTheFinalUrl) {
  auto r = Extract(Url(kHost, "/old/1.html"), {"--format", "text"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("协会召开会员大会"), std::string::npos);
  EXPECT_EQ(Targets(kHost),
            (std::vector<std::string>{"/robots.txt", "/old/1.html", "/news/1.html"}));
}

TEST_F(ExtractUrlTest, APageRobotsDisallowsIsNotFetched) {
  auto r = Extract(Url(kHost, "/members/1.html"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find(Url(kHost, "/members/1.html")), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("robots.txt"), std::string::npos) << r.err;
  EXPECT_EQ(Targets(kHost), std::vector<std::string>{"/robots.txt"});
}

TEST_F(ExtractUrlTest, ARedirectToADisallowedPageOfAnotherHostStopsThere) {
  auto r = Extract(Url(kHost, "/moved.html"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("robots.txt"), std::string::npos) << r.err;
  EXPECT_EQ(Targets(kOther), std::vector<std::string>{"/robots.txt"});
}

TEST_F(ExtractUrlTest, HttpErrorsAndImagesAreRefusedWithTheUrl) {
  auto missing = Extract(Url(kHost, "/nope.html"));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("HTTP 404"), std::string::npos) << missing.err;
  EXPECT_TRUE(missing.out.empty());
  auto image = Extract(Url(kHost, "/logo.png"));
  EXPECT_EQ(image.exit_code, 2);
  EXPECT_NE(image.err.find("not an HTML or text page"), std::string::npos) << image.err;
  EXPECT_NE(image.err.find("/logo.png"), std::string::npos) << image.err;
  EXPECT_TRUE(image.out.empty());
}

TEST_F(ExtractUrlTest, AnUnreachableHostIsANetworkErrorNamingTheUrl) {
  // Port 9 on a loopback address nobody listens on: connection refused at once.
  auto r = testing_support::RunNewsarc({"extract", "http://127.0.0.250:9/a.html"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("http://127.0.0.250:9/a.html"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

}  // namespace
