// Tables for date extraction: the printed labels that introduce a date (日期, 发布时间,
// 上传时间 ...) with the role they give it, the words that mark a date printed before its verb
// ("于 2005年8月12日 ... 发表"), the characters allowed between a label and its date, the
// <meta> names that carry publication and modification times, the markers of a 12-hour clock,
// and English month names. Data only; the scanning is in dates.cpp.
#pragma once

#include <span>
#include <string_view>

#include "extract/article.h"

namespace extract {

enum class DateLabelKind {
  kArticleDate,  // 日期, 发布日期: the article's own date; wins over a 发布时间 line
  kPublishTime,  // 发布时间, 发表时间, 时间: the publication time, unless a date label exists
  kUpdate,       // 上传时间, 更新时间, 修改时间: an upload or update line
};

struct DateLabel {
  std::string_view text;  // as printed, ASCII letters lower-case
  DateLabelKind kind;
};

// Printed date labels, longest first.
std::span<const DateLabel> DateLabels();

// Characters that may stand between a label and its date: "[日期: 2009-07-16]", "发布于（".
std::u32string_view LabelSeparators();

// A date printed between a preposition and a verb: "本贴由大卫于2005年8月12日16:12:21在〖…〗发表".
// The preposition must come right before the date; the verb may follow within a few characters.
std::span<const std::u32string_view> DatePrepositions();
std::span<const std::u32string_view> PublishVerbsAfterDate();

// Words that, printed before a date on its line, make it the date of something else than the
// article: a recommended or related item ("最新推荐文章于 2024-05-07 发布"), a comment
// ("评论于 2024-05-07"), or the page clock ("今天是2024年5月20日").
std::span<const std::u32string_view> OtherItemDateMarkers();

// Words of a byline box (来源, 作者, 编辑 ...): a line after the text that holds one of them and
// a date is the article's byline box, and the date there is the article's.
std::span<const std::u32string_view> BylineBoxWords();

// Headings of a comment or reply section ("网友评论：", "评论列表", "最新评论"): the lines after
// such a heading below the text are comments, and their dates are the comments'.
std::span<const std::u32string_view> CommentHeadings();
// Parts of a class or id name that make an element named for comments a widget of the byline
// bar rather than the comment area: "date-and-comments", "comment-count", "comments-link".
std::span<const std::string_view> CommentWidgetParts();

// Markers of a 12-hour clock: before the time ("下午 3:46") or after it ("9:23:57 PM").
struct Meridiem {
  std::u32string_view text;  // ASCII letters lower-case
  bool after_noon;
};
std::span<const Meridiem> MeridiemMarkers();

// Zone names printed after a time ("8:54 PM UTC", "10:00 GMT+8"), lower-case, with their
// offset. Only unambiguous ones: CST (China or US Central) and IST are left out.
struct ZoneName {
  std::u32string_view name;
  int utc_offset_minutes;
};
std::span<const ZoneName> ZoneNames();

// <meta name|property|itemprop> names for the publication time, in order of preference, and for
// the modification time.
std::span<const std::string_view> PublishedMetaNames();
std::span<const std::string_view> ModifiedMetaNames();

// English month names and abbreviations, lower-case, with their month number.
struct MonthName {
  std::string_view name;
  int month;
};
std::span<const MonthName> EnglishMonths();

}  // namespace extract
