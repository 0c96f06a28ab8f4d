#include "sim/output/company_parts.h"

#include <fmt/format.h>

#include <cmath>

#include "sim/company/company_fields.h"
#include "sim/schema/dotted_json.h"

namespace llmb::company_parts {

namespace {

// Every amount of a result in `currency`: the numbers under a key with "_usd" multiplied by
// its rate and the key renamed, and a "currency" block saying which rate. Dollars: unchanged.
Json in_currency(const Json& j, const DisplayCurrency& currency, bool money) {
  if (j.is_object()) {
    Json out = Json::object();
    for (const auto& [key, value] : j.items()) {
      const bool is_amount = money || key.find("_usd") != std::string::npos;
      out[money_key(key, currency.code)] = in_currency(value, currency, is_amount);
    }
    return out;
  }
  if (j.is_array()) {
    Json out = Json::array();
    for (const auto& value : j) out.push_back(in_currency(value, currency, money));
    return out;
  }
  if (money && j.is_number()) return j.get<double>() * currency.per_usd;
  return j;
}

// The monthly fan's columns, after the month's own: P10, P50, P90 of cash, revenue and burn.
struct FanColumn {
  const char* key;
  Percentiles FanMonth::*field;
  double Percentiles::*quantile;
};
constexpr FanColumn kFanColumns[] = {
    {"cash_p10_usd", &FanMonth::cash_usd, &Percentiles::p10},
    {"cash_p50_usd", &FanMonth::cash_usd, &Percentiles::p50},
    {"cash_p90_usd", &FanMonth::cash_usd, &Percentiles::p90},
    {"revenue_p10_usd", &FanMonth::revenue_usd, &Percentiles::p10},
    {"revenue_p50_usd", &FanMonth::revenue_usd, &Percentiles::p50},
    {"revenue_p90_usd", &FanMonth::revenue_usd, &Percentiles::p90},
    {"burn_p10_usd", &FanMonth::burn_usd, &Percentiles::p10},
    {"burn_p50_usd", &FanMonth::burn_usd, &Percentiles::p50},
    {"burn_p90_usd", &FanMonth::burn_usd, &Percentiles::p90},
};

}  // namespace

std::string percent_text(double fraction) {
  return std::isfinite(fraction) ? fmt::format("{:.0f}%", fraction * 100) : "n/a";
}

std::string whole_text(double v) {
  return format_grouped(std::round(v));
}

std::string month_text(double month) {
  return month < 0 || !std::isfinite(month) ? "never" : fmt::format("month {:.0f}", month);
}

std::string months_text(double months, double horizon) {
  return months >= horizon ? fmt::format("{:.0f}+ (horizon)", horizon)
                           : fmt::format("{:.0f}", months);
}

Json with_currency(const Json& j, const DisplayCurrency& currency) {
  if (currency.code == "USD") return j;
  Json out = in_currency(j, currency, false);
  out["currency"] = {
      {"code", currency.code}, {"per_usd", currency.per_usd}, {"rate", currency.rate_note}};
  return out;
}

Json outcome_json(const CompanyOutcome& o, double horizon) {
  Json j;
  j["funding_needed_usd"] = o.funding_needed_usd;
  j["break_even_month"] = o.break_even_month < 0 ? Json(nullptr) : Json(o.break_even_month);
  j["runway_months"] = o.runway_months;
  j["runway_reaches_horizon"] = o.runway_months >= horizon;
  j["runs_out_before_break_even"] = o.runs_out_before_break_even > 0;
  j["cash_at_end_usd"] = o.cash_at_end_usd;
  j["revenue_at_end_usd_per_month"] = o.revenue_at_end_usd_per_month;
  j["gross_margin_at_month_24"] = json_number(o.gross_margin_at_month_24);
  j["customers_at_end"] = o.customers_at_end;
  j["revenue_total_usd"] = o.revenue_total_usd;
  j["committed_idle_usd"] = o.committed_idle_usd;
  j["residual_value_usd"] = o.residual_value_usd;
  for (const auto& f : company_spend_fields()) set_dotted_key(j, f.key, f.base_value(o));
  return j;
}

Json months_json(const std::vector<CompanyMonth>& months) {
  Json list = Json::array();
  for (const auto& m : months) {
    Json row;
    for (const auto& f : company_month_fields())
      row[std::string(f.key)] = json_number(f.base_value(m));
    list.push_back(row);
  }
  return list;
}

// `with_fan`: the Monte Carlo fan's columns too, empty where `fan` is null.
std::string months_csv(const std::vector<CompanyMonth>& months, const std::string& prefix_header,
                       const std::string& prefix, const DisplayCurrency& currency, bool with_fan,
                       const CompanyFan* fan) {
  std::string out = prefix_header;
  const auto fields = company_month_fields();
  for (std::size_t i = 0; i < fields.size(); ++i)
    out += (i ? "," : "") + money_key(fields[i].key, currency.code);
  if (with_fan)
    for (const FanColumn& c : kFanColumns) out += "," + money_key(c.key, currency.code);
  out += "\n";
  for (std::size_t row = 0; row < months.size(); ++row) {
    const CompanyMonth& m = months[row];
    out += prefix;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const bool is_amount = fields[i].dimension == Dimension::kUsd;
      const double v = fields[i].base_value(m) * (is_amount ? currency.per_usd : 1.0);
      out += (i ? "," : "") + (std::isfinite(v) ? fmt::format("{:.17g}", v) : std::string());
    }
    if (with_fan)
      for (const FanColumn& c : kFanColumns) {
        out += ",";
        if (fan && row < fan->months.size())
          out += fmt::format("{:.17g}", fan->months[row].*c.field.*c.quantile * currency.per_usd);
      }
    out += "\n";
  }
  return out;
}

}  // namespace llmb::company_parts
