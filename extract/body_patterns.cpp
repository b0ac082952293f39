#include "extract/body_patterns.h"

#include <algorithm>
#include <string>
#include <vector>

#include "extract/text_normalize.h"

namespace extract {
namespace {

constexpr std::string_view kNonTextTags[] = {
    "select", "option", "button", "textarea", "input", "iframe", "object",
    "embed",  "canvas", "svg",    "video",    "audio", "map",    "dialog",
};

constexpr std::string_view kBoilerplateTags[] = {"nav", "footer", "aside", "menu"};
constexpr std::string_view kWeakBoilerplateTags[] = {"header", "form"};

constexpr std::string_view kParagraphLevelTags[] = {
    "p",  "span", "font", "strong", "b",   "a",    "li", "em", "i",     "u",     "h1",  "h2",
    "h3", "h4",   "h5",   "h6",     "pre", "code", "dt", "dd", "label", "small", "big",
};

constexpr std::string_view kListLikeTags[] = {
    "ul", "ol", "dl", "table", "tbody", "tr", "td", "div", "section", "p", "span",
};

constexpr std::string_view kImageSourceAttributes[] = {
    "data-original", "data-src", "data-lazy-src", "data-actualsrc",
    "data-url",      "src",      "data-srcset",   "srcset",
};

// Headings that open a block of other content than the article, in the languages of the
// corpus and the sites newsarc archives (whole heading texts, lower case).
constexpr std::string_view kRelatedContentHeadings[] = {
    // Chinese
    "相关阅读",
    "相关新闻",
    "相关文章",
    "相关链接",
    "相关报道",
    "相关推荐",
    "相关资讯",
    "相关内容",
    "推荐阅读",
    "延伸阅读",
    "扩展阅读",
    "猜你喜欢",
    "为你推荐",
    "为您推荐",
    "热点推荐",
    "热门推荐",
    "热门文章",
    "热点新闻",
    "热门新闻",
    "热点文章",
    "精彩推荐",
    "更多精彩",
    "更多阅读",
    "最新文章",
    "最新资讯",
    "往期回顾",
    "往期推荐",
    "大家都在看",
    "你可能感兴趣",
    "您可能感兴趣",
    "您可能感兴趣的文章",
    "你可能还喜欢",
    "网友评论",
    "相关评论",
    "发表评论",
    "最新评论",
    "热门评论",
    "点击排行",
    "阅读排行",
    "排行榜",
    // English
    "related",
    "related posts",
    "related articles",
    "related stories",
    "related news",
    "related content",
    "you may also like",
    "you might also like",
    "you may like",
    "recommended",
    "recommended for you",
    "recommended stories",
    "more stories",
    "read next",
    "more on this topic",
    "most popular",
    "most read",
    "trending",
    "popular posts",
    "latest news",
    "comments",
    "leave a comment",
    "leave a reply",
    // Portuguese, Spanish, French, German
    "você pode gostar",
    "você também pode gostar",
    "leia também",
    "veja também",
    "te puede interesar",
    "también te puede interesar",
    "artículos relacionados",
    "noticias relacionadas",
    "lire aussi",
    "à lire aussi",
    "sur le même sujet",
    "das könnte sie auch interessieren",
    "lesen sie auch",
    "mehr zum thema",
};

bool In(std::span<const std::string_view> table, std::string_view tag) {
  return std::find(table.begin(), table.end(), tag) != table.end();
}

}  // namespace

bool IsNonTextTag(std::string_view tag) { return In(kNonTextTags, tag); }
bool IsBoilerplateTag(std::string_view tag) { return In(kBoilerplateTags, tag); }
bool IsWeakBoilerplateTag(std::string_view tag) { return In(kWeakBoilerplateTags, tag); }
bool IsParagraphLevelTag(std::string_view tag) { return In(kParagraphLevelTags, tag); }
bool IsListLikeTag(std::string_view tag) { return In(kListLikeTags, tag); }
std::span<const std::string_view> ImageSourceAttributes() { return kImageSourceAttributes; }

namespace {

// The first code point of UTF-8 text at `i` (ASCII lower-cased); 0 when none.
char32_t FirstCodePoint(std::string_view text, size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return static_cast<char32_t>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (len == 1 || i + len > text.size()) return 0;
  char32_t cp = c & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  return cp;
}

// The first code points of the lexicon's headings, sorted: built once.
const std::vector<char32_t>& HeadingFirstCodePoints() {
  static const std::vector<char32_t> firsts = [] {
    std::vector<char32_t> out;
    for (std::string_view heading : kRelatedContentHeadings) {
      out.push_back(FirstCodePoint(heading, 0));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }();
  return firsts;
}

}  // namespace

bool MayBeRelatedContentHeading(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && static_cast<unsigned char>(text[i]) <= ' ') ++i;
  if (i == text.size()) return false;
  const std::vector<char32_t>& firsts = HeadingFirstCodePoints();
  return std::binary_search(firsts.begin(), firsts.end(), FirstCodePoint(text, i));
}

bool IsRelatedContentHeading(std::string_view text) {
  constexpr size_t kMaxHeadingBytes = 64;
  if (text.empty() || text.size() > kMaxHeadingBytes) return false;
  std::string lower = LowerAscii(text);
  // Trailing punctuation and arrows: "相关阅读：", "Você pode gostar...", "More >>".
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    for (std::string_view tail : {"：", ":", "…", ".", ">", "»", "›", " ", "＞", "→"}) {
      if (lower.size() > tail.size() && lower.ends_with(tail)) {
        lower.resize(lower.size() - tail.size());
        trimmed = true;
      }
    }
  }
  return In(kRelatedContentHeadings, lower);
}

}  // namespace extract
