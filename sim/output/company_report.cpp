#include "sim/output/company_report.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string_view>

#include "sim/company/company_fields.h"
#include "sim/output/investor_report.h"
#include "sim/schema/dotted_json.h"
#include "sim/schema/format.h"

namespace llmb {
namespace {

using Json = nlohmann::ordered_json;

std::string percent(double fraction) {
  return std::isfinite(fraction) ? fmt::format("{:.0f}%", fraction * 100) : "n/a";
}

std::string whole(double v) {
  return format_grouped(std::round(v));
}

std::string month_text(double month) {
  return month < 0 || !std::isfinite(month) ? "never" : fmt::format("month {:.0f}", month);
}

std::string months_text(double months, double horizon) {
  return months >= horizon ? fmt::format("{:.0f}+ (horizon)", horizon)
                           : fmt::format("{:.0f}", months);
}

// The spend categories, in report order, with their totals from an outcome.
struct Category {
  const char* key;
  const char* label;
  double CompanyOutcome::*total;
};
constexpr Category kCategories[] = {
    {"people_usd", "people", &CompanyOutcome::spend_people_usd},
    {"training_usd", "training", &CompanyOutcome::spend_training_usd},
    {"serving_usd", "serving (GPUs or API)", &CompanyOutcome::spend_serving_usd},
    {"data_usd", "data and labelling", &CompanyOutcome::spend_data_usd},
    {"customization_usd", "per-customer work", &CompanyOutcome::spend_customization_usd},
    {"other_usd", "other operating costs", &CompanyOutcome::spend_other_usd},
    {"cluster_usd", "owned cluster (bought)", &CompanyOutcome::spend_cluster_usd},
};

// Every amount of a result in `currency`: the numbers under a key with "_usd" multiplied by
// its rate and the key renamed, and a "currency" block saying which rate. Dollars: unchanged.
Json in_currency(const Json& j, const DisplayCurrency& currency, bool money = false) {
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

Json with_currency(const Json& j, const DisplayCurrency& currency) {
  if (currency.code == "USD") return j;
  Json out = in_currency(j, currency);
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
  Json spend;
  for (const auto& c : kCategories) spend[c.key] = o.*c.total;
  j["spend"] = spend;
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

// `with_fan`: the Monte Carlo fan's columns too, empty where `fan` is null.
std::string months_csv(const std::vector<CompanyMonth>& months, const std::string& prefix_header,
                       const std::string& prefix, const DisplayCurrency& currency,
                       bool with_fan = false, const CompanyFan* fan = nullptr) {
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

std::string outcome_table(const SimulatedCompany& s) {
  const CompanyOutcome& o = s.outcome;
  const double horizon = s.company.inputs.horizon_months;
  std::string out;
  out += fmt::format("  {:<40} {}\n", "funding needed (lowest cash point)",
                     format_money(o.funding_needed_usd, s.currency));
  out += fmt::format("  {:<40} {}\n", "break-even", month_text(o.break_even_month));
  out += fmt::format("  {:<40} {}\n", "runway with the planned rounds, months",
                     months_text(o.runway_months, horizon));
  out += fmt::format("  {:<40} {}\n", "runs out of cash before break-even",
                     o.runs_out_before_break_even > 0 ? "yes" : "no");
  out +=
      fmt::format("  {:<40} {}\n", "gross margin at month 24", percent(o.gross_margin_at_month_24));
  out += fmt::format("  {:<40} {}\n", "revenue per month at the end",
                     format_money(o.revenue_at_end_usd_per_month, s.currency));
  out +=
      fmt::format("  {:<40} {}\n", "cash at the end", format_money(o.cash_at_end_usd, s.currency));
  if (o.committed_idle_usd > 0)
    out += fmt::format("  {:<40} {}\n", "paid for reserved GPUs left idle",
                       format_money(o.committed_idle_usd, s.currency));
  if (o.residual_value_usd > 0)
    out += fmt::format("  {:<40} {}\n", "bought clusters' value at the end",
                       format_money(o.residual_value_usd, s.currency));
  out += "  spend over the horizon\n";
  for (const auto& c : kCategories)
    out += fmt::format("    {:<38} {}\n", c.label, format_money(o.*c.total, s.currency));
  for (const RunRentOrBuy& r : s.rent_or_buy)
    out += fmt::format(
        "  rent or buy, {}: {} GPUs, busy {:.1f}% of their hours to the horizon;\n"
        "    owning costs {} (price less value at the end, plus energy), renting the same "
        "GPU-hours {};\n    owning is cheaper above {:.0f}% utilisation\n",
        r.run, format_grouped(r.gpus), 100 * r.result.utilization,
        format_money(r.result.cost_owned_usd, s.currency),
        format_money(r.result.cost_rented_usd, s.currency), 100 * r.result.break_even_utilization);
  return out;
}

}  // namespace

std::string render_company(const SimulatedCompany& s, Format format) {
  const double horizon = s.company.inputs.horizon_months;
  if (format == Format::kJson) {
    Json j;
    j["name"] = s.company.name;
    j["file"] = s.company.file;
    j["horizon_months"] = horizon;
    j["outcome"] = outcome_json(s.outcome, horizon);
    j["investor"] = investor_json(s);
    Json rent = Json::array();
    for (const RunRentOrBuy& r : s.rent_or_buy)
      rent.push_back({{"run", r.run},
                      {"gpus", r.gpus},
                      {"utilization", r.result.utilization},
                      {"cost_owned_usd", r.result.cost_owned_usd},
                      {"cost_rented_usd", r.result.cost_rented_usd},
                      {"break_even_utilization", json_number(r.result.break_even_utilization)}});
    j["rent_or_buy"] = rent;
    j["months"] = months_json(s.months);
    return json_document(with_currency(j, s.currency));
  }
  if (format == Format::kCsv) return months_csv(s.months, "", "", s.currency);

  std::string out = fmt::format("{}\n", s.company.name);
  if (!s.company.description.empty()) out += fmt::format("{}\n", s.company.description);
  if (!s.currency.rate_note.empty()) out += fmt::format("Amounts in {}\n", s.currency.rate_note);
  out += "\n" + outcome_table(s) + "\n" + investor_table(s) + "\n";
  out +=
      fmt::format("  {:>5} {:>9} {:>9} {:>9} {:>9} {:>10} {:>6} {:>7} {:>7} {:>7} {:>9} {:>11}\n",
                  "month", "funding", "revenue", "costs", "burn", "cash", "margin", "people",
                  "GPU trn", "GPU srv", "customers", "paying users");
  for (const auto& m : s.months)
    out += fmt::format(
        "  {:>5.0f} {:>9} {:>9} {:>9} {:>9} {:>10} {:>6} {:>7} {:>7} {:>7} {:>9} {:>11}\n", m.month,
        m.funding_usd > 0 ? format_money(m.funding_usd, s.currency) : "",
        format_money(m.revenue_usd, s.currency), format_money(m.costs_usd, s.currency),
        format_money(m.burn_usd, s.currency), format_money(m.cash_usd, s.currency),
        percent(m.gross_margin), whole(m.headcount), whole(m.training_gpus), whole(m.serving_gpus),
        whole(m.customers), whole(m.paying_users));
  return out;
}

namespace {

// Months at which `compare` shows revenue and customers: months 12, 24, ... (months count from
// 0) within a horizon of `months` months, and the last.
std::vector<std::size_t> report_months(std::size_t months) {
  std::vector<std::size_t> out;
  for (std::size_t m = 12; m + 1 < months; m += 12) out.push_back(m);
  if (months > 0) out.push_back(months - 1);
  return out;
}

Json monte_carlo_json(const CompanyMonteCarlo& mc) {
  auto p = [](const Percentiles& q) {
    return Json{
        {"p10", json_number(q.p10)}, {"p50", json_number(q.p50)}, {"p90", json_number(q.p90)}};
  };
  Json j;
  j["samples"] = mc.samples;
  j["funding_needed_usd"] = p(mc.funding_needed_usd);
  j["runway_months"] = p(mc.runway_months);
  j["break_even_month"] = p(mc.break_even_month);  // null: never within the horizon
  j["cash_at_end_usd"] = p(mc.cash_at_end_usd);
  j["probability_runs_out_before_break_even"] = mc.probability_runs_out_before_break_even;
  j["probability_never_breaks_even"] = mc.probability_never_breaks_even;
  Json sensitivity = Json::array();
  for (const auto& s : mc.sensitivity)
    sensitivity.push_back({{"path", s.path},
                           {"p10_value", s.low_value},
                           {"p90_value", s.high_value},
                           {"funding_needed_at_p10_usd", s.funding_at_low_usd},
                           {"funding_needed_at_p90_usd", s.funding_at_high_usd},
                           {"swing_usd", s.swing_usd}});
  j["sensitivity"] = sensitivity;
  Json fan_months = Json::array();
  for (std::size_t m = 0; m < mc.fan.months.size(); ++m) {
    const FanMonth& f = mc.fan.months[m];
    fan_months.push_back({{"month", m},
                          {"cash_usd", p(f.cash_usd)},
                          {"revenue_usd", p(f.revenue_usd)},
                          {"burn_usd", p(f.burn_usd)}});
  }
  j["fan"] = {{"samples", mc.fan.samples}, {"months", fan_months}};
  return j;
}

std::string percentile_text(const Percentiles& p, const std::function<std::string(double)>& show) {
  return fmt::format("{} / {} / {}", show(p.p10), show(p.p50), show(p.p90));
}

}  // namespace

std::string render_comparison(const std::vector<ComparedCompany>& companies, Format format) {
  if (format == Format::kJson) {
    Json list = Json::array();
    for (const auto& c : companies) {
      const double horizon = c.simulated.company.inputs.horizon_months;
      Json j;
      j["name"] = c.simulated.company.name;
      j["file"] = c.simulated.company.file;
      j["horizon_months"] = horizon;
      j["outcome"] = outcome_json(c.simulated.outcome, horizon);
      if (c.raise_usd) {
        j["raise_usd"] = *c.raise_usd;
        j["runway_for_raise_months"] = c.runway_for_raise_months;
      }
      j["investor"] = investor_summary_json(c.simulated);
      Json scaling = Json::array();
      for (std::size_t m : report_months(c.simulated.months.size())) {
        const CompanyMonth& row = c.simulated.months[m];
        scaling.push_back({{"month", m},
                           {"revenue_usd", row.revenue_usd},
                           {"customers", row.customers},
                           {"paying_users", row.paying_users}});
      }
      j["revenue_and_customers"] = scaling;
      if (c.monte_carlo) j["monte_carlo"] = monte_carlo_json(*c.monte_carlo);
      list.push_back(with_currency(j, c.simulated.currency));
    }
    return json_document(list);
  }
  const bool any_mc = std::any_of(companies.begin(), companies.end(), [](const ComparedCompany& c) {
    return c.monte_carlo.has_value();
  });
  if (format == Format::kCsv) {
    // One header, then every month of every company, named in the first column; with a Monte
    // Carlo, each month's fan of cash, revenue and burn after its own figures.
    std::string out;
    for (std::size_t i = 0; i < companies.size(); ++i) {
      const auto& mc = companies[i].monte_carlo;
      const std::string rows =
          months_csv(companies[i].simulated.months, "company,",
                     csv_quoted(companies[i].simulated.company.name) + ",",
                     companies[i].simulated.currency, any_mc, mc ? &mc->fan : nullptr);
      out += i == 0 ? rows : rows.substr(rows.find('\n') + 1);
    }
    return out;
  }

  // Rows of figures, one column per company.
  constexpr int kLabel = 44, kColumn = 24;
  std::string out;
  std::vector<std::string> notes;
  for (const auto& c : companies)
    if (!c.simulated.currency.rate_note.empty() &&
        std::find(notes.begin(), notes.end(), c.simulated.currency.rate_note) == notes.end())
      notes.push_back(c.simulated.currency.rate_note);
  for (const auto& note : notes) out += fmt::format("Amounts in {}\n", note);
  out += fmt::format("{:<{}}", "", kLabel);
  for (const auto& c : companies)
    out += fmt::format(" {:>{}}", c.simulated.company.name.substr(0, kColumn), kColumn);
  out += "\n";
  auto row = [&](const std::string& label,
                 const std::function<std::string(const ComparedCompany&)>& cell) {
    out += fmt::format("{:<{}}", label, kLabel);
    for (const auto& c : companies) out += fmt::format(" {:>{}}", cell(c), kColumn);
    out += "\n";
  };
  auto outcome = [](const ComparedCompany& c) -> const CompanyOutcome& {
    return c.simulated.outcome;
  };
  auto horizon = [](const ComparedCompany& c) { return c.simulated.company.inputs.horizon_months; };
  auto money = [](const ComparedCompany& c, double usd) {
    return format_money(usd, c.simulated.currency);
  };

  row("funding needed (lowest cash point)",
      [&](auto& c) { return money(c, outcome(c).funding_needed_usd); });
  row("break-even", [&](auto& c) { return month_text(outcome(c).break_even_month); });
  row("runway with the planned rounds, months",
      [&](auto& c) { return months_text(outcome(c).runway_months, horizon(c)); });
  if (companies.front().raise_usd)
    row(fmt::format("runway on {} raised at month 0, months",
                    format_usd(*companies.front().raise_usd)),
        [&](auto& c) { return months_text(c.runway_for_raise_months, horizon(c)); });
  row("gross margin at month 24",
      [&](auto& c) { return percent(outcome(c).gross_margin_at_month_24); });
  std::size_t longest = 0;
  for (const auto& c : companies) longest = std::max(longest, c.simulated.months.size());
  for (std::size_t m : report_months(longest)) {
    row(fmt::format("revenue per month at month {}", m), [&](auto& c) {
      return m < c.simulated.months.size() ? money(c, c.simulated.months[m].revenue_usd)
                                           : std::string();
    });
    row(fmt::format("  contracts + paying users at month {}", m), [&](auto& c) {
      if (m >= c.simulated.months.size()) return std::string();
      const CompanyMonth& r = c.simulated.months[m];
      return fmt::format("{} + {}", whole(r.customers), whole(r.paying_users));
    });
  }
  row("cash at the end", [&](auto& c) { return money(c, outcome(c).cash_at_end_usd); });
  out += "investors\n";
  for (const InvestorSummaryRow& line : investor_summary_rows())
    row(fmt::format("  {}", line.label), [&](auto& c) { return line.cell(c.simulated); });
  out += "spend over the horizon\n";
  for (const auto& category : kCategories)
    row(fmt::format("  {}", category.label),
        [&](auto& c) { return money(c, outcome(c).*category.total); });
  row("  total", [&](auto& c) {
    double total = 0;
    for (const auto& category : kCategories) total += outcome(c).*category.total;
    return money(c, total);
  });
  // The bridge: what each company's net burn over the horizon (spend less revenue) differs from
  // the first's by, category by category; the rows add up to the last.
  if (companies.size() > 1) {
    const CompanyOutcome& first = companies.front().simulated.outcome;
    auto signed_money = [&](const ComparedCompany& c, double usd) {
      return (usd > 0 ? "+" : "") + money(c, usd);
    };
    out += fmt::format("net burn against {}, by category (+: burns more)\n",
                       companies.front().simulated.company.name);
    for (const auto& category : kCategories)
      row(fmt::format("  {}", category.label), [&](auto& c) {
        return &c == &companies.front()
                   ? std::string("-")
                   : signed_money(c, outcome(c).*category.total - first.*category.total);
      });
    row("  less revenue", [&](auto& c) {
      return &c == &companies.front()
                 ? std::string("-")
                 : signed_money(c, first.revenue_total_usd - outcome(c).revenue_total_usd);
    });
    row("  net burn difference", [&](auto& c) {
      if (&c == &companies.front()) return std::string("-");
      double difference = first.revenue_total_usd - outcome(c).revenue_total_usd;
      for (const auto& category : kCategories)
        difference += outcome(c).*category.total - first.*category.total;
      return signed_money(c, difference);
    });
  }

  if (!any_mc) return out;
  out += fmt::format("Monte Carlo ({} samples each), P10 / P50 / P90\n",
                     companies.front().monte_carlo ? companies.front().monte_carlo->samples : 0);
  auto mc_row =
      [&](const std::string& label,
          const std::function<std::string(const CompanyMonteCarlo&, const ComparedCompany&)>&
              cell) {
        row(label, [&](const ComparedCompany& c) {
          return c.monte_carlo ? cell(*c.monte_carlo, c) : std::string("(no distributions)");
        });
      };
  mc_row("  funding needed", [&](auto& mc, auto& c) {
    return percentile_text(mc.funding_needed_usd, [&](double v) { return money(c, v); });
  });
  mc_row("  runway with the planned rounds, months", [&](auto& mc, auto& c) {
    return percentile_text(mc.runway_months, [&](double v) { return months_text(v, horizon(c)); });
  });
  mc_row("  break-even month", [](auto& mc, auto&) {
    return percentile_text(mc.break_even_month, [](double v) {
      return std::isfinite(v) ? fmt::format("{:.0f}", v) : std::string("never");
    });
  });
  mc_row("  P(out of cash before break-even)",
         [](auto& mc, auto&) { return percent(mc.probability_runs_out_before_break_even); });
  mc_row("  P(no break-even within the horizon)",
         [](auto& mc, auto&) { return percent(mc.probability_never_breaks_even); });
  // The fan at the report months, as a chart of it reads (JSON and CSV have every month).
  for (std::size_t m : report_months(longest)) {
    mc_row(fmt::format("  cash at month {}", m), [&](auto& mc, auto& c) {
      if (m >= mc.fan.months.size()) return std::string();
      return percentile_text(mc.fan.months[m].cash_usd, [&](double v) { return money(c, v); });
    });
    mc_row(fmt::format("  revenue per month at month {}", m), [&](auto& mc, auto& c) {
      if (m >= mc.fan.months.size()) return std::string();
      return percentile_text(mc.fan.months[m].revenue_usd, [&](double v) { return money(c, v); });
    });
  }
  for (const auto& c : companies) {
    if (!c.monte_carlo) continue;
    out += fmt::format("\nWhat moves {}'s funding needed (each input at its P10 and P90 alone)\n",
                       c.simulated.company.name);
    for (const auto& s : c.monte_carlo->sensitivity)
      out +=
          fmt::format("  {:<48} {:>12} .. {:<12} funding {:>8} .. {:<8} swing {}\n", s.path,
                      format_input_value(s.low_value, s.dimension),
                      format_input_value(s.high_value, s.dimension), money(c, s.funding_at_low_usd),
                      money(c, s.funding_at_high_usd), money(c, s.swing_usd));
  }
  return out;
}

}  // namespace llmb
