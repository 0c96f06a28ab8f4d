#include "sim/cli/commands.h"

#include <unistd.h>

#include <cstdio>

#include "sim/cli/option_value.h"
#include "sim/output/atomic_file.h"
#include "sim/report/html_page.h"
#include "sim/report/xlsx_workbook.h"

namespace llmb::cli {

const Catalog& Globals::catalog() const {
  if (!loaded_) loaded_ = std::make_unique<Catalog>(load_catalog(catalog_dir));
  return *loaded_;
}

void emit(const std::string& text, const std::string& output_path) {
  if (output_path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return;
  }
  write_file_atomically(output_path, text);
}

void add_output_options(CLI::App* command, OutputOptions& options, bool workbook, bool html) {
  std::vector<std::string> formats{"table", "json", "csv"};
  if (workbook) formats.push_back("xlsx");
  if (html) formats.push_back("html");
  command
      ->add_option("--format", options.format,
                   workbook ? "Output format (xlsx: a workbook, with -o FILE)" : "Output format")
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  command->add_option("-o,--output", options.path,
                      "Write to FILE (atomically: complete or not at all) instead of stdout");
}

bool checked_workbook_output(const std::string& format, const std::string& path) {
  if (format != "xlsx") return false;
  if (!xlsx_available())
    bad_option("--format",
               "xlsx needs libxlsxwriter, which this build lacks (install "
               "libxlsxwriter-dev and rebuild)",
               format);
  if (path.empty())
    bad_option("--format",
               ::isatty(STDOUT_FILENO)
                   ? "a workbook is binary and is not written to a terminal; give -o FILE.xlsx"
                   : "a workbook is written to a file, not to standard output; give -o FILE.xlsx",
               format);
  checked_output_target(path);
  return true;
}

std::string rendered(Format format, HtmlReport page,
                     const std::function<std::string(Format)>& render) {
  if (format != Format::kHtml) return render(format);
  if (!html_reports_available())
    bad_option("--format",
               "html needs Chart.js, which this build lacks (install Debian's libjs-chart.js "
               "and rebuild)",
               "html");
  return html_report(page, render(Format::kJson));
}

}  // namespace llmb::cli
