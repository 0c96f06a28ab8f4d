#include "sim/data/data_program.h"

#include <fmt/format.h>

#include "sim/yaml/did_you_mean.h"
#include "sim/yaml/input_limits.h"

namespace llmb {
namespace {

// Limits that catch unit slips and typos, not ambition.
constexpr double kMaxUsdPerMillionTokens = 1e6;
constexpr double kMaxFlopPerToken = 1e15;
constexpr double kMaxFlopPerSecond = 1e17;
constexpr double kMaxItems = 1e13;
constexpr double kMaxItemsPerHour = 1e6;
constexpr double kMaxUsdPerHour = 1e4;
constexpr double kMaxReviewOverhead = 10;

int tier_index(const Fields& fields, std::string_view key, const std::string& name) {
  const auto& names = label_tier_names();
  for (std::size_t t = 0; t < names.size(); ++t)
    if (names[t] == name) return static_cast<int>(t);
  fields.fail(key,
              "unknown tier; the tiers are crowd, generalist, expert" + did_you_mean(name, names),
              name);
}

// items, items_per_hour and usd_per_hour (default: the tier's catalog rate).
LabelTask read_task(const Fields& f, int tier, std::string name, const LabourCatalog& labour) {
  LabelTask task;
  task.name = std::move(name);
  task.tier = tier;
  task.work.items = f.quantity("items", Dimension::kCount, non_negative(kMaxItems));
  task.work.items_per_hour =
      f.quantity("items_per_hour", Dimension::kDimensionless, positive(kMaxItemsPerHour));
  const auto rate =
      f.optional_quantity("usd_per_hour", Dimension::kUsdPerHour, positive(kMaxUsdPerHour));
  task.rate_from_catalog = !rate;
  task.work.usd_per_hour = rate ? *rate : labour.tiers[tier].usd_per_hour;
  return task;
}

std::vector<LabelTask> read_labelling(const Fields& program, const LabourCatalog& labour) {
  std::vector<LabelTask> tasks;
  const YAML::Node node = program.node("labelling");
  if (!node) return tasks;
  if (node.IsSequence()) {
    if (node.size() == 0) program.fail("labelling", "expected a list of tasks", "an empty list");
    for (std::size_t i = 0; i < node.size(); ++i) {
      const Fields f(program.document(), node[i],
                     program.key_path(fmt::format("labelling[{}]", i)));
      const int tier = tier_index(f, "tier", f.text("tier"));
      const std::string name = f.optional_text("task").value_or(label_tier_names()[tier]);
      tasks.push_back(read_task(f, tier, name, labour));
      f.reject_unknown({"tier", "task", "items", "items_per_hour", "usd_per_hour"});
    }
    return tasks;
  }
  const Fields by_tier = program.child("labelling");
  for (const auto& name : by_tier.keys()) {
    const int tier = tier_index(by_tier, name, name);
    const Fields f = by_tier.child(name);
    tasks.push_back(read_task(f, tier, name, labour));
    f.reject_unknown({"items", "items_per_hour", "usd_per_hour"});
  }
  by_tier.reject_unknown(label_tier_names());
  return tasks;
}

// Tasks of one tier add up: their items, their hours, and their dollars, so that the tier's
// pace is items / hours and its rate dollars / hours.
void merge_tasks(const std::vector<LabelTask>& tasks, DataInputs& in) {
  double hours[kLabelTiers] = {0, 0, 0};
  double usd[kLabelTiers] = {0, 0, 0};
  for (const auto& task : tasks) {
    LabelTier& tier = in.tiers[task.tier];
    const double task_hours = task.work.items / task.work.items_per_hour;
    tier.items += task.work.items;
    hours[task.tier] += task_hours;
    usd[task.tier] += task_hours * task.work.usd_per_hour;
    // A tier's pace and rate while it has no items: the last task's, so that they stay valid.
    tier.items_per_hour = task.work.items_per_hour;
    tier.usd_per_hour = task.work.usd_per_hour;
  }
  for (int t = 0; t < kLabelTiers; ++t) {
    if (hours[t] <= 0) continue;
    in.tiers[t].items_per_hour = in.tiers[t].items / hours[t];
    in.tiers[t].usd_per_hour = usd[t] / hours[t];
  }
}

}  // namespace

DataProgram read_data_program(const Fields& program, const std::vector<std::string>& caller_keys,
                              const LabourCatalog& labour) {
  DataProgram out;
  DataInputs& in = out.inputs;
  if (auto licensed = program.optional_child("licensed")) {
    in.licensed_tokens =
        licensed->quantity("tokens", Dimension::kCount, non_negative(limits::kMaxTokens));
    in.usd_per_million_licensed_tokens = licensed->quantity(
        "price", Dimension::kUsdPerMillionTokens, non_negative(kMaxUsdPerMillionTokens));
    licensed->reject_unknown({"tokens", "price"});
  }
  if (auto cleaning = program.optional_child("cleaning")) {
    in.cleaning_tokens =
        cleaning->quantity("tokens", Dimension::kCount, non_negative(limits::kMaxTokens));
    in.cleaning_flop_per_token =
        cleaning->quantity("flop_per_token", Dimension::kFlop, positive(kMaxFlopPerToken));
    in.cleaning_flop_per_s_per_gpu = cleaning->quantity(
        "throughput_per_gpu", Dimension::kFlopPerSecond, positive(kMaxFlopPerSecond));
    in.cleaning_usd_per_gpu_hour = cleaning->quantity("usd_per_gpu_hour", Dimension::kUsdPerGpuHour,
                                                      positive(limits::kMaxCloudUsdPerHour));
    cleaning->reject_unknown(
        {"tokens", "flop_per_token", "throughput_per_gpu", "usd_per_gpu_hour"});
  }
  out.tasks = read_labelling(program, labour);
  merge_tasks(out.tasks, in);
  in.review_overhead = program
                           .optional_quantity("review_overhead", Dimension::kDimensionless,
                                              non_negative(kMaxReviewOverhead))
                           .value_or(0);
  std::vector<std::string> known{"licensed", "cleaning", "labelling", "review_overhead"};
  known.insert(known.end(), caller_keys.begin(), caller_keys.end());
  program.reject_unknown(known);
  return out;
}

DataInputs load_data_program(const Fields& program, const std::vector<std::string>& caller_keys,
                             const Catalog& catalog) {
  return read_data_program(program, caller_keys, load_labour_catalog(catalog.directory)).inputs;
}

DataInputs load_data_program(const Fields& program, const std::vector<std::string>& caller_keys) {
  return read_data_program(program, caller_keys, load_labour_catalog(default_catalog_directory()))
      .inputs;
}

}  // namespace llmb
