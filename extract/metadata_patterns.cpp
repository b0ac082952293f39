#include "extract/metadata_patterns.h"

#include <array>

namespace extract {
namespace {

using enum MetaField;
using enum LabelForm;

// Longest first within overlapping families ("责任编辑" before "编辑", "本文来源" before "来源").
constexpr std::array kMetaLabels = std::to_array<MetaLabel>({
    // Source.
    {"文章来源", kSource, kColon},
    {"本文来源", kSource, kColon},
    {"新闻来源", kSource, kColon},
    {"信息来源", kSource, kColon},
    {"稿件来源", kSource, kColon},
    {"消息来源", kSource, kColon},
    {"内容来源", kSource, kColon},
    {"资料来源", kIgnored, kColon},
    {"数据来源", kIgnored, kColon},
    {"图片来源", kIgnored, kColon},
    {"视频来源", kIgnored, kColon},
    {"来源", kSource, kColon},
    {"稿源", kSource, kColon},
    {"出处", kSource, kColon},
    {"source", kSource, kColon},
    // Editor (before author: "责任编辑" contains no author label, "编辑/" has a separator).
    {"责任编辑", kEditor, kColon},
    {"网络编辑", kEditor, kColon},
    {"本文编辑", kEditor, kColon},
    {"值班编辑", kEditor, kColon},
    {"实习编辑", kEditor, kColon},
    {"编辑/", kEditor, kWithSeparator},
    {"编辑／", kEditor, kWithSeparator},
    {"责编", kEditor, kColon},
    {"编辑", kEditor, kColon},
    // Author.
    {"特约评论员", kAuthor, kByline},
    {"评论员", kAuthor, kByline},
    {"通讯员", kAuthor, kByline},
    {"执笔人", kAuthor, kColon},
    {"执笔", kAuthor, kColon},
    {"撰稿人", kAuthor, kColon},
    {"撰稿", kAuthor, kColon},
    {"撰文", kAuthor, kColon},
    {"作者/", kAuthor, kWithSeparator},
    {"作者", kAuthor, kColon},
    {"记者", kAuthor, kByline},
    {"文/", kAuthor, kWithSeparator},
    {"文／", kAuthor, kWithSeparator},
    {"文|", kAuthor, kWithSeparator},
    {"文｜", kAuthor, kWithSeparator},
    {"文丨", kAuthor, kWithSeparator},
    {"文：", kAuthor, kWithSeparator},  // "文：眉间尺", not "原文：" (no Han before)
    {"文:", kAuthor, kWithSeparator},
    {"author", kAuthor, kColon},
    // Views.
    {"浏览次数", kViews, kColon},
    {"浏览量", kViews, kColon},
    {"浏览数", kViews, kColon},
    {"浏览", kViews, kColon},
    {"点击次数", kViews, kColon},
    {"点击数", kViews, kColon},
    {"点击量", kViews, kColon},
    {"点击", kViews, kColon},
    {"阅读次数", kViews, kColon},
    {"阅读数", kViews, kColon},
    {"阅读量", kViews, kColon},
    {"阅读", kViews, kColon},
    {"访问量", kViews, kColon},
    {"访问次数", kViews, kColon},
    {"查看次数", kViews, kColon},
    {"人气", kViews, kColon},
    {"views", kViews, kColon},
    // Labels that only end the value before them.
    {"发布时间", kStop, kColon},
    {"发布日期", kStop, kColon},
    {"发稿时间", kStop, kColon},
    {"发表时间", kStop, kColon},
    {"更新时间", kStop, kColon},
    {"上传时间", kStop, kColon},
    {"录入时间", kStop, kColon},
    {"时间", kStop, kColon},
    {"日期", kStop, kColon},
    {"发布者", kStop, kColon},
    {"发布人", kStop, kColon},
    {"摄影", kStop, kColon},
    {"审核", kStop, kColon},
    {"校对", kStop, kColon},
    {"监制", kStop, kColon},
    {"策划", kStop, kColon},
    {"出品", kStop, kColon},
    {"选稿", kStop, kColon},
    {"字号", kStop, kColon},
    {"字体", kStop, kColon},
    {"分享到", kStop, kColon},
    {"分享", kStop, kColon},
    {"打印", kStop, kColon},
    {"关闭", kStop, kColon},
    {"收藏", kStop, kColon},
    {"评论", kStop, kColon},
    {"原标题", kStop, kColon},
    {"标签", kStop, kColon},
    {"关键词", kStop, kColon},
});

constexpr std::array<std::string_view, 11> kBreadcrumbLabels = {
    "您现在的位置", "你现在的位置", "您当前的位置", "您的当前位置", "当前位置", "您的位置",
    "你的位置",     "现在位置",     "所在位置",     "当前页面",     "位置",
};

constexpr std::array<std::string_view, 12> kBreadcrumbSeparators = {
    ">", "＞", "»", "›", "→", "/", "／", "|", "｜", "-->", "->", "＞＞",
};

constexpr std::array<std::string_view, 16> kBreadcrumbSkipItems = {
    "首页",     "主页",     "网站首页", "本站首页", "正文",     "当前页", "内容",  "详情",
    "正文内容", "文章内容", "阅读文章", "浏览文章", "查看内容", "home",   "index", "新闻详情",
};

constexpr std::array<std::string_view, 14> kBreadcrumbClassTokens = {
    "breadcrumb", "breadcrumbs", "crumb",  "crumbs",      "position",    "location", "weizhi",
    "dqwz",       "mbx",         "curpos", "positionnav", "currentpath", "nav_path", "sitepath",
};

constexpr std::array<std::string_view, 5> kAuthorClassTokens = {
    "author", "byline", "writer", "authorname", "zuozhe",
};

constexpr std::array<std::string_view, 3> kSourceClassTokens = {"source", "laiyuan", "sourcename"};

constexpr auto kCommentClassTokens = std::to_array<std::string_view>({
    "comment",
    "comments",
    "commentlist",
    "reply",
    "replies",
    "respond",
    "pinglun",
    "discuss",
});

constexpr std::array<std::string_view, 5> kAuthorMetaNames = {
    "author", "article:author", "byline", "dc.creator", "sailthru.author",
};

constexpr std::array<std::string_view, 3> kSourceMetaNames = {"source", "contentsource",
                                                              "og:article:source"};

constexpr std::array<std::string_view, 5> kUnknownAuthorValues = {"佚名", "未知", "不详", "匿名",
                                                                  "unknown"};

constexpr std::array<std::string_view, 10> kRoundedCountSuffixes = {
    "万", "千", "亿", "w", "W", "k", "K", "+", ".", "％",
};

constexpr auto kNotOutletWords = std::to_array<std::string_view>({
    "原创",
    "转载",
    "独家",
    "首发",
    "置顶",
    "精华",
    "推荐",
    "热门",
    "热",
    "荐",
    "顶",
    "关注",
    "已关注",
    "+关注",
    "订阅",
    "分享",
    "评论",
    "举报",
    "收藏",
    "打印",
    "纠错",
    "大",
    "中",
    "小",
    "字号",
    "星期*",
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周六",
    "周日",
    "周天",
    "上午",
    "下午",
    "中午",
    "晚上",
    "凌晨",
    "今天",
    "昨天",
    "前天",
    "刚刚",
    "发布",
    "发表",
    "更新",
    "阅读",
    "浏览",
    "点赞",
    "来自",
    "优质*",
    "认证*",
    "官方*",
    "IP属地*",
    // Forum floor marks printed above a post's date (Discuz!, phpwind).
    "楼主",
    "沙发",
    "板凳",
    "地板",
});

constexpr auto kUiActionWords = std::to_array<std::string_view>({
    "只看*", "打印*",     "关闭*",     "收藏*",     "加入收藏*",   "分享到*",   "复制*",
    "举报*", "回复*",     "返回*",     "电梯直达",  "倒序*",       "正序*",     "阅读模式",
    "字号*", "我要评论*", "发表评论*", "查看评论*", "推荐给好友*", "告诉好友*", "分享",
});

constexpr auto kRegionNames = std::to_array<std::string_view>({
    "北京",   "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江",
    "江苏",   "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南",
    "广东",   "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾",
    "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "中国", "海外",
});

constexpr auto kRegionSuffixes = std::to_array<std::string_view>({
    "省",
    "市",
    "自治区",
    "壮族自治区",
    "回族自治区",
    "维吾尔自治区",
    "特别行政区",
});

constexpr auto kNotOutletEndings = std::to_array<std::string_view>({
    "于",
    "评论",
    "阅读",
    "浏览",
    "参与",
    "点赞",
    "次",
    "人",
});

constexpr auto kOutletNameEndings = std::to_array<std::string_view>({
    "报",   "网",   "社",   "台",   "刊",   "志",   "新闻", "客户端", "频道", "在线", "传媒",
    "媒体", "资讯", "财经", "日报", "之声", "发布", "头条", "号",     "站",   "局",   "委",
    "院",   "厅",   "部",   "办",   "会",   "中心", "政府", "集团",   "公司",
});

constexpr auto kClosingMarks = std::to_array<std::string_view>({
    "完",
    "全文完",
    "待续",
    "未完待续",
    "未完",
    "续",
    "终",
    "注",
    "图",
    "组图",
    "资料图",
    "本文完",
});

constexpr std::array<std::string_view, 2> kEnglishBylinePrefixes = {"By ", "BY "};

}  // namespace

std::span<const MetaLabel> MetaLabels() { return kMetaLabels; }
std::span<const std::string_view> BreadcrumbLabels() { return kBreadcrumbLabels; }
std::span<const std::string_view> BreadcrumbSeparators() { return kBreadcrumbSeparators; }
std::span<const std::string_view> BreadcrumbSkipItems() { return kBreadcrumbSkipItems; }
std::span<const std::string_view> BreadcrumbClassTokens() { return kBreadcrumbClassTokens; }
std::span<const std::string_view> AuthorClassTokens() { return kAuthorClassTokens; }
std::span<const std::string_view> SourceClassTokens() { return kSourceClassTokens; }
std::span<const std::string_view> CommentClassTokens() { return kCommentClassTokens; }
std::span<const std::string_view> AuthorMetaNames() { return kAuthorMetaNames; }
std::span<const std::string_view> SourceMetaNames() { return kSourceMetaNames; }
std::span<const std::string_view> UnknownAuthorValues() { return kUnknownAuthorValues; }
std::span<const std::string_view> RoundedCountSuffixes() { return kRoundedCountSuffixes; }
std::span<const std::string_view> NotOutletWords() { return kNotOutletWords; }
std::span<const std::string_view> ClosingMarks() { return kClosingMarks; }
std::span<const std::string_view> UiActionWords() { return kUiActionWords; }
std::span<const std::string_view> RegionNames() { return kRegionNames; }
std::span<const std::string_view> RegionSuffixes() { return kRegionSuffixes; }
std::span<const std::string_view> NotOutletEndings() { return kNotOutletEndings; }
std::span<const std::string_view> OutletNameEndings() { return kOutletNameEndings; }
std::span<const std::string_view> EnglishBylinePrefixes() { return kEnglishBylinePrefixes; }

}  // namespace extract
