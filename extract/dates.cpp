// Date extraction. Printed dates are what the archive's users (and the labelled corpus) mean by
// an article's date, so printed, labelled dates near the headline win; page metadata
// (article:published_time, JSON-LD, <time>) comes next; the URL is the last resort.
//
// Cost: one pass over the page's lines with a hand-written scanner (no regular expressions);
// each line is folded to ASCII digits and punctuation once. Metadata is read from <meta>,
// JSON-LD and <time> elements only.
#include "extract/dates.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <set>
#include <span>

#include "extract/article_zones.h"
#include "extract/date_patterns.h"
#include "extract/json_ld.h"
#include "extract/meta_tags.h"
#include "extract/metadata_patterns.h"
#include "extract/text_normalize.h"
#include "extract/u32_text.h"

namespace extract {
namespace {

using u32::ToU32;

// How many separator characters other than spaces may stand between a label and its date
// ("[日期: 2009-07-16]", "发布日期：(2009-07-16"); spaces are skipped freely.
constexpr size_t kMaxLabelGap = 4;
// A line holding more dates than this is a list of other articles, not an article header.
constexpr size_t kMaxDatesPerHeaderLine = 2;
// Unlabelled dates in the first or last lines of the text, or right after it, count only on
// short lines (a dateline), not in paragraphs that mention other dates.
constexpr size_t kMaxLeadDateLineChars = 40;
// A date split over elements (FindDatesByNode) is looked for on lines at most this long: a
// date line is short, and reading a line node by node copies it.
constexpr size_t kMaxSplitDateLineChars = 200;
// A byline box after the text ("作者：张三  来源：新华网  2021-03-05") is at most this long.
constexpr size_t kMaxBylineBoxLineChars = 80;
// "本贴由大卫于2005年8月12日16:12:21在〖心灵体操〗发表": at most this many characters between the
// end of the date and its verb.
constexpr size_t kMaxVerbDistance = 24;
// Ancestors looked at when asking whether a text node sits in a link or a headline.
constexpr int kMaxAncestorLevels = 4;
// Two-digit years before a 年 ("09年7月16日"): below the pivot they are 20xx, else 19xx.
constexpr int kTwoDigitYearPivot = 50;
// A page may print the date of the day it was fetched in another time zone: a day of slack.
constexpr std::chrono::hours kFutureSlack{24};
constexpr int kMonthsPerYear = 12;
constexpr int kHoursPerHalfDay = 12;
constexpr int kMaxHour = 23;
constexpr int kMaxMinute = 59;
constexpr int kMaxZoneHours = 14;
constexpr int kMinutesPerHour = 60;

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Full-width digits, colon, slash, hyphen, dot and space as ASCII; ASCII letters lower-case.
// Folding keeps one code point per code point, so offsets stay valid.
char32_t Fold(char32_t c) {
  if (c >= 0xFF10 && c <= 0xFF19) return '0' + (c - 0xFF10);
  if (c >= 'A' && c <= 'Z') return c + ('a' - 'A');
  switch (c) {
    case 0xFF1A:
      return ':';
    case 0xFF0F:
      return '/';
    case 0xFF0D:
    case 0x2010:
    case 0x2011:
    case 0x2013:
      return '-';
    case 0xFF0E:
      return '.';
    case 0x3000:
    case 0xA0:
    case '\t':
    case '\n':
    case '\r':
      return ' ';
    default:
      return c;
  }
}

std::u32string FoldText(std::u32string t) {
  for (char32_t& c : t) c = Fold(c);
  return t;
}

bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char32_t c) { return c >= 'a' && c <= 'z'; }  // folded text

// Reads min_digits..max_digits digits at i (not followed by another digit); returns the value
// or -1 and leaves i unchanged.
int ReadNumber(const std::u32string& t, size_t& i, size_t min_digits, size_t max_digits) {
  size_t start = i;
  int v = 0;
  while (i < t.size() && IsAsciiDigit(t[i]) && i - start < max_digits) v = v * 10 + (t[i++] - '0');
  if (i - start < min_digits || (i < t.size() && IsAsciiDigit(t[i]))) {
    i = start;
    return -1;
  }
  return v;
}

// Reads exactly `digits` digits at i, whatever follows ("+0800" is two pairs); -1 otherwise.
int ReadFixedDigits(const std::u32string& t, size_t& i, size_t digits) {
  if (i + digits > t.size()) return -1;
  int v = 0;
  for (size_t k = i; k < i + digits; ++k) {
    if (!IsAsciiDigit(t[k])) return -1;
    v = v * 10 + static_cast<int>(t[k] - '0');
  }
  i += digits;
  return v;
}

void SkipSpaces(const std::u32string& t, size_t& i) {
  while (i < t.size() && t[i] == ' ') ++i;
}

bool HasAt(const std::u32string& t, size_t i, std::u32string_view word) {
  return i + word.size() <= t.size() && std::u32string_view(t).substr(i, word.size()) == word;
}

struct Match {
  DateTimeValue value;
  size_t begin = 0;
  size_t end = 0;
  bool twelve_hour_clock = false;  // the time carried AM/PM (a US-style page)
};

bool Valid(const DateTimeValue& v, const DateParseOptions& o) {
  if (v.month < 1 || v.month > kMonthsPerYear || v.day < 1 ||
      v.day > DaysInMonth(v.year, v.month)) {
    return false;
  }
  if (v.year < o.min_year) return false;
  if (o.max_yyyymmdd > 0 && v.year * 10000 + v.month * 100 + v.day > o.max_yyyymmdd) return false;
  return true;
}

// A 12-hour clock marker at i ("下午", "PM", "p.m."); ASCII markers must end a word.
const Meridiem* MeridiemAt(const std::u32string& t, size_t i) {
  for (const Meridiem& m : MeridiemMarkers()) {
    if (!HasAt(t, i, m.text)) continue;
    size_t e = i + m.text.size();
    if (IsAsciiLetter(m.text.front()) && e < t.size() && IsAsciiLetter(t[e])) continue;
    return &m;
  }
  return nullptr;
}

// An optional time after a date at i: "10:54:39", "10:54", "10时54分", "T08:30:00+08:00",
// "下午 3:46", "9:23:57 PM", with an optional zone. On success sets the time (and zone) and
// moves i past it; otherwise changes nothing.
void ReadTime(const std::u32string& t, size_t& i, Match& m) {
  size_t j = i;
  bool iso = j < t.size() && t[j] == 't';
  if (iso) {
    ++j;
  } else {
    SkipSpaces(t, j);
    if (j < t.size() && t[j] == ',') ++j;
    SkipSpaces(t, j);
  }
  const Meridiem* meridiem = MeridiemAt(t, j);
  if (meridiem != nullptr) {
    j += meridiem->text.size();
    SkipSpaces(t, j);
  }
  int hour = ReadNumber(t, j, 1, 2);
  if (hour < 0 || hour > kMaxHour || j >= t.size()) return;
  bool chinese = t[j] == U'时' || t[j] == U'点';
  if (t[j] != ':' && !chinese) return;
  ++j;
  int minute = ReadNumber(t, j, chinese ? 1 : 2, 2);
  if (minute < 0 || minute > kMaxMinute) return;
  if (chinese && j < t.size() && t[j] == U'分') ++j;
  int second = 0;
  bool has_seconds = false;
  if (j < t.size() && (t[j] == ':' || (chinese && IsAsciiDigit(t[j])))) {
    size_t k = t[j] == ':' ? j + 1 : j;
    int s = ReadNumber(t, k, 2, 2);
    if (s >= 0 && s <= kMaxMinute) {
      second = s;
      has_seconds = true;
      j = k;
      if (chinese && j < t.size() && t[j] == U'秒') ++j;
    }
  }
  // Fractions of a second.
  if (j < t.size() && t[j] == '.') {
    size_t k = j + 1;
    while (k < t.size() && IsAsciiDigit(t[k])) ++k;
    if (k > j + 1) j = k;
  }
  if (meridiem == nullptr) {
    size_t k = j;
    SkipSpaces(t, k);
    meridiem = MeridiemAt(t, k);
    if (meridiem != nullptr) j = k + meridiem->text.size();
  }
  if (meridiem != nullptr) {
    if (hour < 1 || hour > kHoursPerHalfDay) return;
    hour = hour % kHoursPerHalfDay + (meridiem->after_noon ? kHoursPerHalfDay : 0);
    m.twelve_hour_clock = true;
  }
  DateTimeValue& v = m.value;
  v.has_time = true;
  v.hour = hour;
  v.minute = minute;
  v.second = second;
  // A zone right after the time: "Z", "+08:00", "UTC", "GMT+8".
  size_t named = j;
  SkipSpaces(t, named);
  for (const ZoneName& zone : ZoneNames()) {
    size_t e = named + zone.name.size();
    if (HasAt(t, named, zone.name) && (e >= t.size() || !IsAsciiLetter(t[e]))) {
      v.utc_offset_minutes = zone.utc_offset_minutes;
      j = e;
      break;
    }
  }
  if (v.utc_offset_minutes) {
    // "GMT+8", "UTC+08:00", "GMT+0800": an offset after UTC or GMT (not after a named zone).
    size_t k = j + 1;
    bool sign = *v.utc_offset_minutes == 0 && j < t.size() && (t[j] == '+' || t[j] == '-');
    int hh = sign ? ReadFixedDigits(t, k, 2) : -1;
    if (sign && hh < 0) hh = ReadNumber(t, k, 1, 1);
    if (hh >= 0 && hh <= kMaxZoneHours) {
      if (k < t.size() && t[k] == ':') ++k;
      size_t l = k;
      int mm = ReadFixedDigits(t, l, 2);
      if (mm >= 0 && mm <= kMaxMinute) {
        k = l;
      } else {
        mm = 0;
        if (t[k - 1] == ':') --k;
      }
      int off = hh * kMinutesPerHour + mm;
      if (off <= kMaxZoneHours * kMinutesPerHour) {  // "GMT+14:16" is no zone: GMT alone
        v.utc_offset_minutes = t[j] == '-' ? -off : off;
        j = k;
      }
    }
  } else if (j < t.size() && t[j] == 'z') {
    v.utc_offset_minutes = 0;
    ++j;
  } else if ((iso || has_seconds) && j < t.size() && (t[j] == '+' || t[j] == '-')) {
    // A numeric offset only after an ISO "T" or seconds: "09:00-11:30" is a range, not a zone.
    size_t k = j + 1;
    int hh = ReadFixedDigits(t, k, 2);
    if (hh >= 0 && hh <= kMaxZoneHours) {
      if (k < t.size() && t[k] == ':') ++k;
      int mm = ReadFixedDigits(t, k, 2);
      int off = hh * kMinutesPerHour + mm;
      if (mm >= 0 && mm <= kMaxMinute && off <= kMaxZoneHours * kMinutesPerHour) {
        v.utc_offset_minutes = t[j] == '-' ? -off : off;
        j = k;
      }
    }
  }
  i = j;
}

// A date starting with its year at i: "2009-07-16", "2009/7/16", "2009.07.16", "2021年3月5日",
// "09年7月16日" (two-digit years only before 年).
std::optional<Match> YearFirstDateAt(const std::u32string& t, size_t i) {
  if (i > 0 && IsAsciiDigit(t[i - 1])) return std::nullopt;
  size_t j = i;
  int year = ReadNumber(t, j, 2, 4);
  if (year < 0) return std::nullopt;
  size_t year_digits = j - i;
  SkipSpaces(t, j);
  if (j >= t.size()) return std::nullopt;
  char32_t sep = t[j];
  bool chinese = sep == U'年';
  if (!chinese && sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  if (year_digits != 4) {
    if (!chinese || year_digits != 2) return std::nullopt;
    year += year < kTwoDigitYearPivot ? 2000 : 1900;
  }
  ++j;
  SkipSpaces(t, j);
  int month = ReadNumber(t, j, 1, 2);
  if (month < 0) return std::nullopt;
  SkipSpaces(t, j);
  if (j >= t.size()) return std::nullopt;
  if (chinese ? t[j] != U'月' : t[j] != sep) return std::nullopt;
  ++j;
  SkipSpaces(t, j);
  int day = ReadNumber(t, j, 1, 2);
  if (day < 0) return std::nullopt;
  if (chinese) {
    if (j < t.size() && (t[j] == U'日' || t[j] == U'号')) ++j;
  } else if (j < t.size() && (t[j] == sep || IsAsciiDigit(t[j]))) {
    return std::nullopt;  // "2009-07-16-3", version numbers
  }
  Match m;
  m.value.year = year;
  m.value.month = month;
  m.value.day = day;
  m.begin = i;
  ReadTime(t, j, m);
  m.end = j;
  return m;
}

// A date ending with a four-digit year: "16.07.2009" (day first), "9/17/2004 5:54:13 AM"
// (month first). Which number is the day is decided by a number above 12, else by the
// separator (dots: day first) or a 12-hour clock (slashes with AM/PM: month first, as US
// servers print it); otherwise the date is ambiguous and skipped.
std::optional<Match> YearLastDateAt(const std::u32string& t, size_t i) {
  if (i > 0 && (IsAsciiDigit(t[i - 1]) || t[i - 1] == '/' || t[i - 1] == '.' || t[i - 1] == '-')) {
    return std::nullopt;
  }
  size_t j = i;
  int first = ReadNumber(t, j, 1, 2);
  if (first < 0 || j >= t.size()) return std::nullopt;
  char32_t sep = t[j];
  if (sep != '/' && sep != '.' && sep != '-') return std::nullopt;
  ++j;
  if (sep == '.') SkipSpaces(t, j);
  int second = ReadNumber(t, j, 1, 2);
  if (second < 0 || j >= t.size() || t[j] != sep) return std::nullopt;
  ++j;
  if (sep == '.') SkipSpaces(t, j);
  int year = ReadNumber(t, j, 4, 4);
  if (year < 0) return std::nullopt;
  if (j < t.size() && (t[j] == sep || IsAsciiDigit(t[j]))) return std::nullopt;
  Match m;
  m.begin = i;
  ReadTime(t, j, m);
  m.end = j;
  bool day_first;
  if (first > kMonthsPerYear && second <= kMonthsPerYear) {
    day_first = true;
  } else if (second > kMonthsPerYear && first <= kMonthsPerYear) {
    day_first = false;
  } else if (sep == '.') {
    day_first = true;
  } else if (sep == '/' && m.twelve_hour_clock) {
    day_first = false;
  } else {
    return std::nullopt;
  }
  m.value.year = year;
  m.value.month = day_first ? second : first;
  m.value.day = day_first ? first : second;
  return m;
}

std::optional<int> MonthAt(const std::u32string& t, size_t i, size_t* end) {
  if (i > 0 && IsAsciiLetter(t[i - 1])) return std::nullopt;
  for (const auto& m : EnglishMonths()) {
    if (i + m.name.size() > t.size()) continue;
    bool same = true;
    for (size_t k = 0; k < m.name.size() && same; ++k) {
      same = t[i + k] == static_cast<unsigned char>(m.name[k]);
    }
    if (!same) continue;
    size_t e = i + m.name.size();
    if (e < t.size() && t[e] == '.') ++e;
    if (e < t.size() && IsAsciiLetter(t[e])) continue;
    *end = e;
    return m.month;
  }
  return std::nullopt;
}

// "March 5, 2021", "Mar. 5 2021", "Sept. 12th, 2019", "5 March 2021", with an optional time.
std::optional<Match> EnglishDateAt(const std::u32string& t, size_t i) {
  size_t e;
  Match m;
  m.begin = i;
  size_t j;
  if (auto month = MonthAt(t, i, &e)) {
    j = e;
    SkipSpaces(t, j);
    int day = ReadNumber(t, j, 1, 2);
    if (day < 0) return std::nullopt;
    for (std::u32string_view suffix : {U"st", U"nd", U"rd", U"th"}) {
      if (HasAt(t, j, suffix)) {
        j += suffix.size();
        break;
      }
    }
    if (j < t.size() && t[j] == ',') ++j;
    SkipSpaces(t, j);
    int year = ReadNumber(t, j, 4, 4);
    if (year < 0) return std::nullopt;
    m.value.year = year;
    m.value.month = *month;
    m.value.day = day;
  } else if (IsAsciiDigit(t[i]) && (i == 0 || !IsAsciiDigit(t[i - 1]))) {
    j = i;
    int day = ReadNumber(t, j, 1, 2);
    if (day < 0) return std::nullopt;
    SkipSpaces(t, j);
    if (j >= t.size()) return std::nullopt;
    month = MonthAt(t, j, &e);
    if (!month) return std::nullopt;
    j = e;
    if (j < t.size() && t[j] == ',') ++j;
    SkipSpaces(t, j);
    int year = ReadNumber(t, j, 4, 4);
    if (year < 0) return std::nullopt;
    m.value.year = year;
    m.value.month = *month;
    m.value.day = day;
  } else {
    return std::nullopt;
  }
  ReadTime(t, j, m);
  m.end = j;
  return m;
}

// Valid dates in folded text, in order, at most `limit` of them.
std::vector<Match> FindDates(const std::u32string& folded, const DateParseOptions& o,
                             size_t limit) {
  std::vector<Match> out;
  for (size_t i = 0; i < folded.size() && out.size() < limit;) {
    char32_t c = folded[i];
    std::optional<Match> m;
    if (IsAsciiDigit(c)) {
      m = YearFirstDateAt(folded, i);
      if (!m || !Valid(m->value, o)) m = YearLastDateAt(folded, i);
      if (!m || !Valid(m->value, o)) m = EnglishDateAt(folded, i);
    } else if (IsAsciiLetter(c)) {
      m = EnglishDateAt(folded, i);
    }
    if (m && Valid(m->value, o)) {
      out.push_back(*m);
      i = m->end;
      continue;
    }
    // Skip the rest of a digit or letter run: dates start at run boundaries.
    if (IsAsciiDigit(c)) {
      while (i < folded.size() && IsAsciiDigit(folded[i])) ++i;
    } else if (IsAsciiLetter(c)) {
      while (i < folded.size() && IsAsciiLetter(folded[i])) ++i;
    } else {
      ++i;
    }
  }
  return out;
}

// The label printed just before position `begin` of folded text, if any.
std::optional<DateLabel> LabelBefore(const std::u32string& t, size_t begin) {
  static const std::vector<std::pair<std::u32string, DateLabel>> labels = [] {
    std::vector<std::pair<std::u32string, DateLabel>> v;
    for (const auto& l : DateLabels()) v.emplace_back(ToU32(l.text), l);
    return v;
  }();
  size_t end = begin;
  size_t gap = 0;
  while (end > 0 && gap <= kMaxLabelGap) {
    char32_t c = t[end - 1];
    if (c == ' ') {
      --end;
    } else if (LabelSeparators().find(c) != std::u32string_view::npos) {
      --end;
      ++gap;
    } else {
      break;
    }
  }
  if (gap > kMaxLabelGap) return std::nullopt;
  for (const auto& [text, label] : labels) {
    if (text.size() <= end &&
        std::u32string_view(t).substr(end - text.size(), text.size()) == text) {
      return label;
    }
  }
  return std::nullopt;
}

// "于2005年8月12日…发表": a date between a preposition and a publishing verb.
std::optional<DateLabel> VerbAfter(const std::u32string& t, const Match& m) {
  size_t b = m.begin;
  while (b > 0 && t[b - 1] == ' ') --b;
  bool preposition = false;
  for (std::u32string_view p : DatePrepositions()) {
    preposition = preposition || (b >= p.size() && HasAt(t, b - p.size(), p));
  }
  if (!preposition) return std::nullopt;
  size_t limit = std::min(t.size(), m.end + kMaxVerbDistance);
  static const std::vector<std::string> verbs = [] {
    std::vector<std::string> v;
    for (std::u32string_view verb : PublishVerbsAfterDate()) v.push_back(u32::ToUtf8(verb));
    return v;
  }();
  for (size_t i = m.end; i < limit; ++i) {
    size_t k = 0;
    for (std::u32string_view verb : PublishVerbsAfterDate()) {
      if (i + verb.size() <= limit && HasAt(t, i, verb)) {
        return DateLabel{verbs[k], DateLabelKind::kPublishTime};
      }
      ++k;
    }
  }
  return std::nullopt;
}

// True when only label separators and spaces come before `begin`.
bool StartsLine(const std::u32string& t, size_t begin) {
  for (size_t i = 0; i < begin; ++i) {
    if (t[i] != ' ' && LabelSeparators().find(t[i]) == std::u32string_view::npos) return false;
  }
  return true;
}

bool HasAncestorTag(const Document& doc, NodeId node,
                    std::initializer_list<std::string_view> tags) {
  int level = 0;
  for (NodeId i = doc.node(node).parent; i != kNoNode && level < kMaxAncestorLevels;
       i = doc.node(i).parent, ++level) {
    for (std::string_view tag : tags) {
      if (doc.node(i).tag == tag) return true;
    }
  }
  return false;
}

// The text node holding code point `offset` of a line, walking its nodes as BuildLines did
// (hidden and invisible subtrees skipped).
NodeId NodeAtOffset(const Document& doc, const Line& line, size_t offset) {
  size_t pos = 0;
  for (NodeId i = line.first; i != kNoNode && i <= line.last;) {
    const Node& n = doc.node(i);
    if (n.type == NodeType::kText) {
      pos += ToU32(n.text).size();
      if (offset < pos) return i;
      ++i;
    } else if (n.IsInvisible() || n.IsHidden()) {
      i = n.subtree_end;
    } else {
      ++i;
    }
  }
  return line.last;
}

// Dates of a line read text node by text node, for templates that split the date over elements
// so that the line's text holds none. One glues the date and the time in adjacent elements with
// no space between them: "<span>2021-03-05</span><span>10:54</span>" reads "2021-03-0510:54";
// a date ending its node takes the time that opens the next one. Offsets are the line's.
std::vector<Match> FindDatesByNode(const Document& doc, const Line& line, const DateParseOptions& o,
                                   size_t limit) {
  struct Piece {
    size_t begin;
    std::u32string folded;
  };
  std::vector<Piece> pieces;
  size_t pos = 0;
  for (NodeId i = line.first; i != kNoNode && i <= line.last;) {
    const Node& n = doc.node(i);
    if (n.type == NodeType::kText) {
      pieces.push_back({pos, FoldText(ToU32(n.text))});
      pos += pieces.back().folded.size();
      ++i;
    } else if (n.IsInvisible() || n.IsHidden()) {
      i = n.subtree_end;
    } else {
      ++i;
    }
  }
  std::vector<Match> out;
  if (pieces.size() < 2) return out;
  for (size_t k = 0; k < pieces.size() && out.size() < limit; ++k) {
    const std::u32string& text = pieces[k].folded;
    for (Match m : FindDates(text, o, limit - out.size())) {
      bool ends_node = std::all_of(text.begin() + static_cast<std::ptrdiff_t>(m.end), text.end(),
                                   [](char32_t c) { return c == ' '; });
      m.begin += pieces[k].begin;
      m.end += pieces[k].begin;
      if (ends_node && !m.value.has_time && k + 1 < pieces.size()) {
        const std::u32string& next = pieces[k + 1].folded;
        size_t i = 0;
        SkipSpaces(next, i);
        if (i < next.size() && IsAsciiDigit(next[i])) {
          Match timed = m;
          ReadTime(next, i, timed);
          if (timed.value.has_time) {
            m = timed;
            m.end = pieces[k + 1].begin + i;
          }
        }
      }
      out.push_back(m);
    }
  }
  if (!out.empty()) return out;
  // The year alone in its element and the month and day in the next ones, as 新华网-like
  // headers print it: "<span class=year>2023</span><span class=day>07/21</span>" (read
  // "2023 07/21"): the year joins the month and day with their own separator.
  for (size_t k = 0; k + 1 < pieces.size() && out.size() < limit; ++k) {
    const std::u32string& year_text = pieces[k].folded;
    size_t y = year_text.find_first_not_of(U' ');
    if (y == std::u32string::npos || year_text.size() - y != 4 ||
        !std::all_of(year_text.begin() + static_cast<std::ptrdiff_t>(y), year_text.end(),
                     IsAsciiDigit)) {
      continue;
    }
    size_t rest_begin = pieces[k + 1].begin;
    std::u32string rest;
    for (size_t r = k + 1; r < pieces.size(); ++r) rest += pieces[r].folded;
    size_t skip = rest.find_first_not_of(U' ');
    if (skip == std::u32string::npos) continue;
    size_t month_end = skip;
    while (month_end < rest.size() && IsAsciiDigit(rest[month_end])) ++month_end;
    if (month_end == skip || month_end - skip > 2 || month_end >= rest.size()) continue;
    char32_t sep = rest[month_end];
    if (sep != '-' && sep != '/' && sep != '.') continue;
    std::u32string joined = year_text.substr(y) + sep + rest.substr(skip);
    auto m = YearFirstDateAt(joined, 0);
    if (!m || !Valid(m->value, o)) continue;
    m->begin = pieces[k].begin + y;
    m->end = rest_begin + skip + (m->end - 5);
    out.push_back(*m);
    break;
  }
  return out;
}

// ArticleZones starts the header at the nearest line that looks like a headline, and a
// "title" class in a share bar can pass for one. When the header holds no real headline
// (h1–h3) but one stands a little higher, the header reaches up to it.
void ExtendHeaderToHeadline(const Document& doc, const std::vector<Line>& lines,
                            std::vector<Zone>& zones) {
  auto text_start =
      std::find_if(zones.begin(), zones.end(), [](Zone z) { return z == kLead || z == kTail; });
  if (text_start == zones.end()) return;
  int cs = static_cast<int>(text_start - zones.begin());
  auto is_headline = [&](int l) { return HasAncestorTag(doc, lines[l].first, {"h1", "h2", "h3"}); };
  int lowest = std::max(0, cs - kMaxHeaderLines);
  for (int l = cs - 1; l >= lowest; --l) {
    if (zones[l] == kHeader && is_headline(l)) return;
  }
  for (int l = cs - 1; l >= lowest; --l) {
    if (!is_headline(l)) continue;
    for (int k = std::max(0, l - kLinesAboveHeadline); k < cs; ++k) {
      if (zones[k] == kNone) zones[k] = kHeader;
    }
    return;
  }
}

// True when the words before a date on its line (since the previous date on it, `from`) make
// it another item's date: a recommended or related article, a comment, the page clock
// (date_patterns.h).
bool IsOtherItemDate(const std::u32string& t, size_t from, size_t begin) {
  std::u32string_view before = std::u32string_view(t).substr(from, begin - from);
  for (std::u32string_view marker : OtherItemDateMarkers()) {
    if (before.find(marker) != std::u32string_view::npos) return true;
  }
  return false;
}

// Comment heading lines are short: a heading, perhaps with a note on the rules of the section.
constexpr size_t kMaxCommentHeadingChars = 60;

// True for a line that heads a comment or reply section: it opens with a comment heading
// (CommentHeadings) that is not a link ("【<a>发表评论</a>】" in a tool bar is a button).
bool IsCommentHeading(const Document& doc, const Line& line) {
  std::u32string_view text = line.text;
  while (!text.empty() && (text.front() == ' ' || text.front() == 0x3000)) text.remove_prefix(1);
  if (text.size() > kMaxCommentHeadingChars) return false;
  bool heading = std::any_of(CommentHeadings().begin(), CommentHeadings().end(),
                             [text](std::u32string_view h) { return text.starts_with(h); });
  return heading && line.first != kNoNode && !HasAncestorTag(doc, line.first, {"a"});
}

// True when the element's class or id names a comment area: one of its names has a part among
// CommentClassTokens ("comment_border", "commentlist", "reply-list") and none among
// CommentWidgetParts ("date-and-comments", "comment-count" are byline bar items).
bool IsCommentArea(const Document& doc, NodeId id) {
  const Node& n = doc.node(id);
  auto is_in = [](std::string_view part, std::span<const std::string_view> words) {
    return std::find(words.begin(), words.end(), part) != words.end();
  };
  for (std::string_view value : {std::string_view(n.class_lower), std::string_view(n.id_lower)}) {
    size_t i = 0;
    while (i < value.size()) {
      size_t end = value.find_first_of(" \t\n", i);
      if (end == std::string_view::npos) end = value.size();
      std::string_view name = value.substr(i, end - i);
      bool comment = false, widget = false;
      size_t j = 0;
      while (j <= name.size()) {
        size_t k = name.find_first_of("-_", j);
        if (k == std::string_view::npos) k = name.size();
        std::string_view part = name.substr(j, k - j);
        comment = comment || is_in(part, CommentClassTokens());
        widget = widget || is_in(part, CommentWidgetParts());
        j = k + 1;
      }
      if (comment && !widget) return true;
      i = end + 1;
    }
  }
  return false;
}

// Lines inside comment or reply areas: below an element whose class or id names comments
// (comment, reply, pinglun …; CommentClassTokens), or after a comment heading below the text
// (zones kTail and kAfter). A <form> is no sign: ASP.NET pages wrap the whole page in one.
std::vector<char> CommentLines(const Document& doc, const std::vector<Line>& lines,
                               const std::vector<Zone>& zones) {
  std::vector<char> out(lines.size(), 0);
  bool after_heading = false;
  for (size_t l = 0; l < lines.size(); ++l) {
    if (lines[l].first == kNoNode) continue;
    bool below_text = zones[l] == kTail || zones[l] == kAfter;
    if (after_heading && below_text) {
      out[l] = 1;
      continue;
    }
    if (below_text && IsCommentHeading(doc, lines[l])) after_heading = true;
    for (NodeId i = doc.node(lines[l].first).parent; i != kNoNode; i = doc.node(i).parent) {
      if (doc.IsElement(i, "body") || doc.IsElement(i, "html")) break;
      if (IsCommentArea(doc, i)) {
        out[l] = 1;
        break;
      }
    }
  }
  return out;
}

struct Candidate {
  DateTimeValue value;
  std::string label;  // as printed, "" when unlabelled
  std::optional<DateLabelKind> kind;
  Zone zone = kNone;  // kNone: inside the text, between its lead and its tail
  size_t line = 0;
  bool ends_line = false;   // nothing but spaces after the date (and its time) on its line
  bool byline_box = false;  // after the text, on a line with 来源/作者/编辑 (BylineBoxWords)
};

bool IsPublishLabel(const Candidate& c) { return c.kind && *c.kind != DateLabelKind::kUpdate; }

// A template that prints the date and the time in two block elements ("<div class=date>
// 2024-05-20</div><div class=time>14:33</div>") cuts them into two lines: a date ending its line
// takes the time that opens the next one.
DateTimeValue TimeOnTheNextLine(const Candidate& c, const std::vector<Line>& lines) {
  if (c.value.has_time || !c.ends_line || c.line + 1 >= lines.size()) return c.value;
  std::u32string next = FoldText(lines[c.line + 1].text);
  size_t i = 0;
  SkipSpaces(next, i);
  if (i >= next.size() || !IsAsciiDigit(next[i])) return c.value;
  Match m;
  m.value = c.value;
  ReadTime(next, i, m);
  return m.value;
}

// Printed dates of the article's zones, in page order: every date of the header, labelled and
// short-line dates of the text's lead and tail and after it, and labelled publication dates in
// the middle of the text. Dates in links and on lines listing several dates are left out.
std::vector<Candidate> PrintedDates(const Document& doc, const std::vector<Line>& lines,
                                    const std::vector<Zone>& zones, const DateParseOptions& o,
                                    bool* has_text) {
  std::vector<Candidate> out;
  int first_text = -1, last_text = -1;
  for (size_t l = 0; l < zones.size(); ++l) {
    if (zones[l] == kLead || zones[l] == kTail) {
      if (first_text < 0) first_text = static_cast<int>(l);
      last_text = static_cast<int>(l);
    }
  }
  *has_text = first_text >= 0;
  std::vector<char> comment_lines = CommentLines(doc, lines, zones);
  for (size_t l = 0; l < lines.size(); ++l) {
    Zone zone = zones[l];
    if (comment_lines[l]) continue;  // a comment's date, never the article's
    bool middle =
        zone == kNone && static_cast<int>(l) > first_text && static_cast<int>(l) < last_text;
    if (zone == kNone && !middle) continue;
    const Line& line = lines[l];
    std::u32string folded = FoldText(line.text);
    auto found = FindDates(folded, o, kMaxDatesPerHeaderLine + 1);
    if (found.empty() && line.text.size() <= kMaxSplitDateLineChars &&
        std::any_of(folded.begin(), folded.end(), IsAsciiDigit)) {
      found = FindDatesByNode(doc, line, o, kMaxDatesPerHeaderLine + 1);
    }
    if (found.empty() || found.size() > kMaxDatesPerHeaderLine) continue;
    bool short_line = line.text.size() <= kMaxLeadDateLineChars;
    bool byline_box =
        (zone == kTail || zone == kAfter) && line.text.size() <= kMaxBylineBoxLineChars &&
        std::any_of(BylineBoxWords().begin(), BylineBoxWords().end(),
                    [&](std::u32string_view w) { return folded.find(w) != std::u32string::npos; });
    for (const Match& m : found) {
      if (line.first != kNoNode && HasAncestorTag(doc, NodeAtOffset(doc, line, m.begin), {"a"})) {
        continue;
      }
      size_t previous_end = &m == &found.front() ? 0 : (&m - 1)->end;
      if (IsOtherItemDate(folded, previous_end, m.begin)) continue;
      std::optional<DateLabel> label = LabelBefore(folded, m.begin);
      if (!label && l > 0 && StartsLine(folded, m.begin)) {
        // A label in the cell before: "成文日期： | 2022年01月27日".
        std::u32string previous = FoldText(lines[l - 1].text);
        label = LabelBefore(previous, previous.size());
      }
      if (!label) label = VerbAfter(folded, m);
      Candidate c;
      c.value = m.value;
      c.zone = zone;
      c.line = l;
      c.ends_line = std::all_of(folded.begin() + static_cast<std::ptrdiff_t>(m.end), folded.end(),
                                [](char32_t ch) { return ch == ' '; });
      if (label) {
        c.kind = label->kind;
        c.label = std::string(label->text);
      }
      if (middle && !IsPublishLabel(c)) continue;
      c.byline_box = byline_box && !c.kind;
      if (!c.kind && zone != kHeader && !short_line && !c.byline_box) continue;
      out.push_back(std::move(c));
    }
  }
  return out;
}

// Publication dates the page's metadata declares, in order of trust: <meta>
// (article:published_time ...), JSON-LD datePublished, <time datetime> (itemprop=datePublished
// or pubdate first).
std::vector<DateTimeValue> MetadataPublished(const Document& doc, const JsonLdArticle& ld,
                                             const DateParseOptions& o) {
  std::vector<std::string> texts = MetaContents(doc, PublishedMetaNames());
  if (ld.date_published) texts.push_back(*ld.date_published);
  std::vector<std::string> plain_times;
  for (NodeId t : doc.FindAll("time")) {
    auto dt = doc.Attr(t, "datetime");
    if (!dt) continue;
    bool marked = doc.Attr(t, "pubdate") ||
                  LowerAscii(doc.Attr(t, "itemprop").value_or("")) == "datepublished";
    (marked ? texts : plain_times).emplace_back(*dt);
  }
  if (!plain_times.empty()) texts.push_back(plain_times.front());
  std::vector<DateTimeValue> out;
  for (const auto& text : texts) {
    if (auto v = ParseDateTime(text, o)) out.push_back(*v);
  }
  return out;
}

// The string value of `"key": "..."` in the page's JSON-LD blocks, found textually. ReadJsonLd
// skips blocks that do not parse as JSON, and real pages wrap theirs in <![CDATA[ ... ]]> or
// leave trailing commas; dates are flat strings, so a textual look-up is enough as a fallback.
std::optional<std::string> JsonLdValueText(const Document& doc, std::string_view key) {
  std::string quoted = "\"" + std::string(key) + "\"";
  for (NodeId script : doc.FindAll("script")) {
    auto type = doc.Attr(script, "type");
    if (!type || type->find("ld+json") == std::string_view::npos) continue;
    for (NodeId child : doc.node(script).children) {
      const std::string& text = doc.node(child).text;
      size_t at = text.find(quoted);
      if (at == std::string::npos) continue;
      size_t i = at + quoted.size();
      while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
      if (i >= text.size() || text[i] != ':') continue;
      ++i;
      while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
      if (i >= text.size() || text[i] != '"') continue;
      size_t end = text.find('"', i + 1);
      if (end == std::string::npos) continue;
      return text.substr(i + 1, end - i - 1);
    }
  }
  return std::nullopt;
}

std::optional<DateTimeValue> MetadataModified(const Document& doc, const JsonLdArticle& ld,
                                              const DateParseOptions& o) {
  std::vector<std::string> texts = MetaContents(doc, ModifiedMetaNames());
  if (ld.date_modified) texts.push_back(*ld.date_modified);
  for (const auto& text : texts) {
    if (auto v = ParseDateTime(text, o)) return v;
  }
  return std::nullopt;
}

// Dates printed anywhere in the page's visible text (lines with at most two dates), as
// YYYY-MM-DD; used to tell which of several metadata dates the page itself shows.
std::set<std::string> VisibleDateStrings(const std::vector<Line>& lines,
                                         const DateParseOptions& o) {
  std::set<std::string> out;
  for (const Line& line : lines) {
    auto found = FindDates(FoldText(line.text), o, kMaxDatesPerHeaderLine + 1);
    if (found.size() > kMaxDatesPerHeaderLine) continue;
    for (const Match& m : found) out.insert(m.value.DateString());
  }
  return out;
}

int MaxYyyymmdd(std::chrono::system_clock::time_point fetched_at) {
  std::time_t t = std::chrono::system_clock::to_time_t(fetched_at + kFutureSlack);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

// Dates in the URL path, as CMSs of the kind write them: /2021/03/05/, /2021-03-05/,
// /20210305/, /202103/t20210305_123.html (TRS), /2021/0305/c1001-123.html (People's Daily and its
// imitators), /2021-03/05/content_123.htm, /art/2021/3/5/art_1_2.html (Hanweb), /202103/05/.
// A number glued to other digits is no date (an id such as 120210305 is not 2021-03-05); the
// first valid date wins. Only the path: a query's dates name what a page lists (calendars).
bool IsUrlDateSeparator(char32_t c) { return c == '/' || c == '-' || c == '_' || c == '.'; }

std::optional<DateTimeValue> UrlDate(const std::string& url, const DateParseOptions& o) {
  std::string_view path = url;
  if (size_t scheme = path.find("://"); scheme != std::string_view::npos) {
    size_t slash = path.find('/', scheme + 3);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  }
  path = path.substr(0, path.find_first_of("?#"));
  std::u32string t = ToU32(path);
  for (size_t i = 0; i < t.size(); ++i) {
    if (!IsAsciiDigit(t[i]) || (i > 0 && IsAsciiDigit(t[i - 1]))) continue;
    size_t run = i;
    while (run < t.size() && IsAsciiDigit(t[run])) ++run;
    DateTimeValue v;
    size_t j = i;
    if (run - i == 8 || run - i == 14) {  // YYYYMMDD, YYYYMMDDhhmmss
      int yyyymmdd = ReadFixedDigits(t, j, 8);
      v.year = yyyymmdd / 10000;
      v.month = yyyymmdd / 100 % 100;
      v.day = yyyymmdd % 100;
    } else if (run - i == 6 && run + 3 <= t.size() && t[run] == '/') {  // YYYYMM/DD
      int yyyymm = ReadFixedDigits(t, j, 6);
      size_t k = run + 1;
      int day = ReadNumber(t, k, 2, 2);
      if (day < 0) continue;
      v.year = yyyymm / 100;
      v.month = yyyymm % 100;
      v.day = day;
    } else if (run - i == 4 && run + 1 < t.size() && IsUrlDateSeparator(t[run])) {
      v.year = ReadFixedDigits(t, j, 4);
      size_t k = run + 1;
      size_t month_start = k;
      int month = ReadNumber(t, k, 1, 2);
      if (month >= 0 && k < t.size() && IsUrlDateSeparator(t[k])) {  // YYYY/M/D
        ++k;
        int day = ReadNumber(t, k, 1, 2);
        if (day < 0) continue;
        v.month = month;
        v.day = day;
      } else {  // YYYY/MMDD
        k = month_start;
        int mmdd = ReadNumber(t, k, 4, 4);
        if (mmdd < 0) continue;
        v.month = mmdd / 100;
        v.day = mmdd % 100;
      }
    } else {
      continue;
    }
    if (Valid(v, o)) return v;
  }
  return std::nullopt;
}

// Seconds since the epoch of the wall-clock reading of a value, as if it were UTC.
int64_t WallClockSeconds(const DateTimeValue& v) {
  std::tm tm{};
  tm.tm_year = v.year - 1900;
  tm.tm_mon = v.month - 1;
  tm.tm_mday = v.day;
  tm.tm_hour = v.hour;
  tm.tm_min = v.minute;
  tm.tm_sec = v.second;
  return static_cast<int64_t>(timegm(&tm));
}

// A printed time without a zone ("Nov 19, 2019 8:03 AM") and a metadata time with one
// ("2019-11-19T13:03:00Z") that agree to the minute, some whole quarter-hours apart, are the
// same instant: the difference is the zone the page printed in (−05:00 here). Otherwise the
// printed value is kept as is (the site's configured offset applies).
DateTimeValue ZoneFromMetadata(DateTimeValue printed, const std::vector<DateTimeValue>& metas) {
  if (!printed.has_time || printed.utc_offset_minutes) return printed;
  constexpr int64_t kSecondsPerMinute = 60;
  constexpr int64_t kZoneStepSeconds = 15 * kSecondsPerMinute;
  constexpr int64_t kMaxZoneSeconds = int64_t{kMaxZoneHours} * kMinutesPerHour * kSecondsPerMinute;
  for (const DateTimeValue& meta : metas) {
    if (!meta.has_time || !meta.utc_offset_minutes) continue;
    if (printed.second != 0 && printed.second != meta.second) continue;
    int64_t meta_utc = WallClockSeconds(meta) - *meta.utc_offset_minutes * kSecondsPerMinute;
    int64_t printed_wall = WallClockSeconds(printed) + meta.second - printed.second;
    int64_t diff = printed_wall - meta_utc;
    if (diff % kZoneStepSeconds != 0 || std::llabs(diff) > kMaxZoneSeconds) continue;
    printed.utc_offset_minutes = static_cast<int>(diff / kSecondsPerMinute);
    return printed;
  }
  return printed;
}

// Seconds since the epoch of a value read in the site's zone; only for ordering two values.
int64_t Instant(const DateTimeValue& v, int default_offset_minutes) {
  return WallClockSeconds(v) -
         int64_t{v.utc_offset_minutes.value_or(default_offset_minutes)} * kMinutesPerHour;
}

}  // namespace

std::string DateTimeValue::DateString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string DateTimeValue::Rfc3339(int default_offset_minutes) const {
  int off = utc_offset_minutes.value_or(default_offset_minutes);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year, month, day, hour,
                minute, second, off < 0 ? '-' : '+', std::abs(off) / kMinutesPerHour,
                std::abs(off) % kMinutesPerHour);
  return buf;
}

std::optional<DateTimeValue> ParseDateTime(std::string_view text, const DateParseOptions& options) {
  auto found = FindDates(FoldText(ToU32(text)), options, 1);
  if (found.empty()) return std::nullopt;
  return found.front().value;
}

std::optional<DateTimeValue> ParseDateTime(std::u32string_view text,
                                           const DateParseOptions& options) {
  auto found = FindDates(FoldText(std::u32string(text)), options, 1);
  if (found.empty()) return std::nullopt;
  return found.front().value;
}

DateFields ExtractDates(const PageContext& ctx, NodeId body_container) {
  const Document& doc = ctx.doc;
  DateFields out;
  if (doc.empty()) return out;
  DateParseOptions options;
  options.min_year = ctx.options.min_year;
  options.max_yyyymmdd = MaxYyyymmdd(ctx.fetched_at);
  int offset = ctx.options.utc_offset_minutes;

  const std::vector<Line>& lines = ctx.BodyLines();
  std::vector<Zone> zones = ArticleZones(doc, lines, body_container);
  ExtendHeaderToHeadline(doc, lines, zones);
  bool has_text = false;
  std::vector<Candidate> printed = PrintedDates(doc, lines, zones, options, &has_text);

  auto first = [&](auto predicate) -> const Candidate* {
    for (const auto& c : printed) {
      if (predicate(c)) return &c;
    }
    return nullptr;
  };
  auto last = [&](auto predicate) -> const Candidate* {
    for (auto it = printed.rbegin(); it != printed.rend(); ++it) {
      if (predicate(*it)) return &*it;
    }
    return nullptr;
  };

  // The article's date, in order of trust:
  // 1. a labelled date above the text or in its first lines (日期 before 发布时间);
  const Candidate* published = nullptr;
  for (Zone z : {kHeader, kLead}) {
    if (published) break;
    published = first(
        [z](const Candidate& c) { return c.zone == z && c.kind == DateLabelKind::kArticleDate; });
    if (!published) {
      published = first([z](const Candidate& c) { return c.zone == z && IsPublishLabel(c); });
    }
  }
  // 2. an unlabelled date above the text, the one nearest to it (the first one when the page
  //    has no text block to be near to);
  if (!published) {
    auto unlabelled_header = [](const Candidate& c) { return c.zone == kHeader && !c.kind; };
    published = has_text ? last(unlabelled_header) : first(unlabelled_header);
  }
  // 3. the page's metadata, preferring a value the page also prints;
  JsonLdArticle ld = ctx.JsonLd();
  if (!ld.date_published) ld.date_published = JsonLdValueText(doc, "datePublished");
  if (!ld.date_modified) ld.date_modified = JsonLdValueText(doc, "dateModified");
  std::optional<DateTimeValue> meta_published;
  std::vector<DateTimeValue> metas = MetadataPublished(doc, ld, options);
  if (!published) {
    if (!metas.empty()) meta_published = metas.front();
    bool disagree = std::any_of(metas.begin(), metas.end(), [&](const DateTimeValue& v) {
      return v.DateString() != metas.front().DateString();
    });
    if (disagree) {
      std::set<std::string> visible = VisibleDateStrings(lines, options);
      for (const auto& v : metas) {
        if (visible.count(v.DateString())) {
          meta_published = v;
          break;
        }
      }
    }
  }
  // Updates: a labelled upload/update line; a publish time next to a separate article date.
  const Candidate* updated =
      first([](const Candidate& c) { return c.zone != kNone && c.kind == DateLabelKind::kUpdate; });
  // 4. a labelled date at the end of the text or after it, then inside it ("于…发表"), then
  //    (with no upload line, which step 5 takes) an unlabelled dateline opening the text, then
  //    an unlabelled date in the byline box after the text;
  if (!published && !meta_published) {
    published = first([](const Candidate& c) {
      return (c.zone == kTail || c.zone == kAfter) && IsPublishLabel(c);
    });
    if (!published) {
      published = first([](const Candidate& c) { return c.zone == kNone && IsPublishLabel(c); });
    }
    if (!published && !updated) {
      published = first([](const Candidate& c) { return c.zone == kLead && !c.kind; });
    }
    if (!published && !updated) {
      published = first([](const Candidate& c) { return c.byline_box; });
    }
  }
  if (!updated && published && published->kind == DateLabelKind::kArticleDate) {
    updated = first([published](const Candidate& c) {
      return c.kind == DateLabelKind::kPublishTime && c.value.has_time &&
             c.value.DateString() != published->value.DateString();
    });
  }
  // 5. a page whose only date is an upload line: that is its date too, never a date in its text.
  if (!published && !meta_published && updated) published = updated;

  std::optional<DateTimeValue> chosen;
  if (published) chosen = ZoneFromMetadata(TimeOnTheNextLine(*published, lines), metas);
  if (!chosen) chosen = meta_published;
  // 6. the URL, when nothing is printed or declared.
  if (!chosen) chosen = UrlDate(ctx.base_url, options);
  if (chosen) {
    out.published_date = chosen->DateString();
    if (chosen->has_time) out.published_at = chosen->Rfc3339(offset);
  }
  if (updated && updated != published && updated->value.has_time) {
    out.updated_at = updated->value.Rfc3339(offset);
  } else if (!updated && chosen && chosen->has_time) {
    // Declared modification time, when later than the publication.
    auto modified = MetadataModified(doc, ld, options);
    if (modified && modified->has_time && Instant(*modified, offset) > Instant(*chosen, offset)) {
      out.updated_at = modified->Rfc3339(offset);
    }
  }

  // dates[]: the labelled dates of the header and the text's first lines, and the chosen ones.
  for (const auto& c : printed) {
    bool in_header = c.zone == kHeader || c.zone == kLead;
    if (&c != published && &c != updated && (c.label.empty() || !in_header)) continue;
    LabelledDate d;
    d.label = c.label;
    const DateTimeValue& v = &c == published ? *chosen : c.value;
    d.value = v.has_time ? v.Rfc3339(offset) : v.DateString();
    d.role = &c == published ? DateRole::kPublished
             : &c == updated ? DateRole::kUpdated
                             : DateRole::kOther;
    out.dates.push_back(std::move(d));
  }
  return out;
}

}  // namespace extract
