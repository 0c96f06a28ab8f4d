#include "sim/scenario/load_scenario.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "kernels/architecture.h"
#include "sim/layout/layout_fields.h"
#include "sim/layout/layout_search.h"
#include "sim/scenario/read_architecture.h"
#include "sim/schema/claim_spec.h"
#include "sim/schema/format.h"
#include "sim/schema/output_fields.h"
#include "sim/yaml/did_you_mean.h"
#include "sim/yaml/input_limits.h"

namespace llmb {
namespace {

// Upper limits that no real run reaches: they catch unit slips and typos, not ambition.
constexpr double kMaxGpus = 1e7;
constexpr double kMaxDuration = 100 * kSecondsPerYear;

const std::vector<std::string> kRecomputeModes{"none", "selective", "full"};

// model: params, active_params, or an architecture to count them from.
std::optional<Architecture> read_model(const Fields& model, TrainingInputs& in) {
  const auto params = model.optional_quantity("params", Dimension::kCount,
                                              {limits::kMinParams, limits::kMaxParams});
  const auto active = model.optional_quantity("active_params", Dimension::kCount,
                                              {limits::kMinParams, limits::kMaxParams});
  const auto arch_fields = model.optional_child("architecture");

  std::optional<Architecture> arch;
  if (arch_fields) arch = read_architecture(*arch_fields);
  if (!params && !arch)
    model.fail("params", "missing: give model.params or a model.architecture to count them from");

  // An explicit parameter count wins over the architecture's; the architecture still gives
  // the attention term. Counted from the architecture, a mixture of experts' FLOPs come from
  // the weights a token multiplies (active_matmul_params).
  in.params = params ? *params : total_params(*arch);
  if (active && *active > in.params)
    model.fail("active_params", fmt::format("must not exceed params ({:g})", in.params),
               fmt::format("{:g}", *active));
  if (active)
    in.flop_params = *active;
  else if (arch && !params)
    in.flop_params = active_matmul_params(*arch);
  else
    in.flop_params = in.params;
  if (arch) {
    in.attention_layers = arch->layers;
    in.attention_width = attention_core_width(*arch);
    in.seq_len = arch->seq_len;
  }
  model.reject_unknown({"params", "active_params", "architecture"});
  return arch;
}

// hardware: gpu and count, and any catalog figure overridden.
GpuSpec read_hardware(const Fields& hardware, const Catalog& catalog, TrainingInputs& in) {
  const GpuSpec& catalog_gpu = find_gpu(hardware, "gpu", catalog);
  GpuSpec gpu = catalog_gpu;
  read_gpu_figures(hardware, /*catalog_entry=*/false, gpu);
  // Server power per GPU at full load; a GPU power override (a capped TDP) scales it, unless
  // the server's power is overridden as well.
  in.server_power_per_gpu_w = gpu.server_power->value / gpu.gpus_per_server->value;
  if (hardware.has("tdp") && !hardware.has("server_power"))
    in.server_power_per_gpu_w *= gpu.tdp->value / catalog_gpu.tdp->value;
  in.gpu_count = hardware.quantity("count", Dimension::kCount, positive_integer(kMaxGpus));
  std::vector<std::string> known{"gpu", "count"};
  known.insert(known.end(), gpu_figure_keys().begin(), gpu_figure_keys().end());
  hardware.reject_unknown(known);
  return gpu;
}

// training.layout.stage_layers: the layers of each pipeline stage, first to last (Llama 3 405B
// put one fewer on the first and last stages, for the embedding and the output layer). Sets
// the busiest stage and the stage storing the most activations (kernels/layout.h).
void read_stage_split(const Fields& f, const Scenario& s, Layout& l) {
  const YAML::Node list = f.node("stage_layers");
  if (!list) return;
  if (!list.IsSequence() || list.size() != static_cast<std::size_t>(l.pp))
    f.fail("stage_layers", fmt::format("must list the layers of each of the {:g} stages", l.pp),
           describe(list));
  if (!s.architecture) f.fail("stage_layers", "needs model.architecture");
  if (l.interleave > 1) f.fail("stage_layers", "not with interleave (its chunks are even)");
  std::vector<double> layers;
  double sum = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].IsScalar())
      f.fail("stage_layers", "each stage's layers must be a whole number", describe(list[i]));
    char* end = nullptr;
    const double n = std::strtod(list[i].Scalar().c_str(), &end);
    if (*end != '\0' || !(n >= 1) || std::fmod(n, 1.0) != 0 || n > 1e5)
      f.fail("stage_layers", "each stage must hold a whole number of layers, at least 1",
             list[i].Scalar());
    layers.push_back(n);
    sum += n;
  }
  if (sum != s.architecture->layers)
    f.fail("stage_layers",
           fmt::format("sums to {:g}, not the model's {:g} layers", sum, s.architecture->layers),
           fmt::format("[{}]", fmt::join(layers, ", ")));
  const double m = l.global_batch / (l.micro_batch * l.dp);
  double most = 0, heaviest = 0;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    most = std::max(most, layers[i]);
    heaviest = std::max(heaviest, layers[i] * std::min(l.pp - static_cast<double>(i), m));
  }
  l.stage_layers_max = most;
  l.stage_memory_layers = heaviest / std::min(l.pp, m);
}

// training.layout: a parallel layout for `llmbudget layout` to evaluate. Recomputation comes
// from training.recompute; 4-byte precisions hold 4-byte weights and activations, others 2.
Layout read_layout(const Fields& f, const Scenario& s, double gpus_per_server) {
  Layout l;
  l.tp = f.optional_quantity("tp", Dimension::kCount, positive_integer(1e6)).value_or(1);
  l.pp = f.optional_quantity("pp", Dimension::kCount, positive_integer(1e6)).value_or(1);
  l.interleave =
      f.optional_quantity("interleave", Dimension::kCount, positive_integer(1e6)).value_or(1);
  l.micro_batch =
      f.optional_quantity("micro_batch", Dimension::kCount, positive_integer(1e9)).value_or(1);
  l.global_batch = f.quantity("global_batch", Dimension::kCount, positive_integer(1e12));
  l.sequence_parallel = f.flag("sequence_parallel", false) ? 1 : 0;
  l.zero = f.optional_quantity("zero", Dimension::kCount, non_negative(3)).value_or(0);
  if (std::fmod(l.zero, 1.0) != 0)
    f.fail("zero", "must be a ZeRO stage 0, 1, 2 or 3", fmt::format("{:g}", l.zero));
  l.ep = f.optional_quantity("ep", Dimension::kCount, positive_integer(1e6)).value_or(1);
  l.recompute = s.inputs.recompute;
  l.precision_bytes = layout_precision_bytes(s.precision);
  l.dp = s.inputs.gpu_count / (l.tp * l.pp);
  read_stage_split(f, s, l);
  f.reject_unknown({"tp", "pp", "interleave", "micro_batch", "global_batch", "sequence_parallel",
                    "zero", "ep", "stage_layers"});
  // The layout must divide the model and the cluster; say which part does not.
  auto whole = [](double n, double d) { return d >= 1 && std::fmod(n, d) == 0; };
  auto shown = [](double v) { return fmt::format("{:g}", v); };
  if (l.tp > gpus_per_server)
    f.fail("tp",
           fmt::format("tensor parallelism beyond a server ({:g} GPUs) is not modelled",
                       gpus_per_server),
           shown(l.tp));
  if (s.architecture && !whole(s.architecture->heads, l.tp))
    f.fail("tp", fmt::format("must divide the attention heads ({:g})", s.architecture->heads),
           shown(l.tp));
  // Stages may be uneven (floor or ceil of layers / pp each), but hold a layer at least; the
  // interleaved schedule needs even chunks.
  if (s.architecture && l.pp > s.architecture->layers)
    f.fail("pp", fmt::format("must not exceed the layers ({:g})", s.architecture->layers),
           shown(l.pp));
  if (s.architecture && l.interleave > 1 && !whole(s.architecture->layers, l.pp * l.interleave))
    f.fail("interleave",
           fmt::format("pp x interleave must divide the layers ({:g})", s.architecture->layers),
           shown(l.interleave));
  if (!whole(s.inputs.gpu_count, l.tp * l.pp))
    f.fail("pp",
           fmt::format("tp x pp ({:g}) must divide hardware.count ({:g})", l.tp * l.pp,
                       s.inputs.gpu_count),
           shown(l.pp));
  if (l.ep > 1 && !(s.architecture && is_moe(*s.architecture)))
    f.fail("ep", "expert parallelism needs model.architecture.experts", shown(l.ep));
  if (l.ep > 1 && !whole(s.architecture->experts, l.ep))
    f.fail("ep", fmt::format("must divide the experts ({:g})", s.architecture->experts),
           shown(l.ep));
  if (l.ep > 1 && !whole(l.dp, l.ep))
    f.fail(
        "ep",
        fmt::format("must divide the data-parallel size, hardware.count / (tp x pp) = {:g}", l.dp),
        shown(l.ep));
  if (!whole(l.global_batch, l.micro_batch * l.dp))
    f.fail("global_batch",
           fmt::format("must be a multiple of micro_batch x data-parallel size ({:g} x {:g})",
                       l.micro_batch, l.dp),
           shown(l.global_batch));
  return l;
}

// What every layout of the scenario carries whatever its degrees: FP8 linear layers (from
// training.precision), the experts' load imbalance and the overlap fractions
// (training.overlap: {dp, tp, pp, ep}, each 0..1; defaults kDefault*Overlap, Megatron-Core's).
Layout read_layout_settings(const Fields& training, const Scenario& s) {
  Layout l;
  l.fp8 = s.precision == "fp8" ? 1 : 0;
  // Fused attention by default: FlashAttention-2 is what Megatron-Core (through Transformer
  // Engine), PyTorch FSDP recipes and DeepSpeed train with since 2023.
  l.flash_attention = training.flag("flash_attention", true) ? 1 : 0;
  l.expert_load_imbalance =
      training.optional_quantity("expert_load_imbalance", Dimension::kDimensionless, {1, 100})
          .value_or(kExpertLoadImbalance);
  if (training.has("expert_load_imbalance") && !(s.architecture && is_moe(*s.architecture)))
    training.fail("expert_load_imbalance", "only for a mixture of experts (architecture.experts)");
  const Fields overlap = training.child_or_empty("overlap");
  auto fraction = [&](const char* key, double fallback) {
    return overlap.optional_quantity(key, Dimension::kDimensionless, {0, 1}).value_or(fallback);
  };
  l.dp_overlap = fraction("dp", kDefaultDpOverlap);
  l.tp_overlap = fraction("tp", kDefaultTpOverlap);
  l.pp_overlap = fraction("pp", kDefaultPpOverlap);
  l.ep_overlap = fraction("ep", kDefaultEpOverlap);
  overlap.reject_unknown({"dp", "tp", "pp", "ep"});
  return l;
}

void carry_layout_settings(const Layout& settings, Layout& l) {
  l.fp8 = settings.fp8;
  l.flash_attention = settings.flash_attention;
  l.expert_load_imbalance = settings.expert_load_imbalance;
  l.dp_overlap = settings.dp_overlap;
  l.tp_overlap = settings.tp_overlap;
  l.pp_overlap = settings.pp_overlap;
  l.ep_overlap = settings.ep_overlap;
}

// Evaluates the scenario's layout (searching for the best when asked) on its cluster; with
// `derive`, the run's MFU and recomputation come from it. A layout that does not fit is not an
// error here: the run reports it and by how much.
void lay_out(const Fields& training, const GpuSpec& gpu, bool search_best, double global_batch,
             bool derive, Scenario& s) {
  TrainingInputs& in = s.inputs;
  const char* key = derive ? "mfu" : "layout";
  if (!s.architecture)
    training.fail(
        key,
        "needs model.architecture (layers, hidden, heads, vocab, seq_len) to lay the model out");
  ClusterSpec cluster = cluster_from_gpu(gpu, in.peak_flop_per_s, in.gpu_count);
  if (const std::string missing = missing_cluster_figure(cluster, gpu.name); !missing.empty())
    training.fail(key, missing);
  if (search_best) {
    LayoutSearchOptions options;
    options.global_batch = global_batch;
    options.precision_bytes = layout_precision_bytes(s.precision);
    options.carried = s.layout_settings;
    if (training.has("recompute")) options.fixed_recompute = in.recompute;
    const LayoutSearchUpTo found = search_layouts_up_to(*s.architecture, cluster, options, 1);
    if (found.search.best.empty())
      training.fail("layout", no_layout_reason(*s.architecture, cluster, options, found), "best");
    s.layout = found.search.best.front().layout;
    cluster.gpu_count = found.gpus_used;
  }
  s.layout_gpus = cluster.gpu_count;
  s.layout_result = evaluate_layout(*s.architecture, *s.layout, cluster);
  if (!(s.layout_result->valid > 0))
    training.fail("layout",
                  fmt::format("does not divide the model and the {:g} GPUs", in.gpu_count));
  if (!derive) return;
  // Over the whole cluster: GPUs the layout leaves idle are paid for and do no work.
  in.mfu = s.layout_result->mfu * s.layout_gpus / in.gpu_count;
  in.recompute = s.layout->recompute;
  s.recompute = std::string(recompute_name(in.recompute));
  s.basis = "derived";
}

// training.reliability: interruptions, checkpoints and restarts (kernels/reliability.h), with the
// catalog's defaults. Read after the rest of training: its checks need the run's steady-state
// time, which the energy and cost inputs do not change.
void read_reliability(const Fields& f, const Catalog& catalog, Scenario& s) {
  const ReliabilityDefaults& d = catalog.reliability;
  TrainingInputs& in = s.inputs;
  constexpr double kSecondsPerDay = 86400;
  // One failure per node-minute, and one planned stop a minute: beyond them, a unit slip.
  constexpr double kMaxPer1000NodeDays = 1000.0 * 24 * 60;
  in.reliability_enabled = f.flag("enabled", false) ? 1 : 0;
  in.gpus_per_node = s.hardware.gpus_per_server->value;
  const double rate = f.optional_quantity("failures_per_1000_node_days", Dimension::kDimensionless,
                                          non_negative(kMaxPer1000NodeDays))
                          .value_or(d.failure_rate_for(s.hardware.name).value);
  in.failures_per_node_s = rate / 1000.0 / kSecondsPerDay;
  in.failure_stop_fraction = f.optional_quantity("stop_fraction", Dimension::kDimensionless, {0, 1})
                                 .value_or(d.stop_fraction.value);
  in.planned_interruptions_per_s =
      f.optional_quantity("planned_per_day", Dimension::kDimensionless, non_negative(24 * 60))
          .value_or(d.planned_per_day.value) /
      kSecondsPerDay;
  in.detect_s = f.optional_quantity("detect", Dimension::kTime, non_negative(kMaxDuration))
                    .value_or(d.detect_s.value);
  in.restart_s = f.optional_quantity("restart", Dimension::kTime, non_negative(kMaxDuration))
                     .value_or(d.restart_s.value);
  // The checkpoint: its size from the parameters (bytes per parameter), or given.
  const auto per_param =
      f.optional_quantity("checkpoint_bytes_per_param", Dimension::kDimensionless, positive(100));
  const auto size = f.optional_quantity("checkpoint_size", Dimension::kBytes, positive(1e18));
  if (per_param && size)
    f.fail("checkpoint_size", "give checkpoint_size or checkpoint_bytes_per_param, not both");
  in.checkpoint_bytes =
      size ? *size : in.params * per_param.value_or(d.checkpoint_bytes_per_param.value);
  // Storage bandwidth: aggregate when given, else the catalog's per GPU times the GPUs.
  in.checkpoint_write_bytes_per_s =
      f.optional_quantity("write_bandwidth", Dimension::kBytesPerSecond, positive(1e18))
          .value_or(d.write_bytes_per_s_per_gpu.value * in.gpu_count);
  in.checkpoint_read_bytes_per_s =
      f.optional_quantity("read_bandwidth", Dimension::kBytesPerSecond, positive(1e18))
          .value_or(d.read_bytes_per_s_per_gpu.value * in.gpu_count);
  in.checkpoint_async = f.flag("async", false) ? 1 : 0;
  in.checkpoint_async_stall_s =
      f.optional_quantity("async_stall", Dimension::kTime, non_negative(kSecondsPerDay))
          .value_or(d.async_stall_s.value);
  if (f.has("async_stall") && !(in.checkpoint_async > 0))
    f.fail("async_stall", "only with async: true");
  s.restart_spread =
      f.optional_quantity("restart_spread", Dimension::kDimensionless, non_negative(5))
          .value_or(d.restart_spread.value);
  // checkpoint_interval: a time, or "optimal" (Young 1974), the default.
  const YAML::Node interval = f.node("checkpoint_interval");
  const bool optimal = !interval || (interval.IsScalar() && interval.Scalar() == "optimal");
  if (interval && interval.IsScalar() && !optimal &&
      interval.Scalar().find_first_of("0123456789") == std::string::npos)
    f.fail("checkpoint_interval",
           "must be a time such as 1h, or optimal" + did_you_mean(interval.Scalar(), {"optimal"}),
           interval.Scalar());
  in.checkpoint_interval_s =
      optimal ? 0 : f.quantity("checkpoint_interval", Dimension::kTime, positive(kMaxDuration));
  f.reject_unknown({"enabled", "failures_per_1000_node_days", "stop_fraction", "planned_per_day",
                    "detect", "restart", "checkpoint_interval", "checkpoint_bytes_per_param",
                    "checkpoint_size", "write_bandwidth", "read_bandwidth", "async", "async_stall",
                    "restart_spread"});

  // Values that are each possible but impossible together.
  const ReliabilityInputs r = reliability_inputs(in);
  const double write_s = checkpoint_write_s(r);
  auto shown_time = [](double seconds) { return format_quantity(seconds, Dimension::kTime); };
  if (!optimal && in.checkpoint_interval_s < write_s)
    f.fail(
        "checkpoint_interval",
        fmt::format("is shorter than one checkpoint write ({} at {})", shown_time(write_s),
                    format_quantity(in.checkpoint_write_bytes_per_s, Dimension::kBytesPerSecond)),
        describe(interval));
  TrainingInputs steady = in;
  steady.reliability_enabled = 0;
  const double run_s = evaluate_training(steady).wall_s;
  if (f.has("restart") && in.restart_s > run_s)
    f.fail(
        "restart",
        fmt::format("is longer than the whole run ({} without interruptions)", shown_time(run_s)),
        describe(f.node("restart")));
  if (!(in.reliability_enabled > 0)) return;
  const ReliabilityOutputs result =
      evaluate_reliability(r, in.gpu_count, run_s, in.utilization_basis == kBasisDuration);
  if (!(result.ettr > 0) || !(result.elapsed_s <= kMaxDuration)) {
    const char* key = f.has("failures_per_1000_node_days") ? "failures_per_1000_node_days"
                      : f.has("restart")                   ? "restart"
                                                           : "enabled";
    f.fail(key, fmt::format("leaves the job almost no progress: interrupted every {} with a "
                            "checkpoint every {}, it would run for more than 100 years",
                            shown_time(result.mtbf_s), shown_time(result.checkpoint_interval_s)));
  }
}

void read_training(const Fields& training, const GpuSpec& gpu, const Catalog& catalog,
                   Scenario& s) {
  TrainingInputs& in = s.inputs;
  const std::string default_precision = gpu.peak.contains("bf16") ? "bf16" : "fp16";
  s.precision = training.choice("precision", precision_names(), default_precision);
  const auto peak = gpu.peak.find(s.precision);
  if (peak == gpu.peak.end()) {
    std::vector<std::string> listed;
    for (const auto& entry : gpu.peak) listed.push_back(entry.first);
    const std::string problem = fmt::format("{} has no dense {} peak in the catalog; it lists {}",
                                            gpu.name, s.precision, fmt::join(listed, ", "));
    if (training.has("precision")) training.fail("precision", problem, s.precision);
    throw InputError(training.locate("precision"), "training.precision", problem);
  }
  in.peak_flop_per_s = peak->second.value;

  s.recompute = training.choice("recompute", kRecomputeModes, "none");
  in.recompute = s.recompute == "full"        ? kRecomputeFull
                 : s.recompute == "selective" ? kRecomputeSelective
                                              : kRecomputeNone;

  // Exactly one of mfu, throughput_per_gpu and duration sets the time; mfu by default.
  int given = 0;
  in.utilization_basis = kBasisMfu;
  // The catalog's default MFU is a fraction of the 16-bit peak whatever the precision: a run
  // in FP8 (or below) does not double its throughput by that default; its gain comes from a
  // derived layout (mfu: derive). As a fraction of the precision's own peak it is scaled down.
  in.mfu = catalog.economics.mfu.value;
  for (const char* sixteen : {"bf16", "fp16"}) {
    const auto it = gpu.peak.find(sixteen);
    if (it == gpu.peak.end()) continue;
    if (in.peak_flop_per_s > it->second.value) in.mfu *= it->second.value / in.peak_flop_per_s;
    break;
  }
  s.basis = "mfu";
  // "mfu: derive" takes the MFU from the layout's step time (kernels/layout.h).
  const YAML::Node mfu_node = training.node("mfu");
  const bool derive = mfu_node && mfu_node.IsScalar() && mfu_node.Scalar() == "derive";
  if (derive) {
    ++given;
  } else if (auto mfu = training.optional_quantity("mfu", Dimension::kDimensionless,
                                                   fraction_positive())) {
    in.mfu = *mfu;
    ++given;
  }
  if (auto rate = training.optional_quantity(
          "throughput_per_gpu", Dimension::kFlopPerSecond,
          {limits::kMinFraction * in.peak_flop_per_s, in.peak_flop_per_s})) {
    in.utilization_basis = kBasisHardwareThroughput;
    in.hardware_flop_per_s_per_gpu = *rate;
    s.basis = "throughput";
    ++given;
  }
  if (auto duration =
          training.optional_quantity("duration", Dimension::kTime, positive(kMaxDuration))) {
    in.utilization_basis = kBasisDuration;
    in.duration_s = *duration;
    s.basis = "duration";
    ++given;
  }
  if (given > 1) {
    const char* second = training.has("duration") ? "duration" : "throughput_per_gpu";
    training.fail(second, "give only one of mfu, throughput_per_gpu and duration");
  }
  // training.layout: a mapping {tp, pp, ...}, or "best" to search for the fastest that fits.
  const YAML::Node layout_node = training.node("layout");
  const bool search_best = layout_node && layout_node.IsScalar() && layout_node.Scalar() == "best";
  if (layout_node && layout_node.IsScalar() && !search_best)
    training.fail("layout", "must be a mapping {tp, pp, micro_batch, global_batch, ...} or best",
                  layout_node.Scalar());
  s.layout_settings = read_layout_settings(training, s);
  if (layout_node && !search_best) {
    s.layout = read_layout(training.child("layout"), s, gpu.gpus_per_server->value);
    carry_layout_settings(s.layout_settings, *s.layout);
  }
  const auto global_batch =
      training.optional_quantity("global_batch", Dimension::kCount, positive_integer(1e12));
  if (search_best && !global_batch)
    training.fail("layout", "layout: best needs training.global_batch (sequences per step)",
                  "best");
  if (global_batch && !search_best)
    training.fail("global_batch",
                  "only with layout: best; a layout mapping gives its own global_batch");
  for (const char* key : {"overlap", "expert_load_imbalance", "flash_attention"})
    if (training.has(key) && !layout_node)
      training.fail(key, "only with training.layout (a mapping, or best)");
  if (layout_node && (s.precision == "fp4" || s.precision == "int8"))
    training.fail("precision",
                  "the layout model runs the linear layers in fp8 or in 16 or 32 bits; " +
                      s.precision + " training is not modelled",
                  s.precision);
  if (derive && !layout_node)
    training.fail("mfu", "mfu: derive needs training.layout (a mapping, or best)", "derive");
  if (derive || search_best)
    lay_out(training, gpu, search_best, global_batch.value_or(0), derive, s);
  read_reliability(training.child_or_empty("reliability"), catalog, s);
  training.reject_unknown({"precision", "recompute", "mfu", "throughput_per_gpu", "duration",
                           "layout", "global_batch", "reliability", "overlap",
                           "expert_load_imbalance", "flash_attention"});
}

void read_energy(const Fields& energy, const Catalog& catalog, TrainingInputs& in) {
  const EconomicsDefaults& d = catalog.economics;
  in.average_power_fraction = d.average_power_fraction.value;
  in.grid_kg_co2_per_kwh = d.grid_kg_co2_per_kwh.value;
  if (auto fraction = energy.optional_quantity("average_power_fraction", Dimension::kDimensionless,
                                               fraction_positive()))
    in.average_power_fraction = *fraction;
  // A measured average system power per GPU replaces server power times the average fraction.
  if (auto measured =
          energy.optional_quantity("average_power_per_gpu", Dimension::kPower, positive(1e5))) {
    if (energy.has("average_power_fraction"))
      energy.fail("average_power_per_gpu",
                  "give average_power_per_gpu or average_power_fraction, not both");
    in.server_power_per_gpu_w = *measured;
    in.average_power_fraction = 1.0;
  }
  if (auto grid = energy.optional_quantity("grid_co2", Dimension::kCo2PerKwh, non_negative(5)))
    in.grid_kg_co2_per_kwh = *grid;
  energy.reject_unknown({"average_power_fraction", "average_power_per_gpu", "grid_co2"});
}

void read_cost(const Fields& c, const GpuSpec& gpu, const Catalog& catalog, TrainingInputs& in) {
  const EconomicsDefaults& d = catalog.economics;
  in.gpu_price_usd = gpu.price->value;
  in.cloud_usd_per_gpu_hour = gpu.cloud_price->value;
  in.electricity_usd_per_kwh = d.electricity_usd_per_kwh.value;
  in.pue = d.pue.value;
  in.depreciation_per_year = d.depreciation_per_year.value;
  in.hardware_age_years = 0;
  in.server_cost_factor = d.server_cost_factor.value;
  in.interconnect_cost_factor = d.interconnect_cost_factor.value;
  in.development_multiplier = d.development_multiplier.value;
  auto set = [&](double& slot, const char* key, Dimension dimension, Bounds bounds) {
    if (auto value = c.optional_quantity(key, dimension, bounds)) slot = *value;
  };
  set(in.gpu_price_usd, "gpu_price_usd", Dimension::kUsd, positive(limits::kMaxPriceUsd));
  set(in.cloud_usd_per_gpu_hour, "cloud_usd_per_gpu_hour", Dimension::kUsdPerGpuHour,
      positive(limits::kMaxCloudUsdPerHour));
  set(in.electricity_usd_per_kwh, "electricity_usd_per_kwh", Dimension::kUsdPerKwh,
      non_negative(10));
  set(in.pue, "pue", Dimension::kDimensionless, {1, 5});
  set(in.depreciation_per_year, "depreciation", Dimension::kRatePerYear, non_negative(10));
  double age_s = 0;
  set(age_s, "hardware_age", Dimension::kTime, non_negative(50 * kSecondsPerYear));
  in.hardware_age_years = age_s / kSecondsPerYear;
  set(in.server_cost_factor, "server_cost_factor", Dimension::kDimensionless, {1, 10});
  set(in.interconnect_cost_factor, "interconnect_cost_factor", Dimension::kDimensionless, {1, 10});
  set(in.development_multiplier, "development_multiplier", Dimension::kDimensionless, {1, 100});
  c.reject_unknown({"gpu_price_usd", "cloud_usd_per_gpu_hour", "electricity_usd_per_kwh", "pue",
                    "depreciation", "hardware_age", "server_cost_factor",
                    "interconnect_cost_factor", "development_multiplier"});
}

}  // namespace

Scenario load_scenario(const Document& doc, const Catalog& catalog) {
  // A scenario of its own reads other currencies at the catalog's latest rates; one inside a
  // company at the company's.
  if (!doc.exchange_rates())
    doc.use_exchange_rates(&catalog.exchange_rates, catalog.exchange_rates.latest_year());
  const Fields root(doc, doc.root(), "");
  Scenario s;
  s.file = doc.label();
  s.name = root.optional_text("name").value_or(doc.label());
  s.description = root.optional_text("description").value_or("");
  s.source = root.optional_text("source").value_or("");

  s.architecture = read_model(root.child("model"), s.inputs);
  const Fields data = root.child("data");
  s.inputs.tokens =
      data.quantity("tokens", Dimension::kCount, {limits::kMinTokens, limits::kMaxTokens});
  data.reject_unknown({"tokens"});

  const GpuSpec gpu = read_hardware(root.child("hardware"), catalog, s.inputs);
  s.hardware = gpu;
  s.hardware_where = root.child("hardware").locate("gpu");
  read_training(root.child_or_empty("training"), gpu, catalog, s);
  read_energy(root.child_or_empty("energy"), catalog, s.inputs);
  const Fields cost = root.child_or_empty("cost");
  read_cost(cost, gpu, catalog, s.inputs);
  if (root.child("hardware").has("price") && cost.has("gpu_price_usd"))
    cost.fail("gpu_price_usd", "the price is also set as hardware.price; set it once");
  if (root.child("hardware").has("cloud_price") && cost.has("cloud_usd_per_gpu_hour"))
    cost.fail("cloud_usd_per_gpu_hour",
              "the price is also set as hardware.cloud_price; set it once");

  // A stated duration shorter than the cluster needs at its peak (an HFU above 1) is a slip.
  if (s.inputs.utilization_basis == kBasisDuration) {
    const TrainingOutputs at_duration = evaluate_training(s.inputs);
    if (at_duration.hfu > 1)
      root.child("training")
          .fail("duration",
                fmt::format("shorter than the cluster needs at its peak ({:.3g} days: hardware "
                            "FLOP utilisation {:.3g}, above 1)",
                            s.inputs.duration_s * at_duration.hfu / 86400.0, at_duration.hfu),
                root.child("training").node("duration").Scalar());
  }
  s.claims = read_claims(root, training_claim_outputs());
  root.reject_unknown({"name", "description", "source", "model", "data", "hardware", "training",
                       "energy", "cost", "claims"});
  return s;
}

Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides,
                            const Catalog& catalog) {
  Document doc = Document::load_file(path);
  doc.apply_overrides(overrides);
  return load_scenario(doc, catalog);
}

}  // namespace llmb
