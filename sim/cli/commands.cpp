#include "sim/cli/commands.h"

#include <cstdio>

#include "sim/output/atomic_file.h"

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

void add_output_options(CLI::App* command, OutputOptions& options) {
  command->add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  command->add_option("-o,--output", options.path,
                      "Write to FILE (atomically: complete or not at all) instead of stdout");
}

}  // namespace llmb::cli
