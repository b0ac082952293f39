// Title extraction: the in-page headline, cross-checked with <title>, og:title and JSON-LD, with
// site decoration ("_贵州豫商网", " - 新华网", "|...") removed; never a column or site name.
// Pure function; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "extract/page_context.h"

namespace extract {

// `body_container` (may be kNoNode) helps find the headline printed just above the text.
std::optional<std::string> ExtractTitle(const PageContext& ctx, NodeId body_container);

// Removes site-name decoration from a <title>-like string: "精心谋划_贵州豫商网" → "精心谋划".
std::string StripTitleDecoration(std::string_view title);

}  // namespace extract
