// The demo association site (tools/make_demo_site.py) as the integration tests use it:
// generated into a folder, served from the loopback FixtureServer the way tools/demo_server.py
// serves it, and crawled by the built binary.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tests/support/fixture_server.h"
#include "tests/support/process.h"

namespace testing_support {

// Generates the demo site into `dir`, its robots.txt asking for a Crawl-delay of `crawl_delay`
// seconds ("0.02"). The generator's result: exit code 0 when it worked.
ProcessResult MakeDemoSite(const std::string& dir, const std::string& crawl_delay);

// A file of the generated site: its path below the site's folder and its content.
struct DemoSitePage {
  std::string path;  // "/index.html", "/news/list.asp@page=2"
  std::string body;
};

// The page tools/demo_server.py answers `target` with from the site in `root`: "/" is
// /index.html; a target with a query is the file PATH@QUERY (the query as sent) when that file
// exists or PATH does not. nullopt (a 404) when there is no such file or the path has "..".
std::optional<DemoSitePage> FindDemoSitePage(const std::string& root, const std::string& target);

// How the site's text files (robots.txt) are labelled.
enum class DemoTextFiles { kPlainText, kHtml };

// The Content-Type of the page at `path`: text/html without a charset (the pages declare
// theirs, or not, as old sites do), a .txt file text/plain unless `text_files` says kHtml.
std::string DemoSiteContentType(const std::string& path,
                                DemoTextFiles text_files = DemoTextFiles::kPlainText);

// Serves the site in `root` on `host` of `server` (a prefix route on "/"): each page found by
// FindDemoSitePage with DemoSiteContentType, a 404 for anything else.
void ServeDemoSite(FixtureServer& server, const std::string& host, const std::string& root,
                   DemoTextFiles text_files = DemoTextFiles::kPlainText);

// The arguments of `newsarc crawl --db DB --seed http://HOST:PORT/index.html --delay DELAY`
// with every host of `server` resolved to its address (FixtureServer::ResolveArgs).
std::vector<std::string> DemoCrawlArgs(const FixtureServer& server, const std::string& host,
                                       const std::string& db, const std::string& delay);

}  // namespace testing_support
