// Tables for date extraction: the printed labels that introduce a date (日期, 发布时间,
// 上传时间 ...) with the role they give it, the <meta> names that carry publication and
// modification times, and English month names. Data only; the scanning is in dates.cpp.
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
