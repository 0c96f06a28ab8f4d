#include "sim/report/xlsx_workbook.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <set>
#include <string>

#include "sim/output/atomic_file.h"

#ifdef LLMB_HAVE_XLSXWRITER
#include <xlsxwriter.h>
#endif

namespace llmb {
namespace {

constexpr std::size_t kSheetNameChars = 31;  // Excel's limit on a sheet's name
constexpr double kDefaultWidth = 14;

// Excel refuses []:*?/\ in a sheet name, more than 31 characters and two names that differ only
// in case; a company name may have any of these.
std::string sheet_name(const std::string& wanted, std::set<std::string>& taken) {
  std::string base;
  for (char c : wanted)
    base += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  // Nor may it start or end with an apostrophe.
  if (!base.empty() && base.front() == '\'') base.front() = '_';
  if (!base.empty() && base.back() == '\'') base.back() = '_';
  if (base.empty()) base = "Sheet";
  // Cut on a character boundary: never inside a UTF-8 sequence.
  auto cut = [](std::string text, std::size_t limit) {
    if (text.size() <= limit) return text;
    std::size_t at = limit;
    while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    return text.substr(0, at);
  };
  auto folded = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  std::string name = cut(base, kSheetNameChars);
  for (int n = 2; taken.count(folded(name)); ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    name = cut(base, kSheetNameChars - suffix.size()) + suffix;
  }
  taken.insert(folded(name));
  return name;
}

}  // namespace

bool xlsx_available() {
#ifdef LLMB_HAVE_XLSXWRITER
  return true;
#else
  return false;
#endif
}

#ifndef LLMB_HAVE_XLSXWRITER

void write_workbook(const XlsxWorkbook&, const std::string& path) {
  throw OutputError(path +
                    ":1:1: --format: xlsx needs libxlsxwriter, which this build lacks (install "
                    "libxlsxwriter-dev and rebuild)");
}

#else

void write_workbook(const XlsxWorkbook& workbook, const std::string& path) {
  AtomicFile file(path);
  lxw_workbook_options options{};
  lxw_workbook* book = workbook_new_opt(file.temp_path().c_str(), &options);
  if (!book)
    throw OutputError(path + ":1:1: --output: cannot write (libxlsxwriter could not start)");

  // A fixed creation time (2000-01-01 00:00 UTC): the document properties and the zip entries'
  // dates carry it, so the same results give the same bytes.
  lxw_doc_properties properties{};
  std::string title = workbook.title;
  std::string creator = "llmbudget";
  properties.title = title.data();
  properties.author = creator.data();
  properties.created = static_cast<std::time_t>(946684800);
  workbook_set_properties(book, &properties);

  lxw_format* header = workbook_add_format(book);
  format_set_bold(header);
  format_set_bottom(header, LXW_BORDER_THIN);
  lxw_format* money = workbook_add_format(book);
  format_set_num_format(money, workbook.money_format.c_str());
  lxw_format* percent = workbook_add_format(book);
  format_set_num_format(percent, "0.0%");
  lxw_format* count = workbook_add_format(book);
  format_set_num_format(count, "#,##0");
  auto format_of = [&](CellStyle style) -> lxw_format* {
    switch (style) {
      case CellStyle::kHeader:
        return header;
      case CellStyle::kMoney:
        return money;
      case CellStyle::kPercent:
        return percent;
      case CellStyle::kCount:
        return count;
      case CellStyle::kText:
      case CellStyle::kNumber:
        break;
    }
    return nullptr;  // General
  };

  std::set<std::string> taken;
  for (const XlsxSheet& sheet : workbook.sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(book, sheet_name(sheet.name, taken).c_str());
    if (!ws) {
      workbook_close(book);
      throw OutputError(path + ":1:1: --output: cannot write (a sheet named " + sheet.name +
                        " was refused)");
    }
    std::size_t columns = 0;
    for (const auto& row : sheet.rows) columns = std::max(columns, row.size());
    for (std::size_t c = 0; c < columns; ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           c < sheet.column_widths.size() ? sheet.column_widths[c] : kDefaultWidth,
                           nullptr);
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
        const XlsxCell& cell = sheet.rows[r][c];
        const auto row = static_cast<lxw_row_t>(r);
        const auto col = static_cast<lxw_col_t>(c);
        switch (cell.kind) {
          case XlsxCell::Kind::kEmpty:
            break;
          case XlsxCell::Kind::kText:
            worksheet_write_string(ws, row, col, cell.text.c_str(), format_of(cell.style));
            break;
          case XlsxCell::Kind::kNumber:
            worksheet_write_number(ws, row, col, cell.number, format_of(cell.style));
            break;
          case XlsxCell::Kind::kBool:
            worksheet_write_boolean(ws, row, col, cell.number != 0, nullptr);
            break;
        }
      }
    }
    worksheet_freeze_panes(ws, static_cast<lxw_row_t>(sheet.frozen_rows),
                           static_cast<lxw_col_t>(sheet.frozen_columns));
  }
  const lxw_error error = workbook_close(book);
  if (error != LXW_NO_ERROR)
    throw OutputError(path + ":1:1: --output: cannot write (" + lxw_strerror(error) + ")");
  file.commit();
}

#endif

}  // namespace llmb
