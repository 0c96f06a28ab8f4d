// Money in more than one currency: "$5M", "USD 5M", "¥ 312M", "CNY 312M", "RMB 312M", "€ 5M",
// "EUR 5M", "312M CNY". The model computes in US dollars; an amount in another currency is
// converted once, in the loader, at a dated yearly-average rate from the catalog
// (scenarios/catalog/exchange_rates.yaml), so every price stays in the currency it was
// published in.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/units.h"

namespace llmb {

// True for the dimensions that hold money: amounts and prices per hour, kWh or token.
bool is_money(Dimension dimension);

// An amount as written: its number in base units of its own currency, and that currency's
// ISO 4217 code ("USD", "CNY", "EUR"; any other three capital letters are kept as written so
// that the caller can say it has no rate).
struct WrittenMoney {
  double value = 0;
  std::string currency = "USD";
};

// Parses a money quantity in any currency. Throws UnitError as parse_quantity does.
WrittenMoney parse_money(std::string_view text, Dimension dimension);

// The currency of `text` and the same amount written with "$" in its place ("¥ 312M" ->
// {"CNY", "$312M"}); {"USD", text} when it names no other currency.
struct CurrencySplit {
  std::string currency;
  std::string dollar_text;
};
CurrencySplit split_currency(std::string_view text);

// "¥" and "RMB" are CNY, "€" is EUR, "$" is USD; a code stays itself.
std::string_view currency_symbol(std::string_view code);

// One yearly-average rate: units of `currency` per US dollar.
struct ExchangeRate {
  std::string currency;
  int year = 0;
  double per_usd = 0;
  std::string source;
  std::string date;  // the period the average covers, or when it was published
};

// The catalog's rates. Empty when the catalog has no exchange_rates.yaml: then only dollar
// amounts are accepted.
struct ExchangeRates {
  std::string file;  // where they were read, for messages
  std::vector<ExchangeRate> rates;

  const ExchangeRate* find(std::string_view currency, int year) const;
  // The most recent year with a rate for every currency listed; 0 when there are none.
  int latest_year() const;
  // "CNY 2020-2024, EUR 2020-2024", for messages.
  std::string coverage() const;
};

// US dollars per unit of `currency` in `year` (1 for USD), or nullopt without a rate.
std::optional<double> usd_per_unit(const ExchangeRates& rates, std::string_view currency, int year);

}  // namespace llmb
