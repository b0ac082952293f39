// Label tables for previous/next article links and for in-article pagination: the words that
// introduce a sibling-article link (上一篇, 下一条, "Next article"), the words that say there is
// none (没有了), and the words of a page navigator (下一页, 尾页). Data only; the tree walk that
// uses them is in prev_next.cpp.
#pragma once

#include <span>
#include <string_view>

namespace extract {

enum class SiblingDirection { kPrev, kNext };

struct SiblingLabel {
  std::string_view text;  // as printed; ASCII labels are matched case-insensitively
  SiblingDirection direction;
};

// Labels that name the previous/next *article* wherever they appear (上一条, 下一篇, 阅读下一篇,
// "Previous article"). Longer labels come first so that the longest one matches.
std::span<const SiblingLabel> SiblingArticleLabels();

// Bare English words ("Previous", "Next", "«", "»", "Older", "Newer") that name a sibling article
// only inside a post-navigation element (see PostNavClassTokens); elsewhere they are usually
// listing pagination.
std::span<const SiblingLabel> BareSiblingLabels();

// Class/id tokens of post-navigation elements (WordPress "nav-previous", "post-navigation" ...).
std::span<const std::string_view> PostNavClassTokens();

// Texts that mean "there is no such article" after a label (没有了, 无, 已是最后一篇 ...).
std::span<const std::string_view> NoSiblingTexts();

// Link texts of a page navigator that point to the following page (下一页, "Next page").
std::span<const std::string_view> NextPageLabels();

// Every page-navigator word (上一页, 下一页, 首页, 尾页, 末页 ...): a text made only of these is
// pagination, never a prev/next article label.
std::span<const std::string_view> PaginationWords();

// Punctuation and decoration printed around labels (：: 【】[] <> «» | / - and arrows); the
// book-title brackets 《》 and full stops belong to titles and are not decoration.
bool IsLabelDecoration(char32_t cp);

}  // namespace extract
