#include "sim/company/tornado.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace llmb {
namespace {

using ::testing::HasSubstr;

const Catalog& catalog() {
  static const Catalog loaded = load_catalog(LLMB_SOURCE_DIR "/scenarios/catalog");
  return loaded;
}

// No revenue: the funding needed is every cost over the horizon. Per month: 10 x $300k / 12 +
// 2 x $100k / 12 + $10k = $276,667; over 24 months $6.64M.
const char* const kCostsOnly = R"(name: costs only
horizon_months: 24
other_costs: {per_month: $10k}
people:
  - role: researchers
    loaded_cost_per_year: $300k
    hiring: [{month: 0, headcount: 10}]
  - role: operations
    loaded_cost_per_year: $100k
    hiring: [{month: 0, headcount: 2}]
)";

Tornado tornado_of(const char* text, const char* by = "funding_needed") {
  return company_tornado(Document::parse(text, "costs.yaml"), catalog(), 0.2,
                         find_tornado_outcome(by, "--by"));
}

TEST(CompanyTornado, RanksTheInputsOfAKnownCaseByTheirSwing) {
  const Tornado t = tornado_of(kCostsOnly);
  EXPECT_NEAR(t.base_outcome, 24 * (3e6 / 12 + 2e5 / 12 + 1e4), 1e-6);
  ASSERT_EQ(t.bars.size(), 6u);
  // The horizon, 24 months moved to 19.2 and 28.8, rounded to 19 and 29: 10 months of burn.
  EXPECT_EQ(t.bars[0].path, "horizon_months");
  EXPECT_EQ(t.bars[0].low_value, 19);
  EXPECT_NEAR(t.bars[0].swing, 10 * (3e6 / 12 + 2e5 / 12 + 1e4), 1e-6);
  // The researchers' cost and headcount, 40% of $3M a year for two years each: $2.4M, tied,
  // in path order.
  EXPECT_EQ(t.bars[1].path, "people[0].hiring[0].headcount");
  EXPECT_EQ(t.bars[2].path, "people[0].loaded_cost_per_year");
  EXPECT_NEAR(t.bars[1].swing, 2.4e6, 1e-6);
  EXPECT_NEAR(t.bars[2].swing, 2.4e6, 1e-6);
  // Operations: 40% of $200k a year for two years, $160k each; the overhead 40% of $240k.
  EXPECT_NEAR(t.bars[3].swing, 1.6e5, 1e-6);
  EXPECT_NEAR(t.bars[4].swing, 1.6e5, 1e-6);
  EXPECT_EQ(t.bars[5].path, "other_costs.per_month");
  EXPECT_NEAR(t.bars[5].swing, 0.4 * 24 * 1e4, 1e-6);
}

TEST(CompanyTornado, InputsAtZeroDoNotMoveAndTheBaseOutcomeIsTheFilesOwn) {
  // The hiring months are 0: 20% of nothing is nothing.
  for (const TornadoBar& bar : tornado_of(kCostsOnly).bars)
    EXPECT_EQ(bar.path.find(".month"), std::string::npos) << bar.path;
}

TEST(CompanyTornado, AnInputTheModelRefusesOnceMovedIsListedNotRanked) {
  std::string text = kCostsOnly;
  text += "option_pool: 90%\n";  // 108% once moved up
  const Tornado t = tornado_of(text.c_str());
  ASSERT_EQ(t.refused.size(), 1u);
  EXPECT_THAT(t.refused[0], HasSubstr("costs.yaml:11:14: option_pool: must be at most 0.99"));
}

TEST(CompanyTornado, UnknownOutcomeIsACommandLineErrorWithASuggestion) {
  try {
    find_tornado_outcome("funding_neded", "--by");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("--by: must be one of funding_needed"));
    EXPECT_THAT(e.what(), HasSubstr("(did you mean \"funding_needed\"?)"));
  }
}

}  // namespace
}  // namespace llmb
