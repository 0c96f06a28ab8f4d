#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "sim/cli/commands.h"
#include "sim/cli/option_value.h"
#include "sim/input_error.h"
#include "sim/layout/layout_search.h"
#include "sim/scenario/load_scenario.h"
#include "sim/schema/dotted_json.h"

namespace llmb::cli {

namespace {

// Far beyond any cluster (a GPU count is at most 1e7), to refuse typos, not layouts.
constexpr double kMaxParallelDegree = 1e7;
constexpr double kMaxGlobalBatch = 1e9;
constexpr double kMaxLayoutsShown = 1e6;

const char* recompute_name(double mode) {
  if (mode == kRecomputeFull) return "full";
  if (mode == kRecomputeSelective) return "selective";
  return "none";
}

nlohmann::json layout_json(const RankedLayout& x) {
  const Layout& l = x.layout;
  const LayoutResult& r = x.result;
  return {
      {"tp", l.tp},
      {"pp", l.pp},
      {"dp", r.dp},
      {"ep", l.ep},
      {"stage_layers", r.stage_layers},
      {"fp8", l.fp8 > 0},
      {"flash_attention", l.flash_attention > 0},
      {"overlap",
       {{"dp", l.dp_overlap}, {"tp", l.tp_overlap}, {"pp", l.pp_overlap}, {"ep", l.ep_overlap}}},
      {"interleave", l.interleave},
      {"micro_batch", l.micro_batch},
      {"micro_batches", r.micro_batches},
      {"sequence_parallel", l.sequence_parallel > 0},
      {"zero", l.zero},
      {"recompute", recompute_name(l.recompute)},
      {"step_time_s", r.step_time_s},
      {"tokens_per_s", r.tokens_per_s},
      {"model_flop_per_s_per_gpu", r.model_flop_per_s_per_gpu},
      {"hardware_flop_per_s_per_gpu", r.hardware_flop_per_s_per_gpu},
      {"mfu", r.mfu},
      {"hfu", r.hfu},
      {"memory",
       {{"weights_bytes", r.weights_bytes},
        {"grads_bytes", r.grads_bytes},
        {"optimizer_bytes", r.optimizer_bytes},
        {"activations_bytes", r.activations_bytes},
        {"total_bytes", r.total_bytes}}},
      {"time",
       {{"compute_s", r.compute_s},
        {"recompute_s", r.recompute_s},
        {"tp_comm_s", r.tp_comm_s},
        {"pp_comm_s", r.pp_comm_s},
        {"ep_comm_s", r.ep_comm_s},
        {"bubble_s", r.bubble_s},
        {"dp_comm_s", r.dp_comm_s},
        {"optimizer_s", r.optimizer_s},
        {"hidden",
         {{"tp_comm_s", r.tp_comm_hidden_s},
          {"pp_comm_s", r.pp_comm_hidden_s},
          {"ep_comm_s", r.ep_comm_hidden_s},
          {"dp_comm_s", r.dp_comm_hidden_s}}}}}};
}

// Where one layout's step time and memory per GPU go, as lines under the table.
std::string breakdown_text(const LayoutResult& r) {
  auto part = [&](double s) {
    return fmt::format("{:.3f} s ({:.1f}%)", s, 100 * s / r.step_time_s);
  };
  std::string t = fmt::format(
      "  step {:.3f} s: compute {} (recompute {:.3f} s), bubble {}, tensor-parallel {}, "
      "pipeline sends {}, expert all-to-all {}, data-parallel {}, optimizer {}\n",
      r.step_time_s, part(r.compute_s), r.recompute_s, part(r.bubble_s), part(r.tp_comm_s),
      part(r.pp_comm_s), part(r.ep_comm_s), part(r.dp_comm_s), part(r.optimizer_s));
  t += fmt::format(
      "  hidden behind compute: tensor-parallel {:.3f} s, pipeline {:.3f} s, expert "
      "all-to-all {:.3f} s, data-parallel {:.3f} s\n",
      r.tp_comm_hidden_s, r.pp_comm_hidden_s, r.ep_comm_hidden_s, r.dp_comm_hidden_s);
  t += fmt::format(
      "  memory per GPU {:.1f} GB: weights {:.1f}, gradients {:.1f}, optimizer {:.1f}, "
      "activations {:.1f}\n",
      r.total_bytes / 1e9, r.weights_bytes / 1e9, r.grads_bytes / 1e9, r.optimizer_bytes / 1e9,
      r.activations_bytes / 1e9);
  return t;
}

std::string render_layouts(const LayoutSearch& search, const std::optional<RankedLayout>& given,
                           const ClusterSpec& cluster, const std::string& note,
                           const std::string& format) {
  if (format == "json") {
    nlohmann::json out;
    if (given) {
      out["scenario_layout"] = layout_json(*given);
      out["scenario_layout"]["valid"] = given->result.valid > 0;
      out["scenario_layout"]["fits"] = given->result.fits > 0;
    }
    out["evaluated"] = search.evaluated;
    out["gpus_used"] = cluster.gpu_count;
    if (!note.empty()) out["note"] = note;
    out["fitting"] = search.fitting;
    out["hbm_bytes"] = cluster.hbm_bytes;
    out["layouts"] = nlohmann::json::array();
    for (const auto& x : search.best) out["layouts"].push_back(layout_json(x));
    return json_document(out);
  }
  std::string s;
  if (given && given->result.valid <= 0) {
    s += "training.layout: not a valid layout of this model on this cluster\n";
  } else if (given) {
    const LayoutResult& r = given->result;
    s += fmt::format(
        "training.layout: step {:.3f} s, {:.4g} tokens/s, {:.1f} TFLOP/s per GPU ({:.1f} with "
        "recomputation), MFU {:.1f}%, HFU {:.1f}%, {:.1f} GB per GPU ({})\n",
        r.step_time_s, r.tokens_per_s, r.model_flop_per_s_per_gpu / 1e12,
        r.hardware_flop_per_s_per_gpu / 1e12, 100 * r.mfu, 100 * r.hfu, r.total_bytes / 1e9,
        r.fits > 0 ? "fits" : "does not fit");
    s += breakdown_text(r);
  }
  s += fmt::format("{} valid layouts, {} fit in {:.0f} GB per GPU\n", search.evaluated,
                   search.fitting, cluster.hbm_bytes / 1e9);
  if (!note.empty()) s += note + "\n";
  s += fmt::format(
      "{:>3} {:>3} {:>5} {:>4} {:>3} {:>3} {:>3} {:>4} {:>9} {:>10} {:>10} {:>6} {:>6} {:>8}\n",
      "tp", "pp", "dp", "ep", "v", "b", "sp", "zero", "recompute", "step s", "tokens/s", "MFU",
      "HFU", "mem GB");
  for (const auto& x : search.best) {
    const Layout& l = x.layout;
    const LayoutResult& r = x.result;
    s += fmt::format(
        "{:>3g} {:>3g} {:>5g} {:>4g} {:>3g} {:>3g} {:>3} {:>4g} {:>9} {:>10.3f} {:>10.4g} "
        "{:>5.1f}% {:>5.1f}% {:>8.1f}\n",
        l.tp, l.pp, r.dp, l.ep, l.interleave, l.micro_batch, l.sequence_parallel > 0 ? "on" : "off",
        l.zero, recompute_name(l.recompute), r.step_time_s, r.tokens_per_s, 100 * r.mfu,
        100 * r.hfu, r.total_bytes / 1e9);
  }
  if (!search.best.empty()) {
    s += "fastest:\n";
    s += breakdown_text(search.best.front().result);
  }
  return s;
}

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
      const double global_batch = whole("--global-batch", o->global_batch, kMaxGlobalBatch);
      const double tp = whole("--tp", o->tp, kMaxParallelDegree);
      const double pp = whole("--pp", o->pp, kMaxParallelDegree);
      const double ep = whole("--ep", o->ep, kMaxParallelDegree);
      const double interleave = whole("--interleave", o->interleave, kMaxParallelDegree);
      const double micro_batch = whole("--micro-batch", o->micro_batch, kMaxGlobalBatch);
      const auto top = static_cast<std::size_t>(whole("--top", o->top, kMaxLayoutsShown));
      const Catalog& catalog = globals.catalog();
      const Scenario scenario = load_scenario_file(o->scenario_path, o->overrides, catalog);
      if (!scenario.architecture)
        throw InputError(SourceLoc{o->scenario_path, 1, 1}, "model.architecture",
                         "missing: the layout search needs layers, hidden, heads, vocab, seq_len");
      // The scenario's hardware: the catalog's figures with its overrides (hardware.memory, ...).
      const ClusterSpec cluster = cluster_from_gpu(
          scenario.hardware, scenario.inputs.peak_flop_per_s, scenario.inputs.gpu_count);
      if (const std::string missing = missing_cluster_figure(cluster, scenario.hardware.name);
          !missing.empty())
        throw InputError(scenario.hardware_where, "hardware.gpu", missing, scenario.hardware.name);
      std::optional<RankedLayout> given;
      if (scenario.layout) {
        given = RankedLayout{*scenario.layout, {}};
        if (global_batch > 0) given->layout.global_batch = global_batch;
        given->result = evaluate_layout(*scenario.architecture, given->layout, cluster);
      }
      LayoutSearchOptions options;
      options.global_batch = global_batch > 0  ? global_batch
                             : scenario.layout ? scenario.layout->global_batch
                                               : 0;
      if (options.global_batch <= 0)
        throw InputError(SourceLoc{o->scenario_path, 1, 1}, "training.layout.global_batch",
                         "missing: give --global-batch or training.layout.global_batch");
      options.carried = scenario.layout_settings;
      options.fixed_tp = tp;
      options.fixed_pp = pp;
      options.fixed_ep = ep;
      options.fixed_interleave = interleave;
      options.fixed_micro_batch = micro_batch;
      options.fixed_zero = o->zero;
      options.fixed_sequence_parallel = o->sp;
      if (!o->recompute.empty())
        options.fixed_recompute = o->recompute == "full"        ? kRecomputeFull
                                  : o->recompute == "selective" ? kRecomputeSelective
                                                                : kRecomputeNone;
      const LayoutSearchUpTo found =
          search_layouts_up_to(*scenario.architecture, cluster, options, top);
      ClusterSpec used = cluster;
      used.gpu_count = found.gpus_used;
      std::string note;
      if (found.search.best.empty())
        note = no_layout_reason(*scenario.architecture, cluster, options, found);
      else if (found.gpus_used < cluster.gpu_count)
        note = fmt::format(
            "no layout fits all {:g} GPUs; the layouts below run on {:g}, leaving "
            "{:g} idle",
            cluster.gpu_count, found.gpus_used, cluster.gpu_count - found.gpus_used);
      emit(render_layouts(found.search, given, used, note, o->format), o->path);
      return kExitOk;
    };
  });
}

}  // namespace llmb::cli
