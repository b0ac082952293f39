#include "extract/boilerplate_patterns.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "extract/text_normalize.h"

namespace extract {
namespace {

// An id of more parts than this is a slug of a heading, not a role name.
constexpr size_t kMaxRoleIdParts = 3;

constexpr std::string_view kBoilerplateTokens[] = {
    "nav",        "navbar",    "navigation", "menu",      "footer",   "foot",       "sidebar",
    "side",       "aside",     "comment",    "comments",  "share",    "sharing",    "social",
    "related",    "recommend", "hot",        "ad",        "ads",      "advert",     "banner",
    "breadcrumb", "crumb",     "copyright",  "login",     "search",   "toolbar",    "tags",
    "friendlink", "links",     "topbar",     "subnav",    "pager",    "pagination", "weizhi",
    "rightbar",   "leftbar",   "popup",      "modal",     "cookie",   "newsletter", "subscribe",
    "promo",      "sponsor",   "widget",     "rank",      "ranking",  "list-hot",   "dianzan",
    "fenxiang",   "xgxw",      "gallery",    "slideshow", "carousel",
};

constexpr std::string_view kContentTokens[] = {
    "article", "content", "text", "body",     "post",    "entry", "main", "detail",
    "news",    "story",   "zw",   "zhengwen", "neirong", "con",   "txt",  "cont",
};

// Line starts that mark a non-body line, compared after removing leading brackets.
constexpr std::string_view kBoilerplatePrefixes[] = {
    "来源",
    "文章来源",
    "稿源",
    "作者",
    "责任编辑",
    "责编",
    "编辑",
    "浏览",
    "点击",
    "阅读次数",
    "发布时间",
    "发布日期",
    "发表时间",
    "上传时间",
    "更新时间",
    "日期",
    "时间：",
    "时间:",
    "字号",
    "字体",
    "分享到",
    "分享",
    "打印",
    "关闭",
    "返回",
    "上一篇",
    "下一篇",
    "上一条",
    "下一条",
    "上一则",
    "下一则",
    "上篇",
    "下篇",
    "原标题",
    "摘要",
    "核心提示",
    "划重点",
    "声明",
    "版权",
    "copyright",
    "©",
    "扫一扫",
    "相关阅读",
    "相关新闻",
    "推荐阅读",
    "延伸阅读",
    "热点新闻",
    "本文来源",
    "当前位置",
    "您的位置",
    "所在位置",
    "位置：",
    "首页 >",
    "首页>",
    "[打印",
    "【打印",
    "【关闭",
    "[关闭",
    "【大 中 小",
    "【字体",
    "收藏本页",
    "previous article",
    "next article",
    "share this",
    "related articles",
    "advertisement",
};

constexpr std::string_view kBreadcrumbStarts[] = {
    "首页", "当前位置", "您的位置", "您现在的位置", "所在位置", "位置：", "home", "you are here",
};
constexpr std::string_view kBreadcrumbSeparators[] = {">", "»", "/", " - ", "→", "›", "＞", "-"};

constexpr std::string_view kPaginationWords[] = {
    "下一页", "上一页", "首页", "尾页",     "末页",  "前一页", "后一页", "下页",
    "上页",   "next",   "prev", "previous", "older", "newer",  "»",      "«",
    "›",      "‹",      ">>",   "<<",       "last",  "first"};

// Phrases of disclaimers, copyright notices and reprint terms, which sites print in a box under
// (or instead of) the article and which score like prose.
constexpr std::string_view kDisclaimerPhrases[] = {
    "仅代表作者",
    "不代表本",
    "与本网无关",
    "与本站无关",
    "转载请注明",
    "版权归原作者",
    "版权归原",
    "如有侵权",
    "请联系删除",
    "联系我们删除",
    "凡本网注明",
    "均转载自",
    "未经授权",
    "不得转载",
    "禁止转载",
    "本网站所有",
    "免责声明",
    "版权声明",
    "不构成投资建议",
    "并不意味着赞同其观点",
    "风险自担",
    "与本站立场无关",
    "与本网立场无关",
    "all rights reserved",
    "does not necessarily reflect",
    "for informational purposes only",
    "may not be reproduced",
    "without prior written permission",
};

// What servers and CMS templates print instead of a removed or missing page (soft 404s
// answered 200): IIS and Apache defaults, the Chinese CMS messages of deleted or unpublished
// items, and their English counterparts.
constexpr std::string_view kErrorPagePhrases[] = {
    "页面不存在",
    "网页不存在",
    "页面未找到",
    "找不到页面",
    "找不到该页面",
    "无法找到该页",
    "无法找到网页",
    "信息不存在",
    "信息已删除",
    "已被删除",
    "文章不存在",
    "新闻不存在",
    "内容不存在",
    "记录不存在",
    "数据不存在",
    "无此信息",
    "没有找到相关",
    "页面已删除",
    "页面已过期",
    "该信息未发布",
    "参数错误",
    "非法参数",
    "系统错误",
    "出错了",
    "404 not found",
    "page not found",
    "not found",
    "error 404",
    "404 error",
    "404错误",
    "错误404",
    "file or directory not found",
    "no longer available",
    "has been removed",
    "does not exist",
};

// `lower`: a class or id value in ASCII lower case.
TokenMatch MatchToken(std::string_view lower, std::span<const std::string_view> tokens) {
  TokenMatch found = TokenMatch::kNone;
  size_t i = 0;
  while (i < lower.size()) {
    size_t j = i;
    while (j < lower.size() && !std::isspace(static_cast<unsigned char>(lower[j]))) ++j;
    std::string_view whole = lower.substr(i, j - i);
    if (std::find(tokens.begin(), tokens.end(), whole) != tokens.end()) return TokenMatch::kWhole;
    // Parts between '-' and '_': "main-nav", "news_footer".
    size_t k = i;
    while (k < j) {
      size_t e = k;
      while (e < j && lower[e] != '-' && lower[e] != '_') ++e;
      std::string_view part = lower.substr(k, e - k);
      if (!part.empty() && part.size() < whole.size() &&
          std::find(tokens.begin(), tokens.end(), part) != tokens.end()) {
        found = TokenMatch::kPart;
      }
      k = e + 1;
    }
    i = j + 1;
  }
  return found;
}

}  // namespace

std::span<const std::string_view> BoilerplateClassTokens() { return kBoilerplateTokens; }
std::span<const std::string_view> ContentClassTokens() { return kContentTokens; }

TokenMatch ClassOrIdTokenMatch(const Document& doc, NodeId id,
                               std::span<const std::string_view> tokens) {
  const Node& n = doc.node(id);
  TokenMatch best = MatchToken(n.class_lower, tokens);
  if (best == TokenMatch::kWhole) return best;
  if (!n.id_lower.empty()) {
    // Ids made from a heading ("sharing-with-a-single-developer") are slugs, not roles.
    std::string_view v = n.id_lower;
    size_t parts =
        1 + std::count_if(v.begin(), v.end(), [](char c) { return c == '-' || c == '_'; });
    if (parts <= kMaxRoleIdParts) best = std::max(best, MatchToken(v, tokens));
  }
  return best;
}

bool HasClassOrIdToken(const Document& doc, NodeId id, std::span<const std::string_view> tokens) {
  return ClassOrIdTokenMatch(doc, id, tokens) != TokenMatch::kNone;
}

bool IsBoilerplateLine(std::string_view line) {
  // Skip leading brackets and spaces: "【来源：新华网】", "[打印本页]".
  size_t i = 0;
  while (i < line.size()) {
    if (line.compare(i, 3, "\xE3\x80\x90") == 0 || line.compare(i, 3, "\xEF\xBC\x88") == 0) {
      i += 3;  // 【 （
    } else if (line[i] == '[' || line[i] == '(' || line[i] == ' ') {
      ++i;
    } else {
      break;
    }
  }
  std::string rest = LowerAscii(line.substr(i));
  for (std::string_view prefix : kBoilerplatePrefixes) {
    if (rest.compare(0, prefix.size(), prefix) == 0) return true;
  }
  // ICP registration numbers ("黔ICP备09007095号") anywhere on a short line.
  if (line.size() < 200 && rest.find("icp") != std::string::npos &&
      (rest.find("备") != std::string::npos || rest.find("证") != std::string::npos)) {
    return true;
  }
  return false;
}

bool IsBreadcrumbLine(std::string_view line) {
  std::string lower = LowerAscii(line);
  bool starts = false;
  for (std::string_view start : kBreadcrumbStarts) {
    if (lower.compare(0, start.size(), start) == 0) starts = true;
  }
  if (!starts) return false;
  for (std::string_view sep : kBreadcrumbSeparators) {
    if (lower.find(sep) != std::string::npos) return true;
  }
  return false;
}

bool IsPaginationText(std::string_view text) {
  if (text.empty() || text.size() > 24) return false;
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return true;  // page numbers
  }
  std::string lower = LowerAscii(text);
  for (std::string_view w : kPaginationWords) {
    if (lower.find(w) != std::string::npos) return true;
  }
  return lower.rfind("第", 0) == 0 && lower.find("页") != std::string::npos;  // 第3页
}

bool IsDisclaimerLine(std::string_view line) {
  // Lower-cased only when it has capitals: most lines are Chinese or lower case already.
  bool upper = std::any_of(line.begin(), line.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  std::string lowered = upper ? LowerAscii(line) : std::string();
  std::string_view text = upper ? std::string_view(lowered) : line;
  for (std::string_view phrase : kDisclaimerPhrases) {
    if (text.find(phrase) != std::string_view::npos) return true;
  }
  return false;
}

std::string_view ErrorPagePhrase(std::string_view text) {
  std::string lower = LowerAscii(text);
  for (std::string_view phrase : kErrorPagePhrases) {
    if (lower.find(phrase) != std::string::npos) return phrase;
  }
  return {};
}

bool IsMarkupLine(std::string_view line) {
  if (line.size() < 3 || line.front() != '<' || line.back() != '>') return false;
  unsigned char c = static_cast<unsigned char>(line[1]);
  return std::isalpha(c) || c == '/' || c == '!';
}

}  // namespace extract
