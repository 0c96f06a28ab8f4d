#include "sim/cli/commands.h"

#include <cstdio>

#include "sim/input_error.h"
#include "sim/output/atomic_file.h"
#include "sim/report/html_page.h"

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

void add_output_options(CLI::App* command, OutputOptions& options, bool html) {
  const std::vector<std::string> formats =
      html ? std::vector<std::string>{"table", "json", "csv", "html"}
           : std::vector<std::string>{"table", "json", "csv"};
  command->add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  command->add_option("-o,--output", options.path,
                      "Write to FILE (atomically: complete or not at all) instead of stdout");
}

std::string rendered(Format format, HtmlReport page,
                     const std::function<std::string(Format)>& render) {
  if (format != Format::kHtml) return render(format);
  if (!html_reports_available())
    throw InputError({"command line", 1, 1}, "--format",
                     "html needs Chart.js, which this build lacks (install Debian's "
                     "libjs-chart.js and rebuild)",
                     "html");
  return html_report(page, render(Format::kJson));
}

}  // namespace llmb::cli
