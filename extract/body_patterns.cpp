#include "extract/body_patterns.h"

#include <algorithm>

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

}  // namespace extract
