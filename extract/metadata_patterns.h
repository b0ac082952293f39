// Label tables for the metadata printed around an article: which printed words introduce the
// source (来源), the author (作者, 记者, 文/), the editor (责任编辑), the view counter (浏览量),
// the breadcrumb (当前位置), and which words merely end a value (日期, 时间 ...). Also the class
// tokens of breadcrumb, author and source elements, and the meta names read. Data only; the
// tree walk that uses them is in metadata.cpp.
#pragma once

#include <span>
#include <string_view>

namespace extract {

enum class MetaField {
  kSource,   // 来源, 稿源, 出处
  kAuthor,   // 作者, 记者, 文/ (a byline)
  kEditor,   // 编辑, 责任编辑, 责编
  kViews,    // 浏览量, 点击数, 阅读
  kStop,     // 日期, 时间, 摄影 ...: ends the value before it, gives nothing
  kIgnored,  // 资料来源, 图片来源: looks like a source label but is not the article's
};

enum class LabelForm {
  // Needs a colon after it ("来源：X"), or a space on a short line ("作者 张三").
  kColon,
  // May follow an outlet and needs no colon ("澎湃新闻记者 段彦超"); counts only on a short
  // byline line, outside brackets.
  kByline,
  // Carries its own separator ("文/栗思", "文丨韩涵").
  kWithSeparator,
};

struct MetaLabel {
  std::string_view text;
  MetaField field;
  LabelForm form;
};

// Every printed metadata label; longer labels first so that the longest one matches.
std::span<const MetaLabel> MetaLabels();

// Breadcrumb labels (当前位置, 您的位置 ...), longest first.
std::span<const std::string_view> BreadcrumbLabels();
// Breadcrumb separators (>, ＞, », →, /).
std::span<const std::string_view> BreadcrumbSeparators();
// Breadcrumb items that are never the section (首页, 正文, 当前页 ...).
std::span<const std::string_view> BreadcrumbSkipItems();

// Class/id tokens (whole tokens, or parts between '-' and '_') of elements holding a
// breadcrumb, an author name, or an outlet name.
std::span<const std::string_view> BreadcrumbClassTokens();
std::span<const std::string_view> AuthorClassTokens();
std::span<const std::string_view> SourceClassTokens();
// Class/id tokens of a comment area: an author element inside one is a commenter.
std::span<const std::string_view> CommentClassTokens();

// <meta name|property> names read for the author and the source, in order of preference.
std::span<const std::string_view> AuthorMetaNames();
std::span<const std::string_view> SourceMetaNames();

// Author values that say the author is unknown (佚名, 未知).
std::span<const std::string_view> UnknownAuthorValues();

// Units that show a printed count is rounded ("42万", "1.2k"): such counts are not views.
std::span<const std::string_view> RoundedCountSuffixes();

// Words printed beside an article's date that are no outlet: originality badges (原创, 转载),
// weekdays, relative times, counters and buttons. A token equal to one of them, or (for the
// entries ending in "*") starting with it, is passed over when looking for an unlabelled outlet.
std::span<const std::string_view> NotOutletWords();
// Captions of the buttons and links printed around a post or an article (只看该作者, 打印本页,
// 关闭窗口, 加入收藏, 复制链接): never a source, labelled or beside the date. As in
// NotOutletWords, an entry ending in "*" matches the values starting with it.
std::span<const std::string_view> UiActionWords();
// Provinces and regions (北京, 广东, 内蒙古, 香港) that self-media pages print beside the date as
// the poster's IP region, with or without "IP属地": a region alone is no outlet. A name followed
// by one of RegionSuffixes (省, 市, 自治区 …) is one too.
std::span<const std::string_view> RegionNames();
std::span<const std::string_view> RegionSuffixes();
// Endings of such words: a preposition before the date ("发表于", "最新推荐文章于") or a counter
// ("人参与评论", "次阅读").
std::span<const std::string_view> NotOutletEndings();
// Endings that make a short name an outlet or an institution (新华社, 中国网, 人民日报, 省发改委):
// a name of two to four ideographs without one is more likely a person's.
std::span<const std::string_view> OutletNameEndings();

// Words printed in brackets at the end of a text that are no name: "（完）", "（待续）".
std::span<const std::string_view> ClosingMarks();

// Words that open an English byline ("By").
std::span<const std::string_view> EnglishBylinePrefixes();

}  // namespace extract
