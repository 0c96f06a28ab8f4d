// A workbook as rows of cells, and the one place that writes it with libxlsxwriter: number
// formats for money, percentages and counts, a frozen header, column widths, and the same bytes
// for the same workbook (a fixed creation time). Written beside the target and renamed, as every
// output (sim/output/atomic_file.h).
#pragma once

#include <string>
#include <vector>

namespace llmb {

// How a cell reads: the number format it carries.
enum class CellStyle { kText, kHeader, kMoney, kPercent, kCount, kNumber };

struct XlsxCell {
  enum class Kind { kEmpty, kText, kNumber, kBool };
  Kind kind = Kind::kEmpty;
  std::string text;
  double number = 0;
  CellStyle style = CellStyle::kText;

  static XlsxCell empty() { return {}; }
  static XlsxCell of_text(std::string text, CellStyle style = CellStyle::kText) {
    return {Kind::kText, std::move(text), 0, style};
  }
  static XlsxCell of_number(double number, CellStyle style) {
    return {Kind::kNumber, {}, number, style};
  }
  static XlsxCell of_bool(bool value) { return {Kind::kBool, {}, value ? 1.0 : 0.0}; }
};

struct XlsxSheet {
  std::string name;  // cut to Excel's 31 characters, made unique, []:*?/\ replaced
  std::vector<std::vector<XlsxCell>> rows;
  int frozen_rows = 1;                // the header stays in view
  int frozen_columns = 1;             // and the first column (keys, months)
  std::vector<double> column_widths;  // in characters; columns past the list are 14 wide
};

struct XlsxWorkbook {
  std::string title;
  std::string money_format = "\"$\"#,##0.00";  // Excel's format code for the result's currency
  std::vector<XlsxSheet> sheets;
};

// Whether this build writes workbooks (it found libxlsxwriter at configure time).
bool xlsx_available();

// Writes `workbook` to `path` atomically. Throws OutputError when the path cannot be written or
// this build has no libxlsxwriter.
void write_workbook(const XlsxWorkbook& workbook, const std::string& path);

}  // namespace llmb
