#include "extract/date_patterns.h"

namespace extract {
namespace {

constexpr DateLabel kLabels[] = {
    // Longest first: "发布日期" must win over "日期".
    {"last updated", DateLabelKind::kUpdate},      {"date published", DateLabelKind::kArticleDate},
    {"published on", DateLabelKind::kPublishTime}, {"发布日期", DateLabelKind::kArticleDate},
    {"发表日期", DateLabelKind::kArticleDate},     {"发文日期", DateLabelKind::kArticleDate},
    {"成文日期", DateLabelKind::kArticleDate},     {"出版日期", DateLabelKind::kArticleDate},
    {"印发日期", DateLabelKind::kArticleDate},     {"新闻日期", DateLabelKind::kArticleDate},
    {"文章日期", DateLabelKind::kArticleDate},     {"发布时间", DateLabelKind::kPublishTime},
    {"发表时间", DateLabelKind::kPublishTime},     {"发稿时间", DateLabelKind::kPublishTime},
    {"刊发时间", DateLabelKind::kPublishTime},     {"公布时间", DateLabelKind::kPublishTime},
    {"录入时间", DateLabelKind::kPublishTime},     {"添加时间", DateLabelKind::kPublishTime},
    {"加入时间", DateLabelKind::kPublishTime},     {"编辑时间", DateLabelKind::kPublishTime},
    {"上传时间", DateLabelKind::kUpdate},          {"上传日期", DateLabelKind::kUpdate},
    {"更新时间", DateLabelKind::kUpdate},          {"更新日期", DateLabelKind::kUpdate},
    {"修改时间", DateLabelKind::kUpdate},          {"修改日期", DateLabelKind::kUpdate},
    {"最后更新", DateLabelKind::kUpdate},          {"最后修改", DateLabelKind::kUpdate},
    {"发布于", DateLabelKind::kPublishTime},       {"发表于", DateLabelKind::kPublishTime},
    {"published", DateLabelKind::kPublishTime},    {"updated", DateLabelKind::kUpdate},
    {"modified", DateLabelKind::kUpdate},          {"posted", DateLabelKind::kPublishTime},
    {"日期", DateLabelKind::kArticleDate},         {"时间", DateLabelKind::kPublishTime},
    {"发布", DateLabelKind::kPublishTime},         {"date", DateLabelKind::kArticleDate},
};

constexpr std::u32string_view kLabelSeparators = U" :：[【(（〔|";

constexpr std::u32string_view kPrepositions[] = {U"于"};
constexpr std::u32string_view kVerbsAfterDate[] = {U"发表", U"发布", U"发贴"};

constexpr std::u32string_view kOtherItemMarkers[] = {
    // Related and recommended items.
    U"推荐",
    U"相关",
    U"最新文章",
    U"热门",
    U"上一篇",
    U"下一篇",
    U"上一条",
    U"下一条",
    U"猜你喜欢",
    // Comments ("网友", "回复", "楼主", "留言" are left out: on a forum page the post they
    // head is the article, and boards are named 留言板).
    U"评论于",
    // The page clock.
    U"今天是",
    U"今日是",
    U"当前时间",
    U"现在时间",
    U"现在是",
};

constexpr std::u32string_view kBylineBoxWords[] = {
    U"来源", U"作者", U"编辑", U"记者", U"出处", U"稿源", U"供稿", U"发布人", U"发布者",
};

constexpr std::u32string_view kCommentHeadings[] = {
    U"网友评论", U"发表评论", U"评论列表", U"最新评论", U"全部评论", U"热门评论", U"精彩评论",
    U"用户评论", U"读者评论", U"网友留言", U"留言列表", U"评论区",   U"回复列表",
};

constexpr std::string_view kCommentWidgetParts[] = {
    "date", "time",   "meta",  "info", "link",   "links", "count",
    "num",  "number", "total", "btn",  "button", "icon",  "share",
};

constexpr Meridiem kMeridiems[] = {
    {U"上午", false}, {U"下午", true}, {U"晚上", true}, {U"a.m.", false},
    {U"p.m.", true},  {U"am", false},  {U"pm", true},
};

constexpr ZoneName kZones[] = {
    {U"utc", 0},    {U"gmt", 0},   {U"est", -300}, {U"edt", -240}, {U"pst", -480},
    {U"pdt", -420}, {U"cet", 60},  {U"cest", 120}, {U"bst", 60},   {U"jst", 540},
    {U"kst", 540},  {U"hkt", 480}, {U"sgt", 480},
};

constexpr std::string_view kPublishedMeta[] = {
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "publication_date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "release_date",
    "date",
    "weibo:article:create_at",
};

constexpr std::string_view kModifiedMeta[] = {
    "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified",
};

constexpr MonthName kMonths[] = {
    {"january", 1},   {"february", 2},  {"march", 3},  {"april", 4},     {"may", 5},
    {"june", 6},      {"july", 7},      {"august", 8}, {"september", 9}, {"october", 10},
    {"november", 11}, {"december", 12}, {"sept", 9},   {"jan", 1},       {"feb", 2},
    {"mar", 3},       {"apr", 4},       {"jun", 6},    {"jul", 7},       {"aug", 8},
    {"sep", 9},       {"oct", 10},      {"nov", 11},   {"dec", 12},
};

}  // namespace

std::span<const DateLabel> DateLabels() { return kLabels; }
std::u32string_view LabelSeparators() { return kLabelSeparators; }
std::span<const std::u32string_view> DatePrepositions() { return kPrepositions; }
std::span<const std::u32string_view> PublishVerbsAfterDate() { return kVerbsAfterDate; }
std::span<const std::u32string_view> OtherItemDateMarkers() { return kOtherItemMarkers; }
std::span<const std::u32string_view> BylineBoxWords() { return kBylineBoxWords; }
std::span<const std::u32string_view> CommentHeadings() { return kCommentHeadings; }
std::span<const std::string_view> CommentWidgetParts() { return kCommentWidgetParts; }
std::span<const Meridiem> MeridiemMarkers() { return kMeridiems; }
std::span<const ZoneName> ZoneNames() { return kZones; }
std::span<const std::string_view> PublishedMetaNames() { return kPublishedMeta; }
std::span<const std::string_view> ModifiedMetaNames() { return kModifiedMeta; }
std::span<const MonthName> EnglishMonths() { return kMonths; }

}  // namespace extract
