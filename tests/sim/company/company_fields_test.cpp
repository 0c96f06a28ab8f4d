// The monthly table's columns: one per CompanyMonth field, in struct order, money marked as such.
#include "sim/company/company_fields.h"

#include <gtest/gtest.h>

#include <cstring>

#include "sim/company/load_company.h"
#include "sim/company/simulated_company.h"
#include "tests/sim/sweep/sweep_fixtures.h"

namespace llmb {
namespace {

TEST(CompanyMonthFields, EachReadsItsOwnMemberInStructOrder) {
  // A month whose i-th double is i: field i must read i.
  double values[kCompanyMonthFields];
  for (int i = 0; i < kCompanyMonthFields; ++i) values[i] = i;
  CompanyMonth month;
  static_assert(sizeof(month) == sizeof(values));
  std::memcpy(&month, values, sizeof(values));
  const auto fields = company_month_fields();
  ASSERT_EQ(static_cast<int>(fields.size()), kCompanyMonthFields);
  for (std::size_t i = 0; i < fields.size(); ++i)
    EXPECT_EQ(fields[i].base_value(month), static_cast<double>(i)) << fields[i].key;
}

TEST(CompanyMonthFields, DollarsAreTheKeysThatSayUsd) {
  for (const CompanyMonthField& f : company_month_fields())
    EXPECT_EQ(f.dimension == Dimension::kUsd, f.key.find("_usd") != std::string_view::npos)
        << f.key;
}

// The categories are the whole spend: they add up to the months' costs.
TEST(CompanySpendFields, AddUpToTheCostsOfEveryMonth) {
  for (const char* file : {"general_model.yaml", "vertical_model.yaml", "application.yaml"}) {
    const SimulatedCompany s = simulate(load_company_file(
        test::kSourceDir + "/scenarios/companies/" + file, {}, test::bundled_catalog()));
    double categories = 0, months = 0;
    for (const CompanyOutcomeField& f : company_spend_fields())
      categories += f.base_value(s.outcome);
    for (const CompanyMonth& m : s.months) months += m.costs_usd;
    EXPECT_NEAR(categories, months, 1e-9 * months) << file;
  }
}

TEST(MoneyKey, RenamesTheCurrencyOfAnAmountOnly) {
  EXPECT_EQ(money_key("cash_usd", "CNY"), "cash_cny");
  EXPECT_EQ(money_key("cash_p10_usd", "EUR"), "cash_p10_eur");
  EXPECT_EQ(money_key("revenue_at_end_usd_per_month", "CNY"), "revenue_at_end_cny_per_month");
  EXPECT_EQ(money_key("headcount", "CNY"), "headcount");
}

}  // namespace
}  // namespace llmb
