#include "sim/schema/text_table.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace llmb {
namespace {

TEST(TextTable, EachColumnIsAsWideAsItsWidestCellAndNothingIsCut) {
  TextTable table({{"gpu", Align::kLeft}, {"peak"}});
  table.row({"A100-80GB", "312"});
  table.row({"GB200-NVL72", "2,500"});
  EXPECT_EQ(table.text(),
            "  gpu          peak\n"
            "  A100-80GB     312\n"
            "  GB200-NVL72 2,500\n");
}

TEST(TextTable, AUnitLineFollowsTheHeadersWhenAnyColumnHasAUnit) {
  TextTable table({{"gpu", Align::kLeft}, {"bf16", Align::kRight, "TFLOP/s"}}, 0);
  table.row({"H100", "989.4"});
  EXPECT_EQ(table.text(),
            "gpu     bf16\n"
            "     TFLOP/s\n"
            "H100   989.4\n");
}

TEST(TextTable, CurrencySignsAreOneColumnAndChineseCharactersTwo) {
  EXPECT_EQ(display_width("$4.69M"), 6u);
  EXPECT_EQ(display_width("¥2.96B"), 6u);
  EXPECT_EQ(display_width("€50M"), 4u);
  EXPECT_EQ(display_width("智谱"), 4u);
  EXPECT_EQ(display_width("￥1"), 3u);
  TextTable table({{"name", Align::kLeft}, {"cash"}}, 0);
  table.row({"智谱", "¥1.00B"});
  table.row({"OpenAI", "$540M"});
  EXPECT_EQ(table.text(),
            "name     cash\n"
            "智谱   ¥1.00B\n"
            "OpenAI  $540M\n");
}

TEST(TextTable, WithoutHeadersOnlyTheRowsArePrintedAndTrailingSpacesGo) {
  TextList list;
  list.add("funding needed", "$13.6M");
  list.add("break-even", "");
  EXPECT_EQ(list.text(),
            "  funding needed  $13.6M\n"
            "  break-even\n");
}

TEST(TextTable, GroupLinesAreNotCountedInTheWidths) {
  TextTable table({{"claim", Align::kLeft}, {"error"}});
  table.line("a scenario file with a long name");
  table.row({"GPT-3", "+1.0%"});
  EXPECT_EQ(table.text(),
            "  claim error\n"
            "  a scenario file with a long name\n"
            "  GPT-3 +1.0%\n");
}

TEST(TextTable, ARowOfTheWrongWidthIsAWritersBug) {
  TextTable table({{"a"}, {"b"}});
  EXPECT_THROW(table.row({"1"}), std::logic_error);
}

}  // namespace
}  // namespace llmb
