// `llmbudget run` with training.reliability: off gives today's bytes, the Monte Carlo option.
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_harness.h"

namespace llmb::cli_test {
namespace {

using ::testing::HasSubstr;

class ReliabilityCli : public Cli {};

const std::string kPlain = "scenarios/examples/gpt3_on_a100.yaml";
const std::string kReliable = "scenarios/examples/reliability_405b_h100.yaml";

TEST_F(ReliabilityCli, SetEnabledFalseGivesTodaysAnswerExactly) {
  const Result plain = run({"run", kPlain, "--format", "json"});
  const Result off =
      run({"run", kPlain, "--format", "json", "--set", "training.reliability.enabled=false",
           "--set", "training.reliability.failures_per_1000_node_days=50"});
  ASSERT_EQ(plain.exit_code, kExitOk) << plain.err;
  ASSERT_EQ(off.exit_code, kExitOk) << off.err;
  const auto a = nlohmann::json::parse(plain.out);
  auto b = nlohmann::json::parse(off.out);
  // Only the failure-rate input differs; every output is the same number.
  b["model_inputs"]["failures_per_node_s"] = a["model_inputs"]["failures_per_node_s"];
  EXPECT_EQ(a, b);
  EXPECT_EQ(a["reliability"]["ettr"], 1.0);
  const Result on =
      run({"run", kPlain, "--format", "json", "--set", "training.reliability.enabled=true"});
  ASSERT_EQ(on.exit_code, kExitOk) << on.err;
  const auto c = nlohmann::json::parse(on.out);
  EXPECT_GT(c["wall_days"].get<double>(), a["wall_days"].get<double>());
  EXPECT_GT(c["reliability"]["interruptions"].get<double>(), 0);
  EXPECT_LT(c["reliability"]["ettr"].get<double>(), 1);
}

TEST_F(ReliabilityCli, MonteCarloIsTheSameOnOneAndTwoThreads) {
  const Result one = run({"run", kReliable, "--reliability-samples", "2000", "--seed", "5",
                          "--threads", "1", "--format", "json"});
  const Result two = run({"run", kReliable, "--reliability-samples", "2000", "--seed", "5",
                          "--threads", "2", "--format", "json"});
  ASSERT_EQ(one.exit_code, kExitOk) << one.err;
  EXPECT_EQ(one.out, two.out);
  const auto j = nlohmann::json::parse(one.out);
  const auto& mc = j["reliability_monte_carlo"];
  EXPECT_EQ(mc["samples"], 2000);
  // The sampled mean within four standard errors of the closed form.
  EXPECT_NEAR(mc["wall_days"]["mean"].get<double>(), j["wall_days"].get<double>(),
              4 * mc["wall_days"]["standard_error"].get<double>());
  EXPECT_LE(mc["lost_gpu_hours"]["p10"].get<double>(), mc["lost_gpu_hours"]["p90"].get<double>());
  const Result table = run({"run", kReliable, "--reliability-samples", "100"});
  EXPECT_THAT(table.out, HasSubstr("Monte Carlo of the interruptions"));
}

TEST_F(ReliabilityCli, MonteCarloWithReliabilityOffIsAnInputError) {
  const Result r = run({"run", kPlain, "--reliability-samples", "100"});
  EXPECT_EQ(r.exit_code, kExitInput);
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, HasSubstr("training.reliability.enabled"));
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace llmb::cli_test
