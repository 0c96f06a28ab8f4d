#include "sim/cli/commands.h"
#include "sim/cli/option_value.h"
#include "sim/output/layout_report.h"
#include "sim/scenario/load_scenario.h"
#include "sim/scenario/scenario_layouts.h"

namespace llmb::cli {

namespace {

// Far beyond any cluster (a GPU count is at most 1e7), to refuse typos, not layouts.
constexpr double kMaxParallelDegree = 1e7;
constexpr double kMaxGlobalBatch = 1e9;
constexpr double kMaxLayoutsShown = 1e6;

}  // namespace

void add_layout_command(CLI::App& app, const Globals& globals, Action& action) {
  struct Options {
    std::string scenario_path;
    std::vector<std::string> overrides;
    // Read as text and checked by option_quantity, as a scenario's values are.
    std::string global_batch, tp, pp, interleave, micro_batch, ep;
    std::string top = "10";
    double zero = -1, sp = -1;
    std::string recompute;
    std::string format = "table";
    std::string path;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "layout", "Rank tensor/pipeline/data-parallel layouts of a scenario's model by step time");
  cmd->add_option("FILE", o->scenario_path, "Scenario YAML with model.architecture and hardware")
      ->required();
  cmd->add_option("--set", o->overrides, "Override a scenario path (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--global-batch", o->global_batch,
                  "Sequences per optimizer step (default: training.layout.global_batch)");
  cmd->add_option("--top", o->top, "Layouts to show")->capture_default_str();
  cmd->add_option("--tp", o->tp, "Pin the tensor-parallel size");
  cmd->add_option("--pp", o->pp, "Pin the pipeline-parallel size");
  cmd->add_option("--ep", o->ep, "Pin the expert-parallel size (a mixture of experts)");
  cmd->add_option("--interleave", o->interleave, "Pin the virtual stages per GPU");
  cmd->add_option("--micro-batch", o->micro_batch, "Pin the micro-batch size (sequences)");
  cmd->add_option("--zero", o->zero, "Pin the ZeRO stage")->check(CLI::Range(0, 3));
  cmd->add_option("--sequence-parallel", o->sp, "Pin sequence parallelism: 0 or 1")
      ->check(CLI::Range(0, 1));
  cmd->add_option("--recompute", o->recompute, "Pin recomputation")
      ->check(CLI::IsMember({"none", "selective", "full"}));
  cmd->add_option("--format", o->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", o->path, "Write to FILE instead of stdout");
  cmd->callback([&globals, &action, o] {
    action = [&globals, o] {
      // A pinned degree or batch is a whole number of at least 1; 0 means "search it".
      auto whole = [](const char* option, const std::string& text, double max) {
        return text.empty()
                   ? 0.0
                   : option_quantity(option, text, Dimension::kCount, positive_integer(max));
      };
      LayoutPins pins;
      pins.global_batch = whole("--global-batch", o->global_batch, kMaxGlobalBatch);
      pins.tp = whole("--tp", o->tp, kMaxParallelDegree);
      pins.pp = whole("--pp", o->pp, kMaxParallelDegree);
      pins.ep = whole("--ep", o->ep, kMaxParallelDegree);
      pins.interleave = whole("--interleave", o->interleave, kMaxParallelDegree);
      pins.micro_batch = whole("--micro-batch", o->micro_batch, kMaxGlobalBatch);
      pins.zero = o->zero;
      pins.sequence_parallel = o->sp;
      if (!o->recompute.empty())
        pins.recompute = o->recompute == "full"        ? kRecomputeFull
                         : o->recompute == "selective" ? kRecomputeSelective
                                                       : kRecomputeNone;
      const auto top = static_cast<std::size_t>(whole("--top", o->top, kMaxLayoutsShown));
      const Scenario scenario =
          load_scenario_file(o->scenario_path, o->overrides, globals.catalog());
      emit(render_layouts(study_layouts(scenario, pins, top), parse_format(o->format)), o->path);
      return kExitOk;
    };
  });
}

}  // namespace llmb::cli
