#include "sim/output/compare_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "sim/company/company_fields.h"
#include "sim/output/company_parts.h"
#include "sim/output/investor_report.h"
#include "sim/schema/dotted_json.h"
#include "sim/schema/text_table.h"

namespace llmb {

namespace {

using namespace company_parts;

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
  std::string out;
  std::vector<std::string> notes;
  for (const auto& c : companies)
    if (!c.simulated.currency.rate_note.empty() &&
        std::find(notes.begin(), notes.end(), c.simulated.currency.rate_note) == notes.end())
      notes.push_back(c.simulated.currency.rate_note);
  for (const auto& note : notes) out += fmt::format("Amounts in {}\n", note);
  std::vector<TextColumn> columns = {{"", Align::kLeft}};
  for (const auto& c : companies) columns.push_back({c.simulated.company.name});
  TextTable table(std::move(columns), 0, 2);
  auto row = [&](const std::string& label,
                 const std::function<std::string(const ComparedCompany&)>& cell) {
    std::vector<std::string> cells = {label};
    for (const auto& c : companies) cells.push_back(cell(c));
    table.row(std::move(cells));
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
      [&](auto& c) { return percent_text(outcome(c).gross_margin_at_month_24); });
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
      return fmt::format("{} + {}", whole_text(r.customers), whole_text(r.paying_users));
    });
  }
  row("cash at the end", [&](auto& c) { return money(c, outcome(c).cash_at_end_usd); });
  table.line("investors");
  for (const InvestorSummaryRow& line : investor_summary_rows())
    row(fmt::format("  {}", line.label), [&](auto& c) { return line.cell(c.simulated); });
  table.line("spend over the horizon");
  for (const auto& category : company_spend_fields())
    row(fmt::format("  {}", category.label),
        [&](auto& c) { return money(c, category.base_value(outcome(c))); });
  row("  total", [&](auto& c) {
    double total = 0;
    for (const auto& category : company_spend_fields()) total += category.base_value(outcome(c));
    return money(c, total);
  });
  // The bridge: what each company's net burn over the horizon (spend less revenue) differs from
  // the first's by, category by category; the rows add up to the last.
  if (companies.size() > 1) {
    const CompanyOutcome& first = companies.front().simulated.outcome;
    auto signed_money = [&](const ComparedCompany& c, double usd) {
      return (usd > 0 ? "+" : "") + money(c, usd);
    };
    table.line(fmt::format("net burn against {}, by category (+: burns more)",
                           companies.front().simulated.company.name));
    for (const auto& category : company_spend_fields())
      row(fmt::format("  {}", category.label), [&](auto& c) {
        return &c == &companies.front()
                   ? std::string("-")
                   : signed_money(c, category.base_value(outcome(c)) - category.base_value(first));
      });
    row("  less revenue", [&](auto& c) {
      return &c == &companies.front()
                 ? std::string("-")
                 : signed_money(c, first.revenue_total_usd - outcome(c).revenue_total_usd);
    });
    row("  net burn difference", [&](auto& c) {
      if (&c == &companies.front()) return std::string("-");
      double difference = first.revenue_total_usd - outcome(c).revenue_total_usd;
      for (const auto& category : company_spend_fields())
        difference += category.base_value(outcome(c)) - category.base_value(first);
      return signed_money(c, difference);
    });
  }

  if (!any_mc) return out + table.text();
  table.line(
      fmt::format("Monte Carlo ({} samples each), P10 / P50 / P90",
                  companies.front().monte_carlo ? companies.front().monte_carlo->samples : 0));
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
         [](auto& mc, auto&) { return percent_text(mc.probability_runs_out_before_break_even); });
  mc_row("  P(no break-even within the horizon)",
         [](auto& mc, auto&) { return percent_text(mc.probability_never_breaks_even); });
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
  out += table.text();
  for (const auto& c : companies) {
    if (!c.monte_carlo) continue;
    out += fmt::format("\nWhat moves {}'s funding needed (each input at its P10 and P90 alone)\n",
                       c.simulated.company.name);
    TextTable sensitivity(
        {{"input", Align::kLeft}, {"P10 .. P90"}, {"funding needed at P10 .. P90"}, {"swing"}});
    for (const auto& s : c.monte_carlo->sensitivity)
      sensitivity.row(
          {s.path,
           fmt::format("{} .. {}", format_input_value(s.low_value, s.dimension),
                       format_input_value(s.high_value, s.dimension)),
           fmt::format("{} .. {}", money(c, s.funding_at_low_usd), money(c, s.funding_at_high_usd)),
           money(c, s.swing_usd)});
    out += sensitivity.text();
  }
  return out;
}

}  // namespace llmb
