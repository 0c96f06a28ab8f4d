#include "sim/output/company_report.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string_view>

#include "sim/company/company_fields.h"
#include "sim/output/company_parts.h"
#include "sim/output/investor_report.h"
#include "sim/schema/dotted_json.h"
#include "sim/schema/format.h"
#include "sim/schema/text_table.h"

namespace llmb {
namespace {

using namespace company_parts;

std::string outcome_table(const SimulatedCompany& s) {
  const CompanyOutcome& o = s.outcome;
  const double horizon = s.company.inputs.horizon_months;
  TextList outcome;
  outcome.add("funding needed (lowest cash point)", format_money(o.funding_needed_usd, s.currency));
  outcome.add("break-even", month_text(o.break_even_month));
  outcome.add("runway with the planned rounds, months", months_text(o.runway_months, horizon));
  outcome.add("runs out of cash before break-even",
              o.runs_out_before_break_even > 0 ? "yes" : "no");
  outcome.add("gross margin at month 24", percent_text(o.gross_margin_at_month_24));
  outcome.add("revenue per month at the end",
              format_money(o.revenue_at_end_usd_per_month, s.currency));
  outcome.add("cash at the end", format_money(o.cash_at_end_usd, s.currency));
  if (o.committed_idle_usd > 0)
    outcome.add("paid for reserved GPUs left idle", format_money(o.committed_idle_usd, s.currency));
  if (o.residual_value_usd > 0)
    outcome.add("bought clusters' value at the end",
                format_money(o.residual_value_usd, s.currency));
  TextList spend(4);
  for (const auto& f : company_spend_fields())
    spend.add(std::string(f.label), format_money(f.base_value(o), s.currency));
  std::string out = outcome.text() + "  spend over the horizon\n" + spend.text();
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
  TextTable months({{"month"},
                    {"funding"},
                    {"revenue"},
                    {"costs"},
                    {"burn"},
                    {"cash"},
                    {"margin"},
                    {"people"},
                    {"GPU trn"},
                    {"GPU srv"},
                    {"customers"},
                    {"paying users"}});
  for (const auto& m : s.months)
    months.row({fmt::format("{:.0f}", m.month),
                m.funding_usd > 0 ? format_money(m.funding_usd, s.currency) : "",
                format_money(m.revenue_usd, s.currency), format_money(m.costs_usd, s.currency),
                format_money(m.burn_usd, s.currency), format_money(m.cash_usd, s.currency),
                percent_text(m.gross_margin), whole_text(m.headcount), whole_text(m.training_gpus),
                whole_text(m.serving_gpus), whole_text(m.customers), whole_text(m.paying_users)});
  out += months.text();
  return out;
}

}  // namespace llmb
