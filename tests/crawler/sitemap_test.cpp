// Sitemaps: ParseSitemap over XML, text, gzip and garbage; PlanSitemapFollow's choices.
#include "crawler/sitemap.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

namespace crawler {
namespace {

// gzip (RFC 1952) of `data`, built here with zlib.
std::string Gzip(std::string_view data, int level = Z_DEFAULT_COMPRESSION) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Urlset(const std::string& items) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n" +
         items + "</urlset>\n";
}

std::string UrlItem(const std::string& loc) { return "<url><loc>" + loc + "</loc></url>\n"; }

std::vector<std::string> Locs(const SitemapParse& p) {
  std::vector<std::string> locs;
  for (const auto& e : p.entries) locs.push_back(e.loc);
  return locs;
}

struct ParseCase {
  const char* name;
  std::string bytes;
  SitemapKind want_kind;
  std::vector<std::string> want_locs;
  bool want_error = false;
};

std::vector<ParseCase> ParseCases() {
  using K = SitemapKind;
  return {
      // sitemaps.org "Sample XML Sitemap", trimmed.
      {"UrlsetWithNamespace",
       Urlset("<url><loc>http://www.example.com/</loc><lastmod>2005-01-01</lastmod>"
              "<changefreq>monthly</changefreq><priority>0.8</priority></url>\n" +
              UrlItem("http://www.example.com/catalog?item=12&amp;desc=vacation_hawaii")),
       K::kUrlset,
       {"http://www.example.com/", "http://www.example.com/catalog?item=12&desc=vacation_hawaii"}},
      {"UrlsetWithoutNamespaceOrDeclaration",
       "<urlset><url><loc>https://a.test/1</loc></url></urlset>",
       K::kUrlset,
       {"https://a.test/1"}},
      {"PrefixedElements",
       "<sm:urlset xmlns:sm=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sm:url><sm:loc>"
       "https://a.test/1</sm:loc></sm:url></sm:urlset>",
       K::kUrlset,
       {"https://a.test/1"}},
      {"CdataAndWhitespaceAroundLoc",
       Urlset("<url>\n  <loc>\n   <![CDATA[https://a.test/a?x=1&y=2]]>\n  </loc>\n</url>\n"
              "<url><loc>\t https://a.test/b \r\n</loc></url>"),
       K::kUrlset,
       {"https://a.test/a?x=1&y=2", "https://a.test/b"}},
      // sitemaps.org "Entity escaping".
      {"EntitiesAndCharacterReferences",
       Urlset(UrlItem("https://a.test/q?a=1&amp;b=&apos;2&apos;&amp;c=&lt;&gt;&quot;") +
              UrlItem("https://a.test/&#x65;&#101;")),
       K::kUrlset,
       {"https://a.test/q?a=1&b='2'&c=<>\"", "https://a.test/ee"}},
      {"Utf8ByteOrderMark",
       "\xEF\xBB\xBF" + Urlset(UrlItem("https://a.test/%E6%96%B0")),
       K::kUrlset,
       {"https://a.test/%E6%96%B0"}},
      {"NonAsciiLocKeptAsUtf8",
       Urlset(UrlItem("https://a.test/\xE6\x96\xB0\xE9\x97\xBB")),
       K::kUrlset,
       {"https://a.test/\xE6\x96\xB0\xE9\x97\xBB"}},
      // Undeclared prefixes are common (<news:news> without xmlns:news) and must not be fatal.
      {"UndeclaredPrefixesAreRead",
       "<urlset><url><loc>https://a.test/n</loc><news:news><news:title>T</news:title>"
       "</news:news><image:image><image:loc>https://a.test/i.jpg</image:loc></image:image>"
       "</url></urlset>",
       K::kUrlset,
       {"https://a.test/n"}},
      {"ItemsWithoutLocAreSkipped",
       Urlset("<url><lastmod>2020-01-01</lastmod></url><url><loc>  </loc></url>" +
              UrlItem("https://a.test/ok")),
       K::kUrlset,
       {"https://a.test/ok"}},
      {"LocOutsideAnItemIsIgnored",
       "<urlset><loc>https://a.test/stray</loc><url><x><loc>https://a.test/deep</loc></x>"
       "<loc>https://a.test/real</loc></url></urlset>",
       K::kUrlset,
       {"https://a.test/real"}},
      {"SitemapIndex",
       "<?xml version=\"1.0\"?><sitemapindex "
       "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>https://a.test/"
       "s1.xml.gz</loc><lastmod>2004-10-01T18:23:17+00:00</lastmod></sitemap><sitemap><loc>"
       "https://a.test/s2.xml</loc></sitemap></sitemapindex>",
       K::kSitemapIndex,
       {"https://a.test/s1.xml.gz", "https://a.test/s2.xml"}},
      // Malformed XML: the entries before the error are kept, and the error is reported.
      {"MalformedXmlKeepsEntriesBeforeTheError",
       Urlset(UrlItem("https://a.test/1") + "<url><loc>https://a.test/2?a=1&b=2</loc></url>" +
              UrlItem("https://a.test/3")),
       K::kUrlset,
       {"https://a.test/1"},
       true},
      {"UnclosedDocumentKeepsCompleteItems",
       "<urlset><url><loc>https://a.test/1</loc></url><url><loc>https://a.test/2",
       K::kUrlset,
       {"https://a.test/1"},
       true},
      // An encoding expat does not know: the bytes come through unchanged.
      {"UnknownDeclaredEncoding",
       "<?xml version=\"1.0\" encoding=\"GBK\"?><urlset><url><loc>https://a.test/\xD0\xC2"
       "</loc></url></urlset>",
       K::kUrlset,
       {"https://a.test/\xD0\xC2"}},
      // sitemaps.org "Text file".
      {"TextOneUrlPerLine",
       "http://www.example.com/catalog?item=1\r\nhttp://www.example.com/catalog?item=11\n\n"
       "  https://a.test/x  \n",
       K::kText,
       {"http://www.example.com/catalog?item=1", "http://www.example.com/catalog?item=11",
        "https://a.test/x"}},
      {"TextWithByteOrderMarkSkipsNonUrlLines",
       "\xEF\xBB\xBFhttps://a.test/1\n# comment\nnot a url\nhttps://a.test/ 2\nftp://a.test/f\n"
       "https://a.test/3",
       K::kText,
       {"https://a.test/1", "https://a.test/3"}},
      {"HtmlIsUnknown",
       "<!DOCTYPE html><html><body><url><loc>https://a.test/x</loc></url></body></html>",
       K::kUnknown,
       {}},
      {"RssIsUnknown",
       "<rss version=\"2.0\"><channel><item><link>https://a.test/x</link></item></channel></rss>",
       K::kUnknown,
       {}},
      {"EmptyIsUnknown", "", K::kUnknown, {}},
      {"WhitespaceIsUnknown", " \n\t\r\n", K::kUnknown, {}},
      {"BinaryGarbageIsUnknown",
       std::string("\x00\x01\x02\xff\xfe\x7f<urlset>\x00", 14),
       K::kUnknown,
       {}},
      {"LessThanGarbageIsUnknown",
       std::string("<\x00\x01\x02\x03<<<>>>", 11),
       K::kUnknown,
       {},
       true},
      {"TextThatIsNotAUrlIsUnknown", "hello world\nhttps://a.test/1\n", K::kUnknown, {}},
      {"CorruptGzipIsUnknown",
       std::string("\x1f\x8b\x08\x00garbage garbage", 19),
       K::kUnknown,
       {},
       true},
      // Entity definitions ("billion laughs") are refused outright.
      {"InternalDtdSubsetIsRefused",
       "<?xml version=\"1.0\"?><!DOCTYPE urlset [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
       "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><urlset><url><loc>https://a.test/&b;</loc></url>"
       "</urlset>",
       K::kUnknown,
       {},
       true},
  };
}

TEST(ParseSitemap, ReadsEachFormAndNeverFailsOnGarbage) {
  for (const ParseCase& c : ParseCases()) {
    SCOPED_TRACE(c.name);
    SitemapParse p = ParseSitemap(c.bytes);
    EXPECT_EQ(SitemapKindName(p.kind), std::string(SitemapKindName(c.want_kind)));
    EXPECT_EQ(Locs(p), c.want_locs);
    EXPECT_EQ(!p.error.empty(), c.want_error) << p.error;
    EXPECT_FALSE(p.truncated);
    EXPECT_EQ(p.gzipped, c.bytes.rfind("\x1f\x8b", 0) == 0);
  }
}

TEST(ParseSitemap, KeepsLastmodAndGoogleNewsFields) {
  std::string xml = Urlset(
      "<url><loc>https://a.test/a</loc><lastmod> 2024-05-01T10:00:00+08:00 </lastmod>"
      "<news:news><news:publication><news:name>A</news:name><news:language>zh</news:language>"
      "</news:publication><news:publication_date>2024-05-01T09:30:00+08:00"
      "</news:publication_date><news:title><![CDATA[Title & more]]></news:title></news:news>"
      "</url><url><loc>https://a.test/b</loc></url>");
  SitemapParse p = ParseSitemap(xml);
  ASSERT_EQ(p.entries.size(), 2u);
  EXPECT_EQ(p.entries[0].lastmod.value_or(""), "2024-05-01T10:00:00+08:00");
  EXPECT_EQ(p.entries[0].news_publication_date.value_or(""), "2024-05-01T09:30:00+08:00");
  EXPECT_EQ(p.entries[0].news_title.value_or(""), "Title & more");
  EXPECT_FALSE(p.entries[1].lastmod);
  EXPECT_FALSE(p.entries[1].news_publication_date);
  EXPECT_FALSE(p.entries[1].news_title);
}

TEST(ParseSitemap, CountsSkippedItems) {
  SitemapLimits limits;
  limits.max_loc_bytes = 40;
  SitemapParse p =
      ParseSitemap(Urlset("<url></url>" + UrlItem("https://a.test/" + std::string(100, 'x')) +
                          UrlItem("https://a.test/short")),
                   limits);
  EXPECT_EQ(Locs(p), std::vector<std::string>{"https://a.test/short"});
  EXPECT_EQ(p.skipped_entries, 2u);
}

// sitemaps.org: a sitemap "may be compressed using gzip".
TEST(ParseSitemap, InflatesGzipDetectedByItsMagicBytes) {
  std::string items;
  for (int i = 0; i < 100; ++i) items += UrlItem("https://a.test/" + std::to_string(i));
  SitemapParse xml = ParseSitemap(Gzip(Urlset(items)));
  EXPECT_TRUE(xml.gzipped);
  EXPECT_EQ(xml.kind, SitemapKind::kUrlset);
  ASSERT_EQ(xml.entries.size(), 100u);
  EXPECT_EQ(xml.entries[99].loc, "https://a.test/99");
  EXPECT_TRUE(xml.error.empty()) << xml.error;

  SitemapParse text = ParseSitemap(Gzip("https://a.test/1\nhttps://a.test/2\n"));
  EXPECT_TRUE(text.gzipped);
  EXPECT_EQ(text.kind, SitemapKind::kText);
  EXPECT_EQ(Locs(text), (std::vector<std::string>{"https://a.test/1", "https://a.test/2"}));

  // Two gzip members one after another read as one file (RFC 1952 §2.2).
  SitemapParse members = ParseSitemap(Gzip("https://a.test/1\n") + Gzip("https://a.test/2\n"));
  EXPECT_EQ(Locs(members), (std::vector<std::string>{"https://a.test/1", "https://a.test/2"}));
}

TEST(ParseSitemap, CutGzipKeepsTheCompleteItems) {
  std::string items;
  for (int i = 0; i < 2000; ++i) items += UrlItem("https://a.test/" + std::to_string(i));
  std::string gz = Gzip(Urlset(items), Z_NO_COMPRESSION);
  SitemapParse p = ParseSitemap(std::string_view(gz).substr(0, gz.size() / 2));
  EXPECT_TRUE(p.gzipped);
  EXPECT_EQ(p.kind, SitemapKind::kUrlset);
  EXPECT_FALSE(p.error.empty());
  EXPECT_GT(p.entries.size(), 500u);
  EXPECT_LT(p.entries.size(), 2000u);
  for (size_t i = 0; i < p.entries.size(); ++i) {
    ASSERT_EQ(p.entries[i].loc, "https://a.test/" + std::to_string(i));
  }
}

// sitemaps.org: "no more than 50,000 URLs".
TEST(ParseSitemap, StopsAtFiftyThousandUrls) {
  std::string items;
  std::string lines;
  for (int i = 0; i < 60'000; ++i) {
    items += UrlItem("https://a.test/article/" + std::to_string(i));
    lines += "https://a.test/article/" + std::to_string(i) + "\n";
  }
  for (const std::string& bytes : {Urlset(items), Gzip(Urlset(items)), lines}) {
    SitemapParse p = ParseSitemap(bytes);
    EXPECT_NE(p.kind, SitemapKind::kUnknown);
    EXPECT_TRUE(p.truncated);
    EXPECT_TRUE(p.error.empty()) << p.error;
    ASSERT_EQ(p.entries.size(), 50'000u);
    EXPECT_EQ(p.entries.back().loc, "https://a.test/article/49999");
  }
}

// sitemaps.org: "no larger than 50MB (52,428,800 bytes)" uncompressed; a gzip bomb stops there.
TEST(ParseSitemap, StopsAtTheDecodedByteCap) {
  SitemapLimits limits;
  limits.max_decoded_bytes = 1 << 20;
  std::string bomb_xml = Urlset(UrlItem("https://a.test/first") + std::string(40 << 20, ' '));
  SitemapParse bomb = ParseSitemap(Gzip(bomb_xml, Z_BEST_COMPRESSION), limits);
  EXPECT_TRUE(bomb.gzipped);
  EXPECT_TRUE(bomb.truncated);
  EXPECT_TRUE(bomb.error.empty()) << bomb.error;
  EXPECT_EQ(Locs(bomb), std::vector<std::string>{"https://a.test/first"});

  limits.max_entries = 1'000'000;
  std::string lines;
  while (lines.size() < (2u << 20))
    lines += "https://a.test/" + std::to_string(lines.size()) + "\n";
  SitemapParse text = ParseSitemap(lines, limits);
  EXPECT_TRUE(text.truncated);
  ASSERT_FALSE(text.entries.empty());
  // The line cut by the cap is dropped, not read as a shorter URL.
  std::string_view kept(lines.data(), 1 << 20);
  std::string last_complete(kept.substr(0, kept.rfind('\n')));
  last_complete = last_complete.substr(last_complete.rfind('\n') + 1);
  EXPECT_EQ(text.entries.back().loc, last_complete);
}

std::vector<std::string> Children(const SitemapFollowPlan& plan) { return plan.child_sitemaps; }

SitemapParse Index(std::vector<std::string> locs) {
  SitemapParse p;
  p.kind = SitemapKind::kSitemapIndex;
  for (auto& loc : locs) p.entries.push_back(SitemapEntry{std::move(loc), {}, {}, {}});
  return p;
}

struct FollowCase {
  const char* name;
  SitemapParse parse;
  int depth;
  size_t queued;
  SitemapFollowOptions options;
  std::vector<std::string> want_children;
  size_t want_skipped_children;
  size_t want_pages;
  size_t want_skipped_pages;
};

TEST(PlanSitemapFollow, FollowsIndexesWithinDepthCountAndSite) {
  const std::string parent = "https://a.test/sitemap_index.xml";
  SitemapParse urlset = Index({"https://a.test/1", "/relative", "https://other.test/2", "x"});
  urlset.kind = SitemapKind::kUrlset;
  SitemapParse text = urlset;
  text.kind = SitemapKind::kText;
  SitemapParse unknown = urlset;
  unknown.kind = SitemapKind::kUnknown;
  SitemapFollowOptions any_host;
  any_host.same_host_only = false;
  SitemapFollowOptions deep;
  deep.max_depth = 3;
  std::vector<FollowCase> cases = {
      {"IndexChildrenAtDepthOne",
       Index({"https://a.test/s1.xml", "https://a.test/s2.xml.gz"}),
       0,
       0,
       {},
       {"https://a.test/s1.xml", "https://a.test/s2.xml.gz"},
       0,
       0,
       0},
      {"IndexChildrenAtDepthTwo",
       Index({"https://a.test/s1.xml"}),
       1,
       0,
       {},
       {"https://a.test/s1.xml"},
       0,
       0,
       0},
      {"NoChildrenBeyondMaxDepth", Index({"https://a.test/s1.xml"}), 2, 0, {}, {}, 1, 0, 0},
      {"DeeperWhenAllowed",
       Index({"https://a.test/s1.xml"}),
       2,
       0,
       deep,
       {"https://a.test/s1.xml"},
       0,
       0,
       0},
      {"ChildBudgetSharedWithEarlierIndexes",
       Index({"https://a.test/s1.xml", "https://a.test/s2.xml", "https://a.test/s3.xml"}),
       0,
       998,
       {},
       {"https://a.test/s1.xml", "https://a.test/s2.xml"},
       1,
       0,
       0},
      // sitemaps.org: an index only lists sitemaps of its own site.
      {"OtherHostsSkipped",
       Index({"https://b.test/s.xml", "https://a.test:8443/s.xml", "https://A.TEST/ok.xml"}),
       0,
       0,
       {},
       {"https://A.TEST/ok.xml"},
       2,
       0,
       0},
      {"OtherHostsWhenAllowed",
       Index({"https://b.test/s.xml"}),
       0,
       0,
       any_host,
       {"https://b.test/s.xml"},
       0,
       0,
       0},
      {"DuplicatesSelfAndNonHttpSkipped",
       Index({"https://a.test/s.xml", "https://a.test/s.xml#x", parent, "ftp://a.test/s.xml",
              "/relative.xml", ""}),
       0,
       0,
       {},
       {"https://a.test/s.xml"},
       5,
       0,
       0},
      {"UrlsetEntriesArePages", urlset, 0, 0, {}, {}, 0, 2, 2},
      {"TextEntriesArePages", text, 2, 5000, {}, {}, 0, 2, 2},
      {"UnknownGivesNothing", unknown, 0, 0, {}, {}, 0, 0, 0},
  };
  for (const FollowCase& c : cases) {
    SCOPED_TRACE(c.name);
    SitemapFollowPlan plan = PlanSitemapFollow(c.parse, parent, c.depth, c.queued, c.options);
    EXPECT_EQ(Children(plan), c.want_children);
    EXPECT_EQ(plan.skipped_child_sitemaps, c.want_skipped_children);
    EXPECT_EQ(plan.pages.size(), c.want_pages);
    EXPECT_EQ(plan.skipped_pages, c.want_skipped_pages);
  }
}

}  // namespace
}  // namespace crawler
