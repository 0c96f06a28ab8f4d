#include "sim/report/xlsx_workbook.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/output/atomic_file.h"
#include "sim/report/xlsx_json_sheets.h"

namespace llmb {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class XlsxWorkbookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "llmb-xlsx-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    if (!xlsx_available()) GTEST_SKIP() << "built without libxlsxwriter (libxlsxwriter-dev)";
  }
  void TearDown() override { fs::remove_all(dir_); }
  static std::string bytes_of(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  static XlsxWorkbook sample() {
    XlsxWorkbook book;
    book.title = "sample";
    XlsxSheet sheet;
    // Every character Excel refuses in a sheet name, an apostrophe first, over 31 characters.
    sheet.name = "'A/B\\C[D]E:F*G?H a name longer than thirty-one characters";
    sheet.rows = {{XlsxCell::of_text("key", CellStyle::kHeader)},
                  {XlsxCell::of_text("cash_usd"), XlsxCell::of_number(1.5e6, CellStyle::kMoney)}};
    book.sheets = {sheet, sheet};  // the same name twice, told apart
    return book;
  }
  fs::path dir_;
};

TEST_F(XlsxWorkbookTest, SameWorkbookWrittenTwiceIsTheSameBytes) {
  write_workbook(sample(), (dir_ / "a.xlsx").string());
  ::sleep(1);  // a creation time read from the clock would differ
  write_workbook(sample(), (dir_ / "b.xlsx").string());
  const std::string a = bytes_of(dir_ / "a.xlsx");
  EXPECT_GT(a.size(), 1000u);
  EXPECT_EQ(a.substr(0, 2), "PK");  // a zip archive
  EXPECT_EQ(a, bytes_of(dir_ / "b.xlsx"));
}

TEST_F(XlsxWorkbookTest, UnwritablePathThrowsAndLeavesNoFile) {
  const fs::path target = dir_ / "missing" / "out.xlsx";
  try {
    write_workbook(sample(), target.string());
    FAIL() << "no OutputError";
  } catch (const OutputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("out.xlsx:1:1: --output: cannot write"));
  }
  EXPECT_FALSE(fs::exists(target));
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(XlsxWorkbookTest, DirectoryTargetIsRefusedWithNoTemporaryFileLeft) {
  EXPECT_THROW(write_workbook(sample(), dir_.string()), OutputError);
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST(XlsxStyleForKey, AmountsFollowTheDisplayCurrencysCode) {
  EXPECT_EQ(style_for_key("cash_usd", "usd"), CellStyle::kMoney);
  EXPECT_EQ(style_for_key("monte_carlo.funding_needed_usd.p10", "usd"), CellStyle::kMoney);
  EXPECT_EQ(style_for_key("funding_needed_at_p10_usd", "usd"), CellStyle::kMoney);
  EXPECT_EQ(style_for_key("cash_cny", "cny"), CellStyle::kMoney);
  EXPECT_EQ(style_for_key("cash_cny", "usd"), CellStyle::kNumber);
  EXPECT_EQ(style_for_key("usda_count", "usd"), CellStyle::kCount);  // "_usd" must be a word
}

TEST(XlsxStyleForKey, FractionsArePercentagesAndWholeCountsAreGrouped) {
  EXPECT_EQ(style_for_key("gross_margin", "usd"), CellStyle::kPercent);
  EXPECT_EQ(style_for_key("outcome.gross_margin_at_month_24", "usd"), CellStyle::kPercent);
  EXPECT_EQ(style_for_key("probability_never_breaks_even", "usd"), CellStyle::kPercent);
  EXPECT_EQ(style_for_key("cap_table.investors.seed", "usd"), CellStyle::kPercent);
  EXPECT_EQ(style_for_key("headcount", "usd"), CellStyle::kCount);
  EXPECT_EQ(style_for_key("training_gpus", "usd"), CellStyle::kCount);
  EXPECT_EQ(style_for_key("month", "usd"), CellStyle::kCount);
  EXPECT_EQ(style_for_key("requests_per_day", "usd"), CellStyle::kNumber);
}

TEST(XlsxJsonSheets, KeyValueSheetHoldsEveryScalarByDottedPathAndLeavesListsOut) {
  const XlsxJson j =
      XlsxJson::parse(R"({"a": {"b_usd": 2, "c": null}, "list": [1, 2], "d": true})");
  const XlsxSheet sheet = key_value_sheet("s", j, "", "usd");
  ASSERT_EQ(sheet.rows.size(), 4u);  // the header, a.b_usd, a.c, d
  EXPECT_EQ(sheet.rows[1][0].text, "a.b_usd");
  EXPECT_EQ(sheet.rows[1][1].number, 2);
  EXPECT_EQ(sheet.rows[1][1].style, CellStyle::kMoney);
  EXPECT_EQ(sheet.rows[2][1].kind, XlsxCell::Kind::kEmpty);  // null: no value, not 0
  EXPECT_EQ(sheet.rows[3][1].kind, XlsxCell::Kind::kBool);
}

}  // namespace
}  // namespace llmb
