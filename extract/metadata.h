// Article metadata printed around the text: source (来源/文章来源/稿源), author (作者/记者/文/
// 编辑/责任编辑), views (浏览量/点击数/阅读/浏览次数 N次), section (当前位置/breadcrumb leaf or
// column heading), language and rel=canonical. Pure functions; thread-safe.
#pragma once

#include <cstddef>
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

// Limits of the heuristics that read names printed without a label.
struct MetadataOptions {
  // An outlet or account name printed beside the article's date without a label ("原创
  // 南方都市报 2019-09-09"), in characters: shorter is a badge, longer a sentence.
  size_t min_outlet_chars = 2;
  size_t max_outlet_chars = 20;
  // An item before the date of at most this many ideographs and no outlet ending (社, 报, 网 …)
  // is a person's name, the byline ("康斯坦丁 2015-07-02"), not an outlet.
  size_t max_person_name_chars = 4;
  // The box holding an account name and the date line below it (avatar, name, date) holds at
  // most this much text: a larger element is a page region, not a byline box.
  size_t max_byline_box_chars = 80;
  // A poster's name or handle printed with the publishing date ("ggjjzhzz 发表于 2005-9-15"),
  // at most this many characters.
  size_t max_poster_chars = 20;
  // "X 于 DATE … 发表": the publishing verb follows the date within this many characters.
  size_t max_poster_verb_distance = 40;
};

// `body_container` (may be kNoNode) marks the main text; metadata is looked for around it.
// `headline` is the article's title when known: its line heads the byline area.
Metadata ExtractMetadata(const PageContext& ctx, NodeId body_container,
                         std::string_view headline = {}, const MetadataOptions& options = {});

}  // namespace extract
