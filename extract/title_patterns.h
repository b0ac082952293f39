// Tables for title extraction: the separators between a headline and site or column names in
// <title> ("精心谋划_贵州豫商网", "Title - Site", "Site | Title"), and the class/id words of
// headline elements. Data and small pure predicates; the tree walk is in title.cpp.
#pragma once

#include <span>
#include <string_view>

namespace extract {

// Separators in order of preference: a <title> is split at the first kind it contains
// (" | " before " - ", so "Facts #282 - 0.17 in sight | Factorio" keeps its dash).
std::span<const std::string_view> TitleSeparators();

// True when `segment` (a trailing <title> segment) ends like a site's name: 网, 报, 台, 站,
// 频道, 中心, 在线, 门户, .com, .cn, .net, .org ("和讯网", "人民网", "新闻频道").
bool HasSiteNameEnding(std::string_view segment);

// <meta> names (property or name, compared in ASCII lower case) that carry the article's title
// in page metadata, in order of preference: OpenGraph, Twitter, Dublin Core (DC.Title on
// standards and library pages), Highwire (citation_title on scholarly pages).
std::span<const std::string_view> MetaTitleNames();

// True when a class or id value names a headline element ("title", "article-title",
// "headline", "biaoti"), but not a subtitle or a list-item title.
bool IsHeadlineClass(std::string_view class_or_id);

// True when a class or id value names a subtitle element ("subtitle", "sub-title", "subhead",
// "futi"/"fbt" for 副题): the line under a headline, never the headline.
bool IsSubtitleClass(std::string_view class_or_id);

// True for a line that opens with a dash ("——选举产生新一届理事会", "— a subtitle"): how Chinese
// and Western pages print a subtitle under the headline.
bool StartsLikeSubtitle(std::string_view line);

// True for the text of a permalink anchor printed beside a heading ("¶", "§", "#", "🔗").
bool IsPermalinkMark(std::string_view link_text);

}  // namespace extract
