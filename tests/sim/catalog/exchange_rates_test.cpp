// The bundled exchange-rate table: every rate has its source and period, and the ones from the
// Federal Reserve's G.5A release match it.
#include "sim/catalog/exchange_rates.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/catalog/catalog.h"

namespace llmb {
namespace {

const Catalog& catalog() {
  static const Catalog loaded = load_catalog(LLMB_SOURCE_DIR "/scenarios/catalog");
  return loaded;
}

TEST(BundledExchangeRates, EveryRateNamesItsSourceAndPeriod) {
  const ExchangeRates& rates = catalog().exchange_rates;
  ASSERT_GE(rates.rates.size(), 10u);
  for (const ExchangeRate& r : rates.rates) {
    EXPECT_FALSE(r.source.empty()) << r.currency << " " << r.year;
    EXPECT_EQ(r.date.substr(0, 4), std::to_string(r.year)) << r.currency;
  }
  EXPECT_EQ(rates.latest_year(), 2024);
}

TEST(BundledExchangeRates, MatchTheFederalReserveAnnualAverages) {
  // Federal Reserve Board, G.5A (release of 2024-02-01): yuan per dollar, dollars per euro.
  const ExchangeRates& rates = catalog().exchange_rates;
  EXPECT_EQ(rates.find("CNY", 2022)->per_usd, 6.7290);
  EXPECT_EQ(rates.find("CNY", 2023)->per_usd, 7.0809);
  EXPECT_NEAR(1 / rates.find("EUR", 2023)->per_usd, 1.0817, 1e-4);
  EXPECT_NEAR(1 / rates.find("EUR", 2022)->per_usd, 1.0534, 1e-4);
}

TEST(BundledExchangeRates, ADirectoryWithoutATableReadsDollarsOnly) {
  const ExchangeRates none = load_exchange_rates("/nonexistent/exchange_rates.yaml");
  EXPECT_TRUE(none.rates.empty());
  EXPECT_EQ(none.latest_year(), 0);
}

}  // namespace
}  // namespace llmb
