#include "sim/output/data_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "sim/schema/dotted_json.h"
#include "sim/schema/format.h"

namespace llmb {
namespace {

using Json = nlohmann::ordered_json;

std::string render_json(const DataScenario& s, const DataCost& cost) {
  const DataInputs& in = s.program.inputs;
  Json j;
  j["scenario"] = {{"name", s.name}, {"file", s.file}};
  Json tasks = Json::array();
  for (const auto& task : s.program.tasks)
    tasks.push_back({{"task", task.name},
                     {"tier", label_tier_names()[static_cast<std::size_t>(task.tier)]},
                     {"items", task.work.items},
                     {"items_per_hour", task.work.items_per_hour},
                     {"usd_per_hour", task.work.usd_per_hour},
                     {"rate", task.rate_from_catalog ? "catalog" : "stated"}});
  j["inputs"] = {{"licensed_tokens", in.licensed_tokens},
                 {"usd_per_million_licensed_tokens", in.usd_per_million_licensed_tokens},
                 {"cleaning_tokens", in.cleaning_tokens},
                 {"cleaning_flop_per_token", in.cleaning_flop_per_token},
                 {"cleaning_flop_per_s_per_gpu", in.cleaning_flop_per_s_per_gpu},
                 {"cleaning_usd_per_gpu_hour", in.cleaning_usd_per_gpu_hour},
                 {"review_overhead", in.review_overhead},
                 {"tasks", tasks}};
  set_json_fields(j, data_output_fields(), cost);
  return json_document(j);
}

std::string render_csv(const DataCost& cost) {
  return csv_record(data_output_fields(), cost);
}

std::string render_table(const DataScenario& s, const DataCost& cost) {
  const DataInputs& in = s.program.inputs;
  std::string text = fmt::format("{}\n", s.name);
  if (!s.description.empty()) text += fmt::format("  {}\n", s.description);
  if (in.licensed_tokens > 0)
    text += fmt::format(
        "  licensed  {} tokens at {}\n", format_quantity(in.licensed_tokens, Dimension::kCount),
        format_quantity(in.usd_per_million_licensed_tokens, Dimension::kUsdPerMillionTokens));
  if (in.cleaning_tokens > 0)
    text += fmt::format("  cleaning  {} tokens x {} per token at {} per GPU, {}\n",
                        format_quantity(in.cleaning_tokens, Dimension::kCount),
                        format_quantity(in.cleaning_flop_per_token, Dimension::kFlop),
                        format_quantity(in.cleaning_flop_per_s_per_gpu, Dimension::kFlopPerSecond),
                        format_quantity(in.cleaning_usd_per_gpu_hour, Dimension::kUsdPerGpuHour));
  for (const auto& task : s.program.tasks) {
    const LabourRate& rate = s.labour.tiers[task.tier];
    text += fmt::format("  task      {:<24} {:>10} items at {:g}/h, {} ({}{})\n", task.name,
                        format_grouped(task.work.items), task.work.items_per_hour,
                        format_quantity(task.work.usd_per_hour, Dimension::kUsdPerHour),
                        label_tier_names()[static_cast<std::size_t>(task.tier)],
                        task.rate_from_catalog
                            ? fmt::format(", catalog: {}{}", rate.date,
                                          rate.from_pay ? ", pay x vendor markup" : ", billed")
                            : ", stated");
  }
  if (!s.program.tasks.empty())
    text += fmt::format("  review    +{:.0f}% of labelling hours\n", 100 * in.review_overhead);
  text += "\n";
  text += field_lines(data_output_fields(), cost);
  return text;
}

}  // namespace

std::string render_data(const DataScenario& scenario, const DataCost& cost, Format format) {
  switch (format) {
    case Format::kJson:
    case Format::kHtml:  // an HTML page is built from the JSON
      return render_json(scenario, cost);
    case Format::kCsv:
      return render_csv(cost);
    case Format::kXlsx:  // a workbook is not text: sim/report/ writes it
    case Format::kTable:
      break;
  }
  return render_table(scenario, cost);
}

}  // namespace llmb
