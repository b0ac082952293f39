#include "storage/export_writer.h"

#include <gtest/gtest.h>

#include "tests/storage/archive_test_util.h"
#include "tests/support/test_util.h"

namespace storage {
namespace {

std::string Render(ExportWriterOptions options, const std::vector<extract::Article>& articles) {
  std::string out;
  ExportWriter writer(options, [&out](std::string_view data) -> util::Result<void> {
    out += data;
    return {};
  });
  EXPECT_TRUE(writer.Begin().has_value());
  for (const auto& a : articles) {
    EXPECT_TRUE(writer.Write(a, {"2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z", 2}).has_value());
  }
  EXPECT_TRUE(writer.End().has_value());
  return out;
}

// RFC 4180 §2.6-2.7: fields with commas, quotes or line breaks are quoted, quotes doubled.
TEST(CsvField, QuotesOnlyWhenNeededAndDoublesQuotes) {
  EXPECT_EQ(CsvField("plain 文本"), "plain 文本");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("line1\nline2"), "\"line1\nline2\"");
  EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
}

TEST(ExportWriter, CsvHasHeaderRowAndKeepsBodyNewlinesInsideQuotes) {
  auto a = testing::MakeArticle("http://a.cn/1", "标题,带逗号", "第一段\n第二段 \"引用\"");
  std::string csv = Render({ExportFormat::kCsv, false}, {a});
  EXPECT_EQ(csv.rfind("url,site,section,title,published_date,published_at,updated_at,source,author,"
                      "views,body,prev_url,prev_title,next_url,next_title,lang,encoding_used,"
                      "content_sha256,first_seen_at,last_fetched_at,version\r\n",
                      0),
            0u);
  EXPECT_NE(csv.find(",\"标题,带逗号\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",\"第一段\n第二段 \"\"引用\"\"\","), std::string::npos) << csv;
  EXPECT_TRUE(csv.ends_with(",2024-05-01T00:00:00Z,2024-05-02T00:00:00Z,2\r\n")) << csv;
}

TEST(ExportWriter, ExcelCsvStartsWithAByteOrderMark) {
  std::string csv = Render({ExportFormat::kCsv, true}, {});
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(csv.substr(3, 4), "url,");
}

TEST(ExportWriter, JsonIsOneArrayAndEmptyArrayWhenNothingMatches) {
  EXPECT_EQ(Render({ExportFormat::kJson, false}, {}), "[]\n");
  auto a = testing::MakeArticle("http://a.cn/1", "一", "b");
  auto b = testing::MakeArticle("http://a.cn/2", "二", "b");
  std::string json = Render({ExportFormat::kJson, false}, {a, b});
  EXPECT_EQ(json.front(), '[');
  EXPECT_TRUE(json.ends_with("}\n]\n"));
  EXPECT_NE(json.find("},\n{"), std::string::npos);
}

TEST(ExportWriter, JsonlWritesRealUtf8CharactersOnePerLine) {
  auto a = testing::MakeArticle("http://a.cn/1", "招商引资", "正文");
  std::string jsonl = Render({ExportFormat::kJsonl, false}, {a, a});
  EXPECT_NE(jsonl.find("\"title\":\"招商引资\""), std::string::npos);
  EXPECT_EQ(jsonl.find("\\u"), std::string::npos);
  EXPECT_EQ(std::count(jsonl.begin(), jsonl.end(), '\n'), 2);
}

}  // namespace
}  // namespace storage
