// Money in several currencies: how an amount names its currency, the conversion at a dated
// rate, and dollars-only parsing where no rate applies.
#include "sim/money.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/yaml/document.h"
#include "sim/yaml/fields.h"

namespace llmb {
namespace {

using ::testing::HasSubstr;

TEST(SplitCurrency, SymbolsCodesAndSuffixesNameTheirCurrency) {
  EXPECT_EQ(split_currency("\xC2\xA5 312M").currency, "CNY");  // ¥
  EXPECT_EQ(split_currency("\xC2\xA5 312M").dollar_text, "$312M");
  EXPECT_EQ(split_currency("\xEF\xBF\xA5"
                           "5/h")
                .currency,
            "CNY");  // full-width ￥
  EXPECT_EQ(split_currency("CNY 312M").currency, "CNY");
  EXPECT_EQ(split_currency("RMB 2.96B").currency, "CNY");
  EXPECT_EQ(split_currency("2.96B RMB").currency, "CNY");
  EXPECT_EQ(split_currency("2.96B RMB").dollar_text, "$2.96B");
  EXPECT_EQ(split_currency("\xE2\x82\xAC"
                           "5M")
                .currency,
            "EUR");  // €
  EXPECT_EQ(split_currency("EUR5M").dollar_text, "$5M");
  EXPECT_EQ(split_currency("-\xE2\x82\xAC"
                           "5M")
                .dollar_text,
            "-$5M");
  EXPECT_EQ(split_currency("GBP 5M").currency, "GBP");
  EXPECT_EQ(split_currency("$5M").currency, "USD");
  EXPECT_EQ(split_currency("USD 5M").dollar_text, "$5M");
  EXPECT_EQ(split_currency("5M").currency, "USD");  // no currency: parse_quantity says so
}

TEST(ParseMoney, ReadsTheNumberInItsOwnCurrencyWithUnitsAndPrefixes) {
  const WrittenMoney m = parse_money("\xC2\xA5 2.96B", Dimension::kUsd);
  EXPECT_EQ(m.currency, "CNY");
  EXPECT_DOUBLE_EQ(m.value, 2.96e9);
  EXPECT_DOUBLE_EQ(parse_money("\xC2\xA5"
                               "15/h",
                               Dimension::kUsdPerGpuHour)
                       .value,
                   15);
  EXPECT_DOUBLE_EQ(parse_money("EUR 2/Mtok", Dimension::kUsdPerMillionTokens).value, 2);
}

TEST(ParseQuantity, RefusesAnotherCurrencyWhereNoRateApplies) {
  try {
    parse_quantity("\xC2\xA5 5M", Dimension::kUsd);
    FAIL() << "no error";
  } catch (const UnitError& e) {
    EXPECT_THAT(e.what(), HasSubstr("an amount in CNY needs an exchange rate"));
  }
  EXPECT_DOUBLE_EQ(parse_quantity("USD 5M", Dimension::kUsd), 5e6);
}

ExchangeRates two_rates() {
  ExchangeRates rates;
  rates.file = "rates.yaml";
  rates.rates = {{"CNY", 2023, 7.0809, "G.5A", "2023"},
                 {"EUR", 2023, 0.92447, "G.5A", "2023"},
                 {"CNY", 2024, 7.2167, "proxy", "2024"}};
  return rates;
}

TEST(ExchangeRates, ConvertAtTheYearAskedAndSayWhatTheyCover) {
  const ExchangeRates rates = two_rates();
  // 7.0809 yuan a dollar: a yuan is 1 / 7.0809 dollars.
  EXPECT_DOUBLE_EQ(*usd_per_unit(rates, "CNY", 2023), 1 / 7.0809);
  EXPECT_DOUBLE_EQ(*usd_per_unit(rates, "USD", 1999), 1.0);
  EXPECT_FALSE(usd_per_unit(rates, "EUR", 2024).has_value());
  // 2024 lacks EUR, so the latest year both currencies have is 2023.
  EXPECT_EQ(rates.latest_year(), 2023);
  EXPECT_EQ(rates.coverage(), "CNY 2023-2024, EUR 2023-2023");
}

TEST(ExchangeRates, FieldsConvertAnAmountAndLocateACurrencyWithoutARate) {
  const ExchangeRates rates = two_rates();
  const Document doc = Document::parse(
      "cash: \xC2\xA5 708.09M\nprice: \xE2\x82\xAC 0.92447M\nbad: GBP 1M\n", "money.yaml");
  doc.use_exchange_rates(&rates, 2023);
  const Fields root(doc, doc.root(), "");
  // 708.09M yuan at 7.0809 a dollar is $100M; 0.92447M euros at 0.92447 a dollar is $1M.
  EXPECT_NEAR(root.quantity("cash", Dimension::kUsd, non_negative()), 100e6, 1e-6);
  EXPECT_NEAR(root.quantity("price", Dimension::kUsd, non_negative()), 1e6, 1e-6);
  try {
    root.quantity("bad", Dimension::kUsd, non_negative());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "money.yaml:3:6: bad: no exchange rate for GBP in 2023 (rates.yaml has CNY "
                 "2023-2024, EUR 2023-2023) (got GBP 1M)");
  }
}

TEST(ExchangeRates, ADatedCatalogPriceIsConvertedAtTheRateOfItsOwnYear) {
  const ExchangeRates rates = two_rates();
  const Document doc = Document::parse(
      "price: {value: \xC2\xA5 72.167k, source: a quote, date: 2024-05}\n", "catalog.yaml");
  doc.use_exchange_rates(&rates, 2023);
  const Fields root(doc, doc.root(), "");
  const auto price = root.optional_sourced("price", Dimension::kUsd, non_negative(), true, true);
  ASSERT_TRUE(price.has_value());
  EXPECT_NEAR(price->value, 10e3, 1e-9);  // at 2024's 7.2167, not 2023's 7.0809
}

}  // namespace
}  // namespace llmb
