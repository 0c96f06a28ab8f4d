#include "sim/output/layout_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "sim/layout/layout_fields.h"
#include "sim/schema/dotted_json.h"

namespace llmb {

namespace {

nlohmann::ordered_json layout_json(const RankedLayout& x) {
  nlohmann::ordered_json out;
  set_json_fields(out, layout_fields(), x);
  const Layout& l = x.layout;
  out["fp8"] = l.fp8 > 0;
  out["flash_attention"] = l.flash_attention > 0;
  out["sequence_parallel"] = l.sequence_parallel > 0;
  out["recompute"] = recompute_name(l.recompute);
  out["overlap"] = {
      {"dp", l.dp_overlap}, {"tp", l.tp_overlap}, {"pp", l.pp_overlap}, {"ep", l.ep_overlap}};
  return out;
}

std::string seconds_and_share(double seconds, double step_s) {
  return fmt::format("{:.3f} s ({:.1f}%)", seconds, 100 * seconds / step_s);
}

}  // namespace

std::string layout_breakdown_text(const LayoutResult& r) {
  const RankedLayout x{{}, r};
  std::string parts, hidden, memory;
  for (const LayoutField& f : layout_time_fields()) {
    parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", f.label,
                         seconds_and_share(f.base_value(x), r.step_time_s));
    if (f.key == "time.compute_s") parts += fmt::format(" (recompute {:.3f} s)", r.recompute_s);
  }
  // Each communication's hidden part, under the label of its exposed part.
  for (const LayoutField& f : layout_time_fields())
    if (const LayoutField* h = find_layout_field(fmt::format("time.hidden.{}", f.key.substr(5))))
      hidden += fmt::format("{}{} {:.3f} s", hidden.empty() ? "" : ", ", f.label, h->base_value(x));
  for (const LayoutField& f : layout_memory_fields())
    memory +=
        fmt::format("{}{} {:.1f}", memory.empty() ? "" : ", ", f.label, f.base_value(x) / 1e9);
  return fmt::format(
      "  step {:.3f} s: {}\n  hidden behind compute: {}\n  memory per GPU {:.1f} GB: {}\n",
      r.step_time_s, parts, hidden, r.total_bytes / 1e9, memory);
}

std::string render_layouts(const ScenarioLayouts& layouts, Format format) {
  const LayoutSearch& search = layouts.search;
  const std::optional<RankedLayout>& given = layouts.given;
  if (format == Format::kJson) {
    nlohmann::ordered_json out;
    if (given) {
      out["scenario_layout"] = layout_json(*given);
      out["scenario_layout"]["valid"] = given->result.valid > 0;
      out["scenario_layout"]["fits"] = given->result.fits > 0;
    }
    out["evaluated"] = search.evaluated;
    out["fitting"] = search.fitting;
    out["gpus"] = layouts.hardware_gpus;
    out["gpus_used"] = layouts.cluster.gpu_count;
    out["hbm_bytes"] = layouts.cluster.hbm_bytes;
    if (!layouts.note.empty()) out["note"] = layouts.note;
    out["layouts"] = nlohmann::ordered_json::array();
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
    s += layout_breakdown_text(r);
  }
  s += fmt::format("{} valid layouts, {} fit in {:.0f} GB per GPU\n", search.evaluated,
                   search.fitting, layouts.cluster.hbm_bytes / 1e9);
  if (!layouts.note.empty()) s += layouts.note + "\n";
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
    s += layout_breakdown_text(search.best.front().result);
  }
  return s;
}

}  // namespace llmb
