#include "extract/prev_next_patterns.h"

#include <array>

namespace extract {
namespace {

using enum SiblingDirection;

// Longest first: "阅读下一篇" must win over "下一篇", "上一篇文章" over "上一篇".
constexpr std::array<SiblingLabel, 28> kSiblingArticleLabels = {{
    {"阅读上一篇", kPrev},
    {"阅读下一篇", kNext},
    {"上一篇文章", kPrev},
    {"下一篇文章", kNext},
    {"previous article", kPrev},
    {"next article", kNext},
    {"previous story", kPrev},
    {"next story", kNext},
    {"previous post", kPrev},
    {"next post", kNext},
    {"previous entry", kPrev},
    {"next entry", kNext},
    {"上一条", kPrev},
    {"下一条", kNext},
    {"上一篇", kPrev},
    {"下一篇", kNext},
    {"上一则", kPrev},
    {"下一则", kNext},
    {"上一個", kPrev},
    {"下一個", kNext},
    {"上一條", kPrev},
    {"下一條", kNext},
    {"上篇", kPrev},
    {"下篇", kNext},
    {"前一篇", kPrev},
    {"后一篇", kNext},
    {"上一主题", kPrev},
    {"下一主题", kNext},
}};

constexpr std::array<SiblingLabel, 8> kBareSiblingLabels = {{
    {"previous", kPrev},
    {"next", kNext},
    {"prev", kPrev},
    {"older", kPrev},
    {"newer", kNext},
    {"\u00ab", kPrev},  // «
    {"\u00bb", kNext},  // »
    {"\u2039", kPrev},  // ‹
}};

constexpr std::array<std::string_view, 14> kPostNavClassTokens = {
    "nav-previous",    "nav-next",  "post-navigation", "post-nav",      "postnav",
    "prev-post",       "next-post", "previous-post",   "article-nav",   "nav-single",
    "navigation-post", "prevnext",  "prev-next",       "adjacent-post",
};

constexpr std::array<std::string_view, 14> kNoSiblingTexts = {
    "没有了",       "没有了！",     "无",           "没有",           "暂无",
    "已是第一篇",   "已是最后一篇", "已经是第一篇", "已经是最后一篇", "没有上一篇了",
    "没有下一篇了", "返回列表",     "none",         "已是最后一条",
};

constexpr std::array<std::string_view, 7> kNextPageLabels = {
    "下一页", "下页", "下一頁", "next page", "next ›", "next »", "后一页",
};

constexpr std::array<std::string_view, 13> kPaginationWords = {
    "上一页", "下一页", "上页",   "下页",   "首页",     "尾页",   "末页",
    "上一頁", "下一頁", "前一页", "后一页", "最后一页", "第一页",
};

}  // namespace

std::span<const SiblingLabel> SiblingArticleLabels() { return kSiblingArticleLabels; }
std::span<const SiblingLabel> BareSiblingLabels() { return kBareSiblingLabels; }
std::span<const std::string_view> PostNavClassTokens() { return kPostNavClassTokens; }
std::span<const std::string_view> NoSiblingTexts() { return kNoSiblingTexts; }
std::span<const std::string_view> NextPageLabels() { return kNextPageLabels; }
std::span<const std::string_view> PaginationWords() { return kPaginationWords; }

bool IsLabelDecoration(char32_t cp) {
  switch (cp) {
    case ':':
    case 0xFF1A:  // ： full-width colon
    case '[':
    case ']':
    case 0x3010:
    case 0x3011:  // 【】
    case '<':
    case '>':
    case 0x00AB:
    case 0x00BB:
    case 0x2039:
    case 0x203A:
    case 0x300C:
    case 0x300D:  // 「」
    case '|':
    case 0xFF5C:
    case '-':
    case 0x2014:
    case 0x2013:
    case '/':
    case ',':
    case 0xFF0C:
    case 0x3001:
    case 0x2190:
    case 0x2192:  // ← →
    case 0x25B2:
    case 0x25BC:
    case 0x25C0:
    case 0x25B6:  // ▲▼◀▶
    case 0x2022:
    case 0x00B7:  // • ·
    case '*':
    case '~':
      return true;
    default:
      return false;
  }
}

}  // namespace extract
