#include "sim/money.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace llmb {
namespace {

// Symbols and names written before or after an amount, and the currency each stands for.
struct Marker {
  std::string_view text;
  std::string_view code;
};
constexpr Marker kSymbols[] = {
    {"\xC2\xA5", "CNY"},      // ¥ (also the yen's sign; llmbudget reads it as renminbi)
    {"\xEF\xBF\xA5", "CNY"},  // full-width ￥, as Chinese text writes it
    {"\xE2\x82\xAC", "EUR"},  // €
    {"RMB", "CNY"},           // renminbi, as Chinese filings in English write it
};

bool is_upper_code(std::string_view text) {
  return text.size() == 3 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

}  // namespace

bool is_money(Dimension dimension) {
  switch (dimension) {
    case Dimension::kUsd:
    case Dimension::kUsdPerGpuHour:
    case Dimension::kUsdPerKwh:
    case Dimension::kUsdPerHour:
    case Dimension::kUsdPerMillionTokens:
      return true;
    default:
      return false;
  }
}

CurrencySplit split_currency(std::string_view text) {
  std::string_view rest = trim(text);
  std::string sign;
  if (rest.size() > 1 && rest.front() == '-') {
    sign = "-";
    rest.remove_prefix(1);
    rest = trim(rest);
  }
  // Before the number: a symbol, or a code ("CNY 312M", "EUR5M").
  for (const Marker& m : kSymbols)
    if (rest.substr(0, m.text.size()) == m.text)
      return {std::string(m.code), sign + "$" + std::string(trim(rest.substr(m.text.size())))};
  if (rest.size() > 3 && is_upper_code(rest.substr(0, 3)) &&
      !std::isalpha(static_cast<unsigned char>(rest[3])))
    return {std::string(rest.substr(0, 3)), sign + "$" + std::string(trim(rest.substr(3)))};
  // After the number, for amounts: "312M CNY", "2.96B RMB".
  if (rest.size() > 3) {
    const std::string_view tail = rest.substr(rest.size() - 3);
    const char before = rest[rest.size() - 4];
    if (is_upper_code(tail) && (before == ' ' || std::isdigit(static_cast<unsigned char>(before)) ||
                                std::string_view("kMGBT").find(before) != std::string_view::npos)) {
      const std::string code = tail == "RMB" ? "CNY" : std::string(tail);
      return {code, sign + "$" + std::string(trim(rest.substr(0, rest.size() - 3)))};
    }
  }
  return {"USD", std::string(text)};
}

WrittenMoney parse_money(std::string_view text, Dimension dimension) {
  const CurrencySplit split = split_currency(text);
  return {parse_quantity(split.dollar_text, dimension), split.currency};
}

std::string_view currency_symbol(std::string_view code) {
  if (code == "USD") return "$";
  if (code == "CNY") return "\xC2\xA5";
  if (code == "EUR") return "\xE2\x82\xAC";
  return code;
}

const ExchangeRate* ExchangeRates::find(std::string_view currency, int year) const {
  for (const ExchangeRate& r : rates)
    if (r.currency == currency && r.year == year) return &r;
  return nullptr;
}

int ExchangeRates::latest_year() const {
  std::map<std::string, std::set<int>> years;
  for (const ExchangeRate& r : rates) years[r.currency].insert(r.year);
  int latest = 0;
  if (years.empty()) return 0;
  for (int year : years.begin()->second) {
    const bool everywhere = std::all_of(
        years.begin(), years.end(), [&](const auto& entry) { return entry.second.contains(year); });
    if (everywhere) latest = std::max(latest, year);
  }
  return latest;
}

std::string ExchangeRates::coverage() const {
  std::map<std::string, std::set<int>> years;
  for (const ExchangeRate& r : rates) years[r.currency].insert(r.year);
  if (years.empty()) return "no exchange rates";
  std::string out;
  for (const auto& [code, set] : years) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}-{}", code, *set.begin(), *set.rbegin());
  }
  return out;
}

std::optional<double> usd_per_unit(const ExchangeRates& rates, std::string_view currency,
                                   int year) {
  if (currency == "USD") return 1.0;
  const ExchangeRate* rate = rates.find(currency, year);
  if (!rate) return std::nullopt;
  return 1.0 / rate->per_usd;
}

}  // namespace llmb
