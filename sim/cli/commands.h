// Each subcommand registers its options on the app and returns the action to run when it
// was chosen. Actions return an exit code; errors propagate to main(), which maps them.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "sim/catalog/catalog.h"
#include "sim/report/html_reports.h"
#include "sim/schema/format.h"

namespace llmb::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitInput = 2;
inline constexpr int kExitClaimsFailed = 3;
inline constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report it

// Options every subcommand shares: the catalog directory is global.
struct Globals {
  std::string catalog_dir;
  const Catalog& catalog() const;  // loaded on first use

 private:
  mutable std::unique_ptr<Catalog> loaded_;
};

using Action = std::function<int()>;

// Writes to -o FILE atomically, or to stdout when no file was given.
void emit(const std::string& text, const std::string& output_path);
// --format table|json|csv (and xlsx where the command writes a workbook, html where it has a
// page) and -o FILE.
struct OutputOptions {
  std::string format = "table";
  std::string path;
};
void add_output_options(CLI::App* command, OutputOptions& options, bool workbook = false,
                        bool html = false);
// With --format xlsx: the build has libxlsxwriter, -o names a file (a workbook is binary, never
// stdout) and the file can be written; each an InputError or OutputError otherwise (exit 2).
// Commands call it before their work. True when a workbook is to be written.
bool checked_workbook_output(const std::string& format, const std::string& path);

// What `render` writes in `format`; for html, the page `page` built from its JSON, so that the
// page and --format json show the same figures. A build without Chart.js refuses html with one
// line naming the package (an InputError on --format).
std::string rendered(Format format, HtmlReport page,
                     const std::function<std::string(Format)>& render);

void add_run_command(CLI::App& app, const Globals& globals, Action& action);
void add_claims_command(CLI::App& app, const Globals& globals, Action& action);
void add_catalog_command(CLI::App& app, const Globals& globals, Action& action);
void add_sweep_command(CLI::App& app, const Globals& globals, Action& action);
void add_plan_command(CLI::App& app, const Globals& globals, Action& action);
void add_fit_command(CLI::App& app, const Globals& globals, Action& action);
void add_layout_command(CLI::App& app, const Globals& globals, Action& action);
void add_serve_command(CLI::App& app, const Globals& globals, Action& action);
void add_data_command(CLI::App& app, const Globals& globals, Action& action);
void add_company_command(CLI::App& app, const Globals& globals, Action& action);
void add_compare_command(CLI::App& app, const Globals& globals, Action& action);

}  // namespace llmb::cli
