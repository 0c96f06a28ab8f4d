#include "sim/scaling/plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/input_error.h"
#include "sim/output/plan_report.h"

namespace llmb {
namespace {

using ::testing::HasSubstr;

constexpr double kDay = 86400.0;

const Catalog& catalog() {
  static const Catalog loaded = load_catalog(LLMB_SOURCE_DIR "/scenarios/catalog");
  return loaded;
}

// $5M for the final run and 60 days on A100-80GB (312 TFLOP/s bf16) at 50% MFU, rented at $2
// per GPU-hour.
PlanRequest five_million_dollars() {
  PlanRequest r;
  r.budget_usd = 5e6;
  r.deadline_s = 60 * kDay;
  r.gpu = "A100-80GB";
  r.law = "chinchilla";
  r.mfu = 0.5;
  r.overrides = {"cost.cloud_usd_per_gpu_hour=$2/h"};
  r.budget_covers = kBudgetCoversRun;
  return r;
}

std::string plan_error(const PlanRequest& request) {
  try {
    make_plan(request, catalog());
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(MakePlan, FiveMillionDollarsOnRentedA100sByHand) {
  // $5M / $2 per GPU-hour = 2.5M GPU-hours; each delivers 312e12 x 0.5 x 3600 = 5.616e17
  // FLOPs, so the budget buys 1.404e24 FLOPs. One GPU does 312e12 x 0.5 x 60 days =
  // 8.087e20 by the deadline: 1,736.1 GPUs, rounded up to 218 servers of 8 = 1,744.
  const Plan plan = make_plan(five_million_dollars(), catalog());
  const PlanOutputs& out = plan.outputs;
  EXPECT_NEAR(out.optimum.flop, 1.404e24, 1.404e24 * 1e-9);
  EXPECT_EQ(out.limited_by_deadline, 0);
  EXPECT_EQ(out.gpu_count, 1744);
  EXPECT_NEAR(out.run.wall_s / kDay, 1.404e24 / (1744 * 312e12 * 0.5) / kDay, 1e-6);
  EXPECT_NEAR(out.run.cost_cloud_usd, 5e6, 1.0);
  // Chinchilla's approach 3 at 1.404e24: G = (0.34 x 406.4 / (0.28 x 410.7))^(1/0.62) = 1.3448,
  // N* = G (C/6)^(0.28/0.62) = 4.6e10, D* = C / (6 N*) = 5.1e11.
  const double g = std::pow(0.34 * 406.4 / (0.28 * 410.7), 1 / 0.62);
  const double params = g * std::pow(1.404e24 / 6, 0.28 / 0.62);
  EXPECT_NEAR(out.optimum.params, params, params * 1e-6);
  EXPECT_NEAR(out.optimum.tokens, 1.404e24 / (6 * params), 1.404e24 / (6 * params) * 1e-6);
}

TEST(MakePlan, CostsTheRunThreeWaysAsTheTrainingModelDoes) {
  const Plan plan = make_plan(five_million_dollars(), catalog());
  TrainingInputs in = plan.cluster.inputs;
  in.params = in.flop_params = plan.outputs.optimum.params;
  in.tokens = plan.outputs.optimum.tokens;
  in.gpu_count = plan.outputs.gpu_count;
  const TrainingOutputs run = evaluate_training(in);
  EXPECT_DOUBLE_EQ(plan.outputs.run.cost_cloud_usd, run.cost_cloud_usd);
  EXPECT_DOUBLE_EQ(plan.outputs.run.cost_amortized_usd, run.cost_amortized_usd);
  EXPECT_DOUBLE_EQ(plan.outputs.run.cost_purchase_cluster_usd, run.cost_purchase_cluster_usd);
}

TEST(MakePlan, AlternativesLoseToTheOptimumAtTheSameCompute) {
  const Plan plan = make_plan(five_million_dollars(), catalog());
  ASSERT_EQ(plan.alternatives.size(), 5u);
  for (const PlanAlternative& alt : plan.alternatives) {
    EXPECT_NEAR(6 * alt.params * alt.tokens, plan.outputs.optimum.flop,
                plan.outputs.optimum.flop * 1e-12);
    if (alt.params_scale == 1.0)
      EXPECT_DOUBLE_EQ(alt.loss, plan.outputs.optimum.loss);
    else
      EXPECT_GT(alt.loss, plan.outputs.optimum.loss) << alt.params_scale << "x";
  }
}

TEST(MakePlan, TwoTrillionServedTokensShrinkTheModel) {
  PlanRequest request = five_million_dollars();
  request.inference_tokens = 2e12;
  const Plan plan = make_plan(request, catalog());
  EXPECT_LT(plan.outputs.inference_aware.params, plan.outputs.optimum.params);
  EXPECT_GT(plan.outputs.inference_saving_fraction, 0);
  const std::string table = render_plan(plan, Format::kTable);
  EXPECT_THAT(table, HasSubstr("inference-aware"));
  EXPECT_THAT(render_plan(plan, Format::kJson), HasSubstr("\"inference_aware\""));
}

TEST(MakePlan, AmortizedBasisSpendsTheBudgetOnOwnedHardware) {
  PlanRequest request = five_million_dollars();
  request.basis = "amortized";
  const Plan plan = make_plan(request, catalog());
  // Not always to the dollar: one more server of compute would lose more value than the
  // money left, so the plan stops just short of the budget.
  EXPECT_LE(plan.outputs.run.cost_amortized_usd, 5e6);
  EXPECT_GT(plan.outputs.run.cost_amortized_usd, 5e6 * (1 - 1e-3));
  EXPECT_GT(plan.outputs.optimum.flop, 1.404e24);  // owning is cheaper than renting at $2/h
}

TEST(MakePlan, UnknownGpuIsACommandLineError) {
  PlanRequest request = five_million_dollars();
  request.gpu = "A100-80G";
  EXPECT_THAT(plan_error(request),
              HasSubstr("command line:1:1: --gpu: unknown GPU; the catalog has"));
  EXPECT_THAT(plan_error(request), HasSubstr("(did you mean \"A100-80GB\"?) (got A100-80G)"));
}

TEST(MakePlan, UnknownBasisIsACommandLineError) {
  PlanRequest request = five_million_dollars();
  request.basis = "owned";
  EXPECT_EQ(plan_error(request),
            "command line:1:1: --basis: must be cloud or amortized (got owned)");
}

TEST(MakePlan, ABudgetThatBuysNothingIsRejected) {
  PlanRequest request = five_million_dollars();
  request.budget_usd = 1e-4;
  EXPECT_THAT(plan_error(request), HasSubstr("command line:1:1: --budget: buys only"));
}

TEST(MakePlan, ADeadlineThatBuysNothingIsRejected) {
  PlanRequest request = five_million_dollars();
  // One GPU for a tenth of a second: 312e12 x 0.5 x 0.1 = 1.56e13 FLOPs, a 0.86M-parameter model.
  request.deadline_s = 0.1;
  request.max_gpus = 1;
  EXPECT_THAT(plan_error(request), HasSubstr("command line:1:1: --deadline: buys only"));
}

TEST(MakePlan, SetMayNotTouchWhatThePlannerChooses) {
  PlanRequest request = five_million_dollars();
  request.overrides = {"hardware.count=64"};
  EXPECT_THAT(plan_error(request), HasSubstr("--set:1:1: hardware.count: chosen by the planner"));
}

TEST(MakePlan, BadSetValueIsReportedAtThatSet) {
  PlanRequest request = five_million_dollars();
  request.overrides = {"cost.cloud_usd_per_gpu_hour=2 TFLOP/s"};
  EXPECT_THAT(plan_error(request), HasSubstr("--set:1:1: cost.cloud_usd_per_gpu_hour:"));
}

TEST(MakePlan, TheDefaultLawIsEpochsRefitAndTheBudgetPaysForTheDevelopment) {
  const PlanRequest defaults;
  EXPECT_EQ(defaults.law, "epoch");
  EXPECT_EQ(defaults.budget_covers, kBudgetCoversDevelopment);
}

TEST(MakePlan, ADevelopmentBudgetLeavesTheFinalRunItsShareOnly) {
  // The catalog's development multiplier is 2.2 (Cottier et al. 2024): of $5M the final run
  // gets $5M / 2.2 = $2.27M, hence 2.27M / $2 per GPU-h x 5.616e17 FLOP per GPU-h.
  PlanRequest request = five_million_dollars();
  request.budget_covers = kBudgetCoversDevelopment;
  const Plan plan = make_plan(request, catalog());
  EXPECT_DOUBLE_EQ(plan.inputs.budget_multiplier, 2.2);
  EXPECT_NEAR(plan.outputs.run.cost_cloud_usd, 5e6 / 2.2, 1.0);
  EXPECT_NEAR(plan.outputs.budget_spent_usd, 5e6, 2.2);
  EXPECT_NEAR(plan.outputs.optimum.flop, 5e6 / 2.2 / 2 * 5.616e17, 1e24 * 1e-6);
  EXPECT_THAT(render_plan(plan, Format::kTable), HasSubstr("for the whole development"));
}

TEST(MakePlan, UniqueTokensLimitTheDataAndCostLoss) {
  PlanRequest request = five_million_dollars();
  request.law = "epoch";
  const Plan free = make_plan(request, catalog());
  request.unique_tokens = 100e9;
  const Plan limited = make_plan(request, catalog());
  const PlanOutputs& out = limited.outputs;
  EXPECT_DOUBLE_EQ(out.optimum.flop, free.outputs.optimum.flop);  // money buys the same compute
  EXPECT_DOUBLE_EQ(out.epochs, out.optimum.tokens / 100e9);
  EXPECT_GT(out.epochs, 4);
  EXPECT_GT(out.optimum.loss, free.outputs.optimum.loss);
  EXPECT_DOUBLE_EQ(out.unlimited_data_loss, free.outputs.optimum.loss);
  EXPECT_LT(out.doubled_data_loss, out.optimum.loss);
  EXPECT_GT(out.doubled_data_loss, out.unlimited_data_loss);
  EXPECT_LT(out.best_loss_from_data, out.optimum.loss);
  EXPECT_LT(out.effective_tokens, out.optimum.tokens);
  EXPECT_THAT(render_plan(limited, Format::kTable), HasSubstr("100B unique tokens"));
  EXPECT_THAT(render_plan(limited, Format::kJson), HasSubstr("\"epochs\""));
}

TEST(MakePlan, MatchPlansTheComputeOptimalModelOfThatSize) {
  PlanRequest request = five_million_dollars();
  request.law = "epoch";
  request.budget_usd.reset();
  request.match_params = 30e9;
  const Plan plan = make_plan(request, catalog());
  // The cheapest way to a compute-optimal 30B's loss is that model: N = 30B, D = D*(30B).
  EXPECT_NEAR(plan.outputs.optimum.params, 30e9, 30e9 * 1e-6);
  const double tokens = compute_optimal_tokens_for_params(plan.law.law, 30e9);
  EXPECT_NEAR(plan.outputs.optimum.tokens, tokens, tokens * 1e-6);
  EXPECT_NEAR(plan.target_loss, predicted_loss(plan.law.law, 30e9, tokens), 1e-12);
}

TEST(MakePlan, ATargetWithInferenceTokensSavesLifetimeCompute) {
  PlanRequest request = five_million_dollars();
  request.law = "epoch";
  request.match_params = 30e9;
  request.inference_tokens = 10e12;
  const Plan plan = make_plan(request, catalog());
  EXPECT_LT(plan.outputs.inference_aware.params, 30e9);
  EXPECT_GT(plan.outputs.inference_saving_fraction, 0.2);
}

TEST(MakePlan, ATargetAtOrBelowTheIrreducibleLossIsRejected) {
  PlanRequest request = five_million_dollars();
  request.law = "epoch";
  request.target_loss = 1.8;
  EXPECT_THAT(plan_error(request),
              HasSubstr("command line:1:1: --target-loss: at or below the irreducible loss of "
                        "law epoch (1.8172)"));
}

TEST(MakePlan, ATargetTheUniqueDataCannotReachIsRejected) {
  PlanRequest request = five_million_dollars();
  request.law = "epoch";
  request.target_loss = 1.9;
  request.unique_tokens = 1e9;
  EXPECT_THAT(plan_error(request),
              HasSubstr("--target-loss: 1B unique tokens reach at best a loss of"));
}

TEST(MakePlan, TargetLossAndMatchTogetherAreRejected) {
  PlanRequest request = five_million_dollars();
  request.target_loss = 2.1;
  request.match_params = 7e9;
  EXPECT_THAT(plan_error(request), HasSubstr("--match: give --target-loss or --match, not both"));
}

TEST(MakePlan, NoBudgetAndNoTargetIsRejected) {
  PlanRequest request = five_million_dollars();
  request.budget_usd.reset();
  EXPECT_THAT(plan_error(request), HasSubstr("--budget: missing: give a budget such as '$5M'"));
}

TEST(MakePlanRange, EndsAreExactAndLossFallsAsTheBudgetGrows) {
  const std::vector<Plan> plans = make_plan_range(five_million_dollars(), 1e6, 1e8, 5, catalog());
  ASSERT_EQ(plans.size(), 5u);
  EXPECT_EQ(plans.front().inputs.budget_usd, 1e6);
  EXPECT_EQ(plans.back().inputs.budget_usd, 1e8);
  EXPECT_NEAR(plans[2].inputs.budget_usd, 1e7, 1e-3);
  for (std::size_t i = 1; i < plans.size(); ++i)
    EXPECT_LT(plans[i].outputs.optimum.loss, plans[i - 1].outputs.optimum.loss);
  EXPECT_THAT(render_plan_range(plans, Format::kCsv), HasSubstr("budget_usd,flops,params"));
}

TEST(MakePlanRange, ALowerEndAboveTheUpperIsRejected) {
  try {
    make_plan_range(five_million_dollars(), 1e8, 1e6, 5, catalog());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("--budget-range: the lower end must be below the upper end"));
  }
}

TEST(MakePlan, ReliabilityGivesEachPlannedRunItsOwnCheckpointAndStorage) {
  // With the reliability model on, the checkpoint is the catalog's bytes per parameter of the
  // planned model and the storage its bandwidth per GPU times the planned cluster, not the
  // placeholder scenario's; the run still meets the deadline, with ETTR below 1.
  PlanRequest request = five_million_dollars();
  request.overrides.push_back("training.reliability.enabled=true");
  const Plan plan = make_plan(request, catalog());
  const ReliabilityDefaults& d = catalog().reliability;
  const PlanOutputs& out = plan.outputs;
  EXPECT_NEAR(out.run.checkpoint_write_s,
              out.optimum.params * d.checkpoint_bytes_per_param.value /
                  (d.write_bytes_per_s_per_gpu.value * out.gpu_count),
              1e-9);
  EXPECT_LT(out.run.ettr, 1);
  EXPECT_GT(out.run.interruptions, 0);
  EXPECT_LE(out.run.wall_s, request.deadline_s);
  EXPECT_LE(out.cost_usd, 5e6);
  // The same budget buys less compute than with the cluster that never stops.
  EXPECT_LT(out.optimum.flop, make_plan(five_million_dollars(), catalog()).outputs.optimum.flop);
}

TEST(MakePlan, ACheckpointSizeGivenByHandStaysTheTotal) {
  PlanRequest request = five_million_dollars();
  request.overrides.push_back("training.reliability.enabled=true");
  request.overrides.push_back("training.reliability.checkpoint_size=1TB");
  request.overrides.push_back("training.reliability.write_bandwidth=10GB/s");
  const Plan plan = make_plan(request, catalog());
  // 1 TB at 10 GB/s = 100 s, whatever the model and the cluster.
  EXPECT_NEAR(plan.outputs.run.checkpoint_write_s, 100, 1e-9);
}

}  // namespace
}  // namespace llmb
