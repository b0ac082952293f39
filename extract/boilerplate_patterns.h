// Tables that tell boilerplate from article text: class/id tokens of navigation, sidebars,
// footers, share widgets and comments (and of content containers), and the line prefixes of
// metadata, prev/next, share/print, copyright and editor lines that do not belong in a body.
// Data and small pure predicates; the tree walks that use them are in body.cpp and title.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "extract/document.h"

namespace extract {

// Whole class/id tokens (or their parts between '-' and '_') of boilerplate containers.
std::span<const std::string_view> BoilerplateClassTokens();
// Tokens of elements that usually hold the article text.
std::span<const std::string_view> ContentClassTokens();

// How a class or id value carries a token: not at all, as a part between '-' or '_'
// ("main-nav"), or as a whole class name or id ("nav", "comments").
enum class TokenMatch : uint8_t { kNone = 0, kPart = 1, kWhole = 2 };

// The strongest match of `tokens` in the element's class or id.
TokenMatch ClassOrIdTokenMatch(const Document& doc, NodeId id,
                               std::span<const std::string_view> tokens);

// True when the element's class or id carries one of `tokens`.
bool HasClassOrIdToken(const Document& doc, NodeId id, std::span<const std::string_view> tokens);

// True for a line that is not article text: it starts with a metadata, prev/next, share,
// print, copyright or editor label ("来源：", "上一篇", "【打印】", "Copyright", "责任编辑")
// or is an ICP registration line. `line` is UTF-8 with whitespace collapsed.
bool IsBoilerplateLine(std::string_view line);

// True for a breadcrumb line: it starts with 首页, 当前位置, 您的位置, "Home" or "You are here"
// and goes on through separators (>, », /, -, →, ›): "首页 > 新闻动态 > 正文".
bool IsBreadcrumbLine(std::string_view line);

// True for the text of a pagination link: page numbers, 下一页, 上一页, 首页, 尾页, 第3页,
// "Next", "»"... (at most 24 bytes).
bool IsPaginationText(std::string_view text);

// True when `line` reads as a disclaimer or a copyright notice rather than article text: it
// holds a phrase such notices use ("仅代表作者", "与本网无关", "转载请注明", "如有侵权",
// "All rights reserved", "does not necessarily reflect"). Compared case-insensitively.
bool IsDisclaimerLine(std::string_view line);

// The phrase of an error page that `text` holds ("页面不存在", "该信息已删除", "404 Not
// Found", "page not found"), or an empty view. Compared case-insensitively; the caller decides
// whether the page is short enough for the phrase to be what it says.
std::string_view ErrorPagePhrase(std::string_view text);

// True for a line that is HTML source shown as text ("<img src=...>", left by a <noscript> or
// broken markup): it starts with a tag and ends with '>'.
bool IsMarkupLine(std::string_view line);

}  // namespace extract
