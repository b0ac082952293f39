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

}  // namespace testing_support
