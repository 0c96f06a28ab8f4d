#include "sim/output/investor_report.h"

#include <fmt/format.h>

#include <cmath>

#include "sim/schema/dotted_json.h"
#include "sim/schema/format.h"
#include "sim/schema/text_table.h"

namespace llmb {
namespace {

using Json = nlohmann::ordered_json;

std::string share(double fraction) {
  return std::isfinite(fraction) ? fmt::format("{:.1f}%", 100 * fraction) : "n/a";
}

std::string months_or_never(double months) {
  return std::isfinite(months) ? fmt::format("{:.0f}", months) : "never";
}

std::string multiple(double v) {
  if (!std::isfinite(v)) return "no new ARR";
  if (v == 0) return "not burning";
  return fmt::format("{:.2f}x", v);
}

std::string growth(double v) {
  return std::isfinite(v) ? fmt::format("{:+.0f}%", 100 * v) : "n/a";
}

double at_month(const SimulatedCompany& s, std::size_t m, double (*field)(const InvestorMonth&)) {
  return m < s.investor_months.size() ? field(s.investor_months[m]) : NAN;
}

// Net burn over months [from, to] over the ARR added between the month before and `to`.
double burn_multiple_between(const SimulatedCompany& s, std::size_t from, std::size_t to) {
  if (to >= s.months.size() || from == 0) return NAN;
  double burn = 0;
  for (std::size_t m = from; m <= to; ++m) burn += s.months[m].burn_usd;
  if (!(burn > 0)) return 0;
  const double added = 12 * (s.months[to].revenue_usd - s.months[from - 1].revenue_usd);
  return added > 0 ? burn / added : NAN;
}

// A cell that shows no money reads no currency.
std::function<std::string(double, const DisplayCurrency&)> plain(std::string (*show)(double)) {
  return [show](double v, const DisplayCurrency&) { return show(v); };
}

}  // namespace

std::string InvestorSummaryRow::cell(const SimulatedCompany& s) const {
  return shown(value(s), s.currency);
}

const std::vector<InvestorSummaryRow>& investor_summary_rows() {
  static const std::vector<InvestorSummaryRow> rows{
      {"arr_month_12_usd", "ARR at month 12",
       [](const SimulatedCompany& s) {
         return at_month(s, 12, [](const InvestorMonth& m) { return m.arr_usd; });
       },
       [](double v, const DisplayCurrency& c) {
         return std::isfinite(v) ? format_money(v, c) : "n/a";
       }},
      {"arr_month_24_usd", "ARR at month 24",
       [](const SimulatedCompany& s) {
         return at_month(s, 24, [](const InvestorMonth& m) { return m.arr_usd; });
       },
       [](double v, const DisplayCurrency& c) {
         return std::isfinite(v) ? format_money(v, c) : "n/a";
       }},
      {"arr_growth_year_2", "ARR growth over year 2",
       [](const SimulatedCompany& s) {
         return at_month(s, 24, [](const InvestorMonth& m) { return m.arr_growth; });
       },
       plain(growth)},
      {"burn_multiple_year_2", "burn multiple over year 2 (Sacks)",
       [](const SimulatedCompany& s) { return burn_multiple_between(s, 12, 23); }, plain(multiple)},
      {"default_alive_month_12", "default alive at month 12 (Graham)",
       [](const SimulatedCompany& s) {
         return at_month(s, 12, [](const InvestorMonth& m) { return m.default_alive; });
       },
       [](double v, const DisplayCurrency&) {
         return std::isfinite(v) ? (v > 0 ? "alive" : "dead") : "n/a";
       }},
      {"default_alive_month_24", "default alive at month 24 (Graham)",
       [](const SimulatedCompany& s) {
         return at_month(s, 24, [](const InvestorMonth& m) { return m.default_alive; });
       },
       [](double v, const DisplayCurrency&) {
         return std::isfinite(v) ? (v > 0 ? "alive" : "dead") : "n/a";
       }},
      {"founders_after_last_round", "founders' share after the last round",
       [](const SimulatedCompany& s) {
         return s.cap_table.empty() ? NAN : s.cap_table.back().founders;
       },
       plain(share)},
      {"last_post_money_usd", "post-money of the last round",
       [](const SimulatedCompany& s) {
         return s.cap_table.empty() ? NAN : s.cap_table.back().post_money_usd;
       },
       [](double v, const DisplayCurrency& c) {
         return std::isfinite(v) ? format_money(v, c) : "unpriced";
       }},
  };
  return rows;
}

Json investor_summary_json(const SimulatedCompany& s) {
  Json j;
  for (const InvestorSummaryRow& row : investor_summary_rows())
    j[row.key] = json_number(row.value(s));
  return j;
}

Json investor_json(const SimulatedCompany& s) {
  Json j;
  Json cap = Json::array();
  for (std::size_t k = 0; k < s.cap_table.size(); ++k) {
    const CapTableRow& row = s.cap_table[k];
    Json investors = Json::object();
    for (std::size_t r = 0; r <= k; ++r) investors[s.company.round_names[r]] = row.investors[r];
    cap.push_back({{"round", s.company.round_names[k]},
                   {"month", s.company.inputs.rounds[k].month},
                   {"pre_money_usd", row.pre_money_usd},
                   {"post_money_usd", row.post_money_usd},
                   {"founders", row.founders},
                   {"option_pool", row.option_pool},
                   {"investors", investors}});
  }
  j["cap_table"] = cap;
  Json quarters = Json::array();
  for (const InvestorQuarter& q : s.quarters)
    quarters.push_back({{"quarter", q.quarter},
                        {"net_burn_usd", q.net_burn_usd},
                        {"arr_end_usd", q.arr_end_usd},
                        {"net_new_arr_usd", q.net_new_arr_usd},
                        {"burn_multiple", json_number(q.burn_multiple)}});
  j["quarters"] = quarters;
  Json months = Json::array();
  for (std::size_t m = 0; m < s.investor_months.size(); ++m) {
    const InvestorMonth& row = s.investor_months[m];
    months.push_back({{"month", m},
                      {"arr_usd", row.arr_usd},
                      {"arr_growth", json_number(row.arr_growth)},
                      {"net_burn_usd", row.net_burn_usd},
                      {"runway_at_net_burn_months", json_number(row.runway_months)},
                      {"default_alive", row.default_alive > 0},
                      {"months_to_next_round", json_number(row.months_to_raise)}});
  }
  j["months"] = months;
  j["summary"] = investor_summary_json(s);
  return j;
}

std::string investor_table(const SimulatedCompany& s) {
  std::string out;
  if (!s.cap_table.empty()) {
    out += "  cap table after each round (fully diluted)\n";
    std::vector<TextColumn> columns = {
        {"round", Align::kLeft}, {"pre-money"}, {"post-money"}, {"founders"}, {"pool"}};
    for (const std::string& name : s.company.round_names) columns.push_back({name});
    TextTable cap(std::move(columns), 4);
    for (std::size_t k = 0; k < s.cap_table.size(); ++k) {
      const CapTableRow& row = s.cap_table[k];
      std::vector<std::string> cells = {
          fmt::format("{} (m{:.0f})", s.company.round_names[k], s.company.inputs.rounds[k].month),
          format_money(row.pre_money_usd, s.currency), format_money(row.post_money_usd, s.currency),
          share(row.founders), share(row.option_pool)};
      for (std::size_t r = 0; r < s.cap_table.size(); ++r)
        cells.push_back(r <= k ? share(row.investors[r]) : "");
      cap.row(std::move(cells));
    }
    out += cap.text();
  } else if (!s.company.round_names.empty()) {
    out += "  cap table: the rounds have no pre_money valuation\n";
  }
  out +=
      "  by quarter: ARR (revenue x 12), burn multiple (net burn / net new ARR, Sacks 2020),\n"
      "  runway at the last 3 months' net burn, default alive (Graham 2015), months until\n"
      "  cash runs out without the rounds still to come\n";
  TextTable quarters({{"quarter"},
                      {"ARR"},
                      {"growth"},
                      {"net burn"},
                      {"new ARR"},
                      {"multiple"},
                      {"runway"},
                      {"default"},
                      {"to raise"}},
                     4);
  for (const InvestorQuarter& q : s.quarters) {
    const InvestorMonth& end = s.investor_months[static_cast<std::size_t>(3 * q.quarter + 2)];
    quarters.row({fmt::format("Q{:.0f}", q.quarter + 1), format_money(q.arr_end_usd, s.currency),
                  growth(end.arr_growth), format_money(q.net_burn_usd, s.currency),
                  format_money(q.net_new_arr_usd, s.currency), multiple(q.burn_multiple),
                  months_or_never(end.runway_months), end.default_alive > 0 ? "alive" : "dead",
                  months_or_never(end.months_to_raise)});
  }
  return out + quarters.text();
}

}  // namespace llmb
