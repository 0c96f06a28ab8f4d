#include "sim/output/serving_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "sim/schema/dotted_json.h"
#include "sim/schema/format.h"

namespace llmb {
namespace {

using Json = nlohmann::ordered_json;

Json model_inputs_json(const ServingInputs& in) {
  return Json{{"active_params", in.active_params},
              {"total_params", in.total_params},
              {"bytes_per_param", in.bytes_per_param},
              {"kv_bytes_per_token", in.kv_bytes_per_token},
              {"prompt_tokens", in.prompt_tokens},
              {"output_tokens", in.output_tokens},
              {"peak_flop_per_s", in.peak_flop_per_s},
              {"hbm_bytes_per_s", in.hbm_bytes_per_s},
              {"hbm_bytes", in.hbm_bytes},
              {"gpus_per_replica", in.gpus_per_replica},
              {"batch_size", in.batch_size},
              {"compute_utilization", in.compute_utilization},
              {"bandwidth_utilization", in.bandwidth_utilization},
              {"measured_output_tokens_per_s_per_gpu", in.measured_output_tokens_per_s_per_gpu},
              {"peak_to_average", in.peak_to_average},
              {"fleet_utilization", in.fleet_utilization},
              {"usd_per_gpu_hour", in.usd_per_gpu_hour}};
}

std::string render_json(const ServingScenario& s, const ServingResult& r) {
  Json j;
  j["scenario"] = {{"name", s.name}, {"file", s.file}};
  j["inputs"] = {{"gpu", s.serving.gpu},
                 {"precision", s.serving.precision},
                 {"compute_precision", s.serving.compute_precision},
                 {"gpus_per_replica", s.serving.gpus_derived ? "derived" : "stated"},
                 {"fleet", s.fleet_gpus ? "stated" : "sized from demand"},
                 {"price", s.serving.owned ? "owned" : "rented"},
                 {"daily_users", s.demand.daily_users},
                 {"requests_per_user_per_day", s.demand.requests_per_user_per_day}};
  j["model_inputs"] = model_inputs_json(s.serving.inputs);
  set_json_fields(j, serving_output_fields(), r);
  return json_document(j);
}

std::string render_csv(const ServingResult& r) {
  return csv_record(serving_output_fields(), r);
}

std::string render_table(const ServingScenario& s, const ServingResult& r) {
  const ServingInputs& in = s.serving.inputs;
  const ServingThroughput& t = r.throughput;
  std::string text = fmt::format("{}\n", s.name);
  if (!s.description.empty()) text += fmt::format("  {}\n", s.description);
  const std::string requests =
      s.demand.daily_users > 0
          ? fmt::format("{} daily users x {:g} requests = {} requests/day",
                        format_quantity(s.demand.daily_users, Dimension::kCount),
                        s.demand.requests_per_user_per_day,
                        format_quantity(s.demand.requests_per_day, Dimension::kCount))
          : fmt::format("{} requests/day",
                        format_quantity(s.demand.requests_per_day, Dimension::kCount));
  text += fmt::format("  demand    {}; {} prompt + {} output tokens each\n", requests,
                      format_quantity(in.prompt_tokens, Dimension::kCount),
                      format_quantity(in.output_tokens, Dimension::kCount));
  text += fmt::format(
      "  model     {} active parameters{}, {} weights ({:g} B per parameter), KV cache {} per "
      "token\n",
      format_quantity(in.active_params, Dimension::kCount),
      in.total_params > 0
          ? fmt::format(" of {}", format_quantity(in.total_params, Dimension::kCount))
          : "",
      s.serving.precision, in.bytes_per_param,
      format_quantity(in.kv_bytes_per_token, Dimension::kBytes));
  text += fmt::format(
      "  replica   {:g} x {} ({}), batch {:g}: {} of {}{}; {} peak {} at {:.0f}%, {} at {:.0f}%\n",
      t.gpus_per_replica, s.serving.gpu, s.serving.gpus_derived ? "fewest that hold it" : "stated",
      in.batch_size, format_quantity(t.memory_bytes_per_replica, Dimension::kBytes),
      format_quantity(t.gpus_per_replica * in.hbm_bytes, Dimension::kBytes),
      t.fits > 0 ? "" : " (DOES NOT FIT)", s.serving.compute_precision,
      format_quantity(in.peak_flop_per_s, Dimension::kFlopPerSecond), 100 * in.compute_utilization,
      format_quantity(in.hbm_bytes_per_s, Dimension::kBytesPerSecond),
      100 * in.bandwidth_utilization);
  if (in.measured_output_tokens_per_s_per_gpu > 0)
    text += fmt::format("  measured  {:g} output tokens/s per GPU replace the throughput model\n",
                        in.measured_output_tokens_per_s_per_gpu);
  text += s.fleet_gpus
              ? fmt::format("  fleet     stated: {} GPUs\n", format_grouped(*s.fleet_gpus))
              : fmt::format(
                    "  fleet     sized from demand: peak / average {:g}, fleet utilisation "
                    "{:.0f}%\n",
                    in.peak_to_average, 100 * in.fleet_utilization);
  text += fmt::format("  prices    rented {}, owned-equivalent {}{}\n\n",
                      format_quantity(r.rented_usd_per_gpu_hour, Dimension::kUsdPerGpuHour),
                      format_quantity(r.owned_usd_per_gpu_hour, Dimension::kUsdPerGpuHour),
                      s.serving.owned ? " (the section's price: owned)" : "");

  text += field_lines(serving_output_fields(), r);
  return text;
}

}  // namespace

std::string render_serving(const ServingScenario& scenario, const ServingResult& result,
                           Format format) {
  switch (format) {
    case Format::kJson:
    case Format::kHtml:  // an HTML page is built from the JSON
      return render_json(scenario, result);
    case Format::kCsv:
      return render_csv(result);
    case Format::kXlsx:  // a workbook is not text: sim/report/ writes it
    case Format::kTable:
      break;
  }
  return render_table(scenario, result);
}

}  // namespace llmb
