#include "tests/support/demo_site.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/test_paths.h"

namespace testing_support {

ProcessResult MakeDemoSite(const std::string& dir, const std::string& crawl_delay) {
  return RunProcess({"/usr/bin/python3", SourceDir() + "/tools/make_demo_site.py", dir,
                     "--crawl-delay", crawl_delay});
}

std::optional<DemoSitePage> FindDemoSitePage(const std::string& root, const std::string& target) {
  size_t q = target.find('?');
  std::string path = target.substr(0, q);
  if (path == "/") path = "/index.html";
  if (q != std::string::npos &&
      (std::filesystem::exists(root + path + "@" + target.substr(q + 1)) ||
       !std::filesystem::exists(root + path))) {
    path += "@" + target.substr(q + 1);
  }
  std::ifstream in(root + path, std::ios::binary);
  if (!in || path.find("..") != std::string::npos) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return DemoSitePage{path, ss.str()};
}

std::string DemoSiteContentType(const std::string& path, DemoTextFiles text_files) {
  bool text = path.size() > 4 && path.compare(path.size() - 4, 4, ".txt") == 0;
  return text && text_files == DemoTextFiles::kPlainText ? "text/plain" : "text/html";
}

void ServeDemoSite(FixtureServer& server, const std::string& host, const std::string& root,
                   DemoTextFiles text_files) {
  server.RoutePrefix(host, "/", [root, text_files](const RecordedRequest& r) {
    auto page = FindDemoSitePage(root, r.target);
    if (!page) return FixtureResponse::Status(404);
    return FixtureResponse::Html(page->body, DemoSiteContentType(page->path, text_files));
  });
}

std::vector<std::string> DemoCrawlArgs(const FixtureServer& server, const std::string& host,
                                       const std::string& db, const std::string& delay) {
  std::vector<std::string> args = {"crawl",   "--db", db, "--seed", server.Url(host, "/index.html"),
                                   "--delay", delay};
  std::vector<std::string> resolve = server.ResolveArgs();
  args.insert(args.end(), resolve.begin(), resolve.end());
  return args;
}

}  // namespace testing_support
