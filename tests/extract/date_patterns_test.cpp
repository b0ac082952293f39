#include "extract/date_patterns.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace extract {
namespace {

bool HasUpperAscii(std::string_view s) {
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

TEST(DatePatterns, LongerLabelsComeBeforeTheirSuffixes) {
  auto labels = DateLabels();
  for (size_t i = 0; i < labels.size(); ++i) {
    for (size_t j = i + 1; j < labels.size(); ++j) {
      EXPECT_FALSE(labels[j].text.size() > labels[i].text.size() &&
                   labels[j].text.ends_with(labels[i].text))
          << labels[i].text << " hides " << labels[j].text;
    }
  }
}

TEST(DatePatterns, LabelsAndMetaNamesAreLowerCase) {
  for (const auto& label : DateLabels()) EXPECT_FALSE(HasUpperAscii(label.text)) << label.text;
  for (auto name : PublishedMetaNames()) EXPECT_FALSE(HasUpperAscii(name)) << name;
  for (auto name : ModifiedMetaNames()) EXPECT_FALSE(HasUpperAscii(name)) << name;
  for (const auto& month : EnglishMonths()) EXPECT_FALSE(HasUpperAscii(month.name));
}

TEST(DatePatterns, UploadAndUpdateLabelsGiveTheUpdateRole) {
  for (const auto& label : DateLabels()) {
    bool update = label.text.find("上传") != std::string_view::npos ||
                  label.text.find("更新") != std::string_view::npos ||
                  label.text.find("修改") != std::string_view::npos;
    if (update) {
      EXPECT_EQ(label.kind, DateLabelKind::kUpdate) << label.text;
    }
  }
}

TEST(DatePatterns, MonthsAndZonesAreInRange) {
  for (const auto& month : EnglishMonths()) {
    EXPECT_GE(month.month, 1) << month.name;
    EXPECT_LE(month.month, 12) << month.name;
  }
  for (const auto& zone : ZoneNames()) {
    EXPECT_LE(std::abs(zone.utc_offset_minutes), 14 * 60);
    EXPECT_FALSE(zone.name.empty());
  }
}

TEST(DatePatterns, PublishedMetaNamesStartWithOpenGraph) {
  ASSERT_FALSE(PublishedMetaNames().empty());
  EXPECT_EQ(PublishedMetaNames().front(), "article:published_time");
}

}  // namespace
}  // namespace extract
