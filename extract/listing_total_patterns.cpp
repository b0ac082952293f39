#include "extract/listing_total_patterns.h"

namespace extract {
namespace {

// Longer phrasings need no entry of their own when a shorter one is inside them: 共N条 finds
// 总共N条, 共N条记录 and 共N条信息; 记录数：N finds 总记录数：N; 总数：N finds 信息总数：N.
constexpr ListingTotalPattern kPatterns[] = {
    // Items.
    {"共 {N} 条", ListingTotalKind::kItems},
    {"共有 {N} 条", ListingTotalKind::kItems},
    {"共 {N} 篇", ListingTotalKind::kItems},
    {"共有 {N} 篇", ListingTotalKind::kItems},
    {"共 {N} 项", ListingTotalKind::kItems},
    {"共计 {N} 条", ListingTotalKind::kItems},
    {"共计 : {N} 条", ListingTotalKind::kItems},
    {"找到 {N} 条", ListingTotalKind::kItems},
    {"总数 : {N}", ListingTotalKind::kItems},
    {"总条数 : {N}", ListingTotalKind::kItems},
    {"记录数 : {N}", ListingTotalKind::kItems},
    {"信息数 : {N}", ListingTotalKind::kItems},
    {"文章数 : {N}", ListingTotalKind::kItems},
    {"{n} - {n} of {N}", ListingTotalKind::kItems},
    {"of {N} results", ListingTotalKind::kItems},
    {"of {N} items", ListingTotalKind::kItems},
    {"{N} results", ListingTotalKind::kItems},
    {"{N} items", ListingTotalKind::kItems},
    {"{N} records", ListingTotalKind::kItems},
    {"total : {N}", ListingTotalKind::kItems},
    // Pages.
    {"共 {N} 页", ListingTotalKind::kPages},
    {"共有 {N} 页", ListingTotalKind::kPages},
    {"第 {n} / {N} 页", ListingTotalKind::kPages},
    {"{n} / {N} 页", ListingTotalKind::kPages},
    {"页次 : {n} / {N}", ListingTotalKind::kPages},
    {"总页数 : {N}", ListingTotalKind::kPages},
    {"页数 : {N}", ListingTotalKind::kPages},
    {"page {n} of {N}", ListingTotalKind::kPages},
    {"page {n} / {N}", ListingTotalKind::kPages},
    {"{N} pages", ListingTotalKind::kPages},
    // TRS WCM, the CMS of many government sites, writes its pager from a script:
    // createPageHTML(pages, current, "index", "html") and var countPage = pages.
    {"createPageHTML( {N} ,", ListingTotalKind::kPages},
    {"countPage = {N}", ListingTotalKind::kPages},
    // Items per page.
    {"{N} 条/页", ListingTotalKind::kPerPage},
    {"{N} 条 / 页", ListingTotalKind::kPerPage},
    {"每页 {N} 条", ListingTotalKind::kPerPage},
    {"每页显示 {N} 条", ListingTotalKind::kPerPage},
    {"每页 : {N}", ListingTotalKind::kPerPage},
    {"{N} per page", ListingTotalKind::kPerPage},
};

}  // namespace

std::span<const ListingTotalPattern> ListingTotalPatterns() { return kPatterns; }

}  // namespace extract
