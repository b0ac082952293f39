#include "tests/support/sample_text.h"

#include <cstdint>
#include <iterator>
#include <string_view>

namespace testing_support {

std::string LongChineseReport(size_t bytes) {
  static constexpr std::string_view kHan[] = {"协会", "会员", "企业", "发展", "工作", "会议",
                                              "经济", "合作", "行业", "服务", "管理", "推进"};
  static constexpr std::string_view kPunct[] = {"，", "。", "、", "；"};
  static constexpr std::string_view kAscii[] = {"GDP", "2023", "ISO 9001", "WTO", "5.8%"};
  uint32_t state = 17;
  auto next = [&state](uint32_t n) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % n;
  };
  std::string page;
  page.reserve(bytes + 1024);
  while (page.size() < bytes) {
    for (uint32_t words = 20 + next(120); words > 0; --words) {
      uint32_t r = next(100);
      if (r < 80) {
        page += kHan[next(std::size(kHan))];
      } else if (r < 90) {
        page += kPunct[next(std::size(kPunct))];
      } else {
        page += ' ';
        page += kAscii[next(std::size(kAscii))];
        page += ' ';
      }
    }
    page += "。\n\n";
  }
  return page;
}

std::string VariedChineseText(size_t bytes) {
  uint32_t state = 29;
  auto next = [&state](uint32_t n) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % n;
  };
  std::string text;
  text.reserve(bytes + 16);
  while (text.size() < bytes) {
    uint32_t r = next(100);
    if (r < 6) {
      text += "，";
    } else if (r < 8) {
      text += "。";
    } else if (r == 8) {
      text += "。\n\n";
    } else {
      char32_t c = 0x4E00 + next(6000);  // CJK Unified Ideographs, three UTF-8 bytes each
      text += static_cast<char>(0xE0 | (c >> 12));
      text += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      text += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return text;
}

std::string SampleArticleHtml(const std::string& title, int paragraphs, const std::string& extra) {
  const std::string p =
      "本会召开会员大会，听取并审议了理事会工作报告和财务报告，选举产生了新一届理事会领导班子。"
      "会议强调，要进一步加强商会自身建设，更好地服务会员企业，推动区域经济高质量发展。";
  std::string html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title +
                     " - 示范协会</title></head><body><div class=\"article\"><h1>" + title +
                     "</h1><div class=\"info\">发布时间：2024-05-01 09:30</div>";
  for (int i = 0; i < paragraphs; ++i) html += "<p>" + p + "</p>";
  return html + extra + "</div></body></html>";
}

}  // namespace testing_support
