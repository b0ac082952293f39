// Helpers for archive tests: synthetic articles and page records.
#pragma once

#include <chrono>
#include <string>

#include "extract/article.h"
#include "storage/page_record.h"
#include "util/sha256.h"
#include "util/url.h"

namespace storage::testing {

inline std::chrono::system_clock::time_point At(int64_t unix_seconds) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds));
}

inline extract::Article MakeArticle(const std::string& url, const std::string& title,
                                    const std::string& body,
                                    const std::string& published_date = "2024-05-01") {
  extract::Article a;
  a.url = url;
  a.site = util::SiteOfUrl(url).value_or("");
  a.kind = extract::PageKind::kArticle;
  a.title = title;
  a.body = body;
  a.published_date = published_date;
  a.section = "新闻中心";
  a.source = "本站";
  a.dates.push_back({"日期", published_date, extract::DateRole::kPublished});
  a.prev = extract::SiblingLink{std::nullopt, std::nullopt};
  a.next = extract::SiblingLink{url + "?next", "下一篇"};
  a.encoding.declared = "gb2312";
  a.encoding.used = "gb18030";
  a.content_sha256 = util::Sha256Hex(body);
  return a;
}

inline PageRecord MakeRecord(const std::string& url, const std::string& title,
                             const std::string& body, int64_t fetched_unix = 1'714'550'400,
                             const std::string& published_date = "2024-05-01") {
  PageRecord r;
  r.url = url;
  r.final_url = url;
  r.status = 200;
  r.content_type = "text/html; charset=gb2312";
  r.started_at = At(fetched_unix);
  r.fetched_at = At(fetched_unix);
  r.duration_ms = 12;
  r.body = "<html><title>" + title + "</title><body>" + body + "</body></html>";
  r.bytes = static_cast<int64_t>(r.body->size());
  r.article = MakeArticle(url, title, body, published_date);
  return r;
}

// A 304 answer for `url`: no article, no body.
inline PageRecord MakeNotModified(const std::string& url, int64_t fetched_unix) {
  PageRecord r = MakeRecord(url, "", "", fetched_unix);
  r.article.reset();
  r.body.reset();
  r.status = 304;
  r.outcome = "not_modified";
  return r;
}

}  // namespace storage::testing
