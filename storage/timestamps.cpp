#include "storage/timestamps.h"

#include <cctype>

#include "util/time_format.h"

namespace storage {
namespace {

bool Digits(std::string_view text, size_t pos, size_t count, int* out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

bool ValidDate(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1) return false;
  auto ymd = std::chrono::year{y} / std::chrono::month{static_cast<unsigned>(m)} /
             std::chrono::day{static_cast<unsigned>(d)};
  return ymd.ok();
}

}  // namespace

bool IsCalendarDate(std::string_view text) {
  int y = 0, m = 0, d = 0;
  return text.size() == 10 && Digits(text, 0, 4, &y) && text[4] == '-' && Digits(text, 5, 2, &m) &&
         text[7] == '-' && Digits(text, 8, 2, &d) && ValidDate(y, m, d);
}

std::optional<std::chrono::system_clock::time_point> ParseTimestamp(std::string_view text) {
  int y = 0, mo = 0, d = 0;
  if (text.size() < 10 || !IsCalendarDate(text.substr(0, 10))) return std::nullopt;
  Digits(text, 0, 4, &y);
  Digits(text, 5, 2, &mo);
  Digits(text, 8, 2, &d);
  auto days =
      std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{static_cast<unsigned>(mo)} /
                            std::chrono::day{static_cast<unsigned>(d)}};
  std::chrono::system_clock::time_point t = days;
  if (text.size() == 10) return t;
  int h = 0, mi = 0, s = 0;
  if ((text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !Digits(text, 11, 2, &h) ||
      text.size() < 19 || text[13] != ':' || !Digits(text, 14, 2, &mi) || text[16] != ':' ||
      !Digits(text, 17, 2, &s) || h > 23 || mi > 59 || s > 60) {
    return std::nullopt;
  }
  t += std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(s);
  size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos == start) return std::nullopt;
  }
  std::string_view zone = text.substr(pos);
  if (zone == "Z" || zone == "z") return t;
  int oh = 0, om = 0;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || !Digits(zone, 1, 2, &oh) ||
      zone[3] != ':' || !Digits(zone, 4, 2, &om) || oh > 23 || om > 59) {
    return std::nullopt;
  }
  auto offset = std::chrono::hours(oh) + std::chrono::minutes(om);
  return zone[0] == '+' ? t - offset : t + offset;
}

std::optional<std::string> NormalizeTimestamp(std::string_view text) {
  auto t = ParseTimestamp(text);
  if (!t) return std::nullopt;
  return util::FormatUtc(*t);
}

}  // namespace storage
