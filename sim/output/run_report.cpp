#include "sim/output/run_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "sim/schema/dotted_json.h"
#include "sim/schema/format.h"
#include "sim/schema/input_fields.h"
#include "sim/schema/output_fields.h"

namespace llmb {
namespace {

using Json = nlohmann::ordered_json;

Json inputs_json(const Scenario& s) {
  const TrainingInputs& in = s.inputs;
  Json j;
  j["params"] = in.params;
  j["flop_params"] = in.flop_params;
  j["tokens"] = in.tokens;
  j["gpu"] = s.hardware.name;
  j["gpu_count"] = in.gpu_count;
  j["precision"] = s.precision;
  j["peak_flop_per_s"] = in.peak_flop_per_s;
  j["recompute"] = s.recompute;
  j["utilization_basis"] = s.basis;
  j["gpu_price_usd"] = in.gpu_price_usd;
  j["cloud_usd_per_gpu_hour"] = in.cloud_usd_per_gpu_hour;
  j["electricity_usd_per_kwh"] = in.electricity_usd_per_kwh;
  j["pue"] = in.pue;
  j["depreciation_per_year"] = in.depreciation_per_year;
  j["development_multiplier"] = in.development_multiplier;
  return j;
}

Json sampled_json(const SampledQuantity& q) {
  return {{"mean", q.mean},
          {"standard_error", q.standard_error},
          {"p10", q.p10},
          {"p50", q.p50},
          {"p90", q.p90}};
}

std::string render_json(const Scenario& s, const TrainingOutputs& out,
                        const ReliabilityMonteCarlo* sampled) {
  Json j;
  j["scenario"] = {{"name", s.name}, {"file", s.file}};
  j["inputs"] = inputs_json(s);
  Json model_inputs;
  for (const auto& field : training_input_fields())
    model_inputs[std::string(field.name)] = s.inputs.*(field.member);
  j["model_inputs"] = model_inputs;
  set_json_fields(j, training_output_fields(), out);
  if (s.layout && s.layout_result) {
    const Layout& l = *s.layout;
    const LayoutResult& r = *s.layout_result;
    j["layout"] = {{"tp", l.tp},
                   {"pp", l.pp},
                   {"dp", r.dp},
                   {"interleave", l.interleave},
                   {"micro_batch", l.micro_batch},
                   {"global_batch", l.global_batch},
                   {"sequence_parallel", l.sequence_parallel > 0},
                   {"zero", l.zero},
                   {"step_time_s", r.step_time_s},
                   {"tokens_per_s", r.tokens_per_s},
                   {"tflops_per_gpu", r.hardware_flop_per_s_per_gpu / 1e12},
                   {"mfu", r.mfu},
                   {"hfu", r.hfu},
                   {"memory_gb_per_gpu", r.total_bytes / 1e9},
                   {"fits", r.fits > 0},
                   {"ep", l.ep},
                   {"gpus_used", s.layout_gpus},
                   {"idle_gpus", s.inputs.gpu_count - s.layout_gpus},
                   {"time",
                    {{"compute_s", r.compute_s},
                     {"recompute_s", r.recompute_s},
                     {"bubble_s", r.bubble_s},
                     {"tp_comm_s", r.tp_comm_s},
                     {"pp_comm_s", r.pp_comm_s},
                     {"ep_comm_s", r.ep_comm_s},
                     {"dp_comm_s", r.dp_comm_s},
                     {"optimizer_s", r.optimizer_s},
                     {"hidden_comm_s", r.tp_comm_hidden_s + r.pp_comm_hidden_s +
                                           r.ep_comm_hidden_s + r.dp_comm_hidden_s}}},
                   {"memory",
                    {{"weights_bytes", r.weights_bytes},
                     {"grads_bytes", r.grads_bytes},
                     {"optimizer_bytes", r.optimizer_bytes},
                     {"activations_bytes", r.activations_bytes}}}};
  }
  if (sampled)
    j["reliability_monte_carlo"] = {{"samples", sampled->samples},
                                    {"seed", sampled->seed},
                                    {"wall_days", sampled_json(sampled->wall_days)},
                                    {"lost_gpu_hours", sampled_json(sampled->lost_gpu_hours)},
                                    {"interruptions", sampled_json(sampled->interruptions)}};
  return json_document(j);
}

std::string render_csv(const TrainingOutputs& out) {
  return csv_record(training_output_fields(), out);
}

std::string render_table(const Scenario& s, const TrainingOutputs& out,
                         const ReliabilityMonteCarlo* sampled) {
  const TrainingInputs& in = s.inputs;
  std::string text = fmt::format("{}\n", s.name);
  if (!s.description.empty()) text += fmt::format("  {}\n", s.description);
  text += fmt::format("  model     {} parameters ({} in matrix multiplies per token), {} tokens\n",
                      format_quantity(in.params, Dimension::kCount),
                      format_quantity(in.flop_params, Dimension::kCount),
                      format_quantity(in.tokens, Dimension::kCount));
  std::string utilisation =
      s.basis == "mfu" || s.basis == "derived"
          ? fmt::format("MFU {:.1f}%{}", 100 * in.mfu,
                        s.basis == "derived" ? " (derived from the layout)" : "")
      : s.basis == "throughput"
          ? fmt::format("{} achieved per GPU",
                        format_quantity(in.hardware_flop_per_s_per_gpu, Dimension::kFlopPerSecond))
          : fmt::format("{} stated", format_quantity(in.duration_s, Dimension::kTime));
  text += fmt::format("  cluster   {} x {}, {} peak {}, {}, recompute {}\n",
                      format_grouped(in.gpu_count), s.hardware.name, s.precision,
                      format_quantity(in.peak_flop_per_s, Dimension::kFlopPerSecond), utilisation,
                      s.recompute);
  if (s.layout && s.layout_result) {
    const Layout& l = *s.layout;
    const LayoutResult& r = *s.layout_result;
    text += fmt::format(
        "  layout    tp {:g} x pp {:g} x dp {:g}, interleave {:g}, micro-batch {:g}, global batch "
        "{:g}, "
        "ZeRO {:g}{}: step {:.3g} s, {:.0f} TFLOP/s per GPU, MFU {:.1f}%, {:.1f} GB per GPU{}\n",
        l.tp, l.pp, r.dp, l.interleave, l.micro_batch, l.global_batch, l.zero,
        l.sequence_parallel > 0 ? ", sequence parallel" : "", r.step_time_s,
        r.hardware_flop_per_s_per_gpu / 1e12, 100 * r.mfu, r.total_bytes / 1e9,
        r.fits > 0 ? "" : " (DOES NOT FIT: more than the GPU's memory)");
    if (l.ep > 1) text += fmt::format("            expert parallel {:g}\n", l.ep);
    if (s.layout_gpus < in.gpu_count)
      text +=
          fmt::format("            runs on {:g} GPUs, {:g} left idle (no layout fits all {:g})\n",
                      s.layout_gpus, in.gpu_count - s.layout_gpus, in.gpu_count);
  }
  text += fmt::format("  prices    {} per GPU, {}, electricity {}, PUE {:.3g}\n",
                      format_usd(in.gpu_price_usd),
                      format_quantity(in.cloud_usd_per_gpu_hour, Dimension::kUsdPerGpuHour),
                      format_quantity(in.electricity_usd_per_kwh, Dimension::kUsdPerKwh), in.pue);

  const bool reliability = in.reliability_enabled > 0;
  if (reliability)
    text += fmt::format(
        "  failures  {:.3g} per 1,000 node-days ({:g} GPUs a node), {:.0f}% stop the job, {:.3g} "
        "planned a day; detect {}, restart {}; checkpoint {} written at {}{}\n",
        in.failures_per_node_s * 86400 * 1000, in.gpus_per_node, 100 * in.failure_stop_fraction,
        in.planned_interruptions_per_s * 86400, format_quantity(in.detect_s, Dimension::kTime),
        format_quantity(in.restart_s, Dimension::kTime),
        format_quantity(in.checkpoint_bytes, Dimension::kBytes),
        format_quantity(in.checkpoint_write_bytes_per_s, Dimension::kBytesPerSecond),
        in.checkpoint_async > 0 ? ", asynchronous" : "");
  text += "\n";
  // The reliability lines only when it is on: off, they are zeros.
  auto shown_field = [&](const OutputField& field) {
    return reliability || !field.key.starts_with("reliability.");
  };
  text += field_lines(training_output_fields(), out, shown_field);
  if (sampled) {
    text += fmt::format(
        "\n  Monte Carlo of the interruptions: {} samples, seed {}; mean (standard error), P10 / "
        "P50 / P90\n",
        sampled->samples, sampled->seed);
    auto line = [&](const char* label, const SampledQuantity& q, Dimension dimension,
                    double base_per_unit) {
      auto shown = [&](double v) { return format_quantity(v * base_per_unit, dimension); };
      text += fmt::format("  {:<16}  {} ({})   {} / {} / {}\n", label, shown(q.mean),
                          shown(q.standard_error), shown(q.p10), shown(q.p50), shown(q.p90));
    };
    line("Wall-clock time", sampled->wall_days, Dimension::kTime, 86400.0);
    line("Lost GPU-hours", sampled->lost_gpu_hours, Dimension::kGpuHours, 1.0);
    line("Interruptions", sampled->interruptions, Dimension::kCount, 1.0);
  }
  return text;
}

}  // namespace

std::string render_run(const Scenario& scenario, const TrainingOutputs& outputs, Format format,
                       const ReliabilityMonteCarlo* sampled) {
  switch (format) {
    case Format::kJson:
    case Format::kHtml:  // an HTML page is built from the JSON
      return render_json(scenario, outputs, sampled);
    case Format::kCsv:
      return render_csv(outputs);
    case Format::kXlsx:  // a workbook is not text: sim/report/ writes it
    case Format::kTable:
      break;
  }
  return render_table(scenario, outputs, sampled);
}

}  // namespace llmb
