#include "crawler/offsite_hosts.h"

#include <gtest/gtest.h>

namespace crawler {
namespace {

TEST(OffsiteTally, CountsLinksPerHostAndKeepsTheFirstExample) {
  OffsiteTally tally;
  EXPECT_TRUE(tally.Add("www.other.org.cn", "http://www.other.org.cn/1.html", "http://a/list"));
  EXPECT_FALSE(tally.Add("www.other.org.cn", "http://www.other.org.cn/2.html", "http://a/x"));
  EXPECT_TRUE(tally.Add("b.org:8080", "http://b.org:8080/", "http://a/list"));
  EXPECT_EQ(tally.links(), 3);
  EXPECT_EQ(tally.hosts(), 2u);
  auto hosts = tally.ByLinks();
  ASSERT_EQ(hosts.size(), 2u);
  EXPECT_EQ(hosts[0].host, "www.other.org.cn");
  EXPECT_EQ(hosts[0].links, 2);
  EXPECT_EQ(hosts[0].example_url, "http://www.other.org.cn/1.html");
  EXPECT_EQ(hosts[0].discovered_from, "http://a/list");
  EXPECT_EQ(hosts[1].host, "b.org:8080");
}

TEST(OffsiteTally, OrdersByLinksThenHost) {
  OffsiteTally tally;
  for (const char* h : {"c.org", "a.org", "b.org", "b.org"}) tally.Add(h, "u", "f");
  auto hosts = tally.ByLinks();
  ASSERT_EQ(hosts.size(), 3u);
  EXPECT_EQ(hosts[0].host, "b.org");
  EXPECT_EQ(hosts[1].host, "a.org");
  EXPECT_EQ(hosts[2].host, "c.org");
}

TEST(OffsiteTally, HostsBeyondTheCapCountOnlyInTheTotal) {
  OffsiteTally tally(2);
  EXPECT_TRUE(tally.Add("a.org", "u", "f"));
  EXPECT_TRUE(tally.Add("b.org", "u", "f"));
  EXPECT_FALSE(tally.Add("c.org", "u", "f"));
  EXPECT_FALSE(tally.Add("a.org", "u", "f"));
  EXPECT_EQ(tally.hosts(), 2u);
  EXPECT_EQ(tally.links(), 4);
  EXPECT_EQ(tally.ByLinks()[0].links, 2);
}

TEST(DescribeOffsiteHosts, NamesTheFirstHostsAndCountsTheRest) {
  std::vector<OffsiteHost> hosts = {
      {"a.org", 5, "", ""}, {"b.org", 2, "", ""}, {"c.org", 1, "", ""}};
  EXPECT_EQ(DescribeOffsiteHosts(hosts, 20), "a.org (5), b.org (2), c.org (1)");
  EXPECT_EQ(DescribeOffsiteHosts(hosts, 2), "a.org (5), b.org (2) and 1 more");
  EXPECT_EQ(DescribeOffsiteHosts(hosts, 0), "3 more");
  EXPECT_EQ(DescribeOffsiteHosts({}, 20), "");
}

}  // namespace
}  // namespace crawler
