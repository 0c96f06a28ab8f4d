#include "sim/schema/text_table.h"

#include <algorithm>
#include <stdexcept>

namespace llmb {
namespace {

// East Asian wide and fullwidth ranges (Unicode UAX #11, W and F), the ones a table of names,
// currency signs and numbers meets: Hangul Jamo, CJK, Hangul syllables, compatibility forms,
// fullwidth forms ("￥").
bool wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

std::string padded(const std::string& cell, std::size_t width, Align align) {
  const std::size_t shown = display_width(cell);
  const std::string pad(width > shown ? width - shown : 0, ' ');
  return align == Align::kLeft ? cell + pad : pad + cell;
}

void trim_right(std::string& line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    // The length of a UTF-8 sequence from its lead byte; a stray byte counts as one column.
    const std::size_t length = byte < 0x80    ? 1
                               : byte >= 0xF0 ? 4
                               : byte >= 0xE0 ? 3
                               : byte >= 0xC0 ? 2
                                              : 1;
    char32_t c = length == 1 ? byte : byte & (0x7F >> length);
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    width += wide(c) ? 2 : 1;
    i += length;
  }
  return width;
}

TextTable::TextTable(std::vector<TextColumn> columns, std::size_t indent, std::size_t gap)
    : columns_(std::move(columns)), indent_(indent), gap_(gap) {}

void TextTable::row(std::vector<std::string> cells) {
  if (cells.size() != columns_.size())
    throw std::logic_error("TextTable: a row of " + std::to_string(cells.size()) +
                           " cells in a table of " + std::to_string(columns_.size()) + " columns");
  rows_.push_back({std::move(cells), false});
}

void TextTable::line(std::string text) {
  rows_.push_back({{std::move(text)}, true});
}

std::string TextTable::text() const {
  std::vector<std::size_t> widths(columns_.size(), 0);
  bool headers = false, units = false;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    widths[c] = std::max(display_width(columns_[c].header), display_width(columns_[c].unit));
    headers = headers || !columns_[c].header.empty();
    units = units || !columns_[c].unit.empty();
  }
  for (const Row& r : rows_)
    if (!r.is_line)
      for (std::size_t c = 0; c < r.cells.size(); ++c)
        widths[c] = std::max(widths[c], display_width(r.cells[c]));

  const std::string indent(indent_, ' '), gap(gap_, ' ');
  auto joined = [&](auto cell_of) {
    std::string out = indent;
    for (std::size_t c = 0; c < columns_.size(); ++c)
      out += (c ? gap : "") + padded(cell_of(c), widths[c], columns_[c].align);
    trim_right(out);
    return out + "\n";
  };
  std::string out;
  if (headers) out += joined([&](std::size_t c) { return columns_[c].header; });
  if (units) out += joined([&](std::size_t c) { return columns_[c].unit; });
  for (const Row& r : rows_) {
    if (r.is_line) {
      std::string text = indent + r.cells.front();
      trim_right(text);
      out += text + "\n";
      continue;
    }
    out += joined([&](std::size_t c) { return r.cells[c]; });
  }
  return out;
}

}  // namespace llmb
