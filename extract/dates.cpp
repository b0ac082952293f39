// Date extraction. Printed dates are what the archive's users (and the labelled corpus) mean by
// an article's date, so printed, labelled dates near the headline win; page metadata
// (article:published_time, JSON-LD, <time>) comes next; the URL is the last resort.
#include "extract/dates.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

#include "extract/article_zones.h"
#include "extract/date_patterns.h"
#include "extract/json_ld.h"
#include "extract/u32_text.h"

namespace extract {
namespace {

using u32::IsDigit;
using u32::ToU32;
using u32::ToUtf8;

// How far before a date its label may start ("[日期: 2009-07-16]": brackets, colon, spaces).
constexpr size_t kMaxLabelGap = 4;
// A line holding more dates than this is a list of other articles, not an article header.
constexpr int kMaxDatesPerHeaderLine = 2;
// Dates found in the first lines of the text count only on short lines (a dateline), not in
// paragraphs that mention other dates.
constexpr size_t kMaxLeadDateLineChars = 40;

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Full-width digits, colon, slash, hyphen, dot and space as ASCII.
char32_t Fold(char32_t c) {
  if (c >= 0xFF10 && c <= 0xFF19) return '0' + (c - 0xFF10);
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
      return ' ';
    default:
      return c;
  }
}

bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

// Reads 1..max_digits digits at i; returns the value or -1.
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

void SkipSpaces(const std::u32string& t, size_t& i) {
  while (i < t.size() && t[i] == ' ') ++i;
}

struct Match {
  DateTimeValue value;
  size_t begin = 0;
  size_t end = 0;
};

bool Valid(const DateTimeValue& v, const DateParseOptions& o) {
  if (v.month < 1 || v.month > 12 || v.day < 1 || v.day > DaysInMonth(v.year, v.month)) {
    return false;
  }
  if (v.year < o.min_year) return false;
  if (o.max_yyyymmdd > 0 && v.year * 10000 + v.month * 100 + v.day > o.max_yyyymmdd) return false;
  return true;
}

// An optional time after a date: "10:54:39", "10:54", "10时54分", "T08:30:00+08:00".
void ReadTime(const std::u32string& t, size_t& i, DateTimeValue& v) {
  size_t save = i;
  size_t j = i;
  if (j < t.size() && (t[j] == 'T' || t[j] == 't')) {
    ++j;
  } else {
    SkipSpaces(t, j);
    if (j < t.size() && t[j] == ',') ++j;
    SkipSpaces(t, j);
  }
  int hour = ReadNumber(t, j, 1, 2);
  if (hour < 0 || hour > 23 || j >= t.size()) return;
  bool chinese = t[j] == U'时' || t[j] == U'点';
  if (t[j] != ':' && !chinese) return;
  ++j;
  int minute = ReadNumber(t, j, chinese ? 1 : 2, 2);
  if (minute < 0 || minute > 59) {
    i = save;
    return;
  }
  if (chinese && j < t.size() && t[j] == U'分') ++j;
  int second = 0;
  if (j < t.size() && (t[j] == ':' || (chinese && IsAsciiDigit(t[j])))) {
    size_t k = t[j] == ':' ? j + 1 : j;
    int s = ReadNumber(t, k, 2, 2);
    if (s >= 0 && s <= 59) {
      second = s;
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
  v.has_time = true;
  v.hour = hour;
  v.minute = minute;
  v.second = second;
  // A zone right after the time.
  if (j < t.size() && (t[j] == 'Z' || t[j] == 'z')) {
    v.utc_offset_minutes = 0;
    ++j;
  } else if (j < t.size() && (t[j] == '+' || t[j] == '-')) {
    size_t k = j + 1;
    int hh = ReadNumber(t, k, 2, 2);
    if (hh >= 0 && hh <= 14) {
      if (k < t.size() && t[k] == ':') ++k;
      int mm = ReadNumber(t, k, 2, 2);
      if (mm >= 0 && mm <= 59) {
        int off = hh * 60 + mm;
        v.utc_offset_minutes = t[j] == '-' ? -off : off;
        j = k;
      }
    }
  }
  i = j;
}

// A numeric date starting with a 4-digit year at i.
std::optional<Match> NumericDateAt(const std::u32string& t, size_t i) {
  if (i > 0 && IsAsciiDigit(t[i - 1])) return std::nullopt;
  size_t j = i;
  int year = ReadNumber(t, j, 4, 4);
  if (year < 0) return std::nullopt;
  SkipSpaces(t, j);
  if (j >= t.size()) return std::nullopt;
  char32_t sep = t[j];
  bool chinese = sep == U'年';
  if (!chinese && sep != '-' && sep != '/' && sep != '.') return std::nullopt;
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
  ReadTime(t, j, m.value);
  m.end = j;
  return m;
}

std::optional<int> MonthAt(const std::u32string& t, size_t i, size_t* end) {
  if (i > 0 && u32::IsAsciiAlpha(t[i - 1])) return std::nullopt;
  for (const auto& m : EnglishMonths()) {
    if (i + m.name.size() > t.size()) continue;
    bool same = true;
    for (size_t k = 0; k < m.name.size() && same; ++k) {
      char32_t c = t[i + k];
      if (c >= 'A' && c <= 'Z') c += 32;
      same = c == static_cast<unsigned char>(m.name[k]);
    }
    if (!same) continue;
    size_t e = i + m.name.size();
    if (e < t.size() && t[e] == '.') ++e;
    if (e < t.size() && u32::IsAsciiAlpha(t[e])) continue;
    *end = e;
    return m.month;
  }
  return std::nullopt;
}

// "March 5, 2021", "Mar. 5 2021", "5 March 2021".
std::optional<Match> EnglishDateAt(const std::u32string& t, size_t i) {
  size_t e;
  if (auto month = MonthAt(t, i, &e)) {
    size_t j = e;
    SkipSpaces(t, j);
    int day = ReadNumber(t, j, 1, 2);
    if (day < 0) return std::nullopt;
    for (const char* suffix : {"st", "nd", "rd", "th"}) {
      if (j + 1 < t.size() && t[j] == static_cast<char32_t>(suffix[0]) &&
          t[j + 1] == static_cast<char32_t>(suffix[1])) {
        j += 2;
        break;
      }
    }
    if (j < t.size() && t[j] == ',') ++j;
    SkipSpaces(t, j);
    int year = ReadNumber(t, j, 4, 4);
    if (year < 0) return std::nullopt;
    Match m;
    m.value.year = year;
    m.value.month = *month;
    m.value.day = day;
    m.begin = i;
    m.end = j;
    return m;
  }
  if (IsAsciiDigit(t[i]) && (i == 0 || !IsAsciiDigit(t[i - 1]))) {
    size_t j = i;
    int day = ReadNumber(t, j, 1, 2);
    if (day < 0) return std::nullopt;
    SkipSpaces(t, j);
    if (j >= t.size()) return std::nullopt;
    auto month = MonthAt(t, j, &e);
    if (!month) return std::nullopt;
    j = e;
    if (j < t.size() && t[j] == ',') ++j;
    SkipSpaces(t, j);
    int year = ReadNumber(t, j, 4, 4);
    if (year < 0) return std::nullopt;
    Match m;
    m.value.year = year;
    m.value.month = *month;
    m.value.day = day;
    m.begin = i;
    m.end = j;
    return m;
  }
  return std::nullopt;
}

// Every valid date in folded text, in order.
std::vector<Match> FindDates(const std::u32string& folded, const DateParseOptions& o) {
  std::vector<Match> out;
  for (size_t i = 0; i < folded.size();) {
    char32_t c = folded[i];
    std::optional<Match> m;
    if (IsAsciiDigit(c)) {
      m = NumericDateAt(folded, i);
      if (!m) m = EnglishDateAt(folded, i);
    } else if (u32::IsAsciiAlpha(c)) {
      m = EnglishDateAt(folded, i);
    }
    if (m && Valid(m->value, o)) {
      out.push_back(*m);
      i = m->end;
      continue;
    }
    // Skip the rest of a digit or letter run: dates start at run boundaries.
    if (IsAsciiDigit(c) || u32::IsAsciiAlpha(c)) {
      char32_t kind = IsAsciiDigit(c);
      while (i < folded.size() && (IsAsciiDigit(folded[i]) != 0) == (kind != 0) &&
             (IsAsciiDigit(folded[i]) || u32::IsAsciiAlpha(folded[i]))) {
        ++i;
      }
      continue;
    }
    ++i;
  }
  return out;
}

std::u32string FoldText(std::u32string t) {
  for (char32_t& c : t) c = Fold(c);
  return t;
}

// The label printed just before position `begin`, if any.
std::optional<DateLabel> LabelBefore(const std::u32string& t, size_t begin) {
  static const std::vector<std::pair<std::u32string, DateLabel>> labels = [] {
    std::vector<std::pair<std::u32string, DateLabel>> v;
    for (const auto& l : DateLabels()) v.emplace_back(ToU32(l.text), l);
    return v;
  }();
  size_t end = begin;
  size_t gap = 0;
  while (end > 0 && gap < kMaxLabelGap) {
    char32_t c = t[end - 1];
    if (c == ' ' || c == ':' || c == '[' || c == U'【' || c == '(' || c == U'（' || c == U'〔' ||
        c == '|' || c == U'：') {
      --end;
      ++gap;
      continue;
    }
    break;
  }
  for (const auto& [text, label] : labels) {
    if (text.size() > end) continue;
    bool same = true;
    for (size_t k = 0; k < text.size() && same; ++k) {
      char32_t c = t[end - text.size() + k];
      if (c >= 'A' && c <= 'Z') c += 32;
      same = c == text[k];
    }
    if (same) return label;
  }
  return std::nullopt;
}

bool InsideLink(const Document& doc, NodeId text_node) {
  int level = 0;
  for (NodeId i = doc.node(text_node).parent; i != kNoNode && level < 4;
       i = doc.node(i).parent, ++level) {
    if (doc.node(i).tag == "a") return true;
  }
  return false;
}

struct Candidate {
  DateTimeValue value;
  std::string label;  // as printed, "" when unlabelled
  std::optional<DateLabelKind> kind;
  Zone zone = kNone;
  int line = 0;
};

std::string MetaContent(const Document& doc, std::span<const std::string_view> names) {
  for (std::string_view wanted : names) {
    for (NodeId m : doc.FindAll("meta")) {
      for (const char* attr : {"property", "name", "itemprop", "http-equiv"}) {
        auto name = doc.Attr(m, attr);
        if (!name) continue;
        std::string lower(*name);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (lower != wanted) continue;
        if (auto content = doc.Attr(m, "content"); content && !content->empty()) {
          return std::string(*content);
        }
      }
    }
  }
  return "";
}

int MaxYyyymmdd(std::chrono::system_clock::time_point fetched_at) {
  // A day of slack for time zones: a page fetched just after midnight UTC may print tomorrow.
  std::time_t t = std::chrono::system_clock::to_time_t(fetched_at + std::chrono::hours(24));
  std::tm tm{};
  gmtime_r(&t, &tm);
  return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

// Dates in the URL path: /2021/03/05/, /2021-03-05/, /20210305/.
std::optional<DateTimeValue> UrlDate(const std::string& url, const DateParseOptions& o) {
  std::u32string t = ToU32(url);
  for (size_t i = 0; i + 8 <= t.size(); ++i) {
    if (t[i] != '/' && t[i] != '_' && t[i] != '-') continue;
    size_t j = i + 1;
    DateTimeValue v;
    size_t compact = j;
    int yyyymmdd = ReadNumber(t, compact, 8, 8);
    if (yyyymmdd >= 0) {
      // Compact: /20210305/.
      v.year = yyyymmdd / 10000;
      v.month = yyyymmdd / 100 % 100;
      v.day = yyyymmdd % 100;
    } else {
      int year = ReadNumber(t, j, 4, 4);
      if (year < 0 || j >= t.size() || (t[j] != '/' && t[j] != '-')) continue;
      ++j;
      int month = ReadNumber(t, j, 2, 2);
      if (month < 0 || j >= t.size() || (t[j] != '/' && t[j] != '-')) continue;
      ++j;
      int day = ReadNumber(t, j, 2, 2);
      if (day < 0) continue;
      v.year = year;
      v.month = month;
      v.day = day;
    }
    if (Valid(v, o)) return v;
  }
  return std::nullopt;
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
                minute, second, off < 0 ? '-' : '+', std::abs(off) / 60, std::abs(off) % 60);
  return buf;
}

std::optional<DateTimeValue> ParseDateTime(std::string_view text, const DateParseOptions& options) {
  std::u32string folded = FoldText(ToU32(text));
  auto found = FindDates(folded, options);
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

  // 1. Printed dates in the article's zones.
  NodeId root = doc.FindFirst("body");
  if (root == kNoNode) root = doc.root();
  std::vector<Line> lines = BuildLines(doc, root);
  std::vector<Zone> zones = ArticleZones(doc, lines, body_container);
  std::vector<Candidate> printed;
  for (size_t l = 0; l < lines.size(); ++l) {
    Zone zone = zones[l];
    if (zone == kNone) continue;
    const Line& line = lines[l];
    if (line.first != kNoNode && InsideLink(doc, line.first)) continue;
    std::u32string folded = FoldText(line.text);
    auto found = FindDates(folded, options);
    if (found.empty() || static_cast<int>(found.size()) > kMaxDatesPerHeaderLine) continue;
    for (const Match& m : found) {
      Candidate c;
      c.value = m.value;
      c.zone = zone;
      c.line = static_cast<int>(l);
      if (auto label = LabelBefore(folded, m.begin)) {
        c.kind = label->kind;
        c.label = std::string(label->text);
      }
      bool short_line = line.text.size() <= kMaxLeadDateLineChars;
      if (!c.kind && (zone == kLead || zone == kTail) && !short_line) continue;
      printed.push_back(c);
    }
  }

  auto pick = [&](auto predicate, bool nearest_to_text) -> const Candidate* {
    const Candidate* best = nullptr;
    for (const auto& c : printed) {
      if (!predicate(c)) continue;
      if (!best || (nearest_to_text && c.zone == kHeader)) best = &c;
      if (!nearest_to_text) break;
    }
    return best;
  };
  auto labelled_published = [](Zone z) {
    return [z](const Candidate& c) {
      return c.zone == z && c.kind && *c.kind != DateLabelKind::kUpdate;
    };
  };
  const Candidate* published = nullptr;
  // A labelled article date (日期) beats a labelled publish time in the same zone.
  for (Zone z : {kHeader, kLead}) {
    if (published) break;
    published = pick(
        [z](const Candidate& c) { return c.zone == z && c.kind == DateLabelKind::kArticleDate; },
        false);
    if (!published) published = pick(labelled_published(z), false);
  }
  if (!published) {
    published = pick([](const Candidate& c) { return c.zone == kHeader && !c.kind; }, true);
  }

  std::optional<DateTimeValue> meta_published;
  if (!published) {
    // 2. Page metadata: <meta>, JSON-LD, <time datetime>.
    std::string meta = MetaContent(doc, PublishedMetaNames());
    if (meta.empty()) {
      JsonLdArticle ld = ReadJsonLd(doc);
      if (ld.date_published) meta = *ld.date_published;
    }
    if (meta.empty()) {
      for (NodeId t : doc.FindAll("time")) {
        if (auto dt = doc.Attr(t, "datetime")) {
          meta = std::string(*dt);
          break;
        }
      }
    }
    if (!meta.empty()) meta_published = ParseDateTime(meta, options);
  }
  if (!published && !meta_published) {
    for (Zone z : {kTail, kAfter}) {
      if (published) break;
      published = pick(labelled_published(z), false);
    }
    if (!published) published = pick([](const Candidate& c) { return c.zone == kLead; }, false);
  }

  // Updates: a labelled upload/update line; a publish time next to a separate article date.
  const Candidate* updated =
      pick([](const Candidate& c) { return c.kind == DateLabelKind::kUpdate; }, false);
  if (!updated && published && published->kind == DateLabelKind::kArticleDate) {
    updated = pick(
        [published](const Candidate& c) {
          return c.kind == DateLabelKind::kPublishTime && c.value.has_time &&
                 c.value.DateString() != published->value.DateString();
        },
        false);
  }
  // A page whose only printed date is an upload line: that is its date too.
  if (!published && !meta_published && updated) published = updated;

  std::optional<DateTimeValue> chosen;
  if (published) chosen = published->value;
  if (!chosen && meta_published) chosen = meta_published;
  if (!chosen) chosen = UrlDate(ctx.base_url, options);
  if (chosen) {
    out.published_date = chosen->DateString();
    if (chosen->has_time) out.published_at = chosen->Rfc3339(offset);
  }
  if (updated && updated != published && updated->value.has_time) {
    out.updated_at = updated->value.Rfc3339(offset);
  }

  for (const auto& c : printed) {
    if (c.label.empty() && &c != published) continue;
    LabelledDate d;
    d.label = c.label;
    d.value = c.value.has_time ? c.value.Rfc3339(offset) : c.value.DateString();
    d.role = &c == published ? DateRole::kPublished
             : &c == updated ? DateRole::kUpdated
                             : DateRole::kOther;
    out.dates.push_back(std::move(d));
  }
  return out;
}

}  // namespace extract
