#include <fmt/format.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "kernels/batch_cuda.h"
#include "sim/cli/commands.h"
#include "sim/cli/interrupt.h"
#include "sim/cli/option_value.h"
#include "sim/output/atomic_file.h"
#include "sim/report/xlsx_reports.h"
#include "sim/schema/format.h"
#include "sim/schema/output_fields.h"
#include "sim/sweep/load_sweep.h"
#include "sim/sweep/sweep_report.h"
#include "sim/yaml/did_you_mean.h"

namespace llmb::cli {
namespace {

int output_index(const std::string& option, const std::string& key) {
  const auto fields = training_output_fields();
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].key == key) return static_cast<int>(i);
  bad_option(option, "unknown output" + did_you_mean(key, output_keys()), key);
}

// A progress bar with rate and ETA, on stderr when it is a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled)
      : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  void update(std::uint64_t done, std::uint64_t total) {
    if (!enabled_ || total == 0) return;
    const double elapsed = seconds();
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
    const double fraction = static_cast<double>(done) / static_cast<double>(total);
    const int filled = static_cast<int>(fraction * 30);
    const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
    std::fprintf(stderr, "\r[%-30s] %5.1f%% %.3g/%.3g points, %.3g/s, ETA %.0fs   ",
                 std::string(static_cast<std::size_t>(filled), '#').c_str(), 100 * fraction,
                 static_cast<double>(done), static_cast<double>(total), rate, eta);
    shown_ = true;
  }
  void finish() {
    if (shown_) std::fprintf(stderr, "\r%*s\r", 90, "");
  }
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
};

// Free bytes on the file system that will hold `path`.
std::uint64_t free_bytes_for(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  const std::string directory = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  struct statvfs info {};
  if (::statvfs(directory.c_str(), &info) != 0) return UINT64_MAX;  // AtomicFile reports the error
  return static_cast<std::uint64_t>(info.f_bavail) * info.f_frsize;
}

struct SweepOptions {
  std::string file;
  std::vector<std::string> overrides;
  std::string device = "auto";
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string format;
  std::string output_path;
  bool summary = false;
  int top = 0;
  std::string by = "cost.cloud_usd";
  bool highest = false;
  bool pareto = false;
  std::string pareto_cost = "cost.cloud_usd";
  double max_points = 1e10;
  std::string max_memory;
  std::vector<std::string> outputs;
  bool no_progress = false;

  bool summarizing() const { return summary || top > 0 || pareto; }
};

void add_sweep_options(CLI::App* sweep, SweepOptions& o) {
  sweep->add_option("FILE", o.file, "Sweep YAML (names its base scenario)")->required();
  sweep->add_option("--set", o.overrides, "Override a path of the base scenario (repeatable)")
      ->allow_extra_args(false);
  sweep
      ->add_option("--device", o.device,
                   "Where to evaluate: a GPU when present (auto), cpu or cuda")
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}))
      ->capture_default_str();
  sweep->add_option("--threads", o.threads, "CPU threads")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  sweep
      ->add_option("--format", o.format,
                   "Points: csv (default) or jsonl; summaries: table (default), json, html or "
                   "xlsx (a workbook, with -o FILE)")
      ->check(CLI::IsMember({"csv", "jsonl", "table", "json", "html", "xlsx"}));
  sweep->add_option("-o,--output", o.output_path, "Write to FILE (atomically) instead of stdout");
  sweep->add_flag("--summary", o.summary,
                  "Statistics and histograms of every output instead of every point");
  sweep
      ->add_option("--top", o.top,
                   "Also list the K points with the lowest (or --highest) value of --by")
      ->check(CLI::Range(1, 100000));
  sweep->add_option("--by", o.by, "Output to rank --top by")->capture_default_str();
  sweep->add_flag("--highest", o.highest, "Rank --top by the highest values");
  sweep->add_flag("--pareto", o.pareto, "Also list the Pareto front of cost against wall time");
  sweep->add_option("--pareto-cost", o.pareto_cost, "The cost axis of the Pareto front")
      ->capture_default_str();
  sweep->add_option("--max-points", o.max_points, "Refuse sweeps with more points")
      ->capture_default_str();
  sweep->add_option("--max-memory", o.max_memory,
                    "Refuse summaries needing more memory (default: half the RAM)");
  sweep->add_option("--outputs", o.outputs, "Output columns for points (default: all)")
      ->delimiter(',');
  sweep->add_flag("--no-progress", o.no_progress, "No progress bar");
}

// The format asked for, or the default of the kind of output (summaries or points).
std::string checked_format(const SweepOptions& o) {
  const std::string format = o.format.empty() ? (o.summarizing() ? "table" : "csv") : o.format;
  if (o.summarizing() && (format == "csv" || format == "jsonl"))
    bad_option("--format", "summaries come as table, json, html or xlsx", format);
  if (!o.summarizing() &&
      (format == "table" || format == "json" || format == "html" || format == "xlsx"))
    bad_option("--format", "points come as csv or jsonl (use --summary for a table)", format);
  return format;
}

SummaryOptions summary_options_of(const SweepOptions& o) {
  SummaryOptions summary;
  if (o.top > 0) {
    summary.top_k = o.top;
    summary.top_output = output_index("--by", o.by);
    summary.top_highest = o.highest;
  }
  if (o.pareto) {
    summary.pareto = true;
    summary.pareto_cost_output = output_index("--pareto-cost", o.pareto_cost);
  }
  return summary;
}

// The output columns of points: those named, or every output.
std::vector<int> point_columns(const SweepOptions& o) {
  std::vector<int> columns;
  for (const auto& key : o.outputs) columns.push_back(output_index("--outputs", key));
  if (columns.empty())
    for (int f = 0; f < kTrainingOutputFields; ++f) columns.push_back(f);
  return columns;
}

// The summary, after checking the memory it needs against the limit.
void write_summary(const SweepPlan& plan, const SweepOptions& o, const SummaryOptions& options,
                   const std::string& format, std::uint64_t memory_limit, const ExecOptions& exec,
                   ProgressBar& bar) {
  const std::uint64_t need = summary_memory_bytes(plan.total(), exec.threads, options);
  if (memory_limit > 0 && need > memory_limit)
    bad_option("--max-memory",
               fmt::format("the summary needs {} of memory, above the limit of {}",
                           format_quantity(static_cast<double>(need), Dimension::kBytes),
                           format_quantity(static_cast<double>(memory_limit), Dimension::kBytes)),
               o.max_memory.empty() ? "half the RAM" : o.max_memory);
  const SweepSummary summary = summarize(plan, options, exec);
  bar.finish();
  const RunFacts facts{device_description(exec.device, exec.threads), bar.seconds()};
  if (format == "xlsx")
    write_summary_workbook(plan, summary, options, o.output_path);
  else
    emit(rendered(parse_format(format), HtmlReport::kSweep,
                  [&](Format shown) { return render_summary(plan, summary, options, shown); }),
         o.output_path);
  std::fprintf(stderr, "llmbudget sweep: %s\n", run_facts_line(plan.total(), facts).c_str());
}

// Every point, to stdout or atomically to -o after checking the disk has room for them.
void write_points(const SweepPlan& plan, const SweepOptions& o, const std::vector<int>& columns,
                  const std::string& format, const ExecOptions& exec) {
  const RowFormat row_format = format == "jsonl" ? RowFormat::kJsonLines : RowFormat::kCsv;
  const RowFormatter rows(plan, row_format, columns);
  auto produce = [&rows](std::uint64_t begin, std::uint64_t end, const TrainingOutputs* results,
                         TextBuffer& text) { rows.write(begin, end, results, text); };
  if (o.output_path.empty()) {
    const std::string header = rows.header();
    std::fwrite(header.data(), 1, header.size(), stdout);
    stream_points(plan, exec, produce,
                  [](std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); });
    return;
  }
  const double estimate = rows.estimated_bytes();
  const std::uint64_t free_bytes = free_bytes_for(o.output_path);
  if (estimate > static_cast<double>(free_bytes))
    bad_option("--output",
               fmt::format("the points need about {} and the disk has {} free",
                           format_quantity(estimate, Dimension::kBytes),
                           format_quantity(static_cast<double>(free_bytes), Dimension::kBytes)),
               o.output_path);
  AtomicFile file(o.output_path);
  file.write(rows.header());
  stream_points(plan, exec, produce, [&file](std::string_view text) { file.write(text); });
  file.commit();
}

int run_sweep(const Globals& globals, const SweepOptions& o) {
  if (!(o.max_points >= 1) || o.max_points > 1.8e19)
    bad_option("--max-points", "must be a count from 1 to 1.8e19",
               fmt::format("{:g}", o.max_points));
  const Device device = device_option(o.device);
  const std::uint64_t memory_limit =
      o.max_memory.empty() ? physical_memory_bytes() / 2
                           : static_cast<std::uint64_t>(option_quantity(
                                 "--max-memory", o.max_memory, Dimension::kBytes, positive(1e19)));
  const std::string format = checked_format(o);
  const SummaryOptions summary_options = summary_options_of(o);
  const std::vector<int> columns = point_columns(o);

  const SweepPlan plan =
      load_sweep(o.file, o.overrides, globals.catalog(), static_cast<std::uint64_t>(o.max_points));
  // A bad -o is the one line this run prints, not a line after the banner.
  if (!o.output_path.empty()) checked_output_target(o.output_path);
  checked_workbook_output(format, o.output_path);
  std::fprintf(stderr, "llmbudget sweep: %s points on %s\n",
               format_grouped(static_cast<double>(plan.total())).c_str(),
               device_description(device, o.threads).c_str());

  ProgressBar bar(!o.no_progress && ::isatty(STDERR_FILENO));
  ExecOptions exec;
  exec.device = device;
  exec.threads = o.threads;
  const InterruptScope interrupt;
  exec.stop = interrupt.flag();
  exec.progress = [&bar](std::uint64_t done, std::uint64_t total) { bar.update(done, total); };
  try {
    if (o.summarizing()) {
      write_summary(plan, o, summary_options, format, memory_limit, exec, bar);
      return kExitOk;
    }
    write_points(plan, o, columns, format, exec);
    bar.finish();
    return kExitOk;
  } catch (const Cancelled&) {
    bar.finish();
    std::fprintf(stderr, "llmbudget sweep: interrupted; no output file written\n");
    return kExitInterrupted;
  }
}

}  // namespace

void add_sweep_command(CLI::App& app, const Globals& globals, Action& action) {
  auto o = std::make_shared<SweepOptions>();
  CLI::App* sweep = app.add_subcommand("sweep", "Evaluate a sweep or Monte Carlo of a scenario");
  add_sweep_options(sweep, *o);
  sweep->callback(
      [&globals, &action, o] { action = [&globals, o] { return run_sweep(globals, *o); }; });
}

}  // namespace llmb::cli
