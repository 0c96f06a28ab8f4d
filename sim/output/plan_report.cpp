#include "sim/output/plan_report.h"

#include <fmt/format.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "sim/schema/dotted_json.h"
#include "sim/schema/format.h"

namespace llmb {
namespace {

using Json = nlohmann::ordered_json;

std::string count(double v) {
  return format_quantity(v, Dimension::kCount);
}
std::string flop(double v) {
  return format_quantity(v, Dimension::kFlop);
}
std::string days(double seconds) {
  return format_quantity(seconds, Dimension::kTime);
}

Json law_json(const NamedLaw& named) {
  const ScalingLaw& law = named.law;
  Json j;
  j["name"] = named.name;
  j["file"] = named.file;
  j["source"] = named.source;
  if (!named.caveat.empty()) j["caveat"] = named.caveat;
  j["repeated_tokens_decay"] = law.repeated_tokens_decay;
  j["excess_params_decay"] = law.excess_params_decay;
  if (law.form == kLawKaplan) {
    j["form"] = "kaplan";
    j["N_c"] = law.n_c;
    j["D_c"] = law.d_c;
    j["alpha_N"] = law.alpha_n;
    j["alpha_D"] = law.alpha_d;
  } else {
    j["form"] = "parametric";
    j["E"] = law.e;
    j["A"] = law.a;
    j["B"] = law.b;
    j["alpha"] = law.alpha;
    j["beta"] = law.beta;
  }
  return j;
}

// The reliability model's figures for a planned run (present only when it is on).
Json reliability_json(const TrainingOutputs& run) {
  return {{"interruptions", run.interruptions},
          {"mtbf_hours", run.mtbf_s / 3600.0},
          {"ettr", run.ettr},
          {"checkpoint_interval_s", run.checkpoint_interval_s},
          {"checkpoint_write_s", run.checkpoint_write_s},
          {"productive_days", run.productive_s / 86400.0},
          {"lost_gpu_hours", run.lost_gpu_hours},
          {"lost_cloud_usd", run.lost_cloud_usd},
          {"lost_amortized_usd", run.lost_amortized_usd}};
}

Json run_json(const TrainingOutputs& run, double gpu_count, bool reliability) {
  Json j;
  j["gpu_count"] = gpu_count;
  j["wall_days"] = run.wall_s / 86400.0;
  j["gpu_hours"] = run.gpu_hours;
  j["energy_mwh"] = run.energy_kwh / 1000.0;
  j["cost"] = {{"cloud_usd", run.cost_cloud_usd},
               {"amortized_usd", run.cost_amortized_usd},
               {"amortized_hardware_usd", run.cost_amortized_hardware_usd},
               {"energy_usd", run.cost_energy_usd},
               {"purchase_cluster_usd", run.cost_purchase_cluster_usd},
               {"purchase_gpus_usd", run.cost_purchase_gpus_usd}};
  if (reliability) j["reliability"] = reliability_json(run);
  return j;
}

// Cost per training FLOP of the planned run, to put inference compute in dollars.
double usd_per_flop(const Plan& plan) {
  return plan.outputs.cost_usd / plan.outputs.optimum.flop;
}

bool data_limited(const Plan& plan) {
  return plan.request.unique_tokens.has_value();
}

bool reliability_on(const Plan& plan) {
  return plan.inputs.cluster.reliability_enabled > 0;
}

bool target_mode(const Plan& plan) {
  return plan.target_loss > 0;
}

Json optional_json(const std::optional<double>& value) {
  return value ? Json(*value) : Json(nullptr);
}

std::string render_json(const Plan& plan) {
  const PlanInputs& in = plan.inputs;
  const PlanOutputs& out = plan.outputs;
  const PlanRequest& request = plan.request;
  Json j;
  j["request"] = {{"budget_usd", optional_json(request.budget_usd)},
                  {"budget_covers", request.budget_covers},
                  {"deadline_days", in.deadline_s / 86400.0},
                  {"gpu", plan.cluster.hardware.name},
                  {"law", plan.law.name},
                  {"basis", request.basis},
                  {"mfu", in.cluster.mfu},
                  {"max_gpus", in.max_gpus},
                  {"inference_tokens", in.inference_tokens},
                  {"unique_tokens", optional_json(request.unique_tokens)},
                  {"target_loss", optional_json(request.target_loss)},
                  {"match_params", optional_json(request.match_params)}};
  j["law"] = law_json(plan.law);
  j["cluster"] = {{"gpu", plan.cluster.hardware.name},
                  {"precision", plan.cluster.precision},
                  {"peak_flop_per_s", in.cluster.peak_flop_per_s},
                  {"mfu", in.cluster.mfu},
                  {"gpus_per_server", in.gpus_per_server},
                  {"cloud_usd_per_gpu_hour", in.cluster.cloud_usd_per_gpu_hour},
                  {"gpu_price_usd", in.cluster.gpu_price_usd}};
  Json p;
  p["flops"] = out.optimum.flop;
  p["limited_by"] = target_mode(plan)              ? "target_loss"
                    : out.limited_by_deadline != 0 ? "deadline"
                                                   : "budget";
  if (target_mode(plan)) p["target_loss"] = plan.target_loss;
  p["deadline_flops"] = out.deadline_flop;
  p["params"] = out.optimum.params;
  p["tokens"] = out.optimum.tokens;
  p["tokens_per_param"] = out.optimum.tokens_per_param;
  p["loss"] = out.optimum.loss;
  p["basis_cost_usd"] = out.cost_usd;
  p["budget_multiplier"] = in.budget_multiplier;
  p["budget_spent_usd"] = out.budget_spent_usd;
  p["development_flops"] = out.optimum.flop * in.cluster.development_multiplier;
  p.update(run_json(out.run, out.gpu_count, reliability_on(plan)));
  p["meets_deadline"] = out.run.wall_s <= in.deadline_s * (1 + 1e-9);
  j["plan"] = p;
  if (data_limited(plan))
    j["data"] = {{"unique_tokens", in.unique_tokens},
                 {"epochs", out.epochs},
                 {"effective_tokens", out.effective_tokens},
                 {"unlimited_data_loss", out.unlimited_data_loss},
                 {"doubled_data_loss", out.doubled_data_loss},
                 {"best_loss_from_data", out.best_loss_from_data}};
  Json alternatives = Json::array();
  for (const PlanAlternative& alt : plan.alternatives)
    alternatives.push_back({{"params_scale", alt.params_scale},
                            {"params", alt.params},
                            {"tokens", alt.tokens},
                            {"tokens_per_param", alt.tokens_per_param},
                            {"loss", alt.loss}});
  j["alternatives"] = alternatives;
  if (in.inference_tokens > 0) {
    const InferenceOptimal& ia = out.inference_aware;
    Json k;
    k["target_loss"] = out.optimum.loss;
    k["params"] = ia.params;
    k["tokens"] = ia.tokens;
    k["training_flops"] = ia.training_flop;
    k["inference_flops"] = ia.inference_flop;
    k["total_flops"] = ia.total_flop;
    k["compute_optimal_total_flops"] = out.compute_optimal_total_flop;
    k["saving_fraction"] = out.inference_saving_fraction;
    k["usd_per_flop"] = usd_per_flop(plan);
    k.update(
        run_json(out.inference_aware_run, out.inference_aware_gpu_count, reliability_on(plan)));
    j["inference_aware"] = k;
  }
  return json_document(j);
}

std::string render_alternatives(const Plan& plan) {
  std::string text = fmt::format("\n  The same compute, other model sizes ({})\n", plan.law.name);
  text += fmt::format("    {:<10} {:>9} {:>9} {:>13} {:>8} {:>11}\n", "size", "params", "tokens",
                      "tokens/param", "loss", "vs optimum");
  const double best = plan.outputs.optimum.loss;
  for (const PlanAlternative& alt : plan.alternatives) {
    const std::string label =
        alt.params_scale == 1.0 ? "optimum" : fmt::format("{:g}x", alt.params_scale);
    text += fmt::format("    {:<10} {:>9} {:>9} {:>13.3g} {:>8.4f} {:>+11.4f}\n", label,
                        count(alt.params), count(alt.tokens), alt.tokens_per_param, alt.loss,
                        alt.loss - best);
  }
  return text;
}

std::string render_inference(const Plan& plan) {
  const PlanInputs& in = plan.inputs;
  const PlanOutputs& out = plan.outputs;
  const InferenceOptimal& ia = out.inference_aware;
  const double optimum_inference = inference_flop(out.optimum.params, in.inference_tokens);
  const double per_flop = usd_per_flop(plan);
  const double ia_cost = plan_cost_usd(in, out.inference_aware_run);
  std::string text = fmt::format(
      "\n  Serving {} tokens: the same loss ({:.4f}) at the least training plus inference compute\n"
      "  (Sardana et al. 2024; 6 N D to train, 2 N per token served)\n",
      count(in.inference_tokens), out.optimum.loss);
  text += fmt::format("    {:<24} {:>22} {:>22}\n", "", "compute-optimal", "inference-aware");
  auto row = [&](const char* label, const std::string& a, const std::string& b) {
    text += fmt::format("    {:<24} {:>22} {:>22}\n", label, a, b);
  };
  row("parameters", count(out.optimum.params), count(ia.params));
  row("training tokens", count(out.optimum.tokens), count(ia.tokens));
  row("tokens per parameter", fmt::format("{:.3g}", out.optimum.tokens_per_param),
      fmt::format("{:.3g}", ia.tokens / ia.params));
  row("training compute", flop(out.optimum.flop), flop(ia.training_flop));
  row("inference compute", flop(optimum_inference), flop(ia.inference_flop));
  row("total compute", flop(out.compute_optimal_total_flop), flop(ia.total_flop));
  row("training run",
      fmt::format("{} GPUs, {}", format_grouped(out.gpu_count), days(out.run.wall_s)),
      fmt::format("{} GPUs, {}", format_grouped(out.inference_aware_gpu_count),
                  days(out.inference_aware_run.wall_s)));
  const std::string cost_label = "training cost, " + plan.request.basis;
  row(cost_label.c_str(), format_usd(out.cost_usd), format_usd(ia_cost));
  row("total at training $/FLOP", format_usd(out.compute_optimal_total_flop * per_flop),
      format_usd(ia.total_flop * per_flop));
  text +=
      fmt::format("    saves {:.1f}% of the total compute", 100 * out.inference_saving_fraction);
  if (plan.request.budget_usd && in.budget_multiplier * ia_cost > in.budget_usd)
    text += fmt::format("; it costs the budget {} more",
                        format_usd(in.budget_multiplier * ia_cost - in.budget_usd));
  if (out.inference_aware_run.wall_s > in.deadline_s * (1 + 1e-9))
    text += fmt::format("; on at most {} GPUs it misses the deadline", format_grouped(in.max_gpus));
  text += "\n";
  return text;
}

std::string goal_text(const Plan& plan) {
  const PlanRequest& request = plan.request;
  if (!target_mode(plan)) {
    const bool development = request.budget_covers == kBudgetCoversDevelopment;
    return fmt::format(
        "{} for the {}", format_usd(plan.inputs.budget_usd),
        development ? "whole development (final run and experiments)" : "final run alone");
  }
  if (request.match_params)
    return fmt::format("the cheapest run to a loss of {:.4f} (a compute-optimal {} model's)",
                       plan.target_loss, count(*request.match_params));
  return fmt::format("the cheapest run to a loss of {:.4f}", plan.target_loss);
}

std::string render_data(const Plan& plan) {
  const PlanInputs& in = plan.inputs;
  const PlanOutputs& out = plan.outputs;
  std::string text = fmt::format(
      "\n  The data: {} unique tokens (repeats count for less, Muennighoff et al. 2023; "
      "R*_D {:.3g}, R*_N {:.3g})\n",
      count(in.unique_tokens), in.law.repeated_tokens_decay, in.law.excess_params_decay);
  auto row = [&](const char* label, const std::string& value) {
    text += fmt::format("    {:<30} {}\n", label, value);
  };
  row("epochs", fmt::format("{:.3g}", out.epochs));
  row("worth in fresh tokens",
      fmt::format("{} of the {} trained on ({:.1f}%)", count(out.effective_tokens),
                  count(out.optimum.tokens), 100 * out.effective_tokens / out.optimum.tokens));
  row("same compute, unlimited data", fmt::format("loss {:.4f} ({:+.4f})", out.unlimited_data_loss,
                                                  out.unlimited_data_loss - out.optimum.loss));
  row("same compute, twice the data", fmt::format("loss {:.4f} ({:+.4f})", out.doubled_data_loss,
                                                  out.doubled_data_loss - out.optimum.loss));
  row("best loss this data allows",
      fmt::format("{:.4f} (with any compute)", out.best_loss_from_data));
  return text;
}

std::string render_table(const Plan& plan) {
  const PlanInputs& in = plan.inputs;
  const PlanOutputs& out = plan.outputs;
  const TrainingOutputs& run = out.run;
  std::string text =
      fmt::format("Plan: {} by {} on {}, {} prices, law {}\n", goal_text(plan), days(in.deadline_s),
                  plan.cluster.hardware.name, plan.request.basis, plan.law.name);
  if (!plan.law.description.empty()) text += fmt::format("  law      {}\n", plan.law.description);
  if (!plan.law.caveat.empty()) text += fmt::format("  caveat   {}\n", plan.law.caveat);
  text += fmt::format(
      "  cluster  {} {} peak {}, MFU {:.1f}%, {}, {} per GPU, {}\n", plan.cluster.hardware.name,
      plan.cluster.precision,
      format_quantity(in.cluster.peak_flop_per_s, Dimension::kFlopPerSecond), 100 * in.cluster.mfu,
      format_quantity(in.cluster.cloud_usd_per_gpu_hour, Dimension::kUsdPerGpuHour),
      format_usd(in.cluster.gpu_price_usd),
      in.max_gpus >= kUnlimitedGpus ? std::string("no limit on GPUs")
                                    : fmt::format("at most {} GPUs", format_grouped(in.max_gpus)));
  text += "\n  The compute-optimal run\n";
  auto row = [&](const char* label, const std::string& value) {
    text += fmt::format("    {:<18} {}\n", label, value);
  };
  std::string binds;
  if (target_mode(plan))
    binds = "the least that reaches the target";
  else if (out.limited_by_deadline != 0)
    binds = fmt::format("the deadline binds: {} GPUs can do no more by then",
                        format_grouped(in.max_gpus));
  else if (in.max_gpus >= kUnlimitedGpus)
    binds = "the budget binds";
  else
    binds = fmt::format("the budget binds; {} GPUs could do {} by the deadline",
                        format_grouped(in.max_gpus), flop(out.deadline_flop));
  row("compute", fmt::format("{}  ({})", flop(out.optimum.flop), binds));
  row("model", count(out.optimum.params) + " parameters");
  row("data", fmt::format("{} tokens, {:.3g} per parameter", count(out.optimum.tokens),
                          out.optimum.tokens_per_param));
  row("predicted loss", fmt::format("{:.4f}", out.optimum.loss));
  std::string late;
  if (run.wall_s > in.deadline_s * (1 + 1e-9))
    late = fmt::format(": misses the {} deadline on at most {} GPUs", days(in.deadline_s),
                       format_grouped(in.max_gpus));
  row("cluster", fmt::format("{} x {} for {}{}", format_grouped(out.gpu_count),
                             plan.cluster.hardware.name, days(run.wall_s), late));
  row("GPU-hours", format_quantity(run.gpu_hours, Dimension::kGpuHours));
  if (reliability_on(plan))
    row("goodput",
        fmt::format("ETTR {:.1f}%: {:.0f} interruptions (MTBF {}), {} lost ({} at the cloud "
                    "rate), {} of compute; all included above",
                    100 * run.ettr, run.interruptions, days(run.mtbf_s),
                    format_quantity(run.lost_gpu_hours, Dimension::kGpuHours),
                    format_usd(run.lost_cloud_usd), days(run.productive_s)));
  else
    row("goodput",
        "no interruptions counted (reliability off; --set "
        "training.reliability.enabled=true prices them)");
  row("cost: cloud", format_usd(run.cost_cloud_usd));
  row("cost: amortized",
      fmt::format("{} (hardware value lost {}, energy {})", format_usd(run.cost_amortized_usd),
                  format_usd(run.cost_amortized_hardware_usd), format_usd(run.cost_energy_usd)));
  row("cost: purchase",
      fmt::format("{} for the cluster ({} of GPUs)", format_usd(run.cost_purchase_cluster_usd),
                  format_usd(run.cost_purchase_gpus_usd)));
  const double multiplier = in.cluster.development_multiplier;
  const std::string development =
      fmt::format("{} for development at {:.3g}x the final run's compute (Cottier et al. 2024)",
                  format_usd(out.cost_usd * multiplier), multiplier);
  if (plan.request.budget_covers == kBudgetCoversDevelopment)
    row("budget pays", development + ", final run included");
  else
    row("budget pays",
        fmt::format("{} for the final run; add {}", format_usd(out.cost_usd), development));
  if (target_mode(plan) && plan.request.budget_usd)
    row("against the budget",
        out.budget_spent_usd <= *plan.request.budget_usd
            ? fmt::format("within {} ({} left)", format_usd(*plan.request.budget_usd),
                          format_usd(*plan.request.budget_usd - out.budget_spent_usd))
            : fmt::format("{} over {}", format_usd(out.budget_spent_usd - *plan.request.budget_usd),
                          format_usd(*plan.request.budget_usd)));
  if (data_limited(plan)) text += render_data(plan);
  text += render_alternatives(plan);
  if (in.inference_tokens > 0) text += render_inference(plan);
  return text;
}

}  // namespace

std::string render_plan(const Plan& plan, Format format) {
  if (format == Format::kJson) return render_json(plan);
  return render_table(plan);
}

std::string render_plan_range(const std::vector<Plan>& plans, Format format) {
  struct Column {
    const char* key;
    const char* label;
    std::function<double(const Plan&)> value;
    std::function<std::string(double)> shown;
  };
  const auto usd = [](double v) { return format_usd(v); };
  const auto general = [](double v) { return fmt::format("{:.4g}", v); };
  std::vector<Column> columns{
      {"budget_usd", "budget", [](const Plan& p) { return p.inputs.budget_usd; }, usd},
      {"flops", "compute", [](const Plan& p) { return p.outputs.optimum.flop; }, flop},
      {"params", "params", [](const Plan& p) { return p.outputs.optimum.params; }, count},
      {"tokens", "tokens", [](const Plan& p) { return p.outputs.optimum.tokens; }, count},
      {"tokens_per_param", "tokens/param",
       [](const Plan& p) { return p.outputs.optimum.tokens_per_param; }, general},
      {"epochs", "epochs", [](const Plan& p) { return p.outputs.epochs; }, general},
      {"loss", "loss", [](const Plan& p) { return p.outputs.optimum.loss; },
       [](double v) { return fmt::format("{:.4f}", v); }},
      {"gpu_count", "GPUs", [](const Plan& p) { return p.outputs.gpu_count; },
       [](double v) { return format_grouped(v); }},
      {"wall_days", "days", [](const Plan& p) { return p.outputs.run.wall_s / 86400.0; },
       [](double v) { return fmt::format("{:.3g}", v); }},
      {"run_cost_usd", "final run", [](const Plan& p) { return p.outputs.cost_usd; }, usd},
      {"budget_spent_usd", "budget spent", [](const Plan& p) { return p.outputs.budget_spent_usd; },
       usd},
  };
  // With the reliability model on, the goodput each plan was sized with.
  if (reliability_on(plans.front()))
    columns.push_back({"ettr", "ETTR", [](const Plan& p) { return p.outputs.run.ettr; },
                       [](double v) { return fmt::format("{:.1f}%", 100 * v); }});
  // Plan inputs as axes (several GPUs, laws or deadlines): each row says which it is.
  bool axes = false;
  for (const Plan& plan : plans)
    axes = axes || plan.request.gpu != plans.front().request.gpu ||
           plan.law.name != plans.front().law.name ||
           plan.inputs.deadline_s != plans.front().inputs.deadline_s;
  const auto deadline_days = [](const Plan& p) { return p.inputs.deadline_s / 86400.0; };
  std::string text;
  if (format == Format::kJson) {
    Json rows = Json::array();
    for (const Plan& plan : plans) {
      Json row;
      if (axes) {
        row["gpu"] = plan.request.gpu;
        row["law"] = plan.law.name;
        row["deadline_days"] = deadline_days(plan);
      }
      for (const Column& c : columns) row[c.key] = c.value(plan);
      row["limited_by"] = plan.outputs.limited_by_deadline != 0 ? "deadline" : "budget";
      rows.push_back(row);
    }
    const Plan& first = plans.front();
    Json j;
    j["request"] = {{"gpu", first.cluster.hardware.name},
                    {"law", first.law.name},
                    {"basis", first.request.basis},
                    {"budget_covers", first.request.budget_covers},
                    {"deadline_days", first.inputs.deadline_s / 86400.0},
                    {"unique_tokens", optional_json(first.request.unique_tokens)}};
    j["plans"] = rows;
    return json_document(j);
  }
  if (format == Format::kCsv) {
    if (axes) text += "gpu,law,deadline_days,";
    for (std::size_t i = 0; i < columns.size(); ++i)
      text += fmt::format("{}{}", i ? "," : "", columns[i].key);
    text += ",limited_by\n";
    for (const Plan& plan : plans) {
      if (axes)
        text += fmt::format("{},{},{:.17g},", plan.request.gpu, plan.law.name, deadline_days(plan));
      for (std::size_t i = 0; i < columns.size(); ++i)
        text += fmt::format("{}{:.17g}", i ? "," : "", columns[i].value(plan));
      text += plan.outputs.limited_by_deadline != 0 ? ",deadline\n" : ",budget\n";
    }
    return text;
  }
  const Plan& first = plans.front();
  const char* covers =
      first.request.budget_covers == kBudgetCoversDevelopment ? "whole development" : "final run";
  if (axes)
    text = fmt::format("What each plan buys: {} prices, budget for the {}\n", first.request.basis,
                       covers);
  else
    text = fmt::format("What each budget buys: {} by {}, {} prices, law {}, budget for the {}\n",
                       first.cluster.hardware.name, days(first.inputs.deadline_s),
                       first.request.basis, first.law.name, covers);
  if (first.request.unique_tokens)
    text += fmt::format("  {} unique tokens\n", count(*first.request.unique_tokens));
  std::string header = " ";
  if (axes) header += fmt::format(" {:<12} {:<12} {:>8}", "GPU", "law", "deadline");
  for (const Column& c : columns) header += fmt::format(" {:>13}", c.label);
  text += header + "\n";
  for (const Plan& plan : plans) {
    std::string line = " ";
    if (axes)
      line += fmt::format(" {:<12} {:<12} {:>8}", plan.request.gpu, plan.law.name,
                          fmt::format("{:g}d", deadline_days(plan)));
    for (const Column& c : columns) line += fmt::format(" {:>13}", c.shown(c.value(plan)));
    if (plan.outputs.limited_by_deadline != 0) line += "  (deadline binds)";
    text += line + "\n";
  }
  return text;
}

}  // namespace llmb
