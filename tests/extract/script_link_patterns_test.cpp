#include "extract/script_link_patterns.h"

#include <gtest/gtest.h>

#include <set>

namespace extract {
namespace {

using Role = ScriptLinkRole;

std::vector<std::string> Refs(const std::vector<ScriptLink>& links, Role role) {
  std::vector<std::string> out;
  for (const auto& l : links) {
    if (l.role == role) out.push_back(l.ref);
  }
  return out;
}

TEST(ScriptLinkPatterns, EveryRowHasANameAnExampleAndReadsItsExample) {
  std::set<std::string> names;
  for (const ScriptLinkPattern& row : ScriptLinkPatterns()) {
    EXPECT_TRUE(names.insert(row.name).second) << row.name;
    std::vector<ScriptLink> out;
    row.read(row.example, out);
    EXPECT_FALSE(out.empty()) << row.name << " reads nothing from its own example";
  }
}

struct LocationCase {
  const char* name;
  const char* script;
  std::vector<std::string> redirects;
};

class LocationTest : public ::testing::TestWithParam<LocationCase> {};

TEST_P(LocationTest, ReadsLiteralTargetsOnly) {
  EXPECT_EQ(Refs(ReadScriptLinks(GetParam().script), Role::kRedirect), GetParam().redirects);
}

INSTANTIATE_TEST_SUITE_P(
    ScriptLinkPatterns, LocationTest,
    ::testing::Values(
        LocationCase{"Href", "window.location.href=\"/cms/index.asp\";", {"/cms/index.asp"}},
        LocationCase{"BareLocation", "location = 'main.htm'", {"main.htm"}},
        LocationCase{"SelfAndTop",
                     "self.location='a.html'; top.location.href = \"b.html\";",
                     {"a.html", "b.html"}},
        LocationCase{"Replace", "window.location.replace('/index.php?m=1');", {"/index.php?m=1"}},
        LocationCase{"Assign", "document.location.assign(\"x.asp\")", {"x.asp"}},
        LocationCase{"EscapedSlashes",
                     "location.href='http:\\/\\/a.example\\/n\\/'",
                     {"http://a.example/n/"}},
        LocationCase{"CommentBetween", "location.href = /* go */ 'c.html'", {"c.html"}},
        LocationCase{"NavigateOldIe", "window.navigate('old.html')", {"old.html"}},
        LocationCase{"ConcatenationIsNoTarget", "location.href = '/search.asp?kw=' + kw;", {}},
        LocationCase{"VariableIsNoTarget", "location.href = url;", {}},
        LocationCase{"ComparisonIsNoAssignment", "if (location.href == 'a.html') go();", {}},
        LocationCase{"FrameBusterNamesNothing",
                     "if (top.location != self.location) "
                     "top.location = self.location;",
                     {}},
        LocationCase{"HashIsNoPage", "location.hash = '#top'", {}},
        LocationCase{"LongerNameIsNotLocation", "mylocation = 'x.html'; locationX='y.html'", {}}),
    [](const auto& test_info) { return std::string(test_info.param.name); });

TEST(ScriptLinkPatterns, WindowOpenIsALinkButXhrOpenIsNot) {
  auto links = ReadScriptLinks(
      "window.open('show.asp?id=12','_blank','width=600'); open(\"p.html\");"
      "xhr.open('GET', '/api/list.json'); function open(x) {}");
  EXPECT_EQ(Refs(links, Role::kLink), (std::vector<std::string>{"show.asp?id=12", "p.html"}));
}

TEST(ScriptLinkPatterns, TrsCreatePageHtmlNamesEveryPage) {
  auto links = ReadScriptLinks("createPageHTML(5, 0, \"index\", \"html\");");
  EXPECT_EQ(Refs(links, Role::kPagination),
            (std::vector<std::string>{"index.html", "index_1.html", "index_2.html", "index_3.html",
                                      "index_4.html"}));
}

TEST(ScriptLinkPatterns, TrsCreatePageHtmlWithBoundNamesAndAnElementIdFirst) {
  auto bound = ReadScriptLinks(
      "var countPage = 3//共多少页\nvar currentPage = 1;//当前页\nvar prefixName = "
      "\"index\";\nvar suffixName = \"shtml\";\ncreatePageHTML(countPage, currentPage, "
      "prefixName, suffixName);");
  EXPECT_EQ(Refs(bound, Role::kPagination),
            (std::vector<std::string>{"index.shtml", "index_1.shtml", "index_2.shtml"}));
  auto with_id = ReadScriptLinks("createPageHTML('page_div',3, 1,'fwgz','shtml',45);");
  EXPECT_EQ(Refs(with_id, Role::kPagination),
            (std::vector<std::string>{"fwgz.shtml", "fwgz_1.shtml", "fwgz_2.shtml"}));
}

TEST(ScriptLinkPatterns, TrsPagerDefinitionAndUnboundArgumentsNameNothing) {
  EXPECT_TRUE(ReadScriptLinks("function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, "
                              "_sPageExt){ var x = 1; }")
                  .empty());
  EXPECT_TRUE(ReadScriptLinks("createPageHTML(${page_count}, 0, 'index', 'html');").empty());
  EXPECT_TRUE(ReadScriptLinks("createPageHTML(n, 0, 'index', 'html');").empty());
}

TEST(ScriptLinkPatterns, TrsPagerCountIsCapped) {
  auto links = ReadScriptLinks("createPageHTML(999999, 0, 'index', 'html');");
  EXPECT_EQ(Refs(links, Role::kPagination).size(), static_cast<size_t>(kMaxScriptPagerPages));
}

TEST(ScriptLinkPatterns, WrittenHrefsNeedACompleteQuotedValue) {
  auto links = ReadScriptLinks(
      "document.write('<a href=\"list_2.html\">下一页</a>');"
      "document.write(\"<a href=\\\"list_3.html\\\">3</a>\");"
      "document.write('<a href=\"' + url + '\">x</a>');"
      "document.write('<a href=\"#\">top</a><a href=\"javascript:void(0)\">y</a>');");
  EXPECT_EQ(Refs(links, Role::kLink), (std::vector<std::string>{"list_2.html", "list_3.html"}));
}

TEST(ScriptLinkPatterns, PageFunctionsBuildUrlsFromLiteralArguments) {
  auto functions = ReadUrlFunctions(
      "function goPage(n) { location.href = 'list.asp?lb=5&page=' + n; }\n"
      "function showNews(id, t){ window.open(\"/news/show.asp?id=\" + id + \"&t=1\"); }\n"
      "function other(a) { alert(a); }");
  ASSERT_EQ(functions.size(), 2u);
  EXPECT_EQ(functions[0].name, "goPage");
  EXPECT_EQ(functions[0].prefix, "list.asp?lb=5&page=");
  EXPECT_EQ(functions[1].suffix, "&t=1");
  auto calls = ApplyUrlFunctions("goPage(3)", functions);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].ref, "list.asp?lb=5&page=3");
  EXPECT_EQ(calls[0].role, Role::kRedirect);
  calls = ApplyUrlFunctions("showNews('1024', 'x');return false;", functions);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].ref, "/news/show.asp?id=1024&t=1");
  EXPECT_TRUE(ApplyUrlFunctions("goPage(n)", functions).empty());
  EXPECT_TRUE(ApplyUrlFunctions("__doPostBack('GridView1','Page$2')", functions).empty());
}

TEST(ScriptLinkPatterns, HanwebDatastoreRecordsBecomeMarkup) {
  std::string page =
      "<div id=\"387\"><SCRIPT type=\"text/xml\"><datastore><nextgroup><![CDATA[<a "
      "href=\"/module/jslib/jquery/jpage/dataproxy.jsp?page=1&webid=1\"></a>]]></nextgroup>"
      "<recordset><record><![CDATA[<li><a href=\"/art/2021/3/5/art_387_1.html\">关于开展年检的通知"
      "</a><span>2021-03-05</span></li>]]></record><record><![CDATA[<li><a "
      "href=\"/art/2021/3/4/art_387_2.html\">第二条</a></li>]]></record></recordset></datastore>"
      "</SCRIPT><script>$('#387').jpage({});</script></div>";
  auto expanded = ExpandRecordStores(page);
  ASSERT_TRUE(expanded.has_value());
  EXPECT_NE(expanded->find("<li><a href=\"/art/2021/3/5/art_387_1.html\">关于开展年检的通知"),
            std::string::npos);
  EXPECT_NE(expanded->find("art_387_2.html"), std::string::npos);
  EXPECT_NE(expanded->find("dataproxy.jsp?page=1"), std::string::npos);
  EXPECT_EQ(expanded->find("<datastore>"), std::string::npos);
  EXPECT_NE(expanded->find("<script>$('#387').jpage({});</script></div>"), std::string::npos);
  EXPECT_EQ(expanded->find("<div id=\"387\">"), 0u);
}

TEST(ScriptLinkPatterns, PagesWithoutARecordStoreAreLeftAlone) {
  EXPECT_FALSE(ExpandRecordStores("<p>datastore</p><script>var a;</script>").has_value());
  // A store outside any script (shown as text) is not expanded.
  EXPECT_FALSE(ExpandRecordStores("<script>x</script><pre><datastore><record><![CDATA[<a "
                                  "href=a>b</a>]]></record></datastore></pre>")
                   .has_value());
  // A store that never closes is left as it is.
  EXPECT_FALSE(ExpandRecordStores("<script type=text/xml><datastore><record>").has_value());
}

}  // namespace
}  // namespace extract
