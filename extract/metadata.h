// Article metadata printed around the text: source (来源/文章来源/稿源), author (作者/记者/文/
// 编辑/责任编辑), views (浏览量/点击数/阅读/浏览次数 N次), section (当前位置/breadcrumb leaf or
// column heading), language and rel=canonical. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "extract/page_context.h"

namespace extract {

struct Metadata {
  std::optional<std::string> source;
  std::optional<std::string> author;
  std::optional<int64_t> views;
  std::optional<std::string> section;
  std::optional<std::string> lang;
  std::optional<std::string> canonical_url;
};

// `body_container` (may be kNoNode) marks the main text; metadata is looked for around it.
// `headline` is the article's title when known: its line heads the byline area.
Metadata ExtractMetadata(const PageContext& ctx, NodeId body_container,
                         std::string_view headline = {});

}  // namespace extract
