// Lookups of the page's <meta> elements by name: the values that OpenGraph, Dublin Core, news
// CMSs and the like put there (og:title, article:published_time, author, source...). Pure
// functions; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/document.h"

namespace extract {

// Values of the <meta> elements whose property, name, itemprop or http-equiv is one of `names`
// (lower case; compared in ASCII lower case), non-empty, in order of the names' preference and
// then of the document.
std::vector<std::string> MetaContents(const Document& doc, std::span<const std::string_view> names);

}  // namespace extract
