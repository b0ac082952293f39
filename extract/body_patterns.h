// Tag and attribute tables for body extraction: which elements never hold article text, which
// mark boilerplate regions, which hold one paragraph, which can be link lists, and where lazy
// images keep their address. Data only; the tree walk is in body.cpp.
#pragma once

#include <span>
#include <string_view>

namespace extract {

// Form controls and embedded objects: no article text inside (select, button, iframe...).
bool IsNonTextTag(std::string_view tag);

// Regions that HTML marks as not the main content: nav, footer, aside, menu.
bool IsBoilerplateTag(std::string_view tag);

// Regions that are often not the main content but may wrap it: header, form (ASP.NET pages
// wrap the whole page in one <form>).
bool IsWeakBoilerplateTag(std::string_view tag);

// Elements that hold (part of) one paragraph: the body container is never one of them.
bool IsParagraphLevelTag(std::string_view tag);

// Elements that can be a list of links (related articles, tags, a menu).
bool IsListLikeTag(std::string_view tag);

// True for the heading of a block of other content: related or recommended articles, most
// read, comments ("相关阅读", "猜你喜欢", "You may also like", "Você pode gostar..."). `text` is
// the heading's text with whitespace collapsed; trailing punctuation (：… > ») is ignored,
// ASCII letters compared in any case.
bool IsRelatedContentHeading(std::string_view text);
// A cheap first test for IsRelatedContentHeading, on raw text: false when the first visible
// character starts no heading of the lexicon.
bool MayBeRelatedContentHeading(std::string_view text);

// Attributes of <img> that hold its address, in order of preference (lazy-loading attributes
// first, since their src is often a placeholder).
std::span<const std::string_view> ImageSourceAttributes();

}  // namespace extract
