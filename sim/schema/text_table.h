// The one terminal-table writer: columns with a header (and an optional second header line,
// for units), rows of cells already in the form a reader reads them (format_output_value,
// format_money), each column as wide as its widest cell so that no cell is ever cut. Widths
// count what a terminal shows, not bytes: "¥" and "€" are one column, CJK characters two.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace llmb {

enum class Align { kLeft, kRight };

struct TextColumn {
  TextColumn(std::string header_text, Align alignment = Align::kRight, std::string unit_text = {})
      : header(std::move(header_text)), align(alignment), unit(std::move(unit_text)) {}
  std::string header;
  Align align;
  std::string unit;  // a second header line ("TFLOP/s"), printed when any column has one
};

class TextTable {
 public:
  // `indent` spaces before every line; `gap` spaces between columns.
  explicit TextTable(std::vector<TextColumn> columns, std::size_t indent = 2, std::size_t gap = 1);

  // One row, a cell per column. Throws std::logic_error on a row of another width: a writer's
  // bug, not the user's.
  void row(std::vector<std::string> cells);
  // A line of its own inside the table (a group's name), indented like the rows and not
  // counted in the widths.
  void line(std::string text);

  // The header lines (left out when every header is empty) and the rows, each ending in a
  // newline; trailing spaces are trimmed.
  std::string text() const;

 private:
  std::vector<TextColumn> columns_;
  std::size_t indent_;
  std::size_t gap_;
  struct Row {
    std::vector<std::string> cells;
    bool is_line = false;
  };
  std::vector<Row> rows_;
};

// A list of labels and values: "  label   value" with the labels padded to the longest.
class TextList {
 public:
  explicit TextList(std::size_t indent = 2)
      : table_({{"", Align::kLeft}, {"", Align::kLeft}}, indent, 2) {}
  void add(std::string label, std::string value) {
    table_.row({std::move(label), std::move(value)});
  }
  std::string text() const { return table_.text(); }

 private:
  TextTable table_;
};

// Columns a terminal gives `text` (UTF-8): one per code point, two for East Asian wide ones.
std::size_t display_width(std::string_view text);

}  // namespace llmb
